//! Hostile and broken inputs: each is rejected with the right `kind` in `.failed/` or
//! processed safely, never followed, never blocking, never crashing; the daemon exits 0 and
//! still serves a good file dropped afterwards.

use crate::util::*;
use serde_json::Value;
use std::ffi::{OsStr, OsString};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Hard bound on one `run --once` (debug build, two cores, tests in parallel).
const LIMIT: Duration = Duration::from_secs(45);
/// "Within a few seconds": what a hostile input may cost at most.
const QUICK: Duration = Duration::from_secs(15);
/// A marker that must never reach an output or a log: it only lives outside the inbox.
const SECRET: &str = "RAHASIA-DI-LUAR-INBOX-7f3a9c";

struct Run {
    code: Option<i32>,
    log: String,
    elapsed: Duration,
}

/// `warta run --once` with a JSON log, killed if it takes longer than `limit`.
fn run_once_with(env: &Env, extra: &[&str], limit: Duration) -> Run {
    static SEQ: AtomicU64 = AtomicU64::new(0);
    let log_path = env
        .dir
        .path()
        .join(format!("once-{}.log", SEQ.fetch_add(1, Ordering::Relaxed)));
    let mut args = vec!["run", "--once", "--log-format", "json"];
    args.extend_from_slice(extra);
    let log = std::fs::File::create(&log_path).expect("log file");
    let start = Instant::now();
    let mut child = env
        .cmd(&args)
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .expect("spawn run --once");
    let code = wait_exit(&mut child, limit);
    let elapsed = start.elapsed();
    let log = std::fs::read_to_string(&log_path).unwrap_or_default();
    assert_json_log(&log);
    Run { code, log, elapsed }
}

fn run_once_ok(env: &Env, extra: &[&str]) -> Run {
    let r = run_once_with(env, extra, LIMIT);
    assert_eq!(
        r.code,
        Some(0),
        "run --once must finish and exit 0 (took {:?}); log:\n{}",
        r.elapsed,
        r.log
    );
    r
}

/// Every log line is one JSON object.
fn assert_json_log(log: &str) {
    for line in log.lines() {
        let v: Value = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("log line not JSON ({e}): {line:?}"));
        assert!(v.is_object(), "log line not an object: {line:?}");
        assert!(v["message"].is_string(), "{line}");
    }
}

/// A config file in the temp dir; returns its absolute path.
fn config(env: &Env, body: &str) -> String {
    let p = env.dir.path().join("warta.toml");
    std::fs::write(&p, body).expect("config");
    p.to_str().expect("utf8 temp path").to_string()
}

/// A valid, unique article.
fn article(tag: &str) -> Vec<u8> {
    let mut body = std::fs::read(&seeds()[0]).expect("seed");
    body.extend_from_slice(
        format!("\n\nCatatan redaksi untuk berkas uji {tag} telah diperiksa.\n").as_bytes(),
    );
    body
}

fn mkfifo(p: &Path) {
    let c = std::ffi::CString::new(p.as_os_str().as_bytes()).expect("path");
    // SAFETY: a valid NUL-terminated path.
    let r = unsafe { libc::mkfifo(c.as_ptr(), 0o644) };
    assert_eq!(r, 0, "mkfifo: {}", std::io::Error::last_os_error());
}

fn error_json(env: &Env, name: &OsStr) -> Value {
    let mut n = name.to_os_string();
    n.push(".error.json");
    let p = env.ledger(".failed").join(&n);
    let text = std::fs::read_to_string(&p).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; .failed/ holds {:?}; outbox {:?}",
            p.display(),
            env.names(&env.ledger(".failed")),
            env.names(&env.outbox())
        )
    });
    serde_json::from_str(&text).expect("error file is JSON")
}

/// Outputs whose `source.file` is `file`.
fn outputs_of(env: &Env, file: &str) -> Vec<Value> {
    env.outputs()
        .into_iter()
        .filter(|o| o["source"]["file"] == file)
        .collect()
}

/// Output names are `<hex>.json` only: never derived from input names, never temp names.
fn assert_outbox_names(env: &Env) {
    for n in env.names(&env.outbox()) {
        let stem = n.strip_suffix(".json").unwrap_or("");
        assert!(
            !stem.is_empty() && stem.chars().all(|c| c.is_ascii_hexdigit()),
            "outbox name {n:?} is not <hex>.json"
        );
    }
}

/// `name` was rejected with `kind`: it lies in `.failed/` beside its error file, it left the
/// inbox and `.work/`, and no output came from it.
fn assert_rejected(env: &Env, name: &str, kind: &str) {
    let err = error_json(env, OsStr::new(name));
    assert_eq!(err["kind"], kind, "{name}: {err}");
    assert_eq!(err["file"], name);
    assert!(
        err["error"].as_str().is_some_and(|e| !e.is_empty()),
        "{err}"
    );
    assert!(chrono::DateTime::parse_from_rfc3339(err["at"].as_str().unwrap_or("")).is_ok());
    assert!(
        std::fs::symlink_metadata(env.ledger(".failed").join(name)).is_ok(),
        "{name} itself is in .failed/"
    );
    assert!(std::fs::symlink_metadata(env.inbox().join(name)).is_err());
    assert!(env.names(&env.ledger(".work")).is_empty(), ".work/ empty");
    assert!(outputs_of(env, name).is_empty(), "no output from {name}");
    assert_outbox_names(env);
}

