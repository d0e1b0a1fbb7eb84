//! `warta eval`: how well the rules do on labelled articles.
//!
//! Two kinds of set:
//! - a labelled folder ([`set`]): `manifest.tsv` with topic labels, `lines.tsv` with a label
//!   for every line, `entities.tsv` with the expected entities, and the articles. Every
//!   stage is scored ([`score`]): clean (story kept, junk/meta/dup removed, title right), tag
//!   (entity precision, recall, core recall, canonical names) and classify (per-topic
//!   precision/recall/F1, macro-F1, primary accuracy), per language and per split;
//! - a JSON Lines file of texts with topic labels ([`jsonl`]): topics only.
//!
//! The errors of a `test` split are not listed unless asked for: a test split is scored, never
//! studied while rules change.
//!
//! Invariant: evaluation never writes anything; the same rules and set give the same report.

pub mod jsonl;
pub mod score;
pub mod set;

pub use jsonl::{evaluate, Report, TopicScore};

use crate::config::Config;
use crate::error::{Error, Result};
use crate::rules::Rules;
use score::{Miss, Tally};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The figures of a labelled folder.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SetReport {
    pub articles: usize,
    /// `split/lang` and `split` → figures.
    pub groups: BTreeMap<String, Tally>,
    /// The column order for a table: per split its languages, then the split.
    #[serde(skip)]
    pub columns: Vec<String>,
    /// What went wrong, article by article, in the splits whose errors are shown.
    pub errors: Vec<Miss>,
    /// Splits whose errors were left out.
    pub errors_hidden_for: Vec<String>,
}

/// Scores `rules` on the labelled folder `dir`. Errors of the splits in `hide` are counted
/// but not listed.
pub fn evaluate_set(rules: &Rules, cfg: &Config, dir: &Path, hide: &[&str]) -> Result<SetReport> {
    let set = set::LabelledSet::load(dir)?;
    let mut groups: BTreeMap<String, Tally> = BTreeMap::new();
    let mut errors = Vec::new();
    for a in &set.articles {
        let out = crate::daemon::process_file(&a.path, cfg, rules, None, false)?;
        let Some(first) = out.first() else {
            return Err(Error::LabelledSet {
                path: a.path.clone(),
                message: "no article in the file".into(),
            });
        };
        let mut misses = Vec::new();
        let t = score::score(a, first, &mut misses);
        if !hide.contains(&a.split.as_str()) {
            errors.extend(misses);
        }
        groups
            .entry(format!("{}/{}", a.split, a.lang))
            .or_default()
            .merge(&t);
        groups.entry(a.split.clone()).or_default().merge(&t);
    }
    let mut splits: Vec<&str> = set.articles.iter().map(|a| a.split.as_str()).collect();
    splits.sort_by_key(|s| (split_rank(s), s.to_string()));
    splits.dedup();
    let mut columns = Vec::new();
    for s in &splits {
        let mut langs: Vec<&str> = set
            .articles
            .iter()
            .filter(|a| a.split == *s)
            .map(|a| a.lang.as_str())
            .collect();
        langs.sort_unstable();
        langs.dedup();
        columns.extend(langs.iter().map(|l| format!("{s}/{l}")));
        columns.push(s.to_string());
    }
    Ok(SetReport {
        articles: set.articles.len(),
        groups,
        columns,
        errors,
        errors_hidden_for: splits
            .iter()
            .filter(|s| hide.contains(s))
            .map(|s| s.to_string())
            .collect(),
    })
}

