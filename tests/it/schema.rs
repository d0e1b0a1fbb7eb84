//! Every output validates against `schema/warta.article.v1.json`, and the schema has teeth.

use crate::util::*;
use serde_json::Value;

fn schema() -> Value {
    let path = repo().join("schema/warta.article.v1.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn validator() -> jsonschema::Validator {
    let schema = schema();
    if let Err(e) = jsonschema::meta::validate(&schema) {
        panic!("the schema is not a valid JSON Schema: {e}");
    }
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("schema does not compile: {e}"))
}

/// Every validation error of `v`, one per line, with where it is in the instance and schema.
fn errors(validator: &jsonschema::Validator, v: &Value) -> Vec<String> {
    validator
        .iter_errors(v)
        .map(|e| {
            format!(
                "{} (at {:?}, schema {:?})",
                e,
                e.instance_path().as_str(),
                e.schema_path().as_str()
            )
        })
        .collect()
}

/// A JSON crawler record, an RSS feed and an HTML page (with a zone-less publication time,
/// so `published_local` shows up).
fn write_inputs(env: &Env) -> Vec<String> {
    let dir = env.dir.path().join("in");
    std::fs::create_dir_all(&dir).expect("input dir");
    let files: [(&str, &str); 3] = [
        (
            "record.json",
            r#"{"headline": "Prabowo terima telepon dari Xi Jinping", "subtitle": "Kedua pemimpin membahas kerja sama", "content": "JAKARTA - Presiden Prabowo Subianto menerima panggilan telepon dari Presiden China Xi Jinping pada Senin (11/11/2024).\n\nKedua pemimpin membahas kerja sama pertahanan dan pembelian jet tempur, kata juru bicara istana kepada Reuters.", "url": "https://www.antaranews.com/berita/1", "published_at": "2024-11-11T09:00:00+07:00", "author": "Ani"}"#,
        ),
        (
            "feed.rss",
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Kabar Dunia</title>\
             <item><title>Menlu bertemu mitra di Tokyo</title><link>https://kabar.example/1</link><pubDate>Tue, 26 Mar 2024 08:00:00 +0700</pubDate><description>&lt;p&gt;Menteri Luar Negeri bertemu mitranya dalam kunjungan resmi ke Tokyo kemarin.&lt;/p&gt;</description></item>\
             <item><title>Putin batal hadiri KTT</title><link>https://kabar.example/2</link><description>Presiden Rusia Vladimir Putin batal menghadiri KTT G20 di Rio de Janeiro, kata Kremlin.</description></item>\
             </channel></rss>",
        ),
        (
            "page.html",
            "<!doctype html><html lang=\"en\"><head><title>Leaders meet - Example News</title><meta property=\"og:site_name\" content=\"Example News\"><meta property=\"article:published_time\" content=\"2024-03-26T10:00:00\"></head><body><nav>Home | World | Sport</nav><article><h1>Leaders meet</h1><p>The presidents of Brazil and South Africa held talks in Brasilia on Tuesday, the first state visit in a decade.</p><p>They signed agreements on trade, energy and science, officials said after the meeting on March 25, 2024.</p></article><footer>Copyright Example News. All rights reserved.</footer></body></html>",
        ),
    ];
    let mut paths = Vec::new();
    for (name, content) in files {
        let p = dir.join(name);
        std::fs::write(&p, content).expect("write input");
        paths.push(p.to_string_lossy().into_owned());
    }
    paths
}

/// `warta process` on every seed and the extra inputs; one parsed object per output line.
fn process(env: &Env, extra_flags: &[&str]) -> Vec<Value> {
    let mut args: Vec<String> = vec!["process".into()];
    args.extend(extra_flags.iter().map(|s| s.to_string()));
    args.extend(seeds().iter().map(|p| p.to_string_lossy().into_owned()));
    args.extend(write_inputs(env));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = env.cmd(&args).output().expect("warta process");
    assert_eq!(
        out.status.code(),
        Some(0),
        "warta process failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("utf-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn every_output_matches_the_schema() {
    let validator = validator();
    let env = Env::new();
    for flags in [&[][..], &["--debug-clean"][..]] {
        let outputs = process(&env, flags);
        // 5 seeds, 1 record, 2 feed items, 1 page.
        assert_eq!(
            outputs.len(),
            seeds().len() + 4,
            "one output per article ({flags:?})"
        );
        let mut failures = Vec::new();
        for v in &outputs {
            let errs = errors(&validator, v);
            if !errs.is_empty() {
                failures.push(format!(
                    "{} (item {}):\n  {}",
                    v["source"]["file"],
                    v["source"]["item"],
                    errs.join("\n  ")
                ));
            }
        }
        assert!(
            failures.is_empty(),
            "outputs that do not match schema/warta.article.v1.json ({flags:?}):\n{}",
            failures.join("\n")
        );
        let formats: Vec<&str> = outputs
            .iter()
            .filter_map(|v| v["source"]["format"].as_str())
            .collect();
        for f in ["text", "json", "rss", "html"] {
            assert!(formats.contains(&f), "no {f} output: {formats:?}");
        }
        if flags.is_empty() {
            assert!(
                outputs.iter().any(|v| v["published_local"].is_string()),
                "the zone-less HTML time should exercise published_local"
            );
        } else {
            assert!(
                outputs.iter().all(|v| v["cleaning"]["removed"].is_array()),
                "--debug-clean lists removed lines"
            );
        }
    }
}

#[test]
fn schema_rejects_what_the_contract_forbids() {
    let validator = validator();
    let env = Env::new();
    let outputs = process(&env, &[]);
    let good = outputs
        .iter()
        .find(|v| v["topics"].as_array().is_some_and(|t| !t.is_empty()))
        .expect("some output has a topic");
    assert!(errors(&validator, good).is_empty(), "{good}");

    let mut v2 = good.clone();
    v2["schema"] = Value::from("warta.article.v2");
    let errs = errors(&validator, &v2);
    assert!(
        errs.iter().any(|e| e.contains("\"/schema\"")),
        "schema \"warta.article.v2\" must be rejected: {errs:?}"
    );

    let mut high = good.clone();
    high["topics"][0]["score"] = Value::from(1.5);
    let errs = errors(&validator, &high);
    assert!(
        errs.iter().any(|e| e.contains("\"/topics/0/score\"")),
        "a topic score of 1.5 must be rejected: {errs:?}"
    );

    let mut missing = good.clone();
    missing
        .as_object_mut()
        .expect("object")
        .remove("events")
        .expect("events");
    assert!(
        !validator.is_valid(&missing),
        "a missing contract field must be rejected"
    );

    let mut extra = good.clone();
    extra["some_future_field"] = Value::from(1);
    let errs = errors(&validator, &extra);
    assert!(errs.is_empty(), "fields may be added within v1: {errs:?}");
}
