//! The broker mode against a real `nats-server` on loopback (JetStream in a temp folder).
//! The server binary comes from `NATS_SERVER` or `PATH`; `.ci/run` installs it. Outside CI a
//! missing server skips these tests with a loud message; in CI (`CI` set) it fails them.

use crate::util::{wait_exit, wait_until, BIN};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

fn server_bin() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("NATS_SERVER").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join("nats-server"))
        .find(|p| p.is_file())
}

/// One `nats-server` with JetStream on a free loopback port. Every write is synced
/// (`sync_interval: always`) so a SIGKILL of the broker loses nothing it acked.
struct Broker {
    bin: PathBuf,
    dir: tempfile::TempDir,
    port: u16,
    child: Option<Child>,
}

impl Broker {
    /// None when no server binary is found outside CI (the caller returns: skipped).
    fn start(token: Option<&str>) -> Option<Broker> {
        let Some(bin) = server_bin() else {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI is set but no nats-server was found (NATS_SERVER or PATH)"
            );
            eprintln!("\n*** SKIPPED: no nats-server (set NATS_SERVER or put it on PATH) ***\n");
            return None;
        };
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("free port");
        let dir = tempfile::tempdir().expect("tempdir");
        let store = dir.path().join("js");
        let auth = token
            .map(|t| format!("authorization {{ token: \"{t}\" }}\n"))
            .unwrap_or_default();
        std::fs::write(
            dir.path().join("server.conf"),
            format!(
                "host: 127.0.0.1\nport: {port}\n{auth}jetstream {{ store_dir: \"{}\", sync_interval: always }}\n",
                store.display()
            ),
        )
        .expect("server.conf");
        let mut b = Broker {
            bin,
            dir,
            port,
            child: None,
        };
        b.spawn();
        Some(b)
    }

    fn spawn(&mut self) {
        let log = std::fs::File::create(self.dir.path().join("server.log")).expect("log");
        let child = Command::new(&self.bin)
            .arg("-c")
            .arg(self.dir.path().join("server.conf"))
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("start nats-server");
        self.child = Some(child);
        let addr = format!("127.0.0.1:{}", self.port);
        assert!(
            wait_until(Duration::from_secs(20), || std::net::TcpStream::connect(
                &addr
            )
            .is_ok()),
            "nats-server did not listen on {addr}"
        );
    }

    fn crash(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// SIGKILL, then the same server on the same store and port.
    fn crash_and_restart(&mut self) {
        self.crash();
        std::thread::sleep(Duration::from_millis(500));
        self.spawn();
    }

    fn url(&self) -> String {
        format!("nats://127.0.0.1:{}", self.port)
    }
}