/// The keys of a breakdown (junk by kind, precision by rule) that any column has, sorted.
fn breakdown<'a>(
    cols: &[(&String, &'a Tally)],
    of: impl Fn(&'a Tally) -> Option<&'a BTreeMap<String, score::Count>>,
) -> Vec<&'a String> {
    let mut keys: Vec<&String> = cols
        .iter()
        .filter_map(|(_, t)| of(t))
        .flat_map(|m| m.keys())
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

fn split_rank(s: &str) -> u8 {
    match s {
        "dev" => 0,
        "test" => 1,
        _ => 2,
    }
}

impl SetReport {
    /// A plain table for the terminal: a row per figure, a column per group; then the
    /// listed errors, topics first.
    pub fn table(&self, show_lines: bool) -> String {
        let cols: Vec<(&String, &Tally)> = self
            .columns
            .iter()
            .filter_map(|c| self.groups.get(c).map(|t| (c, t)))
            .collect();
        let mut rows: Vec<(String, Vec<Option<f64>>)> = Vec::new();
        let mut row = |name: &str, f: &dyn Fn(&Tally) -> Option<f64>| {
            let vals: Vec<Option<f64>> = cols.iter().map(|(_, t)| f(t)).collect();
            if vals.iter().any(Option::is_some) {
                rows.push((name.to_string(), vals));
            }
        };
        row("articles", &|t| Some(t.articles as f64));
        row("clean: story kept", &|t| {
            t.clean.as_ref()?.story_kept.ratio()
        });
        row("clean: junk removed", &|t| {
            t.clean.as_ref()?.junk_removed.ratio()
        });
        let kinds = breakdown(&cols, |t| Some(&t.clean.as_ref()?.junk_removed_by_kind));
        for k in kinds {
            row(&format!("  junk: {k}"), &|t| {
                t.clean.as_ref()?.junk_removed_by_kind.get(k)?.ratio()
            });
        }
        row("clean: meta removed", &|t| {
            t.clean.as_ref()?.meta_removed.ratio()
        });
        row("clean: dup removed", &|t| {
            t.clean.as_ref()?.dup_removed.ratio()
        });
        row("clean: title right", &|t| {
            t.clean.as_ref()?.title_right.ratio()
        });
        row("tag: precision", &|t| t.tag.as_ref()?.precision.ratio());
        let rules = breakdown(&cols, |t| Some(&t.tag.as_ref()?.precision_by_rule));
        for r in rules {
            row(&format!("  found by {r}"), &|t| {
                t.tag.as_ref()?.precision_by_rule.get(r)?.ratio()
            });
        }
        row("tag: recall", &|t| t.tag.as_ref()?.recall.ratio());
        row("tag: core recall", &|t| t.tag.as_ref()?.core_recall.ratio());
        row("tag: canonical names", &|t| {
            t.tag.as_ref()?.canonical_agree.ratio()
        });
        let mut topics: Vec<&String> = cols
            .iter()
            .flat_map(|(_, t)| t.classify.topics.keys())
            .collect();
        topics.sort();
        topics.dedup();
        for topic in topics {
            row(&format!("{topic}: precision"), &|t| {
                Some(t.classify.topics.get(topic)?.precision())
            });
            row(&format!("{topic}: recall"), &|t| {
                Some(t.classify.topics.get(topic)?.recall())
            });
            row(&format!("{topic}: F1"), &|t| {
                Some(t.classify.topics.get(topic)?.f1())
            });
        }
        row("topics: macro-F1", &|t| t.classify.macro_f1());
        row("topics: primary accuracy", &|t| t.classify.primary.ratio());
        row("topics: false per 100", &|t| t.classify.false_per_100());

        let width = rows.iter().map(|r| r.0.len()).max().unwrap_or(8).max(8);
        let mut s = format!("{:<width$}", "");
        for (c, _) in &cols {
            s += &format!(" {c:>9}");
        }
        s.push('\n');
        for (name, vals) in &rows {
            s += &format!("{name:<width$}");
            for v in vals {
                match v {
                    Some(x) if name == "articles" => s += &format!(" {x:>9}"),
                    Some(x) => s += &format!(" {x:>9.3}"),
                    None => s += &format!(" {:>9}", "-"),
                }
            }
            s.push('\n');
        }
        let mut by_topic: BTreeMap<String, Vec<&str>> = BTreeMap::new();
        for e in &self.errors {
            if let Miss::Topic { id, error, topic } = e {
                by_topic
                    .entry(format!("{topic} {error}"))
                    .or_default()
                    .push(id);
            }
        }
        for (k, ids) in by_topic {
            s += &format!("{k}: {}\n", ids.join(", "));
        }
        if show_lines {
            for e in &self.errors {
                match e {
                    Miss::Clean {
                        id,
                        line,
                        label,
                        kind,
                        text,
                    } => s += &format!("clean {id}:{line} {label}/{kind}: {text}\n"),
                    Miss::Title { id, want, got } => {
                        s += &format!("title {id}: want {want:?} got {got:?}\n")
                    }
                    Miss::Entity {
                        id,
                        error,
                        name,
                        core,
                    } => {
                        let core = if *core { " (core)" } else { "" };
                        s += &format!("entity {id}: {error} {name}{core}\n")
                    }
                    Miss::Topic { .. } => {}
                }
            }
        }
        if !self.errors_hidden_for.is_empty() {
            s += &format!(
                "errors of the {} split not listed (--show-errors-of to list them)\n",
                self.errors_hidden_for.join(", ")
            );
        }
        s
    }
}
