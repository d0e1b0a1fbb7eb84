//! The gazetteer: people, places, organisations and news outlets with their aliases in every
//! language, loaded from `data/gazetteer/*.tsv` (embedded) plus files named in the config,
//! and compiled into one Aho-Corasick automaton over folded text.
//!
//! Matching rules (why each exists):
//! - text and aliases are *folded* (lower-case, diacritics removed) so "Nguyễn Phú Trọng"
//!   and "Nguyen Phu Trong" meet; the surface form is kept from the original text;
//! - a match must sit on word boundaries; a hyphen is a boundary, so "Rusia-India",
//!   "ke-Rusia" and "Rusia-nya" match "Rusia";
//! - an alias that is all capitals ("AS", "UN", "SCO") matches only in capitals, so the
//!   English word "as" is never the United States; other aliases must start with a capital
//!   letter in the text ("Putin", not "putin" inside a URL slug or a common noun);
//! - an alias ending in "-" ("Indo-") is a combining prefix: it matches only before a hyphen;
//! - leftmost-longest: "Vladimir Putin" wins over "Putin", "Kremlin" over nothing smaller.
//!
//! Invariant: loading never panics on a bad line; it reports the file and line.

use crate::article::EntityKind;
use crate::error::{Error, Result};
use aho_corasick::{AhoCorasick, MatchKind};
use rustc_hash::FxHashMap as HashMap;
use unicode_normalization::UnicodeNormalization;

pub const BUILTIN: &[(&str, &str)] = &[
    (
        "data/gazetteer/places.tsv",
        include_str!("../data/gazetteer/places.tsv"),
    ),
    (
        "data/gazetteer/people.tsv",
        include_str!("../data/gazetteer/people.tsv"),
    ),
    (
        "data/gazetteer/organizations.tsv",
        include_str!("../data/gazetteer/organizations.tsv"),
    ),
    (
        "data/gazetteer/outlets.tsv",
        include_str!("../data/gazetteer/outlets.tsv"),
    ),
    (
        "data/gazetteer/organizations-armed-forces.tsv",
        include_str!("../data/gazetteer/organizations-armed-forces.tsv"),
    ),
    (
        "data/gazetteer/places-subdivisions.tsv",
        include_str!("../data/gazetteer/places-subdivisions.tsv"),
    ),
    // Generated (scripts/places_id_regions.py); last, so a hand-written alias wins.
    (
        "data/gazetteer/places-id-regions.tsv",
        include_str!("../data/gazetteer/places-id-regions.tsv"),
    ),
];

/// What a gazetteer entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Entity(EntityKind),
    Outlet,
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub name: String,
    pub kind: Kind,
    /// Places: ISO alpha-2 of the country; people: their country; organisations: the one
    /// country their name holds.
    pub code: Option<String>,
    /// Place subtype (country, city, …) or organisation type.
    pub subtype: Option<String>,
    /// Outlets: their web domains.
    pub domains: Vec<String>,
    /// A city that seats its country's government (kind `capital` in the table, output as a
    /// city): written for the government, it names the country.
    pub capital: bool,
}

impl Entry {
    pub fn is_country(&self) -> bool {
        self.kind == Kind::Entity(EntityKind::Place) && self.subtype.as_deref() == Some("country")
    }
}

#[derive(Debug, Clone)]
struct Alias {
    entry: usize,
    /// The alias is all capitals: match case-sensitively.
    acronym: bool,
    /// The alias ends in '-': a combining prefix.
    prefix: bool,
    /// An organisation's table writes the alias with a lower-case tail ("Saudi defence
    /// ministry", "Indian navy"): a capitalised first word is enough.
    lower_tail: bool,
}

/// One match in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub entry: usize,
    /// Byte range in the original text.
    pub start: usize,
    pub end: usize,
}

