//! The outbox: `outbox/<id>.json`, written as a dot-named temp file, made durable, then
//! renamed, so a reader never sees a partial file.
//!
//! Group commit: a batch of outputs is written, then one `syncfs(2)` makes all their data
//! durable, then every temp file is renamed and the folder is synced once. A sync per file
//! would cost a journal commit per article; this costs one per batch.
//!
//! Invariants: a visible `<id>.json` is complete; a failed commit leaves no temp file
//! behind and reports the error, so the caller keeps the inputs claimed and retries.

use crate::error::{Error, Result};
use std::fs::File;
use std::io::Write;
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};

const TMP_PREFIX: &str = ".warta-";
const TMP_SUFFIX: &str = ".tmp";

/// One serialised article waiting to be committed.
#[derive(Debug, Clone)]
pub struct Pending {
    pub id: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug)]
pub struct Outbox {
    pub dir: PathBuf,
    sync: bool,
}

impl Outbox {
    /// Opens (creating) the outbox and removes temp files a crash left behind.
    pub fn open(dir: &Path, sync: bool) -> Result<Outbox> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let rd = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
        for e in rd.flatten() {
            let n = e.file_name();
            let n = n.to_string_lossy();
            if n.starts_with(TMP_PREFIX) && n.ends_with(TMP_SUFFIX) {
                let _ = std::fs::remove_file(e.path());
            }
        }
        Ok(Outbox {
            dir: dir.to_path_buf(),
            sync,
        })
    }

    pub fn final_path(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.json"))
    }

    fn tmp_path(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{TMP_PREFIX}{id}{TMP_SUFFIX}"))
    }

    /// Commits a batch: all or nothing visible on error.
    pub fn commit(&self, batch: &[Pending]) -> Result<()> {
        let mut written: Vec<&Pending> = Vec::with_capacity(batch.len());
        let result = self.commit_inner(batch, &mut written);
        if result.is_err() {
            for p in written {
                let _ = std::fs::remove_file(self.tmp_path(&p.id));
            }
        }
        result
    }

    fn commit_inner<'a>(&self, batch: &'a [Pending], written: &mut Vec<&'a Pending>) -> Result<()> {
        for p in batch {
            let tmp = self.tmp_path(&p.id);
            written.push(p);
            let mut f = File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
            f.write_all(&p.bytes).map_err(|e| Error::io(&tmp, e))?;
        }
        let dir = File::open(&self.dir).map_err(|e| Error::io(&self.dir, e))?;
        if self.sync {
            // SAFETY: syncfs takes a valid open file descriptor, which `dir` holds.
            let r = unsafe { libc::syncfs(dir.as_raw_fd()) };
            if r != 0 {
                // No syncfs: sync each file instead.
                for p in batch {
                    let tmp = self.tmp_path(&p.id);
                    File::open(&tmp)
                        .and_then(|f| f.sync_all())
                        .map_err(|e| Error::io(&tmp, e))?;
                }
            }
        }
        for p in batch {
            let tmp = self.tmp_path(&p.id);
            if let Err(e) = std::fs::rename(&tmp, self.final_path(&p.id)) {
                // The same id twice in one batch: the first rename took the temp file.
                if e.kind() == std::io::ErrorKind::NotFound && self.final_path(&p.id).exists() {
                    continue;
                }
                return Err(Error::io(&tmp, e));
            }
        }
        written.clear();
        if self.sync {
            dir.sync_all().map_err(|e| Error::io(&self.dir, e))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_writes_complete_files_and_no_temps() {
        let d = tempfile::tempdir().expect("tempdir");
        std::fs::write(d.path().join(".warta-stale.tmp"), "partial").expect("write");
        let o = Outbox::open(d.path(), true).expect("open");
        let batch = vec![
            Pending {
                id: "a".into(),
                bytes: b"{\"x\":1}\n".to_vec(),
            },
            Pending {
                id: "b".into(),
                bytes: b"{\"x\":2}\n".to_vec(),
            },
            Pending {
                id: "a".into(),
                bytes: b"{\"x\":1}\n".to_vec(),
            },
        ];
        o.commit(&batch).expect("commit");
        let mut names: Vec<String> = std::fs::read_dir(d.path())
            .expect("read_dir")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, vec!["a.json", "b.json"]);
        assert_eq!(
            std::fs::read(d.path().join("b.json")).expect("read"),
            b"{\"x\":2}\n"
        );
    }

    #[test]
    fn failed_commit_leaves_nothing_visible() {
        let d = tempfile::tempdir().expect("tempdir");
        let o = Outbox::open(d.path(), false).expect("open");
        // An id that cannot be a file name inside the folder makes the batch fail mid-way.
        let batch = vec![
            Pending {
                id: "ok".into(),
                bytes: b"{}".to_vec(),
            },
            Pending {
                id: "no/such/dir".into(),
                bytes: b"{}".to_vec(),
            },
        ];
        assert!(o.commit(&batch).is_err());
        let left: Vec<_> = std::fs::read_dir(d.path())
            .expect("read_dir")
            .flatten()
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }
}
