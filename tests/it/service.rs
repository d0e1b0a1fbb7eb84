//! Running as a service: the inbox lock, status, retry/reprocess, sd_notify and reload.

use crate::util::*;
use serde_json::Value;
use std::time::Duration;

fn status_json(env: &Env) -> Value {
    let out = env.cmd(&["status", "--json"]).output().expect("status");
    assert_exit_0(&out);
    serde_json::from_slice(&out.stdout).expect("status json")
}

#[test]
fn a_second_daemon_on_the_same_inbox_is_refused_and_a_killed_one_never_blocks() {
    let env = Env::new();
    std::fs::create_dir_all(env.inbox()).expect("inbox");
    let mut first = env.spawn(&[]);
    assert!(wait_until(Duration::from_secs(10), || env
        .inbox()
        .join(".lock")
        .exists()));
    std::thread::sleep(Duration::from_millis(300));
    let second = env.cmd(&["run", "--once"]).output().expect("second");
    assert_eq!(second.status.code(), Some(1));
    let err = String::from_utf8_lossy(&second.stderr);
    assert!(
        err.contains(&first.id().to_string()),
        "names the holder's pid: {err}"
    );
    assert_eq!(status_json(&env)["daemon_pid"], first.id());
    signal(&first, libc::SIGKILL);
    let _ = wait_exit(&mut first, Duration::from_secs(5));
    assert_eq!(status_json(&env)["daemon_pid"], Value::Null);
    env.copy_seeds();
    assert_eq!(
        env.run_once().status.code(),
        Some(0),
        "restart after kill -9"
    );
    assert_eq!(env.outputs().len(), 5);
}