#[derive(Debug)]
pub struct Gazetteer {
    pub entries: Vec<Entry>,
    aliases: Vec<Alias>,
    alias_text: Vec<String>,
    matcher: AhoCorasick,
    by_folded: HashMap<String, usize>,
    by_domain: HashMap<String, usize>,
    /// Country code → the country's entry.
    countries: HashMap<String, usize>,
    /// A person's surname, folded → the one person the gazetteer gives it (None: several).
    surnames: HashMap<String, Option<usize>>,
}

/// A person's surname: the last word of the name, suffixes aside ("Ferdinand Marcos Jr." is
/// a Marcos), or the first where the country writes the family name first ("Xi Jinping").
pub fn surname<'a>(name: &'a str, code: Option<&str>) -> Option<&'a str> {
    let mut words = name
        .split_whitespace()
        .filter(|w| !matches!(*w, "Jr." | "Jr" | "Sr." | "Sr" | "II" | "III"));
    if family_name_first(name, code) {
        words.next()
    } else {
        words.next_back()
    }
}

/// Whether the person's country writes the family name first (and the name has two words).
pub fn family_name_first(name: &str, code: Option<&str>) -> bool {
    code.is_some_and(|c| FAMILY_NAME_FIRST.contains(&c)) && name.split_whitespace().nth(1).is_some()
}

/// Countries whose names are written family name first, so a later bare mention is the first
/// word ("Xi" for Xi Jinping, "Lee" for Lee Jae-myung).
const FAMILY_NAME_FIRST: &[&str] = &["CN", "KR", "KP", "TW", "HK", "MO"];

/// Folds text for matching: lower-case, combining marks removed, and a map from each byte of
/// the folded string to the byte in the original where its character started.
pub fn fold(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    fold_into(text, &mut out, Some(&mut map));
    map.push(text.len());
    (out, map)
}

/// Folded form of a short string (for lookups).
pub fn fold_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out, None);
    out
}

/// News text is mostly ASCII: runs of it are lower-cased in bulk, and only the other
/// characters take the Unicode path.
pub(crate) fn fold_into(text: &str, out: &mut String, mut map: Option<&mut Vec<usize>>) {
    each_ascii_run(text, |at, piece| {
        let before = out.len();
        match piece {
            Ok(ascii) => push_ascii_lower(out, ascii),
            Err(c) => fold_char(c, out),
        }
        if let Some(m) = map.as_deref_mut() {
            // Each output byte maps to the input byte where its character started.
            match piece {
                Ok(ascii) => m.extend(at..at + ascii.len()),
                Err(_) => m.extend(std::iter::repeat_n(at, out.len() - before)),
            }
        }
    });
}

/// Walks `text` as maximal runs of ASCII (`Ok`) and single other characters (`Err`), each
/// with its byte offset: the shape of every pass that treats ASCII in bulk.
pub(crate) fn each_ascii_run<'a>(text: &'a str, mut f: impl FnMut(usize, Result<&'a str, char>)) {
    let mut rest = text;
    let mut at = 0usize;
    while !rest.is_empty() {
        let run = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let (ascii, tail) = rest.split_at(run);
        if !ascii.is_empty() {
            f(at, Ok(ascii));
        }
        at += run;
        let mut chars = tail.chars();
        let Some(c) = chars.next() else { break };
        f(at, Err(c));
        at += c.len_utf8();
        rest = chars.as_str();
    }
}

/// Appends ASCII text lower-cased.
pub(crate) fn push_ascii_lower(out: &mut String, ascii: &str) {
    let before = out.len();
    out.push_str(ascii);
    if let Some(t) = out.get_mut(before..) {
        t.make_ascii_lowercase();
    }
}

/// Appends the folded form of one character: lower case, diacritics dropped, typographic
/// apostrophes and dashes made ASCII (so "Barron’s" meets "Barron's").
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    let c = match c {
        '\u{2019}' | '\u{2018}' | '\u{02bc}' => '\'',
        '\u{2010}' | '\u{2011}' | '\u{2013}' => '-',
        c => c,
    };
    for d in c.to_lowercase().nfd() {
        if !unicode_normalization::char::is_combining_mark(d) {
            out.push(d);
        }
    }
}