/// A good file dropped after the hostile one is still processed, and the run exits 0.
fn assert_serves_good_file_after(env: &Env, extra: &[&str]) {
    static SEQ: AtomicU64 = AtomicU64::new(0);
    let name = format!("good-after-{}.txt", SEQ.fetch_add(1, Ordering::Relaxed));
    env.drop_file(&name, &article(&name));
    let r = run_once_ok(env, extra);
    let outs = outputs_of(env, &name);
    assert_eq!(outs.len(), 1, "good file processed; log:\n{}", r.log);
    assert_contract(&outs[0]);
    assert!(env.visible(&env.ledger(".processed")).contains(&name));
    assert_outbox_names(env);
}

/// Nothing of `needle` in any output file or in `log`.
fn assert_nowhere(env: &Env, needle: &str, log: &str) {
    assert!(!log.contains(needle), "{needle:?} leaked into the log");
    for n in env.names(&env.outbox()) {
        let text =
            String::from_utf8_lossy(&std::fs::read(env.outbox().join(&n)).unwrap_or_default())
                .into_owned();
        assert!(!text.contains(needle), "{needle:?} leaked into outbox/{n}");
    }
}

fn outside_file(env: &Env) -> (PathBuf, Vec<u8>, std::time::SystemTime) {
    let p = env.dir.path().join("outside.txt");
    let mut content = article("outside");
    content.extend_from_slice(format!("\nKode {SECRET} hanya ada di luar.\n").as_bytes());
    std::fs::write(&p, &content).expect("outside file");
    let mtime = std::fs::metadata(&p)
        .and_then(|m| m.modified())
        .expect("mtime");
    (p, content, mtime)
}

fn assert_untouched(p: &Path, content: &[u8], mtime: std::time::SystemTime) {
    assert_eq!(std::fs::read(p).expect("outside file still there"), content);
    assert_eq!(
        std::fs::metadata(p)
            .and_then(|m| m.modified())
            .expect("mtime"),
        mtime
    );
}

// --- not regular files -------------------------------------------------------------------

#[test]
fn symlink_to_a_file_outside_the_inbox_is_rejected_and_never_followed() {
    let env = Env::new();
    std::fs::create_dir_all(env.inbox()).expect("inbox");
    let (outside, content, mtime) = outside_file(&env);
    std::os::unix::fs::symlink(&outside, env.inbox().join("link.txt")).expect("symlink");
    let r = run_once_ok(&env, &[]);
    assert_rejected(&env, "link.txt", "not_regular_file");
    let moved = env.ledger(".failed").join("link.txt");
    assert!(
        std::fs::symlink_metadata(&moved).is_ok_and(|m| m.file_type().is_symlink()),
        "the link itself is moved, not a copy of its target"
    );
    assert_untouched(&outside, &content, mtime);
    assert_nowhere(&env, SECRET, &r.log);
    assert!(env.outputs().is_empty());
    assert_serves_good_file_after(&env, &[]);
    assert_untouched(&outside, &content, mtime);
}

#[test]
fn symlink_to_dev_zero_is_rejected_without_reading() {
    let env = Env::new();
    std::fs::create_dir_all(env.inbox()).expect("inbox");
    std::os::unix::fs::symlink("/dev/zero", env.inbox().join("zero.txt")).expect("symlink");
    let r = run_once_with(&env, &[], QUICK);
    assert_eq!(r.code, Some(0), "finishes quickly; log:\n{}", r.log);
    assert_rejected(&env, "zero.txt", "not_regular_file");
    assert!(std::fs::symlink_metadata("/dev/zero").is_ok_and(|m| !m.file_type().is_file()));
    assert_serves_good_file_after(&env, &[]);
}

#[test]
fn dangling_symlink_is_rejected_and_its_target_not_created() {
    let env = Env::new();
    std::fs::create_dir_all(env.inbox()).expect("inbox");
    let target = env.dir.path().join("does-not-exist.txt");
    std::os::unix::fs::symlink(&target, env.inbox().join("dangling.txt")).expect("symlink");
    run_once_ok(&env, &[]);
    assert_rejected(&env, "dangling.txt", "not_regular_file");
    assert!(
        std::fs::symlink_metadata(&target).is_err(),
        "target not created"
    );
    assert_serves_good_file_after(&env, &[]);
}

