//! Scoring one enriched article against its labels, by the rules of `LABELS.md`, into tallies
//! that add up per language and split.
//!
//! - A story line is kept when at least 80% of its 4-word shingles are in the output text (a
//!   line of fewer than four words: when its words stand together in one paragraph).
//! - A title, meta or junk line is removed when no output paragraph is it or holds it. A
//!   line of fewer than four words counts as held only at a paragraph's start or end, so a
//!   section name like "Nasional" is not found inside a sentence; and only beyond the story
//!   lines that start or end with it, so a tag "Turki" under a story whose paragraph ends
//!   "… Menlu Turki" is removed when the output holds it no more often than the story does.
//! - A dup line is removed when its paragraph appears at most once.
//! - The title is right when the output title equals a line labelled title.
//! - An output entity (or cited source) is right when its canonical name or one of its
//!   surface forms matches a labelled entity's name or surface forms as the entity id spells
//!   it (case, diacritics and punctuation aside); canonical names agree when the matched pair
//!   has the same name in that sense: "Šefik Džaferović" and "Sefik Dzaferovic", "Al-Khalifa"
//!   and "Al Khalifa" give the id a desk joins on.

use super::set::{normalize_line, GoldEntity, LabelledArticle, LineClass, TopicLabel};
use crate::article::Article;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

/// `hit` of `of`, e.g. story lines kept of story lines.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Count {
    pub hit: usize,
    pub of: usize,
}

impl Count {
    /// The share, or `None` when there was nothing to count.
    pub fn ratio(self) -> Option<f64> {
        (self.of > 0).then(|| self.hit as f64 / self.of as f64)
    }
    fn add(&mut self, hit: bool) {
        self.of += 1;
        self.hit += usize::from(hit);
    }
    fn merge(&mut self, o: Count) {
        self.hit += o.hit;
        self.of += o.of;
    }
}

impl Serialize for Count {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Count", 3)?;
        st.serialize_field("ratio", &self.ratio().map(round3))?;
        st.serialize_field("hit", &self.hit)?;
        st.serialize_field("of", &self.of)?;
        st.end()
    }
}

pub(crate) fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

#[derive(Debug, Default, Clone, Serialize, PartialEq)]
pub struct CleanTally {
    pub story_kept: Count,
    pub junk_removed: Count,
    pub junk_removed_by_kind: BTreeMap<String, Count>,
    pub meta_removed: Count,
    pub dup_removed: Count,
    pub title_right: Count,
}

#[derive(Debug, Default, Clone, Serialize, PartialEq)]
pub struct TagTally {
    /// Output entities that match a labelled one.
    pub precision: Count,
    /// Labelled entities found.
    pub recall: Count,
    /// Labelled core entities found.
    pub core_recall: Count,
    /// Matched pairs whose canonical names agree.
    pub canonical_agree: Count,
    /// Precision of the output entities by the rule that found them (`found_by`).
    pub precision_by_rule: BTreeMap<String, Count>,
}

#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct TopicTally {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub tn: usize,
}

