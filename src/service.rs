//! Running warta as a service: the one-daemon-per-inbox lock, `warta status`, `retry` and
//! `reprocess`, and the sd_notify protocol spoken to systemd.
//!
//! Invariants: the lock is an `flock` on `inbox/.lock`, released by the kernel when the
//! holder dies, so a killed daemon never blocks a restart; `retry`/`reprocess` move files
//! back with no-replace renames, so nothing is overwritten.

use crate::error::{Error, Result};
use crate::inbox::{display_name, eligible, move_unique, Inbox};
use serde::Serialize;
use std::ffi::OsString;
use std::fs::File;
use std::io::{Read, Seek, Write};
use std::os::fd::AsRawFd;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

pub const LOCK: &str = ".lock";

/// Held for the daemon's lifetime; dropping it (or dying) releases the inbox.
#[derive(Debug)]
pub struct InboxLock {
    _file: File,
}

fn try_flock(f: &File) -> bool {
    // SAFETY: flock on a descriptor we own.
    unsafe { libc::flock(f.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) == 0 }
}

fn read_pid(f: &mut File) -> String {
    let mut s = String::new();
    let _ = f.rewind().and_then(|_| f.read_to_string(&mut s));
    s.trim().to_string()
}

impl InboxLock {
    /// Takes the inbox, or fails naming the pid that holds it.
    pub fn acquire(inbox: &Path) -> Result<InboxLock> {
        let path = inbox.join(LOCK);
        let mut f = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        if !try_flock(&f) {
            return Err(Error::Locked {
                path: inbox.to_path_buf(),
                pid: read_pid(&mut f),
            });
        }
        f.set_len(0)
            .and_then(|_| f.rewind())
            .and_then(|_| writeln!(f, "{}", std::process::id()))
            .and_then(|_| f.flush())
            .map_err(|e| Error::io(&path, e))?;
        Ok(InboxLock { _file: f })
    }
}

/// The pid of the daemon holding the inbox, if one does.
pub fn holder(inbox: &Path) -> Option<u32> {
    let mut f = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(inbox.join(LOCK))
        .ok()?;
    if try_flock(&f) {
        // SAFETY: unlock what we just locked; nobody held it.
        unsafe { libc::flock(f.as_raw_fd(), libc::LOCK_UN) };
        return None;
    }
    read_pid(&mut f).parse().ok()
}

#[derive(Debug, Serialize, PartialEq)]
pub struct Failure {
    pub file: String,
    pub kind: String,
    pub error: String,
    pub at: String,
}

/// `warta status --json`.
#[derive(Debug, Serialize, PartialEq)]
pub struct Status {
    pub inbox: String,
    pub waiting: u64,
    pub in_flight: u64,
    pub processed: u64,
    pub failed: u64,
    pub recent_failures: Vec<Failure>,
    pub daemon_pid: Option<u32>,
}

/// Counts names without stat-ing them (one `getdents` stream per folder).
fn count(dir: &Path, mut keep: impl FnMut(&std::ffi::OsStr) -> bool) -> u64 {
    std::fs::read_dir(dir)
        .map(|rd| rd.flatten().filter(|e| keep(&e.file_name())).count() as u64)
        .unwrap_or(0)
}

pub fn status(root: &Path) -> Result<Status> {
    if !root.is_dir() {
        return Err(Error::io(
            root,
            std::io::Error::from(std::io::ErrorKind::NotFound),
        ));
    }
    let ib = Inbox::at(root);
    let is_error_file = |n: &std::ffi::OsStr| n.as_bytes().ends_with(b".error.json");
    // The five newest reasons: only the error files are stat-ed, never the inputs.
    let mut errors: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(&ib.failed)
        .map(|rd| {
            rd.flatten()
                .filter(|e| is_error_file(&e.file_name()))
                .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
                .collect()
        })
        .unwrap_or_default();
    errors.sort_by_key(|e| std::cmp::Reverse(e.0));
    let recent_failures = errors
        .iter()
        .take(5)
        .filter_map(|(_, p)| {
            let v: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(p).ok()?).ok()?;
            let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
            Some(Failure {
                file: s("file"),
                kind: s("kind"),
                error: s("error"),
                at: s("at"),
            })
        })
        .collect();
    Ok(Status {
        inbox: root.display().to_string(),
        waiting: count(root, eligible),
        in_flight: count(&ib.work, |_| true),
        processed: count(&ib.processed, |_| true),
        failed: count(&ib.failed, |n| {
            !is_error_file(n) && !n.as_bytes().starts_with(b".")
        }),
        recent_failures,
        daemon_pid: holder(root),
    })
}