#[test]
fn hard_link_to_a_file_outside_the_inbox_is_rejected() {
    let env = Env::new();
    std::fs::create_dir_all(env.inbox()).expect("inbox");
    let (outside, content, mtime) = outside_file(&env);
    std::fs::hard_link(&outside, env.inbox().join("hard.txt")).expect("hard link");
    let r = run_once_ok(&env, &[]);
    assert_rejected(&env, "hard.txt", "hard_link");
    assert_untouched(&outside, &content, mtime);
    assert_nowhere(&env, SECRET, &r.log);
    assert_serves_good_file_after(&env, &[]);
    assert_untouched(&outside, &content, mtime);
}

#[test]
fn fifo_is_rejected_without_blocking() {
    let env = Env::new();
    std::fs::create_dir_all(env.inbox()).expect("inbox");
    mkfifo(&env.inbox().join("pipe.txt"));
    // No writer ever opens the FIFO: a blocking open or read would hang here.
    let r = run_once_with(&env, &[], QUICK);
    assert_eq!(
        r.code,
        Some(0),
        "run --once must not block on a FIFO (killed after {:?}); log:\n{}",
        r.elapsed,
        r.log
    );
    assert_rejected(&env, "pipe.txt", "not_regular_file");
    assert_serves_good_file_after(&env, &[]);
}

#[test]
fn unix_socket_is_rejected() {
    let env = Env::new();
    std::fs::create_dir_all(env.inbox()).expect("inbox");
    let _listener =
        std::os::unix::net::UnixListener::bind(env.inbox().join("sock.txt")).expect("bind");
    let r = run_once_with(&env, &[], QUICK);
    assert_eq!(r.code, Some(0), "log:\n{}", r.log);
    assert_rejected(&env, "sock.txt", "not_regular_file");
    assert_serves_good_file_after(&env, &[]);
}

#[test]
fn sub_folder_is_rejected_and_its_content_not_read() {
    let env = Env::new();
    let sub = env.inbox().join("folder.txt");
    std::fs::create_dir_all(&sub).expect("sub-folder");
    std::fs::write(sub.join("inner.txt"), article("inner")).expect("inner");
    run_once_ok(&env, &[]);
    assert_rejected(&env, "folder.txt", "not_regular_file");
    assert!(
        env.outputs().is_empty(),
        "files inside a sub-folder are not read"
    );
    assert!(env
        .ledger(".failed")
        .join("folder.txt")
        .join("inner.txt")
        .is_file());
    assert_serves_good_file_after(&env, &[]);
}

// --- size and item limits ----------------------------------------------------------------

#[test]
fn file_over_the_size_limit_is_too_large() {
    let env = Env::new();
    let cfg = config(&env, "[limits]\nmax_file_bytes = 1000\n");
    let big = article("big");
    assert!(big.len() > 1000);
    env.drop_file("big.txt", &big);
    env.drop_file("small.txt", "Presiden bertemu Perdana Menteri di Jakarta pada Senin untuk membahas kerja sama perdagangan, energi dan pertahanan kedua negara.\n".as_bytes());
    run_once_ok(&env, &["--config", &cfg]);
    assert_rejected(&env, "big.txt", "too_large");
    let small = outputs_of(&env, "small.txt");
    assert_eq!(small.len(), 1, "a file under the limit is processed");
    assert_contract(&small[0]);
    // The rejected file is intact: it was never truncated.
    assert_eq!(
        std::fs::read(env.ledger(".failed").join("big.txt")).expect("big"),
        big
    );
}

fn twenty_mb_line() -> Vec<u8> {
    let sentence =
        b"Presiden bertemu Perdana Menteri di Jakarta untuk membahas kerja sama pertahanan. ";
    let mut v = Vec::with_capacity(20 * 1024 * 1024 + sentence.len());
    while v.len() < 20 * 1024 * 1024 {
        v.extend_from_slice(sentence);
    }
    v
}

#[test]
fn twenty_mb_single_line_is_too_large_with_default_limits() {
    let env = Env::new();
    env.drop_file("line.txt", &twenty_mb_line());
    let r = run_once_with(&env, &[], QUICK);
    assert_eq!(r.code, Some(0), "log:\n{}", r.log);
    assert_rejected(&env, "line.txt", "too_large");
    assert_serves_good_file_after(&env, &[]);
}

#[test]
fn twenty_mb_single_line_under_a_raised_limit_is_processed_and_capped() {
    let env = Env::new();
    let cfg = config(&env, "[limits]\nmax_file_bytes = 33554432\n");
    env.drop_file("line.txt", &twenty_mb_line());
    let r = run_once_with(&env, &["--config", &cfg], QUICK);
    assert_eq!(
        r.code,
        Some(0),
        "processed within {QUICK:?} (took {:?}); log:\n{}",
        r.elapsed,
        r.log
    );
    let text = single_output_text(&env, &r, "line.txt");
    assert!(
        text.len() <= 1024 * 1024,
        "text capped at limits.max_text_bytes: {} bytes",
        text.len()
    );
    assert!(text.contains("Perdana Menteri"), "the text is kept");
    assert!(env
        .visible(&env.ledger(".processed"))
        .contains(&"line.txt".to_string()));
    assert_serves_good_file_after(&env, &["--config", &cfg]);
}