impl Gazetteer {
    /// Built-ins plus extra `(origin, text)` files; the kind comes from the origin's file name.
    pub fn load(extra: &[(String, String)]) -> Result<Gazetteer> {
        let mut entries: Vec<Entry> = Vec::new();
        let mut alias_list: Vec<(String, Alias)> = Vec::new();
        let mut index: HashMap<(String, u8), usize> = HashMap::default();
        let files = BUILTIN
            .iter()
            .map(|(o, t)| (o.to_string(), t.to_string()))
            .chain(extra.iter().cloned());
        for (origin, text) in files {
            let base = origin
                .rsplit('/')
                .next()
                .unwrap_or(&origin)
                .to_ascii_lowercase();
            let kind = if base.starts_with("people") {
                Kind::Entity(EntityKind::Person)
            } else if base.starts_with("places") {
                Kind::Entity(EntityKind::Place)
            } else if base.starts_with("organizations") || base.starts_with("organisations") {
                Kind::Entity(EntityKind::Organization)
            } else if base.starts_with("outlets") {
                Kind::Outlet
            } else {
                return Err(Error::Rules {
                    origin,
                    message: "gazetteer file name must start with places, people, organizations or outlets".into(),
                });
            };
            for (n, line) in text.lines().enumerate() {
                let line = line.trim_end_matches('\r');
                if line.trim().is_empty() || line.starts_with('#') {
                    continue;
                }
                let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
                let want = match kind {
                    Kind::Entity(EntityKind::Place) | Kind::Entity(EntityKind::Person) => 4,
                    _ => 3,
                };
                if cols.len() < want - 1 || cols.first().is_none_or(|c| c.is_empty()) {
                    return Err(Error::Rules {
                        origin: origin.clone(),
                        message: format!("line {}: expected {want} tab-separated columns", n + 1),
                    });
                }
                let col = |i: usize| cols.get(i).copied().filter(|c| !c.is_empty() && *c != "-");
                let name = cols.first().copied().unwrap_or_default().to_string();
                let (code, subtype, domains, aliases) = match kind {
                    Kind::Entity(EntityKind::Place) => (col(2), col(1), None, col(3)),
                    Kind::Entity(EntityKind::Person) => (col(1), col(2), None, col(3)),
                    Kind::Entity(EntityKind::Organization) => (None, col(1), None, col(2)),
                    Kind::Outlet => (None, None, col(1), col(2)),
                };
                // A capital is a city that may also stand for its country's government.
                let capital = kind == Kind::Entity(EntityKind::Place) && subtype == Some("capital");
                let subtype = if capital { Some("city") } else { subtype };
                let key = (name.clone(), kind_tag(kind));
                // A later file may extend an entry's aliases instead of duplicating it.
                let idx = match index.get(&key) {
                    Some(i) => *i,
                    None => {
                        entries.push(Entry {
                            name: name.clone(),
                            kind,
                            code: code.map(|c| c.to_ascii_uppercase()),
                            subtype: subtype.map(str::to_string),
                            domains: domains
                                .map(|d| {
                                    d.split('|')
                                        .map(|s| s.trim().to_ascii_lowercase())
                                        .filter(|s| !s.is_empty())
                                        .collect()
                                })
                                .unwrap_or_default(),
                            capital,
                        });
                        index.insert(key, entries.len() - 1);
                        entries.len() - 1
                    }
                };
                let mut forms = vec![name.clone()];
                forms.extend(
                    aliases
                        .unwrap_or("")
                        .split('|')
                        .map(str::trim)
                        .filter(|a| !a.is_empty())
                        .map(str::to_string),
                );
                // Writers hyphenate compound names or not ("Asia-Pasifik", "Asia Pasifik"):
                // a hyphen between capitalised parts also matches as a space.
                let spaced: Vec<String> = forms
                    .iter()
                    .filter(|f| !f.ends_with('-') && f.contains('-'))
                    .filter(|f| {
                        f.split('-').all(|p| {
                            p.chars().next().is_some_and(char::is_uppercase)
                                && !p.ends_with(' ')
                                && !p.starts_with(' ')
                        })
                    })
                    .map(|f| f.replace('-', " "))
                    .collect();
                forms.extend(spaced);
                for f in forms {
                    let letters: Vec<char> = f.chars().filter(|c| c.is_alphabetic()).collect();
                    let acronym = letters.len() >= 2
                        && letters.iter().all(|c| c.is_uppercase())
                        && f.chars().count() <= 8;
                    alias_list.push((
                        fold_str(&f),
                        Alias {
                            entry: idx,
                            acronym,
                            prefix: f.ends_with('-'),
                            // Organisations only: "Indian navy" is the navy, while a
                            // place's lower-case tail ("Gulf states") is often a phrase.
                            lower_tail: !acronym
                                && kind == Kind::Entity(EntityKind::Organization)
                                && lower_tail(&f),
                        },
                    ));
                }
            }
        }
        // First definition of an alias wins; later duplicates are dropped so the automaton
        // never holds two patterns with one text.
        let mut seen: HashMap<String, usize> = HashMap::default();
        let mut aliases: Vec<Alias> = Vec::new();
        let mut alias_text = Vec::new();
        for (text, a) in alias_list {
            if text.chars().count() < 2 {
                continue;
            }
            if let Some(&k) = seen.get(&text) {
                // The same entry written both ways ("Indian Navy", "Indian navy"): both match.
                if let Some(first) = aliases.get_mut(k) {
                    if first.entry == a.entry {
                        first.lower_tail |= a.lower_tail;
                    }
                }
                continue;
            }
            seen.insert(text.clone(), aliases.len());
            aliases.push(a);
            alias_text.push(text);
        }
        // Anchored: names start at a capitalised word, so only those positions are tried.
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(aho_corasick::StartKind::Anchored)
            .build(&alias_text)
            .map_err(|e| Error::Rules {
                origin: "gazetteer".into(),
                message: e.to_string(),
            })?;
        let mut by_domain = HashMap::default();
        for (i, e) in entries.iter().enumerate() {
            for d in &e.domains {
                by_domain.entry(d.clone()).or_insert(i);
            }
        }
        let by_folded = seen
            .into_iter()
            .filter_map(|(t, k)| aliases.get(k).map(|a| (t, a.entry)))
            .collect();
        let mut countries = HashMap::default();
        for (i, e) in entries.iter().enumerate() {
            if let (true, Some(c)) = (e.is_country(), e.code.as_ref()) {
                countries.entry(c.clone()).or_insert(i);
            }
        }
        let mut surnames: HashMap<String, Option<usize>> = HashMap::default();
        for (i, e) in entries.iter().enumerate() {
            if e.kind != Kind::Entity(EntityKind::Person) {
                continue;
            }
            if let Some(sur) =
                surname(&e.name, e.code.as_deref()).filter(|w| w.chars().count() >= 3)
            {
                surnames
                    .entry(fold_str(sur))
                    .and_modify(|v| {
                        if *v != Some(i) {
                            *v = None
                        }
                    })
                    .or_insert(Some(i));
            }
        }
        let mut gaz = Gazetteer {
            entries,
            aliases,
            alias_text,
            matcher,
            by_folded,
            by_domain,
            countries,
            surnames,
        };
        gaz.org_countries();
        Ok(gaz)
    }

