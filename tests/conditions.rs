//! SQLite conditions through the real binary: a read-only database file or folder, and a disk
//! that fills up during an import — each a Russian message naming the file and what to do, exit
//! code 1, and nothing partial left behind (the database unchanged, no backup, no temporary).

use crate::util::{Cli, SAMPLE, s};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_mms-monitor");

/// The unprivileged user the binary runs as when the tests run as root (who may write anywhere,
/// so a read-only file would not be one for the program).
const NOBODY: u32 = 65534;

/// Whether file permissions bind this process (root ignores them).
fn permissions_bind(dir: &Path) -> bool {
    let probe = dir.join(".probe");
    std::fs::create_dir(&probe).unwrap();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o555)).unwrap();
    let bypassed = std::fs::write(probe.join("x"), b"x").is_ok();
    let _ = std::fs::remove_file(probe.join("x"));
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::remove_dir(&probe).unwrap();
    !bypassed
}

/// A user for whom permissions bind: this one, or (as root) nobody.
struct User {
    as_nobody: bool,
}

impl User {
    /// `None` when the tests run as root and cannot start the binary as nobody.
    fn unprivileged(cli: &Cli) -> Option<User> {
        if permissions_bind(cli.dir.path()) {
            return Some(User { as_nobody: false });
        }
        // nobody needs to enter the temporary folder (created owner-only).
        std::fs::set_permissions(cli.dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
        let user = User { as_nobody: true };
        // The binary may sit in a folder nobody cannot enter (a CI checkout under /root…).
        match user.try_run(cli, &["--help"]) {
            Ok(probe) if probe.status.success() => Some(user),
            Ok(probe) => {
                eprintln!("the binary cannot run as nobody here: {}", String::from_utf8_lossy(&probe.stderr));
                None
            }
            Err(e) => {
                eprintln!("the binary cannot run as nobody here: {e}");
                None
            }
        }
    }

    fn run(&self, cli: &Cli, args: &[&str]) -> Output {
        self.try_run(cli, args).unwrap()
    }

    fn try_run(&self, cli: &Cli, args: &[&str]) -> std::io::Result<Output> {
        let mut command = Command::new(BIN);
        command.args(args).current_dir(cli.dir.path()).env("MMS_MONITOR_DB", cli.path("default.db"));
        if self.as_nobody {
            command.uid(NOBODY).gid(NOBODY).env("HOME", cli.dir.path());
        }
        command.output()
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every file under `dir` with its bytes, the database's WAL and shared memory aside.
fn contents(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut found = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                folders.push(path);
            } else if !name.ends_with("-shm") && !name.ends_with("-wal") {
                found.push((path.clone(), std::fs::read(&path).unwrap()));
            }
        }
    }
    found.sort();
    found
}

/// A folder holding a database with the sample campaign, everything in it closed.
fn database_in_folder(cli: &Cli) -> (PathBuf, PathBuf) {
    let folder = cli.path("база");
    std::fs::create_dir(&folder).unwrap();
    let db = folder.join("мониторинг.db");
    cli.ok(&["import", SAMPLE, "--db", s(&db)]);
    (folder, db)
}

/// The sample with another title: importing it changes the database.
fn changed_sample(cli: &Cli) -> PathBuf {
    let text = std::fs::read_to_string(SAMPLE).unwrap();
    let changed = text.replacen("\"title\": \"", "\"title\": \"Изменённая: ", 1);
    assert_ne!(changed, text);
    cli.write("изменённая.json", changed)
}