#[test]
fn feed_with_200000_items_over_the_item_limit_is_too_many_items() {
    let env = Env::new();
    let cfg = config(&env, "[limits]\nmax_items_per_file = 1000\n");
    let mut feed = String::from(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Banjir</title>\n",
    );
    for i in 0..200_000 {
        feed.push_str(&format!("<item><title>t{i}</title></item>\n"));
    }
    feed.push_str("</channel></rss>\n");
    env.drop_file("flood.rss", feed.as_bytes());
    let r = run_once_with(&env, &["--config", &cfg], QUICK);
    assert_eq!(
        r.code,
        Some(0),
        "finishes within {QUICK:?} (took {:?}); log:\n{}",
        r.elapsed,
        r.log
    );
    assert_rejected(&env, "flood.rss", "too_many_items");
    assert!(env.outputs().is_empty(), "no partial output of the feed");
    assert_serves_good_file_after(&env, &["--config", &cfg]);
}

// --- content -----------------------------------------------------------------------------

#[test]
fn empty_and_whitespace_only_files_are_empty() {
    let env = Env::new();
    let cases: &[(&str, &[u8])] = &[
        ("empty.txt", b""),
        ("spaces.txt", b"     "),
        ("blank-lines.txt", b"\n\n\r\n\t \n   \t\n"),
        ("empty-no-ext", b""),
        ("empty.json", b"  \n"),
        ("empty.html", b"\n"),
        ("empty.rss", b"\t\t"),
    ];
    for (name, content) in cases {
        env.drop_file(name, content);
    }
    run_once_ok(&env, &[]);
    for (name, _) in cases {
        assert_rejected(&env, name, "empty");
    }
    assert_serves_good_file_after(&env, &[]);
}

/// Deterministic pseudo-random bytes (a 64-bit LCG).
fn noise(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 56) as u8
        })
        .collect()
}

#[test]
fn binary_files_are_binary() {
    let env = Env::new();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0".to_vec();
    png.extend_from_slice(&noise(4096, 1));
    let mut elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0".to_vec();
    elf.extend_from_slice(&noise(4096, 2));
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("image.png", png.clone()),
        ("photo.txt", png),
        ("program", elf),
        ("noise.txt", noise(8192, 3)),
        ("noise.bin", noise(8192, 4)),
        // No NUL byte at all, but mostly control characters.
        (
            "controls.txt",
            (0..4096).map(|i| 1 + (i % 8) as u8).collect(),
        ),
    ];
    for (name, content) in &cases {
        env.drop_file(name, content);
    }
    run_once_ok(&env, &[]);
    for (name, _) in &cases {
        assert_rejected(&env, name, "binary");
    }
    assert_serves_good_file_after(&env, &[]);
}

#[test]
fn nul_bytes_in_a_text_file_are_binary() {
    let env = Env::new();
    let mut text = article("nul");
    let mid = text.len() / 2;
    text.splice(mid..mid, *b"\0\0\0");
    env.drop_file("nul.txt", &text);
    let mut utf16ish: Vec<u8> = Vec::new();
    for b in "Presiden bertemu Perdana Menteri di Jakarta.".bytes() {
        utf16ish.extend_from_slice(&[b, 0]);
    }
    env.drop_file("utf16-no-bom.txt", &utf16ish);
    run_once_ok(&env, &[]);
    assert_rejected(&env, "nul.txt", "binary");
    assert_rejected(&env, "utf16-no-bom.txt", "binary");
    assert_serves_good_file_after(&env, &[]);
}

const ACCENTED: &str = "JAKARTA - Presiden Prabowo Subianto bertemu dengan Presiden Brasil Luiz Inácio Lula da Silva di São Paulo pada Senin untuk membahas kerja sama perdagangan dan energi kedua negara.\n\nDalam pertemuan itu, kedua pemimpin juga membicarakan rencana pertemuan lanjutan di Zürich dan kerja sama pertahanan yang lebih erat, kata juru bicara istana kepada wartawan.\n\nMenteri Luar Negeri Sugiono mengatakan pertemuan tersebut berjalan lancar dan menghasilkan sejumlah kesepakatan penting bagi kedua negara.\n";

#[test]
fn latin1_text_is_decoded_not_rejected() {
    let env = Env::new();
    let latin1: Vec<u8> = ACCENTED
        .chars()
        .map(|c| u8::try_from(u32::from(c)).expect("latin-1 char"))
        .collect();
    assert!(std::str::from_utf8(&latin1).is_err(), "not UTF-8");
    // Distinct contents: the same article in two files is one output (ids are content hashes).
    for name in ["latin1.txt", "latin1-no-ext"] {
        let mut content = latin1.clone();
        content.extend_from_slice(format!("\nBerkas {name} diterima redaksi.\n").as_bytes());
        env.drop_file(name, &content);
    }
    let r = run_once_ok(&env, &[]);
    for name in ["latin1.txt", "latin1-no-ext"] {
        assert_decoded(&env, &r, name, &["São Paulo", "Zürich", "Inácio"]);
    }
}

