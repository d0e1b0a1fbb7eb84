//! Classify: which topics an article is about, how strongly, why, and the events behind them.
//!
//! Topics are data (`data/topics/*.toml`, more from the config): per language, weighted cue
//! phrases and counter-cues. The article is read sentence by sentence (the title first):
//! - a sentence supports a topic with the weight of its strongest cue, unless a counter-cue of
//!   that topic is in it (the cue is then another sense: a phone feature, a football defence);
//!   a cue capitalised inside an office's or a post's name in the body ("Direktur Teknologi
//!   dan Industri Pertahanan", "Minister for Defence Industry") names the office, not an event;
//! - when the topic requires an actor and the sentence names none (no tagged entity, no
//!   title or role word), the weight is cut to a third: "the call" without a caller is weak;
//! - a topic's person cues (arrivals and welcomes: "mendarat di", "red-carpet welcome") count
//!   only in a sentence naming a person or a people's title: an aircraft landing to a water
//!   salute, a team's red-carpet return, is no visit;
//! - the title counts 1.5×, the first two sentences 1.2×: news says its point first;
//! - a sentence whose event is planned, cancelled or denied counts less than one that
//!   happened, so an article about a call that mentions a cancelled summit leads with calls.
//!
//! Score = 1 − e^(−Σ sentence weights): one strong sentence ≈ 0.6, two ≈ 0.83. A topic is
//! present when its score reaches the topic's threshold *and* at least one sentence holds a
//! strong cue (weight ≥ 0.5): weak cues alone ("missile" in a war report) never tag. The
//! topic must also be prominent: named in the headline or the lead, told in two strong
//! sentences, or returned to in three sentences with a cue (a visit told deep in a story
//! that keeps coming back to it); a strong cue once, deep in the body, is background. A
//! sentence that tells an event held with two strong cues apart, or (for a topic between two
//! people, calls) with a sure cue naming two people, counts as two strong sentences. A cue
//! in the past tense ("telephoned") keeps its event held whatever plan follows it.
//!
//! The headline decides the primary: the topic its main clause names first leads, and no
//! other topic scores above it; a frame ("Usai telepon, …", "… after Hegseth talks") only
//! sets the scene, and so does a subject before an outcome word ("Lawatan ke Turki Berbuah
//! Kesepakatan Pertahanan" is about the agreements). A planned event in the headline leads
//! only over a framed topic. A headline cue the story never returns to does not tag, and a
//! cue right after a talk word ("ahead of a meeting") is never strong evidence, unless a
//! document stands just before that word ("an agreement regarding arms supplies"): then the
//! word names its subject. A topic's own aim words do the same for its cues ("to build up
//! defence cooperation" is an aim, not an agreement).
//!
//! Events: each strong evidence sentence is an event with the status its cues say, the
//! people (else states) named in it, and the date it names; events with the same status
//! and overlapping participants are one event, so a call retold in three sentences is one.
//!
//! Invariant: pure and total.

use crate::article::{EntityKind, Event, Topic};
use crate::error::{Error, Result};
use crate::gazetteer::fold_into;
use crate::lang::Languages;
use crate::tag::Tags;
use aho_corasick::{AhoCorasick, MatchKind};
use rustc_hash::FxHashMap as HashMap;
use rustc_hash::FxHashSet as HashSet;
use serde::Deserialize;

pub const BUILTIN: &[(&str, &str)] = &[
    (
        "data/topics/calls.toml",
        include_str!("../data/topics/calls.toml"),
    ),
    (
        "data/topics/summits.toml",
        include_str!("../data/topics/summits.toml"),
    ),
    (
        "data/topics/defence_deals.toml",
        include_str!("../data/topics/defence_deals.toml"),
    ),
];

/// A cue must reach this weight for its sentence to count as strong evidence.
const STRONG: f64 = 0.5;
/// A cue this strong is seldom read in another sense ("telephoned", "phone call").
const SURE: f64 = 0.8;
/// Sentences with a cue that make a topic the story's own even when its one strong sentence
/// stands deep in the body.
const RECURRING: usize = 3;
/// Below this weight a headline cue is not boosted: weak cues stay weak in a headline.
const WEAK_IN_TITLE: f64 = 0.35;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicFile {
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default = "default_threshold")]
    threshold: f64,
    #[serde(default = "default_true")]
    requires_actor: bool,
    /// The topic is a relation between states: the article must name two or more
    /// countries (places, people and bodies with their country) or an intergovernmental
    /// body. A governor's visit to a regency names neither.
    #[serde(default)]
    between_states: bool,
    /// A headline cue weighs more than a body one from this weight on; below it (a weapon's
    /// name alone: the story's subject, not its event) it counts as in the body.
    #[serde(default = "default_headline_boost")]
    headline_boost_from: f64,
    /// Topics whose events this one is told within: in an article that reports one of them,
    /// one strong sentence of this topic deep in the body is part of that event, not
    /// background (defence agreements are signed during visits).
    #[serde(default)]
    told_within: Vec<String>,
    /// Like `told_within`, for a planned event of this topic only: a call that sets up a
    /// visit ("Trump invited Buhari to Washington") reports the visit too.
    #[serde(default)]
    planned_within: Vec<String>,
    /// The event is between two people (a call): one sentence with a sure cue that names
    /// two people ("Masisi had telephoned Boko as the results came in") reports it, wherever
    /// it stands in the story.
    #[serde(default)]
    between_two: bool,
    #[serde(default)]
    lang: HashMap<String, LangCues>,
}

fn default_headline_boost() -> f64 {
    WEAK_IN_TITLE
}

fn default_threshold() -> f64 {
    0.5
}
fn default_true() -> bool {
    true
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct LangCues {
    cues: Vec<(String, f64)>,
    counter: Vec<String>,
    pairs: Vec<Pair>,
    /// Words after which a cue of this topic is an aim, not the event ("memperkuat kerja
    /// sama pertahanan", "to build up defence cooperation"): it counts as talked about.
    aims: Vec<String>,
    /// Cues (also listed in `cues`) that count only in a sentence naming a person or a
    /// people's title: an arrival or a welcome ("mendarat di", "red-carpet welcome") is a
    /// visit when someone arrives, not an aircraft or a team.
    person_cues: Vec<String>,
    /// Offices below the topic's level ("gubernur", "mayor", "sister city"): a headline that
    /// names one and no `level` office nor a listed person is a local story, never this topic.
    local: Vec<String>,
    /// Offices at the topic's level ("presiden", "minister"): with one in the headline, a
    /// `local` office beside it (a governor welcoming a president) is only the host.
    level: Vec<String>,
}

/// A sentence holding a word of each list counts with `weight`: "seeks to buy F-35 jets",
/// "kesepakatan … jet tempur". Catches what no fixed phrase can.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Pair {
    first: Vec<String>,
    second: Vec<String>,
    weight: f64,
    /// The pair counts only in a sentence naming a person or a people's title.
    #[serde(default)]
    needs_person: bool,
}

/// One compiled topic.
#[derive(Debug)]
pub struct TopicDef {
    pub name: String,
    pub description: String,
    pub threshold: f64,
    pub requires_actor: bool,
    pub between_states: bool,
    pub headline_boost_from: f64,
    pub told_within: Vec<String>,
    pub planned_within: Vec<String>,
    pub between_two: bool,
    /// Each of this topic's pairs: its weight, and whether it needs a person.
    pairs: Vec<(f64, bool)>,
}

/// What a phrase of the combined automaton means.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    Cue {
        topic: usize,
        weight: f64,
        /// Counts only in a sentence that names a person or a people's title.
        person: bool,
    },
    Counter {
        topic: usize,
    },
    /// An office below the topic's level (`local`).
    Local {
        topic: usize,
    },
    /// An office at the topic's level (`level`).
    Level {
        topic: usize,
    },
    PairFirst {
        topic: usize,
        pair: usize,
    },
    PairSecond {
        topic: usize,
        pair: usize,
    },
    Status(&'static str),
    Mentioned,
    /// A topic's aim word: its cues after it are talked about, like after `Mentioned`.
    Aim {
        topic: usize,
    },
    /// A document ("agreement", "nota kesepahaman"): a talk word a few words after it names
    /// its subject ("an agreement between the two countries regarding …"), not talk.
    Document,
    Frame,
    FrameWithin,
    /// "… Berbuah Kesepakatan", "… yields deals": what came before it is the occasion.
    Outcome,
    Actor,
    /// An event's parties named together: "the two leaders", "kedua negara".
    Both,
}

/// Two hits share bytes.
fn overlaps(a: &Hit, b: &Hit) -> bool {
    a.1 < b.2 && b.1 < a.2
}

/// Every phrase the classifier knows (all topics' cues, counters and pairs, status, mention
/// and actor words) in one automaton over folded text, so a sentence is scanned once.
/// Whole words only; a trailing `*` makes the last word a prefix.
#[derive(Debug)]
struct Lexicon {
    ac: AhoCorasick,
    roles: Vec<Role>,
    prefix: Vec<bool>,
    phrases: Vec<String>,
}

/// A whole-word match: (phrase index, start, end) in the folded sentence.
type Hit = (usize, usize, usize);

impl Lexicon {
    fn new(items: Vec<(String, Role)>) -> std::result::Result<Lexicon, String> {
        let mut phrases = Vec::with_capacity(items.len());
        let mut prefix = Vec::with_capacity(items.len());
        let mut roles = Vec::with_capacity(items.len());
        for (p, role) in items {
            let p = p.trim();
            let folded = crate::gazetteer::fold_str(p.trim_end_matches('*'));
            if folded.is_empty() {
                continue;
            }
            prefix.push(p.ends_with('*'));
            phrases.push(folded);
            roles.push(role);
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&phrases)
            .map_err(|e| e.to_string())?;
        Ok(Lexicon {
            ac,
            roles,
            prefix,
            phrases,
        })
    }

    /// All whole-word matches in folded text `f`, overlapping ones included, so "telepon" and
    /// "panggilan telepon" both count.
    fn find(&self, f: &str) -> Vec<Hit> {
        let b = f.as_bytes();
        let mut out = Vec::new();
        for m in self.ac.find_overlapping_iter(f) {
            let i = m.pattern().as_usize();
            let before = m.start() == 0
                || !f
                    .get(..m.start())
                    .and_then(|p| p.chars().next_back())
                    .is_some_and(char::is_alphanumeric);
            let after = self.prefix.get(i).copied().unwrap_or(false)
                || m.end() >= b.len()
                || !f
                    .get(m.end()..)
                    .and_then(|p| p.chars().next())
                    .is_some_and(char::is_alphanumeric);
            if before && after {
                out.push((i, m.start(), m.end()));
            }
        }
        out
    }

    fn role(&self, i: usize) -> Option<Role> {
        self.roles.get(i).copied()
    }
}

/// A topic found in an article, before the headline picks the primary.
struct Found {
    score: f64,
    /// How the headline names the topic.
    head: HeadlineCue,
    topic: Topic,
    events: Vec<Event>,
    /// For a topic told only once or deep in the body: the parties each strong sentence
    /// names, collectively (`true`) or by name, and the states it names.
    sides: Option<Vec<Side>>,
    /// The states (country codes) its strong sentences name.
    states: Vec<String>,
}

/// A strong sentence of a background topic: whether it names its parties collectively ("the
/// two leaders"), the parties it names, the states it names, and its event's status.
#[derive(Debug)]
struct Side {
    both: bool,
    named: Vec<String>,
    states: Vec<String>,
    status: &'static str,
    /// Told in the headline or the first three sentences.
    lead: bool,
}

/// All topics plus the status and actor words of every language.
#[derive(Debug)]
pub struct Classifier {
    pub topics: Vec<TopicDef>,
    lexicon: Lexicon,
    /// Folded words that are verbs in the past tense (the packs' `occurred` words).
    past_words: HashSet<String>,
    /// Endings that make a word a verb in the past tense (the packs' `past_endings`).
    past_endings: Vec<String>,
    /// Folded words that head an office's or a post's name (the packs' office words and
    /// one-word titles): a capitalised cue after one is part of that name.
    name_heads: HashSet<String>,
    /// Folded small words a name runs on over ("dan", "of").
    name_links: HashSet<String>,
}

/// A sentence of the article: byte range in the text (`None` for the title), folded form,
/// and the lexicon's matches in it.
struct Sentence<'a> {
    range: Option<(usize, usize)>,
    /// Borrowed from the article: only the evidence sentences are copied, into the output.
    text: &'a str,
    folded: String,
    hits: Vec<Hit>,
    /// The sentence names a person or a people's title (set once the hits are found).
    person: bool,
}

