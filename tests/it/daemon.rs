//! The daemon: once mode, live drops, temp names, signals and restarts.

use crate::util::*;
use std::collections::HashSet;
use std::time::Duration;

#[test]
fn run_once_on_the_seeds() {
    let env = Env::new();
    env.copy_seeds();
    let out = env.run_once();
    assert_exit_0(&out);
    let outputs = env.outputs();
    assert_eq!(outputs.len(), 5);
    outputs.iter().for_each(assert_contract);
    assert_eq!(env.visible(&env.ledger(".processed")).len(), 5);
    assert!(env.visible(&env.inbox()).is_empty());
    assert!(env.names(&env.ledger(".work")).is_empty());
    assert!(env
        .names(&env.outbox())
        .iter()
        .all(|n| n.ends_with(".json") && !n.starts_with('.')));
    // Again on the same inputs: the same files, no duplicates.
    for n in env.visible(&env.ledger(".processed")) {
        std::fs::rename(env.ledger(".processed").join(&n), env.inbox().join(&n))
            .expect("move back");
    }
    assert_eq!(env.run_once().status.code(), Some(0));
    assert_eq!(env.outputs().len(), 5);
    let names = env.visible(&env.ledger(".processed"));
    assert_eq!(names.len(), 5, "processed names never overwrite: {names:?}");
}

#[test]
fn live_drop_is_processed_and_temp_names_wait_for_their_rename() {
    let env = Env::new();
    std::fs::create_dir_all(env.inbox()).expect("inbox");
    let mut child = env.spawn(&[]);
    let seed = std::fs::read(&seeds()[0]).expect("seed");
    env.drop_file("a.txt", &seed);
    assert!(
        wait_until(Duration::from_secs(10), || env.outputs().len() == 1),
        "dropped file processed"
    );
    // A temp-named file is left alone, even after the scan settle time.
    let tmp = env.inbox().join("b.txt.part");
    std::fs::write(&tmp, std::fs::read(&seeds()[1]).expect("seed")).expect("write");
    std::thread::sleep(Duration::from_millis(1500));
    assert!(tmp.exists(), "temp name must not be taken");
    assert_eq!(env.outputs().len(), 1);
    std::fs::rename(&tmp, env.inbox().join("b.txt")).expect("rename");
    assert!(
        wait_until(Duration::from_secs(10), || env.outputs().len() == 2),
        "renamed file processed"
    );
    // A file written in place (create, write, close) is taken after close.
    std::fs::write(
        env.inbox().join("c.txt"),
        std::fs::read(&seeds()[2]).expect("seed"),
    )
    .expect("write");
    assert!(wait_until(Duration::from_secs(10), || env.outputs().len() == 3));
    signal(&child, libc::SIGTERM);
    assert_eq!(wait_exit(&mut child, Duration::from_secs(10)), Some(0));
    assert_eq!(
        env.visible(&env.ledger(".processed")),
        vec!["a.txt", "b.txt", "c.txt"]
    );
}

#[test]
fn bad_input_is_rejected_with_a_reason_and_the_daemon_keeps_going() {
    let env = Env::new();
    std::fs::create_dir_all(env.inbox()).expect("inbox");
    let mut child = env.spawn(&[]);
    env.drop_file("empty.txt", b"");
    env.drop_file("binary.bin", &[0u8, 1, 2, 3, 0, 255, 254, 0]);
    env.drop_file("broken.json", b"{\"title\": \"x\", ");
    env.drop_file("good.txt", &std::fs::read(&seeds()[3]).expect("seed"));
    let failed = env.ledger(".failed");
    let ok = wait_until(Duration::from_secs(10), || {
        env.visible(&failed).len() == 6 && env.outputs().len() == 1
    });
    if !ok {
        signal(&child, libc::SIGKILL);
        let _ = wait_exit(&mut child, Duration::from_secs(5));
        panic!(
            "failed: {:?}\noutbox: {:?}\nlog:\n{}",
            env.names(&failed),
            env.names(&env.outbox()),
            log_of(&env)
        );
    }
    for (name, kind) in [
        ("empty.txt", "empty"),
        ("binary.bin", "binary"),
        ("broken.json", "malformed_json"),
    ] {
        let err: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(failed.join(format!("{name}.error.json")))
                .expect("error file"),
        )
        .expect("json");
        assert_eq!(err["file"], name);
        assert_eq!(err["kind"], kind);
        assert!(err["error"].as_str().is_some_and(|e| !e.is_empty()));
        assert!(chrono::DateTime::parse_from_rfc3339(err["at"].as_str().unwrap_or("")).is_ok());
    }
    signal(&child, libc::SIGTERM);
    assert_eq!(wait_exit(&mut child, Duration::from_secs(10)), Some(0));
}