#[test]
fn invalid_utf8_text_is_decoded_not_rejected() {
    let env = Env::new();
    // UTF-8 with one stray byte (a truncated sequence, as a broken crawler leaves it).
    let mut broken = ACCENTED.as_bytes().to_vec();
    let at = ACCENTED.find("kata juru").expect("anchor");
    broken.splice(at..at, [0xC3u8, b' ']);
    assert!(std::str::from_utf8(&broken).is_err());
    env.drop_file("broken-utf8.txt", &broken);
    // ASCII with a lone 0xFF.
    let mut ascii = b"Presiden bertemu Perdana Menteri di Jakarta pada Senin untuk membahas kerja sama perdagangan dan energi kedua negara.\n".to_vec();
    ascii.splice(9..9, [0xFFu8]);
    env.drop_file("stray-ff.txt", &ascii);
    let r = run_once_ok(&env, &[]);
    for (name, words) in [
        ("broken-utf8.txt", &["São Paulo", "Zürich", "Inácio"][..]),
        ("stray-ff.txt", &["Perdana Menteri", "Jakarta"][..]),
    ] {
        assert_decoded(&env, &r, name, words);
    }
}

/// `name` was processed, not rejected, into exactly one contract-valid output: its text.
fn single_output_text(env: &Env, r: &Run, name: &str) -> String {
    let outs = outputs_of(env, name);
    assert_eq!(
        outs.len(),
        1,
        "{name} processed, not rejected; failed: {:?}; log:\n{}",
        env.names(&env.ledger(".failed")),
        r.log
    );
    assert_contract(&outs[0]);
    outs[0]["text"].as_str().expect("text").to_string()
}

/// `name` gave exactly one contract-valid output whose text holds every one of `words`.
fn assert_decoded(env: &Env, r: &Run, name: &str, words: &[&str]) {
    let text = single_output_text(env, r, name);
    for w in words {
        assert!(text.contains(w), "{name}: {w:?} decoded in {text:?}");
    }
}

#[test]
fn json_nested_100000_deep_is_malformed_json() {
    let env = Env::new();
    let deep_array = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let deep_object = format!("{}1{}", "{\"text\":".repeat(100_000), "}".repeat(100_000));
    env.drop_file("deep.json", deep_array.as_bytes());
    env.drop_file("deep-object.json", deep_object.as_bytes());
    env.drop_file("deep-no-ext", deep_array.as_bytes());
    env.drop_file(
        "deep.jsonl",
        format!("{deep_object}\n{deep_object}\n").as_bytes(),
    );
    let r = run_once_with(&env, &[], QUICK);
    assert_eq!(r.code, Some(0), "no stack overflow; log:\n{}", r.log);
    for name in ["deep.json", "deep-object.json", "deep-no-ext", "deep.jsonl"] {
        assert_rejected(&env, name, "malformed_json");
    }
    assert_serves_good_file_after(&env, &[]);
}

