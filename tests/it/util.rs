//! A fresh temp directory per test, with helpers to drive the binary and look at the ledger.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_warta");

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn seeds() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(repo().join("seeds"))
        .expect("seeds/")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    v
}

pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }
    pub fn inbox(&self) -> PathBuf {
        self.dir.path().join("inbox")
    }
    pub fn outbox(&self) -> PathBuf {
        self.dir.path().join("outbox")
    }
    pub fn ledger(&self, sub: &str) -> PathBuf {
        self.inbox().join(sub)
    }
    /// Writes a file into the inbox the way a careful writer does: temp name, then rename.
    pub fn drop_file(&self, name: &str, content: &[u8]) {
        std::fs::create_dir_all(self.inbox()).expect("inbox");
        let tmp = self.inbox().join(format!(".{name}.tmp"));
        std::fs::write(&tmp, content).expect("write");
        std::fs::rename(&tmp, self.inbox().join(name)).expect("rename");
    }
    pub fn copy_seeds(&self) {
        std::fs::create_dir_all(self.inbox()).expect("inbox");
        for s in seeds() {
            std::fs::copy(&s, self.inbox().join(s.file_name().expect("name"))).expect("copy");
        }
    }
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(BIN);
        c.current_dir(self.dir.path())
            .args(args)
            .env_remove("RUST_LOG");
        if let Ok(v) = std::env::var("WARTA_TEST_LOG") {
            c.env("RUST_LOG", v);
        }
        c
    }
    pub fn run_once(&self) -> Output {
        self.cmd(&["run", "--once", "--log-format", "json"])
            .output()
            .expect("run --once")
    }
    pub fn run_once_with(&self, config: &Path) -> Output {
        self.cmd(&["run", "--once", "--config", config.to_str().expect("utf8")])
            .output()
            .expect("run --once --config")
    }
    pub fn spawn(&self, extra: &[&str]) -> Child {
        let mut args = vec!["run", "--log-format", "json"];
        args.extend_from_slice(extra);
        // The log goes to a file: an undrained pipe would fill and stall the daemon.
        let log = std::fs::File::create(self.dir.path().join("daemon.log")).expect("log file");
        self.cmd(&args)
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("spawn daemon")
    }
    pub fn names(&self, dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .map(|rd| {
                rd.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    }
    /// Visible files of a folder (dot-names excluded).
    pub fn visible(&self, dir: &Path) -> Vec<String> {
        self.names(dir)
            .into_iter()
            .filter(|n| !n.starts_with('.'))
            .collect()
    }
    pub fn outputs(&self) -> Vec<Value> {
        self.visible(&self.outbox())
            .iter()
            .map(|n| {
                let text = std::fs::read_to_string(self.outbox().join(n)).expect("read output");
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{n}: {e}"))
            })
            .collect()
    }
}

pub fn wait_until(timeout: Duration, mut f: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < timeout {
        if f() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    f()
}

pub fn signal(child: &Child, sig: i32) {
    // SAFETY: kill with a pid we spawned and a valid signal number.
    unsafe {
        libc::kill(child.id() as i32, sig);
    }
}

pub fn wait_exit(child: &mut Child, timeout: Duration) -> Option<i32> {
    let start = Instant::now();
    while start.elapsed() < timeout {
        if let Ok(Some(st)) = child.try_wait() {
            return st.code();
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

/// The daemon's log (for failure messages).
pub fn log_of(env: &Env) -> String {
    std::fs::read_to_string(env.dir.path().join("daemon.log")).unwrap_or_default()
}

fn is_date(s: &str) -> bool {
    s.len() == 10 && chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
}

/// Checks one output against the `warta.article.v1` contract.
pub fn assert_contract(v: &Value) {
    let ctx = v.to_string();
    let ctx = ctx.get(..300).unwrap_or(&ctx);
    assert_eq!(v["schema"], "warta.article.v1", "{ctx}");
    let id = v["id"].as_str().expect("id");
    assert!(
        !id.is_empty() && id.chars().all(|c| c.is_ascii_hexdigit()),
        "id {id}"
    );
    let src = &v["source"];
    assert!(src["file"].is_string(), "{ctx}");
    assert!(
        ["text", "html", "json", "jsonl", "rss", "atom"]
            .contains(&src["format"].as_str().unwrap_or("")),
        "{ctx}"
    );
    assert!(src["item"].is_null() || src["item"].is_u64(), "{ctx}");
    for k in ["url", "outlet"] {
        assert!(src[k].is_null() || src[k].is_string(), "{ctx}");
    }
    for k in ["language", "title", "author", "dateline"] {
        assert!(v[k].is_null() || v[k].is_string(), "{k}: {ctx}");
    }
    match &v["published"] {
        Value::Null => {}
        Value::String(p) => assert!(
            is_date(p) || chrono::DateTime::parse_from_rfc3339(p).is_ok(),
            "published {p}"
        ),
        other => panic!("published {other}"),
    }
    let text = v["text"].as_str().expect("text");
    assert!(
        !text.contains("\n\n\n"),
        "paragraphs separated by one blank line"
    );
    for k in ["lines_in", "lines_removed", "duplicates_removed"] {
        assert!(v["cleaning"][k].is_u64(), "cleaning.{k}");
    }
    for e in v["entities"].as_array().expect("entities") {
        assert!(e["name"].is_string());
        assert!(["person", "place", "organization"].contains(&e["kind"].as_str().unwrap_or("")));
        assert!(e["mentions"].as_u64().unwrap_or(0) >= 1);
        assert!(e["surface"].as_array().is_some_and(|s| !s.is_empty()));
    }
    for c in v["cited_sources"].as_array().expect("cited_sources") {
        assert!(c["name"].is_string() && c["surface"].is_array());
    }
    for d in v["dates"].as_array().expect("dates") {
        assert!(is_date(d["date"].as_str().unwrap_or("")), "{d}");
        assert!(d["surface"].is_string());
    }
    let topics = v["topics"].as_array().expect("topics");
    let mut last = f64::INFINITY;
    for t in topics {
        let s = t["score"].as_f64().expect("score");
        assert!(
            (0.0..=1.0).contains(&s) && s <= last,
            "topics sorted by score: {ctx}"
        );
        last = s;
        assert!(t["name"].is_string() && t["evidence"].is_array());
    }
    assert!(chrono::DateTime::parse_from_rfc3339(v["processed_at"].as_str().unwrap_or("")).is_ok());
    assert!(v["warta_version"].is_string());
}

/// The command exited 0; its stderr is shown when it did not.
pub fn assert_exit_0(out: &Output) {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