impl Drop for Broker {
    fn drop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// A folder for one test: a config for the broker and room for inputs.
struct Desk {
    dir: tempfile::TempDir,
}

impl Desk {
    fn new(broker: &Broker, extra: &str) -> Desk {
        let dir = tempfile::tempdir().expect("tempdir");
        // A short ack wait so a killed worker's messages come back quickly.
        let wait = if extra.contains("ack_wait_secs") {
            ""
        } else {
            "ack_wait_secs = 2\n"
        };
        std::fs::write(
            dir.path().join("warta.toml"),
            format!(
                "[nats]\nurl = \"{}\"\n{wait}{extra}\n[log]\nformat = \"json\"\n",
                broker.url()
            ),
        )
        .expect("config");
        Desk { dir }
    }
    /// A desk whose broker has the streams (`warta nats init` must succeed).
    fn initialised(broker: &Broker, extra: &str) -> Desk {
        let desk = Desk::new(broker, extra);
        ok(&desk.run(&["nats", "init"]));
        desk
    }
    fn config(&self) -> PathBuf {
        self.dir.path().join("warta.toml")
    }
    fn warta(&self, args: &[&str]) -> Command {
        let mut c = Command::new(BIN);
        c.current_dir(self.dir.path())
            .args(args)
            .arg("--config")
            .arg(self.config())
            .env_remove("WARTA_NATS_URL")
            .env_remove("WARTA_NATS_TOKEN")
            .env_remove("RUST_LOG");
        c
    }
    fn run(&self, args: &[&str]) -> Output {
        self.warta(args).output().expect("run warta")
    }
    fn worker(&self, n: usize) -> Child {
        let log =
            std::fs::File::create(self.dir.path().join(format!("worker{n}.log"))).expect("log");
        self.warta(&["run", "--source", "nats"])
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("spawn worker")
    }
    fn log(&self, n: usize) -> String {
        std::fs::read_to_string(self.dir.path().join(format!("worker{n}.log"))).unwrap_or_default()
    }
    fn status(&self) -> Value {
        let out = self.run(&["status", "--nats", "--json"]);
        serde_json::from_slice(&out.stdout).unwrap_or(Value::Null)
    }
}

fn count(s: &Value, k: &str) -> u64 {
    s.get(k).and_then(Value::as_u64).unwrap_or(u64::MAX)
}

fn ok(out: &Output) {
    assert!(
        out.status.success(),
        "exit {:?}\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Every message of a stream: (subject, headers as name → value, payload).
type Stored = (String, Vec<(String, String)>, Vec<u8>);

fn read_stream(url: &str, stream: &str) -> Vec<Stored> {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        let client = async_nats::connect(url).await.expect("connect");
        let js = async_nats::jetstream::new(client);
        let mut s = js.get_stream(stream).await.expect("stream");
        let info = s.info().await.expect("info");
        let (first, last) = (info.state.first_sequence, info.state.last_sequence);
        let mut out = Vec::new();
        for seq in first..=last {
            let Ok(m) = s.get_raw_message(seq).await else {
                continue;
            };
            let headers = m
                .headers
                .iter()
                .flat_map(|(k, vs)| {
                    vs.iter()
                        .map(move |v| (k.to_string(), v.as_str().to_string()))
                })
                .collect();
            out.push((m.subject.to_string(), headers, m.payload.to_vec()));
        }
        out
    })
}

fn header<'a>(h: &'a [(String, String)], k: &str) -> Option<&'a str> {
    h.iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(k))
        .map(|(_, v)| v.as_str())
}

/// `n` distinct article files built from the seeds (a numbered headline and a closing line
/// make each one a different article).
fn articles(dir: &Path, n: usize) -> PathBuf {
    let seeds: Vec<String> = crate::util::seeds()
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("seed"))
        .collect();
    let out = dir.join("articles");
    std::fs::create_dir_all(&out).expect("articles");
    for i in 0..n {
        let seed = &seeds[i % seeds.len()];
        std::fs::write(
            out.join(format!("a{i:05}.txt")),
            format!("Laporan {i}: ringkasan diplomasi\n\n{seed}\n\nArsip nomor {i}.\n"),
        )
        .expect("write article");
    }
    out
}