fn set_mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn an_import_into_a_read_only_database_file_is_refused_and_changes_nothing() {
    let cli = Cli::new();
    let Some(user) = User::unprivileged(&cli) else { return };
    let (folder, db) = database_in_folder(&cli);
    let file = changed_sample(&cli);
    // The folder is writable (SQLite may add its shared-memory file), the database is not.
    set_mode(&folder, 0o777);
    set_mode(&db, 0o444);
    let before = contents(&folder);

    let out = user.run(&cli, &["import", s(&file), "--db", s(&db)]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        format!(
            "ошибка: {}: импорт не выполнен: {}: запись в базу данных невозможна — файл или его каталог доступен \
             только для чтения; проверьте права доступа или укажите другую базу: --db ПУТЬ\n",
            file.display(),
            db.display()
        )
    );
    assert_eq!(contents(&folder), before, "the database unchanged, no backup and no temporary left");

    // Reading it still works.
    let out = user.run(&cli, &["campaigns", "--db", s(&db)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Мониторинг"), "the campaign is listed");
}

#[test]
fn an_import_into_a_database_in_a_read_only_folder_is_refused_and_changes_nothing() {
    let cli = Cli::new();
    let Some(user) = User::unprivileged(&cli) else { return };
    let (folder, db) = database_in_folder(&cli);
    let file = changed_sample(&cli);
    // The database may be written, but nothing may be created beside it (its journal, a backup).
    set_mode(&db, 0o666);
    set_mode(&folder, 0o555);
    let before = contents(&folder);

    let out = user.run(&cli, &["import", s(&file), "--db", s(&db)]);
    set_mode(&folder, 0o755);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        format!(
            "ошибка: {}: запись в базу данных невозможна — файл или его каталог доступен только для чтения; \
             проверьте права доступа или укажите другую базу: --db ПУТЬ\n",
            db.display()
        )
    );
    assert_eq!(contents(&folder), before, "the database unchanged, no backup and no temporary left");
}

/// Runs `import FILE --db DB` with the database copied onto a file system of `kib` KiB (a tmpfs
/// mounted in a user namespace: no privileges needed), then copies what is left there into
/// `left`. `None` when this system allows no such namespace.
fn import_on_a_small_disk(cli: &Cli, db: &Path, file: &Path, kib: u64, left: &Path) -> Option<(Output, PathBuf)> {
    let disk = cli.path("диск");
    std::fs::create_dir_all(&disk).unwrap();
    std::fs::create_dir_all(left).unwrap();
    let script = r#"mount -t tmpfs -o size="$1"k none "$2" || exit 97
cp "$3" "$2/база.db" || exit 98
"$5" import "$4" --db "$2/база.db"
status=$?
cp -a "$2/." "$6/"
exit $status"#;
    let out = Command::new("unshare")
        .args(["--user", "--map-root-user", "--mount", "sh", "-c", script, "sh"])
        .arg(kib.to_string())
        .args([&disk, db, file, Path::new(BIN), left])
        .current_dir(cli.dir.path())
        .env("MMS_MONITOR_DB", cli.path("default.db"))
        .output()
        .ok()?;
    if matches!(out.status.code(), Some(97 | 98)) || (out.status.code() == Some(1) && stderr(&out).contains("unshare"))
    {
        eprintln!("no small file system can be mounted here: {}", stderr(&out));
        return None;
    }
    Some((out, disk.join("база.db")))
}

/// A questionnaire file large enough to fill a small disk.
fn large_file(cli: &Cli) -> PathBuf {
    let mut campaign = mms_monitor::model::synthetic::generate(300, 6, 3);
    campaign.title = "Большая кампания".into();
    let file = cli.path("большая.json");
    mms_monitor::interchange::write_file(&campaign, &file).unwrap();
    file
}

fn campaigns_in(db: &Path) -> usize {
    mms_monitor::storage::Db::open(db).unwrap().campaigns().unwrap().len()
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        contents(dir).into_iter().map(|(p, _)| p.strip_prefix(dir).unwrap().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[cfg(target_os = "linux")]
#[test]
fn a_disk_that_fills_up_during_an_import_is_explained_and_nothing_is_written() {
    let cli = Cli::new();
    // An empty database (its schema only): the import takes no backup, the write fills the disk.
    let db = cli.path("пустая.db");
    drop(mms_monitor::storage::Db::open(&db).unwrap());
    let file = large_file(&cli);
    let size_kib = std::fs::metadata(&db).unwrap().len() / 1024;
    let left = cli.path("осталось");
    let Some((out, on_disk)) = import_on_a_small_disk(&cli, &db, &file, size_kib + 160, &left) else { return };
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        format!(
            "ошибка: {}: импорт не выполнен: {}: на диске нет места — база данных не изменена; освободите место и \
             повторите\n",
            file.display(),
            on_disk.display()
        )
    );
    assert_eq!(names(&left), ["база.db"], "no backup, no temporary");
    assert_eq!(campaigns_in(&left.join("база.db")), 0, "nothing of the import was written");
}

#[cfg(target_os = "linux")]
#[test]
fn a_disk_without_room_for_the_backup_refuses_the_import_before_writing() {
    let cli = Cli::new();
    let (_folder, db) = database_in_folder(&cli);
    let file = large_file(&cli);
    let size_kib = std::fs::metadata(&db).unwrap().len() / 1024;
    let left = cli.path("осталось");
    let Some((out, on_disk)) = import_on_a_small_disk(&cli, &db, &file, size_kib + 96, &left) else { return };
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    let backups = on_disk.parent().unwrap().join("backups");
    // The backup's own name carries the time: the message names it inside the backups folder.
    let head = format!("ошибка: {}: импорт не выполнен: {}/", file.display(), backups.display());
    assert!(err.starts_with(&head), "{err}");
    assert!(
        err.ends_with(
            "-before-import.db: не удалось сделать резервную копию, база данных не изменена: на диске нет места — \
             освободите место и повторите\n"
        ),
        "{err}"
    );
    assert_eq!(names(&left), ["база.db"], "no partial backup, no temporary");
    assert_eq!(std::fs::read(left.join("база.db")).unwrap(), std::fs::read(&db).unwrap(), "the database unchanged");
}