impl Classifier {
    /// Built-in topics plus extra `(origin, toml)` files (same name replaces).
    pub fn load(langs: &Languages, extra: &[(String, String)]) -> Result<Classifier> {
        let mut files: Vec<TopicFile> = Vec::new();
        for (origin, text) in BUILTIN
            .iter()
            .map(|(o, t)| (o.to_string(), t.to_string()))
            .chain(extra.iter().cloned())
        {
            let f: TopicFile = toml::from_str(&text).map_err(|e| Error::Rules {
                origin: origin.clone(),
                message: e.message().to_string(),
            })?;
            if f.name.trim().is_empty() || !(0.0..=1.0).contains(&f.threshold) {
                return Err(Error::Rules {
                    origin,
                    message: "a topic needs a name and a threshold in 0..1".into(),
                });
            }
            // A person cue the cue list lacks would silently do nothing.
            let stray = f.lang.values().find_map(|lc| {
                lc.person_cues
                    .iter()
                    .find(|p| !lc.cues.iter().any(|(c, _)| c == *p))
            });
            if let Some(p) = stray {
                return Err(Error::Rules {
                    origin,
                    message: format!("person_cues: \"{p}\" is not among the cues"),
                });
            }
            files.retain(|g| g.name != f.name);
            files.push(f);
        }
        let mut items: Vec<(String, Role)> = Vec::new();
        let mut topics = Vec::new();
        for (t, f) in files.into_iter().enumerate() {
            let mut pairs = Vec::new();
            for lc in f.lang.values() {
                for (p, w) in &lc.cues {
                    items.push((
                        p.clone(),
                        Role::Cue {
                            topic: t,
                            weight: w.clamp(0.0, 1.0),
                            person: lc.person_cues.contains(p),
                        },
                    ));
                }
                for p in &lc.counter {
                    items.push((p.clone(), Role::Counter { topic: t }));
                }
                for p in &lc.aims {
                    items.push((p.clone(), Role::Aim { topic: t }));
                }
                items.extend(
                    lc.local
                        .iter()
                        .map(|p| (p.clone(), Role::Local { topic: t })),
                );
                items.extend(
                    lc.level
                        .iter()
                        .map(|p| (p.clone(), Role::Level { topic: t })),
                );
                for pair in &lc.pairs {
                    let k = pairs.len();
                    pairs.push((pair.weight.clamp(0.0, 1.0), pair.needs_person));
                    items.extend(
                        pair.first
                            .iter()
                            .map(|p| (p.clone(), Role::PairFirst { topic: t, pair: k })),
                    );
                    items.extend(
                        pair.second
                            .iter()
                            .map(|p| (p.clone(), Role::PairSecond { topic: t, pair: k })),
                    );
                }
            }
            topics.push(TopicDef {
                name: f.name.clone(),
                description: f.description.clone(),
                threshold: f.threshold,
                requires_actor: f.requires_actor,
                between_states: f.between_states,
                headline_boost_from: f.headline_boost_from,
                told_within: f.told_within.clone(),
                planned_within: f.planned_within.clone(),
                between_two: f.between_two,
                pairs,
            });
        }
        for p in langs.naming_packs() {
            for (kind, list) in [
                ("cancelled", &p.status.cancelled),
                ("denied", &p.status.denied),
                ("planned", &p.status.planned),
            ] {
                items.extend(list.iter().map(|w| (w.clone(), Role::Status(kind))));
            }
            items.extend(
                p.status
                    .mentioned
                    .iter()
                    .map(|w| (w.clone(), Role::Mentioned)),
            );
            items.extend(
                p.status
                    .documents
                    .iter()
                    .map(|w| (w.clone(), Role::Document)),
            );
            items.extend(p.status.frame.iter().map(|w| (w.clone(), Role::Frame)));
            items.extend(
                p.status
                    .frame_within
                    .iter()
                    .map(|w| (w.clone(), Role::FrameWithin)),
            );
            items.extend(p.status.outcome.iter().map(|w| (w.clone(), Role::Outcome)));
            items.extend(p.people.titles.iter().map(|w| (w.clone(), Role::Actor)));
            items.extend(p.people.collective.iter().map(|w| (w.clone(), Role::Both)));
        }
        let past_words = langs
            .naming_packs()
            .flat_map(|p| p.status.occurred.iter())
            .filter(|w| !w.contains(' '))
            .map(|w| crate::gazetteer::fold_str(w))
            .collect();
        let past_endings = langs
            .naming_packs()
            .flat_map(|p| p.status.past_endings.iter().cloned())
            .collect();
        let one_word = |list| {
            langs
                .people_words(list)
                .into_iter()
                .filter(|w| !w.contains(' '))
        };
        let mut name_heads = langs.people_words(|p| &p.office_words);
        name_heads.extend(one_word(|p| &p.titles));
        name_heads.extend(one_word(|p| &p.firm_titles));
        let mut name_links = langs.people_words(|p| &p.portfolio_links);
        name_links.extend(langs.people_words(|p| &p.list_joiners));
        Ok(Classifier {
            topics,
            past_words,
            past_endings,
            name_heads,
            name_links,
            lexicon: Lexicon::new(items).map_err(|m| Error::Rules {
                origin: "topics".into(),
                message: m,
            })?,
        })
    }

    /// A counter of topic `t` overlaps the cue hit `h`: the cue is read in another sense.
    fn explained(&self, t: usize, s: &Sentence, h: &Hit) -> bool {
        s.hits
            .iter()
            .any(|c| self.lexicon.role(c.0) == Some(Role::Counter { topic: t }) && overlaps(c, h))
    }

    /// The strongest cue or pair of topic `t` in a sentence: (weight, start, end, cue names).
    /// The strongest cue of topic `t` in `s` (weight, span), the cue names, and how many
    /// strong cues stand apart in it (a visit told with its arrival and its talks).
    fn best_cue(&self, t: usize, s: &Sentence) -> Option<(f64, usize, usize, Vec<String>, usize)> {
        let mut best: Option<(f64, usize, usize)> = None;
        let mut strong: Vec<(usize, usize)> = Vec::new();
        let mut names: Vec<String> = Vec::new();
        let mut firsts: Vec<(usize, &Hit)> = Vec::new();
        let mut seconds: Vec<(usize, &Hit)> = Vec::new();
        for h in &s.hits {
            match self.lexicon.role(h.0) {
                Some(Role::Cue {
                    topic,
                    weight,
                    person,
                }) if topic == t => {
                    if (person && !s.person)
                        || s.range.is_some() && (self.explained(t, s, h) || self.in_name(s, h))
                    {
                        continue;
                    }
                    if best.is_none_or(|b| weight > b.0) {
                        best = Some((weight, h.1, h.2));
                    }
                    if weight >= STRONG {
                        strong.push((h.1, h.2));
                    }
                    names.extend(self.lexicon.phrases.get(h.0).cloned());
                }
                Some(Role::PairFirst { topic, pair }) if topic == t => firsts.push((pair, h)),
                Some(Role::PairSecond { topic, pair }) if topic == t => seconds.push((pair, h)),
                _ => {}
            }
        }
        let pairs = self
            .topics
            .get(t)
            .map(|d| d.pairs.as_slice())
            .unwrap_or(&[]);
        for (k, (w, needs_person)) in pairs.iter().enumerate() {
            if *needs_person && !s.person {
                continue;
            }
            let x = firsts.iter().find(|f| f.0 == k).map(|f| f.1);
            let y = seconds.iter().find(|f| f.0 == k).map(|f| f.1);
            if let (Some(x), Some(y)) = (x, y) {
                if best.is_none_or(|b| *w > b.0) {
                    best = Some((*w, x.1.min(y.1), x.2.max(y.2)));
                }
                if *w >= STRONG {
                    strong.push((x.1, x.2));
                }
                if let (Some(fx), Some(sy)) =
                    (self.lexicon.phrases.get(x.0), self.lexicon.phrases.get(y.0))
                {
                    names.push(format!("{fx} + {sy}"));
                }
            }
        }
        names.sort();
        names.dedup();
        // Cues that overlap ("talks" inside "held talks") are one.
        strong.sort_unstable();
        let mut apart = 0;
        let mut reach = 0;
        for (a, z) in strong {
            if apart == 0 || a >= reach {
                apart += 1;
            }
            reach = reach.max(z);
        }
        best.map(|(w, a, z)| (w, a, z, names, apart))
    }