#[test]
fn three_workers_lose_nothing_through_a_killed_worker_and_a_broker_crash() {
    let Some(mut broker) = Broker::start(None) else {
        return;
    };
    const N: u64 = 5000;
    let desk = Desk::initialised(
        &broker,
        "max_deliver = 10\n[pipeline]\nenrich_workers = 1\n",
    );
    let folder = articles(desk.dir.path(), N as usize);
    let published = desk.run(&["nats", "publish", folder.to_str().expect("utf-8")]);
    ok(&published);
    assert_eq!(count(&desk.status(), "inputs_stored"), N);

    let mut workers: Vec<Child> = (0..3).map(|i| desk.worker(i)).collect();
    assert!(
        wait_until(Duration::from_secs(120), || count(
            &desk.status(),
            "outputs"
        ) >= N / 5),
        "no progress: {}",
        desk.log(0)
    );
    // A worker dies mid-run without a chance to ack what it holds.
    let _ = workers[0].kill();
    let _ = workers[0].wait();
    assert!(
        wait_until(Duration::from_secs(120), || count(
            &desk.status(),
            "outputs"
        ) >= N / 2),
        "no progress after the kill: {}",
        desk.log(1)
    );
    let before = count(&desk.status(), "outputs");
    assert!(before < N, "the broker crash must come mid-run");
    broker.crash_and_restart();
    let done = || {
        let s = desk.status();
        count(&s, "outputs") == N && count(&s, "inputs_stored") == 0
    };
    assert!(
        wait_until(Duration::from_secs(300), done),
        "not finished: {}\n{}",
        desk.status(),
        desk.log(1)
    );
    // The survivors stop on SIGTERM with exit 0.
    for w in workers.iter_mut().skip(1) {
        crate::util::signal(w, libc::SIGTERM);
        assert_eq!(wait_exit(w, Duration::from_secs(30)), Some(0));
    }
    let s = desk.status();
    assert_eq!(count(&s, "dead_lettered"), 0, "{s}");
    assert_eq!(count(&s, "in_flight"), 0, "{s}");
    for i in 1..3 {
        assert!(
            desk.log(i).contains("lost the broker"),
            "worker {i} never saw the crash"
        );
    }
    // Exactly one output per article: N messages, N distinct ids, one per input file.
    let outs = read_stream(&broker.url(), "WARTA_OUT");
    assert_eq!(outs.len() as u64, N);
    let ids: std::collections::HashSet<&str> = outs
        .iter()
        .filter_map(|(_, h, _)| header(h, "Nats-Msg-Id"))
        .collect();
    assert_eq!(ids.len() as u64, N);
    let files: std::collections::HashSet<&str> = outs
        .iter()
        .filter_map(|(_, h, _)| header(h, "Warta-File"))
        .collect();
    assert_eq!(files.len() as u64, N);
    for (subject, h, payload) in outs.iter().take(50) {
        let v: Value = serde_json::from_slice(payload).expect("output is JSON");
        assert_eq!(v["id"].as_str(), header(h, "Nats-Msg-Id"));
        let primary = v["topics"][0]["name"].as_str().unwrap_or("none");
        assert_eq!(subject, &format!("warta.out.{primary}"));
    }
}

#[test]
fn a_message_that_never_finishes_is_dead_lettered_after_max_deliver() {
    let Some(broker) = Broker::start(None) else {
        return;
    };
    let desk = Desk::initialised(&broker, "max_deliver = 2\n");
    let seed = &crate::util::seeds()[0];
    ok(&desk.run(&["nats", "publish", seed.to_str().expect("utf-8")]));
    let original = read_stream(&broker.url(), "WARTA_IN")
        .pop()
        .expect("the input")
        .2;
    // A worker takes the message and dies with it: pull it, never ack.
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        use futures_util::StreamExt;
        let js = async_nats::jetstream::new(async_nats::connect(broker.url()).await.expect("c"));
        let stream = js.get_stream("WARTA_IN").await.expect("stream");
        let consumer: async_nats::jetstream::consumer::PullConsumer =
            stream.get_consumer("warta").await.expect("consumer");
        let mut batch = consumer
            .fetch()
            .max_messages(1)
            .messages()
            .await
            .expect("fetch");
        let m = batch.next().await.expect("one message").expect("ok");
        assert_eq!(m.info().expect("info").delivered, 1);
    });
    // Its second delivery is the last one allowed: the worker dead-letters it.
    let mut w = desk.worker(0);
    assert!(
        wait_until(Duration::from_secs(30), || count(
            &desk.status(),
            "dead_lettered"
        ) == 1),
        "{}",
        desk.log(0)
    );
    crate::util::signal(&w, libc::SIGTERM);
    assert_eq!(wait_exit(&mut w, Duration::from_secs(20)), Some(0));
    let s = desk.status();
    assert_eq!((count(&s, "inputs_stored"), count(&s, "outputs")), (0, 0));
    let (subject, h, payload) = read_stream(&broker.url(), "WARTA_FAILED")
        .pop()
        .expect("the dead letter");
    assert_eq!(subject, "warta.failed.redelivered");
    assert_eq!(header(&h, "Warta-Error-Type"), Some("redelivered"));
    assert!(header(&h, "Warta-Error").is_some_and(|e| e.contains("delivered 2 times")));
    assert_eq!(
        payload, original,
        "the dead letter carries the original payload"
    );
}

