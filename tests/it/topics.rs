//! `warta eval` on the shipped labelled sets, with floors: a rule change that costs precision
//! or recall fails here.

use crate::util::*;
use serde_json::Value;

fn eval(set: &str) -> Value {
    let env = Env::new();
    let out = env
        .cmd(&["eval", "--json", repo().join(set).to_str().expect("utf8")])
        .output()
        .expect("eval");
    assert_exit_0(&out);
    serde_json::from_slice(&out.stdout).expect("json report")
}

fn floors(report: &Value, precision: f64, recall: f64) {
    for topic in ["calls", "summits", "defence_deals"] {
        let t = &report["topics"][topic];
        let (p, r) = (
            t["precision"].as_f64().unwrap_or(0.0),
            t["recall"].as_f64().unwrap_or(0.0),
        );
        assert!(
            p >= precision && r >= recall,
            "{topic}: precision {p} recall {r} (floors {precision}/{recall}); fp {} fn {}",
            t["false_positives"],
            t["false_negatives"]
        );
    }
}

#[test]
fn development_set_floors() {
    let r = eval("tests/fixtures/topics.jsonl");
    assert!(r["articles"].as_u64().unwrap_or(0) >= 140);
    floors(&r, 0.97, 0.95);
}

/// A set written apart from the rules and never used to tune them: its figures are the honest
/// estimate, and these floors keep a change from trading it away.
#[test]
fn held_out_set_floors() {
    let r = eval("tests/fixtures/topics_holdout.jsonl");
    assert_eq!(r["articles"].as_u64(), Some(100));
    floors(&r, 0.9, 0.9);
}

/// Each topic told many ways (the transaction, the object, the form of the meeting) with the
/// hard negatives beside them, written apart from the rules in two rounds (180, then 120 in
/// English and Indonesian). Each round was scored once, then its misses were read to find the
/// lexicon's missing families, so it guards those families rather than estimating.
#[test]
fn phrasing_set_floors() {
    let r = eval("tests/fixtures/topics_phrasings.jsonl");
    assert_eq!(r["articles"].as_u64(), Some(300));
    floors(&r, 0.9, 0.9);
}