    /// An organisation named after one country ("Sri Lanka Navy", "Ministry of Defence of
    /// India", "Indonesian Navy") is that country's: the code lets a deal between
    /// a navy and a foreign shipyard count as one between states. Bodies of many states and
    /// names that hold places of two countries get none.
    fn org_countries(&mut self) {
        let mut found = Vec::new();
        for (i, e) in self.entries.iter().enumerate() {
            let org = e.kind == Kind::Entity(EntityKind::Organization);
            if !org || e.code.is_some() || e.subtype.as_deref() == Some("intergovernmental") {
                continue;
            }
            // Every run of up to four words of the name, looked up alone: the matcher
            // would only find the organisation itself.
            let words: Vec<&str> = e.name.split_whitespace().collect();
            let mut codes: Vec<&str> = Vec::new();
            for a in 0..words.len() {
                for z in a + 1..=(a + 4).min(words.len()) {
                    let run = words.get(a..z).unwrap_or(&[]).join(" ");
                    let place = self
                        .lookup(run.trim_matches(|c: char| !c.is_alphanumeric()))
                        .filter(|p| p.kind == Kind::Entity(EntityKind::Place));
                    if let Some(c) = place.and_then(|p| p.code.as_deref()) {
                        if !codes.contains(&c) {
                            codes.push(c);
                        }
                    }
                }
            }
            if let [one] = codes.as_slice() {
                found.push((i, one.to_string()));
            }
        }
        for (i, code) in found {
            if let Some(e) = self.entries.get_mut(i) {
                e.code = Some(code);
            }
        }
    }