    /// A cue that is part of a name in a body sentence: its words capitalised, after an
    /// office's or a post's capitalised name ("Direktur Teknologi dan Industri Pertahanan",
    /// "Minister for Defence Industry"). The name says what the office does, not what
    /// happened. A headline capitalises every word, so only body sentences are read so.
    fn in_name(&self, s: &Sentence, h: &Hit) -> bool {
        // A text the cue form only lower-cased (ASCII, single spaces, no numbers) shares its
        // offsets: a cue in lower case there is no name, as most are.
        if s.text.len() == s.folded.len()
            && s.text.is_ascii()
            && s.text
                .as_bytes()
                .get(h.1)
                .is_some_and(u8::is_ascii_lowercase)
        {
            return false;
        }
        // Folding keeps every whitespace-separated token, and the folded form leaves out the
        // tokens that are only a number: its k-th word is the k-th such token of the text.
        let first = s.folded.get(..h.1).unwrap_or("").split_whitespace().count();
        let len = s
            .folded
            .get(h.1..h.2)
            .unwrap_or("")
            .split_whitespace()
            .count()
            .max(1);
        let capitalised = |w: &str| {
            w.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase)
        };
        let mut scratch = String::new();
        let mut bare_in = |set: &HashSet<String>, w: &str| {
            scratch.clear();
            fold_into(
                w.trim_matches(|c: char| !c.is_alphanumeric()),
                &mut scratch,
                None,
            );
            set.contains(&scratch)
        };
        // One pass: the capitalised run standing before the cue (does an office word or a
        // title head it?), then the cue's own words.
        let mut headed = false;
        let mut k = 0;
        for w in s.text.split_whitespace().filter(|t| !number_token(t)) {
            if k < first {
                if capitalised(w) {
                    headed |= bare_in(&self.name_heads, w);
                } else if !bare_in(&self.name_links, w) {
                    headed = false;
                }
                if w.ends_with([',', '.', ';', ':', '"', ')']) {
                    headed = false;
                }
            } else if k < first + len {
                if !capitalised(w) {
                    return false;
                }
            } else {
                break;
            }
            k += 1;
        }
        first > 0 && k >= first + len && headed
    }

    /// A counter-cue of topic `t` makes the sentence another sense of it. In a headline a
    /// counter vetoes only its own clause: "Tak Bisa Hadiri KTT G-20, Putin Kabari PM India
    /// Lewat Telepon" is about a summit and a call.
    ///
    /// In the body, a counter that shares words with a cue reads that cue in another sense
    /// ("which called it a friendly exchange", "calls for talks"): it vetoes the sentence
    /// only when every cue is so explained. Any other counter sets the whole sentence's
    /// sense ("earnings call", "smartphone").
    fn vetoed(&self, t: usize, s: &Sentence) -> bool {
        let counter = |h: &&Hit| self.lexicon.role(h.0) == Some(Role::Counter { topic: t });
        let cue = |h: &&Hit| matches!(self.lexicon.role(h.0), Some(Role::Cue { topic, .. }) if topic == t);
        if s.range.is_some() {
            let mut counters = s.hits.iter().filter(counter).peekable();
            if counters.peek().is_none() {
                return false;
            }
            let context = counters.any(|c| !s.hits.iter().filter(cue).any(|h| overlaps(c, h)));
            return context || s.hits.iter().filter(cue).all(|h| self.explained(t, s, h));
        }
        let within = |h: &Hit, (a, z): (usize, usize)| h.1 >= a && h.1 < z;
        clauses(&s.folded).into_iter().all(|c| {
            !s.hits.iter().filter(cue).any(|h| within(h, c))
                || s.hits.iter().filter(counter).any(|h| within(h, c))
        }) && s.hits.iter().any(|h| counter(&h))
    }

    /// Status of the event a cue at `[a, z)` names: the strongest status word close to it
    /// (80 bytes before, 40 after) in the same clause: "akan bergabung … dalam pertemuan
    /// puncak", "summit was called off". Far words belong to another clause.
    fn status_near(&self, s: &Sentence, a: usize, z: usize) -> &'static str {
        let folded = &s.folded;
        let found: Vec<&'static str> = s
            .hits
            .iter()
            .filter_map(|h| match self.lexicon.role(h.0) {
                Some(Role::Status(k)) => Some((k, h.1, h.2)),
                _ => None,
            })
            .filter(|(_, st, e)| *e + 80 >= a && *st <= z + 40)
            // Same clause only: a comma or semicolon between them means another clause.
            .filter(|(_, st, e)| {
                let (from, to) = if *e <= a { (*e, a) } else { (z.min(*st), *st) };
                !folded
                    .get(from..to)
                    .is_some_and(|between| between.contains([',', ';', ':']))
            })
            // A plan told after a cue in the past tense ("had telephoned him … to say he would
            // hand over power") is the call's content: the call happened.
            .filter(|(k, st, _)| !(*k == "planned" && *st >= z && self.past_cue(folded, a, z)))
            .map(|(k, _, _)| k)
            .collect();
        for k in ["cancelled", "denied", "planned"] {
            if found.contains(&k) {
                return k;
            }
        }
        "occurred"
    }

    /// Is the cue `a..z` a verb in the past tense ("telephoned", "spoke by phone")?
    fn past_cue(&self, folded: &str, a: usize, z: usize) -> bool {
        folded.get(a..z).is_some_and(|cue| {
            cue.split(' ').any(|w| {
                self.past_words.contains(w)
                    || self
                        .past_endings
                        .iter()
                        .any(|e| w.len() > e.len() + 2 && w.ends_with(e.as_str()))
            })
        })
    }

    /// Is the cue at `a` the object of talk ("membahas hasil KTT", "ahead of the summit")?
    /// Not after a document ("perjanjian tentang kerja sama pertahanan").
    /// The fewest words between a talk word and the cue (at most two), if any.
    fn mentioned_before(&self, t: usize, s: &Sentence, a: usize) -> Option<usize> {
        s.hits
            .iter()
            .filter(|h| {
                matches!(self.lexicon.role(h.0), Some(Role::Mentioned))
                    || self.lexicon.role(h.0) == Some(Role::Aim { topic: t })
            })
            .filter(|h| h.2 <= a)
            .filter(|h| {
                !s.hits.iter().any(|d| {
                    self.lexicon.role(d.0) == Some(Role::Document)
                        && d.2 <= h.1
                        && s.folded.get(d.2..h.1).is_some_and(|g| {
                            !g.contains([',', ';', '.']) && g.split_whitespace().count() <= 4
                        })
                })
            })
            .filter_map(|h| s.folded.get(h.2..a))
            .filter(|gap| !gap.contains([',', ';']))
            .map(|gap| gap.split_whitespace().count())
            .filter(|n| *n <= 2)
            .min()
    }

    /// Topics present (highest score first) and their events.
    pub fn classify(
        &self,
        title: Option<&str>,
        text: &str,
        tags: &Tags,
    ) -> (Vec<Topic>, Vec<Event>) {
        let mut sentences = split_sentences(title, text);
        for s in &mut sentences {
            s.hits = self.lexicon.find(&s.folded);
            // Read only where a cue or pair asks for it: most sentences hold none.
            s.person = self.asks_person(s) && self.names(s, tags, true);
        }
        let headline = sentences
            .first()
            .filter(|s| s.range.is_none())
            .map(|s| (s, self.frames(s)));
        let mut topics: Vec<Found> = Vec::new();
        let states = {
            let mut codes: Vec<&str> = tags
                .entities
                .iter()
                .filter_map(|e| e.code.as_deref())
                .collect();
            codes.sort_unstable();
            codes.dedup();
            codes.len() >= 2
                || tags
                    .entities
                    .iter()
                    .any(|e| e.subtype.as_deref() == Some("intergovernmental"))
        };
        for (t, def) in self.topics.iter().enumerate() {
            if def.between_states && !states {
                continue;
            }
            if headline
                .as_ref()
                .is_some_and(|(s, _)| self.local_headline(t, s, tags))
            {
                continue;
            }
            // Title part (0..1) and body part (Σ of sentence weights, saturated), combined as
            // independent evidence: the headline states the main event, the body confirms it.
            let mut title_part: f64 = 0.0;
            let mut body_sum = 0.0;
            let mut strongest: f64 = 0.0;
            // Prominence: a topic only mentioned deep in the body ("Putin, who attended last
            // year's summit, …") is background, not what the article is about.
            let mut prominent = false;
            let mut strong_sentences = 0usize;
            // Sentences with a cue of some weight, not as an object of talk: a story that
            // keeps returning to the event is about it, wherever its strong sentence stands.
            let mut supporting = 0usize;
            let mut body_support = false;
            let mut evidence: Vec<Evidence> = Vec::new();
            let has_title = sentences.first().is_some_and(|s| s.range.is_none());
            for (si, s) in sentences.iter().enumerate() {
                let body_index = si.saturating_sub(usize::from(has_title));
                if self.vetoed(t, s) {
                    continue;
                }
                let Some((mut w, a, z, cues, apart)) = self.best_cue(t, s) else {
                    continue;
                };
                if def.requires_actor && !self.has_actor(s, tags) {
                    w /= 3.0;
                }
                // A cue in the headline is stronger evidence than one in the body, but a weak
                // cue ("to buy", "tiba di") does not become strong by standing there.
                let strength = if s.range.is_none() && w >= def.headline_boost_from {
                    (w * 1.5).min(1.0)
                } else {
                    w
                };
                let status = self.status_near(s, a, z);
                let mut factor = match status {
                    "occurred" => 1.0,
                    "planned" => 0.8,
                    _ => 0.7,
                };
                // The object of talk ("ahead of a meeting of …") is not the event itself: it
                // counts half, and right after the talk word it is never strong evidence.
                let gap = self.mentioned_before(t, s, a);
                if gap.is_some() {
                    factor *= 0.5;
                }
                let mentioned = gap.is_some_and(|n| n <= 1);
                let lead = s.range.is_some() && body_index < 3;
                body_support |= s.range.is_some();
                if !mentioned {
                    strongest = strongest.max(strength);
                    if w >= 0.3 {
                        supporting += 1;
                    }
                }
                if strength >= STRONG && !mentioned {
                    // A sentence that tells an event that happened with two strong cues apart
                    // ("landed in Jakarta … held talks with Prabowo"), or an event between
                    // two people with a sure cue and both of them named (`between_two`),
                    // reports it, not mentions it; one that plans it ("poised to meet … for
                    // the summit") may be background.
                    let reported = status == "occurred"
                        && (apart >= 2
                            || (def.between_two && w >= SURE && self.people_in(s, tags) >= 2));
                    strong_sentences += if reported { 2 } else { 1 };
                    prominent |= s.range.is_none() || lead;
                } else if s.range.is_none() && w >= 0.3 {
                    prominent = true;
                }
                if s.range.is_none() {
                    title_part = (strength * factor).min(1.0);
                } else {
                    body_sum += w * factor * if lead { 1.2 } else { 1.0 };
                }
                evidence.push(Evidence {
                    weight: strength,
                    sentence: si,
                    cues,
                    status,
                });
            }
            let body_part = 1.0 - (-body_sum).exp();
            let score = 1.0 - (1.0 - title_part) * (1.0 - body_part);
            // A headline whose story never returns to the topic used the word in another sense
            // or in passing ("…, Undang ke Gedung Putih" over a call story).
            let body_sentences = sentences.len() - usize::from(has_title);
            let unsupported = !body_support && body_sentences >= 3;
            let background = score < def.threshold
                || !(prominent || strong_sentences >= 2 || supporting >= RECURRING);
            if strongest < STRONG
                || (background && def.told_within.is_empty() && def.planned_within.is_empty())
                || unsupported
                || (def.between_states && !states_in(&sentences, &evidence, tags))
            {
                continue;
            }
            let mut ranked: Vec<&Evidence> =
                evidence.iter().filter(|e| e.weight >= STRONG).collect();
            ranked.sort_by(|a, b| {
                b.weight
                    .total_cmp(&a.weight)
                    .then(a.sentence.cmp(&b.sentence))
            });
            let top: Vec<&Evidence> = ranked.into_iter().take(3).collect();
            let mut cue_list: Vec<String> =
                top.iter().flat_map(|e| e.cues.iter().cloned()).collect();
            cue_list.sort();
            cue_list.dedup();
            let events = self.events(&def.name, &sentences, &evidence, tags);
            let mut states: Vec<String> = evidence
                .iter()
                .filter(|e| e.weight >= STRONG)
                .filter_map(|e| sentences.get(e.sentence))
                .flat_map(|s| self.states(s, tags))
                .collect();
            states.sort_unstable();
            states.dedup();
            let head = headline
                .as_ref()
                .map(|(s, fr)| self.headline_cue(t, s, fr))
                .unwrap_or_default();
            topics.push(Found {
                score,
                head,
                topic: Topic {
                    name: def.name.clone(),
                    score: (score * 1000.0).round() / 1000.0,
                    evidence: top
                        .iter()
                        .filter_map(|e| sentences.get(e.sentence).map(|s| s.text.to_string()))
                        .collect(),
                    cues: cue_list,
                },
                events,
                sides: background.then(|| {
                    evidence
                        .iter()
                        .filter(|e| e.weight >= STRONG)
                        .filter_map(|e| {
                            sentences.get(e.sentence).map(|s| (s, e.status, e.sentence))
                        })
                        .map(|(s, status, si)| Side {
                            lead: si < 3 + usize::from(has_title),
                            both: s
                                .hits
                                .iter()
                                .any(|h| self.lexicon.role(h.0) == Some(Role::Both)),
                            named: self.participants(s, tags),
                            states: self.states(s, tags),
                            status,
                        })
                        .collect()
                }),
                states,
            });
        }
        // A topic told once, or deep in the body, stays only as part of an event the article
        // reports, told of that event's parties: "the two leaders also oversaw the signing of
        // …", "Prabowo dan Lee membicarakan …". Background names other parties, or one.
        // Parties are matched by name, or in the lead by state: "talks in Cairo between Egypt's
        // and Angola's defence ministers" under a headline on their pact is the pact's meeting;
        // a visit of the same two states deep in the story is background ("when he visited
        // Seoul in 2018").
        let hosts: Vec<(String, Vec<String>, Vec<String>)> = topics
            .iter()
            .filter(|t| t.sides.is_none())
            .map(|t| {
                let parties = t.events.iter().flat_map(|e| e.participants.iter().cloned());
                (t.topic.name.clone(), parties.collect(), t.states.clone())
            })
            .collect();
        topics.retain(|t| {
            let Some(sides) = &t.sides else {
                return true;
            };
            let Some(def) = self.topics.iter().find(|d| d.name == t.topic.name) else {
                return false;
            };
            let parties_of = |within: &[String]| -> (Vec<&String>, Vec<&String>) {
                let of = || {
                    within
                        .iter()
                        .flat_map(|w| hosts.iter().filter(move |h| &h.0 == w))
                };
                (
                    of().flat_map(|h| h.1.iter()).collect(),
                    of().flat_map(|h| h.2.iter()).collect(),
                )
            };
            let (told, planned) = (
                parties_of(&def.told_within),
                parties_of(&def.planned_within),
            );
            let two_of =
                |xs: &[String], of: &[&String]| xs.iter().filter(|x| of.contains(x)).count() >= 2;
            let fits = |(parties, states): &(Vec<&String>, Vec<&String>), side: &Side| {
                !parties.is_empty()
                    && (side.both
                        || two_of(&side.named, parties)
                        || (side.lead && two_of(&side.states, states)))
            };
            sides
                .iter()
                .any(|side| fits(&told, side) || (side.status == "planned" && fits(&planned, side)))
        });
        // An article is about its headline first: the topic its main clause names first leads,
        // and no other topic scores above it. A planned event there ("accepts an invitation
        // to visit") leads only over a topic the headline puts in a frame ("Usai telepon, …"):
        // otherwise the event that happened, and the score, decide.
        let any_framed = topics.iter().any(|t| t.head.framed);
        let claims = |h: &HeadlineCue| {
            h.main
                .filter(|(_, status)| *status == "occurred" || any_framed)
                .map(|(pos, _)| pos)
        };
        let lead = topics
            .iter()
            .enumerate()
            .filter_map(|(i, t)| claims(&t.head).map(|p| (p, i)))
            .min()
            .map(|(_, i)| i);
        if let Some(score) = lead.and_then(|i| topics.get(i)).map(|t| t.score) {
            for (i, t) in topics.iter_mut().enumerate() {
                if Some(i) != lead && t.score > score {
                    t.score = score;
                    t.topic.score = (score * 1000.0).round() / 1000.0;
                }
            }
        }
        topics.sort_by(|a, b| {
            b.score.total_cmp(&a.score).then_with(|| {
                let pos = |h: &HeadlineCue| claims(h).unwrap_or(usize::MAX);
                pos(&a.head).cmp(&pos(&b.head))
            })
        });
        let mut events = Vec::new();
        let mut out = Vec::new();
        for f in topics {
            out.push(f.topic);
            events.extend(f.events);
        }
        (out, events)
    }

    /// The headline's frames: a clause (between `,` `:` `;` `|` or ` - `) that opens with a
    /// frame word ("Usai telepon, …", "…, a day before meeting Biden"), and the rest of a clause
    /// from a time word on ("… after Hegseth talks"). Empty when the headline is one clause
    /// with no time word: then there is no main clause to prefer.
    fn frames(&self, s: &Sentence) -> Vec<(usize, usize)> {
        let f = &s.folded;
        let clauses = clauses(f);
        let mut out = Vec::new();
        for (a, z) in clauses.iter().copied() {
            let opening = clauses.len() > 1
                && s.hits.iter().any(|h| {
                    matches!(
                        self.lexicon.role(h.0),
                        Some(Role::Frame | Role::FrameWithin)
                    ) && h.1 >= a
                        && h.1 < z
                        && f.get(a..h.1)
                            .is_some_and(|g| g.split_whitespace().count() <= 2)
                });
            if opening {
                out.push((a, z));
                continue;
            }
            // An outcome word after the clause's subject ("Lawatan ke Turki Berbuah
            // Kesepakatan Pertahanan"): the subject is the occasion, the outcome the news.
            if let Some(h) = s.hits.iter().find(|h| {
                self.lexicon.role(h.0) == Some(Role::Outcome)
                    && h.1 > a
                    && h.1 < z
                    && f.get(a..h.1)
                        .is_some_and(|g| g.split_whitespace().count() >= 2)
            }) {
                out.push((a, h.1));
                continue;
            }
            // A time word inside the clause, after at least two words of it.
            if let Some(h) = s.hits.iter().find(|h| {
                self.lexicon.role(h.0) == Some(Role::FrameWithin)
                    && h.1 >= a
                    && h.1 < z
                    && f.get(a..h.1)
                        .is_some_and(|g| g.split_whitespace().count() >= 2)
            }) {
                out.push((h.1, z));
            }
        }
        out
    }

    /// How the headline names topic `t`: the first cue (of at least supporting weight, or a
    /// pair) in its main clause, outside `frames`, with that event's status; and whether a
    /// frame names it.
    fn headline_cue(&self, t: usize, s: &Sentence, frames: &[(usize, usize)]) -> HeadlineCue {
        let in_frame = |h: &Hit| frames.iter().any(|(a, z)| h.1 >= *a && h.1 < *z);
        let mut first: Option<(usize, usize)> = None;
        let mut framed = false;
        let mut pair_firsts: Vec<(usize, &Hit)> = Vec::new();
        let mut pair_seconds: Vec<(usize, &Hit)> = Vec::new();
        let mut vetoed = false;
        for h in &s.hits {
            let inside = in_frame(h);
            match self.lexicon.role(h.0) {
                // A counter in the main clause vetoes it; one in a frame ("Lewat telepon, …")
                // does not.
                Some(Role::Counter { topic }) if topic == t && !inside => vetoed = true,
                Some(Role::Cue { topic, weight, .. }) if topic == t && weight >= 0.3 => {
                    if inside {
                        framed = true;
                    } else if first.is_none_or(|f| h.1 < f.0) {
                        first = Some((h.1, h.2));
                    }
                }
                Some(Role::PairFirst { topic, pair }) if topic == t && !inside => {
                    pair_firsts.push((pair, h))
                }
                Some(Role::PairSecond { topic, pair }) if topic == t && !inside => {
                    pair_seconds.push((pair, h))
                }
                _ => {}
            }
        }
        for (k, x) in &pair_firsts {
            if let Some((_, y)) = pair_seconds.iter().find(|(j, _)| j == k) {
                let span = (x.1.min(y.1), x.2.max(y.2));
                if first.is_none_or(|f| span.0 < f.0) {
                    first = Some(span);
                }
            }
        }
        HeadlineCue {
            main: first
                .filter(|_| !vetoed)
                .map(|(a, z)| (a, self.status_near(s, a, z))),
            framed,
        }
    }

    fn has_actor(&self, s: &Sentence, tags: &Tags) -> bool {
        self.names(s, tags, false)
    }

    /// Whether a sentence names an entity (a person only, with `person`) or holds a people's
    /// title or collective word.
    fn names(&self, s: &Sentence, tags: &Tags, person: bool) -> bool {
        let kind = |i: &usize| {
            !person
                || tags
                    .entities
                    .get(*i)
                    .is_some_and(|e| e.kind == EntityKind::Person)
        };
        let named = match s.range {
            Some((a, z)) => tags
                .spans
                .iter()
                .any(|(x, y, i)| *x >= a && *y <= z && kind(i)),
            None => tags.title_entities.iter().any(kind),
        };
        named
            || s.hits
                .iter()
                .any(|h| matches!(self.lexicon.role(h.0), Some(Role::Actor) | Some(Role::Both)))
    }

    /// Whether a headline names an office below topic `t`'s level and none at it, nor a
    /// person the gazetteer lists (its heads of state, ministers and officials).
    fn local_headline(&self, t: usize, s: &Sentence, tags: &Tags) -> bool {
        let has = |want: fn(Role, usize) -> bool| {
            s.hits
                .iter()
                .any(|h| self.lexicon.role(h.0).is_some_and(|r| want(r, t)))
        };
        has(|r, t| r == Role::Local { topic: t })
            && !has(|r, t| r == Role::Level { topic: t })
            && !tags.title_entities.iter().any(|&i| {
                tags.entities
                    .get(i)
                    .is_some_and(|e| e.kind == EntityKind::Person && e.linked)
            })
    }

    /// Whether a sentence holds a cue or a pair word that counts only with a person named.
    fn asks_person(&self, s: &Sentence) -> bool {
        s.hits.iter().any(|h| match self.lexicon.role(h.0) {
            Some(Role::Cue { person, .. }) => person,
            Some(Role::PairFirst { topic, pair }) | Some(Role::PairSecond { topic, pair }) => self
                .topics
                .get(topic)
                .and_then(|d| d.pairs.get(pair))
                .is_some_and(|p| p.1),
            _ => false,
        })
    }

    /// How many different people a body sentence names.
    fn people_in(&self, s: &Sentence, tags: &Tags) -> usize {
        let Some((a, z)) = s.range else {
            return 0;
        };
        let mut people: Vec<usize> = tags
            .spans
            .iter()
            .filter(|(x, y, i)| {
                *x >= a
                    && *y <= z
                    && tags
                        .entities
                        .get(*i)
                        .is_some_and(|e| e.kind == EntityKind::Person)
            })
            .map(|t| t.2)
            .collect();
        people.sort_unstable();
        people.dedup();
        people.len()
    }

    /// The entities a sentence names (indexes into `tags.entities`): the headline's, or those
    /// whose mentions lie inside the sentence.
    fn entities_in(s: &Sentence, tags: &Tags) -> Vec<usize> {
        match s.range {
            Some((a, z)) => tags
                .spans
                .iter()
                .filter(|(x, y, _)| *x >= a && *y <= z)
                .map(|t| t.2)
                .collect(),
            None => tags.title_entities.clone(),
        }
    }

    fn participants(&self, s: &Sentence, tags: &Tags) -> Vec<String> {
        let idx = Self::entities_in(s, tags);
        let ents: Vec<&crate::article::Entity> =
            idx.iter().filter_map(|i| tags.entities.get(*i)).collect();
        let people: Vec<String> = ents
            .iter()
            .filter(|e| e.kind == EntityKind::Person)
            .map(|e| e.name.clone())
            .collect();
        let mut names = if people.is_empty() {
            ents.iter()
                .filter(|e| {
                    e.kind == EntityKind::Organization
                        || (e.kind == EntityKind::Place && e.subtype.as_deref() == Some("country"))
                })
                .map(|e| e.name.clone())
                .collect()
        } else {
            people
        };
        names.dedup();
        let mut seen = Vec::new();
        names.retain(|n| {
            let new = !seen.contains(n);
            seen.push(n.clone());
            new
        });
        names
    }

    /// The states a sentence names: the country codes of its entities, each once.
    fn states(&self, s: &Sentence, tags: &Tags) -> Vec<String> {
        let idx = Self::entities_in(s, tags);
        let mut codes: Vec<String> = idx
            .iter()
            .filter_map(|i| tags.entities.get(*i))
            .filter_map(|e| e.code.clone())
            .collect();
        codes.sort_unstable();
        codes.dedup();
        codes
    }

    fn events(
        &self,
        topic: &str,
        sentences: &[Sentence<'_>],
        evidence: &[Evidence],
        tags: &Tags,
    ) -> Vec<Event> {
        let title_people: Vec<String> = tags
            .title_entities
            .iter()
            .filter_map(|i| tags.entities.get(*i))
            .filter(|e| e.kind == EntityKind::Person)
            .map(|e| e.name.clone())
            .collect();
        let mut events: Vec<Event> = Vec::new();
        for ev in evidence {
            if ev.weight < STRONG {
                continue;
            }
            let Some(s) = sentences.get(ev.sentence) else {
                continue;
            };
            let status = ev.status;
            let mut participants = self.participants(s, tags);
            // "The call took place on Tuesday": no one named, the headline's people are meant.
            if !participants.iter().any(|p| title_people.contains(p))
                && participants.iter().all(|p| {
                    !tags
                        .entities
                        .iter()
                        .any(|e| &e.name == p && e.kind == EntityKind::Person)
                })
            {
                for p in &title_people {
                    if !participants.contains(p) {
                        participants.insert(0, p.clone());
                    }
                }
            }
            let date = s
                .range
                .and_then(|_| {
                    tags.dates
                        .iter()
                        .find(|d| !d.surface.is_empty() && s.text.contains(&d.surface))
                })
                .map(|d| d.date.clone());
            // Same status and shared participants (or none named): the same event retold.
            if let Some(e) = events.iter_mut().find(|e| {
                e.status == status
                    && (participants.is_empty()
                        || e.participants.is_empty()
                        || participants.iter().any(|p| e.participants.contains(p)))
            }) {
                for p in participants {
                    if !e.participants.contains(&p) {
                        e.participants.push(p);
                    }
                }
                if e.date.is_none() {
                    e.date = date;
                }
                continue;
            }
            if events.len() >= 5 {
                break;
            }
            events.push(Event {
                kind: topic.to_string(),
                status,
                participants,
                date,
                evidence: s.text.to_string(),
            });
        }
        events
    }
}

