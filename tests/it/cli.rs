//! `warta process`, exit codes and configuration errors.

use crate::util::*;
use serde_json::Value;

#[test]
fn process_prints_one_contract_valid_object_per_seed() {
    let env = Env::new();
    let mut args = vec!["process".to_string()];
    args.extend(seeds().iter().map(|p| p.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = env.cmd(&args).output().expect("process");
    assert_exit_0(&out);
    let lines: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(lines.len(), 5);
    for v in &lines {
        assert_contract(v);
        assert_eq!(v["source"]["format"], "text");
    }
    // Same input, same id: a second run yields the same ids.
    let again = env.cmd(&args).output().expect("process");
    let ids = |o: &[u8]| -> Vec<String> {
        String::from_utf8_lossy(o)
            .lines()
            .map(|l| {
                serde_json::from_str::<Value>(l).expect("json")["id"]
                    .as_str()
                    .unwrap_or("")
                    .to_string()
            })
            .collect()
    };
    assert_eq!(ids(&out.stdout), ids(&again.stdout));
}

#[test]
fn process_exit_1_on_rejection_and_still_prints_the_rest() {
    let env = Env::new();
    let bad = env.dir.path().join("empty.txt");
    std::fs::write(&bad, "").expect("write");
    let seed = seeds()[0].display().to_string();
    let out = env
        .cmd(&["process", bad.to_str().expect("utf8"), &seed])
        .output()
        .expect("process");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("empty.txt") && err.contains("empty"), "{err}");
}

#[test]
fn usage_and_config_errors_exit_2_naming_the_cause() {
    let env = Env::new();
    assert_eq!(
        env.cmd(&["frobnicate"])
            .output()
            .expect("run")
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        env.cmd(&["process"]).output().expect("run").status.code(),
        Some(2)
    );
    let cfg = env.dir.path().join("bad.toml");
    std::fs::write(&cfg, "[inbox]\npaht = \"x\"\n").expect("write");
    let out = env
        .cmd(&["run", "--once", "--config", cfg.to_str().expect("utf8")])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("paht") && err.contains("bad.toml"), "{err}");
}

#[test]
fn shipped_example_config_runs() {
    let env = Env::new();
    env.copy_seeds();
    let cfg = repo().join("warta.example.toml");
    assert_exit_0(&env.run_once_with(&cfg));
    assert_eq!(env.outputs().len(), 5);
}

#[test]
fn unwritable_outbox_location_is_a_runtime_failure() {
    let env = Env::new();
    env.copy_seeds();
    std::fs::write(env.dir.path().join("file"), "").expect("write");
    let out = env
        .cmd(&["run", "--once", "--outbox", "file/outbox"])
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Nothing was claimed: the inputs are still waiting.
    assert_eq!(env.visible(&env.inbox()).len(), 5);
}

#[test]
fn logs_are_one_json_object_per_line_with_stable_fields() {
    let env = Env::new();
    env.copy_seeds();
    env.drop_file("broken.json", b"{\"title\": ");
    let out = env.run_once();
    assert_eq!(out.status.code(), Some(0));
    let mut written = 0;
    let mut rejected = 0;
    for line in String::from_utf8_lossy(&out.stderr).lines() {
        let v: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        assert!(v["timestamp"].is_string() && v["level"].is_string() && v["message"].is_string());
        match v["message"].as_str() {
            Some("article written") => {
                written += 1;
                assert!(
                    v["file"].is_string()
                        && v["article_id"].is_string()
                        && v["elapsed_ms"].is_number()
                        && v["topics"].is_string()
                );
            }
            Some("file rejected") => {
                rejected += 1;
                assert_eq!(v["error_type"], "malformed_json");
                assert_eq!(v["file"], "broken.json");
            }
            _ => {}
        }
    }
    assert_eq!((written, rejected), (5, 1));
}

#[test]
fn a_reader_that_closes_the_pipe_early_ends_eval_and_schema_quietly() {
    let env = Env::new();
    let set = repo().join("tests/fixtures/topics.jsonl");
    for args in [
        vec!["eval", "--json", set.to_str().unwrap_or("")],
        vec!["schema"],
    ] {
        let mut child = env
            .cmd(&args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn");
        // Close the read end before the child has loaded its rules, as `| head -c0` would.
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("wait");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {:?} {err}", out.status);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}