#[test]
fn hostile_inputs_are_dead_lettered_with_their_reason() {
    let Some(broker) = Broker::start(None) else {
        return;
    };
    let desk = Desk::initialised(&broker, "");
    let inputs = desk.dir.path().join("inputs");
    std::fs::create_dir_all(&inputs).expect("inputs");
    let cases: [(&str, &[u8], &str); 4] = [
        ("nul.txt", b"\x00\x01\x02binary\x00", "binary"),
        ("broken.json", b"{\"title\": \"cut off", "malformed_json"),
        ("blank.txt", b"   \n\n  ", "empty"),
        ("feed.xml", b"<rss><channel><item>", "malformed_feed"),
    ];
    for (name, bytes, _) in &cases {
        std::fs::write(inputs.join(name), bytes).expect("write");
    }
    std::fs::copy(&crate::util::seeds()[0], inputs.join("good.txt")).expect("copy");
    // One input, three articles: acked once all three are on WARTA_OUT.
    let record = |i: usize| {
        serde_json::json!({"title": format!("Putin menelepon Xi, bagian {i}"),
            "text": format!("Presiden Rusia Vladimir Putin berbicara lewat telepon dengan Presiden China Xi Jinping. Catatan {i}.")})
        .to_string()
    };
    std::fs::write(
        inputs.join("three.jsonl"),
        (0..3).map(record).collect::<Vec<_>>().join("\n"),
    )
    .expect("write");
    ok(&desk.run(&["nats", "publish", inputs.to_str().expect("utf-8")]));
    let mut w = desk.worker(0);
    let settled = || {
        let s = desk.status();
        count(&s, "dead_lettered") == 4 && count(&s, "outputs") == 4
    };
    assert!(
        wait_until(Duration::from_secs(30), settled),
        "{}",
        desk.log(0)
    );
    crate::util::signal(&w, libc::SIGTERM);
    assert_eq!(wait_exit(&mut w, Duration::from_secs(20)), Some(0));
    let dead = read_stream(&broker.url(), "WARTA_FAILED");
    for (name, bytes, kind) in &cases {
        let (subject, h, payload) = dead
            .iter()
            .find(|(_, h, _)| header(h, "Warta-File") == Some(name))
            .unwrap_or_else(|| panic!("{name} not dead-lettered"));
        assert_eq!(header(h, "Warta-Error-Type"), Some(*kind), "{name}");
        assert_eq!(subject, &format!("warta.failed.{kind}"));
        assert!(header(h, "Warta-Error").is_some_and(|e| !e.is_empty()));
        assert_eq!(payload.as_slice(), *bytes);
    }
    assert_eq!(count(&desk.status(), "inputs_stored"), 0);
    let from_three = read_stream(&broker.url(), "WARTA_OUT")
        .into_iter()
        .filter(|(_, h, _)| header(h, "Warta-File") == Some("three.jsonl"))
        .count();
    assert_eq!(from_three, 3);
}