    /// The one person whose surname this is ("Marcos", "Xi"), when only one has it.
    pub fn person_by_surname(&self, w: &str) -> Option<&Entry> {
        self.surnames
            .get(&fold_str(w))
            .copied()
            .flatten()
            .and_then(|i| self.entries.get(i))
    }

    /// The country whose ISO alpha-2 code this is.
    pub fn country(&self, code: &str) -> Option<&Entry> {
        self.countries.get(code).and_then(|&i| self.entries.get(i))
    }

    pub fn len(&self) -> usize {
        self.alias_text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.alias_text.is_empty()
    }

    /// Entry whose alias is exactly `s` (folded), if any.
    pub fn lookup(&self, s: &str) -> Option<&Entry> {
        self.by_folded
            .get(&fold_str(s.trim()))
            .and_then(|i| self.entries.get(*i))
    }

    pub fn lookup_index(&self, s: &str) -> Option<usize> {
        self.by_folded.get(&fold_str(s.trim())).copied()
    }

    /// Outlet for a URL's host ("www.reuters.com" → Reuters), trying parent domains.
    pub fn outlet_for_url(&self, url: &str) -> Option<&Entry> {
        let host = url
            .split("://")
            .nth(1)
            .unwrap_or(url)
            .split(['/', '?', '#', ':'])
            .next()?;
        let mut h = host.to_ascii_lowercase();
        loop {
            if let Some(e) = self.by_domain.get(&h).and_then(|i| self.entries.get(*i)) {
                return Some(e);
            }
            let (_, rest) = h.split_once('.')?;
            if !rest.contains('.') {
                return None;
            }
            h = rest.to_string();
        }
    }

