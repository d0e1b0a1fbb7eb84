//! The physical floor for warta's directory traffic: the same read, write-temp, rename-output
//! and move-input steps with no decoding, enrichment or concurrency, so `benches/e2e.py` can
//! show how far warta is from what the file system alone costs. Single-threaded on purpose.
//! Usage: floor INBOX OUTBOX [--sync]   (--sync: fsync each output before its rename)
use std::fs;
use std::io::Write;
use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let sync = args.iter().any(|a| a == "--sync");
    let paths: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    if paths.len() != 2 {
        eprintln!("usage: floor INBOX OUTBOX [--sync]");
        std::process::exit(2);
    }
    let (inbox, outbox) = (PathBuf::from(paths[0]), PathBuf::from(paths[1]));
    let processed = inbox.join(".processed");
    fs::create_dir_all(&processed)?;
    fs::create_dir_all(&outbox)?;
    let mut n: u64 = 0;
    for entry in fs::read_dir(&inbox)? {
        let entry = entry?;
        if !entry.file_type()?.is_file() {
            continue;
        }
        let name = entry.file_name();
        let bytes = fs::read(entry.path())?;
        let doc = serde_json::json!({
            "file": name.to_string_lossy(),
            "text": String::from_utf8_lossy(&bytes),
        });
        let tmp = outbox.join(format!(".tmp-{n}"));
        let mut f = fs::File::create(&tmp)?;
        f.write_all(&serde_json::to_vec(&doc)?)?;
        if sync {
            f.sync_all()?;
        }
        drop(f);
        fs::rename(&tmp, outbox.join(format!("{n}.json")))?;
        fs::rename(entry.path(), processed.join(&name))?;
        n += 1;
    }
    eprintln!("floor: {n} files");
    Ok(())
}
