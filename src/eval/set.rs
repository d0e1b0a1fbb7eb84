//! A labelled set on disk: a folder with `manifest.tsv` (one row per article: id, language,
//! split, topic labels, primary), optionally `lines.tsv` (a label per non-blank line) and
//! `entities.tsv` (the entities of each article), and the articles themselves under
//! `articles/ID.txt` (or the manifest's `path` column). Formats are documented in the README
//! ("Measuring warta on your own articles").
//!
//! Line labels are keyed by the line's number and by [`line_key`], the SHA-1 of the line with
//! its spacing normalised: an article whose spacing was edited keeps its labels, and an
//! article whose words changed shows up as unlabelled lines instead of silently wrong ones.

use crate::error::{Error, Result};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

/// A topic label: `yes`, `no`, or `either` (not scored).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TopicLabel {
    Yes,
    No,
    Either,
}

/// What a line of the page is (`../LABELS.md`, "Lines").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LineClass {
    Story,
    Title,
    Meta,
    Junk,
    Dup,
    /// `-`: a line nobody labelled (a page whose labels come from snippets); not scored.
    Unscored,
}

impl LineClass {
    fn parse(s: &str) -> Option<LineClass> {
        Some(match s {
            "story" => LineClass::Story,
            "title" => LineClass::Title,
            "meta" => LineClass::Meta,
            "junk" => LineClass::Junk,
            "dup" => LineClass::Dup,
            "-" => LineClass::Unscored,
            _ => return None,
        })
    }
}

/// One labelled line of an article, bound to its text.
#[derive(Debug, Clone)]
pub struct LabelledLine {
    /// 1-based line number in the article file.
    pub number: usize,
    pub text: String,
    pub class: LineClass,
    /// The junk or meta kind (`caption`, `related`, `byline`, ...), may be empty.
    pub kind: String,
}

/// One expected entity.
#[derive(Debug, Clone)]
pub struct GoldEntity {
    pub kind: String,
    /// Canonical name.
    pub name: String,
    /// Surface forms seen in the article.
    pub aliases: Vec<String>,
    /// The main event's principals, their countries and the headline subject.
    pub core: bool,
}

/// One article with its labels.
#[derive(Debug, Clone)]
pub struct LabelledArticle {
    pub id: String,
    pub lang: String,
    /// `dev`, `test`, or `all` when the manifest has no split column.
    pub split: String,
    pub path: PathBuf,
    pub topics: BTreeMap<String, TopicLabel>,
    /// The primary topic or `none`; `None` when not labelled.
    pub primary: Option<String>,
    /// Empty when the set has no `lines.tsv`.
    pub lines: Vec<LabelledLine>,
    /// `None` when the set has no `entities.tsv`.
    pub entities: Option<Vec<GoldEntity>>,
}

/// A loaded set.
#[derive(Debug, Clone, Default)]
pub struct LabelledSet {
    pub articles: Vec<LabelledArticle>,
    pub has_lines: bool,
    pub has_entities: bool,
}

/// Columns of `manifest.tsv` that are not topics.
const MANIFEST_FIELDS: &[&str] = &[
    "id",
    "lang",
    "split",
    "path",
    "model_url",
    "query",
    "primary",
    "note",
    "outlet",
];

/// The line as labels key it: NFKC, no-break and other spaces made plain, runs of whitespace
/// made one space, trimmed.
pub fn normalize_line(line: &str) -> String {
    let nfkc: String = line.nfkc().collect();
    nfkc.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// SHA-1 (hex) of [`normalize_line`]: the key of a line label.
pub fn line_key(line: &str) -> String {
    sha1_smol::Sha1::from(normalize_line(line))
        .digest()
        .to_string()
}

/// Reads a TSV file with a header row into maps from column name to value.
fn read_tsv(path: &Path) -> Result<Vec<(usize, BTreeMap<String, String>)>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let mut rows = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let header: Vec<String> = match rows.next() {
        Some((_, h)) => h.split('\t').map(|s| s.trim().to_string()).collect(),
        None => return Ok(Vec::new()),
    };
    Ok(rows
        .map(|(n, l)| {
            let row = header
                .iter()
                .cloned()
                .zip(l.split('\t').map(|s| s.trim().to_string()))
                .collect();
            (n + 1, row)
        })
        .collect())
}

fn bad(path: &Path, line: usize, message: impl std::fmt::Display) -> Error {
    Error::LabelledSet {
        path: path.to_path_buf(),
        message: format!("line {line}: {message}"),
    }
}