impl TopicTally {
    pub fn precision(&self) -> f64 {
        ratio_or_one(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio_or_one(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
}

fn ratio_or_one(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

impl Serialize for TopicTally {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("TopicTally", 7)?;
        st.serialize_field("tp", &self.tp)?;
        st.serialize_field("fp", &self.fp)?;
        st.serialize_field("fn", &self.fn_)?;
        st.serialize_field("tn", &self.tn)?;
        st.serialize_field("precision", &round3(self.precision()))?;
        st.serialize_field("recall", &round3(self.recall()))?;
        st.serialize_field("f1", &round3(self.f1()))?;
        st.end()
    }
}

#[derive(Debug, Default, Clone, PartialEq)]
pub struct ClassifyTally {
    pub topics: BTreeMap<String, TopicTally>,
    pub primary: Count,
    /// Articles with at least one topic label.
    pub scored: usize,
}

impl ClassifyTally {
    /// The mean F1 over the topics scored.
    pub fn macro_f1(&self) -> Option<f64> {
        let n = self.topics.len();
        (n > 0).then(|| self.topics.values().map(TopicTally::f1).sum::<f64>() / n as f64)
    }

    /// Topics put on articles labelled `no` for them, per 100 scored articles: what a desk
    /// routing a feed by topic sees as noise.
    pub fn false_per_100(&self) -> Option<f64> {
        let fp: usize = self.topics.values().map(|t| t.fp).sum();
        (self.scored > 0).then(|| fp as f64 * 100.0 / self.scored as f64)
    }
}

impl Serialize for ClassifyTally {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("ClassifyTally", 4)?;
        st.serialize_field("topics", &self.topics)?;
        st.serialize_field("macro_f1", &self.macro_f1().map(round3))?;
        st.serialize_field("primary_accuracy", &self.primary)?;
        st.serialize_field("false_topics_per_100", &self.false_per_100().map(round3))?;
        st.end()
    }
}

/// Everything measured on a group of articles.
#[derive(Debug, Default, Clone, Serialize, PartialEq)]
pub struct Tally {
    pub articles: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clean: Option<CleanTally>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag: Option<TagTally>,
    pub classify: ClassifyTally,
}

impl Tally {
    pub fn merge(&mut self, o: &Tally) {
        self.articles += o.articles;
        if let Some(oc) = &o.clean {
            let c = self.clean.get_or_insert_with(CleanTally::default);
            c.story_kept.merge(oc.story_kept);
            c.junk_removed.merge(oc.junk_removed);
            c.meta_removed.merge(oc.meta_removed);
            c.dup_removed.merge(oc.dup_removed);
            c.title_right.merge(oc.title_right);
            for (k, v) in &oc.junk_removed_by_kind {
                c.junk_removed_by_kind
                    .entry(k.clone())
                    .or_default()
                    .merge(*v);
            }
        }
        if let Some(ot) = &o.tag {
            let t = self.tag.get_or_insert_with(TagTally::default);
            t.precision.merge(ot.precision);
            t.recall.merge(ot.recall);
            t.core_recall.merge(ot.core_recall);
            t.canonical_agree.merge(ot.canonical_agree);
            for (k, v) in &ot.precision_by_rule {
                t.precision_by_rule.entry(k.clone()).or_default().merge(*v);
            }
        }
        for (k, v) in &o.classify.topics {
            let t = self.classify.topics.entry(k.clone()).or_default();
            t.tp += v.tp;
            t.fp += v.fp;
            t.fn_ += v.fn_;
            t.tn += v.tn;
        }
        self.classify.primary.merge(o.classify.primary);
        self.classify.scored += o.classify.scored;
    }
}

/// One thing the article got wrong, for the error listing.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "stage", rename_all = "snake_case")]
pub enum Miss {
    /// A story line lost, or a junk/meta/title/dup line left in.
    Clean {
        id: String,
        line: usize,
        label: &'static str,
        kind: String,
        text: String,
    },
    /// The output title is not the labelled one.
    Title {
        id: String,
        want: String,
        got: Option<String>,
    },
    /// An output entity matching nothing labelled, or a labelled entity not found.
    Entity {
        id: String,
        error: &'static str,
        name: String,
        core: bool,
    },
    /// A topic predicted against a `no`, or missed against a `yes`; or the wrong primary.
    Topic {
        id: String,
        error: &'static str,
        topic: String,
    },
}

/// Lower-case words of a text: letters and digits.
fn tokens(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Where `needle` stands as a run inside `hay`: positions of every occurrence.
fn occurrences(hay: &[String], needle: &[String]) -> Vec<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return Vec::new();
    }
    (0..=hay.len() - needle.len())
        .filter(|&i| hay.get(i..i + needle.len()) == Some(needle))
        .collect()
}

/// The output paragraphs, as words.
struct Output {
    paragraphs: Vec<Vec<String>>,
    shingles: HashSet<String>,
}

impl Output {
    fn new(text: &str) -> Output {
        let paragraphs: Vec<Vec<String>> = text
            .split("\n\n")
            .map(tokens)
            .filter(|p| !p.is_empty())
            .collect();
        let shingles = paragraphs
            .iter()
            .flat_map(|p| p.windows(4).map(|w| w.join(" ")))
            .collect();
        Output {
            paragraphs,
            shingles,
        }
    }

