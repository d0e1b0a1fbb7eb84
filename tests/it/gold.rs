//! The seeds against the project's gold file (`../shared/gold/seeds.json`, or `WARTA_GOLD`).

use crate::util::*;
use serde_json::Value;

fn gold() -> Value {
    let path = std::env::var("WARTA_GOLD")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| repo().join("../shared/gold/seeds.json"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("gold file {}: {e} (set WARTA_GOLD)", path.display()));
    serde_json::from_str(&text).expect("gold json")
}

fn process_seeds() -> Vec<Value> {
    let env = Env::new();
    let mut args = vec!["process".to_string()];
    args.extend(seeds().iter().map(|p| p.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = env.cmd(&args).output().expect("process");
    assert_eq!(out.status.code(), Some(0));
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect()
}

fn lower(v: &Value) -> String {
    v.as_str().unwrap_or("").to_lowercase()
}

/// Every check of the gold file, collected so one run shows all failures.
#[test]
fn seeds_meet_every_gold_check() {
    let gold = gold();
    let mut failures = Vec::new();
    for art in process_seeds() {
        let file = art["source"]["file"].as_str().unwrap_or("").to_string();
        let g = &gold["articles"][&file];
        assert!(g.is_object(), "no gold for {file}");
        let mut fail = |m: String| failures.push(format!("{file}: {m}"));
        for k in ["title", "language", "author"] {
            if let Some(want) = g.get(k) {
                if art[k] != *want {
                    fail(format!("{k} {} != {want}", art[k]));
                }
            }
        }
        if let Some(want) = g.get("published").and_then(Value::as_str) {
            if art["published"].as_str().and_then(|p| p.get(..10)) != Some(want) {
                fail(format!("published {} != {want}", art["published"]));
            }
        }
        let topics: Vec<String> = art["topics"]
            .as_array()
            .map(|a| a.iter().map(|t| lower(&t["name"])).collect())
            .unwrap_or_default();
        for (t, level) in g["topics"].as_object().expect("topics") {
            match level.as_str() {
                Some("yes") if !topics.contains(t) => fail(format!("topic {t} missing")),
                Some("no") if topics.contains(t) => fail(format!("topic {t} must not be tagged")),
                _ => {}
            }
        }
        if topics.first().map(String::as_str) != g["primary"].as_str() {
            fail(format!("primary {:?} != {}", topics.first(), g["primary"]));
        }
        let mut dates: Vec<String> = art["dates"]
            .as_array()
            .map(|a| a.iter().map(|d| lower(&d["date"])).collect())
            .unwrap_or_default();
        dates.extend(
            art["events"]
                .as_array()
                .map(|a| a.iter().map(|e| lower(&e["date"])).collect::<Vec<_>>())
                .unwrap_or_default(),
        );
        for d in g["event_dates"].as_array().into_iter().flatten() {
            if !dates.contains(&lower(d)) {
                fail(format!("event date {d} missing"));
            }
        }
        let ents: Vec<(String, String)> = art["entities"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|e| (lower(&e["name"]), lower(&e["kind"])))
                    .collect()
            })
            .unwrap_or_default();
        for (key, kind) in [
            ("people", "person"),
            ("places", "place"),
            ("organizations", "organization"),
        ] {
            for n in g["entities"][key].as_array().into_iter().flatten() {
                if !ents.contains(&(lower(n), kind.to_string())) {
                    fail(format!("{kind} {n} missing"));
                }
            }
        }
        let text = art["text"].as_str().unwrap_or("");
        for s in g["text_must_contain"].as_array().into_iter().flatten() {
            if !text.contains(s.as_str().unwrap_or("")) {
                fail(format!("text lacks {s}"));
            }
        }
        for s in g["text_must_not_contain"].as_array().into_iter().flatten() {
            if text.contains(s.as_str().unwrap_or("\u{0}")) {
                fail(format!("text still has {s}"));
            }
        }
        for s in g["at_most_once"].as_array().into_iter().flatten() {
            if text.matches(s.as_str().unwrap_or("\u{0}")).count() > 1 {
                fail(format!("text repeats {s}"));
            }
        }
        let cited: Vec<String> = art["cited_sources"]
            .as_array()
            .map(|a| a.iter().map(|c| lower(&c["name"])).collect())
            .unwrap_or_default();
        let want: Vec<String> = g["cited_sources"]
            .as_array()
            .map(|a| a.iter().map(lower).collect())
            .unwrap_or_default();
        for c in &want {
            if !cited.contains(c) {
                fail(format!("cited source {c} missing"));
            }
        }
        for c in &cited {
            if !want.contains(c) {
                fail(format!("cited source {c} not cited in the article"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