/// The clauses of a folded headline: byte ranges between `,` `:` `;` `|` and ` - `.
fn clauses(f: &str) -> Vec<(usize, usize)> {
    let mut cuts: Vec<usize> = f
        .char_indices()
        .filter(|(_, c)| matches!(c, ',' | ':' | ';' | '|'))
        .map(|(i, c)| i + c.len_utf8())
        .chain(f.match_indices(" - ").map(|(i, _)| i + 3))
        .collect();
    cuts.push(0);
    cuts.push(f.len());
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2).map(|w| (w[0], w[1])).collect()
}

/// How a headline names one topic (see [`Classifier::headline_cue`]).
#[derive(Debug, Clone, Copy, Default)]
struct HeadlineCue {
    /// Start of the first main-clause cue and the status of its event.
    main: Option<(usize, &'static str)>,
    /// A cue of the topic stands in a frame of the headline.
    framed: bool,
}

/// One sentence that supports a topic.
/// The event's own sentences (the headline and every sentence with a cue of the topic)
/// name two states, or an intergovernmental body: a minister's visit to a border regency
/// whose story mentions the neighbour elsewhere is not between states.
fn states_in(sentences: &[Sentence], evidence: &[Evidence], tags: &Tags) -> bool {
    let ranges: Vec<(usize, usize)> = evidence
        .iter()
        .filter_map(|e| sentences.get(e.sentence).and_then(|s| s.range))
        .collect();
    let mut codes: Vec<&str> = Vec::new();
    for (i, e) in tags.entities.iter().enumerate() {
        let named = tags.title_entities.contains(&i)
            || e.offsets
                .iter()
                .any(|o| ranges.iter().any(|&(a, z)| o[0] >= a && o[1] <= z));
        if !named {
            continue;
        }
        if e.subtype.as_deref() == Some("intergovernmental") {
            return true;
        }
        if let Some(c) = e.code.as_deref() {
            if !codes.contains(&c) {
                codes.push(c);
            }
        }
    }
    codes.len() >= 2
}

struct Evidence {
    weight: f64,
    sentence: usize,
    cues: Vec<String>,
    status: &'static str,
}

/// A token of digits and separators only ("18", "1.500"): the cue form leaves it out.
fn number_token(w: &str) -> bool {
    let b = w.as_bytes();
    b.iter().any(u8::is_ascii_digit)
        && b.iter()
            .all(|c| c.is_ascii_digit() || *c == b'.' || *c == b',')
}

/// The form cues are matched on: folded, and without tokens that are only digits, so
/// "membeli 18 jet tempur" meets the cue "membeli jet tempur".
fn cue_form(s: &str, folded: &mut String) -> String {
    folded.clear();
    fold_into(s, folded, None);
    let mut out = String::with_capacity(folded.len());
    for w in folded.split_whitespace() {
        if number_token(w) {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Splits text into sentences with byte ranges; the title, when present, comes first.
fn split_sentences<'a>(title: Option<&'a str>, text: &'a str) -> Vec<Sentence<'a>> {
    let mut out = Vec::new();
    // One buffer folds every sentence.
    let mut scratch = String::new();
    if let Some(t) = title.filter(|t| !t.trim().is_empty()) {
        out.push(Sentence {
            range: None,
            text: t,
            folded: cue_form(t, &mut scratch),
            hits: Vec::new(),
            person: false,
        });
    }
    let bytes = text.as_bytes();
    let mut start = 0usize;
    let mut i = 0usize;
    while i < bytes.len() {
        let c = bytes[i];
        let end_here = if c == b'\n' {
            true
        } else if matches!(c, b'.' | b'!' | b'?') {
            // End of sentence: punctuation, optional closing quote, space, then a capital or quote.
            let mut j = i + 1;
            while j < bytes.len() && matches!(bytes[j], b'"' | b'\'' | b')') {
                j += 1;
            }
            let rest = text.get(j..).unwrap_or("");
            let prev_word_short = text
                .get(start..i)
                .and_then(|s| s.split_whitespace().next_back())
                .is_some_and(|w| {
                    // "U.S.", "Dr.", "Jl.", "St.": short capitalised abbreviations.
                    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
                    letters <= 2 && w.chars().next().is_some_and(char::is_uppercase)
                });
            rest.starts_with(' ')
                && rest
                    .trim_start()
                    .chars()
                    .next()
                    .is_some_and(|ch| ch.is_uppercase() || ch == '"' || ch == '“')
                && !prev_word_short
        } else {
            false
        };
        if end_here || i + 1 == bytes.len() {
            let mut end = if end_here && c != b'\n' {
                i + 1
            } else if end_here {
                i
            } else {
                bytes.len()
            };
            while end < bytes.len() && matches!(bytes[end], b'"' | b'\'' | b')') {
                end += 1;
            }
            if let Some(s) = text.get(start..end) {
                let trimmed = s.trim();
                if !trimmed.is_empty() {
                    let lead = s.len() - s.trim_start().len();
                    out.push(Sentence {
                        range: Some((start + lead, start + lead + trimmed.len())),
                        text: trimmed,
                        folded: cue_form(trimmed, &mut scratch),
                        hits: Vec::new(),
                        person: false,
                    });
                }
            }
            start = end;
            i = end.max(i + 1);
            continue;
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::article::{Doc, Format};

    use crate::rules::test_rules as rules;

    fn enrich(title: &str, body: &str) -> crate::article::Article {
        let doc = Doc {
            format: Format::Text,
            title: Some(title.into()),
            body: body.into(),
            ..Doc::default()
        };
        rules().enrich(doc, "t", None, false)
    }

    fn topics(title: &str, body: &str) -> Vec<String> {
        enrich(title, body)
            .topics
            .into_iter()
            .map(|t| t.name)
            .collect()
    }

    /// (case, title, body, expected topics in order)
    #[test]
    fn cue_families_and_traps() {
        let cases: &[(&str, &str, &str, &[&str])] = &[
            ("id call verb", "Jokowi Telepon Erdogan", "Presiden Joko Widodo menelepon Presiden Turki Recep Tayyip Erdogan pada Selasa malam untuk membahas Gaza.", &["calls"]),
            ("id video conference", "Menlu RI dan Menlu Jepang Bicara Lewat Konferensi Video", "Menteri Luar Negeri Retno Marsudi melakukan konferensi video dengan Menteri Luar Negeri Jepang Yoko Kamikawa.", &["calls"]),
            ("en weapon alone in a headline", "Fighter jets return to Darwin skies as air exercise begins", "Fighter jets from 17 nations, including Singapore and India, will train over the Northern Territory for three weeks, the Royal Australian Air Force said.", &[]),
            ("id air force selects a fighter", "Thailand pilih Gripen untuk ganti F-16", "Angkatan Udara Thailand memilih pesawat tempur Gripen buatan Swedia untuk menggantikan armada lamanya, kata panglima angkatan udara, Selasa.", &["defence_deals"]),
            ("en mutual-defence treaty", "Pyongyang and Moscow sign pact promising military help", "Kim Jong-un and Vladimir Putin signed a treaty under which each side will offer the other military help if attacked.", &["defence_deals"]),
            ("en bases opened to each other", "India, Australia sign logistics pact", "Prime Minister Narendra Modi and Scott Morrison signed the Mutual Logistics Support Agreement, giving each other's militaries access to bases.", &["defence_deals"]),
            ("id weapons on parade", "HUT TNI, seribu alutsista bakal berparade di Monas", "Lebih dari seribu unit alutsista dari tiga matra akan tampil di Monas saat TNI merayakan hari jadinya, kata Panglima TNI.", &[]),
            ("en headline verb", "Prabowo phones Trump with congratulations", "President Prabowo Subianto congratulated Donald Trump on his election win during the conversation on Monday, the palace said.", &["calls"]),
            ("en phones the noun", "New Samsung and Apple phones are coming", "The next generation of phones was unveiled by the president of Samsung at a trade fair this week.", &[]),
            ("en ring", "Modi rings Putin over the war", "Prime Minister Narendra Modi rang Russian President Vladimir Putin on Tuesday and urged an end to the fighting, New Delhi said.", &["calls"]),
            ("id virtual bilateral told as a meeting", "Bertemu Merkel Secara Virtual, Jokowi Tawarkan Zona Industri", "Presiden Joko Widodo menggelar pertemuan bilateral jarak jauh dengan Kanselir Jerman Angela Merkel pada Selasa petang dari Istana Bogor. Dalam pertemuan itu, kedua pemimpin membahas kerja sama vaksin dan investasi di kawasan industri Batang. Jokowi juga menyampaikan harapan agar Jerman mendukung keketuaan Indonesia di G20.", &["calls", "summits"]),
            ("en mountain summit", "Records fall as teams come down from the summit", "Lakpa Sherpa of Nepal stood on the summit for a tenth time, and the first Ukrainian woman to reach the summit came down with her team, officials in Kathmandu said.", &[]),
            ("id a new air force aircraft welcomed: a delivery, no visit", "Pesawat A400M Pertama Mendarat di Halim, Disambut Water Salute", "Pesawat angkut Airbus A400M buatan Spanyol mendarat di Lanud Halim Perdanakusuma, Jakarta, dan disambut kedatangannya dengan water salute.", &["defence_deals"]),
            ("id leader landing welcomed", "Prabowo Mendarat di Beijing, Disambut Menlu China", "Presiden Prabowo Subianto mendarat di Beijing dan disambut Menteri Luar Negeri China Wang Yi di bandara.", &["summits"]),
            ("en team's red-carpet welcome", "Team returns home from Tokyo", "Members of Nigeria's team to the Tokyo Olympics were given a red-carpet welcome on their return to Abuja airport on Saturday.", &[]),
            ("en leader's red-carpet welcome", "Ruto arrives in Tokyo", "President William Ruto was given a red-carpet welcome when he arrived in Tokyo for talks with the Japanese prime minister on Saturday.", &["summits"]),
            ("en scam caller", "Police warn of new scam calls", "Singapore police said a caller posing as a Malaysian bank officer rang the victims and asked for their card details.", &[]),
            ("en access pact under negotiation", "Japan, Philippines press on with troop pact", "Japan and the Philippines are still negotiating a reciprocal access deal that would let their troops train on each other's soil, the ministers said.", &["defence_deals"]),
            ("id police receive surrendered arms", "Polres Terima Dua Pucuk Senjata Api dari Warga", "Satreskrim Polres Aceh Timur menerima dua pucuk senjata api yang diserahkan secara sukarela oleh seorang warga pada Sabtu.", &[]),
            ("en one-on-one after state honours", "Herzog in Belgrade", "Israeli President Isaac Herzog and Serbian President Aleksandar Vucic sat down for a one-on-one meeting in Belgrade after a ceremony with state honours.", &["summits"]),
            ("en honours at a burial", "Former army chief laid to rest", "The former Serbian army chief was buried with state honours in Belgrade on Tuesday, and President Aleksandar Vucic attended.", &[]),
            ("id exercise said to strengthen cooperation", "TNI Gelar Latihan dengan Negara Sahabat", "Ribuan prajurit TNI dan puluhan negara sahabat ambil bagian dalam latihan yang bertujuan memperkuat kerja sama pertahanan di kawasan, kata Panglima TNI.", &[]),
            ("en phone", "Biden, Xi hold phone call", "U.S. President Joe Biden and Chinese President Xi Jinping spoke by phone on Tuesday, the White House said.", &["calls"]),
            ("id state visit", "Prabowo Lakukan Kunjungan Kenegaraan ke Tokyo", "Presiden Prabowo Subianto tiba di Tokyo untuk kunjungan kenegaraan dan bertemu Perdana Menteri Jepang Shigeru Ishiba.", &["summits"]),
            ("en summit", "Leaders gather for ASEAN summit", "Southeast Asian leaders opened their annual summit in Vientiane on Wednesday, with Myanmar on the agenda.", &["summits"]),
            ("id arms purchase", "Indonesia Beli 42 Jet Tempur Rafale", "Kementerian Pertahanan menandatangani kontrak pembelian 42 jet tempur Rafale dari Prancis senilai 8,1 miliar dolar AS.", &["defence_deals"]),
            ("minister's visit to a border regency", "Saat Kunjungan Kerja di Belu, Menteri Pertanian Turun ke Sawah", "Menteri Pertanian Syahrul Yasin Limpo menemui para petani saat kunjungan kerja di Kabupaten Belu, Nusa Tenggara Timur.\n\nIa disambut Wakil Bupati Belu dan langsung meninjau sawah.\n\nKabupaten Belu berbatasan langsung dengan Timor Leste.", &[]),
            ("en call named by its readout", "Leaders discuss trade and Taiwan", "The phone conversation between Chinese leader Xi Jinping and President Donald Trump was first announced by Beijing, which called it a friendly and positive exchange.", &["calls"]),
            ("en co-production", "India, Russia agree to co-produce rifles", "India and Russia signed an agreement to co-produce AK-203 rifles at a plant in Uttar Pradesh, the defence ministry said.", &["defence_deals"]),
            ("en call named by its kind", "Leaders hail warm ties in first call", "Prime Minister Keir Starmer and President Donald Trump hailed warm ties in their first call since the election, Downing Street said.", &["calls"]),
            ("id leaders meeting over video", "Xi dan Putin Perkuat Kemitraan", "Presiden China Xi Jinping dan Presiden Rusia Vladimir Putin bertemu secara virtual lewat sambungan video pada Rabu.", &["calls"]),
            ("en a type named in the singular, signed", "Jakarta and Ankara seal fighter programme", "Indonesia's defence minister and Turkey's defence industry chief signed an agreement for 48 KAAN fighter jets on Wednesday.", &["defence_deals"]),
            ("id helicopters leased", "TNI AL Tambah Kekuatan Udara", "Kementerian Pertahanan menandatangani kontrak sewa helikopter antikapal selam dari Italia untuk TNI AL, Selasa.", &["defence_deals"]),
            ("en a welcome ceremony", "Ramaphosa welcomed in Jakarta", "South Africa's President Cyril Ramaphosa received a 21-gun salute and inspected the guard of honour at Merdeka Palace on Friday.", &["summits"]),
            ("en over the telephone", "Ministers discuss trade and security", "The foreign ministers of Brazil and Argentina talked over the telephone on Monday about trade and regional security.", &["calls"]),
            ("en arms industries' MoU", "Kenya signs MoU with Turkey on defence industry cooperation", "Kenya and Turkey signed a memorandum of understanding on Tuesday to expand cooperation between their defence industries.", &["defence_deals"]),
            ("en attack aircraft received", "Nigeria to receive six attack aircraft in July", "The Nigerian Air Force will receive six of the 12 attack aircraft being built for it in the United States in July, the manufacturer told lawmakers.\n\nThe remaining attack aircraft will be delivered before the end of October.", &["defence_deals"]),
            ("en defence partnership signed", "May and Buhari hold talks in Abuja", "After the meeting, the two leaders watched as officials signed a bilateral Security and Defence Partnership between Nigeria and Britain.", &["summits", "defence_deals"]),
            ("en a leaders' retreat", "Forum wraps up in Koror", "Pacific Islands Forum heads of government ended the leaders' retreat in Koror on Thursday by endorsing a regional policing plan.", &["summits"]),
            ("en a visit called off", "Obama cancels Philippine visit", "The Manila leg of the U.S. president's Asian trip could no longer go ahead, an assistant secretary at the Department of Foreign Affairs said.", &["summits"]),
            ("id a visit postponed", "Jokowi Tunda Kunjungan ke Australia", "Presiden Joko Widodo menunda kunjungannya ke Australia yang dijadwalkan pekan depan, kata juru bicara Istana.", &["summits"]),
            ("en defence contracts in the plural", "Saudi Arabia signs 22 defence contracts at Riyadh show", "The agreements range from purchases of military systems to production lines, the Saudi Press Agency said.", &["defence_deals"]),
            // Traps.
            ("en a defence MoU at a visit, headline deal first", "Morocco and Israel sign defence MoU as Gantz makes official visit to Rabat", "Israeli Defence Minister Benny Gantz signed a defence memorandum of understanding with Morocco during his official visit to Rabat on Wednesday.", &["defence_deals", "summits"]),
            ("id defence-industry cooperation", "RI dan Turki Perluas Kerja Sama Industri Pertahanan", "Menteri Pertahanan Indonesia dan Kepala Industri Pertahanan Turki membahas perluasan kerja sama industri pertahanan kedua negara di Ankara, Selasa.", &["defence_deals"]),
            ("id headline's bare verb: the meeting leads", "Prabowo Temui Erdogan, Bahas Kerja Sama Pertahanan", "Menteri Pertahanan Prabowo Subianto bertemu Presiden Turki Recep Tayyip Erdogan di Ankara, Kamis. Prabowo dan Menteri Pertahanan Turki Yasar Guler lalu menandatangani perjanjian kerja sama pertahanan.", &["summits", "defence_deals"]),
            ("en a minister meets a company's chief", "Serbian minister meets German carmaker's CEO over new plant", "Serbia's economy minister met the chief executive of a German car parts maker in Belgrade on Monday to discuss a new factory.", &[]),
            ("id a company's chief meets a minister", "Direktur Utama Produsen Baterai Korea Selatan Temui Menperin", "Direktur utama produsen baterai asal Korea Selatan menemui Menteri Perindustrian di Jakarta, Senin, membahas rencana pabrik baru di Batang.", &[]),
            ("an arms embargo vote", "Security Council rejects bid to extend Iran arms embargo", "The UN Security Council turned down a US proposal to prolong the embargo on conventional weapons sales to Iran, diplomats said.", &[]),
            ("id arms embargo", "DK PBB Tolak Perpanjangan Embargo Senjata Iran", "Dewan Keamanan PBB menolak usulan Amerika Serikat untuk memperpanjang embargo penjualan senjata kepada Iran.", &[]),
            ("en a trial over a past arms deal", "Ex-minister's arms deal trial adjourned again", "The trial over the 1999 arms deal, in which the former minister is accused of taking bribes from a French arms company, was adjourned to March, the judge said.", &[]),
            ("en a graft case over a past arms deal", "Charges stand in arms deal case", "He and the French arms company face charges of corruption and racketeering tied to the arms deal the government concluded in 1999.", &[]),
            ("id a graft case over a past purchase", "Tiga Tersangka Kasus Helikopter", "Tiga perwira ditetapkan sebagai tersangka kasus rasuah pembelian helikopter untuk TNI AU senilai Rp 738 miliar.", &[]),
            ("id a trial over a past purchase", "Saksi Ungkap Cacat Helikopter dalam Sidang Korupsi", "Jaksa mendakwa terdakwa menggelembungkan harga pembelian helikopter untuk TNI AU senilai Rp 738 miliar, kata saksi di persidangan.", &[]),
            ("id an ambassador's courtesy call", "Dubes Vietnam Sambangi Balai Kota Bandung", "Duta Besar Vietnam untuk Indonesia, Ta Van Thong, bertandang ke Balai Kota Bandung dalam rangka kunjungan kehormatan, Senin.\n\nWali Kota Bandung menyambut baik kunjungan tersebut dan berharap kerja sama pertanian kedua kota segera terwujud.", &[]),
            ("en an ambassador's courtesy call", "New envoy calls on the governor", "The new Japanese ambassador paid a courtesy call on the governor of the province on Tuesday and discussed tourism and sister-city ties.", &[]),
            ("a concert called off", "Band cancels its visit to Jakarta", "The group said the tour had been cut short after the singer fell ill.", &[]),
            ("trade mission", "Business delegation tours the province", "The chamber said it had never before brought a trade mission to the province and saw the need for an inward visit to local factories.", &[]),
            ("jets escort a visitor", "Enam Jet Tempur Kawal Kedatangan Presiden", "Angkatan Udara mengerahkan enam jet tempur untuk mengawal pesawat kepresidenan begitu memasuki wilayah udara negara itu.", &[]),
            ("smartphone call feature", "Fitur Panggilan Video Baru di Ponsel Ini", "Ponsel terbaru itu membawa fitur panggilan video dengan kualitas 4K dan baterai lebih awet.", &[]),
            ("KPK summons", "KPK Panggil Mantan Menteri", "Komisi Pemberantasan Korupsi memanggil saksi, seorang mantan menteri, untuk diperiksa pekan depan.", &[]),
            ("appeal", "UN chief calls for ceasefire", "The UN Secretary-General called for an immediate ceasefire and urged all parties to protect civilians.", &[]),
            ("students' summit", "Sembilan Pelajar Ikuti KTT Pemuda di Kuala Lumpur", "Sembilan pelajar SMA dari Sleman terbang ke Malaysia untuk mengikuti Global Youth Summit, pertemuan anak muda dari 30 negara.", &[]),
            ("en youth summit", "Pupils head to youth summit in Geneva", "Twelve pupils from a Nairobi school will attend a youth summit in Geneva next week, where students from 40 countries meet.", &[]),
            ("business summit", "Startup Summit 2024 Digelar di Jakarta", "Ratusan pendiri perusahaan rintisan menghadiri tech summit tahunan di Jakarta pekan ini.", &[]),
            ("football host", "Timnas Menjamu Kamboja di Bekasi", "Timnas Indonesia asuhan Luis Milla menjamu Kamboja di Stadion Patriot Candrabhaga, Bekasi, Rabu malam.\n\nPelatih memanggil 20 pemain untuk laga uji coba itu.", &[]),
            ("football", "Persija Puncaki Klasemen", "Persija naik ke puncak klasemen setelah lini pertahanan mereka tampil solid melawan Persib.", &[]),
            ("missile strike", "Russian missiles hit Kyiv", "Russian missiles struck Kyiv overnight, killing three people, Ukrainian officials said. Air defences intercepted most missiles.", &[]),
            ("id arms maker's MoU", "Menhan Saksikan Kerja Sama Industri", "Kedua menteri menjadi saksi penandatanganan MoU kerja sama PT Pindad dengan Lembaga Tabung Angkatan Tentera di Kuala Lumpur, Rabu.", &["defence_deals"]),
            ("a shipyard's civil order", "Shipbuilder wins container ship order", "Taiwan's Yang Ming ordered seven container ships from South Korean shipbuilder Hanwha Ocean in a deal worth $1.4 billion, signed in Taipei on Tuesday.", &[]),
            ("radio phone-in", "President takes listeners' calls live on radio", "Malawi's President Joyce Banda answered phone calls from listeners on a live radio show, and others sent text messages from their phones.", &[]),
            ("a leader receives the national team", "King decorates World Cup heroes at the palace", "King Mohammed VI of Morocco received the national football team at the royal palace in Rabat, days after their run at the World Cup in Qatar.", &[]),
            ("exercise without deal", "TNI dan Australia Gelar Latihan Gabungan", "Tentara Nasional Indonesia dan Angkatan Bersenjata Australia menggelar latihan gabungan di Jawa Timur.", &[]),
            ("a navy's port call", "Dua Kapal Perang Prancis Merapat di Bitung", "Lantamal VIII menggelar upacara merplug untuk menyambut kedatangan dua kapal perang Prancis yang bersandar di Dermaga Bitung, Senin.", &[]),
            ("a G20 engagement group's summit", "KTT Y20 Ditutup di Bandung", "Delegasi pemuda dari 20 negara menutup KTT Y20 di Bandung dan menyerahkan komunike kepada para pemimpin G20.", &[]),
            ("a defence yard's merchant ships", "Naval yard wins cargo ship order", "The yard, best known for building warships for the navy, won an order for two 7,500 DWT cargo vessels from a German shipowner for export.", &[]),
            ("a parliament's recess trip", "Masa Reses, Anggota DPR ke Luar Negeri", "Komisi I DPR telah menyusun jadwal lawatan ke Jerman, Ceko dan Polandia dengan anggaran Rp 3 miliar.", &[]),
            ("offsets with a ship purchase", "Malaysia secures tech transfers for mission ships", "Malaysia's Ministry of Defence set out the offset package it expects under its deal with China for four littoral mission ships, with tech transfers to a local yard.", &["defence_deals"]),
            ("a tank co-developed", "Pindad Garap Tank Harimau Bersama Turki", "PT Pindad memperkenalkan tank Harimau yang lahir dari kerja sama dengan perusahaan Turki FNSS.", &["defence_deals"]),
            ("the Commonwealth's summit", "President leaves Samoa after CHOGM", "President Julius Maada Bio left Apia after taking part in the Commonwealth Heads of Government Meeting with leaders from 56 countries.", &["summits"]),
            ("virtually as almost", "Pacific Rim leaders gather in Lima", "Virtually every leader of the 21 APEC economies attended the summit in Lima on Friday, where President Xi Jinping met President Joe Biden.", &["summits"]),
            ("a troop access pact in the headline", "Manila and Tokyo seal landmark troop access pact", "The foreign ministers of Japan and the Philippines held their second 2+2 ministerial meeting in Manila on Monday to coordinate security policy.", &["defence_deals", "summits"]),
            ("en an army handed vehicles", "U.S. hands 640 vehicles to Afghan army", "The United States handed 640 new vehicles, among them ambulances and pickups, to the Afghan National Army at a ceremony in Kabul on Sunday.", &["defence_deals"]),
            ("id a parliament's goodwill visit", "Temui Ketua Parlemen Vietnam, Delegasi DPR Sepakat Perkuat Kerja Sama", "Rombongan itu melakukan kunjungan resmi ke Hanoi, Senin.\n\nLawatan ini diharapkan mempererat hubungan kedua negara, Indonesia dan Vietnam.", &[]),
            ("en a mayor hosts a sister city", "Mayor hosts sister-city delegation from Japan", "A delegation from Chiba paid an official visit to Quezon City on Monday and held talks on closer ties between Japan and the Philippines.", &[]),
            ("id a city's delegation received", "Delegasi Dewan Kota Johor Bahru Sambangi Pemkot Surabaya", "Rombongan dari Malaysia itu melakukan kunjungan resmi ke Surabaya, Senin.\n\nLawatan ini diharapkan mempererat persahabatan kedua kota dan kedua negara, Indonesia dan Malaysia.", &[]),
            ("id a governor welcomes a leader", "Gubernur Bali Sambut Kedatangan Biden", "Presiden Amerika Serikat Joe Biden tiba di Bali untuk kunjungan kenegaraan ke Indonesia dan bertemu Presiden Joko Widodo.\n\nGubernur Bali menyambutnya di Bandara Ngurah Rai.", &["summits"]),
            ("en a leader rings a mayor", "President phones mayor after storm", "President Joe Biden spoke by phone with the mayor of Los Angeles on Tuesday and promised federal help after the storm.", &[]),
            ("id a cabinet meeting by video", "Presiden Pimpin Sidang Kabinet Lewat Konferensi Video", "Presiden Joko Widodo memimpin sidang kabinet bersama para menteri melalui konferensi video dari Istana Bogor, Senin.", &[]),
            ("a gift of helicopters", "US to gift Kenya's army 16 choppers", "Washington will give the Kenya Defence Forces 16 helicopters free of charge to fight militants, the White House said on Thursday.", &["defence_deals"]),
        ];
        for (case, title, body, want) in cases {
            assert_eq!(topics(title, body), *want, "{case}");
        }
    }

    /// Urging parties to a ceasefire and talks is an appeal, not a meeting; talks held stay
    /// a meeting.
    #[test]
    fn an_appeal_for_talks_is_no_summit() {
        let appeal = topics(
            "AU leaders alarmed by Ukraine crisis, urge immediate ceasefire and talks",
            "The chairperson of the African Union, President Macky Sall of Senegal, said the bloc was deeply alarmed by the situation in Ukraine.\n\nThe statement asked Russia and Ukraine to stop fighting and begin talks under United Nations auspices.\n\nSeveral African governments also reacted.",
        );
        assert!(!appeal.contains(&"summits".to_string()), "{appeal:?}");
        let id_appeal = topics(
            "Para Pemimpin Afrika Mendesak Gencatan Senjata dan Perundingan",
            "Ketua Uni Afrika, Presiden Senegal Macky Sall, menyatakan keprihatinan atas situasi di Ukraina.\n\nPernyataan itu meminta Rusia dan Ukraina menghentikan pertempuran.\n\nSejumlah pemerintah Afrika juga bereaksi.",
        );
        assert!(!id_appeal.contains(&"summits".to_string()), "{id_appeal:?}");
        let held = topics(
            "AU leaders hold talks with Putin in Sochi",
            "The chairperson of the African Union, President Macky Sall of Senegal, met Russian President Vladimir Putin in Sochi on Friday.\n\nThe two leaders discussed grain exports from Ukraine.\n\nSall flew on to Moscow.",
        );
        assert!(held.contains(&"summits".to_string()), "{held:?}");
    }

    /// Visits and talks reported without the word "summit" or "KTT", in both languages.
    #[test]
    fn visits_without_the_word_summit() {
        let cases: &[(&str, &str, &str)] = &[
            ("id travel and meet", "Putin Mendarat di New Delhi", "Presiden Rusia Vladimir Putin terbang ke India untuk menemui Perdana Menteri Narendra Modi.\n\nModi menyambut sendiri kedatangan Putin di bandara dan keduanya naik satu mobil.\n\nKedua pemimpin dijadwalkan membahas energi dan perdagangan."),
            ("en travel and talks", "Macron lands in Jakarta", "French President Emmanuel Macron landed in Jakarta on Tuesday for talks with President Prabowo Subianto.\n\nThe two leaders were expected to sign several agreements.\n\nMacron arrived from Vietnam."),
            ("id a palace welcome", "Erdogan Sambut Menhan Prabowo di Kompleks Kepresidenan", "Presiden Turki Recep Tayyip Erdogan menerima Menteri Pertahanan Indonesia Prabowo Subianto di Kompleks Kepresidenan, Ankara, Kamis.\n\nKeduanya membahas kerja sama industri.\n\nMenhan Turki turut hadir."),
            ("en counterparts", "Quad ministers meet in Washington", "Secretary of State Marco Rubio hosted his counterparts from Japan, India and Australia at the State Department on Tuesday.\n\nThe ministers launched a minerals initiative.\n\nThey will meet again next year."),
            ("id a meeting named by its principals", "Indonesia dan Turki Sepakat Bangun Pabrik Drone Tempur", "Indonesia dan Turki mencapai kesepakatan mendirikan pabrik drone tempur di Indonesia. Kesepakatan itu diumumkan seusai pertemuan Presiden Prabowo Subianto dengan Presiden Turki Recep Tayyip Erdogan di Bogor, Rabu.\n\nPT Len dan Aselsan meneken perjanjian usaha patungan untuk memproduksi drone tempur.\n\nPabrik ditargetkan beroperasi tahun depan."),
            ("id ministers' dialogue", "Indonesia dan India Perkuat Kerja Sama Maritim", "Menteri Luar Negeri Indonesia dan Menteri Luar Negeri India membahas keamanan maritim dalam Dialog Tingkat Menteri ketiga di New Delhi, Kamis.\n\nKeduanya sepakat bertemu lagi tahun depan.\n\nPembahasan berlangsung dua jam."),
        ];
        for (case, title, body) in cases {
            assert!(
                topics(title, body).contains(&"summits".to_string()),
                "{case}"
            );
        }
        // Phone talks are a call, a climb is not a summit, a business summit is not one.
        assert_eq!(
            topics("Ruto holds phone talks with Abiy", "Kenyan President William Ruto held phone talks with Ethiopian Prime Minister Abiy Ahmed on Monday.\n\nThey discussed the Horn of Africa.\n\nThe talks lasted an hour."),
            ["calls"]
        );
        // A summit is a relation between states: a governor's welcome in a regency is not
        // one, the same welcome for a foreign leader is.
        let welcome = |guest: &str| {
            topics(
                &format!("Kunjungi Bali, {guest} Disambut Upacara Adat"),
                &format!("{guest} tiba di Bali pada Senin dan disambut upacara adat di bandara.\n\nKedatangannya disambut ratusan warga.\n\nIa dijadwalkan meresmikan pasar baru."),
            )
        };
        assert!(welcome("Gubernur Ahmad Sulaiman").is_empty());
        assert_eq!(
            welcome("Perdana Menteri Malaysia Anwar Ibrahim"),
            ["summits"]
        );
        // Leaders meeting over video: a call, not a summit.
        assert_eq!(
            topics("Modi, Morrison hold first virtual summit", "Indian Prime Minister Narendra Modi and Australian Prime Minister Scott Morrison held their first virtual summit on Thursday.\n\nThe two leaders spoke about trade and health.\n\nThey agreed to meet in person next year."),
            ["calls"]
        );
        assert!(topics("Investors gather at Jakarta Investment Summit", "Around 100 foreign investors attended the Indonesia Investment Summit on Tuesday.\n\nThe summit gave investors a chance to meet officials.\n\nOrganisers plan another next year.").is_empty());
    }

    /// The headline's main clause, not the count of cue words, picks the primary; a frame
    /// ("Usai telepon, …") only sets the scene.
    #[test]
    fn headline_main_clause_picks_the_primary() {
        let body = "Presiden AS Donald Trump berbicara lewat telepon dengan Presiden China Xi Jinping pada Rabu malam.\n\nDalam percakapan telepon itu keduanya membahas perdagangan dan pembicaraan telepon berlangsung satu jam.\n\nTrump mengatakan akan berkunjung ke Beijing pada April untuk bertemu Xi.";
        let framed = topics("Usai Telepon Xi, Trump Bakal Berkunjung ke China", body);
        assert_eq!(
            framed.first().map(String::as_str),
            Some("summits"),
            "{framed:?}"
        );
        // Without the frame the call, which happened, leads over the planned visit.
        let plain = topics("Trump Bakal Berkunjung ke China", body);
        assert_eq!(
            plain.first().map(String::as_str),
            Some("calls"),
            "{plain:?}"
        );
        // An outcome word makes the visit before it the occasion and the agreements the news.
        let visit = "Presiden Prabowo Subianto tiba di Ankara untuk kunjungan kenegaraan dan bertemu Presiden Recep Tayyip Erdogan.\n\nKedua pemimpin menandatangani perjanjian kerja sama pertahanan serta kesepakatan pembelian kapal perang dan jet tempur.\n\nKunjungan kenegaraan itu berlangsung dua hari.";
        let outcome = topics(
            "Lawatan Prabowo ke Turki Berbuah Kesepakatan Pertahanan",
            visit,
        );
        assert_eq!(
            outcome.first().map(String::as_str),
            Some("defence_deals"),
            "{outcome:?}"
        );
        let visit_first = topics(
            "Lawatan Prabowo ke Turki, Teken Kesepakatan Pertahanan",
            visit,
        );
        assert_eq!(
            visit_first.first().map(String::as_str),
            Some("summits"),
            "{visit_first:?}"
        );
        // Headlinese drops the article: "on phone" is the call the headline leads with.
        let call_inviting = "The prime minister said the two leaders discussed trade, climate and security, and that he looked forward to the state dinner to be hosted in his honour during his state visit next month.\n\nThe visit will be the first by the prime minister since taking office.";
        let on_phone = topics(
            "President Tells Prime Minister on Phone He Is Eager to Host Him",
            call_inviting,
        );
        assert_eq!(
            on_phone.first().map(String::as_str),
            Some("calls"),
            "{on_phone:?}"
        );
        // Leaders face to face over a video link: a call, whichever verb the page uses.
        let video = topics(
            "Bertemu Kanselir Jerman Secara Virtual, Presiden Bahas Vaksin",
            "Presiden Joko Widodo dan Kanselir Jerman Olaf Scholz bertatap muka lewat konferensi video untuk pembicaraan bilateral, Selasa.\n\nKeduanya membahas kerja sama vaksin dan transisi energi.",
        );
        assert_eq!(video, ["calls"]);
        // Scores stay in order: the first topic never scores below another.
        let a = enrich("Usai Telepon Xi, Trump Bakal Berkunjung ke China", body);
        assert!(
            a.topics.windows(2).all(|w| w[0].score >= w[1].score),
            "{:?}",
            a.topics
        );
    }

    /// Ministers meeting across borders are a summit without the word: met by title, or a
    /// strategic dialogue; a minister meeting a colleague at home is not.
    #[test]
    fn a_foreign_minister_met_by_title_is_a_summit() {
        let met = topics(
            "Retno Marsudi dan Antony Blinken Gelar Dialog Strategis Perdana",
            "Menteri Luar Negeri Retno Marsudi mengatakan Indonesia dan Amerika Serikat sepakat menjaga momentum hubungan.\n\nPernyataan itu ia sampaikan setelah bertemu Menteri Luar Negeri AS Antony Blinken di Washington pada Selasa.",
        );
        assert_eq!(met.first().map(String::as_str), Some("summits"), "{met:?}");
        let home = topics(
            "Menko Bertemu Menteri Pertahanan Bahas Anggaran",
            "Menko Perekonomian bertemu Menteri Pertahanan di kantornya di Jakarta untuk membahas anggaran tahun depan.\n\nKeduanya sepakat mempercepat pencairan dana.",
        );
        assert!(!home.contains(&"summits".to_string()), "{home:?}");
    }

    /// Equipment given to an army and agreements between armed forces are defence deals.
    #[test]
    fn grants_of_equipment_and_agreements_between_forces_are_deals() {
        let grant = topics(
            "Japan gives patrol boats to Malaysian coast guard",
            "KUALA LUMPUR - Japan has donated six patrol boats and 40 military vehicles to Malaysia's maritime agency and army, the ministry said on Monday.\n\nThe boats were handed over at a ceremony in Port Klang.",
        );
        assert!(grant.contains(&"defence_deals".to_string()), "{grant:?}");
        let pacts = topics(
            "Vietnam and Australia upgrade ties",
            "HANOI - Vietnam and Australia signed agreements between their armed forces on training and maritime security on Tuesday.\n\nThe two prime ministers also discussed trade and climate.",
        );
        assert!(pacts.contains(&"defence_deals".to_string()), "{pacts:?}");
        let free = topics(
            "Korea to pass patrol planes to the Sri Lanka Air Force for free",
            "COLOMBO - The planes, flown by the Korean coast guard until last year, will arrive in March.\n\nCrews are training in Busan.",
        );
        assert!(free.contains(&"defence_deals".to_string()), "{free:?}");
    }

    /// A headline that signs for equipment transfers names the deal; the ministers' talks
    /// that produced it are the second topic.
    #[test]
    fn a_headline_signing_equipment_transfers_leads_with_the_deal() {
        let got = topics(
            "Brazil, Sweden sign pact on defense equipment transfers",
            "STOCKHOLM - Brazil and Sweden signed an agreement on the transfer of defense equipment and technology on Tuesday, after talks between their foreign and defense ministers in Stockholm.\n\nThe defense ministers held talks on regional security and joint training.\n\nThe ministers later gave a joint news conference.\n\nThe pact allows Swedish firms to export equipment to Brazil.",
        );
        assert_eq!(got, ["defence_deals", "summits"]);
    }

    /// A drone handed to farmers is a civilian agency's equipment, in either language.
    /// An order for airliners named by their family is no arms deal; an order for jets of a
    /// military type is.
    #[test]
    fn an_order_of_airliners_by_their_family_is_no_deal() {
        let lead = "The national carrier is set to acquire 14 Boeing jets after approving the purchase as part of a pledge to cut the trade deficit with the United States.";
        let civil = topics(
            "Carrier gives nod to buy 14 Boeing planes",
            &format!("{lead}\n\nThe order comprises eight 787-10 Dreamliners and four 737 MAX jets, a choice that shuts out a competing bid from Airbus.\n\nDeliveries will come in stages."),
        );
        assert!(!civil.contains(&"defence_deals".to_string()), "{civil:?}");
        let military = topics(
            "Air force gives nod to buy 14 planes",
            &format!("{lead}\n\nThe order comprises eight F-16 fighter jets and four trainer jets, a choice that shuts out a competing bid from Saab.\n\nDeliveries will come in stages."),
        );
        assert!(
            military.contains(&"defence_deals".to_string()),
            "{military:?}"
        );
    }

    /// Licence assembly in the buyer's country is co-production.
    #[test]
    fn equipment_assembled_in_the_buyers_country_is_a_deal() {
        let t = topics(
            "Swiss jets to take shape at home",
            "Under the offset plan approved on Monday, four of the F-35A fighters will be assembled in Switzerland by RUAG.\n\nLockheed Martin will hand over tooling and training.\n\nThe first jets are due in 2027.",
        );
        assert!(t.contains(&"defence_deals".to_string()), "{t:?}");
    }

    #[test]
    fn drones_for_farms_are_no_deal() {
        let id = topics(
            "Pemkab Sleman Serahkan Empat Drone untuk Kelompok Tani",
            "SLEMAN - Pemerintah Kabupaten Sleman menyerahkan empat unit drone penyemprot kepada kelompok tani, Senin.\n\nBupati mengatakan drone itu merupakan bantuan dari Kementerian Pertanian.\n\nPetani menyambut baik bantuan tersebut.",
        );
        assert!(id.is_empty(), "{id:?}");
        let en = topics(
            "Province hands drones to farmers",
            "MANILA - The provincial government handed over five drones to rice farmers on Monday, a grant from the Department of Agriculture.\n\nThe drones will be used for crop spraying.\n\nOfficials said more units will follow.",
        );
        assert!(en.is_empty(), "{en:?}");
        let army = topics(
            "Army receives drones",
            "JAKARTA - The army received four Anka drones from Turkey on Monday under a contract signed last year.\n\nThe drones will patrol the border.",
        );
        assert!(army.contains(&"defence_deals".to_string()), "{army:?}");
    }

    /// "tentang" after a document names the document's subject; after a talk it is talk. A
    /// training area an agreement covers is not an exercise being held.
    #[test]
    fn an_agreement_about_defence_cooperation_is_a_deal_a_talk_about_it_is_not() {
        let signed = topics(
            "Tiga dokumen diteken di Bintan",
            "BINTAN - Dokumen ketiga adalah pernyataan bersama menteri pertahanan kedua negara tentang perjanjian kerja sama pertahanan beserta pengaturan area latihan militer.\n\nDokumen itu diteken di hadapan kedua pemimpin.",
        );
        assert!(signed.contains(&"defence_deals".to_string()), "{signed:?}");
        let talk = topics(
            "Dua menteri bertemu di Jakarta",
            "JAKARTA - Kedua menteri berbicara tentang perjanjian kerja sama pertahanan yang sudah lama tertunda.\n\nMereka juga membahas cuaca.",
        );
        assert!(!talk.contains(&"defence_deals".to_string()), "{talk:?}");
        let drill = topics(
            "Latihan di Natuna",
            "NATUNA - Kedua negara menggelar latihan militer bersama untuk memperkuat kerja sama pertahanan.\n\nLatihan berlangsung sepekan.",
        );
        assert!(!drill.contains(&"defence_deals".to_string()), "{drill:?}");
        // Cooperation to be strengthened is an aim, not an agreement.
        for (title, body) in [
            ("Menhan terima Dubes Jerman", "JAKARTA - Menteri Pertahanan menerima Duta Besar Jerman di kantornya.\n\nIa menilai peran Jerman penting dalam memperkokoh kemitraan pertahanan kedua negara.\n\nKeduanya juga berharap dapat memperluas kerja sama pertahanan di masa depan."),
            ("Singh speaks to Esper", "NEW DELHI - Defence Minister Rajnath Singh spoke to US Defense Secretary Mark Esper on Friday.\n\nBoth sides reaffirmed their determination to build up defence cooperation between India and the United States.\n\nThey also resolved to deepen defence cooperation further."),
        ] {
            let aim = topics(title, body);
            assert!(!aim.contains(&"defence_deals".to_string()), "{aim:?}");
        }
    }

    #[test]
    fn accords_of_several_parts_one_of_them_defence_are_a_deal() {
        let t = topics(
            "Ghana, Kenya seal defence and trade pacts as leaders meet in Accra",
            "ACCRA - Ghana and Kenya signed a package of agreements on Tuesday after President Ruto held talks with President Mahama at Jubilee House.\n\nOne of the accords sets out a partnership on defence and security between the two countries.\n\nA second agreement covers trade.",
        );
        assert!(t.contains(&"defence_deals".to_string()), "{t:?}");
    }

    #[test]
    fn a_cue_inside_an_offices_name_is_no_evidence() {
        // The office's name says what it does; the sentence tells of a seminar.
        let office = "BANDUNG - Direktur Teknologi dan Industri Pertahanan Kementerian Pertahanan, Marsekal Pertama Budi Santoso, membuka seminar mahasiswa di kampus itu.\n\nPara dosen dan mahasiswa hadir dalam acara tersebut.";
        let t = topics("Kampus Gelar Seminar Industri Pertahanan", office);
        assert!(!t.contains(&"defence_deals".to_string()), "{t:?}");
        // The same words told as what happened still count.
        let told = "BANDUNG - Kementerian Pertahanan dan Turki meneken kerja sama industri pertahanan untuk produksi bersama kapal patroli.\n\nPara pejabat kedua negara hadir dalam acara tersebut.";
        let t = topics("Kampus Gelar Seminar Industri Pertahanan", told);
        assert!(t.contains(&"defence_deals".to_string()), "{t:?}");
        let t = topics(
            "Defence industry research centre opens",
            "CANBERRA - The Minister for Defence Industry, Pat Conroy, opened a research centre at the university on Monday.\n\nStudents and staff attended the ceremony.",
        );
        assert!(!t.contains(&"defence_deals".to_string()), "{t:?}");
    }

    #[test]
    fn new_platforms_joining_a_force_are_a_deal_a_new_missile_is_not() {
        let t = topics(
            "Tiga Kapal Perang Baru Milik TNI AL Dikukuhkan di Surabaya",
            "SURABAYA - Tiga kapal perang baru buatan Inggris resmi masuk jajaran armada TNI AL dalam upacara di Dermaga Ujung, Surabaya.\n\nKepala Staf TNI AL memimpin upacara itu di hadapan ratusan prajurit.",
        );
        assert!(t.contains(&"defence_deals".to_string()), "{t:?}");
        let t = topics(
            "Korea Utara Uji Coba Rudal Baru",
            "PYONGYANG - Korea Utara meluncurkan rudal baru ke arah laut pada Senin pagi.\n\nMiliter Korea Selatan memantau peluncuran itu.",
        );
        assert!(!t.contains(&"defence_deals".to_string()), "{t:?}");
    }

    #[test]
    fn a_welcome_salutes_guns_are_no_deal() {
        let t = topics(
            "Dentuman Meriam Iringi Penyambutan PM Jepang di Istana Bogor",
            "BOGOR - Perdana Menteri Jepang memulai kunjungan kenegaraan di Istana Bogor dengan upacara penyambutan.\n\nKomandan batalyon mengatakan satuannya menyiapkan enam meriam untuk menghormati kedatangan tamu negara itu.\n\nPresiden dan tamunya kemudian menggelar pertemuan bilateral.",
        );
        assert!(t.contains(&"summits".to_string()), "{t:?}");
        assert!(!t.contains(&"defence_deals".to_string()), "{t:?}");
    }

    #[test]
    fn a_call_between_two_named_people_told_once_deep_in_the_story_is_a_call() {
        let story = "GABORONE - Duma Boko formally took office as president at a ceremony in Gaborone on Monday.\n\nHe hailed the orderly transition as proof of the country's democracy.\n\nThousands of supporters gathered outside the stadium.\n\nThe new cabinet is expected next week.\n\n";
        let title = "Boko takes office in smooth handover";
        // A call held, told with a sure cue between its two parties, though the sentence goes
        // on to report what was said in it ("would hand over power").
        let call = "Boko said Mokgweetsi Masisi had telephoned him as the results came in to say he would hand over power.";
        assert_eq!(topics(title, &format!("{story}{call}")), ["calls"]);
        // One party named: a passing mention, background.
        let mention = "Officials said the electoral commission had telephoned the party offices as the results came in.";
        assert!(topics(title, &format!("{story}{mention}")).is_empty());
    }

    #[test]
    fn a_call_of_the_visits_own_parties_told_once_is_a_call() {
        let visit = "JAKARTA - Presiden Prabowo Subianto menyambut kunjungan resmi Perdana Menteri Australia Anthony Albanese di Istana Merdeka, Kamis.\n\nKedua pemimpin menggelar pertemuan bilateral dan membahas perdagangan serta keamanan kawasan.\n\nAlbanese juga bertemu para pengusaha Indonesia.\n\nKunjungan itu adalah lawatan luar negeri pertama Albanese sejak pemilu.\n\n";
        let call = "Prabowo langsung menelepon Albanese begitu mendengar kabar kemenangannya dalam pemilu.";
        let with_call = topics(
            "Prabowo Sambut Albanese di Istana",
            &format!("{visit}{call}"),
        );
        assert_eq!(with_call, ["summits", "calls"]);
        let without = topics("Prabowo Sambut Albanese di Istana", visit);
        assert_eq!(without, ["summits"]);
    }

    /// A call that sets up a meeting of its parties reports that planned summit too.
    #[test]
    fn a_call_that_sets_up_a_visit_is_both() {
        let call = "OTTAWA - Prime Minister Justin Trudeau spoke by phone with U.S. President Donald Trump on Saturday, the Prime Minister's Office said.\n\nThe two leaders discussed trade, jobs and security along the border between Canada and the United States.\n\n";
        let invited = "Trump invited Trudeau to visit Washington and the two leaders agreed to meet soon, the office said.";
        let title = "Trudeau and Trump speak by phone";
        assert_eq!(
            topics(title, &format!("{call}{invited}")),
            ["calls", "summits"]
        );
        let other = "The office gave no further details of the conversation.";
        assert_eq!(topics(title, &format!("{call}{other}")), ["calls"]);
    }

    /// A headline cue the story never returns to is another sense or a passing mention.
    #[test]
    fn a_deal_told_once_inside_a_visit_is_part_of_it_and_a_meeting_inside_a_deal() {
        let visit = "MADRID - Emir Tamim bin Hamad Al Thani began a state visit to Spain on Tuesday and held talks with Prime Minister Pedro Sanchez at the Moncloa Palace.\n\nThe two leaders discussed energy, investment and the war in Gaza.\n\nThey witnessed the signing of agreements on education and health.\n\nThe Emir also met business leaders.\n\n";
        let inside = topics(
            "Qatar's Emir holds talks in Madrid",
            &format!("{visit}The two leaders also oversaw the signing of a memorandum on military cooperation between their defence ministries."),
        );
        assert_eq!(inside, ["summits", "defence_deals"]);
        let other_parties = topics(
            "Qatar's Emir holds talks in Madrid",
            &format!(
                "{visit}Separately, Germany approved military cooperation with Egypt last year."
            ),
        );
        assert_eq!(
            other_parties,
            ["summits"],
            "a deal of other parties is background"
        );
        let no_visit = topics(
            "Spain's economy grows",
            "MADRID - Spain's economy grew 0.6 percent in the quarter, the statistics office said.\n\nExports rose.\n\nTourism was strong.\n\nThe two leaders also oversaw the signing of a memorandum on military cooperation last year.",
        );
        assert!(no_visit.is_empty(), "{no_visit:?}");
        let meeting = topics(
            "Sweden and Brazil deepen defence ties",
            "Sweden and Brazil agreed on Saturday that Sweden will buy Embraer C-390 transport aircraft and Brazil will order more Saab Gripen fighters.\n\nThe Swedish Air Force will replace its Hercules fleet.\n\nBrazil already assembles the Gripen at home.\n\nThe plan was set down in a letter of intent signed by Swedish Defence Minister Pal Jonson and Brazilian Defence Minister Jose Mucio when the two met in Natal.",
        );
        assert_eq!(
            meeting,
            ["defence_deals", "summits"],
            "the deal's parties meeting"
        );
    }

    #[test]
    fn a_meeting_of_the_deals_states_in_the_lead_is_its_meeting() {
        let pact = "Chile and Kenya have signed a defence cooperation agreement covering training and maritime security.\n\nThe pact was concluded at talks in Nairobi between Chile's Minister of National Defence, Ana Lucia Ferreyra, and Kenya's Defence Cabinet Secretary, Otieno Mwangi.\n\nOfficers of both armed forces attended.\n\nThe agreement runs for five years.\n\nThe navies will also train together.";
        assert_eq!(
            topics("Chile, Kenya sign defence cooperation pact", pact),
            ["defence_deals", "summits"]
        );
        let background = "Chile and Kenya have signed a defence cooperation agreement covering training and maritime security.\n\nThe agreement runs for five years.\n\nOfficers of both armed forces attended.\n\nThe navies will also train together.\n\nThe pact follows talks in Nairobi between Chile's foreign minister, Ana Lucia Ferreyra, and Kenya's foreign secretary, Otieno Mwangi, in 2019.";
        assert_eq!(
            topics("Chile, Kenya sign defence cooperation pact", background),
            ["defence_deals"],
            "the same states meeting deep in the story is background"
        );
    }

    #[test]
    fn a_visit_told_deep_in_the_story_is_a_second_topic_a_planned_one_is_background() {
        let lead = "Indonesia may buy more French warplanes and submarines after the two countries signed an initial defence accord, according to French President Emmanuel Macron.\n\nMacron said the letter of intent could lead to more purchases of Rafale jets.\n\nDassault shares rose in Paris.\n\n";
        let told = topics(
            "Macron says pact could bring more Rafale orders",
            &format!("{lead}The French leader landed in Jakarta on Tuesday and held talks with President Prabowo Subianto at Merdeka Palace on Wednesday."),
        );
        assert_eq!(told, ["defence_deals", "summits"]);
        let planned = topics(
            "Macron says pact could bring more Rafale orders",
            &format!("{lead}World leaders are poised to meet in Dubai next month for the climate summit."),
        );
        assert_eq!(planned, ["defence_deals"]);
    }

    #[test]
    fn a_story_that_keeps_returning_to_a_visit_is_about_it() {
        let lead = "Indonesia may buy more French warplanes and submarines after the two countries signed an initial defence accord, according to French President Emmanuel Macron.\n\nMacron said the letter of intent could lead to more purchases of Rafale jets.\n\nDassault shares rose in Paris.\n\n";
        let once =
            format!("{lead}Macron is due to travel to Jakarta next month for a state visit.");
        assert_eq!(
            topics("Macron says pact could bring more Rafale orders", &once),
            ["defence_deals"]
        );
        let again = format!("{once}\n\nHe is expected to meet President Prabowo Subianto at the palace.\n\nThe two leaders first met in Paris last year.");
        assert_eq!(
            topics("Macron says pact could bring more Rafale orders", &again),
            ["defence_deals", "summits"]
        );
    }

    #[test]
    fn headline_without_support_in_the_story_does_not_tag() {
        let body = "Presiden AS Donald Trump menelepon Presiden Prabowo Subianto pada Kamis malam.\n\nDalam sambungan telepon itu keduanya membahas tarif.\n\nPercakapan berlangsung sekitar 20 menit, kata juru bicara.";
        assert_eq!(
            topics("Trump Telepon Prabowo, Undang ke Gedung Putih", body),
            ["calls"]
        );
    }

    #[test]
    fn event_status_and_participants() {
        let cases: &[(&str, &str, &str, &str, &[&str])] = &[
            ("planned", "Prabowo Akan Telepon Putin", "Presiden Prabowo Subianto akan menelepon Presiden Rusia Vladimir Putin pekan depan, kata juru bicara istana.", "planned", &["Prabowo Subianto", "Vladimir Putin"]),
            ("an open offer", "Presiden Persilakan PM Malaysia Meneleponnya Kapan Saja", "Presiden Joko Widodo mempersilakan Perdana Menteri Malaysia Muhyiddin Yassin untuk menghubunginya lewat telepon kapan saja.", "planned", &[]),
            ("cancelled", "Putin Batal Hadiri KTT G20", "Presiden Rusia Vladimir Putin batal menghadiri KTT G20 di Rio de Janeiro, kata Kremlin.", "cancelled", &["Vladimir Putin"]),
            ("denied", "Kremlin denies Putin-Trump phone call", "The Kremlin denied reports that Vladimir Putin and Donald Trump had a phone call last week.", "denied", &["Vladimir Putin", "Donald Trump"]),
            ("occurred", "Modi, Albanese hold talks in Delhi", "Indian Prime Minister Narendra Modi held talks with Australian Prime Minister Anthony Albanese in New Delhi on Friday.", "occurred", &["Narendra Modi", "Anthony Albanese"]),
        ];
        for (case, title, body, status, who) in cases {
            let a = enrich(title, body);
            let ev = a
                .events
                .first()
                .unwrap_or_else(|| panic!("{case}: no event"));
            assert_eq!(ev.status, *status, "{case}: {ev:?}");
            for p in *who {
                assert!(
                    ev.participants.iter().any(|x| x == p),
                    "{case}: {p} not in {:?}",
                    ev.participants
                );
            }
        }
    }

    #[test]
    fn one_event_retold_is_one_event() {
        let a = enrich(
            "Putin dan Modi Bicara Lewat Telepon",
            "Presiden Rusia Vladimir Putin dan Perdana Menteri India Narendra Modi berbicara melalui telepon pada Jumat.\n\nDalam percakapan telepon itu, Putin dan Modi membahas perdagangan.\n\nPercakapan telepon antara Putin dan Modi berlangsung hangat.",
        );
        let calls: Vec<_> = a.events.iter().filter(|e| e.kind == "calls").collect();
        assert_eq!(calls.len(), 1, "{calls:?}");
    }

    #[test]
    fn scores_order_and_evidence() {
        let a = enrich(
            "Tak Bisa Hadiri KTT, Presiden Kabari PM Lewat Telepon",
            "Presiden menyampaikan melalui telepon kepada Perdana Menteri bahwa ia tidak dapat menghadiri KTT pekan depan.\n\nKedua pemimpin juga membahas persiapan KTT tersebut.",
        );
        let names: Vec<&str> = a.topics.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(
            names.first(),
            Some(&"calls"),
            "a call about a cancelled summit leads with calls: {names:?}"
        );
        for t in &a.topics {
            assert!((0.0..=1.0).contains(&t.score) && !t.evidence.is_empty() && !t.cues.is_empty());
        }
    }

    #[test]
    fn a_topic_can_be_added_as_data() {
        let sanctions = r#"
name = "sanctions"
threshold = 0.5
[lang.id]
cues = [["sanksi", 0.8]]
[lang.en]
cues = [["sanctions", 0.8]]
"#;
        let langs = crate::lang::Languages::load(&[]).expect("langs");
        let c = super::Classifier::load(&langs, &[("sanctions.toml".into(), sanctions.into())])
            .expect("loads");
        assert!(c.topics.iter().any(|t| t.name == "sanctions"));
        let text = "Uni Eropa menjatuhkan sanksi baru terhadap Rusia pada Senin.";
        let tags = rules().tagger.tag(
            text,
            &crate::tag::Context::default(),
            &rules().gazetteer,
            &rules().dates,
        );
        let (topics, _) = c.classify(Some("Uni Eropa Jatuhkan Sanksi Baru"), text, &tags);
        assert_eq!(topics.first().map(|t| t.name.as_str()), Some("sanctions"));
        // A person cue missing from the cues is a mistake the loader names.
        let stray = "name = \"visits\"\n[lang.en]\ncues = [[\"state visit\", 0.9]]\nperson_cues = [\"arrived in\"]\n";
        let err = super::Classifier::load(&langs, &[("visits.toml".into(), stray.into())])
            .expect_err("a stray person cue is refused");
        assert!(err.to_string().contains("arrived in"), "{err}");
    }
}