    /// All matches in `text` that pass the boundary and case rules.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let (folded, map) = fold(text);
        let fb = folded.as_bytes();
        let mut hits = Vec::new();
        let mut next = 0usize;
        let mut prev_alnum = false;
        for (s, c) in folded.char_indices() {
            let word_start = !prev_alnum;
            prev_alnum = c.is_alphanumeric();
            // A name starts a word, with a capital or a digit in the original text.
            if s < next || !word_start || !prev_alnum {
                continue;
            }
            let starts_upper = map
                .get(s)
                .and_then(|o| text.get(*o..))
                .and_then(|t| t.chars().next())
                .is_some_and(|oc| oc.is_uppercase() || oc.is_numeric());
            if !starts_upper {
                continue;
            }
            let input = aho_corasick::Input::new(&folded)
                .span(s..folded.len())
                .anchored(aho_corasick::Anchored::Yes);
            let Some(m) = self.matcher.find(input) else {
                continue;
            };
            let Some(alias) = self.aliases.get(m.pattern().as_usize()) else {
                continue;
            };
            let (s, e) = (m.start(), m.end());
            let before_ok = s == 0 || boundary_before(&folded, s);
            let after_ok = if alias.prefix {
                fb.get(e.wrapping_sub(1)) == Some(&b'-')
                    && fb
                        .get(e)
                        .is_some_and(|b| b.is_ascii_alphabetic() || *b >= 0x80)
            } else {
                e >= fb.len() || boundary_after(&folded, e)
            };
            if !before_ok || !after_ok {
                continue;
            }
            let (Some(&os), Some(&oe)) = (map.get(s), map.get(e)) else {
                continue;
            };
            let Some(surface) = text.get(os..oe) else {
                continue;
            };
            if alias.acronym {
                let letters_upper = surface
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(|c| c.is_uppercase());
                if !letters_upper {
                    continue;
                }
                // An all-caps alias inside an all-caps line ("BERITA AS HARI INI") is still
                // fine; inside a word it was already refused by the boundary rule.
            } else if !(proper_case(surface) || alias.lower_tail && capitalised(surface)) {
                continue;
            }
            next = e;
            hits.push(Hit {
                entry: alias.entry,
                start: os,
                end: if alias.prefix {
                    oe.saturating_sub(1)
                } else {
                    oe
                },
            });
        }
        hits
    }
}

/// A proper-noun surface: its last word starts with a capital (or a digit), so "the Kremlin"
/// and "Rusia" pass while "putin" in a URL slug or "turki" in lower case do not. Any part
/// of a hyphenated last word may carry the capital: "Lee Jae-myung", "el-Sisi".
fn proper_case(surface: &str) -> bool {
    surface
        .split(char::is_whitespace)
        .rfind(|w| !w.is_empty())
        .is_some_and(|w| {
            w.split('-').any(|part| {
                part.chars()
                    .find(|c| c.is_alphanumeric())
                    .is_some_and(|c| c.is_uppercase() || c.is_numeric())
            })
        })
}

/// The first word starts with a capital: "Saudi defence ministry", not "saudi".
fn capitalised(surface: &str) -> bool {
    surface
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_uppercase)
}

/// A name form whose first word is capitalised and whose last word is not.
fn lower_tail(form: &str) -> bool {
    let last_lower = form
        .split_whitespace()
        .next_back()
        .and_then(|w| w.chars().next())
        .is_some_and(char::is_lowercase);
    last_lower && capitalised(form)
}

fn kind_tag(k: Kind) -> u8 {
    match k {
        Kind::Entity(EntityKind::Person) => 0,
        Kind::Entity(EntityKind::Place) => 1,
        Kind::Entity(EntityKind::Organization) => 2,
        Kind::Outlet => 3,
    }
}

fn boundary_before(folded: &str, s: usize) -> bool {
    folded
        .get(..s)
        .and_then(|p| p.chars().next_back())
        .is_none_or(|c| !c.is_alphanumeric())
}