#[test]
fn status_retry_and_reprocess() {
    let env = Env::new();
    env.copy_seeds();
    env.drop_file("empty.txt", b"");
    env.drop_file("broken.json", b"{");
    assert_eq!(env.run_once().status.code(), Some(0));
    let s = status_json(&env);
    assert_eq!(
        (
            s["waiting"].as_u64(),
            s["in_flight"].as_u64(),
            s["processed"].as_u64(),
            s["failed"].as_u64()
        ),
        (Some(0), Some(0), Some(5), Some(2))
    );
    let kinds: Vec<&str> = s["recent_failures"]
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|f| f["kind"].as_str())
        .collect();
    assert!(
        kinds.contains(&"empty") && kinds.contains(&"malformed_json"),
        "{kinds:?}"
    );

    // Fix one failed input, retry it: it is processed; the error file is gone.
    std::fs::write(
        env.ledger(".failed").join("empty.txt"),
        std::fs::read(&seeds()[0]).expect("seed"),
    )
    .expect("fix");
    let out = env.cmd(&["retry", "empty.txt"]).output().expect("retry");
    assert_eq!(out.status.code(), Some(0));
    assert!(!env.ledger(".failed").join("empty.txt.error.json").exists());
    assert_eq!(env.run_once().status.code(), Some(0));
    let s = status_json(&env);
    assert_eq!(
        (s["processed"].as_u64(), s["failed"].as_u64()),
        (Some(6), Some(1))
    );
    // Same content as seed 0: the same output id, no new file.
    assert_eq!(env.outputs().len(), 5);

    // Reprocess everything: outputs are replaced in place, never duplicated.
    let out = env
        .cmd(&["reprocess", "--all"])
        .output()
        .expect("reprocess");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(status_json(&env)["waiting"].as_u64(), Some(6));
    assert_eq!(env.run_once().status.code(), Some(0));
    assert_eq!(env.outputs().len(), 5);
    assert_eq!(status_json(&env)["processed"].as_u64(), Some(6));
    // Unknown names are an error, not a silent no-op.
    assert_eq!(
        env.cmd(&["retry", "no-such-file"])
            .output()
            .expect("retry")
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn sd_notify_ready_watchdog_status_stopping() {
    let env = Env::new();
    std::fs::create_dir_all(env.inbox()).expect("inbox");
    let sock_path = env.dir.path().join("notify.sock");
    let sock = std::os::unix::net::UnixDatagram::bind(&sock_path).expect("bind");
    sock.set_read_timeout(Some(Duration::from_millis(200)))
        .expect("timeout");
    let mut child = env
        .cmd(&["run", "--log-format", "json"])
        .env("NOTIFY_SOCKET", &sock_path)
        .env("WATCHDOG_USEC", "400000")
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    let mut seen: Vec<String> = Vec::new();
    let mut buf = [0u8; 512];
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while std::time::Instant::now() < deadline
        && seen.iter().filter(|m| m.starts_with("WATCHDOG=1")).count() < 2
    {
        if let Ok(n) = sock.recv(&mut buf) {
            seen.push(String::from_utf8_lossy(buf.get(..n).unwrap_or(&[])).into_owned());
        }
    }
    signal(&child, libc::SIGTERM);
    while let Ok(n) = sock.recv(&mut buf) {
        seen.push(String::from_utf8_lossy(buf.get(..n).unwrap_or(&[])).into_owned());
        if seen.last().is_some_and(|m| m == "STOPPING=1") {
            break;
        }
    }
    assert_eq!(wait_exit(&mut child, Duration::from_secs(10)), Some(0));
    let pos = |m: &str| seen.iter().position(|s| s.starts_with(m));
    let ready = pos("READY=1").unwrap_or_else(|| panic!("no READY: {seen:?}"));
    let watchdog = pos("WATCHDOG=1").unwrap_or_else(|| panic!("no WATCHDOG: {seen:?}"));
    let stopping = pos("STOPPING=1").unwrap_or_else(|| panic!("no STOPPING: {seen:?}"));
    assert!(ready < watchdog && watchdog < stopping, "{seen:?}");
    assert!(pos("STATUS=").is_some(), "{seen:?}");
}

#[test]
fn sighup_adds_a_topic_and_a_broken_config_keeps_the_old_rules() {
    let env = Env::new();
    std::fs::create_dir_all(env.inbox()).expect("inbox");
    let cfg = env.dir.path().join("warta.toml");
    std::fs::write(&cfg, "[inbox]\nsettle_ms = 0\n").expect("config");
    let mut child = env.spawn(&["--config", cfg.to_str().expect("utf8")]);
    let article = |n: u32| {
        format!("Sanksi Baru untuk Rusia\n\nUni Eropa menjatuhkan sanksi baru terhadap Rusia pada Senin, kata para menteri luar negeri. Catatan {n}.")
    };
    env.drop_file("a.txt", article(1).as_bytes());
    assert!(wait_until(Duration::from_secs(10), || env.outputs().len() == 1));
    assert!(env.outputs()[0]["topics"]
        .as_array()
        .is_some_and(|t| t.is_empty()));

    // A broken config: refused, logged, the daemon keeps serving.
    std::fs::write(&cfg, "[inbox]\nsettle_ms = \"soon\"\n").expect("config");
    signal(&child, libc::SIGHUP);
    std::thread::sleep(Duration::from_millis(500));
    env.drop_file("b.txt", article(2).as_bytes());
    assert!(
        wait_until(Duration::from_secs(10), || env.outputs().len() == 2),
        "still serving after a bad reload"
    );

    // A new topic in the config: the next article is tagged with it.
    std::fs::write(
        env.dir.path().join("sanctions.toml"),
        "name = \"sanctions\"\nthreshold = 0.5\n[lang.id]\ncues = [[\"sanksi\", 0.8]]\n[lang.en]\ncues = [[\"sanctions\", 0.8]]\n",
    )
    .expect("topic");
    std::fs::write(
        &cfg,
        "[inbox]\nsettle_ms = 0\n[rules]\ntopic_files = [\"sanctions.toml\"]\n",
    )
    .expect("config");
    signal(&child, libc::SIGHUP);
    assert!(wait_until(Duration::from_secs(5), || log_of(&env)
        .contains("rules reloaded")));
    env.drop_file("c.txt", article(3).as_bytes());
    assert!(wait_until(Duration::from_secs(10), || env.outputs().len() == 3));
    let tagged = env
        .outputs()
        .into_iter()
        .find(|o| o["source"]["file"] == "c.txt")
        .expect("c.txt output");
    assert_eq!(
        tagged["topics"][0]["name"], "sanctions",
        "{}",
        tagged["topics"]
    );
    assert!(log_of(&env).contains("reload refused"));
    signal(&child, libc::SIGTERM);
    assert_eq!(wait_exit(&mut child, Duration::from_secs(10)), Some(0));
}

#[test]
fn completions_man_and_schema_print() {
    let env = Env::new();
    for args in [&["completions", "bash"][..], &["man"], &["schema"]] {
        let out = env.cmd(args).output().expect("run");
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(out.stdout.len() > 100, "{args:?}");
    }
    let schema: Value =
        serde_json::from_slice(&env.cmd(&["schema"]).output().expect("schema").stdout)
            .expect("schema is json");
    assert!(schema["$schema"]
        .as_str()
        .is_some_and(|s| s.contains("2020-12")));
}

pub fn http_get(port: u16, path: &str) -> (u16, String) {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(5)))
        .expect("timeout");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut resp = String::new();
    let _ = s.read_to_string(&mut resp);
    let code = resp
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = resp
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (code, body)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("port")
}