#[test]
fn sigterm_finishes_and_acks_what_was_fetched_and_another_worker_does_the_rest() {
    let Some(broker) = Broker::start(None) else {
        return;
    };
    const N: u64 = 600;
    // Deliveries a stopped worker failed to ack would come back only after a minute.
    let desk = Desk::initialised(&broker, "ack_wait_secs = 60\n");
    let folder = articles(desk.dir.path(), N as usize);
    ok(&desk.run(&["nats", "publish", folder.to_str().expect("utf-8")]));
    let mut w = desk.worker(0);
    assert!(wait_until(Duration::from_secs(60), || count(
        &desk.status(),
        "outputs"
    ) >= 50));
    crate::util::signal(&w, libc::SIGTERM);
    assert_eq!(wait_exit(&mut w, Duration::from_secs(30)), Some(0));
    let s = desk.status();
    assert_eq!(
        count(&s, "in_flight"),
        0,
        "everything fetched was acked: {s}"
    );
    assert!(count(&s, "outputs") < N, "stopped mid-run: {s}");
    assert_eq!(count(&s, "outputs") + count(&s, "inputs_stored"), N, "{s}");
    let mut w = desk.worker(1);
    assert!(
        wait_until(Duration::from_secs(120), || count(
            &desk.status(),
            "outputs"
        ) == N),
        "{}",
        desk.log(1)
    );
    crate::util::signal(&w, libc::SIGTERM);
    assert_eq!(wait_exit(&mut w, Duration::from_secs(30)), Some(0));
    assert_eq!(count(&desk.status(), "inputs_stored"), 0);
}

#[test]
fn a_wrong_token_is_refused_and_never_printed() {
    let Some(broker) = Broker::start(Some("right-token")) else {
        return;
    };
    let desk = Desk::new(&broker, "");
    let refused = desk
        .warta(&["nats", "init"])
        .env("WARTA_NATS_TOKEN", "wrong-token")
        .output()
        .expect("run");
    assert_eq!(refused.status.code(), Some(1));
    let err = String::from_utf8_lossy(&refused.stderr).to_lowercase();
    assert!(err.contains("connect") && err.contains("authoriz"), "{err}");
    assert!(!err.contains("wrong-token"), "{err}");
    let mut w = desk
        .warta(&["run", "--source", "nats"])
        .env("WARTA_NATS_TOKEN", "wrong-token")
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    assert_eq!(wait_exit(&mut w, Duration::from_secs(20)), Some(1));
    let accepted = desk
        .warta(&["nats", "init"])
        .env("WARTA_NATS_TOKEN", "right-token")
        .output()
        .expect("run");
    ok(&accepted);
}

#[test]
fn forward_moves_a_file_to_processed_only_once_the_broker_took_it() {
    let Some(broker) = Broker::start(None) else {
        return;
    };
    let desk = Desk::initialised(&broker, "");
    let inbox = desk.dir.path().join("drop");
    std::fs::create_dir_all(&inbox).expect("drop");
    for (i, s) in crate::util::seeds().iter().enumerate() {
        std::fs::copy(s, inbox.join(format!("s{i}.txt"))).expect("copy");
    }
    let n = crate::util::seeds().len() as u64;
    let out = desk.run(&[
        "nats",
        "forward",
        "--once",
        "--inbox",
        inbox.to_str().expect("utf-8"),
    ]);
    ok(&out);
    let processed = std::fs::read_dir(inbox.join(".processed"))
        .expect(".processed")
        .count() as u64;
    assert_eq!(processed, n);
    assert_eq!(count(&desk.status(), "inputs_stored"), n);
    // Forwarding the same content again stores nothing new (content-hash message ids).
    for (i, s) in crate::util::seeds().iter().enumerate() {
        std::fs::copy(s, inbox.join(format!("again{i}.txt"))).expect("copy");
    }
    ok(&desk.run(&[
        "nats",
        "forward",
        "--once",
        "--inbox",
        inbox.to_str().expect("utf-8"),
    ]));
    assert_eq!(count(&desk.status(), "inputs_stored"), n);
}

