//! The inbox ledger. A file's state is the folder it lies in:
//! `inbox/` (waiting) → `inbox/.work/` (claimed, in flight) → `inbox/.processed/` (done) or
//! `inbox/.failed/` (rejected, with `NAME.error.json` beside it).
//!
//! Invariants:
//! - a file is claimed by one rename, so no two workers take it; renames never replace an
//!   existing file (`RENAME_NOREPLACE`), a name clash gets a numbered suffix instead;
//! - only regular files are read: symlinks are never followed, FIFOs never block (the open
//!   is non-blocking and re-checked with fstat), hard-linked files are refused;
//! - a file is read with a bound (`max_file_bytes + 1`) and never loaded whole beyond it;
//! - nothing is deleted unless `inbox.delete_processed` says so.

use crate::error::{Error, ErrorKind, Rejection, Result};
use std::ffi::{OsStr, OsString};
use std::io::Read;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

pub const WORK: &str = ".work";
pub const PROCESSED: &str = ".processed";
pub const FAILED: &str = ".failed";

/// Suffixes writers use for files still being written; never picked up.
const TEMP_SUFFIXES: &[&str] = &[".tmp", ".part", ".partial", ".crdownload", ".swp", "~"];

/// The inbox folders.
#[derive(Debug, Clone)]
pub struct Inbox {
    pub root: PathBuf,
    pub work: PathBuf,
    pub processed: PathBuf,
    pub failed: PathBuf,
}

/// Should a name in the inbox ever be picked up?
pub fn eligible(name: &OsStr) -> bool {
    let b = name.as_bytes();
    if b.is_empty() || b.first() == Some(&b'.') {
        return false;
    }
    !TEMP_SUFFIXES.iter().any(|s| b.ends_with(s.as_bytes()))
}