impl Status {
    pub fn text(&self) -> String {
        let mut s = format!(
            "inbox      {}\ndaemon     {}\nwaiting    {}\nin flight  {}\nprocessed  {}\nfailed     {}\n",
            self.inbox,
            self.daemon_pid.map(|p| format!("running (pid {p})")).unwrap_or_else(|| "not running".into()),
            self.waiting,
            self.in_flight,
            self.processed,
            self.failed
        );
        for f in &self.recent_failures {
            s += &format!("  {}  {}  {}: {}\n", f.at, f.kind, f.file, f.error);
        }
        s
    }
}

/// Moves inputs back into the inbox: from `.failed/` (`retry`, removing their error files)
/// or from `.processed/` (`reprocess`). `names` empty means all. Returns the names moved.
pub fn requeue(root: &Path, from_failed: bool, names: &[OsString]) -> Result<Vec<String>> {
    let dir = root.join(if from_failed {
        crate::inbox::FAILED
    } else {
        crate::inbox::PROCESSED
    });
    let all: Vec<OsString> = if names.is_empty() {
        std::fs::read_dir(&dir)
            .map_err(|e| Error::io(&dir, e))?
            .flatten()
            .map(|e| e.file_name())
            .filter(|n| !n.as_bytes().starts_with(b".") && !n.as_bytes().ends_with(b".error.json"))
            .collect()
    } else {
        names.to_vec()
    };
    let mut moved = Vec::new();
    for name in all {
        let from = dir.join(&name);
        if std::fs::symlink_metadata(&from).is_err() {
            return Err(Error::io(
                &from,
                std::io::Error::from(std::io::ErrorKind::NotFound),
            ));
        }
        move_unique(&from, root, &name).map_err(|e| Error::io(&from, e))?;
        if from_failed {
            let mut err = name.clone();
            err.push(".error.json");
            let _ = std::fs::remove_file(dir.join(err));
        }
        moved.push(display_name(&name));
    }
    Ok(moved)
}

/// sd_notify: a datagram to `$NOTIFY_SOCKET` when systemd set one; a no-op otherwise.
#[derive(Debug, Clone)]
pub struct Notifier {
    socket: Option<PathBuf>,
}

impl Notifier {
    pub fn from_env() -> Notifier {
        Notifier {
            socket: std::env::var_os("NOTIFY_SOCKET").map(PathBuf::from),
        }
    }

    pub fn enabled(&self) -> bool {
        self.socket.is_some()
    }

    pub fn send(&self, msg: &str) {
        let Some(path) = &self.socket else { return };
        let Ok(sock) = std::os::unix::net::UnixDatagram::unbound() else {
            return;
        };
        let bytes = path.as_os_str().as_bytes();
        // "@name" is an abstract socket.
        let result = if let Some(abstract_name) = bytes.strip_prefix(b"@") {
            use std::os::linux::net::SocketAddrExt;
            std::os::unix::net::SocketAddr::from_abstract_name(abstract_name)
                .and_then(|a| sock.send_to_addr(msg.as_bytes(), &a))
        } else {
            sock.send_to(msg.as_bytes(), path)
        };
        if let Err(e) = result {
            tracing::debug!(error = %e, "sd_notify failed");
        }
    }

    /// Half the watchdog interval systemd asked for, if it asked.
    pub fn watchdog_period() -> Option<std::time::Duration> {
        let usec: u64 = std::env::var("WATCHDOG_USEC").ok()?.parse().ok()?;
        if let Some(pid) = std::env::var("WATCHDOG_PID")
            .ok()
            .and_then(|p| p.parse::<u32>().ok())
        {
            if pid != std::process::id() {
                return None;
            }
        }
        (usec > 0).then(|| std::time::Duration::from_micros(usec / 2))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_refuses_a_second_holder_and_frees_on_drop() {
        let d = tempfile::tempdir().expect("tempdir");
        let first = InboxLock::acquire(d.path()).expect("first");
        match InboxLock::acquire(d.path()) {
            Err(Error::Locked { pid, .. }) => assert_eq!(pid, std::process::id().to_string()),
            other => panic!("expected locked, got {other:?}"),
        }
        assert_eq!(holder(d.path()), Some(std::process::id()));
        drop(first);
        assert_eq!(holder(d.path()), None);
        assert!(InboxLock::acquire(d.path()).is_ok());
    }
}
