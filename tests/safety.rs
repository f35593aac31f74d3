//! The safety net through the real binary: atomic exports, checked backups, a locked or broken
//! database, Russian help and errors, closed output streams.

use crate::util::{Cli, SAMPLE, s};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_mms-monitor");

/// Runs the binary through `sh` with a file-size limit of `blocks` × 512 bytes: writes past it
/// fail as on a full disk (`trap '' XFSZ`: the error is returned, the process is not killed),
/// or, with `kill`, the process is killed mid-write.
fn limited(cli: &Cli, blocks: u32, kill: bool, args: &[&str]) -> Output {
    let trap = if kill { "" } else { "trap '' XFSZ; " };
    let script = format!("{trap}ulimit -f {blocks}; exec \"$0\" \"$@\"");
    Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(BIN)
        .args(args)
        .current_dir(cli.dir.path())
        .env("MMS_MONITOR_DB", cli.path("default.db"))
        .output()
        .unwrap()
}

/// Keeps the database open in the test, so its 32 KB shared-memory file exists already and a
/// process under [`limited`] fails where the test means it to, not on opening the database.
fn hold_open(db: &Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(db).unwrap();
    let _: i64 = conn.query_row("SELECT count(*) FROM campaigns", [], |r| r.get(0)).unwrap();
    conn
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Hidden temporaries (`.NAME.PID.tmp`) left in `dir`.
fn temporaries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp") || n.contains(".tmp-"))
        .collect()
}

fn backups(db: &Path) -> Vec<PathBuf> {
    let dir = db.parent().unwrap().join("backups");
    let mut found: Vec<PathBuf> =
        std::fs::read_dir(dir).map(|d| d.map(|e| e.unwrap().path()).collect()).unwrap_or_default();
    found.sort();
    found
}

/// A database with the sample campaign and `rounds` backups of different states.
fn database_with_backups(cli: &Cli, rounds: usize) -> PathBuf {
    let db = cli.db();
    cli.ok(&["import", SAMPLE, "--db", s(&db)]);
    let text = std::fs::read_to_string(SAMPLE).unwrap();
    for round in 0..rounds {
        let changed = text.replacen("\"title\": \"", &format!("\"title\": \"Раунд {round}: "), 1);
        assert_ne!(changed, text, "the sample has a title to change");
        let file = cli.write(&format!("round-{round}.json"), changed);
        cli.ok(&["import", s(&file), "--db", s(&db)]);
    }
    assert_eq!(backups(&db).len(), rounds);
    db
}