/// A printable form of a file name for logs and error files (control characters escaped).
pub fn display_name(name: &OsStr) -> String {
    name.to_string_lossy()
        .chars()
        .flat_map(|c| {
            if c.is_control() {
                c.escape_default().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect()
}

/// rename(2) that fails with `AlreadyExists` instead of replacing the target.
pub fn rename_noreplace(from: &Path, to: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    let f = CString::new(from.as_os_str().as_bytes())
        .map_err(|_| std::io::Error::from(std::io::ErrorKind::InvalidInput))?;
    let t = CString::new(to.as_os_str().as_bytes())
        .map_err(|_| std::io::Error::from(std::io::ErrorKind::InvalidInput))?;
    // SAFETY: both pointers are valid NUL-terminated strings for the duration of the call.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            f.as_ptr(),
            libc::AT_FDCWD,
            t.as_ptr(),
            libc::RENAME_NOREPLACE,
        )
    };
    if r == 0 {
        return Ok(());
    }
    let err = std::io::Error::last_os_error();
    // File systems without RENAME_NOREPLACE: check, then rename (racy only against other
    // writers of our private folders, which do not exist).
    if err.raw_os_error() == Some(libc::EINVAL) || err.raw_os_error() == Some(libc::ENOSYS) {
        if std::fs::symlink_metadata(to).is_ok() {
            return Err(std::io::Error::from(std::io::ErrorKind::AlreadyExists));
        }
        return std::fs::rename(from, to);
    }
    Err(err)
}

/// Moves `from` into `dir` under `name`, adding `.1`, `.2`, … when the name is taken.
/// Returns the final path.
pub fn move_unique(from: &Path, dir: &Path, name: &OsStr) -> std::io::Result<PathBuf> {
    let mut target = dir.join(name);
    for n in 1..10_000u32 {
        match rename_noreplace(from, &target) {
            Ok(()) => return Ok(target),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                let mut s = OsString::from(name);
                s.push(format!(".{n}"));
                target = dir.join(s);
            }
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::from(std::io::ErrorKind::AlreadyExists))
}

impl Inbox {
    /// Opens (creating when missing) the inbox and its ledger folders.
    /// The folders of an inbox at `root`, without touching the disk.
    pub fn at(root: &Path) -> Inbox {
        Inbox {
            root: root.to_path_buf(),
            work: root.join(WORK),
            processed: root.join(PROCESSED),
            failed: root.join(FAILED),
        }
    }

    pub fn open(root: &Path) -> Result<Inbox> {
        std::fs::create_dir_all(root).map_err(|e| Error::io(root, e))?;
        // Absolute, so paths in watcher events compare equal to ours.
        let root = &std::fs::canonicalize(root).map_err(|e| Error::io(root, e))?;
        let ib = Inbox::at(root);
        for d in [&ib.root, &ib.work, &ib.processed, &ib.failed] {
            std::fs::create_dir_all(d).map_err(|e| Error::io(d, e))?;
        }
        Ok(ib)
    }

    /// Claims `name` by renaming it into `.work/`. `Ok(None)` when it is gone (another
    /// claim won) or a file of that name is still in flight (it waits for the next scan).
    pub fn claim(&self, name: &OsStr) -> Result<Option<PathBuf>> {
        let from = self.root.join(name);
        let to = self.work.join(name);
        match rename_noreplace(&from, &to) {
            Ok(()) => Ok(Some(to)),
            Err(e)
                if e.kind() == std::io::ErrorKind::NotFound
                    || e.kind() == std::io::ErrorKind::AlreadyExists =>
            {
                Ok(None)
            }
            Err(e) => Err(Error::io(from, e)),
        }
    }

    /// What `.work/` holds (left by a crash): to be processed again.
    pub fn in_flight(&self) -> Result<Vec<OsString>> {
        let rd = std::fs::read_dir(&self.work).map_err(|e| Error::io(&self.work, e))?;
        Ok(rd.filter_map(|e| e.ok()).map(|e| e.file_name()).collect())
    }

    /// The input's output is durable: move it to `.processed/` (or delete it).
    pub fn finish(&self, work_path: &Path, name: &OsStr, delete: bool) -> Result<()> {
        if delete {
            return std::fs::remove_file(work_path).map_err(|e| Error::io(work_path, e));
        }
        move_unique(work_path, &self.processed, name)
            .map(|_| ())
            .map_err(|e| Error::io(work_path, e))
    }

    /// Rejects a claimed input: `.failed/NAME` and `.failed/NAME.error.json`.
    pub fn fail(&self, work_path: &Path, name: &OsStr, why: &Rejection) -> Result<PathBuf> {
        let target =
            move_unique(work_path, &self.failed, name).map_err(|e| Error::io(work_path, e))?;
        let final_name = target.file_name().unwrap_or(name).to_os_string();
        let mut err_name = final_name.clone();
        err_name.push(".error.json");
        let body = serde_json::json!({
            "file": display_name(&final_name),
            "error": why.reason,
            "kind": why.kind.as_str(),
            "at": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        });
        let err_path = self.failed.join(&err_name);
        // Unique per call: several decode workers reject files at once.
        static SEQ: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let seq = SEQ.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let tmp = self
            .failed
            .join(format!(".error-{}-{seq}.tmp", std::process::id()));
        std::fs::write(&tmp, format!("{body}\n"))
            .and_then(|_| std::fs::rename(&tmp, &err_path))
            .map_err(|e| Error::io(&err_path, e))?;
        Ok(target)
    }
}

/// Reads one input with every check the contract promises. Never follows a symlink, never
/// blocks on a FIFO, never reads more than `max_bytes + 1` bytes.
pub fn read_input(path: &Path, max_bytes: u64) -> std::result::Result<Vec<u8>, Rejection> {
    let meta = std::fs::symlink_metadata(path)
        .map_err(|e| Rejection::new(ErrorKind::Io, format!("cannot stat: {e}")))?;
    let ft = meta.file_type();
    if !ft.is_file() {
        let what = if ft.is_symlink() {
            "a symbolic link"
        } else if ft.is_dir() {
            "a directory"
        } else {
            use std::os::unix::fs::FileTypeExt;
            if ft.is_fifo() {
                "a fifo"
            } else if ft.is_socket() {
                "a socket"
            } else {
                "a device"
            }
        };
        return Err(Rejection::new(
            ErrorKind::NotRegularFile,
            format!("{what}, not a regular file; never followed or read"),
        ));
    }
    if meta.nlink() > 1 {
        return Err(Rejection::new(
            ErrorKind::HardLink,
            format!(
                "regular file with {} hard links; its content may belong elsewhere",
                meta.nlink()
            ),
        ));
    }
    if meta.len() > max_bytes {
        return Err(Rejection::new(
            ErrorKind::TooLarge,
            format!("{} bytes, limit is {max_bytes}", meta.len()),
        ));
    }
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
        .map_err(|e| Rejection::new(ErrorKind::Io, format!("cannot open: {e}")))?;
    // The name may have been swapped between stat and open: check what we opened.
    let m2 = file
        .metadata()
        .map_err(|e| Rejection::new(ErrorKind::Io, format!("cannot stat: {e}")))?;
    if !m2.file_type().is_file() {
        return Err(Rejection::new(
            ErrorKind::NotRegularFile,
            "not a regular file; never read",
        ));
    }
    let mut buf = Vec::with_capacity(m2.len().min(max_bytes) as usize + 1);
    file.take(max_bytes + 1)
        .read_to_end(&mut buf)
        .map_err(|e| Rejection::new(ErrorKind::Io, format!("cannot read: {e}")))?;
    if buf.len() as u64 > max_bytes {
        return Err(Rejection::new(
            ErrorKind::TooLarge,
            format!("more than {max_bytes} bytes (file grew while read)"),
        ));
    }
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eligibility() {
        let cases = [
            ("a.txt", true),
            ("berita", true),
            (".hidden", false),
            ("a.txt.tmp", false),
            ("a.part", false),
            ("a.partial", false),
            ("a.crdownload", false),
            ("a.swp", false),
            ("a.txt~", false),
            ("", false),
        ];
        for (n, want) in cases {
            assert_eq!(eligible(OsStr::new(n)), want, "{n}");
        }
    }

    #[test]
    fn display_name_escapes_controls() {
        assert_eq!(display_name(OsStr::new("a\nb\"c")), "a\\nb\"c");
    }

    #[test]
    fn move_unique_never_replaces() {
        let d = tempfile::tempdir().expect("tempdir");
        let a = d.path().join("a");
        let b = d.path().join("b");
        std::fs::create_dir(&b).expect("mkdir");
        std::fs::write(b.join("x"), "old").expect("write");
        std::fs::write(&a, "new").expect("write");
        let to = move_unique(&a, &b, OsStr::new("x")).expect("moved");
        assert_eq!(to, b.join("x.1"));
        assert_eq!(std::fs::read_to_string(b.join("x")).expect("read"), "old");
    }
}
