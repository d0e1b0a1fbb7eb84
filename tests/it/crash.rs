//! Crash safety: the daemon is killed with SIGKILL at pseudo-random (seeded) moments while a
//! backlog drains and new files keep arriving; after a final `run --once`, nothing is lost,
//! nothing is duplicated and no partial file is visible.
//!
//! `WARTA_CRASH_ROUNDS` (8), `WARTA_CRASH_FILES` (1500) and `WARTA_CRASH_SEED` make a longer
//! or different run available.

use crate::util::*;
use std::collections::BTreeSet;
use std::process::Stdio;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

/// A 64-bit LCG (Knuth's MMIX constants): deterministic kill moments.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    /// In `lo..hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo)
    }
}

fn body(seeds: &[Vec<u8>], kind: &str, i: usize) -> Vec<u8> {
    let mut b = seeds[i % seeds.len()].clone();
    b.extend_from_slice(
        format!("\n\nCatatan {kind} nomor {i} tersimpan di arsip redaksi.\n").as_bytes(),
    );
    b
}

#[test]
fn sigkill_at_random_moments_loses_and_duplicates_nothing() {
    let started = Instant::now();
    let rounds = env_num("WARTA_CRASH_ROUNDS", 8);
    let files = env_num("WARTA_CRASH_FILES", 1500) as usize;
    let mut rng = Lcg(env_num("WARTA_CRASH_SEED", 0x5eed_c0ff));
    let env = Env::new();
    let inbox = env.inbox();
    std::fs::create_dir_all(&inbox).expect("inbox");
    let seeds: Arc<Vec<Vec<u8>>> = Arc::new(
        seeds()
            .iter()
            .map(|p| std::fs::read(p).expect("seed"))
            .collect(),
    );

    // The backlog, there before the first start.
    let mut inputs: BTreeSet<String> = BTreeSet::new();
    for i in 0..files {
        let name = format!("b{i:05}.txt");
        std::fs::write(inbox.join(&name), body(&seeds, "arsip", i)).expect("backlog");
        inputs.insert(name);
    }

    // New files keep arriving during the whole run, delivered the safe way (temp, rename),
    // whether the daemon is up or not.
    let stop = Arc::new(AtomicBool::new(false));
    let dropper = {
        let (stop, seeds, inbox) = (stop.clone(), seeds.clone(), inbox.clone());
        std::thread::spawn(move || {
            let mut names = Vec::new();
            let mut j = 0usize;
            while !stop.load(Ordering::Relaxed) && j < 5000 {
                let name = format!("d{j:05}.txt");
                let tmp = inbox.join(format!(".{name}.tmp"));
                std::fs::write(&tmp, body(&seeds, "kiriman", j)).expect("write temp");
                std::fs::rename(&tmp, inbox.join(&name)).expect("rename");
                names.push(name);
                j += 1;
                std::thread::sleep(Duration::from_millis(10));
            }
            names
        })
    };

    let mut progress = Vec::new();
    for round in 0..rounds {
        let mut child = env.spawn(&[]);
        // Loading the rules takes a while in a debug build: count from the start line, so
        // the kills land while files are claimed, decoded, committed and moved.
        let up = wait_until(Duration::from_secs(20), || {
            log_of(&env).contains("warta started")
        });
        assert!(up, "daemon started; log:\n{}", log_of(&env));
        let after = rng.range(150, 1200);
        std::thread::sleep(Duration::from_millis(after));
        assert!(
            child.try_wait().ok().flatten().is_none(),
            "daemon died on its own; log:\n{}",
            log_of(&env)
        );
        signal(&child, libc::SIGKILL);
        let _ = child.wait();
        let written = env.visible(&env.outbox()).len();
        progress.push((round, after, written));
    }
    stop.store(true, Ordering::Relaxed);
    let dropped = dropper.join().expect("dropper thread");
    inputs.extend(dropped.iter().cloned());
    eprintln!(
        "crash: {files} backlog + {} dropped files; rounds (round, kill after ms, outputs so far): {progress:?}",
        dropped.len()
    );

    // The final pass finishes whatever is left, including what the kills left in .work/.
    let log_path = env.dir.path().join("final.log");
    let mut child = env
        .cmd(&["run", "--once", "--log-format", "json"])
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log_path).expect("log"))
        .spawn()
        .expect("run --once");
    let code = wait_exit(&mut child, Duration::from_secs(120));
    let final_log = std::fs::read_to_string(&log_path).unwrap_or_default();
    let tail: String = final_log
        .lines()
        .rev()
        .take(20)
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(code, Some(0), "final run --once; log tail:\n{tail}");

    // The ledger: every input done exactly once, nothing failed, nothing in flight or waiting.
    let failed = env.names(&env.ledger(".failed"));
    assert!(failed.is_empty(), "valid inputs rejected: {failed:?}");
    let work = env.names(&env.ledger(".work"));
    assert!(work.is_empty(), ".work/ not empty: {work:?}");
    let waiting: Vec<String> = env
        .names(&inbox)
        .into_iter()
        .filter(|n| !n.starts_with('.'))
        .collect();
    assert!(
        waiting.is_empty(),
        "eligible files left in the inbox: {waiting:?}"
    );
    let processed: BTreeSet<String> = env.names(&env.ledger(".processed")).into_iter().collect();
    let missing: Vec<&String> = inputs.difference(&processed).collect();
    assert!(missing.is_empty(), "inputs not in .processed/: {missing:?}");
    let extra: Vec<&String> = processed.difference(&inputs).collect();
    assert!(
        extra.is_empty(),
        "names in .processed/ that are not inputs (an input moved twice?): {extra:?}"
    );

    // The outbox: exactly one complete `<id>.json` per distinct article, no temp file.
    let names = env.names(&env.outbox());
    let hidden: Vec<&String> = names.iter().filter(|n| n.starts_with('.')).collect();
    assert!(
        hidden.is_empty(),
        "temp or partial files in the outbox: {hidden:?}"
    );
    assert_eq!(
        names.len(),
        inputs.len(),
        "one output per distinct article content"
    );
    let mut sources = BTreeSet::new();
    for n in &names {
        let text = std::fs::read_to_string(env.outbox().join(n)).expect("read output");
        let v: serde_json::Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("outbox/{n} is not complete JSON: {e}"));
        assert_contract(&v);
        let id = v["id"].as_str().expect("id");
        assert_eq!(n, &format!("{id}.json"), "file name is the article id");
        sources.insert(
            v["source"]["file"]
                .as_str()
                .expect("source.file")
                .to_string(),
        );
    }
    assert_eq!(
        sources, inputs,
        "source.file values are exactly the input names"
    );
    eprintln!("crash: done in {:?}", started.elapsed());
}