#[test]
fn a_full_disk_keeps_every_previous_export_and_leaves_no_temporary() {
    let cli = Cli::new();
    let db = database_with_backups(&cli, 0);
    let _open = hold_open(&db);
    for name in ["out.json", "out.xlsx", "out.csv"] {
        let path = cli.write(name, "прежний файл");
        let out = limited(&cli, 1, false, &["export", "--campaign", "1", "--out", name, "--db", s(&db)]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{name}: {err}");
        assert!(err.contains(name) && err.contains("не удалось записать"), "{err}");
        assert!(err.contains("допустимый размер"), "the reason in Russian: {err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "прежний файл", "{name}");
    }
    let note = cli.write("note.pdf", "прежняя справка");
    let out = limited(&cli, 1, false, &["report", "--input", SAMPLE, "--out", "note.pdf"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&note).unwrap(), "прежняя справка");
    let template = cli.write("t.xlsx", "прежний шаблон");
    let out = limited(&cli, 1, false, &["template", "--out", "t.xlsx"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&template).unwrap(), "прежний шаблон");
    assert_eq!(temporaries(cli.dir.path()), Vec::<String>::new());
}

#[test]
fn a_killed_export_keeps_the_previous_file_and_the_next_one_cleans_up() {
    let cli = Cli::new();
    let note = cli.write("note.pdf", "прежняя справка");
    let out = limited(&cli, 1, true, &["report", "--input", SAMPLE, "--out", "note.pdf"]);
    assert!(!out.status.success(), "killed by SIGXFSZ");
    assert_eq!(std::fs::read_to_string(&note).unwrap(), "прежняя справка");
    assert_eq!(temporaries(cli.dir.path()).len(), 1, "the killed write left its temporary");
    cli.ok(&["report", "--input", SAMPLE, "--out", "note.pdf"]);
    assert!(std::fs::read(&note).unwrap().starts_with(b"%PDF"));
    assert_eq!(temporaries(cli.dir.path()), Vec::<String>::new(), "the orphan is removed");
}

#[test]
fn failed_backups_never_push_out_good_ones() {
    let cli = Cli::new();
    let db = database_with_backups(&cli, 3);
    let good = backups(&db);
    let before = std::fs::read(&db).unwrap();
    let _open = hold_open(&db);
    for _ in 0..10 {
        let out = limited(&cli, 1, false, &["import", SAMPLE, "--db", s(&db)]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(err.contains("не удалось сделать резервную копию") && err.contains("база данных не изменена"), "{err}");
        assert!(!err.contains("error"), "{err}");
    }
    assert_eq!(backups(&db), good, "the three good copies are all kept, no failed copy stays");
    assert_eq!(std::fs::read(&db).unwrap(), before, "the database is unchanged");
}

#[test]
fn a_locked_database_is_refused_without_taking_a_copy() {
    let cli = Cli::new();
    let db = database_with_backups(&cli, 1);
    let good = backups(&db);
    let lock = rusqlite::Connection::open(&db).unwrap();
    lock.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let err = cli.fails(&["import", SAMPLE, "--db", s(&db)]);
    assert!(err.contains("занята другой копией программы"), "{err}");
    lock.execute_batch("ROLLBACK").unwrap();
    drop(lock);
    assert_eq!(backups(&db), good, "no copy of a locked database");
}

#[test]
fn a_killed_import_leaves_checked_backups_and_a_working_database() {
    let cli = Cli::new();
    let db = database_with_backups(&cli, 1);
    let dir = db.parent().unwrap().join("backups");
    // What a process killed in the middle of a copy leaves, and an empty copy of an old version.
    std::fs::write(dir.join("test-20260101-000000.000-before-import.db.tmp"), b"SQLite format 3\0half").unwrap();
    std::fs::write(dir.join("test-20260101-000000.000-before-import.db.tmp-journal"), b"x").unwrap();
    std::fs::write(dir.join("test-20250101-000000.000-before-import.db"), b"").unwrap();
    for delay_ms in [5, 40, 120] {
        let mut child = Command::new(BIN)
            .args(["import", SAMPLE, "--db", s(&db)])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        child.kill().unwrap();
        child.wait().unwrap();
    }
    cli.ok(&["campaigns", "--db", s(&db)]);
    cli.ok(&["import", SAMPLE, "--db", s(&db)]);
    let copies = backups(&db);
    assert!(!copies.is_empty());
    for copy in &copies {
        let name = copy.file_name().unwrap().to_string_lossy();
        assert!(name.ends_with(".db"), "only finished copies remain: {copies:?}");
        let check = rusqlite::Connection::open(copy).unwrap();
        let verdict: String = check.query_row("PRAGMA quick_check", [], |r| r.get(0)).unwrap();
        assert_eq!(verdict, "ok", "{name}");
    }
}

#[cfg(unix)]
#[test]
fn the_database_its_backups_and_exports_of_names_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let cli = Cli::new();
    let db = database_with_backups(&cli, 1);
    assert_eq!(mode(&db), 0o600);
    assert_eq!(mode(&backups(&db)[0]), 0o600);
    assert_eq!(mode(db.parent().unwrap().join("backups").as_path()), 0o700);
    cli.ok(&["export", "--campaign", "1", "--out", "names.json", "--with-names", "--db", s(&db)]);
    cli.ok(&["export", "--campaign", "1", "--out", "names.xlsx", "--with-names", "--db", s(&db)]);
    cli.ok(&["report", "--campaign", "1", "--out", "names.pdf", "--with-names", "--db", s(&db)]);
    for name in ["names.json", "names.xlsx", "names.pdf"] {
        assert_eq!(mode(&cli.path(name)), 0o600, "{name}");
    }
    cli.ok(&["export", "--campaign", "1", "--out", "plain.json", "--db", s(&db)]);
    assert_ne!(mode(&cli.path("plain.json")), 0o600, "no names: the usual permissions");
}

#[test]
fn a_damaged_database_names_the_newest_good_backup() {
    let cli = Cli::new();
    let db = database_with_backups(&cli, 2);
    let newest = backups(&db).pop().unwrap();
    let mut bytes = std::fs::read(&db).unwrap();
    let page = u16::from_be_bytes([bytes[16], bytes[17]]) as usize;
    for b in bytes.iter_mut().skip(page) {
        *b = 0x55;
    }
    std::fs::write(&db, bytes).unwrap();
    let err = cli.fails(&["import", SAMPLE, "--db", s(&db)]);
    assert!(err.contains(s(&db)) && err.contains("база данных повреждена"), "{err}");
    assert!(err.contains(newest.file_name().unwrap().to_str().unwrap()), "the backup to restore: {err}");
    assert!(!err.contains("malformed"), "{err}");
    let err = cli.fails(&["campaigns", "--db", s(&db)]);
    assert!(err.contains("повреждена") && !err.contains("malformed"), "{err}");
}

#[test]
fn disk_errors_of_the_database_are_russian() {
    let cli = Cli::new();
    // A new database is created only by a command that writes (a reading command refuses a
    // missing file), so the disk-full creation is met by `import`.
    let out = limited(&cli, 0, false, &["import", SAMPLE, "--db", "new.db"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("new.db") && err.contains("ошибка чтения или записи диска"), "{err}");
    assert!(!err.contains("disk I/O error"), "{err}");
    let dir = cli.path("folder.db");
    std::fs::create_dir(&dir).unwrap();
    let err = cli.fails(&["campaigns", "--db", s(&dir)]);
    assert!(err.contains("folder.db") && err.contains("каталог"), "{err}");
    let file = cli.write("file.txt", "x");
    let err = cli.fails(&["import", SAMPLE, "--db", &format!("{}/x.db", s(&file))]);
    assert!(err.contains("не является каталогом"), "{err}");
}

#[cfg(unix)]
/// Whether this process may write into a read-only folder (root may): then read-only cases
/// cannot be staged with permissions.
fn permissions_are_bypassed(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let probe = dir.join("ro");
    std::fs::create_dir(&probe).unwrap();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o555)).unwrap();
    let bypassed = std::fs::write(probe.join("x"), b"x").is_ok();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o755)).unwrap();
    bypassed
}

