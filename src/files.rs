//! Writing the user's files safely, and saying in Russian why a file operation failed.
//!
//! Every file the program writes for the user (exports, templates, field packages, the note)
//! goes through [`write_atomic`]: the bytes go to a temporary file in the same folder, are
//! flushed to disk and checked, and only then replace the target by a rename — so a full disk,
//! a crash or a kill leaves the previous file of that name as it was. Files holding staff names
//! are created readable by their owner only (0600 on Unix).

use std::ffi::OsStr;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Who may read a file the program creates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// The usual permissions (the umask decides).
    Shared,
    /// The owner only (0600 on Unix): the file holds personal data.
    Private,
}

impl Access {
    /// [`Access::Private`] when the file holds staff names.
    pub fn for_names(names: bool) -> Access {
        if names { Access::Private } else { Access::Shared }
    }
}

/// Replaces `path` with `bytes`, or leaves the previous file intact and no temporary behind.
pub fn write_atomic(path: &Path, bytes: &[u8], access: Access) -> io::Result<()> {
    write_atomic_with(path, access, |w| w.write_all(bytes))
}

/// [`write_atomic`] with the contents produced by `fill`; an error from `fill` keeps the
/// previous file.
pub fn write_atomic_with(
    path: &Path,
    access: Access,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let Some(name) = path.file_name() else {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "не указано имя файла"));
    };
    let dir = folder(path);
    remove_orphans(&dir, name);
    let tmp = temp_path(&dir, name);
    let result = fill_and_check(&tmp, access, fill).and_then(|()| std::fs::rename(&tmp, path));
    match result {
        Ok(()) => {
            sync_folder(&dir);
            Ok(())
        }
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

fn fill_and_check(tmp: &Path, access: Access, fill: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    let file = create_new(tmp, access)?;
    let mut counting = Counting { inner: io::BufWriter::new(file), written: 0 };
    fill(&mut counting)?;
    let file = counting.inner.into_inner().map_err(|e| e.into_error())?;
    file.sync_all()?;
    drop(file);
    // Re-read the size from the file system: a short write that went unreported shows here.
    let on_disk = std::fs::metadata(tmp)?.len();
    if on_disk != counting.written {
        return Err(io::Error::other(format!(
            "записано {on_disk} байт из {} — файл не сохранён, прежний файл не тронут",
            counting.written
        )));
    }
    Ok(())
}

/// Creates a new file; [`Access::Private`] ones are 0600 on Unix from the first byte.
pub fn create_new(path: &Path, access: Access) -> io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    if access == Access::Private {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = access;
    options.open(path)
}

/// Creates `dir` and its parents; on Unix the new folders of private data are 0700.
pub fn create_folder(dir: &Path, access: Access) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    if access == Access::Private {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    #[cfg(not(unix))]
    let _ = access;
    builder.create(dir)
}

/// The folder `path` is in ("." for a bare file name).
pub fn folder(path: &Path) -> PathBuf {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// `.NAME.PID.tmp` beside the target: hidden, in the same file system, so the rename is atomic.
fn temp_path(dir: &Path, name: &OsStr) -> PathBuf {
    let mut tmp = std::ffi::OsString::from(".");
    tmp.push(name);
    tmp.push(format!(".{}.tmp", std::process::id()));
    dir.join(tmp)
}

/// Temporaries a killed earlier write of the same target left behind.
fn remove_orphans(dir: &Path, name: &OsStr) {
    let Some(name) = name.to_str() else { return };
    let prefix = format!(".{name}.");
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else { continue };
        let Some(middle) = file_name.strip_prefix(&prefix).and_then(|rest| rest.strip_suffix(".tmp")) else {
            continue;
        };
        if !middle.is_empty() && middle.bytes().all(|b| b.is_ascii_digit()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Makes the rename itself durable (Unix; Windows has no directory handles to flush).
pub fn sync_folder(dir: &Path) {
    #[cfg(unix)]
    if let Ok(handle) = std::fs::File::open(dir) {
        let _ = handle.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Counts the bytes that reach the file.
struct Counting<W> {
    inner: W,
    written: u64,
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Why a file operation failed, in Russian (the system's own text is in English).
pub fn describe(e: &io::Error) -> String {
    use io::ErrorKind as K;
    let text = match e.kind() {
        K::NotFound => "файл или каталог не найден",
        K::PermissionDenied => {
            "нет прав доступа или файл открыт в другой программе — закройте его, проверьте права на файл и каталог или выберите другое место"
        }
        K::AlreadyExists => "файл уже существует",
        K::StorageFull => "на диске нет места — освободите место и повторите",
        K::QuotaExceeded => "превышена дисковая квота — освободите место и повторите",
        K::FileTooLarge => "файл превышает допустимый размер (ограничение системы)",
        K::ReadOnlyFilesystem => "диск доступен только для чтения",
        K::IsADirectory => "по этому пути находится каталог, а не файл",
        K::NotADirectory => "часть пути не является каталогом",
        K::DirectoryNotEmpty => "каталог не пуст",
        K::InvalidFilename => "недопустимое имя файла",
        K::ResourceBusy | K::ExecutableFileBusy => "файл занят другой программой — закройте её и повторите",
        K::UnexpectedEof => "файл оборвался раньше времени",
        K::Interrupted => "операция прервана",
        K::TimedOut => "истекло время ожидания",
        K::CrossesDevices => "перенос между разными дисками невозможен",
        K::BrokenPipe => "вывод закрыт",
        K::InvalidInput | K::InvalidData | K::Other => match e.get_ref() {
            // Our own errors carry a Russian text; the system's are named by their code.
            Some(inner) => return inner.to_string(),
            None => "ошибка ввода-вывода",
        },
        _ => "ошибка ввода-вывода",
    };
    match e.raw_os_error() {
        Some(code) if text == "ошибка ввода-вывода" => format!("{text} (код системы {code})"),
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_write_replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("выгрузка.json");
        write_atomic(&path, b"old", Access::Shared).unwrap();
        write_atomic(&path, b"new contents", Access::Shared).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new contents");
        assert_eq!(leftovers(dir.path()), Vec::<String>::new());
    }

    #[test]
    fn a_writer_failing_midway_keeps_the_previous_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("таблицы.xlsx");
        std::fs::write(&path, b"previous").unwrap();
        let err = write_atomic_with(&path, Access::Shared, |w| {
            w.write_all(&[b'x'; 100_000])?;
            Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"))
        })
        .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::StorageFull);
        assert_eq!(std::fs::read(&path).unwrap(), b"previous");
        assert_eq!(leftovers(dir.path()), Vec::<String>::new());
    }

    #[test]
    fn a_directory_in_the_way_keeps_it_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("note.pdf");
        std::fs::create_dir(&path).unwrap();
        assert!(write_atomic(&path, b"pdf", Access::Shared).is_err());
        assert!(path.is_dir());
        assert_eq!(leftovers(dir.path()), Vec::<String>::new());
    }

    #[test]
    fn orphans_of_a_killed_write_are_removed_and_other_files_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.csv");
        std::fs::write(dir.path().join(".a.csv.12345.tmp"), b"half").unwrap();
        std::fs::write(dir.path().join(".a.csv.notes.tmp"), b"someone else's").unwrap();
        std::fs::write(dir.path().join(".b.csv.12345.tmp"), b"another target").unwrap();
        write_atomic(&path, b"x", Access::Shared).unwrap();
        assert_eq!(leftovers(dir.path()), vec![".a.csv.notes.tmp".to_string(), ".b.csv.12345.tmp".to_string()]);
    }

    #[cfg(unix)]
    #[test]
    fn private_files_are_for_the_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("names.json");
        write_atomic(&path, b"{}", Access::Private).unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    }

    #[test]
    fn system_errors_are_described_in_russian() {
        assert_eq!(describe(&io::Error::from(io::ErrorKind::NotFound)), "файл или каталог не найден");
        assert!(describe(&io::Error::from_raw_os_error(28)).starts_with("на диске нет места"));
        assert_eq!(describe(&io::Error::other("своя причина")), "своя причина");
        assert!(describe(&io::Error::from_raw_os_error(5)).contains("ошибка ввода-вывода"));
    }
}