fn boundary_after(folded: &str, e: usize) -> bool {
    folded
        .get(e..)
        .and_then(|p| p.chars().next())
        .is_none_or(|c| !c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_lowercases_strips_marks_and_maps_every_byte_back() {
        for (text, want) in [
            ("Presiden PRABOWO", "presiden prabowo"),
            (
                "Élysée “Barron’s” İstanbul – Hà Nội",
                "elysee “barron's” istanbul - ha noi",
            ),
            ("", ""),
            ("ŞÇ", "sc"),
        ] {
            let (out, map) = fold(text);
            assert_eq!(out, want, "{text}");
            assert_eq!(fold_str(text), want);
            assert_eq!(map.len(), out.len() + 1);
            assert_eq!(map.last(), Some(&text.len()));
            assert!(map.windows(2).all(|w| w[0] <= w[1]), "{text}: {map:?}");
            assert!(map.iter().all(|&i| text.is_char_boundary(i)), "{text}");
            // Each folded ASCII byte maps to the same letter in the original.
            for (j, b) in out.bytes().enumerate() {
                if b.is_ascii_alphabetic() {
                    let orig = text.get(map[j]..).and_then(|t| t.chars().next());
                    assert!(
                        orig.is_some_and(|c| fold_str(&c.to_string()).starts_with(b as char)),
                        "{text} @{j}"
                    );
                }
            }
        }
    }

    fn g() -> Gazetteer {
        Gazetteer::load(&[]).expect("gazetteer")
    }

    #[test]
    fn an_organisation_named_after_one_country_is_that_countrys() {
        let g = g();
        let code = |name: &str| g.lookup(name).and_then(|e| e.code.clone());
        assert_eq!(code("Sri Lanka Navy").as_deref(), Some("LK"));
        assert_eq!(code("Ministry of Defence of India").as_deref(), Some("IN"));
        assert_eq!(code("Indonesian Navy").as_deref(), Some("ID"));
        // A body of many states, and a firm named after no place.
        assert_eq!(code("European Union"), None);
        assert_eq!(code("Lockheed Martin"), None);
    }

    fn names(g: &Gazetteer, text: &str) -> Vec<String> {
        g.find(text)
            .into_iter()
            .filter_map(|h| g.entries.get(h.entry).map(|e| e.name.clone()))
            .collect()
    }

    #[test]
    fn matching_rules() {
        let g = g();
        let cases: &[(&str, &[&str])] = &[
            (
                "Presiden Rusia Vladimir Putin",
                &["Russia", "Vladimir Putin"],
            ),
            ("hubungan Rusia-India", &["Russia", "India"]),
            ("kunjungan ke-Rusia dan Rusia-nya", &["Russia", "Russia"]),
            (
                "Nguyễn Phú Trọng dan Nguyen Phu Trong",
                &["Nguyen Phu Trong", "Nguyen Phu Trong"],
            ),
            ("as well as the AS", &["United States"]),
            ("Putinisme bukan Putin", &["Vladimir Putin"]),
            ("perusahaan patungan Indo-Rusia", &["India", "Russia"]),
            ("the Kremlin said", &["Kremlin"]),
            (
                "the Saudi defence ministry and the Indian navy",
                &["Ministry of Defense of Saudi Arabia", "Indian Navy"],
            ),
            ("the saudi defence ministry", &[]),
            ("the Gulf states", &[]),
            ("presiden putin dan Putin", &["Vladimir Putin"]),
            // A hyphenated last word carries its capital in any part.
            (
                "Lee Jae-myung bertemu Abdel Fattah el-Sisi, bukan lee jae-myung",
                &["Lee Jae-myung", "Abdel Fattah el-Sisi"],
            ),
            // A hyphen between capitalised parts may be written as a space.
            (
                "KTT Kerja Sama Ekonomi Asia Pasifik di Peru",
                &["Asia-Pacific Economic Cooperation", "Peru"],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(names(&g, text), *want, "{text}");
        }
    }

    #[test]
    fn surfaces_keep_original_text() {
        let g = g();
        let text = "Kata Nguyễn Phú Trọng.";
        let h = g.find(text);
        assert_eq!(h.len(), 1);
        assert_eq!(&text[h[0].start..h[0].end], "Nguyễn Phú Trọng");
    }

    #[test]
    fn outlet_from_url() {
        let g = g();
        assert_eq!(
            g.outlet_for_url("https://www.reuters.com/world/x")
                .map(|e| e.name.as_str()),
            Some("Reuters")
        );
        assert!(g.outlet_for_url("https://example.invalid/").is_none());
    }

    #[test]
    fn bad_line_names_file_and_line() {
        let msg = match Gazetteer::load(&[("people-extra.tsv".into(), "\nJane Roe\n".into())]) {
            Err(e) => e.to_string(),
            Ok(_) => panic!("a one-column people line must be refused"),
        };
        assert!(
            msg.contains("people-extra.tsv") && msg.contains("line 2"),
            "{msg}"
        );
    }
}