#[test]
fn json_of_the_wrong_shape_is_rejected() {
    let env = Env::new();
    let cases: &[(&str, &str)] = &[
        ("number.json", "42"),
        ("string.json", "\"Presiden bertemu Perdana Menteri\""),
        ("null.json", "null"),
        ("bool.json", "true"),
        ("no-text-field.json", r#"{"foo": "bar", "count": 3}"#),
        ("numbers.json", "[1, 2, 3]"),
        (
            "text-is-null.json",
            r#"{"title": null, "text": null, "body": false}"#,
        ),
        ("empty-array.json", "[]"),
        ("empty-object.json", "{}"),
        ("wrapper-not-list.json", r#"{"articles": 5}"#),
        ("lines.jsonl", "1\n2\n3\n"),
    ];
    for (name, content) in cases {
        env.drop_file(name, content.as_bytes());
    }
    let r = run_once_ok(&env, &[]);
    for (name, _) in cases {
        let err = error_json(&env, OsStr::new(name));
        let kind = err["kind"].as_str().unwrap_or("");
        assert!(
            kind == "malformed_json" || kind == "no_content",
            "{name}: kind {kind}; log:\n{}",
            r.log
        );
        assert_rejected(&env, name, kind);
    }
    assert!(env.outputs().is_empty());
    assert_serves_good_file_after(&env, &[]);
}

fn laughs_entities() -> String {
    let mut d = String::from("<!ENTITY lol \"lol\">\n");
    for i in 1..=9 {
        let prev = if i == 1 {
            "lol".to_string()
        } else {
            format!("lol{}", i - 1)
        };
        d.push_str(&format!(
            "<!ENTITY lol{i} \"{}\">\n",
            format!("&{prev};").repeat(10)
        ));
    }
    d
}

/// `name` was either rejected (any kind) or processed into small, contract-passing outputs.
fn rejected_or_safe(env: &Env, name: &str, log: &str) -> Vec<Value> {
    let outs = outputs_of(env, name);
    if outs.is_empty() {
        let err = error_json(env, OsStr::new(name));
        assert!(err["kind"].is_string(), "{err}");
    } else {
        assert!(
            env.visible(&env.ledger(".processed"))
                .contains(&name.to_string()),
            "{name}: outputs but not in .processed/; log:\n{log}"
        );
        outs.iter().for_each(assert_contract);
    }
    assert!(env.names(&env.ledger(".work")).is_empty());
    assert_outbox_names(env);
    outs
}

#[test]
fn xml_entity_expansion_is_never_performed() {
    let env = Env::new();
    let ents = laughs_entities();
    let rss = format!("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n{ents}]>\n<rss version=\"2.0\"><channel><title>Tawa</title><item><title>Berita tawa &lol9;</title><description>Presiden bertemu Perdana Menteri di Jakarta. &lol9;</description></item></channel></rss>\n");
    let atom = format!("<?xml version=\"1.0\"?>\n<!DOCTYPE feed [\n{ents}]>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Tawa</title><id>urn:x</id><updated>2024-03-26T10:00:00Z</updated><entry><title>Tawa &lol9;</title><id>urn:1</id><updated>2024-03-26T10:00:00Z</updated><summary>Para menteri bertemu. &lol9;</summary></entry></feed>\n");
    let html = format!("<!DOCTYPE html [\n{ents}]>\n<html><body><article><p>Presiden bertemu Perdana Menteri di Jakarta untuk membahas kerja sama. &lol9;</p></article></body></html>\n");
    env.drop_file("laughs.rss", rss.as_bytes());
    env.drop_file(
        "laughs.xml",
        rss.replace("Berita tawa", "Kabar tawa").as_bytes(),
    );
    env.drop_file("laughs.atom", atom.as_bytes());
    env.drop_file("laughs.html", html.as_bytes());
    let r = run_once_with(&env, &[], QUICK);
    assert_eq!(r.code, Some(0), "took {:?}; log:\n{}", r.elapsed, r.log);
    for name in ["laughs.rss", "laughs.xml", "laughs.atom", "laughs.html"] {
        for o in rejected_or_safe(&env, name, &r.log) {
            let s = o.to_string();
            assert!(s.len() < 64 * 1024, "{name}: output of {} bytes", s.len());
            assert!(!s.contains("lollollollol"), "{name}: entities expanded");
        }
    }
    assert_serves_good_file_after(&env, &[]);
}

#[test]
fn xml_external_entity_never_leaks_local_files() {
    let env = Env::new();
    let (outside, _, _) = outside_file(&env);
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    let doctype = format!(
        "<!DOCTYPE rss [\n<!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n<!ENTITY sec SYSTEM \"file://{}\">\n]>",
        outside.display()
    );
    let rss = format!("<?xml version=\"1.0\"?>\n{doctype}\n<rss version=\"2.0\"><channel><title>XXE</title><item><title>Berita &xxe;</title><description>Presiden bertemu Perdana Menteri. &xxe; &sec;</description></item></channel></rss>\n");
    let atom = format!("<?xml version=\"1.0\"?>\n{}\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>XXE</title><id>urn:x</id><updated>2024-03-26T10:00:00Z</updated><entry><title>&xxe;</title><id>urn:1</id><updated>2024-03-26T10:00:00Z</updated><content type=\"html\">&lt;p&gt;Para menteri bertemu.&lt;/p&gt; &xxe; &sec;</content></entry></feed>\n", doctype.replace("rss", "feed"));
    let html = "<!DOCTYPE html [\n<!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n]>\n<html><body><article><p>Presiden bertemu Perdana Menteri di Jakarta untuk membahas kerja sama. &xxe;</p></article></body></html>\n";
    env.drop_file("xxe.rss", rss.as_bytes());
    env.drop_file("xxe.xml", rss.replace("Berita", "Kabar").as_bytes());
    env.drop_file("xxe.atom", atom.as_bytes());
    env.drop_file("xxe.html", html.as_bytes());
    let r = run_once_with(&env, &[], QUICK);
    assert_eq!(r.code, Some(0), "log:\n{}", r.log);
    for name in ["xxe.rss", "xxe.xml", "xxe.atom", "xxe.html"] {
        rejected_or_safe(&env, name, &r.log);
    }
    for line in passwd.lines().filter(|l| l.len() >= 8) {
        assert_nowhere(&env, line, &r.log);
    }
    assert_nowhere(&env, "root:x:0:0", &r.log);
    assert_nowhere(&env, SECRET, &r.log);
    assert_serves_good_file_after(&env, &[]);
}

#[test]
fn html_nested_100000_deep_is_handled_within_seconds() {
    let env = Env::new();
    let para = "<p>Presiden Prabowo Subianto bertemu Perdana Menteri Jepang di Tokyo pada Senin untuk membahas kerja sama pertahanan dan perdagangan kedua negara.</p>";
    let divs = format!(
        "<!doctype html><html><head><title>Dalam</title></head><body>{}{para}{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let unclosed = format!(
        "<!doctype html><html><body>{}{}</body></html>",
        "<span><b><i>".repeat(40_000),
        para.replace("Senin", "Selasa")
    );
    let tables = format!(
        "<html><body>{}{}</body></html>",
        "<table><tr><td>".repeat(40_000),
        para.replace("Senin", "Rabu")
    );
    env.drop_file("deep.html", divs.as_bytes());
    env.drop_file("unclosed.html", unclosed.as_bytes());
    env.drop_file("tables.html", tables.as_bytes());
    // The same pages inside a JSON record body go through the fragment pass.
    let record = serde_json::json!({"title": "Dalam", "body": divs}).to_string();
    env.drop_file("deep-record.json", record.as_bytes());
    let r = run_once_with(&env, &[], QUICK);
    assert_eq!(
        r.code,
        Some(0),
        "no crash, within {QUICK:?} (took {:?}); log:\n{}",
        r.elapsed,
        r.log
    );
    for name in [
        "deep.html",
        "unclosed.html",
        "tables.html",
        "deep-record.json",
    ] {
        rejected_or_safe(&env, name, &r.log);
    }
    assert_serves_good_file_after(&env, &[]);
}

// --- file names --------------------------------------------------------------------------

#[test]
fn hostile_file_names_are_processed_and_logged_safely() {
    let env = Env::new();
    std::fs::create_dir_all(env.inbox()).expect("inbox");
    let names: Vec<OsString> = [
        &b"berita\nbaru.txt"[..],
        b"kutip \"ganda\" dan 'tunggal'.txt",
        b"tab\tdi tengah.txt",
        b"kontrol\x01\x07\x1b[31mmerah\x7f.txt",
        b"caf\xe9 latin1.txt",
        b"\xff\xfe\xfd.txt",
        b"back\\slash\\..\\..\\etc.txt",
        b"-rf --help.txt",
        b"{\"file\":\"x\"}\n{}.txt",
        b"\r\ncarriage.txt",
    ]
    .iter()
    .map(|b| OsStr::from_bytes(b).to_os_string())
    .collect();
    for (i, n) in names.iter().enumerate() {
        let tmp = env.inbox().join(format!(".name-{i}.tmp"));
        std::fs::write(&tmp, article(&format!("nama-{i}"))).expect("write");
        std::fs::rename(&tmp, env.inbox().join(n)).expect("rename");
    }
    let r = run_once_ok(&env, &[]);
    // Every input processed, under its exact name.
    let mut processed: Vec<OsString> = std::fs::read_dir(env.ledger(".processed"))
        .expect(".processed")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    processed.sort();
    let mut want = names.clone();
    want.sort();
    assert_eq!(
        processed,
        want,
        "failed: {:?}; log:\n{}",
        env.names(&env.ledger(".failed")),
        r.log
    );
    assert!(env.names(&env.ledger(".failed")).is_empty());
    assert!(env.names(&env.ledger(".work")).is_empty());
    let outputs = env.outputs();
    assert_eq!(outputs.len(), names.len(), "one output per input");
    outputs.iter().for_each(assert_contract);
    let files: std::collections::HashSet<&str> = outputs
        .iter()
        .map(|o| o["source"]["file"].as_str().expect("source.file"))
        .collect();
    assert_eq!(files.len(), names.len(), "distinct source.file values");
    for f in &files {
        assert!(!f.is_empty());
        assert!(
            !f.chars().any(|c| c.is_control()),
            "source.file {f:?} carries raw control characters"
        );
    }
    // The log: one JSON object per line (checked by run_once_with), one line per article.
    let written: Vec<Value> = r
        .log
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|v| v["message"] == "article written")
        .collect();
    assert_eq!(written.len(), names.len(), "log:\n{}", r.log);
    for v in &written {
        let f = v["file"].as_str().expect("file field");
        assert!(!f.chars().any(|c| c.is_control()), "log file {f:?}");
    }
    // Output names are content hashes, never derived from input names.
    assert_outbox_names(&env);
    for o in &outputs {
        let id = o["id"].as_str().expect("id");
        assert!(env.outbox().join(format!("{id}.json")).is_file());
    }
    assert_serves_good_file_after(&env, &[]);
}

// --- the live daemon ---------------------------------------------------------------------

#[test]
fn live_daemon_rejects_hostile_inputs_and_keeps_serving() {
    let env = Env::new();
    std::fs::create_dir_all(env.inbox()).expect("inbox");
    let (outside, content, mtime) = outside_file(&env);
    let mut child = env.spawn(&[]);
    assert!(
        wait_until(Duration::from_secs(20), || log_of(&env)
            .contains("warta started")),
        "daemon started; log:\n{}",
        log_of(&env)
    );
    let ib = env.inbox();
    // Delivered the safe way: made under a temp name, then renamed into place.
    let deliver = |tmp: &str, name: &str| {
        std::fs::rename(ib.join(tmp), ib.join(name)).expect("rename into inbox");
    };
    std::os::unix::fs::symlink(&outside, ib.join(".l1.tmp")).expect("symlink");
    deliver(".l1.tmp", "link.txt");
    std::os::unix::fs::symlink("/dev/zero", ib.join(".l2.tmp")).expect("symlink");
    deliver(".l2.tmp", "zero.txt");
    std::os::unix::fs::symlink(env.dir.path().join("nope"), ib.join(".l3.tmp")).expect("symlink");
    deliver(".l3.tmp", "dangling.txt");
    std::fs::hard_link(&outside, ib.join(".h.tmp")).expect("hard link");
    deliver(".h.tmp", "hard.txt");
    mkfifo(&ib.join(".f.tmp"));
    deliver(".f.tmp", "pipe.txt");
    let _listener = std::os::unix::net::UnixListener::bind(ib.join(".s.tmp")).expect("bind");
    deliver(".s.tmp", "sock.txt");
    std::fs::create_dir(ib.join(".d.tmp")).expect("mkdir");
    std::fs::write(ib.join(".d.tmp").join("inner.txt"), article("inner")).expect("inner");
    deliver(".d.tmp", "folder.txt");
    // Made in place: the daemon notices them from their create events and a settle rescan.
    mkfifo(&ib.join("pipe-in-place.txt"));
    std::os::unix::fs::symlink(&outside, ib.join("link-in-place.txt")).expect("symlink");
    // Broken content, written the safe way.
    env.drop_file("empty.txt", b"");
    env.drop_file("nul.txt", b"abc\0def");
    env.drop_file(
        "deep.json",
        format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)).as_bytes(),
    );
    env.drop_file("twenty.txt", &twenty_mb_line());
    env.drop_file(
        "laughs.rss",
        format!("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n{}]>\n<rss version=\"2.0\"><channel><title>T</title><item><title>x</title><description>&lol9;</description></item></channel></rss>\n", laughs_entities()).as_bytes(),
    );
    let expected: &[(&str, &str)] = &[
        ("link.txt", "not_regular_file"),
        ("zero.txt", "not_regular_file"),
        ("dangling.txt", "not_regular_file"),
        ("hard.txt", "hard_link"),
        ("pipe.txt", "not_regular_file"),
        ("sock.txt", "not_regular_file"),
        ("folder.txt", "not_regular_file"),
        ("pipe-in-place.txt", "not_regular_file"),
        ("link-in-place.txt", "not_regular_file"),
        ("empty.txt", "empty"),
        ("nul.txt", "binary"),
        ("deep.json", "malformed_json"),
        ("twenty.txt", "too_large"),
    ];
    let failed = env.ledger(".failed");
    let all_failed = wait_until(Duration::from_secs(20), || {
        expected
            .iter()
            .all(|(n, _)| failed.join(format!("{n}.error.json")).exists())
            && (failed.join("laughs.rss.error.json").exists()
                || env
                    .visible(&env.ledger(".processed"))
                    .contains(&"laughs.rss".to_string()))
    });
    // The daemon keeps serving: a good file dropped afterwards is processed.
    env.drop_file("good.txt", &article("live-good"));
    let served = wait_until(Duration::from_secs(20), || {
        !outputs_of(&env, "good.txt").is_empty()
    });
    let alive = child.try_wait().ok().flatten().is_none();
    signal(&child, libc::SIGTERM);
    let code = wait_exit(&mut child, Duration::from_secs(20));
    let log = log_of(&env);
    assert!(
        all_failed,
        "all hostile inputs recorded; .failed/ {:?}; inbox {:?}; log:\n{log}",
        env.names(&failed),
        env.names(&env.inbox())
    );
    assert!(alive, "daemon still running; log:\n{log}");
    assert!(
        served,
        "good file served after the hostile ones; log:\n{log}"
    );
    assert_eq!(code, Some(0), "clean stop; log:\n{log}");
    assert_json_log(&log);
    for (name, kind) in expected {
        assert_rejected(&env, name, kind);
    }
    rejected_or_safe(&env, "laughs.rss", &log);
    assert_contract(&outputs_of(&env, "good.txt")[0]);
    assert_untouched(&outside, &content, mtime);
    assert_nowhere(&env, SECRET, &log);
    assert!(
        env.visible(&env.inbox()).is_empty(),
        "{:?}",
        env.names(&env.inbox())
    );
}