#[test]
fn publish_names_the_files_the_broker_did_not_take() {
    let Some(broker) = Broker::start(None) else {
        return;
    };
    let desk = Desk::initialised(&broker, "[limits]\nmax_file_bytes = 100\n");
    let big = desk.dir.path().join("big.txt");
    std::fs::write(&big, "kata ".repeat(100)).expect("write");
    let small = desk.dir.path().join("small.txt");
    std::fs::write(&small, "Putin menelepon Prabowo.").expect("write");
    let out = desk.run(&[
        "nats",
        "publish",
        small.to_str().expect("utf-8"),
        big.to_str().expect("utf-8"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("big.txt") && !err.contains("small.txt:"),
        "{err}"
    );
    assert_eq!(count(&desk.status(), "inputs_stored"), 1);
}

#[test]
fn readiness_follows_the_broker_connection_and_metrics_count_it() {
    let Some(mut broker) = Broker::start(None) else {
        return;
    };
    let desk = Desk::initialised(&broker, "");
    let seed = &crate::util::seeds()[0];
    ok(&desk.run(&["nats", "publish", seed.to_str().expect("utf-8")]));
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port");
    let addr = format!("127.0.0.1:{port}");
    let log = std::fs::File::create(desk.dir.path().join("worker0.log")).expect("log");
    let mut w = desk
        .warta(&["run", "--source", "nats", "--metrics", &addr])
        .stderr(log)
        .spawn()
        .expect("spawn");
    let get = |path: &str| {
        std::net::TcpStream::connect(&addr)
            .map(|_| crate::service::http_get(port, path))
            .unwrap_or((0, String::new()))
    };
    assert!(
        wait_until(Duration::from_secs(20), || get("/readyz").0 == 200),
        "{}",
        desk.log(0)
    );
    assert!(wait_until(Duration::from_secs(20), || {
        let m = get("/metrics").1;
        m.contains("warta_broker_connected 1") && m.contains("warta_broker_inputs_acked_total 1")
    }));
    broker.crash();
    assert!(
        wait_until(Duration::from_secs(20), || get("/readyz").0 == 503),
        "/readyz stayed ready without a broker"
    );
    assert!(get("/metrics").1.contains("warta_broker_connected 0"));
    broker.crash_and_restart();
    assert!(
        wait_until(Duration::from_secs(30), || get("/readyz").0 == 200),
        "/readyz did not come back with the broker: {}",
        desk.log(0)
    );
    crate::util::signal(&w, libc::SIGTERM);
    assert_eq!(wait_exit(&mut w, Duration::from_secs(20)), Some(0));
}

#[test]
fn a_worker_can_write_the_outbox_folder_instead() {
    let Some(broker) = Broker::start(None) else {
        return;
    };
    let desk = Desk::initialised(&broker, "");
    let seeds = crate::util::seeds();
    for s in &seeds {
        ok(&desk.run(&["nats", "publish", s.to_str().expect("utf-8")]));
    }
    // Not a broker mode: --once with a broker source is a usage error.
    let once = desk.run(&["run", "--source", "nats", "--once"]);
    assert_eq!(once.status.code(), Some(2));
    let outbox = desk.dir.path().join("out");
    let log = std::fs::File::create(desk.dir.path().join("worker0.log")).expect("log");
    let mut w = desk
        .warta(&[
            "run",
            "--source",
            "nats",
            "--sink",
            "folder",
            "--outbox",
            outbox.to_str().expect("utf-8"),
        ])
        .stderr(log)
        .spawn()
        .expect("spawn");
    let json_files = || {
        std::fs::read_dir(&outbox)
            .map(|rd| {
                rd.flatten()
                    .filter(|e| e.file_name().to_string_lossy().ends_with(".json"))
                    .count()
            })
            .unwrap_or(0)
    };
    assert!(
        wait_until(Duration::from_secs(30), || json_files() == seeds.len()
            && count(&desk.status(), "inputs_stored") == 0),
        "{}",
        desk.log(0)
    );
    crate::util::signal(&w, libc::SIGTERM);
    assert_eq!(wait_exit(&mut w, Duration::from_secs(20)), Some(0));
    assert_eq!(
        count(&desk.status(), "outputs"),
        0,
        "nothing went to WARTA_OUT"
    );
    for e in std::fs::read_dir(&outbox).expect("outbox").flatten() {
        let v: Value =
            serde_json::from_slice(&std::fs::read(e.path()).expect("read")).expect("json");
        crate::util::assert_contract(&v);
    }
}