    fn story_kept(&self, line: &[String]) -> bool {
        if line.len() < 4 {
            return self
                .paragraphs
                .iter()
                .any(|p| !occurrences(p, line).is_empty());
        }
        let all: Vec<String> = line.windows(4).map(|w| w.join(" ")).collect();
        let hit = all.iter().filter(|s| self.shingles.contains(*s)).count();
        hit * 5 >= all.len() * 4
    }

    /// How many paragraphs are or hold the line (see the module doc for short lines).
    fn holding(&self, line: &[String]) -> usize {
        holding(&self.paragraphs, line)
    }
}

/// How many of `paragraphs` are or hold `line`; a short line only at a start or an end.
fn holding(paragraphs: &[Vec<String>], line: &[String]) -> usize {
    paragraphs
        .iter()
        .filter(|p| {
            let at = occurrences(p, line);
            if line.len() >= 4 {
                !at.is_empty()
            } else {
                at.iter().any(|&i| i == 0 || i + line.len() == p.len())
            }
        })
        .count()
}

fn class_name(c: LineClass) -> &'static str {
    match c {
        LineClass::Story => "story",
        LineClass::Title => "title",
        LineClass::Meta => "meta",
        LineClass::Junk => "junk",
        LineClass::Dup => "dup",
        LineClass::Unscored => "-",
    }
}

fn clean_tally(a: &LabelledArticle, out: &Article, misses: &mut Vec<Miss>) -> CleanTally {
    let o = Output::new(&out.text);
    // The story's own lines: a short junk line's words at their start or end are the story's.
    let story: Vec<Vec<String>> = a
        .lines
        .iter()
        .filter(|l| l.class == LineClass::Story)
        .map(|l| tokens(&l.text))
        .collect();
    let mut t = CleanTally::default();
    for l in &a.lines {
        let words = tokens(&l.text);
        if words.is_empty() || l.class == LineClass::Unscored {
            continue;
        }
        let ok = match l.class {
            LineClass::Unscored => true,
            LineClass::Story => {
                let kept = o.story_kept(&words);
                t.story_kept.add(kept);
                kept
            }
            LineClass::Dup => {
                let removed = o.holding(&words) <= 1;
                t.dup_removed.add(removed);
                removed
            }
            LineClass::Title | LineClass::Meta | LineClass::Junk => {
                let expected = if words.len() < 4 {
                    holding(&story, &words)
                } else {
                    0
                };
                let removed = o.holding(&words) <= expected;
                match l.class {
                    LineClass::Junk => {
                        t.junk_removed.add(removed);
                        t.junk_removed_by_kind
                            .entry(if l.kind.is_empty() { "other" } else { &l.kind }.to_string())
                            .or_default()
                            .add(removed);
                    }
                    LineClass::Meta => t.meta_removed.add(removed),
                    _ => {}
                }
                removed
            }
        };
        if !ok {
            misses.push(Miss::Clean {
                id: a.id.clone(),
                line: l.number,
                label: class_name(l.class),
                kind: l.kind.clone(),
                text: l.text.chars().take(160).collect(),
            });
        }
    }
    let titles: Vec<String> = a
        .lines
        .iter()
        .filter(|l| l.class == LineClass::Title)
        .map(|l| normalize_line(&l.text))
        .collect();
    if let Some(want) = titles.first() {
        let got = out.title.as_deref().map(normalize_line);
        let right = got.as_ref().is_some_and(|g| titles.contains(g));
        t.title_right.add(right);
        if !right {
            misses.push(Miss::Title {
                id: a.id.clone(),
                want: want.clone(),
                got,
            });
        }
    }
    t
}