#[cfg(unix)]
#[test]
fn a_read_only_database_is_explained() {
    use std::os::unix::fs::PermissionsExt;
    let cli = Cli::new();
    if permissions_are_bypassed(cli.dir.path()) {
        eprintln!("running as root: read-only files cannot be staged; covered by storage's unit tests");
        return;
    }
    let db = database_with_backups(&cli, 0);
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).unwrap();
    let err = cli.fails(&["import", SAMPLE, "--db", s(&db)]);
    assert!(err.contains("только для чтения") && !err.contains("readonly"), "{err}");
}

#[test]
fn help_and_argument_errors_are_russian() {
    let cli = Cli::new();
    let help = cli.ok(&["--help"]);
    assert!(help.contains("Использование: mms-monitor [ПАРАМЕТРЫ] [КОМАНДА]"), "{help}");
    assert!(
        help.contains("Команды:") && help.contains("Показать справку") && help.contains("Показать версию"),
        "{help}"
    );
    let out = cli.run(&["imprt", "x.json"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.starts_with("ошибка: неизвестная команда «imprt»") && err.contains("import"), "{err}");
    assert!(!err.contains("Usage") && !err.contains("error:"), "{err}");
}

#[test]
fn closed_output_streams_end_quietly() {
    // stdout closed before the table is written (`assess … | head -0`).
    let mut child = Command::new(BIN)
        .args(["assess", "--input", SAMPLE])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    // The help into a closed pipe.
    let mut child = Command::new(BIN).arg("--help").stdout(Stdio::piped()).spawn().unwrap();
    drop(child.stdout.take());
    assert_eq!(child.wait().unwrap().code(), Some(0));
    // An error into a closed stderr pipe: the error's exit code, no panic (101).
    let mut child = Command::new(BIN)
        .args(["assess", "--input", "nowhere.json"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stderr.take());
    assert_eq!(child.wait().unwrap().code(), Some(1));
    // `2>&-` and `>&-`: no stream at all.
    let out =
        Command::new("sh").arg("-c").arg("exec \"$0\" assess --input nowhere.json 2>&-").arg(BIN).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let out = Command::new("sh").arg("-c").arg("exec \"$0\" imprt 2>&-").arg(BIN).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = Command::new("sh")
        .arg("-c")
        .arg("exec \"$0\" assess --input \"$1\" >&-")
        .arg(BIN)
        .arg(SAMPLE)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn a_migration_killed_at_any_moment_leaves_an_old_or_a_new_database() {
    use mms_monitor::storage::migrations::{MIGRATIONS, latest};
    let cli = Cli::new();
    let db = cli.path("old.db");
    let version =
        |conn: &rusqlite::Connection| -> i64 { conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap() };
    for delay_ms in [0, 2, 5, 10, 20, 40] {
        let _ = std::fs::remove_file(&db);
        let old = rusqlite::Connection::open(&db).unwrap();
        old.execute_batch(MIGRATIONS[0]).unwrap();
        old.execute_batch(
            "INSERT INTO campaigns (uuid, title, region, reference_date, created_at)
             VALUES ('11111111-1111-4111-8111-111111111111', 'Старая', 'Приморский край', '2021-12-31', '2022-01-01');
             PRAGMA user_version = 1;",
        )
        .unwrap();
        drop(old);
        let mut child = Command::new(BIN)
            .args(["campaigns", "--db", s(&db)])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        child.wait().unwrap();
        let conn = rusqlite::Connection::open(&db).unwrap();
        let found = version(&conn);
        assert!(found == 1 || found == latest(), "schema {found} after a kill at {delay_ms} ms");
        let title: String = conn.query_row("SELECT title FROM campaigns", [], |r| r.get(0)).unwrap();
        assert_eq!(title, "Старая");
        for copy in backups(&db).iter().filter(|p| p.extension().is_some_and(|e| e == "db")) {
            let check = rusqlite::Connection::open(copy).unwrap();
            assert_eq!(version(&check), 1, "a finished copy is the database before the migration");
        }
    }
    let listing = cli.ok(&["campaigns", "--db", s(&db)]);
    assert!(listing.contains("Старая"), "{listing}");
    let conn = rusqlite::Connection::open(&db).unwrap();
    assert_eq!(version(&conn), latest());
    assert!(backups(&db).iter().all(|p| p.extension().is_some_and(|e| e == "db")), "{:?}", backups(&db));
}

#[cfg(target_os = "linux")]
#[test]
fn output_to_a_full_disk_is_a_russian_error() {
    let out = Command::new("sh")
        .arg("-c")
        .arg("exec \"$0\" assess --input \"$1\" > /dev/full")
        .arg(BIN)
        .arg(SAMPLE)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.starts_with("ошибка: не удалось вывести результат: на диске нет места"), "{err}");
    assert!(!err.contains("os error"), "{err}");
}

#[cfg(target_os = "linux")]
#[test]
fn without_a_display_the_app_says_so_in_russian() {
    let cli = Cli::new();
    let out = Command::new(BIN)
        .current_dir(cli.dir.path())
        .env("MMS_MONITOR_DB", cli.path("default.db"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("WAYLAND_SOCKET")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.starts_with("ошибка: не удалось открыть окно программы: не найден графический сеанс"), "{err}");
    assert!(!err.contains("neither") && !err.contains("winit"), "{err}");
}

#[test]
fn a_database_with_a_broken_header_points_to_its_backup() {
    let cli = Cli::new();
    let db = database_with_backups(&cli, 1);
    let newest = backups(&db).pop().unwrap();
    let mut bytes = std::fs::read(&db).unwrap();
    bytes[..16].copy_from_slice(b"garbage garbage!");
    std::fs::write(&db, bytes).unwrap();
    let err = cli.fails(&["campaigns", "--db", s(&db)]);
    assert!(err.contains("не является базой данных"), "{err}");
    assert!(err.contains(newest.file_name().unwrap().to_str().unwrap()), "{err}");
}

#[test]
fn a_process_killed_in_the_middle_of_a_backup_leaves_the_good_ones() {
    let cli = Cli::new();
    let db = database_with_backups(&cli, 2);
    let good = backups(&db);
    let before = std::fs::read(&db).unwrap();
    let open = hold_open(&db);
    // Killed (SIGXFSZ) by the copy's first page: the one write past the limit.
    let out = limited(&cli, 1, true, &["import", SAMPLE, "--db", s(&db)]);
    assert!(out.status.code().is_none(), "killed by a signal: {out:?}");
    let left = backups(&db);
    let finished: Vec<&PathBuf> = left.iter().filter(|p| p.extension().is_some_and(|e| e == "db")).collect();
    assert_eq!(finished, good.iter().collect::<Vec<_>>(), "only the good copies have a name: {left:?}");
    assert!(left.iter().any(|p| p.to_string_lossy().ends_with(".db.tmp")), "the killed copy's temporary: {left:?}");
    drop(open);
    assert_eq!(std::fs::read(&db).unwrap(), before, "the database is untouched");
    cli.ok(&["import", SAMPLE, "--db", s(&db)]);
    let after = backups(&db);
    assert!(after.iter().all(|p| p.extension().is_some_and(|e| e == "db")), "the orphan is removed: {after:?}");
    assert!(good.iter().all(|p| after.contains(p)), "the good copies are all kept");
}

#[test]
fn a_migration_killed_in_the_middle_of_its_backup_keeps_the_old_database() {
    use mms_monitor::storage::migrations::{MIGRATIONS, latest};
    let cli = Cli::new();
    let db = cli.path("old.db");
    let old = rusqlite::Connection::open(&db).unwrap();
    old.execute_batch(MIGRATIONS[0]).unwrap();
    old.execute_batch(
        "PRAGMA journal_mode = WAL;
         INSERT INTO campaigns (uuid, title, region, reference_date, created_at)
         VALUES ('11111111-1111-4111-8111-111111111111', 'Старая', 'Приморский край', '2021-12-31', '2022-01-01');
         PRAGMA user_version = 1;",
    )
    .unwrap();
    let out = limited(&cli, 1, true, &["campaigns", "--db", s(&db)]);
    assert!(out.status.code().is_none(), "killed by a signal: {out:?}");
    let version: i64 = old.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, 1, "not migrated half-way");
    drop(old);
    let listing = cli.ok(&["campaigns", "--db", s(&db)]);
    assert!(listing.contains("Старая"), "{listing}");
    let copies = backups(&db);
    assert_eq!(copies.len(), 1, "one finished copy, the orphan removed: {copies:?}");
    let copy = rusqlite::Connection::open(&copies[0]).unwrap();
    let copied: i64 = copy.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(copied, 1);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let migrated: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(migrated, latest());
}
