//! The outbox: `outbox/<id>.json`, written as a dot-named temp file, made durable, then
//! renamed, so a reader never sees a partial file.
//!
//! Group commit: a batch of outputs is written, then one `syncfs(2)` makes all their data
//! durable, then every temp file is renamed. A sync per file would cost a journal commit per
//! article; this costs one per batch. The renames become durable with the *next* batch's
//! `syncfs` (it flushes the file system's metadata too), or with [`Outbox::seal`] (one
//! folder sync) when no batch follows: under load that is one sync per batch, not two.
//!
//! Invariants: a visible `<id>.json` is complete; a failed commit leaves no temp file
//! behind and reports the error, so the caller keeps the inputs claimed and retries; the
//! caller releases an input only once [`Commit`] or `seal` says its output's rename is
//! durable.

use crate::error::{Error, Result};
use std::fs::File;
use std::io::Write;
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};

const TMP_PREFIX: &str = ".warta-";
const TMP_SUFFIX: &str = ".tmp";

/// What a successful commit made durable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Commit {
    /// The renames of earlier commits (their outputs can no longer vanish in a crash).
    pub earlier_renames_durable: bool,
    /// This commit's renames.
    pub renames_durable: bool,
}

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

    /// Commits a batch. On error no temp file is left behind; an output already renamed is
    /// complete and durable, and the retry rewrites it identically.
    pub fn commit(&self, batch: &[&Pending]) -> Result<Commit> {
        // The same article twice in one batch is written once.
        let mut seen = std::collections::HashSet::new();
        let unique: Vec<&Pending> = batch
            .iter()
            .rev()
            .copied()
            .filter(|p| seen.insert(p.id.as_str()))
            .collect();
        let result = self.commit_unique(&unique);
        if result.is_err() {
            for p in &unique {
                let _ = std::fs::remove_file(self.tmp_path(&p.id));
            }
        }
        result
    }

    fn commit_unique(&self, batch: &[&Pending]) -> Result<Commit> {
        batch.iter().try_for_each(|p| {
            let tmp = self.tmp_path(&p.id);
            let mut f = File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
            f.write_all(&p.bytes).map_err(|e| Error::io(&tmp, e))
        })?;
        let dir = File::open(&self.dir).map_err(|e| Error::io(&self.dir, e))?;
        let mut synced_fs = false;
        if self.sync {
            // SAFETY: syncfs takes a valid open file descriptor, which `dir` holds.
            let r = unsafe { libc::syncfs(dir.as_raw_fd()) };
            synced_fs = r == 0;
            if r != 0 {
                // No syncfs: sync each file instead.
                in_parallel(batch, |p| {
                    let tmp = self.tmp_path(&p.id);
                    File::open(&tmp)
                        .and_then(|f| f.sync_all())
                        .map_err(|e| Error::io(&tmp, e))
                })?;
            }
        }
        batch.iter().try_for_each(|p| {
            let tmp = self.tmp_path(&p.id);
            std::fs::rename(&tmp, self.final_path(&p.id)).map_err(|e| Error::io(&tmp, e))
        })?;
        if !self.sync {
            // Nothing is promised durable: every rename counts as done.
            return Ok(Commit {
                earlier_renames_durable: true,
                renames_durable: true,
            });
        }
        if synced_fs {
            return Ok(Commit {
                earlier_renames_durable: true,
                renames_durable: false,
            });
        }
        // Files were synced one by one: only a folder sync makes the renames durable.
        dir.sync_all().map_err(|e| Error::io(&self.dir, e))?;
        Ok(Commit {
            earlier_renames_durable: true,
            renames_durable: true,
        })
    }

    /// Makes every rename so far durable (one folder sync).
    pub fn seal(&self) -> Result<()> {
        if !self.sync {
            return Ok(());
        }
        File::open(&self.dir)
            .and_then(|d| d.sync_all())
            .map_err(|e| Error::io(&self.dir, e))
    }
}

/// Runs `f` on every item, on two threads for larger batches: per-file syncs (used only
/// where `syncfs` is refused) spend their time waiting on the device, and waits overlap.
fn in_parallel<T: Sync>(items: &[T], f: impl Fn(&T) -> Result<()> + Sync) -> Result<()> {
    if items.len() < 32 {
        return items.iter().try_for_each(&f);
    }
    let (a, b) = items.split_at(items.len() / 2);
    std::thread::scope(|s| {
        let other = s.spawn(|| a.iter().try_for_each(&f));
        let mine = b.iter().try_for_each(&f);
        let theirs = other.join().unwrap_or_else(|_| {
            Err(Error::io(
                "outbox",
                std::io::Error::other("writer thread panicked"),
            ))
        });
        theirs.and(mine)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_writes_complete_files_and_no_temps() {
        let d = tempfile::tempdir().expect("tempdir");
        std::fs::write(d.path().join(".warta-stale.tmp"), "partial").expect("write");
        let o = Outbox::open(d.path(), true).expect("open");
        let batch = [
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
        o.commit(&batch.iter().collect::<Vec<_>>()).expect("commit");
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
    fn large_batches_are_written_in_parallel_and_completely() {
        let d = tempfile::tempdir().expect("tempdir");
        let o = Outbox::open(d.path(), true).expect("open");
        let batch: Vec<Pending> = (0..100)
            .map(|i| Pending {
                id: format!("{i:03}"),
                bytes: format!("{{\"n\":{i}}}\n").into_bytes(),
            })
            .collect();
        o.commit(&batch.iter().collect::<Vec<_>>()).expect("commit");
        for i in 0..100 {
            assert_eq!(
                std::fs::read(d.path().join(format!("{i:03}.json"))).expect("read"),
                format!("{{\"n\":{i}}}\n").into_bytes()
            );
        }
        assert_eq!(std::fs::read_dir(d.path()).expect("dir").count(), 100);
    }

    #[test]
    fn renames_are_durable_with_the_next_sync_or_a_seal() {
        let d = tempfile::tempdir().expect("tempdir");
        let one = |id: &str| Pending {
            id: id.into(),
            bytes: b"{}\n".to_vec(),
        };
        let durable = Outbox::open(d.path(), true).expect("open");
        let c = durable.commit(&[&one("a")]).expect("commit");
        // Data synced by syncfs; the rename waits for the next sync (or falls back to a
        // folder sync, which makes it durable at once).
        assert!(c.earlier_renames_durable);
        assert!(d.path().join("a.json").exists());
        durable.seal().expect("seal");
        let relaxed = Outbox::open(d.path(), false).expect("open");
        let c = relaxed.commit(&[&one("b")]).expect("commit");
        assert!(c.earlier_renames_durable && c.renames_durable);
    }

    #[test]
    fn failed_commit_leaves_nothing_visible() {
        let d = tempfile::tempdir().expect("tempdir");
        let o = Outbox::open(d.path(), false).expect("open");
        // An id that cannot be a file name inside the folder makes the batch fail mid-way.
        let batch = [
            Pending {
                id: "ok".into(),
                bytes: b"{}".to_vec(),
            },
            Pending {
                id: "no/such/dir".into(),
                bytes: b"{}".to_vec(),
            },
        ];
        assert!(o.commit(&batch.iter().collect::<Vec<_>>()).is_err());
        let left: Vec<_> = std::fs::read_dir(d.path())
            .expect("read_dir")
            .flatten()
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }
}