#[test]
fn sigterm_with_files_in_flight_then_restart_loses_and_duplicates_nothing() {
    let env = Env::new();
    std::fs::create_dir_all(env.inbox()).expect("inbox");
    let seeds: Vec<Vec<u8>> = seeds()
        .iter()
        .map(|p| std::fs::read(p).expect("seed"))
        .collect();
    let n = 300;
    for i in 0..n {
        let mut body = seeds[i % seeds.len()].clone();
        body.extend_from_slice(format!("\n\nCatatan arsip nomor {i}.\n").as_bytes());
        std::fs::write(env.inbox().join(format!("f{i:04}.txt")), body).expect("write");
    }
    let mut child = env.spawn(&[
        "--config",
        repo()
            .join("tests/fixtures/fast-settle.toml")
            .to_str()
            .expect("utf8"),
    ]);
    assert!(wait_until(Duration::from_secs(20), || !env
        .outputs()
        .is_empty()));
    signal(&child, libc::SIGTERM);
    let code = wait_exit(&mut child, Duration::from_secs(20));
    assert_eq!(code, Some(0), "clean stop; log:\n{}", log_of(&env));
    let first = env.visible(&env.outbox()).len();
    assert!(first >= 1);
    // Restart finishes the rest.
    assert_eq!(env.run_once().status.code(), Some(0));
    assert!(env.names(&env.ledger(".work")).is_empty());
    assert!(env.visible(&env.inbox()).is_empty());
    let processed = env.visible(&env.ledger(".processed"));
    assert_eq!(processed.len(), n, "every input processed exactly once");
    let outputs = env.outputs();
    assert_eq!(outputs.len(), n, "one output per distinct article");
    let files: HashSet<String> = outputs
        .iter()
        .map(|v| v["source"]["file"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(files.len(), n);
    assert!(
        env.names(&env.outbox()).iter().all(|n| !n.starts_with('.')),
        "no temp files left"
    );
}

#[test]
fn a_slow_writer_is_not_read_before_it_closes_the_file() {
    use std::io::Write;
    let env = Env::new();
    std::fs::create_dir_all(env.inbox()).expect("inbox");
    let mut child = env.spawn(&[]);
    // The watcher is running once a first file has gone through: a writer that opened its
    // file before the daemon watched cannot be seen (a fixed sleep raced a loaded machine).
    std::fs::copy(&seeds()[0], env.inbox().join("probe.txt")).expect("probe");
    assert!(wait_until(Duration::from_secs(20), || env.outputs().len() == 1));
    let seed = std::fs::read(&seeds()[1]).expect("seed");
    let (a, b) = seed.split_at(seed.len() / 2);
    let mut f = std::fs::File::create(env.inbox().join("slow.txt")).expect("create");
    f.write_all(a).expect("write");
    f.flush().expect("flush");
    // Pauses longer than the settle time, with rescans in between: still being written.
    for _ in 0..2 {
        std::thread::sleep(Duration::from_millis(1600));
        assert!(
            env.inbox().join("slow.txt").exists(),
            "taken while still open"
        );
        f.write_all(b" ").expect("write");
    }
    f.write_all(b).expect("write");
    drop(f);
    assert!(wait_until(Duration::from_secs(10), || env.outputs().len() == 2));
    let text = env
        .outputs()
        .iter()
        .find(|v| v["source"]["file"] == "slow.txt")
        .and_then(|v| v["text"].as_str())
        .unwrap_or("")
        .to_string();
    assert!(
        text.contains("dimediasi Presiden Belarusia Alexander Lukashenko"),
        "the whole file was read: {text}"
    );
    signal(&child, libc::SIGTERM);
    assert_eq!(wait_exit(&mut child, Duration::from_secs(10)), Some(0));
}

#[test]
fn a_removed_and_recreated_inbox_is_watched_again() {
    let env = Env::new();
    std::fs::create_dir_all(env.inbox()).expect("inbox");
    let cfg = env.dir.path().join("c.toml");
    std::fs::write(&cfg, "[inbox]\nrescan_secs = 1\n").expect("config");
    let mut child = env.spawn(&["--config", cfg.to_str().expect("utf8")]);
    std::thread::sleep(Duration::from_millis(500));
    std::fs::remove_dir_all(env.inbox()).expect("rm inbox");
    std::thread::sleep(Duration::from_millis(300));
    std::fs::create_dir_all(env.inbox()).expect("recreate");
    std::thread::sleep(Duration::from_millis(1500));
    env.drop_file("after.txt", &std::fs::read(&seeds()[2]).expect("seed"));
    assert!(
        wait_until(Duration::from_secs(15), || env.outputs().len() == 1),
        "{}",
        log_of(&env)
    );
    signal(&child, libc::SIGTERM);
    assert_eq!(wait_exit(&mut child, Duration::from_secs(10)), Some(0));
}

#[test]
fn a_burst_larger_than_the_event_queue_is_found_by_a_rescan() {
    let env = Env::new();
    std::fs::create_dir_all(env.inbox()).expect("inbox");
    let mut child = env.spawn(&[]);
    std::thread::sleep(Duration::from_millis(500));
    // 4 000 renames in a tight loop: about 12 000 events, past the daemon's 8 192-event queue.
    let n = 4000;
    for i in 0..n {
        let tmp = env.inbox().join(format!(".b{i}.tmp"));
        std::fs::write(
            &tmp,
            format!("Kabar singkat nomor {i}: menteri luar negeri bertemu duta besar di Jakarta."),
        )
        .expect("write");
        std::fs::rename(&tmp, env.inbox().join(format!("b{i}.txt"))).expect("rename");
    }
    assert!(
        wait_until(Duration::from_secs(60), || env
            .visible(&env.ledger(".processed"))
            .len()
            == n),
        "processed {} of {n}",
        env.visible(&env.ledger(".processed")).len()
    );
    assert_eq!(env.outputs().len(), n);
    signal(&child, libc::SIGTERM);
    assert_eq!(wait_exit(&mut child, Duration::from_secs(20)), Some(0));
}

#[test]
fn learned_boilerplate_is_kept_across_restarts_when_a_state_file_is_set() {
    let env = Env::new();
    let cfg = env.dir.path().join("warta.toml");
    let state = env.dir.path().join("learned.json");
    std::fs::write(
        &cfg,
        format!(
            "[clean]\nlearn_state = {:?}\n",
            state.to_str().expect("utf8")
        ),
    )
    .expect("config");
    let promo = "Kabar Contoh hadir setiap pagi menemani para pembaca setia";
    let article = |n: usize| {
        serde_json::json!({
            "title": format!("Menteri meninjau pelabuhan nomor {n}"),
            "outlet": "Kabar Contoh",
            "text": format!(
                "Menteri Perhubungan meninjau pelabuhan nomor {n} pada Senin pagi dan meminta \
                 pengelola mempercepat perbaikan dermaga yang rusak akibat badai.\n\n{promo}\n\n\
                 Ia mengatakan pemerintah akan menambah anggaran pemeliharaan pelabuhan {n} \
                 tahun depan agar kapal dapat bersandar dengan aman, kata juru bicara \
                 kementerian kepada wartawan di lokasi."
            ),
        })
        .to_string()
    };
    let run = || assert_exit_0(&env.run_once_with(&cfg));
    // First run: three articles of one outlet teach the line; the state is saved at exit.
    for n in 0..3 {
        env.drop_file(&format!("a{n}.json"), article(n).as_bytes());
    }
    run();
    assert!(state.exists(), "learned state saved at exit");
    // Second run, a new process: the fourth article loses the line it learned before.
    env.drop_file("a9.json", article(9).as_bytes());
    run();
    let fourth = env
        .outputs()
        .into_iter()
        .find(|v| v["title"].as_str().is_some_and(|t| t.ends_with("nomor 9")))
        .expect("fourth article");
    let text = fourth["text"].as_str().expect("text");
    assert!(!text.contains(promo), "{text}");
    assert_eq!(fourth["cleaning"]["learned"], 1);
    assert!(text.contains("anggaran pemeliharaan"), "{text}");
}