fn tag_tally(
    a: &LabelledArticle,
    gold: &[GoldEntity],
    out: &Article,
    misses: &mut Vec<Miss>,
) -> TagTally {
    let fold = |s: &str| crate::tag::slug(&normalize_line(s));
    let gold_forms: Vec<HashSet<String>> = gold
        .iter()
        .map(|g| {
            std::iter::once(g.name.as_str())
                .chain(g.aliases.iter().map(String::as_str))
                .map(fold)
                .collect()
        })
        .collect();
    // Output entities and cited sources, each as (canonical name, forms, the rule that found
    // it).
    let outputs: Vec<(String, Vec<String>, &str)> = out
        .entities
        .iter()
        .map(|e| (e.name.clone(), e.surface.clone(), e.found_by.as_str()))
        .chain(
            out.cited_sources
                .iter()
                .map(|c| (c.name.clone(), c.surface.clone(), "cited_source")),
        )
        .collect();
    let mut t = TagTally::default();
    let mut found = vec![false; gold.len()];
    for (name, surface, rule) in &outputs {
        let forms: Vec<String> = std::iter::once(name)
            .chain(surface.iter())
            .map(|s| fold(s))
            .collect();
        // Prefer the labelled entity whose canonical name is this one's.
        let by_name = gold.iter().position(|g| fold(&g.name) == fold(name));
        let m = by_name.or_else(|| {
            gold_forms
                .iter()
                .position(|gf| forms.iter().any(|f| gf.contains(f)))
        });
        t.precision.add(m.is_some());
        t.precision_by_rule
            .entry((*rule).to_string())
            .or_default()
            .add(m.is_some());
        match m {
            Some(i) => {
                if let Some(f) = found.get_mut(i) {
                    *f = true;
                }
                t.canonical_agree.add(by_name.is_some());
                if let (None, Some(g)) = (by_name, gold.get(i)) {
                    misses.push(Miss::Entity {
                        id: a.id.clone(),
                        error: "other_name",
                        name: format!("{name} (labelled {})", g.name),
                        core: g.core,
                    });
                }
            }
            None => misses.push(Miss::Entity {
                id: a.id.clone(),
                error: "not_labelled",
                name: name.clone(),
                core: false,
            }),
        }
    }
    for (g, f) in gold.iter().zip(&found) {
        t.recall.add(*f);
        if g.core {
            t.core_recall.add(*f);
        }
        if !f {
            misses.push(Miss::Entity {
                id: a.id.clone(),
                error: "missed",
                name: g.name.clone(),
                core: g.core,
            });
        }
    }
    t
}

fn classify_tally(a: &LabelledArticle, out: &Article, misses: &mut Vec<Miss>) -> ClassifyTally {
    let predicted: Vec<&str> = out.topics.iter().map(|t| t.name.as_str()).collect();
    let mut c = ClassifyTally {
        scored: usize::from(!a.topics.is_empty()),
        ..ClassifyTally::default()
    };
    for (topic, label) in &a.topics {
        let got = predicted.contains(&topic.as_str());
        let t = c.topics.entry(topic.clone()).or_default();
        let error = match (label, got) {
            (TopicLabel::Yes, true) => {
                t.tp += 1;
                None
            }
            (TopicLabel::Yes, false) => {
                t.fn_ += 1;
                Some("false_negative")
            }
            (TopicLabel::No, true) => {
                t.fp += 1;
                Some("false_positive")
            }
            (TopicLabel::No, false) => {
                t.tn += 1;
                None
            }
            (TopicLabel::Either, _) => None,
        };
        if let Some(error) = error {
            misses.push(Miss::Topic {
                id: a.id.clone(),
                error,
                topic: topic.clone(),
            });
        }
    }
    if let Some(want) = &a.primary {
        let got = predicted.first().copied().unwrap_or("none");
        c.primary.add(got == want);
        if got != want {
            misses.push(Miss::Topic {
                id: a.id.clone(),
                error: "wrong_primary",
                topic: format!("{want} -> {got}"),
            });
        }
    }
    c
}