impl LabelledSet {
    /// Loads the set in `dir`. Missing `lines.tsv` or `entities.tsv` leave those stages
    /// unscored; a label that names an unknown article, or an article line without a label,
    /// is an error naming the file and line.
    pub fn load(dir: &Path) -> Result<LabelledSet> {
        let manifest = dir.join("manifest.tsv");
        let mut set = LabelledSet::default();
        let mut index: BTreeMap<String, usize> = BTreeMap::new();
        for (n, row) in read_tsv(&manifest)? {
            let get = |k: &str| row.get(k).map(String::as_str).unwrap_or("");
            let id = get("id").to_string();
            if id.is_empty() {
                return Err(bad(&manifest, n, "no id"));
            }
            let mut topics = BTreeMap::new();
            for (k, v) in &row {
                if MANIFEST_FIELDS.contains(&k.as_str()) {
                    continue;
                }
                let label = match v.as_str() {
                    "yes" => TopicLabel::Yes,
                    "no" => TopicLabel::No,
                    "either" => TopicLabel::Either,
                    "" | "-" => continue,
                    other => {
                        return Err(bad(
                            &manifest,
                            n,
                            format!("{k}: {other:?} is not yes/no/either"),
                        ))
                    }
                };
                topics.insert(k.clone(), label);
            }
            let primary = Some(get("primary").to_string()).filter(|p| !p.is_empty() && p != "-");
            let path = match get("path") {
                "" => dir.join("articles").join(format!("{id}.txt")),
                p => dir.join(p),
            };
            let split = match get("split") {
                "" => "all",
                s => s,
            };
            if index.insert(id.clone(), set.articles.len()).is_some() {
                return Err(bad(&manifest, n, format!("id {id} twice")));
            }
            set.articles.push(LabelledArticle {
                id,
                lang: get("lang").to_string(),
                split: split.to_string(),
                path,
                topics,
                primary,
                lines: Vec::new(),
                entities: None,
            });
        }

        let lines_path = dir.join("lines.tsv");
        if lines_path.exists() {
            set.has_lines = true;
            set.bind_lines(&lines_path, &index)?;
        }
        let ents_path = dir.join("entities.tsv");
        if ents_path.exists() {
            set.has_entities = true;
            for a in &mut set.articles {
                a.entities = Some(Vec::new());
            }
            for (n, row) in read_tsv(&ents_path)? {
                let get = |k: &str| row.get(k).map(String::as_str).unwrap_or("");
                let Some(&i) = index.get(get("id")) else {
                    return Err(bad(
                        &ents_path,
                        n,
                        format!("unknown article {:?}", get("id")),
                    ));
                };
                let ent = GoldEntity {
                    kind: get("kind").to_string(),
                    name: get("name").to_string(),
                    aliases: get("aliases")
                        .split('|')
                        .map(str::trim)
                        .filter(|a| !a.is_empty() && *a != "-")
                        .map(str::to_string)
                        .collect(),
                    core: matches!(get("core"), "yes" | "core" | "1" | "true"),
                };
                if let Some(list) = set.articles.get_mut(i).and_then(|a| a.entities.as_mut()) {
                    list.push(ent);
                }
            }
        }
        Ok(set)
    }

    /// Reads `lines.tsv` and binds each label to its article line: by number and key, else
    /// by key alone (the article's lines moved).
    fn bind_lines(&mut self, path: &Path, index: &BTreeMap<String, usize>) -> Result<()> {
        // (article, key) → [(line number, class, kind)]
        type Labels = BTreeMap<(usize, String), Vec<(usize, LineClass, String)>>;
        let mut labels: Labels = BTreeMap::new();
        for (n, row) in read_tsv(path)? {
            let get = |k: &str| row.get(k).map(String::as_str).unwrap_or("");
            let Some(&i) = index.get(get("id")) else {
                return Err(bad(path, n, format!("unknown article {:?}", get("id"))));
            };
            let class = LineClass::parse(get("label"))
                .ok_or_else(|| bad(path, n, format!("unknown label {:?}", get("label"))))?;
            let number = get("line").parse::<usize>().unwrap_or(0);
            labels
                .entry((i, get("sha1").to_string()))
                .or_default()
                .push((number, class, get("kind").to_string()));
        }
        for (i, a) in self.articles.iter_mut().enumerate() {
            let text = std::fs::read_to_string(&a.path).map_err(|e| Error::io(&a.path, e))?;
            for (n, line) in text.split('\n').enumerate() {
                let number = n + 1;
                if line.trim().is_empty() {
                    continue;
                }
                let key = line_key(line);
                let found = labels.get_mut(&(i, key)).and_then(|v| {
                    let at = v.iter().position(|l| l.0 == number).unwrap_or(0);
                    (!v.is_empty()).then(|| v.remove(at))
                });
                let Some((_, class, kind)) = found else {
                    return Err(Error::LabelledSet {
                        path: a.path.clone(),
                        message: format!("line {number} has no label in {}", path.display()),
                    });
                };
                a.lines.push(LabelledLine {
                    number,
                    text: line.to_string(),
                    class,
                    kind,
                });
            }
        }
        if let Some(((i, _), v)) = labels.iter().find(|(_, v)| !v.is_empty()) {
            let id = self.articles.get(*i).map(|a| a.id.as_str()).unwrap_or("");
            return Err(Error::LabelledSet {
                path: path.to_path_buf(),
                message: format!(
                    "a label of {id} (line {}) matches no line of the article",
                    v.first().map(|l| l.0).unwrap_or(0)
                ),
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn line_keys_ignore_spacing_but_not_words() {
        let a = super::line_key("Baca juga:  Prabowo\u{a0}Tiba di Moskow ");
        assert_eq!(a, super::line_key("Baca juga: Prabowo Tiba di Moskow"));
        assert_ne!(a, super::line_key("Baca juga: Prabowo Tiba di Beijing"));
        // SHA-1 of the normalised text, as the set's README documents.
        assert_eq!(
            super::line_key(" abc "),
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        );
        // NFKC: a full-width letter keys as its plain form.
        assert_eq!(super::line_key("ＡＢＣ"), super::line_key("ABC"));
    }
}