#[test]
fn metrics_health_and_readiness() {
    let env = Env::new();
    std::fs::create_dir_all(env.inbox()).expect("inbox");
    let port = free_port();
    let addr = format!("127.0.0.1:{port}");
    let mut child = env.spawn(&["--metrics", &addr]);
    assert!(wait_until(Duration::from_secs(10), || {
        std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
    }));
    assert!(wait_until(Duration::from_secs(5), || http_get(
        port, "/readyz"
    )
    .0 == 200));
    assert_eq!(http_get(port, "/healthz").0, 200);
    for (i, s) in seeds().iter().enumerate() {
        env.drop_file(&format!("s{i}.txt"), &std::fs::read(s).expect("seed"));
    }
    assert!(wait_until(Duration::from_secs(10), || env.outputs().len() == 5));
    let (code, body) = http_get(port, "/metrics");
    assert_eq!(code, 200);
    // Prometheus text: comments, or `name{labels} value`.
    for line in body
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let (name, value) = line
            .rsplit_once(' ')
            .unwrap_or_else(|| panic!("bad line {line:?}"));
        assert!(value.parse::<f64>().is_ok(), "{line}");
        assert!(name.starts_with("warta_"), "{line}");
    }
    let has = |needle: &str| body.lines().any(|l| l.starts_with(needle));
    assert!(has("warta_articles_written_total 5"), "{body}");
    assert!(
        has("warta_topic_articles_total{topic=\"calls\"} 4"),
        "{body}"
    );
    assert!(
        has("warta_stage_seconds_count{stage=\"enrich\"} 5"),
        "{body}"
    );
    assert!(has("warta_build_info{version="), "{body}");
    assert!(has("warta_last_write_timestamp_seconds"), "{body}");
    assert!(has("warta_queue_depth{stage=\"write\"}"), "{body}");

    // The outbox becomes unusable: the next commit fails and /readyz says so.
    std::fs::remove_dir_all(env.outbox()).expect("rm outbox");
    std::fs::write(env.outbox(), "not a folder").expect("file");
    env.drop_file("late.txt", b"Presiden bertemu Perdana Menteri di Jakarta untuk membahas kerja sama ekonomi kedua negara.");
    let work = env.ledger(".work").join("late.txt");
    assert!(
        wait_until(Duration::from_secs(10), || work.exists()),
        "the input is claimed"
    );
    assert_eq!(http_get(port, "/readyz").0, 503);
    std::thread::sleep(Duration::from_millis(1500));
    assert!(work.exists(), "the input stays claimed while writes fail");
    assert!(
        log_of(&env).contains("cannot write outputs"),
        "the failure is logged"
    );
    signal(&child, libc::SIGTERM);
    let _ = wait_exit(&mut child, Duration::from_secs(20));

    // A bad address is a configuration error.
    let out = env
        .cmd(&["run", "--once", "--metrics", "not-an-address"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
}

/// The shipped unit passes `systemd-analyze verify` (with ExecStart pointed at this build,
/// since the installed path does not exist on a build machine).
#[test]
fn systemd_unit_verifies() {
    let Ok(analyze) = which("systemd-analyze") else {
        // The machines this project builds on ship systemd; say so loudly if one does not.
        panic!("systemd-analyze not found: install systemd to check contrib/systemd/warta.service");
    };
    let env = Env::new();
    let unit = std::fs::read_to_string(repo().join("contrib/systemd/warta.service")).expect("unit");
    assert!(
        unit.contains("Type=notify")
            && unit.contains("WatchdogSec=")
            && unit.contains("ProtectSystem=strict")
    );
    let unit = unit.replace("/usr/local/bin/warta", BIN);
    let path = env.dir.path().join("warta.service");
    std::fs::write(&path, unit).expect("write unit");
    let out = std::process::Command::new(analyze)
        .arg("verify")
        .arg(&path)
        .output()
        .expect("systemd-analyze");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success() && !text.contains("warta.service:"),
        "{text}"
    );
}

fn which(cmd: &str) -> Result<std::path::PathBuf, ()> {
    std::env::var_os("PATH")
        .and_then(|p| {
            std::env::split_paths(&p)
                .map(|d| d.join(cmd))
                .find(|c| c.is_file())
        })
        .ok_or(())
}