/// Scores one article; what it got wrong is appended to `misses`.
pub fn score(a: &LabelledArticle, out: &Article, misses: &mut Vec<Miss>) -> Tally {
    Tally {
        articles: 1,
        clean: (!a.lines.is_empty()).then(|| clean_tally(a, out, misses)),
        tag: a.entities.as_deref().map(|g| tag_tally(a, g, out, misses)),
        classify: classify_tally(a, out, misses),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        tokens(s)
    }

    #[test]
    fn story_lines_need_four_fifths_of_their_shingles() {
        let o = Output::new(
            "Presiden bertemu perdana menteri di Istana Merdeka pada Senin pagi.\n\nNasional",
        );
        assert!(o.story_kept(&w(
            "Presiden bertemu perdana menteri di Istana Merdeka pada Senin pagi."
        )));
        // A dateline cut from the lead costs one shingle of many.
        assert!(o.story_kept(&w(
            "JAKARTA - Presiden bertemu perdana menteri di Istana Merdeka pada Senin pagi."
        )));
        assert!(!o.story_kept(&w(
            "Presiden bertemu perdana menteri di Beijing pada Rabu malam setelah KTT."
        )));
        assert!(o.story_kept(&w("Istana Merdeka")));
    }

    #[test]
    fn unscored_lines_count_nowhere() {
        use crate::eval::set::LabelledLine;
        let line = |number: usize, text: &str, class: LineClass| LabelledLine {
            number,
            text: text.into(),
            class,
            kind: String::new(),
        };
        let a = LabelledArticle {
            id: "x".into(),
            lang: "en".into(),
            split: "all".into(),
            path: "x.txt".into(),
            topics: Default::default(),
            primary: None,
            lines: vec![
                line(1, "Home News World Sport", LineClass::Unscored),
                line(2, "Menu", LineClass::Junk),
                line(
                    3,
                    "The ministers met in Jakarta on Monday.",
                    LineClass::Story,
                ),
            ],
            entities: None,
        };
        let out = crate::rules::test_rules().enrich(
            crate::article::Doc {
                body: "Home News World Sport\nMenu\nThe ministers met in Jakarta on Monday.".into(),
                ..Default::default()
            },
            "x.txt",
            None,
            false,
        );
        let mut misses = Vec::new();
        let t = clean_tally(&a, &out, &mut misses);
        assert_eq!(t.story_kept.of + t.junk_removed.of + t.meta_removed.of, 2);
        assert!(misses
            .iter()
            .all(|m| !matches!(m, Miss::Clean { line: 1, .. })));
    }

    #[test]
    fn a_short_junk_line_the_story_also_ends_with_is_removed_when_held_no_more_often() {
        use crate::eval::set::LabelledLine;
        let line = |number: usize, text: &str, class: LineClass| LabelledLine {
            number,
            text: text.into(),
            class,
            kind: "tags".into(),
        };
        let story = "Menlu Retno Marsudi menelepon Menlu Turki.";
        let a = LabelledArticle {
            id: "x".into(),
            lang: "id".into(),
            split: "all".into(),
            path: "x.txt".into(),
            topics: Default::default(),
            primary: None,
            lines: vec![
                line(1, story, LineClass::Story),
                line(2, "Turki", LineClass::Junk),
            ],
            entities: None,
        };
        let out = |body: &str| {
            crate::rules::test_rules().enrich(
                crate::article::Doc {
                    body: body.into(),
                    ..Default::default()
                },
                "x.txt",
                None,
                false,
            )
        };
        let t = clean_tally(&a, &out(story), &mut Vec::new());
        assert_eq!((t.junk_removed.hit, t.junk_removed.of), (1, 1));
        // The story twice ends with it: the tag line's copy is beyond what the story holds.
        let both = format!("{story}\n\nTurki Retno Marsudi menelepon lagi.");
        let t = clean_tally(&a, &out(&both), &mut Vec::new());
        assert_eq!((t.junk_removed.hit, t.junk_removed.of), (0, 1));
    }

    #[test]
    fn short_lines_count_as_kept_only_where_a_paragraph_starts_or_ends_with_them() {
        let o = Output::new(
            "Nasional Presiden tiba di Jakarta.\n\nIa membahas keamanan nasional dan ekonomi.",
        );
        assert_eq!(o.holding(&w("Nasional")), 1);
        assert_eq!(o.holding(&w("keamanan")), 0);
        assert_eq!(o.holding(&w("ekonomi")), 1);
        assert_eq!(o.holding(&w("Baca juga: Presiden tiba di Jakarta")), 0);
    }
}
