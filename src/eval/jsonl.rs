//! Topics on a labelled JSON Lines set: precision, recall and F1 per topic, with the
//! confusions, so users can tune topic rules and see the effect.
//!
//! Each line: `{"text": "..."}` or `{"path": "file relative to the set"}`, optional
//! `"title"`, `"id"`, and `"labels": {"topic": "yes" | "no" | "either"}`. `either` is not
//! scored. A topic missing from `labels` is not scored either.

use crate::article::{content_id, Doc, Format};
use crate::error::{Error, Result};
use crate::rules::Rules;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Default, Clone, Serialize, PartialEq)]
pub struct TopicScore {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub tn: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Ids of false positives and false negatives.
    pub false_positives: Vec<String>,
    pub false_negatives: Vec<String>,
}

#[derive(Debug, Default, Clone, Serialize, PartialEq)]
pub struct Report {
    pub articles: usize,
    pub topics: BTreeMap<String, TopicScore>,
    /// Primary topic confusions: (expected primary, predicted primary) → count, over
    /// articles with exactly one topic labelled yes.
    pub primary_confusions: BTreeMap<String, usize>,
}

impl Report {
    /// A plain table for the terminal.
    pub fn table(&self) -> String {
        let mut s = format!(
            "{} articles\n{:<16} {:>4} {:>4} {:>4} {:>9} {:>7} {:>6}\n",
            self.articles, "topic", "tp", "fp", "fn", "precision", "recall", "f1"
        );
        for (name, t) in &self.topics {
            s += &format!(
                "{:<16} {:>4} {:>4} {:>4} {:>9.3} {:>7.3} {:>6.3}\n",
                name, t.tp, t.fp, t.fn_, t.precision, t.recall, t.f1
            );
        }
        for (name, t) in &self.topics {
            if !t.false_positives.is_empty() {
                s += &format!("{name} false positives: {}\n", t.false_positives.join(", "));
            }
            if !t.false_negatives.is_empty() {
                s += &format!("{name} false negatives: {}\n", t.false_negatives.join(", "));
            }
        }
        if !self.primary_confusions.is_empty() {
            s += "primary topic (expected -> predicted): ";
            s += &self
                .primary_confusions
                .iter()
                .map(|(k, v)| format!("{k}: {v}"))
                .collect::<Vec<_>>()
                .join(", ");
            s += "\n";
        }
        s
    }
}

#[derive(serde::Deserialize)]
struct Case {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    labels: BTreeMap<String, String>,
}

/// Evaluates `rules` on the JSONL set `set`; `base` resolves `path` entries.
pub fn evaluate(rules: &Rules, set: &str, base: &Path) -> Result<Report> {
    let mut report = Report::default();
    for (n, line) in set.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let bad = |m: String| Error::Rules {
            origin: format!("line {}", n + 1),
            message: m,
        };
        let case: Case = serde_json::from_str(line).map_err(|e| bad(e.to_string()))?;
        let id = case.id.clone().unwrap_or_else(|| format!("line {}", n + 1));
        let articles = match (&case.text, &case.path) {
            (Some(t), _) => {
                let doc = Doc {
                    id: content_id(Format::Text, &[t]),
                    format: Format::Text,
                    title: case.title.clone(),
                    body: t.clone(),
                    ..Doc::default()
                };
                vec![rules.enrich(doc, &id, None, false)]
            }
            (None, Some(p)) => {
                let path = base.join(p);
                crate::daemon::process_file(
                    &path,
                    &crate::config::Config::default(),
                    rules,
                    None,
                    false,
                )?
            }
            (None, None) => return Err(bad("needs \"text\" or \"path\"".into())),
        };
        for art in articles {
            report.articles += 1;
            let predicted: Vec<&str> = art.topics.iter().map(|t| t.name.as_str()).collect();
            for (topic, label) in &case.labels {
                let s = report.topics.entry(topic.clone()).or_default();
                let got = predicted.contains(&topic.as_str());
                match (label.as_str(), got) {
                    ("yes", true) => s.tp += 1,
                    ("yes", false) => {
                        s.fn_ += 1;
                        s.false_negatives.push(id.clone());
                    }
                    ("no", true) => {
                        s.fp += 1;
                        s.false_positives.push(id.clone());
                    }
                    ("no", false) => s.tn += 1,
                    _ => {}
                }
            }
            let yes: Vec<&String> = case
                .labels
                .iter()
                .filter(|(_, v)| v.as_str() == "yes")
                .map(|(k, _)| k)
                .collect();
            if let [only] = yes.as_slice() {
                let first = predicted.first().copied().unwrap_or("none");
                if first != only.as_str() {
                    *report
                        .primary_confusions
                        .entry(format!("{only} -> {first}"))
                        .or_default() += 1;
                }
            }
        }
    }
    for s in report.topics.values_mut() {
        s.precision = ratio(s.tp, s.tp + s.fp);
        s.recall = ratio(s.tp, s.tp + s.fn_);
        s.f1 = if s.precision + s.recall > 0.0 {
            2.0 * s.precision * s.recall / (s.precision + s.recall)
        } else {
            0.0
        };
    }
    Ok(report)
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}
