//! Tag: who, where, when, and according to whom.
//!
//! - Gazetteer matches (see [`crate::gazetteer`]) give linked entities with canonical names.
//!   A place inside another name, naming a currency or a language, or a world region that an
//!   office's title lists ("Direktur Jenderal Asia, Pasifik, dan Afrika") is not named there.
//!   A capital written for its government names its country: as an owner ("Moscow's war"),
//!   paired with another state ("Washington dan Beijing"), after a party word or a verb
//!   ("dengan Jakarta", "thanked Tokyo"), or as a clause's subject ("… bahwa Ankara
//!   menolak …"); never after a venue word ("di Moskow", "a trip to Washington"). The packs
//!   hold the words (`venue_before`, `clause_openers`, `party_before`, verb affixes).
//! - People the gazetteer lacks are found by their title ("Menteri Pertahanan India Rajnath
//!   Singh", "Prime Minister Jane Roe"): the capitalised words after a title word, minus the
//!   places and organisations in between (a known one whose name runs past the capitalised
//!   words is skipped whole). They are kept as unlinked entities. A run that ends in a
//!   portfolio word, or whose every word the article also writes in lower case, is an
//!   office, not a person. An office's short form in brackets ends the office ("Menteri
//!   Sosial (Mensos) Tri Rismaharini"). A found name that is a known person once its middle
//!   initials go ("Ferdinand R. Marcos, Jr.") is linked to that person. The name may
//!   follow the places of an envoy's post ("Duta Besar Ukraina untuk Indonesia …"), a known
//!   place's short form ("Amerika Serikat (AS)"), or a portfolio of several words that names
//!   a known body or ends at a comma ("Menteri Energi dan Sumber Daya Mineral …", "Minister
//!   of Defense and Military Production, …"), or an office's name after its head's title up
//!   to a comma, its short form in brackets included ("Kepala Badan Penanggulangan Bencana
//!   Daerah (BPBD) HSU, Sugeng Riyadi, …"); a firm between a firm title and a two-word
//!   name is the firm's. An office after the name ("…, India's Ambassador", "… selaku …")
//!   or "…, who heads" names a person too, and so does an office that opens its clause
//!   before a name set off by two commas ("Direktur Utama PDAM Tirta Dharma, Sobirin
//!   Hasan, mengakui …"). A title named after a jurisdiction ("Bupati …")
//!   takes its place off the name: two or three words when the gazetteer knows them by the
//!   title's template ("Bupati Gunung Mas Jaya S Monong": "Gunung Mas Regency").
//! - A bare surname later in the article resolves to the full name seen earlier (the first
//!   word where the country writes the family name first: "Xi", "Lee"). A title and a
//!   surname only one known person has, the title being that person's role ("President
//!   Marcos"), is that person.
//! - A news outlet is a cited source when a citation cue sits right before it ("dilansir
//!   dari", "according to", "kepada") or right after it ("reported").
//! - Dates come from [`crate::dates`], resolved against the publication date.
//!
//! - An organisation the gazetteer lacks is found by its last word ("… Holdings", "… Bank"),
//!   with a link word and the capitalised run after it ("Central Bank of Uzbekistan").
//!
//! Every entity says which rule found it (`found_by`, [`crate::article::FoundBy`]): desks
//! filter on it, and `warta eval` reports precision per rule.
//!
//! Invariant: pure and total; entity names are unique per kind in the output.

use crate::article::{CitedSource, DateMention, Entity, EntityKind, FoundBy};
use crate::dates::{alternation, DateRules};
use crate::gazetteer::{family_name_first, fold_str, surname, Gazetteer, Hit, Kind};
use crate::lang::Languages;
use aho_corasick::{AhoCorasick, MatchKind};
use chrono::NaiveDate;
use regex::Regex;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Everything tag found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tags {
    pub entities: Vec<Entity>,
    pub cited_sources: Vec<CitedSource>,
    pub dates: Vec<DateMention>,
    /// Entity mentions in the text: (start, end, index into `entities`), sorted by start.
    pub spans: Vec<(usize, usize, usize)>,
    /// Canonical names of entities named in the title.
    pub title_entities: Vec<usize>,
}

/// What cleaning recovered about an article that tagging reads beside its text.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    /// The headline: entities named there and sources cited there.
    pub title: Option<&'a str>,
    /// The article's language pack code: some name rules are a language's own.
    pub language: Option<&'a str>,
    /// The page's own outlet, never a cited source.
    pub own_outlet: Option<&'a str>,
    /// Publication date: the anchor for relative dates.
    pub published: Option<NaiveDate>,
    /// The dateline clean recovered ("NEW DELHI"): where the story is told from.
    pub dateline: Option<&'a str>,
}

#[derive(Debug)]
pub struct Tagger {
    /// Title and role words ("menteri pertahanan", "prime minister").
    titles: AhoCorasick,
    /// The first two bytes a title can start with, ASCII lower-cased, as a 65 536-bit set:
    /// the anchored search is tried only at words that start with such a pair. The first
    /// byte alone lets through most words of a language with prefixes like me-, pe-, ke-,
    /// and each anchored search walks a DFA too large to stay in cache.
    title_start: Vec<u64>,
    /// The capitalised name right after a title (anchored at the title's end).
    name_after_title: Regex,
    /// The part of `name_after_title` before the name, and the name alone: with them the
    /// name's span comes from two DFA searches instead of a capturing search, which for
    /// these Unicode classes costs tens of times more.
    title_gap: Regex,
    /// The rest of an office's name up to its short form in brackets, right after a title.
    office_short_form: Regex,
    name_only: Regex,
    not_person_before: HashSet<String>,
    /// Words between a facility word and its name ("internasional", "udara").
    facility_qualifiers: HashSet<String>,
    honorifics: HashSet<String>,
    /// Folded: titles named after a jurisdiction, place qualifiers, office nouns.
    jurisdiction_titles: HashSet<String>,
    jurisdiction_markers: HashSet<String>,
    place_qualifiers: HashSet<String>,
    office_words: HashSet<String>,
    portfolio_words: HashSet<String>,
    /// Prefix and suffix of a language's portfolio nouns ("ke", "an"), folded.
    portfolio_confixes: Vec<(String, String)>,
    /// Folded: words after which a place name is a language ("bahasa Inggris").
    language_words: HashSet<String>,
    /// Folded: words that make a place a currency, or part of another name.
    currency_words: HashSet<String>,
    name_words: HashSet<String>,
    /// Folded: speech words before and after a one-word speaker's name.
    speech_before: HashSet<String>,
    speech_after: HashSet<String>,
    /// Codes of the packs whose lone speakers need the whole name in the text, and whose
    /// people are named by a surname after the whole name.
    full_name_langs: HashSet<String>,
    /// Folded determiners of every pack.
    determiners: HashSet<String>,
    name_openers: HashSet<String>,
    /// Folded: words joining the items of a list of names.
    list_joiners: HashSet<String>,
    /// Folded: words that make the place after them a venue, and words that open a clause.
    venue_before: HashSet<String>,
    clause_openers: HashSet<String>,
    /// Folded: words after which a capital is a party; verb prefixes and endings.
    party_before: HashSet<String>,
    verb_prefixes: Vec<String>,
    verb_suffixes: Vec<String>,
    /// Folded: ranks after which an organisation is part of the rank ("Brigjen TNI").
    rank_words: HashSet<String>,
    /// Folded one-word titles: a title after a title is an office chain ("Juru Bicara Menteri
    /// Pertahanan", "mantan Mendikbudristek Nadiem Makarim"), not part of a name.
    title_words: HashSet<String>,
    /// Folded: words that may open an office in apposition ("the", "mantan").
    appositive_openers: HashSet<String>,
    scoped_titles: HashSet<String>,
    /// Titles held in a firm ("CEO", "direktur utama"): the firm may stand between.
    firm_titles: HashSet<String>,
    /// Words between a title and its portfolio ("of", "for").
    portfolio_links: HashSet<String>,
    /// By folded title, the names of the body its portfolio is named by ("Kementerian {}").
    portfolio_bodies: HashMap<String, Vec<String>>,
    /// Phrases that join a name to its office without a comma ("selaku").
    appositive_links: AhoCorasick,
    person_relatives: HashSet<String>,
    singular_verbs: HashSet<String>,
    scope_words: HashSet<String>,
    /// Folded month and weekday words of every pack.
    calendar: HashSet<String>,
    /// Folded: corps written between a rank and a name ("Kolonel Inf …").
    corps_words: HashSet<String>,
    /// Every title, folded.
    title_phrases: HashSet<String>,
    cite_before: AhoCorasick,
    cite_after: AhoCorasick,
    stop: HashSet<String>,
    /// Prefixes of the packs' institution families; pattern `i` is rule `inst_of[i]`.
    inst_prefixes: AhoCorasick,
    inst_of: Vec<usize>,
    inst_rules: Vec<InstRule>,
    /// Last words that make a capitalised run an organisation's name ("Group", "Airlines").
    org_suffixes: AhoCorasick,
    /// Offices named without their country, and the name template of each pattern.
    home_offices: AhoCorasick,
    home_office_names: Vec<String>,
    /// Folded compass qualifier → its English word ("selatan" → "South").
    qualifier_names: HashMap<String, String>,
    /// Folded jurisdiction title → the name template of the place it governs.
    jurisdiction_places: HashMap<String, String>,
}

/// A family of names made of a prefix and a place (`lang::Institution`), compiled.
#[derive(Debug)]
struct InstRule {
    kind: EntityKind,
    /// The canonical name, `{}` standing for the place.
    name: String,
    subtype: Option<String>,
    code: Option<String>,
}

/// An institution found by its prefix: its span, rule, and the place's canonical name and
/// code (from the gazetteer when it knows the place).
struct InstHit {
    start: usize,
    end: usize,
    rule: usize,
    place: String,
    code: Option<String>,
    known: bool,
}

/// One table of every pack's `[people]` section, its keys folded.
fn people_table(
    langs: &Languages,
    table: fn(&crate::lang::People) -> &HashMap<String, String>,
) -> HashMap<String, String> {
    langs
        .naming_packs()
        .flat_map(|p| table(&p.people).iter())
        .map(|(k, v)| (fold_str(k), v.clone()))
        .collect()
}

/// A leftmost-longest automaton over `patterns`, ASCII case-insensitive if asked; an empty
/// one if they cannot be built.
fn leftmost_longest<P: AsRef<[u8]>>(patterns: &[P], fold_case: bool) -> AhoCorasick {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(fold_case)
        .build(patterns)
        .unwrap_or_else(|_| {
            AhoCorasick::new(Vec::<String>::new()).unwrap_or_else(|_| unreachable!())
        })
}

/// A gazetteer hit other than a place overlaps `[a, z)`.
fn non_place_within(hits: &[Hit], gaz: &Gazetteer, a: usize, z: usize) -> bool {
    hits.iter().any(|h| {
        h.start < z
            && a < h.end
            && gaz
                .entries
                .get(h.entry)
                .is_some_and(|e| e.kind != Kind::Entity(EntityKind::Place))
    })
}

fn phrases(words: impl Iterator<Item = String>) -> AhoCorasick {
    let mut v: Vec<String> = words
        .map(|w| fold_str(w.trim()))
        .filter(|w| !w.is_empty())
        .collect();
    v.sort();
    v.dedup();
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(&v)
        .unwrap_or_else(|_| {
            AhoCorasick::new(Vec::<String>::new()).unwrap_or_else(|_| unreachable!())
        })
}

impl Tagger {
    pub fn new(langs: &Languages) -> Tagger {
        let honor = alternation(
            langs
                .naming_packs()
                .flat_map(|p| p.people.honorifics.iter().cloned()),
        );
        let honor_part = if honor.is_empty() {
            String::new()
        } else {
            format!(r"(?:(?i:{honor})\.?\s+)?")
        };
        let gap = format!(r"^\.?,?\s+{honor_part}");
        // A dot inside a name ends an initial or a short abbreviation ("M.", "Ma.", "Muh.");
        // after a longer word, or one of three letters ending in a vowel as abbreviations
        // do not, it ends a sentence ("… Teddy. Uniknya …", "PM Lee. Thank you").
        // Words of a name are on one line: "… chief executive, Eddie Yue.\n\nGroup
        // chairmen …" ends at "Yue".
        let name = r"(?:(?:\p{Lu}[\p{L}'’\-]*|\p{Lu}\p{L}?\.|\p{Lu}\p{L}[\p{L}&&[^aeiouyAEIOUY]]\.)[ \t]+){0,5}\p{Lu}[\p{L}'’\-]+";
        let pattern = format!(r"{gap}({name})");
        let mut titles: Vec<String> = langs
            .naming_packs()
            .flat_map(|p| p.people.titles.iter().map(|t| t.trim().to_string()))
            .filter(|t| !t.is_empty())
            .collect();
        titles.sort();
        titles.dedup();
        let mut title_start = vec![0u64; (1 << 16) / 64];
        for t in &titles {
            let b = t.as_bytes();
            let Some(&first) = b.first() else { continue };
            // A one-byte title may be followed by anything.
            let (lo, hi) = b.get(1).map_or((0, u8::MAX), |&second| (second, second));
            for second in lo..=hi {
                let pair = title_pair(first, second);
                if let Some(w) = title_start.get_mut(pair / 64) {
                    *w |= 1 << (pair % 64);
                }
            }
        }
        let rank_words = langs.people_words(|p| &p.rank_words);
        let mut inst_patterns: Vec<String> = Vec::new();
        let mut inst_of = Vec::new();
        let mut inst_rules = Vec::new();
        for i in langs.naming_packs().flat_map(|p| p.institutions.iter()) {
            for prefix in &i.prefixes {
                inst_patterns.push(prefix.clone());
                inst_of.push(inst_rules.len());
            }
            inst_rules.push(InstRule {
                kind: if i.kind == "place" {
                    EntityKind::Place
                } else {
                    EntityKind::Organization
                },
                name: i.name.clone(),
                subtype: i.subtype.clone(),
                code: i.code.clone(),
            });
        }
        let inst_prefixes = leftmost_longest(&inst_patterns, true);
        let suffixes: Vec<&String> = langs
            .naming_packs()
            .flat_map(|p| p.org_suffixes.iter())
            .collect();
        let (office_phrases, home_office_names): (Vec<String>, Vec<String>) = langs
            .naming_packs()
            .flat_map(|p| p.home_offices.iter())
            .flat_map(|o| {
                o.phrases
                    .iter()
                    .map(|ph| (ph.to_lowercase(), o.name.clone()))
            })
            .unzip();
        Tagger {
            home_offices: leftmost_longest(&office_phrases, true),
            home_office_names,
            org_suffixes: leftmost_longest(&suffixes, false),
            jurisdiction_places: people_table(langs, |p| &p.jurisdiction_places),
            qualifier_names: people_table(langs, |p| &p.qualifier_names),
            inst_prefixes,
            inst_of,
            inst_rules,
            title_start,
            // A DFA: the search starts at every word of every article, and the title list
            // is small enough for one.
            titles: AhoCorasick::builder()
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .match_kind(MatchKind::LeftmostLongest)
                .ascii_case_insensitive(true)
                .start_kind(aho_corasick::StartKind::Anchored)
                .build(&titles)
                .unwrap_or_else(|_| {
                    AhoCorasick::new(Vec::<String>::new()).unwrap_or_else(|_| unreachable!())
                }),
            name_after_title: crate::rules::regex(&pattern),
            title_gap: crate::rules::regex(&gap),
            office_short_form: crate::rules::regex(
                r"^(?:[ \t]+\p{Lu}[\p{L}\-]*){0,5}[ \t]+\(\p{Lu}[\p{L}\-]{1,11}\)",
            ),
            name_only: crate::rules::regex(&format!("^(?:{name})")),
            not_person_before: langs.people_words(|p| &p.not_person_before),
            facility_qualifiers: langs.people_words(|p| &p.facility_qualifiers),
            honorifics: langs.people_words(|p| &p.honorifics),
            jurisdiction_titles: langs.people_words(|p| &p.jurisdiction_titles),
            jurisdiction_markers: langs.people_words(|p| &p.jurisdiction_markers),
            place_qualifiers: langs.people_words(|p| &p.place_qualifiers),
            office_words: langs.people_words(|p| &p.office_words),
            portfolio_words: langs.people_words(|p| &p.portfolio_words),
            portfolio_confixes: langs
                .naming_packs()
                .flat_map(|p| p.people.portfolio_confixes.iter())
                .filter_map(|c| Some((fold_str(c.first()?), fold_str(c.get(1)?))))
                .collect(),
            language_words: langs.people_words(|p| &p.language_words),
            currency_words: langs.people_words(|p| &p.currency_words),
            name_words: langs.people_words(|p| &p.name_words),
            speech_before: langs.people_words(|p| &p.speech_before),
            speech_after: langs.people_words(|p| &p.speech_after),
            determiners: langs.people_words(|p| &p.determiners),
            name_openers: langs.people_words(|p| &p.name_openers),
            list_joiners: langs.people_words(|p| &p.list_joiners),
            venue_before: langs.people_words(|p| &p.venue_before),
            clause_openers: langs.people_words(|p| &p.clause_openers),
            party_before: langs.people_words(|p| &p.party_before),
            verb_prefixes: langs
                .people_words(|p| &p.verb_prefixes)
                .into_iter()
                .collect(),
            verb_suffixes: langs
                .people_words(|p| &p.verb_suffixes)
                .into_iter()
                .collect(),
            full_name_langs: langs
                .naming_packs()
                .filter(|p| p.people.speaker_needs_full_name)
                .map(|p| p.code.clone())
                .collect(),
            // Ranks have their own rule: "Mayor Teddy" keeps its rank.
            title_words: titles
                .iter()
                .filter(|t| !t.contains(char::is_whitespace))
                .map(|t| fold_str(t))
                .filter(|t| !rank_words.contains(t))
                .collect(),
            rank_words,
            appositive_openers: langs.people_words(|p| &p.appositive_openers),
            scoped_titles: langs.people_words(|p| &p.scoped_titles),
            firm_titles: langs.people_words(|p| &p.firm_titles),
            portfolio_links: langs.people_words(|p| &p.portfolio_links),
            portfolio_bodies: langs
                .naming_packs()
                .flat_map(|p| p.people.portfolio_bodies.iter())
                .map(|(k, v)| (fold_str(k), v.clone()))
                .collect(),
            appositive_links: phrases(
                langs
                    .naming_packs()
                    .flat_map(|p| p.people.appositive_links.iter().cloned()),
            ),
            person_relatives: langs.people_words(|p| &p.person_relatives),
            singular_verbs: langs.people_words(|p| &p.singular_verbs),
            scope_words: langs.people_words(|p| &p.scope_words),
            corps_words: langs.people_words(|p| &p.corps_words),
            title_phrases: titles.iter().map(|t| fold_str(t)).collect(),
            calendar: langs
                .months
                .keys()
                .chain(langs.weekdays.keys())
                .map(|w| fold_str(w))
                .collect(),
            cite_before: phrases(
                langs
                    .naming_packs()
                    .flat_map(|p| p.citation.before.iter().cloned()),
            ),
            cite_after: phrases(
                langs
                    .naming_packs()
                    .flat_map(|p| p.citation.after.iter().cloned()),
            ),
            stop: langs.naming_stop(),
        }
    }

    /// Tags the cleaned `text` (and the title, for title entities and cited sources).
    pub fn tag(&self, text: &str, cx: &Context, gaz: &Gazetteer, dates: &DateRules) -> Tags {
        let &Context {
            title,
            language,
            own_outlet,
            published,
            dateline,
        } = cx;
        let hits = gaz.find(text);
        let mut b = Builder::default();
        let mut cited: Vec<CitedSource> = Vec::new();
        let mut covered: Vec<(usize, usize)> = Vec::new();
        let own = own_outlet.map(fold_str);
        let mut consumed = None;
        let institutions = self.institutions(text, &hits, gaz);
        for (i, h) in hits.iter().enumerate() {
            let Some(e) = gaz.entries.get(h.entry) else {
                continue;
            };
            if consumed == Some(i) {
                continue;
            }
            // The place of "Polres Kaur", "Pengadilan Negeri Jakarta Selatan": named by the
            // institution below.
            if institutions
                .iter()
                .any(|n| n.start <= h.start && h.end <= n.end)
            {
                continue;
            }
            let surface = text.get(h.start..h.end).unwrap_or("");
            if let Some((name, code, end)) = foreign_ministry(text, gaz, e, h, hits.get(i + 1)) {
                consumed = Some(i + 1);
                covered.push((h.start, end));
                b.add(
                    &name,
                    EntityKind::Organization,
                    e.subtype.as_deref(),
                    code,
                    false,
                    FoundBy::Template,
                    text.get(h.start..end).unwrap_or(surface),
                    Some((h.start, end)),
                );
                continue;
            }
            // "Jalan Jenderal Sudirman", "Sushma Swaraj Bhawan": a person's name inside a
            // street, building or prize name is not the person.
            if e.kind == Kind::Entity(EntityKind::Person)
                && self.inside_place_name(text, h.start, h.end)
            {
                continue;
            }
            if e.kind == Kind::Entity(EntityKind::Person) {
                if let Some(at) = self.other_bearer(text, h, &e.name, &hits) {
                    let name = text.get(at..h.end).unwrap_or(surface);
                    covered.push((at, h.end));
                    b.add(
                        name,
                        EntityKind::Person,
                        None,
                        e.code.as_deref(),
                        false,
                        FoundBy::GivenName,
                        name,
                        Some((at, h.end)),
                    );
                    continue;
                }
            }
            // "TNI Angkatan Udara (AU)", "Organisasi Kerja Sama Islam (OKI)": a short form in
            // brackets right after a known name is that name's, whatever else it may stand
            // for ("AU": the African Union; "OKI": a regency).
            // The short form is the initials of the name's words, in order ("Pasukan Bela
            // Diri Maritim Jepang (JMSDF)": "Jepang" alone is known, and "JMSDF" is not its).
            let prev_hit = i.checked_sub(1).and_then(|j| hits.get(j));
            let short_form_of_prev = prev_hit.is_some_and(|p| {
                p.entry != h.entry
                    && text.get(p.end..h.start) == Some(" (")
                    && text.get(h.end..).is_some_and(|r| r.starts_with(')'))
                    && text
                        .get(p.start..p.end)
                        .is_some_and(|name| initials_of(surface, name))
            });
            // "Istana Kepresidenan India": a country's body named by the words every country
            // uses, followed by another country, is that country's.
            let next_country = hits
                .get(i + 1)
                .filter(|n| n.start == h.end + 1)
                .and_then(|n| {
                    gaz.entries
                        .get(n.entry)
                        .filter(|c| c.is_country() && c.code.is_some() && c.code != e.code)
                });
            let foreign_body = e.kind == Kind::Entity(EntityKind::Organization)
                && e.code.is_some()
                && next_country.is_some()
                && text.get(h.end..h.end + 1) == Some(" ");
            if short_form_of_prev || foreign_body {
                covered.push((h.start, h.end));
                continue;
            }
            // A named event ("Shangri-La Dialogue") is matched so that its words are not
            // read as other names, and left out: events are not entities. "bahasa Inggris":
            // the language, not the country. "Brigjen TNI Frega …": the service is part of
            // the rank. (The previous word is folded only for the kinds that look at it.)
            let prev = || fold_str(prev_word(text, h.start));
            let skip = match e.kind {
                Kind::Entity(EntityKind::Organization) if e.subtype.as_deref() == Some("event") => {
                    true
                }
                // A place inside another name or naming a currency is not named there.
                Kind::Entity(EntityKind::Place) => {
                    self.language_words.contains(&prev())
                        || self.currency(text, h)
                        || self.inside_other_name(text, h.start, h.end)
                        || (e.subtype.as_deref() == Some("region")
                            && e.code.is_none()
                            && self.in_office_name(text, h.start, gaz))
                }
                // ("Sekretaris Jenderal Kementerian Pertahanan …": there "Jenderal" ends a
                // title, not a rank, and the ministry is named.)
                // "Pangkalan TNI AU Halim Perdanakusuma": the base, not the service.
                Kind::Entity(EntityKind::Organization)
                    if e.subtype.as_deref() == Some("military")
                        && name_follows(text, h.end)
                        && self.after_facility_word(text, h.start) =>
                {
                    true
                }
                Kind::Entity(EntityKind::Organization) => {
                    let after = text.get(h.end..).unwrap_or("");
                    // "Letjen TNI (Purn) Sjafrie …": a status in brackets may stand between.
                    let status = after
                        .strip_prefix(" (")
                        .and_then(|r| r.find(") ").filter(|&i| i <= 6).map(|i| i + 3))
                        .unwrap_or(0);
                    name_follows(text, h.end + status) && self.rank_before(text, h.start)
                }
                _ => false,
            };
            if skip {
                covered.push((h.start, h.end));
                continue;
            }
            covered.push((h.start, h.end));
            // "Moskow menolak …", "ties between Washington and Beijing": a capital written
            // for its government names the country.
            let e = match e.code.as_deref() {
                Some(code) if e.capital && self.stands_for_country(text, &hits, i, gaz) => {
                    gaz.country(code).unwrap_or(e)
                }
                _ => e,
            };
            match e.kind {
                Kind::Entity(kind) => {
                    b.add(
                        &e.name,
                        kind,
                        e.subtype.as_deref(),
                        e.code.as_deref(),
                        true,
                        FoundBy::Gazetteer,
                        surface,
                        Some((h.start, h.end)),
                    );
                }
                Kind::Outlet => {
                    if own.as_deref() == Some(fold_str(&e.name).as_str()) && !self.cued(text, h) {
                        continue;
                    }
                    if self.cued(text, h) {
                        match cited.iter_mut().find(|c| c.name == e.name) {
                            Some(c) => {
                                if !c.surface.iter().any(|s| s == surface) {
                                    c.surface.push(surface.to_string())
                                }
                            }
                            None => cited.push(CitedSource {
                                name: e.name.clone(),
                                surface: vec![surface.to_string()],
                            }),
                        }
                    }
                }
            }
        }
        for n in &institutions {
            let Some(rule) = self.inst_rules.get(n.rule) else {
                covered.push((n.start, n.end));
                let name = n.place.as_str();
                b.add(
                    name,
                    EntityKind::Organization,
                    None,
                    n.code.as_deref(),
                    false,
                    FoundBy::Suffix,
                    name,
                    Some((n.start, n.end)),
                );
                continue;
            };
            let name = rule.name.replace("{}", &n.place);
            covered.push((n.start, n.end));
            b.add(
                &name,
                rule.kind,
                rule.subtype.as_deref(),
                n.code.as_deref().or(rule.code.as_deref()),
                n.known && rule.name == "{}",
                FoundBy::Template,
                text.get(n.start..n.end).unwrap_or(""),
                Some((n.start, n.end)),
            );
        }
        // People by title.
        let title_hits = self.title_hits(text);
        for t in title_hits.iter() {
            let whole_word = text
                .get(t.end()..)
                .and_then(|p| p.chars().next())
                .is_none_or(|c| !c.is_alphabetic());
            if !whole_word {
                continue;
            }
            // "Duta Besar Ukraina untuk Indonesia Vasyl …": the name follows the places the
            // office is held for and posted to.
            let scoped = self
                .scoped_titles
                .contains(&fold_str(text.get(t.start()..t.end()).unwrap_or("")));
            let from = scoped
                .then(|| self.scope_end(text, t.end(), &hits, gaz))
                .flatten()
                .or_else(|| self.portfolio_end(text, (t.start(), t.end()), gaz))
                .unwrap_or(t.end());
            // A name is a few words: look no further than this.
            let rest = text
                .get(from..ceil_char(text, (from + 160).min(text.len())))
                .unwrap_or("");
            // "Menteri Sosial (Mensos) Tri Rismaharini", "Kepala Staf Angkatan Darat (KSAD)
            // …": the office's short form in brackets ends the office; the name follows it.
            // A person's own short form ("Abdul Gani Kasuba (AGK) sebagai …") is the initials
            // of the words before it, and no name follows it.
            let skip = self
                .office_short_form
                .find(rest)
                .filter(|m| {
                    let before = rest.get(..m.end()).unwrap_or("");
                    let (words, short) = before.rsplit_once('(').unwrap_or((before, ""));
                    let short = short.trim_end_matches(')');
                    let office_end = from + words.trim_end().len();
                    let words: Vec<&str> = words.split_whitespace().collect();
                    let last = words.len().saturating_sub(short.chars().count());
                    let initials: String = words
                        .iter()
                        .skip(last)
                        .filter_map(|w| w.chars().next())
                        .collect();
                    let name_next = rest.get(m.end()..).is_some_and(|r| {
                        r.strip_prefix([' ', '\t'])
                            .and_then(|r| r.chars().next())
                            .is_some_and(char::is_uppercase)
                    });
                    // "Menteri Pertahanan Amerika Serikat (AS) Christopher Miller": the short
                    // form of a known place ends the office as well.
                    let place_short = hits.iter().any(|h| {
                        h.end == office_end
                            && gaz
                                .entries
                                .get(h.entry)
                                .is_some_and(|e| e.kind == Kind::Entity(EntityKind::Place))
                    });
                    name_next && (initials != short || place_short)
                })
                .map_or(0, |m| m.end());
            let rest = rest.get(skip..).unwrap_or("");
            let base = from + skip;
            // The DFA finds whether and where the pattern ends; only then are the groups
            // resolved, on that match alone (capturing costs in proportion to the input).
            let Some(whole) = self.name_after_title.find(rest) else {
                continue;
            };
            let matched = rest.get(..whole.end()).unwrap_or("");
            // The name starts where the gap ends, if the name alone then spans the rest of
            // the match; otherwise (a capitalised honorific read as part of the name) the
            // capturing search decides.
            let gap_end = self.title_gap.find(matched).map(|g| g.end());
            let fast = gap_end.filter(|&g| {
                matched
                    .get(g..)
                    .and_then(|r| self.name_only.find(r))
                    .is_some_and(|m| g + m.end() == matched.len())
            });
            let span = match fast {
                Some(g) => Some((g, matched.len())),
                None => self
                    .name_after_title
                    .captures(matched)
                    .and_then(|c| c.get(1))
                    .map(|m| (m.start(), m.end())),
            };
            let Some((ns, ne)) = span else {
                continue;
            };
            let n = Span {
                start: base + ns,
                end: base + ne,
            };
            let before = text.get(..t.start()).unwrap_or("");
            let prev_word = before
                .split(|ch: char| !ch.is_alphanumeric() && ch != '.')
                .rfind(|w| !w.is_empty())
                .unwrap_or("");
            // "Jalan Jenderal Sudirman", "Bandar Udara Internasional Sultan Aji …": a
            // facility named after someone.
            if self.not_person_before.contains(&fold_str(prev_word))
                || self.after_facility_word(text, t.start())
            {
                continue;
            }
            // Tokens of the name, minus places/organisations/outlets standing between title and name.
            let mut start = n.start;
            let mut tokens: Vec<(usize, usize)> = Vec::new();
            for (off, w) in word_spans(text.get(n.start..n.end).unwrap_or("")) {
                tokens.push((n.start + off, n.start + off + w.len()));
            }
            let mut known_place_first = false;
            while let Some(&(s, _)) = tokens.first() {
                let covered_by_gaz = hits.iter().find(|h| h.start <= s && s < h.end);
                match covered_by_gaz.and_then(|h| gaz.entries.get(h.entry)) {
                    Some(e) if e.kind != Kind::Entity(EntityKind::Person) => {
                        known_place_first |= e.kind == Kind::Entity(EntityKind::Place);
                        let end = covered_by_gaz.map(|h| h.end).unwrap_or(s);
                        tokens.retain(|t| t.0 >= end);
                        start = tokens.first().map(|t| t.0).unwrap_or(end);
                        // "CEO Airbus Defence and Space Michael Schoellhorn": the known name
                        // runs past the capitalised words (its "and"); the person follows it.
                        if tokens.is_empty() && end > n.end {
                            let after = text.get(end..).and_then(|r| r.strip_prefix(' '));
                            if let Some(m) = after.and_then(|r| self.name_only.find(r)) {
                                let from = end + 1;
                                let run = text.get(from..from + m.end()).unwrap_or("");
                                for (off, w) in word_spans(run) {
                                    tokens.push((from + off, from + off + w.len()));
                                }
                                start = from;
                            }
                        }
                    }
                    _ => break,
                }
            }
            // An office ("Kepala Pusat Penerangan Hukum") is not a person: leave it out.
            let word = |t: &(usize, usize)| fold_str(text.get(t.0..t.1).unwrap_or(""));
            let office_first = |tokens: &[(usize, usize)]| {
                tokens
                    .first()
                    .is_some_and(|t| self.office_words.contains(&word(t)))
            };
            // A title after the title: the office's own words may follow it ("Menteri
            // Pertanian …"), so only a short rest is taken as the name; unsure, left out.
            let mut chained = false;
            while let Some(&first) = tokens.first() {
                if self.title_words.contains(&word(&first)) {
                    tokens.remove(0);
                    chained = true;
                    continue;
                }
                // A title of several words there ("Kepala Staf Laksamana Muda Caesar …"),
                // a rank among them: all of it goes, not just its first word.
                let input = aho_corasick::Input::new(text)
                    .span(first.0..text.len())
                    .anchored(aho_corasick::Anchored::Yes);
                match self.titles.find(input) {
                    Some(m) if m.end() > first.1 && !mid_word(text, m.end()) => {
                        tokens.retain(|t| t.0 >= m.end());
                        chained = true;
                    }
                    _ => break,
                }
            }
            if chained && tokens.len() > 3 {
                continue;
            }
            if office_first(&tokens) {
                continue;
            }
            // "Bupati Sumedang Dony Ahmad Munir": the jurisdiction comes first.
            let title_word = fold_str(text.get(t.start()..t.end()).unwrap_or(""));
            let jurisdiction = self.jurisdiction_titles.contains(&title_word);
            // The jurisdiction taken off the name is a place the article names.
            let mut governed: Option<(usize, usize)> = None;
            // "Bupati Gunung Mas Jaya S Monong": a jurisdiction of two or three words that
            // the gazetteer knows by the title's template ("Gunung Mas Regency") goes whole,
            // as that place.
            let template = self.jurisdiction_places.get(&title_word);
            let whole = template.filter(|_| jurisdiction).and_then(|template| {
                // A word of the name stays after it.
                (2..=3usize)
                    .rev()
                    .filter(|&k| tokens.len() > k)
                    .find_map(|k| {
                        let (first, last) = (tokens.first()?, tokens.get(k - 1)?);
                        let phrase = text.get(first.0..last.1)?;
                        let e = gaz.lookup(&template.replace("{}", phrase))?;
                        (e.kind == Kind::Entity(EntityKind::Place))
                            .then_some((k, first.0, last.1, e))
                    })
            });
            if let Some((k, a, z, e)) = whole {
                tokens.drain(..k);
                if !covered.iter().any(|&(x, y)| x < z && a < y) {
                    covered.push((a, z));
                    b.add(
                        &e.name,
                        EntityKind::Place,
                        e.subtype.as_deref(),
                        e.code.as_deref(),
                        true,
                        FoundBy::Jurisdiction,
                        text.get(a..z).unwrap_or(""),
                        Some((a, z)),
                    );
                }
            } else if jurisdiction && tokens.len() >= 4 {
                governed = tokens.first().copied();
                tokens.remove(0);
            }
            // Shorter, the first word is the jurisdiction or firm when the article writes it
            // as a place elsewhere ("di Singkawang") or names the person without it: "Wali
            // Kota Singkawang Sumastro" is Sumastro, however short.
            // "Bupati Pamekasan Kholilurrahman" with the regency in the gazetteer: the one
            // word left after the known jurisdiction is the holder's name.
            let mut lone = jurisdiction && known_place_first && tokens.len() == 1;
            if whole.is_none() && jurisdiction && (2..=3).contains(&tokens.len()) {
                if let (Some(&first), Some(&second), Some(&last)) =
                    (tokens.first(), tokens.get(1), tokens.last())
                {
                    let w = text.get(first.0..first.1).unwrap_or("");
                    let rest = text.get(second.0..last.1).unwrap_or("");
                    // "Bupati Bangka Selatan, …" beside "Kabupaten Bangka Selatan": all place.
                    if self.written_as_place(text, text.get(first.0..last.1).unwrap_or(""), first.0)
                    {
                        continue;
                    }
                    // "CEO Unilever Alan Jope", "Direktur Utama Garuda Emirsyah Satar": the
                    // firm or place is written elsewhere without the name after it.
                    let second_word = text.get(second.0..second.1).unwrap_or("");
                    // (A firm's only: a place's governor goes by a given name written alone
                    // as often: "Khofifah".)
                    let named_without = tokens.len() == 3
                        && (stands_without(text, rest, w)
                            || (self.firm_titles.contains(&title_word)
                                && used_apart(text, w, second_word, first.0)));
                    if named_without || self.written_as_place(text, w, first.0) {
                        governed = Some(first);
                        tokens.remove(0);
                        lone = tokens.len() == 1;
                    }
                }
            }
            if let (Some((a, z)), Some(template)) = (governed, template) {
                let surface = text.get(a..z).unwrap_or("");
                let known = hits.iter().any(|h| h.start < z && a < h.end);
                // "Bupati Sidoarjo H. Ahmad …", "Wakil Bupati Gowa Abd. Rauf …": an initial or
                // an abbreviated name after the known jurisdiction is no place.
                let abbreviated = text.get(z..).is_some_and(|r| r.starts_with('.'))
                    || surface.chars().filter(|c| c.is_alphabetic()).count() < 3;
                if !known
                    && !abbreviated
                    && !surface.is_empty()
                    && !covered.iter().any(|&(x, y)| x < z && a < y)
                {
                    covered.push((a, z));
                    b.add(
                        &template.replace("{}", surface),
                        EntityKind::Place,
                        // A city's government is named by the city; a regency is a region.
                        Some(if template == "{}" { "city" } else { "region" }),
                        None,
                        false,
                        FoundBy::Jurisdiction,
                        surface,
                        Some((a, z)),
                    );
                }
            }
            // "Maluku Utara Abdul Gani Kasuba" after the place was taken off; "Kapolres
            // AKBP Alamsyah Pelupessy": the rank is not part of the name.
            while tokens.len() > 2
                && tokens.first().is_some_and(|t| {
                    let w = word(t);
                    self.place_qualifiers.contains(&w) || self.rank_words.contains(&w)
                })
            {
                tokens.remove(0);
            }
            // "Kolonel Inf Arief …", "Mayor Pnb Yuda …": a corps after the rank; "Wakil Ketua
            // Umum PSSI Zainudin …", "prajurit TDM. Upacara …": an acronym is a body, never a
            // person's name. Either goes, however short the rest, and so does a title after
            // the body ("Rektor UPI Profesor Sri …"). A name after a corps may be one word
            // ("Kolonel Adm Widiono"): the military writes many so.
            let mut corps = false;
            let mut stripped = false;
            while let Some(first) = tokens.first() {
                let raw = text.get(first.0..first.1).unwrap_or("");
                let letters = raw.trim_end_matches('.');
                let w = word(first);
                let acronym = letters.chars().count() >= 3
                    && letters.chars().all(|c| c.is_uppercase() || c == '-');
                // "Wakil Ketua II DPRA", "Asisten II Setda": an office's number. (One letter
                // is an initial or a Balinese name's first word: "I Ketut Argawa".)
                let numeral =
                    raw.chars().count() >= 2 && raw.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
                if self.corps_words.contains(&w) {
                    corps = true;
                } else if !(acronym || numeral || (stripped && self.title_words.contains(&w))) {
                    break;
                }
                stripped = true;
                tokens.remove(0);
            }
            // "Camat Madapangga Mohamad Saleh", "Menteri Koperasi Budi Arie Setiadi": a first
            // word the article also writes in lower case is a common noun (the portfolio); one
            // it uses apart from the rest of the name, while the rest also stands without it,
            // is the office's place or firm. A first name used alone ("Teddy mengatakan")
            // still has the rest of the name after it wherever the name is given whole.
            while tokens.len() > 2 {
                let (Some(&first), Some(&second), Some(&last)) =
                    (tokens.first(), tokens.get(1), tokens.last())
                else {
                    break;
                };
                let w = text.get(first.0..first.1).unwrap_or("");
                let next = text.get(second.0..second.1).unwrap_or("");
                let rest = text.get(second.0..last.1).unwrap_or("");
                let lower = w.to_lowercase();
                let common = lower != w && used_apart(text, &lower, next, first.0);
                if common || (used_apart(text, w, next, first.0) && stands_without(text, rest, w)) {
                    tokens.remove(0);
                } else {
                    break;
                }
            }
            if office_first(&tokens) {
                continue;
            }
            // "Bupati Bangli I Made Gianyar", "Kepala Dinas Pariwisata I Ketut Argawa": a
            // name opener, capitalised and followed by a name, starts the name.
            let opener = |t: &(usize, usize)| {
                let w = text.get(t.0..t.1).unwrap_or("");
                w.chars().next().is_some_and(char::is_uppercase)
                    && self.name_openers.contains(&w.to_lowercase())
                    // "I. E. Djoko Purwanto": an initial, not an opener.
                    && !text.get(t.1..).is_some_and(|r| r.starts_with('.'))
            };
            let opened = tokens
                .iter()
                .take(tokens.len().saturating_sub(2))
                .position(opener);
            if let Some(k) = opened {
                tokens.drain(..k);
                start = tokens.first().map_or(start, |t| t.0);
            }
            if let Some(&(s, _)) = tokens.first() {
                start = start.max(s);
            }
            let Some(&(_, mut end)) = tokens.last() else {
                continue;
            };
            // "Jose Melencio Nartatez Jr." keeps the stop of its suffix.
            let suffixed = text
                .get(..end)
                .is_some_and(|h| h.ends_with(" Jr") || h.ends_with(" Sr"));
            if suffixed && text.get(end..).is_some_and(|r| r.starts_with('.')) {
                end += 1;
            }
            let name = text
                .get(start..end)
                .unwrap_or("")
                .trim_end_matches('-')
                .to_string();
            // A sentence's full stop is not the name's; "Jr." and "Sr." keep theirs.
            let name = match name.strip_suffix('.') {
                Some(n) if !n.ends_with("Jr") && !n.ends_with("Sr") => n.to_string(),
                _ => name,
            };
            let min_words = if corps || lone { 1 } else { 2 };
            let max_words = if opened.is_some() { 5 } else { 4 };
            if name.split_whitespace().count() < min_words
                || name.split_whitespace().count() > max_words
            {
                continue;
            }
            // Already a gazetteer person, or overlapping another entity: not new. (A name
            // an opener starts may hold a place's word: "I Made Gianyar".)
            if hits
                .iter()
                .any(|h| h.start < end && start < h.end && (opened.is_none() || h.start <= start))
            {
                continue;
            }
            // A stopword inside, or nothing but ranks and titles ("Rear Admiral (Retd) …"
            // cut at the bracket): no name.
            if name
                .split_whitespace()
                .skip(usize::from(opened.is_some()))
                .any(|w| self.stop.contains(&w.to_lowercase()))
                || name.split_whitespace().all(|w| self.common_word(w))
                || self.title_phrases.contains(&fold_str(&name))
                // "Direktur Jenderal Potensi Pertahanan", "Menteri Pendidikan Tinggi, …":
                // a portfolio's name, not a person's.
                || name.split_whitespace().any(|w| self.portfolio_word(w))
                // "Kepala Badan Sarana Pertahanan": every word is one the article also
                // writes in lower case: a portfolio, not a person's name.
                || name.split_whitespace().all(|w| {
                    let lower = w.to_lowercase();
                    lower != w && has_word(text, &lower)
                })
            {
                continue;
            }
            let start = self.after_honorifics(text, start, end);
            let name = text.get(start..end).unwrap_or(&name).to_string();
            add_found_person(
                &mut b,
                &mut covered,
                gaz,
                text,
                &name,
                (start, end),
                FoundBy::Title,
            );
        }
        let mut appositives = self.appositive_names(text);
        appositives.extend(self.names_after_office(text));
        let leaders = self.leaders_of_states(text, &hits, gaz);
        let appositives = appositives.into_iter().map(|s| (s, FoundBy::Apposition));
        let leaders = leaders.into_iter().map(|s| (s, FoundBy::LeaderList));
        for ((start, end), found_by) in appositives.chain(leaders) {
            // Already an entity, or inside one (a gazetteer name, a titled person).
            if !unclaimed(hits.as_slice(), &covered, start, end) {
                continue;
            }
            let start = self.after_honorifics(text, start, end);
            let name = text.get(start..end).unwrap_or("");
            add_found_person(
                &mut b,
                &mut covered,
                gaz,
                text,
                name,
                (start, end),
                found_by,
            );
        }
        // The text's words, split once: for honorifics and for every person's surname.
        let spans: Vec<(usize, &str)> = word_spans(text).collect();
        self.named_by_honorific(text, &spans, &hits, gaz, &mut covered, &mut b);
        let full_names = language.is_some_and(|l| self.full_name_langs.contains(l));
        self.titled_surnames(text, &title_hits, gaz, &mut covered, &mut b);
        self.one_word_speakers(text, &spans, &hits, gaz, full_names, &mut covered, &mut b);
        // Surnames resolve to the full name seen earlier: the last word, or the first where
        // the name's country writes the family name first ("Xi", "Lee" for Lee Jae-myung),
        // unless a capitalised word follows (another Kim, "Lee Kuan Yew").
        let people: Vec<(usize, String, usize, bool)> = b
            .entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == EntityKind::Person)
            .filter_map(|(i, e)| {
                let family_first = family_name_first(&e.name, e.code.as_deref());
                let sur = surname(&e.name, e.code.as_deref())?;
                let first_at = e.offsets.first().map(|o| o[0]).unwrap_or(0);
                let usable = sur.chars().count() >= if family_first { 2 } else { 4 }
                    && !self.stop.contains(&sur.to_lowercase())
                    && gaz.lookup(sur).is_none();
                usable.then(|| (i, sur.to_string(), first_at, family_first))
            })
            .collect();
        for (i, last, first_at, family_first) in people {
            for (k, &(s, w)) in spans.iter().enumerate() {
                let e = s + w.len();
                if s <= first_at || w != last || covered.iter().any(|(a, z)| s < *z && *a < e) {
                    continue;
                }
                let joined = |(t, x): (usize, &str)| {
                    text.get(e..t).is_some_and(|gap| gap == " ")
                        && x.chars().next().is_some_and(char::is_uppercase)
                };
                if family_first && spans.get(k + 1).is_some_and(|&n| joined(n)) {
                    continue;
                }
                covered.push((s, e));
                b.add_mention(i, w, (s, e));
            }
        }
        self.home_offices(text, dateline, &hits, gaz, &covered, &mut b);
        let mut tags = Tags {
            cited_sources: cited,
            ..Tags::default()
        };
        if let Some(t) = title {
            for h in gaz.find(t) {
                if let Some(e) = gaz.entries.get(h.entry) {
                    if let Kind::Entity(kind) = e.kind {
                        let surface = t.get(h.start..h.end).unwrap_or("");
                        let i = b.add(
                            &e.name,
                            kind,
                            e.subtype.as_deref(),
                            e.code.as_deref(),
                            true,
                            FoundBy::Gazetteer,
                            surface,
                            None,
                        );
                        if !tags.title_entities.contains(&i) {
                            tags.title_entities.push(i);
                        }
                    }
                }
            }
        }
        tags.dates = dates.find(text, published);
        let (entities, remap) = b.finish();
        tags.spans = entities
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.offsets.iter().map(move |o| (o[0], o[1], i)))
            .collect();
        tags.spans.sort();
        tags.title_entities = tags
            .title_entities
            .iter()
            .filter_map(|i| remap.get(i).copied())
            .collect();
        tags.entities = entities;
        tags
    }

    /// The dateline names a place ("BAUBAU –"), though clean took it off the text: one the
    /// gazetteer knows, or one the story names again ("Kota Baubau"). An outlet's name where
    /// a dateline stands ("BERITANUSA", "PRABUMULIH.CO") is neither, and is left out.
    pub fn add_dateline(&self, tags: &mut Tags, dateline: &str, text: &str, gaz: &Gazetteer) {
        let d = dateline.trim();
        let words = d.split_whitespace().count();
        if d.is_empty() || words > 3 || d.contains(|c: char| c == '.' || c.is_ascii_digit()) {
            return;
        }
        let (name, code, subtype, linked) = match gaz.lookup(d) {
            Some(e) if e.kind == Kind::Entity(EntityKind::Place) => {
                (e.name.clone(), e.code.clone(), e.subtype.clone(), true)
            }
            Some(_) => return,
            None => {
                let name = title_case(d);
                if !has_word(text, &name) || name.split_whitespace().any(|w| self.common_word(w)) {
                    return;
                }
                (name, None, None, false)
            }
        };
        if let Some(e) = tags
            .entities
            .iter_mut()
            .find(|e| fold_str(&e.name) == fold_str(&name))
        {
            if e.kind == EntityKind::Place && !e.surface.iter().any(|s| s == d) {
                e.surface.push(d.to_string());
            }
            return;
        }
        tags.entities.push(Entity {
            id: format!("place:{}", slug(&name)),
            name,
            kind: EntityKind::Place,
            subtype,
            code,
            mentions: 1,
            surface: vec![d.to_string()],
            offsets: Vec::new(),
            linked,
            found_by: if linked {
                FoundBy::Gazetteer
            } else {
                FoundBy::Dateline
            },
        });
    }

    /// The two words before `start` are a title ("sekretaris jenderal").
    /// "President Marcos", "PM Modi": a title and one capitalised word that is the surname
    /// of exactly one person the gazetteer knows is that person, when the article never
    /// writes the whole name.
    fn titled_surnames(
        &self,
        text: &str,
        title_hits: &[aho_corasick::Match],
        gaz: &Gazetteer,
        covered: &mut Vec<(usize, usize)>,
        b: &mut Builder,
    ) {
        for t in title_hits {
            let Some(rest) = text.get(t.end()..).and_then(|r| r.strip_prefix(' ')) else {
                continue;
            };
            let len = rest
                .find(|c: char| !(c.is_alphabetic() || c == '-' || c == '\''))
                .unwrap_or(rest.len());
            let (Some(w), after) = (rest.get(..len), rest.get(len..).unwrap_or("")) else {
                continue;
            };
            let one_word = !after
                .strip_prefix(' ')
                .and_then(|a| a.chars().next())
                .is_some_and(char::is_uppercase);
            let (s, e) = (t.end() + 1, t.end() + 1 + len);
            if w.chars().count() < 4
                || !w.chars().next().is_some_and(char::is_uppercase)
                || !one_word
                || covered.iter().any(|&(a, z)| a < e && s < z)
            {
                continue;
            }
            // The title must be the person's own ("President" for a president, not "King"
            // for a minister: "King Power" is a firm, "Syekh Ahmad bin …" another Ahmad).
            let Some(p) = gaz.person_by_surname(w).filter(|p| {
                let role = p.subtype.as_deref().map(fold_str).unwrap_or_default();
                let title = fold_str(text.get(t.start()..t.end()).unwrap_or(""));
                !role.is_empty()
                    && title
                        .split_whitespace()
                        .all(|tw| role.split_whitespace().any(|rw| rw.starts_with(tw)))
            }) else {
                continue;
            };
            covered.push((s, e));
            b.add(
                &p.name,
                EntityKind::Person,
                p.subtype.as_deref(),
                p.code.as_deref(),
                true,
                FoundBy::Gazetteer,
                w,
                Some((s, e)),
            );
        }
    }

    /// A rank ends right before `start`: a rank word that ends no other title ("Brigjen",
    /// but not the "Jenderal" of "Sekretaris Jenderal"), or a title of two words opened by
    /// one ("Laksamana Muda", "Brigadir Jenderal").
    fn rank_before(&self, text: &str, start: usize) -> bool {
        let last = prev_word(text, start);
        match self.title_before(text, start) {
            Some(first) => self.rank_words.contains(&fold_str(first)),
            None => self.rank_words.contains(&fold_str(last)),
        }
    }

    /// The first word of the title of two words that ends right before `start`, if one does
    /// ("Sekretaris Jenderal").
    fn title_before<'t>(&self, text: &'t str, start: usize) -> Option<&'t str> {
        let last = prev_word(text, start);
        let at = text.get(..start).and_then(|b| b.rfind(last))?;
        let first = prev_word(text, at);
        self.title_phrases
            .contains(&fold_str(&format!("{first} {last}")))
            .then_some(first)
    }

    /// "… kedatangan Riza Herdavid, Bupati Bangka Selatan, …", "… Jonny Bairstow, the
    /// Yorkshire batsman": a name with its office in apposition after it. Only a run of two
    /// to four capitalised words after a lower-case word counts (mid-sentence), so a
    /// sentence's opening phrase ("Pada hari itu, Presiden …") is never read as a name, and
    /// no word of it may be a title, office, place, rank or common word.
    /// "… kata Widjajanto di Bandung", "Menurut Widjajanto, …", "Widjajanto mengatakan":
    /// many Indonesians go by one name, which no title rule takes. A one-word capitalised
    /// name in a speech slot is a person when the article also writes it alone at least
    /// once more, and it is no known name, common word or acronym. Every lone mention of it
    /// is then the person's.
    #[allow(clippy::too_many_arguments)]
    fn one_word_speakers(
        &self,
        text: &str,
        spans: &[(usize, &str)],
        hits: &[Hit],
        gaz: &Gazetteer,
        full_names: bool,
        covered: &mut Vec<(usize, usize)>,
        b: &mut Builder,
    ) {
        if self.speech_before.is_empty() && self.speech_after.is_empty() {
            return;
        }
        let shaped_once = std::cell::OnceCell::new();
        let name_shapes = || -> &[bool] {
            shaped_once.get_or_init(|| {
                spans
                    .iter()
                    .map(|(_, x)| self.name_shaped(x))
                    .collect::<Vec<_>>()
            })
        };
        // A lone capitalised word: not inside a run of capitalised names (a capitalised
        // speech word, stopword or title before it is fine: "Menurut Widjajanto").
        let lone = |i: usize| {
            let cap = |j: usize| {
                spans.get(j).is_some_and(|(_, w)| {
                    w.chars().next().is_some_and(char::is_uppercase)
                        && !self.speech_before.contains(&fold_str(w))
                        && !self.common_word(w)
                })
            };
            let joined = |a: usize, z: usize| match (spans.get(a), spans.get(z)) {
                (Some(&(s, w)), Some(&(t, _))) => text.get(s + w.len()..t) == Some(" "),
                _ => false,
            };
            let glued_before = i > 0 && cap(i - 1) && joined(i - 1, i);
            let glued_after = cap(i + 1) && joined(i, i + 1);
            !glued_before && !glued_after
        };
        let mut picked: Vec<&str> = Vec::new();
        for (i, &(s, w)) in spans.iter().enumerate() {
            let e = s + w.len();
            let shaped = w.chars().count() >= 4
                && w.chars().all(char::is_alphabetic)
                && w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().skip(1).all(char::is_lowercase);
            if !shaped || picked.contains(&w) {
                continue;
            }
            let word_at = |j: Option<usize>| j.and_then(|j| spans.get(j)).map(|(_, x)| fold_str(x));
            let close_before = i
                .checked_sub(1)
                .and_then(|j| spans.get(j))
                .is_some_and(|&(ps, pw)| text.get(ps + pw.len()..s) == Some(" "));
            let close_after = spans
                .get(i + 1)
                .is_some_and(|&(ns, _)| text.get(e..ns) == Some(" "));
            let before = word_at(i.checked_sub(1))
                .filter(|p| close_before && self.speech_before.contains(p));
            let after =
                word_at(Some(i + 1)).filter(|n| close_after && self.speech_after.contains(n));
            // Without a speech slot, a surname written alone after the whole name.
            let surname_only = before.or(after).is_none();
            if surname_only && !full_names {
                continue;
            }
            // "ujar Wali Kota Eri": the first word of a title of several words is no name.
            let opens_title = self
                .titles
                .find(
                    aho_corasick::Input::new(text)
                        .span(s..text.len())
                        .anchored(aho_corasick::Anchored::Yes),
                )
                .is_some_and(|m| m.end() > e && !mid_word(text, m.end()));
            if !lone(i)
                || opens_title
                || !unclaimed(hits, covered, s, e)
                || self.common_word(w)
                || gaz.lookup(w).is_some()
            {
                continue;
            }
            let mentions: Vec<(usize, usize)> = spans
                .iter()
                .enumerate()
                .filter(|&(j, &(t, x))| {
                    x == w && lone(j) && unclaimed(hits, covered, t, t + x.len())
                })
                .map(|(_, &(t, x))| (t, t + x.len()))
                .collect();
            if mentions.len() < 2 {
                continue;
            }
            // A short form of a person already named ("Retno" for "Retno Marsudi") is that
            // person's; a word two people share is nobody's.
            let bearers: Vec<usize> = b
                .entities
                .iter()
                .enumerate()
                .filter(|(_, x)| x.kind == EntityKind::Person)
                .filter(|(_, x)| {
                    std::iter::once(&x.name)
                        .chain(x.surface.iter())
                        .any(|n| n.split([' ', '-']).any(|p| p == w))
                })
                .map(|(i, _)| i)
                .collect();
            let mut person = match bearers.as_slice() {
                [] => None,
                [one] => Some(*one),
                _ => continue,
            };
            // The article gives the whole name somewhere ("Tessa Mahardhika Sugiarto"):
            // that run is the person's name, the lone word a short form of it.
            if person.is_none() {
                let first_mention = mentions.first().map(|m| m.0);
                if let Some((t, z)) = self
                    .full_name_run(text, spans, name_shapes(), w, hits, covered)
                    .filter(|&(t, z)| {
                        !full_names
                            || self.surname_after_whole_name(
                                text,
                                spans,
                                &lone,
                                w,
                                (t, z),
                                first_mention.filter(|_| surname_only),
                            )
                    })
                {
                    covered.push((t, z));
                    let name = text.get(t..z).unwrap_or(w);
                    person = Some(b.add(
                        name,
                        EntityKind::Person,
                        None,
                        None,
                        false,
                        FoundBy::Speaker,
                        name,
                        Some((t, z)),
                    ));
                }
            }
            if person.is_none() && full_names {
                continue;
            }
            picked.push(w);
            for &(t, z) in &mentions {
                covered.push((t, z));
                match person {
                    None => {
                        person = Some(b.add(
                            w,
                            EntityKind::Person,
                            None,
                            None,
                            false,
                            FoundBy::Speaker,
                            w,
                            Some((t, z)),
                        ))
                    }
                    Some(i) => b.add_mention(i, w, (t, z)),
                }
            }
        }
    }

    /// "the Defence Ministry", "the Ministry of Defence" with no country: the country said
    /// right before it ("Oman's", "Malaysian"), the country of the place said right after it
    /// ("… in Berlin"), or the article's home country: its dateline's, when its entities
    /// (places, and the people and bodies the gazetteer gives a country) also name that one
    /// most; without a dateline, the one they name at least four times and four times as often
    /// as any other. Unsure, left out.
    fn home_offices(
        &self,
        text: &str,
        dateline: Option<&str>,
        hits: &[Hit],
        gaz: &Gazetteer,
        covered: &[(usize, usize)],
        b: &mut Builder,
    ) {
        let found: Vec<aho_corasick::Match> = self
            .home_offices
            .find_iter(text)
            .filter(|m| {
                whole_word_at(text, m.start(), m.end())
                    && unclaimed(hits, covered, m.start(), m.end())
            })
            .collect();
        if found.is_empty() {
            return;
        }
        let place_code = |e: &crate::gazetteer::Entry| {
            (e.kind == Kind::Entity(EntityKind::Place))
                .then(|| e.code.clone())
                .flatten()
        };
        // The dateline's country, when the article's entities also name it at least twice as
        // often as any other: a story told from Seoul about Iraq's ministry has neither.
        let from_dateline = dateline
            .and_then(|d| gaz.lookup(d.trim()))
            .and_then(place_code);
        let mut weight: HashMap<&str, usize> = HashMap::default();
        for e in &b.entities {
            if let Some(c) = e.code.as_deref() {
                *weight.entry(c).or_default() += e.mentions;
            }
        }
        let mut ranked: Vec<(&str, usize)> = weight.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        // The country named at least `min` times and `ratio` times as often as any other.
        let leading = |ratio: usize, min: usize| match ranked.as_slice() {
            [(c, n)] if *n >= min => Some(c.to_string()),
            [(c, n), (_, m), ..] if *n >= min && *n >= ratio * m => Some(c.to_string()),
            _ => None,
        };
        let dominant = leading(2, 1);
        // Without a dateline, a country named four times and four times as often as any other.
        let overwhelming = leading(4, 4);
        let country_of = |code: &str| {
            gaz.country(code)
                .map(|x| (x.name.clone(), code.to_string()))
        };
        let home = match from_dateline {
            Some(d) => Some(d).filter(|d| dominant.as_ref() == Some(d)),
            None => overwhelming,
        }
        .and_then(|c| country_of(&c));
        // "the defence ministry in Berlin": the place said after it decides.
        let said_after = |end: usize| {
            let at = end + " in ".len();
            text.get(end..at).filter(|g| *g == " in ")?;
            let h = hits.iter().find(|h| h.start == at)?;
            country_of(&place_code(gaz.entries.get(h.entry)?)?)
        };
        // "Oman's Ministry of Finance", "the Malaysian defence ministry": the country said
        // right before it.
        let said_before = |start: usize| {
            let h = hits.iter().find(|h| {
                [" ", "'s ", "\u{2019}s "]
                    .iter()
                    .any(|sep| h.end + sep.len() == start && text.get(h.end..start) == Some(*sep))
            })?;
            let e = gaz.entries.get(h.entry).filter(|e| e.is_country())?;
            country_of(e.code.as_deref()?)
        };
        for m in found {
            let Some((name, code)) = said_before(m.start())
                .or_else(|| said_after(m.end()))
                .or_else(|| home.clone())
            else {
                continue;
            };
            let Some(template) = self.home_office_names.get(m.pattern().as_usize()) else {
                continue;
            };
            let surface = text.get(m.start()..m.end()).unwrap_or("");
            // The gazetteer's own spelling when it lists the office ("… of the United Kingdom").
            let office = [
                template.replace("{}", &name),
                template.replace("{}", &format!("the {name}")),
            ]
            .into_iter()
            .find_map(|n| gaz.lookup(&n).map(|e| e.name.clone()))
            .unwrap_or_else(|| template.replace("{}", &name));
            b.add(
                &office,
                EntityKind::Organization,
                Some("government"),
                Some(&code),
                true,
                FoundBy::Template,
                surface,
                Some((m.start(), m.end())),
            );
        }
    }

    /// In a pack whose people go by their surname: the run `t..z` is a whole name ending in
    /// the surname `w`, written before `w`'s first lone mention when one is given; its given
    /// name never stands alone ("Eurofighter … Typhoon" is a product) and no determiner
    /// stands before the surname ("the Territory").
    fn surname_after_whole_name(
        &self,
        text: &str,
        spans: &[(usize, &str)],
        lone: &dyn Fn(usize) -> bool,
        w: &str,
        (t, z): (usize, usize),
        first_mention: Option<usize>,
    ) -> bool {
        let Some(name) = text.get(t..z) else {
            return false;
        };
        let given = name.split(' ').next().unwrap_or(name);
        let after_determiner = |j: usize| {
            j.checked_sub(1)
                .and_then(|p| spans.get(p))
                .is_some_and(|(_, d)| self.determiners.contains(&fold_str(d)))
        };
        name.ends_with(w)
            && name.split(' ').all(|x| x.chars().count() >= 3)
            && first_mention.is_none_or(|m| m > z)
            && !spans
                .iter()
                .enumerate()
                .any(|(j, &(_, x))| (x == given && lone(j)) || (x == w && after_determiner(j)))
    }

    /// A run of two to four name-shaped capitalised words, joined by single spaces, that
    /// holds `w`: the first such run in the text, and none that another entity overlaps.
    /// A word shaped like a person's name: capitalised, the rest lower case, not a word of
    /// the language pack's vocabulary.
    fn name_shaped(&self, x: &str) -> bool {
        x.chars().next().is_some_and(char::is_uppercase)
            && x.chars().skip(1).all(char::is_lowercase)
            && x.chars().count() >= 2
            && !self.common_word(x)
            && !self.speech_before.contains(&fold_str(x))
    }

    /// `shaped` holds [`Self::name_shaped`] for each of `spans`, computed once per text.
    fn full_name_run(
        &self,
        text: &str,
        spans: &[(usize, &str)],
        shaped: &[bool],
        w: &str,
        hits: &[Hit],
        covered: &[(usize, usize)],
    ) -> Option<(usize, usize)> {
        let name_shaped = |i: usize| shaped.get(i).copied().unwrap_or(false);
        let joined =
            |a: &(usize, &str), z: &(usize, &str)| text.get(a.0 + a.1.len()..z.0) == Some(" ");
        let mut i = 0;
        while i < spans.len() {
            if !name_shaped(i) {
                i += 1;
                continue;
            }
            let mut j = i;
            while let (Some(a), Some(z)) = (spans.get(j), spans.get(j + 1)) {
                if !(joined(a, z) && name_shaped(j + 1)) {
                    break;
                }
                j += 1;
            }
            let run = spans.get(i..=j).unwrap_or(&[]);
            let (s, e) = match (run.first(), run.last()) {
                (Some(a), Some(z)) => (a.0, z.0 + z.1.len()),
                _ => break,
            };
            if (2..=4).contains(&run.len())
                && run.iter().any(|x| x.1 == w)
                && unclaimed(hits, covered, s, e)
            {
                return Some((s, e));
            }
            i = j + 1;
        }
        None
    }

    /// Where a portfolio of several words after a title ends, when a name follows it:
    /// - a known body's name once the pack's template for the title is applied ("Menteri
    ///   Energi dan Sumber Daya Mineral Arifin …": "Kementerian Energi dan Sumber Daya
    ///   Mineral" is known);
    /// - or, after a portfolio link ("Minister of …", "for …"), capitalised words and joiners
    ///   up to a comma ("Minister of Defense and Military Production, Abdel …"), or up to a
    ///   portfolio word the name's two to four words follow ("Minister of Trade and
    ///   Integration Bakhyt Sultanov").
    fn portfolio_end(
        &self,
        text: &str,
        (title_start, from): (usize, usize),
        gaz: &Gazetteer,
    ) -> Option<usize> {
        // The words after the title, up to twelve, as long as they are capitalised or joiners.
        let rest = text.get(from..ceil_char(text, (from + 160).min(text.len())))?;
        // "Minister of …"; "Minister of Defense and …", its title holding the link.
        let linked = rest
            .strip_prefix(' ')
            .and_then(|r| r.split(' ').next())
            .is_some_and(|w| {
                let w = fold_str(w);
                self.portfolio_links.contains(&w) || self.list_joiners.contains(&w)
            });
        // A title whose portfolio names a body: the body's templates, and where the portfolio
        // starts (the title may hold its first words: "Menteri Energi" of "Menteri Energi
        // dan …").
        let title = text.get(title_start..from).unwrap_or("");
        let mut base = None;
        for (i, _) in title
            .match_indices(' ')
            .chain(std::iter::once((title.len(), "")))
        {
            let head = fold_str(title.get(..i).unwrap_or(""));
            if let Some(t) = self.portfolio_bodies.get(&head) {
                base = Some((title_start + i + 1, t));
            }
        }
        // "Kepala Dinas Kesehatan Kota Bogor, Sri …": a portfolio that opens with an office
        // word (or a title that ends in one, "Kepala Dinas") reads to a comma as a linked
        // one does.
        let office_led = rest
            .strip_prefix(' ')
            .and_then(|r| r.split(' ').next())
            .into_iter()
            .chain(
                text.get(title_start..from)
                    .and_then(|t| t.split(' ').next_back()),
            )
            .any(|w| self.office_words.contains(&fold_str(w)));
        let linked = linked || office_led;
        // Neither: nothing to read (this runs at every title).
        if base.is_none() && !linked {
            return None;
        }
        let mut words: Vec<(usize, usize, bool)> = Vec::new();
        let mut at = 0;
        while words.len() < 12 {
            let Some(r) = rest.get(at..).and_then(|r| r.strip_prefix(' ')) else {
                break;
            };
            // The office's short form in brackets ("Badan … Daerah (BPBD) HSU").
            let short = r
                .strip_prefix('(')
                .and_then(|b| b.split_once(')'))
                .map(|(inner, _)| inner)
                .filter(|inner| {
                    (2..=10).contains(&inner.len())
                        && inner
                            .chars()
                            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                });
            if let Some(inner) = short.filter(|_| office_led) {
                let len = inner.len() + 2;
                at += 1 + len;
                // A name right after the short form: the brackets end the office there
                // ("Kepala Badan Pusat Statistik (BPS) Margo Yuwono"), read by the caller.
                let next = rest
                    .get(at..)
                    .and_then(|r| r.strip_prefix(' '))
                    .unwrap_or("");
                if self.name_shaped(next.split([' ', ',']).next().unwrap_or("")) {
                    return None;
                }
                words.push((from + at - len, from + at, true));
                if !rest.get(at..).is_some_and(|r| r.starts_with(' ')) {
                    break;
                }
                continue;
            }
            let len = r
                .find(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '\'' | '’' | '&')))
                .unwrap_or(r.len());
            let w = r.get(..len).unwrap_or("");
            if w.is_empty() {
                break;
            }
            let capital = w.chars().next().is_some_and(char::is_uppercase);
            let f = fold_str(w);
            let joiner = self.list_joiners.contains(&f)
                || self.portfolio_links.contains(&f)
                || self.determiners.contains(&f);
            if !capital && !joiner {
                break;
            }
            words.push((from + at + 1, from + at + 1 + len, capital));
            at += 1 + len;
            if !rest.get(at..).is_some_and(|r| r.starts_with(' ')) {
                break;
            }
        }
        let word = |i: usize| {
            words
                .get(i)
                .and_then(|&(a, z, _)| text.get(a..z))
                .unwrap_or("")
        };
        let name_after = |end: usize| {
            let r = text.get(end..).unwrap_or("");
            let r = r
                .strip_prefix(", ")
                .or_else(|| r.strip_prefix(' '))
                .unwrap_or("");
            r.chars().next().is_some_and(char::is_uppercase)
        };
        // A known body: the longest portfolio, leaving a name of one to four words.
        if let Some((first, templates)) = base {
            let first = first.min(words.first()?.0);
            for k in (1..words.len().min(9)).rev() {
                let (Some(&(_, end, true)), true) = (words.get(k - 1), words.len() - k <= 4) else {
                    continue;
                };
                let phrase = text.get(first..end).unwrap_or("");
                let known = templates.iter().any(|t| {
                    gaz.lookup(&t.replace("{}", phrase))
                        .is_some_and(|e| e.kind == Kind::Entity(EntityKind::Organization))
                });
                if known && name_after(end) {
                    return Some(end);
                }
            }
        }
        if !linked {
            return None;
        }
        // The capitalised run after the link, up to a comma.
        let last = words.iter().rposition(|w| w.2)?;
        let end = words.get(last)?.1;
        if text.get(end..).is_some_and(|r| r.starts_with(", ")) && name_after(end) {
            return Some(end);
        }
        // No comma: the name is what follows the last portfolio word.
        let p = (0..=last).rev().find(|&i| self.portfolio_word(word(i)))?;
        let name_words = last - p;
        let shaped = (p + 1..=last).all(|i| self.name_shaped(word(i)));
        (shaped && (2..=4).contains(&name_words))
            .then(|| words.get(p).map(|w| w.1))
            .flatten()
    }

    /// Where the places after a scoped title end: the title's own places or short forms
    /// ("RI", "LBBP Malaysia"), a scope word, then the known places or bodies the post is
    /// for, in a list ("untuk Ethiopia, Djibouti dan Uni Afrika", "to the United Nations").
    /// None unless a scope word and a known place or body after it are there.
    fn scope_end(&self, text: &str, from: usize, hits: &[Hit], gaz: &Gazetteer) -> Option<usize> {
        let known_at = |at: usize, places_only: bool| {
            hits.iter()
                .find(|h| h.start == at)
                .filter(|h| {
                    gaz.entries.get(h.entry).is_some_and(|e| match e.kind {
                        Kind::Entity(EntityKind::Place) => true,
                        Kind::Entity(EntityKind::Organization) => !places_only,
                        _ => false,
                    })
                })
                .map(|h| h.end)
        };
        let word_at = |at: usize| {
            let rest = text.get(at..).unwrap_or("");
            let len = rest
                .find(|c: char| !c.is_alphabetic())
                .unwrap_or(rest.len());
            rest.get(..len).unwrap_or("")
        };
        let mut at = from;
        loop {
            text.get(at..).filter(|r| r.starts_with(' '))?;
            let next = at + 1;
            if let Some(end) = known_at(next, true) {
                at = end;
                continue;
            }
            let w = word_at(next);
            if (2..=6).contains(&w.len()) && w.chars().all(|c| c.is_ascii_uppercase()) {
                at = next + w.len();
                continue;
            }
            if self.scope_words.contains(&fold_str(w)) {
                at = next + w.len();
                break;
            }
            return None;
        }
        // The post: one known place or body, or a list of them.
        let mut item = |at: usize| {
            let next = at + 1;
            text.get(at..next).filter(|g| *g == " ")?;
            known_at(next, false).or_else(|| {
                let d = word_at(next);
                if !self.determiners.contains(&fold_str(d)) {
                    return None;
                }
                let after = next + d.len();
                text.get(after..after + 1).filter(|g| *g == " ")?;
                known_at(after + 1, false)
            })
        };
        let mut end = item(at)?;
        loop {
            let rest = text.get(end..).unwrap_or("");
            let joined = if rest.starts_with(", ") {
                Some(end + 1)
            } else {
                let w = word_at(end + 1);
                (rest.starts_with(' ') && self.list_joiners.contains(&fold_str(w)))
                    .then(|| end + 1 + w.len())
            };
            match joined.and_then(&mut item) {
                Some(e) => end = e,
                None => return Some(end),
            }
        }
    }

    /// A title starts at `at`, or after a possessive and one more word ("India's Ambassador
    /// to Sudan", "the airline's chairman", "Gantz's Moroccan counterpart").
    fn office_at(&self, text: &str, at: usize) -> bool {
        let title_at = |at: usize| {
            let input = aho_corasick::Input::new(text)
                .span(at..text.len())
                .anchored(aho_corasick::Anchored::Yes);
            self.titles.find(input).is_some_and(|m| {
                text.get(m.end()..)
                    .and_then(|p| p.chars().next())
                    .is_none_or(|c| !c.is_alphabetic())
            })
        };
        if title_at(at) {
            return true;
        }
        let rest = text.get(at..).unwrap_or("");
        let mut words = rest.splitn(3, ' ');
        let Some(owner) = words.next() else {
            return false;
        };
        let possessive = owner.ends_with("'s") || owner.ends_with("’s");
        if !possessive || owner.chars().count() < 4 {
            return false;
        }
        let next = at + owner.len() + 1;
        title_at(next)
            || words
                .next()
                .is_some_and(|w| w.chars().all(char::is_alphabetic) && title_at(next + w.len() + 1))
    }

    /// "…, who heads the agency": a relative pronoun only people take, then a verb in the
    /// singular or the past ("heads", "was", "led"). "…, who are" is a team's or a firm's.
    fn relative_at(&self, text: &str, at: usize) -> bool {
        let rest = text.get(at..).unwrap_or("");
        let Some((pronoun, rest)) = rest.split_once(' ') else {
            return false;
        };
        if !self.person_relatives.contains(&fold_str(pronoun)) {
            return false;
        }
        let verb = rest
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        let n = verb.chars().count();
        verb.chars().all(|c| c.is_lowercase())
            && n >= 2
            && (self.singular_verbs.contains(verb)
                || (n >= 4 && verb.ends_with('s') && !verb.ends_with("ss"))
                || (n >= 4 && verb.ends_with("ed")))
    }

    /// "Direktur Utama PDAM Tirta Dharma, Sobirin Hasan, mengakui …", "the head of the
    /// military administration, Tymur Tkachenko, said": an office, then a name set off by
    /// two commas. The office opens its clause (after a sentence, a comma or a bracket) and
    /// is at most eight words; the name is two to four capitalised words, none of them a
    /// common, title, office, place or portfolio word.
    fn names_after_office(&self, text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for comma in comma_spaces(text) {
            let at = comma + 2;
            let rest = text.get(at..).unwrap_or("");
            // Most commas open lower-case text: no name, and nothing more to read.
            if !rest.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            let Some(close) = rest.find([',', '\n', '.']) else {
                continue;
            };
            if !rest.get(close..).is_some_and(|r| r.starts_with(", ")) {
                continue;
            }
            let words: Vec<&str> = rest.get(..close).unwrap_or("").split(' ').collect();
            if !(2..=4).contains(&words.len())
                || !words.iter().all(|w| name_like(w))
                || words
                    .iter()
                    .any(|w| self.common_word(w) || self.portfolio_word(w))
            {
                continue;
            }
            let before = text.get(..comma).unwrap_or("");
            let clause_at = before
                .char_indices()
                .rev()
                .find(|&(_, c)| matches!(c, ',' | '.' | '\n' | ';' | '(' | '"' | '“' | ':'))
                .map_or(0, |(i, c)| i + c.len_utf8());
            let clause = before.get(clause_at..).unwrap_or("");
            let lead = clause.len() - clause.trim_start().len();
            let office_start = clause_at + lead;
            if clause.split_whitespace().count() <= 8 && self.office_at(text, office_start) {
                out.push((at, at + close));
            }
        }
        out
    }

    fn appositive_names(&self, text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let commas = comma_spaces(text).map(|i| (i, i + 2, true));
        // "Abdul Kadir Jailani selaku Direktur Jenderal": a link word instead of the comma.
        let links = self.appositive_links.find_iter(text).filter_map(|m| {
            let before = text.get(..m.start())?;
            let end = before.trim_end_matches([' ', ',']).len();
            let whole = text.get(m.end()..)?.starts_with(' ') && end < m.start();
            whole.then_some((end, m.end() + 1, false))
        });
        for (comma, mut at, by_comma) in commas.chain(links) {
            let rest = text.get(at..).unwrap_or("");
            let len = rest
                .find(|c: char| !c.is_alphabetic())
                .unwrap_or(rest.len());
            if rest.get(len..).is_some_and(|r| r.starts_with(' '))
                && self
                    .appositive_openers
                    .contains(&fold_str(rest.get(..len).unwrap_or("")))
            {
                at += len + 1;
            }
            if !(self.office_at(text, at) || (by_comma && self.relative_at(text, comma + 2))) {
                continue;
            }
            // The capitalised run before the comma, word by word from its end.
            let before = text.get(..comma).unwrap_or("");
            let (words, opener) = name_run_before(before);
            let mid_sentence = opener.chars().next().is_some_and(char::is_lowercase)
                && opener.chars().all(char::is_alphabetic);
            // "…\n\nWidodo Cahyono Putro, pelatih Arema FC, …": a line or sentence may open
            // with the name, as long as none of the run's words is the pack's own.
            let opens = opener.is_empty() || opener.ends_with(['.', '!', '?', '"', '”']);
            if !(mid_sentence || opens) || !(2..=4).contains(&words.len()) {
                continue;
            }
            if words.iter().any(|(_, w)| self.common_word(w)) {
                continue;
            }
            let Some(&(start, _)) = words.last() else {
                continue;
            };
            // "a Plot Dragon, who …": a determiner makes the run a thing; "the … Center for
            // International Scholars, who …": a link word after a capitalised word makes it
            // the end of a longer name.
            let o = fold_str(opener);
            let longer_name = self.portfolio_links.contains(&o)
                && text
                    .get(..start.saturating_sub(opener.len() + 1))
                    .and_then(|b| b.split_whitespace().next_back())
                    .and_then(|w| w.chars().next())
                    .is_some_and(char::is_uppercase);
            if self.determiners.contains(&o) || longer_name {
                continue;
            }
            out.push((start, comma));
        }
        out
    }

    /// "Polres Kaur", "Kepolisian Resor (Polres) Prabumulih", "Pengadilan Negeri Jakarta
    /// Selatan": a pack's institution prefix, capitalised, then a place of one or two
    /// capitalised words (and its compass qualifiers). A gazetteer name that holds the
    /// prefix ("Kota Kinabalu", "Polda Metro Jaya") is that name instead; a person or
    /// organisation after the prefix is not a place.
    fn institutions(&self, text: &str, hits: &[Hit], gaz: &Gazetteer) -> Vec<InstHit> {
        let mut out = Vec::new();
        for m in self.inst_prefixes.find_iter(text) {
            let (s, e) = (m.start(), m.end());
            let capital = text
                .get(s..)
                .and_then(|r| r.chars().next())
                .is_some_and(char::is_uppercase);
            let bounded = text
                .get(..s)
                .and_then(|b| b.chars().next_back())
                .is_none_or(|c| !c.is_alphanumeric());
            // "Wali Kota Singkawang": the prefix ends a title.
            let prev = prev_word(text, s);
            let prefix = text.get(s..e).unwrap_or("");
            if !capital
                || !bounded
                || hits.iter().any(|h| h.start <= s && s < h.end)
                || self
                    .title_phrases
                    .contains(&fold_str(&format!("{prev} {prefix}")))
            {
                continue;
            }
            let Some(mut rest) = text.get(e..).and_then(|r| r.strip_prefix(' ')) else {
                continue;
            };
            // "Kepolisian Resor (Polres) Prabumulih": the acronym in brackets.
            if let Some(r) = rest.strip_prefix('(') {
                match r.find(')') {
                    Some(close) if close <= 16 => {
                        let Some(after) = r.get(close + 1..).and_then(|a| a.strip_prefix(' '))
                        else {
                            continue;
                        };
                        rest = after;
                    }
                    _ => continue,
                }
            }
            let run_start = text.len() - rest.len();
            let mut words = 0;
            let mut run_end = run_start;
            let mut at = rest;
            // A place the gazetteer knows ends the run but for its qualifiers ("Bengkulu
            // Utara"); an unknown one is at most three words, and a longer capitalised run
            // (a place and a person's name) is not read.
            let known_end = hits
                .iter()
                .find(|h| {
                    h.start == run_start
                        && gaz
                            .entries
                            .get(h.entry)
                            .is_some_and(|e| e.kind == Kind::Entity(EntityKind::Place))
                })
                .map(|h| h.end);
            if let Some(end) = known_end {
                words = 1;
                run_end = end;
                at = text
                    .get(end..)
                    .and_then(|a| a.strip_prefix(' '))
                    .unwrap_or("");
            }
            let mut too_long = false;
            loop {
                let len = at
                    .find(|c: char| !(c.is_alphabetic() || c == '-' || c == '\'' || c == '’'))
                    .unwrap_or(at.len());
                let w = at.get(..len).unwrap_or("");
                if !w.chars().next().is_some_and(char::is_uppercase) {
                    break;
                }
                let qualifier = words > 0 && self.place_qualifiers.contains(&fold_str(w));
                if !qualifier && (known_end.is_some() || self.common_word(w)) {
                    break;
                }
                if !qualifier && words == 3 {
                    too_long = true;
                    break;
                }
                words += 1;
                run_end = text.len() - at.len() + len;
                match at.get(len..).and_then(|a| a.strip_prefix(' ')) {
                    Some(next) => at = next,
                    None => break,
                }
            }
            if words == 0 || too_long {
                continue;
            }
            let Some(place) = text.get(run_start..run_end) else {
                continue;
            };
            if non_place_within(hits, gaz, run_start, run_end) {
                continue;
            }
            let (place, code, known) = match gaz.lookup(place) {
                // A regency's own word is the template's: "Polres Aceh Timur" is the "East
                // Aceh Police", "Pemkab Boyolali" the "Boyolali Regency Government".
                Some(e) if e.kind == Kind::Entity(EntityKind::Place) => (
                    e.name
                        .strip_suffix(" Regency")
                        .unwrap_or(&e.name)
                        .to_string(),
                    e.code.clone(),
                    true,
                ),
                Some(_) => continue,
                None => (self.qualified_place(place, gaz), None, false),
            };
            out.push(InstHit {
                start: s,
                end: run_end,
                rule: self
                    .inst_of
                    .get(m.pattern().as_usize())
                    .copied()
                    .unwrap_or(0),
                place,
                code,
                known,
            });
        }
        out.extend(self.suffixed_orgs(text, hits, gaz));
        out
    }

    /// "Dalian Shipbuilding Industry Company", "Indigo Partners", "West Mercia Police": one
    /// to four capitalised words before a pack's organisation suffix name an organisation
    /// the gazetteer lacks. Not when a gazetteer name or a person stands in the run, nor
    /// when the run opens a sentence with a common word ("The Group").
    fn suffixed_orgs(&self, text: &str, hits: &[Hit], gaz: &Gazetteer) -> Vec<InstHit> {
        let mut out = Vec::new();
        for m in self.org_suffixes.find_iter(text) {
            let (s, e) = (m.start(), m.end());
            let bounded = text
                .get(e..)
                .and_then(|a| a.chars().next())
                .is_none_or(|c| !c.is_alphanumeric());
            if !bounded {
                continue;
            }
            let mut start = s;
            let mut words = 0;
            while words < 4 {
                let Some(head) = text.get(..start).and_then(|h| h.strip_suffix(' ')) else {
                    break;
                };
                let at = head
                    .rfind(|c: char| !(c.is_alphanumeric() || c == '-' || c == '&'))
                    .map_or(0, |i| {
                        i + head
                            .get(i..)
                            .and_then(|r| r.chars().next())
                            .map_or(1, char::len_utf8)
                    });
                let w = head.get(at..).unwrap_or("");
                let compass = self.place_qualifiers.contains(&fold_str(w));
                if !w.chars().next().is_some_and(char::is_uppercase)
                    || (self.common_word(w) && !compass)
                {
                    break;
                }
                start = at;
                words += 1;
            }
            // "Central Bank of Uzbekistan", "Moscow State Institute of International
            // Relations": a link word and a capitalised run carry the name on.
            let e = self.linked_complement(text, e);
            let gazetteered = non_place_within(hits, gaz, start, e);
            // The name goes on past the suffix ("Daewoo Shipbuilding & Marine Engineering")
            // or before the run ("Criminal Investigation and Detection Group"): its bounds
            // are unsure, and it is left out.
            let after = text.get(e..).unwrap_or("");
            let goes_on = after
                .strip_prefix(' ')
                .is_some_and(|a| a.starts_with(|c: char| c.is_uppercase() || c == '&'));
            let before = text.get(..start).unwrap_or("").trim_end();
            let joined = before.ends_with([',', '&'])
                || before
                    .rsplit(' ')
                    .next()
                    .is_some_and(|w| matches!(w, "of" | "and" | "for" | "de" | "du" | "des"));
            if words == 0
                || goes_on
                || joined
                || gazetteered
                || hits.iter().any(|h| h.start < start && start < h.end)
            {
                continue;
            }
            let Some(name) = text.get(start..e) else {
                continue;
            };
            // "Royal Army of Oman" is Oman's, as an organisation's name holding one country is.
            let mut countries = hits
                .iter()
                .filter(|h| start <= h.start && h.end <= e)
                .filter_map(|h| gaz.entries.get(h.entry).filter(|x| x.is_country()))
                .filter_map(|x| x.code.clone());
            let code = countries.next().filter(|c| countries.all(|o| &o == c));
            out.push(InstHit {
                start,
                end: e,
                rule: usize::MAX,
                place: name.to_string(),
                code,
                known: false,
            });
        }
        out
    }

    /// Where a found name `[start, end)` starts once its leading honorifics and degrees go
    /// ("Dr. Dadang Hartanto", "Mgr. Silvester San", "H RM Djoko Senoputro", "Sri Dr. Alex
    /// Ong"): an honorific written with its stop or as a short capital abbreviation, or one
    /// right before such a word. A bare honorific that is also a given name ("Sri Wahyuni")
    /// stays, and two words of the name always remain.
    fn after_honorifics(&self, text: &str, start: usize, end: usize) -> usize {
        let name = text.get(start..end).unwrap_or("");
        let words: Vec<(usize, &str)> = word_spans(name).collect();
        // The word with the stop right after it ("Dr.").
        let raw = |i: usize| {
            words.get(i).map_or("", |&(at, w)| {
                let z = at + w.len();
                match name.get(z..z + 1) {
                    Some(".") => name.get(at..z + 1).unwrap_or(w),
                    _ => w,
                }
            })
        };
        let honorific = |w: &str| {
            let f = fold_str(w);
            self.honorifics.contains(&f) || self.honorifics.contains(&format!("{f}."))
        };
        let marked = |w: &str| {
            honorific(w)
                && (w.ends_with('.') || (w.len() <= 3 && w.chars().all(|c| c.is_ascii_uppercase())))
        };
        let mut k = 0;
        while k + 2 < words.len() {
            let w = raw(k);
            if marked(w) || (honorific(w) && marked(raw(k + 1))) {
                k += 1;
            } else {
                break;
            }
        }
        words.get(k).map_or(start, |&(at, _)| start + at)
    }

    /// Where a body's name that ends at `end` ends once a link word and the capitalised run
    /// after it are taken in ("… Bank" + " of Uzbekistan", "… University" + " of Agriculture
    /// and Technology"); `end` when no such complement follows. A joiner inside the run
    /// ("and") needs a capitalised word after it.
    fn linked_complement(&self, text: &str, end: usize) -> usize {
        // The word after one space at `p`, and where it ends.
        let next_word = |p: usize| {
            let r = text.get(p..)?.strip_prefix(' ')?;
            let len = r
                .find(|c: char| !(c.is_alphanumeric() || c == '-'))
                .unwrap_or(r.len());
            (len > 0).then(|| (r.get(..len).unwrap_or(""), p + 1 + len))
        };
        let Some((link, mut at)) = next_word(end) else {
            return end;
        };
        if !self.portfolio_links.contains(link) {
            return end;
        }
        let mut out = end;
        let mut joined = false;
        for _ in 0..6 {
            let Some((w, z)) = next_word(at) else {
                break;
            };
            if w.chars().next().is_some_and(char::is_uppercase) && !self.common_word(w) {
                out = z;
                joined = false;
            } else if !joined && out > end && self.list_joiners.contains(&w.to_lowercase()) {
                joined = true;
            } else {
                break;
            }
            at = z;
        }
        out
    }

    /// An unknown place's name in English: "Bangka Selatan" → "South Bangka" (a known
    /// place and a compass qualifier the pack translates), "PRABUMULIH" → "Prabumulih".
    fn qualified_place(&self, place: &str, gaz: &Gazetteer) -> String {
        let place = if place.chars().any(char::is_lowercase) {
            place.to_string()
        } else {
            title_case(place)
        };
        let Some((base, last)) = place.rsplit_once(' ') else {
            return place;
        };
        let Some(english) = self.qualifier_names.get(&fold_str(last)) else {
            return place;
        };
        let base = match gaz.lookup(base) {
            Some(e) if e.kind == Kind::Entity(EntityKind::Place) => e.name.as_str(),
            _ => base,
        };
        format!("{english} {base}")
    }

    /// Whether the text writes `w`, elsewhere than at `at`, right after a jurisdiction
    /// marker ("di Singkawang", "Kabupaten Pamekasan").
    fn written_as_place(&self, text: &str, w: &str, at: usize) -> bool {
        text.match_indices(w).any(|(p, _)| {
            p != at
                && whole_word_at(text, p, p + w.len())
                && self
                    .jurisdiction_markers
                    .contains(&fold_str(prev_word(text, p)))
        })
    }

    /// "Presidents Paul Kagame of Rwanda, Bassirou Diomaye Faye of Senegal and …": a run of
    /// two to four capitalised words right before "of" and a country, opened by a title, a
    /// comma or "and", is that country's leader. Nothing in the run may be a word of the
    /// pack's vocabulary ("Prime Minister of India", "Bank of Korea").
    fn leaders_of_states(&self, text: &str, hits: &[Hit], gaz: &Gazetteer) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for h in hits {
            let country = gaz.entries.get(h.entry).is_some_and(|e| e.is_country());
            if !country {
                continue;
            }
            let Some(before) = text.get(..h.start).and_then(|b| b.strip_suffix(" of ")) else {
                continue;
            };
            let (words, opener) = name_run_before(before);
            let opened = opener.ends_with(',')
                || opener == "and"
                || self.title_words.contains(&fold_str(opener))
                || self
                    .title_words
                    .contains(&fold_str(opener.trim_end_matches('s')));
            let (Some(&(start, _)), Some(&(last, w))) = (words.last(), words.first()) else {
                continue;
            };
            if !opened
                || !(2..=4).contains(&words.len())
                || words.iter().any(|(_, w)| self.common_word(w))
                || hits
                    .iter()
                    .any(|g| g.start < last + w.len() && start < g.end)
            {
                continue;
            }
            out.push((start, last + w.len()));
        }
        out
    }

    /// A word of the language pack's vocabulary (stopword, title, office, place qualifier,
    /// rank, word of an organisation's name, facility, calendar): never a person's own name.
    /// A portfolio's word: listed ("Pertahanan", "Defence"), or of a language's shape for
    /// them (Indonesian ke-…-an and pe-…-an nouns: "Pemberdayaan", "Kebudayaan"), which no
    /// personal name has.
    fn portfolio_word(&self, w: &str) -> bool {
        let f = fold_str(w);
        self.portfolio_words.contains(&f)
            || self.portfolio_confixes.iter().any(|(pre, suf)| {
                f.len() >= pre.len() + suf.len() + 4 && f.starts_with(pre) && f.ends_with(suf)
            })
    }

    fn common_word(&self, w: &str) -> bool {
        let f = fold_str(w);
        self.stop.contains(&f)
            || self.title_words.contains(&f)
            || self.office_words.contains(&f)
            || self.place_qualifiers.contains(&f)
            || self.rank_words.contains(&f)
            || self.name_words.contains(&f)
            || self.not_person_before.contains(&f)
            || self.honorifics.contains(&f)
            || self.calendar.contains(&f)
    }

    /// "Mr Poulsen said …" confirms the bare "Troels Lund Poulsen" written elsewhere ("Luis
    /// Petri put his name to the contract"): a surname an honorific takes, found after one or
    /// two capitalised given names, is a person's full name. The honorific alone names no
    /// one: without the full name nothing is added.
    fn named_by_honorific(
        &self,
        text: &str,
        spans: &[(usize, &str)],
        hits: &[Hit],
        gaz: &Gazetteer,
        covered: &mut Vec<(usize, usize)>,
        b: &mut Builder,
    ) {
        let inside = |taken: &[(usize, usize)], a: usize, z: usize| {
            taken.iter().any(|&(x, y)| x < z && a < y)
        };
        let in_hit = |a: usize, z: usize| hits.iter().any(|h| h.start < z && a < h.end);
        let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
        let mut surnames: Vec<&str> = Vec::new();
        for pair in spans.windows(2) {
            let [(hs, h), (ws, w)] = pair else {
                continue;
            };
            // The cheap tests first: most words are followed by a lower-case word.
            if !capital(w) || !capital(h) || h.len() > 12 || w.chars().count() < 3 {
                continue;
            }
            let gap = text.get(hs + h.len()..*ws).unwrap_or("");
            if !matches!(gap, " " | ". ")
                || !self.honorifics.contains(&fold_str(h))
                || self.common_word(w)
                || in_hit(*ws, ws + w.len())
                || inside(covered, *ws, ws + w.len())
                || surnames.contains(w)
            {
                continue;
            }
            surnames.push(w);
        }
        for sur in surnames {
            for (k, &(s, w)) in spans.iter().enumerate() {
                if w != sur {
                    continue;
                }
                let mut start = s;
                let mut given = 0;
                while given < 2 {
                    let Some(&(ps, pw)) = k.checked_sub(given + 1).and_then(|j| spans.get(j))
                    else {
                        break;
                    };
                    if text.get(ps + pw.len()..start) != Some(" ")
                        || !capital(pw)
                        || self.common_word(pw)
                        || in_hit(ps, start)
                    {
                        break;
                    }
                    start = ps;
                    given += 1;
                }
                let end = s + w.len();
                // The run is the whole name: no honorific or title word before it ("Ibu
                // Negara Iriana", "Datuk Seri Anwar"), no capitalised word after it.
                let before = fold_str(prev_word(text, start));
                // "Ms. Stephanie Bowers": an abbreviated honorific stands before a whole
                // name; only a spelled-out one leads a longer form ("Datuk Seri Anwar").
                let abbreviated =
                    before.len() <= 3 && text.get(..start).is_some_and(|b| b.ends_with(". "));
                let after = spans
                    .get(k + 1)
                    .filter(|&&(ns, _)| text.get(end..ns) == Some(" "));
                if given == 0
                    || (self.honorifics.contains(&before) && !abbreviated)
                    || self.title_words.contains(&before)
                    || after.is_some_and(|&(_, nw)| capital(nw))
                    || inside(covered, start, end)
                {
                    continue;
                }
                let name = text.get(start..end).unwrap_or("");
                add_found_person(
                    b,
                    covered,
                    gaz,
                    text,
                    name,
                    (start, end),
                    FoundBy::Honorific,
                );
                break;
            }
        }
    }

    /// "first lady Melania Trump", "istrinya, Emine Erdogan", "former minister Edhy
    /// Prabowo": a given name the known person does not bear, right before the surname the
    /// gazetteer matched alone, names another person (a spouse, a namesake). Returns where
    /// that person's name starts. Only mid-sentence (a sentence's first word may be any
    /// capitalised word), only name-like words outside the pack's vocabulary and never a
    /// word the text also writes in lower case; a word of the known name
    /// ("Recep Tayyep Erdogan") keeps it the known person.
    fn other_bearer(&self, text: &str, h: &Hit, known: &str, hits: &[Hit]) -> Option<usize> {
        let surface = text.get(h.start..h.end)?;
        if surface.contains(' ') || fold_str(surface) == fold_str(known) {
            return None;
        }
        let own: Vec<String> = known.split_whitespace().map(fold_str).collect();
        let mut start = None;
        let mut cut = h.start;
        for _ in 0..2 {
            let head = text.get(..cut)?.strip_suffix(' ')?;
            let at = head.rfind(|c: char| c.is_whitespace()).map_or(0, |i| i + 1);
            let w = head.get(at..)?;
            let name_like = w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || c == '-')
                && w.chars().skip(1).any(char::is_lowercase);
            let lower = w.to_lowercase();
            if !name_like
                || self.common_word(w)
                || lower
                    .strip_suffix('s')
                    .is_some_and(|singular| self.title_words.contains(&fold_str(singular)))
                || has_word(text, &lower)
                || hits.iter().any(|o| o.start < cut && at < o.end)
            {
                break;
            }
            if own.contains(&fold_str(w)) {
                return None;
            }
            // The last word of a title ("Ibu Negara", "Secretary of State") is not a name.
            let p1 = prev_word(text, at);
            let p2 = text
                .get(..at)
                .and_then(|b| b.rfind(p1))
                .map_or("", |p| prev_word(text, p));
            if self.title_phrases.contains(&fold_str(&format!("{p1} {w}")))
                || self
                    .title_phrases
                    .contains(&fold_str(&format!("{p2} {p1} {w}")))
            {
                break;
            }
            start = Some(at);
            cut = at;
        }
        let at = start?;
        // Mid-sentence: a lower-case word or a comma before; never a headline-case line.
        let before = text.get(..at)?.trim_end_matches(' ');
        let mid = before
            .chars()
            .next_back()
            .is_some_and(|c| c == ',' || c.is_lowercase());
        let line_start = text.get(..h.start)?.rfind('\n').map_or(0, |i| i + 1);
        let line_end = text
            .get(h.end..)?
            .find('\n')
            .map_or(text.len(), |i| h.end + i);
        let line = text.get(line_start..line_end)?;
        let (caps, all) = word_spans(line).fold((0, 0), |(c, a), (_, w)| {
            (
                c + usize::from(w.chars().next().is_some_and(char::is_uppercase)),
                a + 1,
            )
        });
        let headline = !line.trim_end().ends_with(['.', '"', '”']) && caps * 2 >= all;
        (mid && !headline).then_some(at)
    }

    /// "Direktur Jenderal Asia, Pasifik, dan Afrika": a world region listed after a title is
    /// the office's portfolio, not a place named. Walks back (at most eight words) over
    /// other places, commas, the packs' `list_joiners` and a capitalised word of the title
    /// to a title word; two
    /// other capitalised words in a row are a person's name ("adviser Mike Waltz and Middle
    /// East envoy …") and stop it.
    /// Whether the capital at `hits[i]` is written for its government, not the city: as the
    /// owner of something ("Moscow's war"); never after a venue word ("di", "in", "visit")
    /// nor before a capitalised word (a name it opens, "Beijing Capital Airport"); then
    /// paired with another capital or a country ("Washington dan Beijing", "Moskow-Beijing"),
    /// after a party word ("dengan", "by") or a verb that takes it as object or agent
    /// ("meminta Washington", "thanked Tokyo"), or as a clause's subject with a verb after
    /// it ("… bahwa Ankara menolak …", "Namun, Washington belum …"). A dateline, an address
    /// ("Istana Merdeka, Jakarta") and a time zone stay the city.
    fn stands_for_country(&self, text: &str, hits: &[Hit], i: usize, gaz: &Gazetteer) -> bool {
        let Some(h) = hits.get(i) else {
            return false;
        };
        let after = text.get(h.end..).unwrap_or("");
        // The owner: "Moscow's war", not "Abu Dhabi's Crown Prince".
        if let Some(rest) = after
            .strip_prefix("'s ")
            .or_else(|| after.strip_prefix("’s "))
        {
            return rest.chars().next().is_some_and(char::is_lowercase);
        }
        let venue = |at: usize| self.venue_before.contains(&fold_str(prev_word(text, at)));
        let prev = fold_str(prev_word(text, h.start));
        let next = after
            .strip_prefix(' ')
            .and_then(|r| r.split(|c: char| !c.is_alphabetic()).next())
            .unwrap_or("");
        let next_folded = fold_str(next);
        if self.venue_before.contains(&prev)
            || (next.chars().next().is_some_and(char::is_uppercase)
                && !self.list_joiners.contains(&next_folded))
        {
            return false;
        }
        let state = |j: usize| {
            hits.get(j)
                .and_then(|n| gaz.entries.get(n.entry))
                .is_some_and(|n| n.capital || n.is_country())
        };
        let joined = |gap: &str| {
            matches!(gap, "-" | "–" | "—")
                || gap
                    .strip_prefix(' ')
                    .and_then(|g| g.strip_suffix(' '))
                    .is_some_and(|w| self.list_joiners.contains(&fold_str(w)))
        };
        // A pair of governments.
        if let Some(n) = hits.get(i + 1) {
            if text.get(h.end..n.start).is_some_and(joined) && state(i + 1) {
                return true;
            }
        }
        if let Some(p) = i.checked_sub(1).and_then(|j| hits.get(j)) {
            if text.get(p.end..h.start).is_some_and(joined) && state(i - 1) && !venue(p.start) {
                return true;
            }
        }
        // A party, or a verb's object or agent (the verb right before it).
        let adjacent = text.get(..h.start).is_some_and(|b| {
            b.strip_suffix(' ')
                .and_then(|b| b.chars().next_back())
                .is_some_and(char::is_alphabetic)
        });
        let verb = |w: &str| {
            let letters = w.chars().count();
            self.verb_prefixes
                .iter()
                .any(|p| w.starts_with(p.as_str()) && letters >= p.chars().count() + 4)
                || self
                    .verb_suffixes
                    .iter()
                    .any(|x| w.ends_with(x.as_str()) && letters >= x.chars().count() + 3)
        };
        if self.party_before.contains(&prev) || (adjacent && verb(&prev)) {
            return true;
        }
        // A subject: at a sentence's or a clause's start, a lower-case word after it.
        let before = text
            .get(..h.start)
            .unwrap_or("")
            .trim_end_matches([' ', '\t']);
        let opens = before.is_empty()
            || before.ends_with(['.', '!', '?', ':', ';', '"', '“', '\n'])
            || before.ends_with(" -")
            || before.ends_with(" –")
            || before.ends_with(" —")
            || self.clause_openers.contains(&prev)
            || self.speech_after.contains(&prev)
            || before.strip_suffix(',').is_some_and(|b| {
                // "Namun, Washington …", "… keadilan global, Kuala Lumpur memandang …"; not an
                // address ("State House, Nairobi this morning").
                let w = prev_word(b, b.len());
                w.chars().next().is_some_and(char::is_lowercase)
                    || self.clause_openers.contains(&fold_str(w))
            });
        opens
            && next.chars().next().is_some_and(char::is_lowercase)
            && !self.venue_before.contains(&next_folded)
            && !self.determiners.contains(&next_folded)
    }

    fn in_office_name(&self, text: &str, start: usize, gaz: &Gazetteer) -> bool {
        let before = text.get(..start).unwrap_or("");
        let tokens = before
            .rsplit(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .take(8);
        let mut others = 0;
        for w in tokens {
            let f = fold_str(w);
            if self.title_words.contains(&f) {
                return true;
            }
            if self.list_joiners.contains(&f) {
                others = 0;
                continue;
            }
            if !w.chars().next().is_some_and(char::is_uppercase) {
                return false;
            }
            let place = gaz
                .lookup(w)
                .is_some_and(|e| e.kind == Kind::Entity(EntityKind::Place));
            others = if place { 0 } else { others + 1 };
            if others >= 2 {
                return false;
            }
        }
        false
    }

    /// "US$ 5 juta", "dolar AS", "Singapore dollars": a currency, not the place.
    fn currency(&self, text: &str, h: &Hit) -> bool {
        let after = text.get(h.end..).unwrap_or("");
        after.starts_with('$')
            || self
                .currency_words
                .contains(&fold_str(prev_word(text, h.start)))
            || after.strip_prefix(' ').is_some_and(|r| {
                let next = r.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
                self.currency_words.contains(&fold_str(next))
            })
    }

    /// The capitalised run around the place holds a word of another name: "Timnas
    /// Indonesia", "Pengadilan Negeri Jakarta Selatan", "Chengdu Aircraft Industry Group".
    /// Only words joined by single spaces count, three either side.
    fn inside_other_name(&self, text: &str, start: usize, end: usize) -> bool {
        let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
        let before = text.get(..start).unwrap_or("");
        let mut rest = before;
        for _ in 0..3 {
            let Some(r) = rest.strip_suffix(' ') else {
                break;
            };
            let at = r
                .char_indices()
                .rev()
                .find(|(_, c)| !c.is_alphanumeric())
                .map_or(0, |(i, c)| i + c.len_utf8());
            let w = r.get(at..).unwrap_or("");
            if w.is_empty() || !capital(w) {
                break;
            }
            if self.name_words.contains(&fold_str(w)) {
                return true;
            }
            rest = r.get(..at).unwrap_or("");
        }
        let mut rest = text.get(end..).unwrap_or("");
        for _ in 0..3 {
            let Some(r) = rest.strip_prefix(' ') else {
                break;
            };
            let len = r.find(|c: char| !c.is_alphanumeric()).unwrap_or(r.len());
            let w = r.get(..len).unwrap_or("");
            if w.is_empty() || !capital(w) {
                break;
            }
            if self.name_words.contains(&fold_str(w)) {
                return true;
            }
            rest = r.get(len..).unwrap_or("");
        }
        false
    }

    /// A facility word stands right before the name, perhaps with a qualifier between
    /// ("Bandara Internasional Soekarno-Hatta", "Pangkalan Udara TNI AU Halim …").
    fn after_facility_word(&self, text: &str, start: usize) -> bool {
        let mut at = start;
        let mut words: Vec<String> = Vec::new();
        for _ in 0..3 {
            let w = prev_word(text, at);
            let Some(p) = text.get(..at).and_then(|b| b.rfind(w)) else {
                break;
            };
            if w.is_empty() || text.get(p + w.len()..at).is_none_or(|g| g != " ") {
                break;
            }
            words.insert(0, fold_str(w));
            // The facility word may be two words before its qualifiers ("Bandar Udara
            // Internasional …").
            if (1..=words.len()).any(|k| {
                words
                    .get(..k)
                    .is_some_and(|p| self.not_person_before.contains(&p.join(" ")))
            }) {
                return true;
            }
            if !self
                .facility_qualifiers
                .contains(words.first().map_or("", |f| f.as_str()))
            {
                break;
            }
            at = p;
        }
        false
    }

    fn inside_place_name(&self, text: &str, start: usize, end: usize) -> bool {
        if self.after_facility_word(text, start) {
            return true;
        }
        let prev = prev_word(text, start);
        let after = text.get(end..).unwrap_or("");
        let next = after
            .split(|c: char| !c.is_alphanumeric() && c != '.')
            .find(|w| !w.is_empty())
            .unwrap_or("");
        let adjacent_after = after.starts_with(' ')
            && !after
                .trim_start()
                .starts_with(|c: char| !c.is_alphanumeric());
        self.not_person_before.contains(&fold_str(prev))
            || (adjacent_after
                && next.chars().next().is_some_and(char::is_uppercase)
                && self.not_person_before.contains(&fold_str(next)))
    }

    /// Title words, tried only where a word starts.
    fn title_hits(&self, text: &str) -> Vec<aho_corasick::Match> {
        let mut out = Vec::new();
        let mut next = 0usize;
        let mut prev_alpha = false;
        let b = text.as_bytes();
        for (i, c) in text.char_indices() {
            let start = !prev_alpha && c.is_alphabetic();
            prev_alpha = c.is_alphanumeric();
            if !start || i < next {
                continue;
            }
            let can_start = match (b.get(i), b.get(i + 1)) {
                (Some(&x), Some(&y)) => {
                    let pair = title_pair(x, y);
                    self.title_start
                        .get(pair / 64)
                        .is_some_and(|w| w & (1 << (pair % 64)) != 0)
                }
                // The text's last byte: the automaton decides.
                _ => true,
            };
            if !can_start {
                continue;
            }
            let input = aho_corasick::Input::new(text)
                .span(i..text.len())
                .anchored(aho_corasick::Anchored::Yes);
            if let Some(m) = self.titles.find(input) {
                next = m.end();
                out.push(m);
            }
        }
        out
    }

    /// Is a citation cue right before (within three words) or right after the outlet?
    fn cued(&self, text: &str, h: &Hit) -> bool {
        let from = floor_char(text, h.start.saturating_sub(60));
        let before = text.get(from..h.start).unwrap_or("");
        let before_f = fold_str(before);
        let ok_before = self.cite_before.find_iter(&before_f).any(|m| {
            let gap = before_f.get(m.end()..).unwrap_or("");
            let bounded = before_f
                .get(..m.start())
                .and_then(|p| p.chars().next_back())
                .is_none_or(|c| !c.is_alphanumeric());
            bounded && gap.split_whitespace().count() <= 3 && !gap.contains(['.', ';'])
        });
        if ok_before {
            return true;
        }
        let to = ceil_char(text, (h.end + 40).min(text.len()));
        let after_f = fold_str(text.get(h.end..to).unwrap_or(""));
        self.cite_after.find_iter(&after_f).any(|m| {
            let gap = after_f.get(..m.start()).unwrap_or("");
            gap.split_whitespace().count() <= 1 && !gap.contains(['.', ';'])
        })
    }
}

/// "Kementerian Pertahanan Turki", "Kementerian Kesehatan Gaza": a country's ministry
/// ("Ministry of Defence of Indonesia") right before another country, territory or region
/// is that one's: its name, code and end.
fn foreign_ministry<'g>(
    text: &str,
    gaz: &'g Gazetteer,
    e: &crate::gazetteer::Entry,
    h: &Hit,
    next: Option<&Hit>,
) -> Option<(String, Option<&'g str>, usize)> {
    let governed = |x: &crate::gazetteer::Entry| {
        x.kind == Kind::Entity(EntityKind::Place)
            && matches!(
                x.subtype.as_deref(),
                Some("country" | "territory" | "region")
            )
            && x.code.is_some()
    };
    if e.kind != Kind::Entity(EntityKind::Organization) {
        return None;
    }
    let (office, home) = e.name.rsplit_once(" of ")?;
    let next = next?;
    let other = gaz.entries.get(next.entry)?;
    let adjacent = text.get(h.end..next.start) == Some(" ");
    let home = gaz.lookup(home).filter(|h| h.is_country())?;
    (adjacent && governed(other) && other.name != home.name && other.code != home.code).then(|| {
        // The body under its own name when the gazetteer knows this one by the built name
        // ("Ministry of Defence of Turkey" is the Ministry of National Defence).
        let built = format!("{office} of {}", other.name);
        let name = gaz
            .lookup(&built)
            .filter(|k| k.kind == Kind::Entity(EntityKind::Organization))
            .map_or(built, |k| k.name.clone());
        (name, other.code.as_deref(), next.end)
    })
}

/// The run of up to four capitalised name words that ends `before`, last word first, and
/// the word before the run (empty at the start of the text or of a line).
/// Where ", " stands in `text`. (Searching the comma alone runs on `memchr`; a two-byte
/// needle takes the general substring searcher, several times slower on long texts.)
fn comma_spaces(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.match_indices(',')
        .map(|(i, _)| i)
        .filter(move |&i| text.as_bytes().get(i + 1) == Some(&b' '))
}

/// A word that may be part of a person's name: capitalised, letters, apostrophes, hyphens.
fn name_like(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
        && w.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-'))
}

fn name_run_before(before: &str) -> (Vec<(usize, &str)>, &str) {
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut cut = before.len();
    loop {
        let head = before.get(..cut).unwrap_or("");
        let at = head.rfind([' ', '\n']).map_or(0, |i| i + 1);
        let w = head.get(at..).unwrap_or("");
        if !name_like(w) || words.len() == 4 {
            return (words, w);
        }
        words.push((at, w));
        if at == 0 || head.get(at - 1..at) == Some("\n") {
            return (words, "");
        }
        cut = at - 1;
    }
}

/// A person the gazetteer does not know, named by `text[start..end]`; the span is covered.
/// No gazetteer hit and no entity already found overlaps `[s, e)`.
fn unclaimed(hits: &[Hit], covered: &[(usize, usize)], s: usize, e: usize) -> bool {
    !hits.iter().any(|h| h.start < e && s < h.end) && !covered.iter().any(|&(a, z)| a < e && s < z)
}

/// A person's name the rules found in the text, `name` at `at`: linked to the gazetteer when
/// it is a known person written with middle initials or a comma before the suffix
/// ("Ferdinand R. Marcos, Jr.", "Benigno S. Aquino III", "Lloyd J. Austin III"), which the
/// gazetteer's aliases cannot all spell out; unlinked otherwise.
fn add_found_person(
    b: &mut Builder,
    covered: &mut Vec<(usize, usize)>,
    gaz: &Gazetteer,
    text: &str,
    name: &str,
    at: (usize, usize),
    found_by: FoundBy,
) -> usize {
    if let Some((e, end)) = known_with_initials(gaz, name, text.get(at.1..).unwrap_or("")) {
        let end = at.1 + end;
        covered.push((at.0, end));
        let surface = text.get(at.0..end).unwrap_or(name);
        return b.add(
            &e.name,
            EntityKind::Person,
            None,
            e.code.as_deref(),
            true,
            FoundBy::Gazetteer,
            surface,
            Some((at.0, end)),
        );
    }
    covered.push(at);
    b.add(
        name,
        EntityKind::Person,
        None,
        None,
        false,
        found_by,
        name,
        Some(at),
    )
}

/// The known person `name` stands for once its middle initials ("R.") are dropped, with a
/// generational suffix right after it in `rest` (", Jr.", " III") taken in; and how many bytes
/// of `rest` the name takes. None when `name` has no initial or no known person matches.
fn known_with_initials<'g>(
    gaz: &'g Gazetteer,
    name: &str,
    rest: &str,
) -> Option<(&'g crate::gazetteer::Entry, usize)> {
    let initial = |w: &str| {
        let mut c = w.chars();
        matches!((c.next(), c.next(), c.next()), (Some(a), Some('.'), None) if a.is_uppercase())
    };
    let words: Vec<&str> = name.split_whitespace().collect();
    // A first word may be an initial too ("J. Kristiadi"), but the name must keep two words.
    if words.len() < 3 || !words.iter().skip(1).any(|w| initial(w)) {
        return None;
    }
    let base = words
        .iter()
        .filter(|w| !initial(w))
        .map(|w| w.trim_end_matches(','))
        .collect::<Vec<_>>()
        .join(" ");
    let person = |n: &str| {
        gaz.lookup(n)
            .filter(|e| e.kind == Kind::Entity(EntityKind::Person))
    };
    // ", Jr." / " Jr" / " III" right after the run, ending at a non-letter.
    let after_comma = rest.strip_prefix(',').unwrap_or(rest);
    if let Some(r) = after_comma.strip_prefix(' ') {
        for suffix in ["Jr.", "Jr", "Sr.", "Sr", "III", "II", "IV"] {
            let ends = r
                .strip_prefix(suffix)
                .is_some_and(|t| !t.chars().next().is_some_and(char::is_alphanumeric));
            if ends {
                if let Some(e) = person(&format!("{base} {suffix}")) {
                    let taken = rest.len() - r.len() + suffix.len();
                    return Some((e, taken));
                }
            }
        }
    }
    person(&base).map(|e| (e, 0))
}

/// `short` is written in capitals and its letters are initials of `name`'s words, in order
/// ("AU" of "TNI Angkatan Udara", "OKI" of "Organisasi Kerja Sama Islam").
fn initials_of(short: &str, name: &str) -> bool {
    if short.chars().count() < 2 || !short.chars().all(|c| c.is_uppercase()) {
        return false;
    }
    let mut initials = name
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase);
    short.chars().all(|c| initials.any(|i| i == c))
}

/// A capitalised word follows `end` after one space ("TNI Frega").
fn name_follows(text: &str, end: usize) -> bool {
    text.get(end..)
        .and_then(|r| r.strip_prefix(' '))
        .and_then(|r| r.chars().next())
        .is_some_and(char::is_uppercase)
}

/// The word just before byte `start` (on the same side of any punctuation but dots).
fn prev_word(text: &str, start: usize) -> &str {
    text.get(..start)
        .unwrap_or("")
        .split(|c: char| !c.is_alphanumeric() && c != '.')
        .rfind(|w| !w.is_empty())
        .unwrap_or("")
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Whether `at` falls inside a word (a match that stopped before the word ended).
fn mid_word(text: &str, at: usize) -> bool {
    text.get(at..)
        .and_then(|r| r.chars().next())
        .is_some_and(char::is_alphanumeric)
}

fn ceil_char(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// A byte range in the text.
struct Span {
    start: usize,
    end: usize,
}

/// Whether `rest` stands somewhere in `text` without `first` just before it.
fn stands_without(text: &str, rest: &str, first: &str) -> bool {
    text.match_indices(rest).any(|(p, _)| {
        !text
            .get(..p)
            .map(str::trim_end)
            .is_some_and(|b| b.ends_with(first))
    })
}

/// "BAUBAU" → "Baubau", "HÀ NỘI" → "Hà Nội".
fn title_case(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            let mut c = w.chars();
            c.next().map_or(String::new(), |f| {
                f.to_uppercase()
                    .chain(c.flat_map(char::to_lowercase))
                    .collect()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `text[p..end]` stands as a whole word: no letter or digit touches it on either side.
fn whole_word_at(text: &str, p: usize, end: usize) -> bool {
    !text
        .get(..p)
        .and_then(|b| b.chars().next_back())
        .is_some_and(char::is_alphanumeric)
        && !text
            .get(end..)
            .and_then(|a| a.chars().next())
            .is_some_and(char::is_alphanumeric)
}

/// Does `w` stand in `text` as a whole word?
fn has_word(text: &str, w: &str) -> bool {
    text.match_indices(w)
        .any(|(p, _)| whole_word_at(text, p, p + w.len()))
}

/// Whether `w` stands somewhere in `text` other than at `at` as a word not followed by
/// `next`.
fn used_apart(text: &str, w: &str, next: &str, at: usize) -> bool {
    text.match_indices(w).any(|(p, _)| {
        let end = p + w.len();
        let followed = text
            .get(end..)
            .map(str::trim_start)
            .is_some_and(|a| a.starts_with(next));
        p != at && whole_word_at(text, p, end) && !followed
    })
}

/// Words with their byte offsets.
/// The words of `s` with their byte offsets (apostrophes and inner hyphens stay in a word).
pub(crate) fn word_spans(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        let w = c.is_alphanumeric() || c == '\'' || c == '’' || c == '-';
        match (w, start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                out.push((st, s.get(st..i).unwrap_or("")));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push((st, s.get(st..).unwrap_or("")));
    }
    out.into_iter()
        .map(|(i, w)| (i, w.trim_end_matches(['-', '\''])))
        .filter(|(_, w)| !w.is_empty())
}

/// Index of a byte pair in `Tagger::title_start`: titles match ASCII case-insensitively.
fn title_pair(first: u8, second: u8) -> usize {
    usize::from(first.to_ascii_lowercase()) << 8 | usize::from(second.to_ascii_lowercase())
}

/// Collects entities, merging mentions by (kind, canonical name).
#[derive(Default)]
struct Builder {
    entities: Vec<Entity>,
    /// Kind and folded name (as `Builder::add` writes it in `key`) to the entity's index.
    index: rustc_hash::FxHashMap<String, usize>,
    /// Reused for every lookup: most mentions are of an entity already seen.
    key: String,
}

impl Builder {
    #[allow(clippy::too_many_arguments)]
    fn add(
        &mut self,
        name: &str,
        kind: EntityKind,
        subtype: Option<&str>,
        code: Option<&str>,
        linked: bool,
        found_by: FoundBy,
        surface: &str,
        off: Option<(usize, usize)>,
    ) -> usize {
        // One entity per kind and folded name. The key leads with the kind's name and a tab;
        // kind names hold no tab, so keys of different kinds never meet.
        self.key.clear();
        self.key.push_str(kind_name(kind));
        self.key.push('\t');
        crate::gazetteer::fold_into(name, &mut self.key, None);
        let i = match self.index.get(self.key.as_str()) {
            Some(i) => *i,
            None => {
                self.entities.push(Entity {
                    id: format!("{}:{}", kind_name(kind), slug(name)),
                    name: name.to_string(),
                    kind,
                    subtype: subtype.map(str::to_string),
                    code: code.map(str::to_string),
                    mentions: 0,
                    surface: Vec::new(),
                    offsets: Vec::new(),
                    linked,
                    found_by,
                });
                self.index.insert(self.key.clone(), self.entities.len() - 1);
                self.entities.len() - 1
            }
        };
        if let Some(e) = self.entities.get_mut(i) {
            e.mentions += 1;
            if !surface.is_empty() && !e.surface.iter().any(|s| s == surface) {
                e.surface.push(surface.to_string());
            }
            if let Some((s, t)) = off {
                e.offsets.push([s, t]);
            }
        }
        i
    }

    fn add_mention(&mut self, i: usize, surface: &str, off: (usize, usize)) {
        if let Some(e) = self.entities.get_mut(i) {
            e.mentions += 1;
            if !e.surface.iter().any(|s| s == surface) {
                e.surface.push(surface.to_string());
            }
            e.offsets.push([off.0, off.1]);
        }
    }

    /// Entities ordered by mentions (desc), then name; with the old→new index map.
    fn finish(self) -> (Vec<Entity>, HashMap<usize, usize>) {
        let mut order: Vec<usize> = (0..self.entities.len()).collect();
        order.sort_by(|a, b| {
            let (ea, eb) = (&self.entities[*a], &self.entities[*b]);
            eb.mentions.cmp(&ea.mentions).then(ea.name.cmp(&eb.name))
        });
        let remap: HashMap<usize, usize> = order
            .iter()
            .enumerate()
            .map(|(new, old)| (*old, new))
            .collect();
        let mut ents = self.entities;
        let mut out: Vec<Option<Entity>> = ents.drain(..).map(Some).collect();
        let mut sorted = Vec::with_capacity(out.len());
        for old in order {
            if let Some(mut e) = out.get_mut(old).and_then(Option::take) {
                e.offsets.sort();
                sorted.push(e);
            }
        }
        (sorted, remap)
    }
}

fn kind_name(k: EntityKind) -> &'static str {
    match k {
        EntityKind::Person => "person",
        EntityKind::Place => "place",
        EntityKind::Organization => "organization",
    }
}

/// `Vladimir Putin` → `vladimir-putin` (folded, ASCII alphanumerics and dashes).
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in fold_str(name).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    // At most one '-' can trail, and it is ASCII.
    if out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::article::EntityKind;

    use crate::rules::test_rules as rules;

    fn tag(text: &str) -> super::Tags {
        let r = rules();
        let cx = super::Context {
            language: Some("id"),
            published: chrono::NaiveDate::from_ymd_opt(2024, 3, 27),
            ..Default::default()
        };
        r.tagger.tag(text, &cx, &r.gazetteer, &r.dates)
    }

    fn names(t: &super::Tags, kind: EntityKind) -> Vec<String> {
        let mut v: Vec<String> = t
            .entities
            .iter()
            .filter(|e| e.kind == kind)
            .map(|e| e.name.clone())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn an_envoy_is_named_after_the_places_of_the_post() {
        let people = |text: &str| names(&tag(text), EntityKind::Person);
        for (text, name) in [
            (
                "Duta Besar Ukraina untuk Indonesia Vasyl Hamianin hadir di acara itu.",
                "Vasyl Hamianin",
            ),
            (
                "Hadir Duta Besar RI untuk Ethiopia, Djibouti dan Uni Afrika, Al Busyra Basnur, di sana.",
                "Al Busyra Basnur",
            ),
            (
                "Konsul Jenderal Jepang di Surabaya Takeyama Kenichi tiba pagi itu.",
                "Takeyama Kenichi",
            ),
            (
                "Ukraine's Ambassador to Indonesia Vasyl Hamianin spoke on Monday.",
                "Vasyl Hamianin",
            ),
        ] {
            assert_eq!(people(text), [name], "{text}");
        }
        // No name after the post, or no known place after the scope word: no one.
        assert!(people("Duta Besar Indonesia untuk Rusia mengatakan hal itu.").is_empty());
        assert!(people("Duta Besar untuk Kerja Sama Ekonomi Budi tiba.").is_empty());
    }

    #[test]
    fn an_office_or_a_relative_after_a_name_makes_it_a_person() {
        let people = |text: &str| names(&tag(text), EntityKind::Person);
        // The office behind a possessive, a link word instead of the comma, a line's start;
        // "who" and a verb in the singular or the past.
        for (text, name) in [
            (
                "They met Amrit Lugun, India's Ambassador to Sudan, on Monday.",
                "Amrit Lugun",
            ),
            (
                "The deal was praised by Allen Onyema, the airline's chairman.",
                "Allen Onyema",
            ),
            (
                "Dari pihak kementerian hadir Abdul Kadir Jailani selaku Direktur Jenderal.",
                "Abdul Kadir Jailani",
            ),
            (
                "Laga usai.\n\nWidodo Cahyono Putro, pelatih Arema FC, kecewa.",
                "Widodo Cahyono Putro",
            ),
            (
                "He also met Martin Redrado, who heads the trade office.",
                "Martin Redrado",
            ),
        ] {
            assert_eq!(people(text), [name], "{text}");
        }
        // "who are": a team.
        assert!(people("The visitors beat Real Sociedad, who are now fifth.").is_empty());
        // A thing after a determiner, the end of a longer name: no one.
        assert!(people("It was stopped by a Plot Dragon, who deals no damage.").is_empty());
        assert!(people("He heads the Center for International Scholars, who hosts it.").is_empty());
        // No office after the comma: no one.
        assert!(people("Di Jalan Gatot Subroto, selatan kota, macet.").is_empty());
    }

    #[test]
    fn a_short_form_in_brackets_and_a_foreign_countrys_body_name_no_one_else() {
        let t = tag("TNI Angkatan Udara (AU) menyiapkan dua pesawat, kata Organisasi Kerja Sama Islam (OKI).");
        let orgs = names(&t, EntityKind::Organization);
        assert!(!orgs.contains(&"African Union".to_string()), "{orgs:?}");
        assert!(names(&t, EntityKind::Place).is_empty());
        // Not the initials of the name before it: its own entity.
        let t = tag("Pasukan Bela Diri Maritim Jepang (JMSDF) tiba.");
        assert!(names(&t, EntityKind::Organization)
            .contains(&"Japan Maritime Self-Defense Force".to_string()));
        let t = tag("Jamuan digelar di Istana Kepresidenan India, New Delhi.");
        let orgs = names(&t, EntityKind::Organization);
        assert!(orgs.is_empty(), "{orgs:?}");
        let t = tag("Jamuan digelar di Istana Kepresidenan, Jakarta.");
        assert_eq!(
            names(&t, EntityKind::Organization),
            ["Indonesian Presidential Palace"]
        );
    }

    #[test]
    fn a_portfolio_of_several_words_ends_where_a_known_body_or_a_comma_says() {
        let people = |text: &str| names(&tag(text), EntityKind::Person);
        // The title and its portfolio name a known body ("Kementerian Energi dan Sumber
        // Daya Mineral"): the rest is the name.
        assert_eq!(
            people("Hadir Menteri Energi dan Sumber Daya Mineral Rudi Hartono di sana."),
            ["Rudi Hartono"]
        );
        // A linked portfolio up to a comma, or up to a portfolio word.
        assert_eq!(
            people("It was signed by the Minister of Defense and Military Production, Abdel Meguid Saqr, on Monday."),
            ["Abdel Meguid Saqr"]
        );
        assert_eq!(
            people("The Minister of Trade and Integration Bakhyt Sultanov spoke."),
            ["Bakhyt Sultanov"]
        );
        assert!(people("The Minister of Trade and Integration said so.").is_empty());
        // An office's name after its head's title, up to a comma, its short form and place
        // included; a name right after the short form ends the office there.
        assert_eq!(
            people("Kepala Badan Penanggulangan Bencana Daerah (BPBD) HSU, Sugeng Riyadi, juga ikut bersiaga."),
            ["Sugeng Riyadi"]
        );
        assert_eq!(
            people("Hadir Kepala Dinas Pekerjaan Umum Kota Bogor, Cahyo Fajar, di lokasi."),
            ["Cahyo Fajar"]
        );
        assert_eq!(
            people("Hadir Kepala Badan Pusat Statistik (BPS) Margo Yuwono, Kepala Badan Pangan Nasional Arief Prasetyo Adi, dan lainnya."),
            ["Arief Prasetyo Adi", "Margo Yuwono"]
        );
    }

    #[test]
    fn a_firm_between_its_title_and_the_name_and_a_titles_first_word_are_no_names() {
        let people = |text: &str| names(&tag(text), EntityKind::Person);
        assert_eq!(
            people(
                "Direktur Utama Garuda Emirsyah Satar hadir. Pesawat itu dipesan Garuda pada 2017."
            ),
            ["Emirsyah Satar"]
        );
        // A governor goes by a given name alone as often: the three words stay one name.
        assert_eq!(
            people("Gubernur Khofifah Indar Parawansa hadir. Khofifah lalu pulang."),
            ["Khofifah Indar Parawansa"]
        );
        assert!(
            people("Warga senang, ujar Wali Kota Eri. Acara usai, ujar Wali Kota Eri.")
                .iter()
                .all(|p| p != "Wali")
        );
    }

    /// A ministry the gazetteer knows by the name built for it is named as the gazetteer
    /// names it, the same whichever way the article writes it.
    #[test]
    fn a_built_ministry_name_the_gazetteer_knows_takes_its_name() {
        let t = tag("Delegasi ke Kementerian Pertahanan Turki bertemu Turkish Defence Ministry.");
        assert_eq!(
            names(&t, EntityKind::Organization),
            ["Ministry of National Defence of Turkey"]
        );
    }

    #[test]
    fn a_known_places_short_form_ends_the_office() {
        let t = tag("Menteri Pertahanan Amerika Serikat (AS) Christopher Miller menelepon.");
        assert_eq!(names(&t, EntityKind::Person), ["Christopher Miller"]);
        // A person's own short form, no name after it: the name stands before it.
        let t = tag("Gubernur Abdul Gani Kasuba (AGK) sebagai tersangka.");
        assert_eq!(names(&t, EntityKind::Person), ["Abdul Gani Kasuba"]);
    }

    #[test]
    fn entities_canonical_across_languages_and_traps() {
        use EntityKind::*;
        let cases: &[(&str, EntityKind, &[&str])] = &[
            (
                "Presiden AS Joe Biden bertemu Presiden Tiongkok Xi Jinping.",
                Place,
                &["China", "United States"],
            ),
            (
                "Presiden AS Joe Biden bertemu Presiden Tiongkok Xi Jinping.",
                Person,
                &["Joe Biden", "Xi Jinping"],
            ),
            (
                "Korut dan Korea Selatan, Inggris dan Belanda.",
                Place,
                &[
                    "Netherlands",
                    "North Korea",
                    "South Korea",
                    "United Kingdom",
                ],
            ),
            ("It works as well as the old one, as planned.", Place, &[]),
            (
                "Kantornya di Jalan Jenderal Sudirman, Jakarta.",
                Person,
                &[],
            ),
            ("Putinisme dan putin kecil bukan nama orang.", Person, &[]),
            (
                "Menteri Luar Negeri S Jaishankar dan Shoygu.",
                Person,
                &["Sergey Shoigu", "Subrahmanyam Jaishankar"],
            ),
            (
                "KTT Organisasi Kerja Sama Shanghai (SCO) dan Uni Eropa.",
                Organization,
                &["European Union", "Shanghai Cooperation Organisation"],
            ),
            (
                "Nguyễn Phú Trọng menelepon Vladimir Putin.",
                Person,
                &["Nguyen Phu Trong", "Vladimir Putin"],
            ),
        ];
        for (text, kind, want) in cases {
            assert_eq!(names(&tag(text), *kind), *want, "{text} ({kind:?})");
        }
    }

    #[test]
    fn a_cleaning_only_packs_function_words_do_not_cut_names() {
        // German "das" and "nur" are stopwords of a pack that only cleans: they stay names.
        for (text, name) in [
            (
                "Gubernur bank sentral India Shaktikanta Das mengatakan inflasi mereda.",
                "Shaktikanta Das",
            ),
            (
                "Kepala Dinas Nur Alamsyah mengatakan jalan itu rampung.",
                "Nur Alamsyah",
            ),
        ] {
            let t = tag(text);
            assert!(
                names(&t, EntityKind::Person).iter().any(|n| n == name),
                "{text}: {:?}",
                names(&t, EntityKind::Person)
            );
        }
    }

    #[test]
    fn a_capital_written_for_its_government_is_the_country() {
        let cases: &[(&str, &[&str])] = &[
            // Subjects, owners, pairs, parties and a verb's object: the government.
            (
                "Namun, Washington belum memberi jaminan kepada India.",
                &["India", "United States"],
            ),
            (
                "Ties between Tokyo and Seoul have improved since Moscow's war began.",
                &["Japan", "Russia", "South Korea"],
            ),
            (
                "Ankara ingin bekerja sama dengan Jakarta dalam proyek kapal selam.",
                &["Indonesia", "Turkey"],
            ),
            ("Teodoro thanked Tokyo for its support.", &["Japan"]),
            (
                "Jakarta (ANTARA) - Washington kembali menambah bantuan militer.",
                &["Jakarta", "United States"],
            ),
            // Venues, datelines, addresses and names the capital opens: the city.
            (
                "Prabowo tiba di Moskow, Rusia, pada Rabu.",
                &["Moscow", "Russia"],
            ),
            ("The talks were held in Tokyo on Monday.", &["Tokyo"]),
            (
                "Pertemuan digelar di Istana Merdeka, Jakarta, Jumat.",
                &["Jakarta", "Merdeka Palace"],
            ),
            (
                "Albanese landed at Beijing Capital International Airport.",
                &["Beijing"],
            ),
            ("Abu Dhabi's Crown Prince met Modi.", &["Abu Dhabi"]),
        ];
        for (text, want) in cases {
            let t = tag(text);
            let got: Vec<String> = names(&t, EntityKind::Place)
                .into_iter()
                .chain(names(&t, EntityKind::Organization))
                .filter(|n| !n.contains("Ministry"))
                .collect();
            let mut got = got;
            got.sort();
            assert_eq!(&got, want, "{text}");
        }
    }

    #[test]
    fn places_inside_other_names_or_currencies_are_not_named() {
        use EntityKind::*;
        let cases: &[(&str, EntityKind, &[&str])] = &[
            (
                "Timnas Indonesia mendarat di Manila, Filipina.",
                Place,
                &["Manila", "Philippines"],
            ),
            // A world region an office's title lists is its portfolio; after a person's name
            // it is a place again.
            (
                "Direktur Jenderal Asia, Pasifik, dan Afrika Kemlu hadir di Jakarta.",
                Place,
                &["Jakarta"],
            ),
            (
                "The national security adviser Mike Waltz and Middle East envoy Steve Witkoff flew to Riyadh.",
                Place,
                &["Middle East", "Riyadh"],
            ),
            (
                "Kontrak US$ 4,9 miliar diteken di Paris Air Show, dan 5 miliar dolar AS lagi.",
                Place,
                &[],
            ),
            (
                "The court in Jakarta said Azerbaijan Airlines owes 3 million Singapore dollars.",
                Place,
                &["Jakarta"],
            ),
            (
                "Presiden Rusia Vladimir Putin tiba di Jakarta.",
                Place,
                &["Jakarta", "Russia"],
            ),
            // A company's, an association's or a league's name ending in the country.
            (
                "Kabel milik PT Telkom Indonesia dicuri di Surabaya, kata Himpunan Pengusaha Muda Indonesia.",
                Place,
                &["Surabaya"],
            ),
            // An event's name and a directorate's portfolio hold a region, not name it.
            (
                "Palembang bersiap menjadi tuan rumah Asian Games, kata Direktur Jenderal Asia Pasifik Kementerian Luar Negeri di kawasan Asia Tenggara.",
                Place,
                &["Palembang", "Southeast Asia"],
            ),
            // Another country's ministry takes that country's name.
            (
                "Sjafrie diterima di Kementerian Pertahanan Malaysia, lalu Kementerian Pertahanan.",
                Organization,
                &[
                    "Ministry of Defence of Indonesia",
                    "Ministry of Defence of Malaysia",
                ],
            ),
            (
                "Kementerian Kesehatan Gaza mencatat korban, kata Kementerian Kesehatan Jawa Timur.",
                Organization,
                &["Ministry of Health of Gaza Strip", "Ministry of Health of Indonesia"],
            ),
        ];
        for (text, kind, want) in cases {
            assert_eq!(names(&tag(text), *kind), *want, "{text} ({kind:?})");
        }
    }

    #[test]
    fn offices_and_jurisdictions_are_not_people() {
        let t = tag("Bupati Sumedang Dony Ahmad Munir menyambut rombongan. Gubernur Maluku Utara Abdul Gani Kasuba hadir. Kepala Pusat Penerangan Hukum menjelaskan. Gubernur Khofifah Indar Parawansa ikut.");
        let people = names(&t, EntityKind::Person);
        assert!(
            people.contains(&"Dony Ahmad Munir".to_string()),
            "{people:?}"
        );
        assert!(
            people.contains(&"Abdul Gani Kasuba".to_string()),
            "{people:?}"
        );
        // Three words after a regional title are a name, not a place and a name.
        assert!(
            people.contains(&"Khofifah Indar Parawansa".to_string()),
            "{people:?}"
        );
        assert!(
            people.iter().all(|p| !p.contains("Penerangan")),
            "an office is not a person: {people:?}"
        );
    }

    /// A Balinese name opens with "I" or "Ni", a stopword elsewhere: after a title the name
    /// starts there; an initial "I." opens nothing.
    #[test]
    fn a_balinese_name_after_a_title_starts_at_its_opener() {
        let t = tag("Kepala Dinas Pariwisata I Ketut Argawa hadir. Sekretaris Daerah I. E. Djoko Purwanto ikut.");
        let people = names(&t, EntityKind::Person);
        assert!(people.contains(&"I Ketut Argawa".to_string()), "{people:?}");
        assert!(!people.iter().any(|p| p == "I. E. Djoko"), "{people:?}");
    }

    /// A known organisation whose name holds a lower-case word, between a title and the
    /// person: the person after it is named.
    #[test]
    fn a_person_after_a_title_and_a_known_firm_with_an_and_in_its_name() {
        let t = tag("Kontrak diteken di hadapan CEO Airbus Defence and Space Michael Schoellhorn di Jakarta.");
        let people = names(&t, EntityKind::Person);
        assert!(
            people.contains(&"Michael Schoellhorn".to_string()),
            "{people:?}"
        );
        assert!(names(&t, EntityKind::Organization).contains(&"Airbus".to_string()));
    }

    /// A portfolio after a title ("Direktur Jenderal Potensi Pertahanan") and a run of
    /// words the article also writes in lower case ("Kepala Badan Penanaman Modal", beside
    /// "penanaman modal asing") name offices; the person named beside them stays.
    #[test]
    fn portfolios_and_common_nouns_after_a_title_are_not_people() {
        let t = tag("Hadir Mayor Jenderal Dadang Hendra Yudha yang menjabat Direktur Jenderal Potensi Pertahanan. Kepala Badan Penanaman Modal menyebut penanaman modal asing naik. Hadir pula Menteri Pemberdayaan Perempuan, Menteri Pendidikan Tinggi, Sains, dan Teknologi Brian Yuliarto.");
        let people = names(&t, EntityKind::Person);
        assert!(
            people.contains(&"Dadang Hendra Yudha".to_string()),
            "{people:?}"
        );
        assert!(
            people
                .iter()
                .all(|p| !p.contains("Pertahanan") && !p.contains("Modal") && !p.contains("Pe")),
            "{people:?}"
        );
    }

    /// English: a document's or a staff's name after a title ("a General Cooperation
    /// Agreement", "the Chief of Army Staff, Lt.-Gen. …") is no one; the person after it is.
    #[test]
    fn documents_and_staffs_after_a_title_are_not_people() {
        let t = tag("The talks ended with the signing of a General Cooperation Agreement between the two countries. The Chief of Army Staff, Lt.-Gen. Manoj Pande, attended with several Cabinet Secretaries. Deputy Minister Bobby Nasution spoke.");
        let people = names(&t, EntityKind::Person);
        for bad in ["Agreement", "Staff", "Secretaries"] {
            assert!(people.iter().all(|p| !p.contains(bad)), "{people:?}");
        }
        for good in ["Manoj Pande", "Bobby Nasution"] {
            assert!(people.contains(&good.to_string()), "{people:?}");
        }
    }

    #[test]
    fn a_title_and_a_known_leaders_surname_name_the_leader() {
        let t = tag("President Marcos called Anwar on Friday. Marcos said he looked forward to working with him. The duty-free firm King Power sponsored the dinner, and Syekh Ahmad bin Ali led the prayer.");
        let people = names(&t, EntityKind::Person);
        assert!(
            people.contains(&"Ferdinand Marcos Jr.".to_string()),
            "{people:?}"
        );
        let marcos = t.entities.iter().find(|e| e.name == "Ferdinand Marcos Jr.");
        assert_eq!(marcos.map(|e| e.mentions), Some(2), "{people:?}");
        // A title that is not the person's own names someone else, or nothing.
        assert!(
            !people.contains(&"Samantha Power".to_string()),
            "{people:?}"
        );
        assert!(
            !people.contains(&"Sufmi Dasco Ahmad".to_string()),
            "{people:?}"
        );
    }

    #[test]
    fn a_country_and_a_branch_name_the_armed_force() {
        let t = tag("The Royal Thai Navy and the Ukrainian Air Force took part. The Navy said the drill ended.");
        let orgs = names(&t, EntityKind::Organization);
        for o in ["Royal Thai Navy", "Ukrainian Air Force"] {
            assert!(orgs.iter().any(|n| n == o), "{o} in {orgs:?}");
        }
        assert!(!orgs.iter().any(|n| n.contains("The Navy")), "{orgs:?}");
    }

    #[test]
    fn leaders_listed_with_their_countries_are_people() {
        let t = tag("Presidents Paul Kagame of Rwanda, Mohamed Ould Ghazouani of Mauritania and Bassirou Diomaye Faye of Senegal attended, as did the Prime Minister of India. The Central Bank of Egypt and Cairo University of Egypt were absent.");
        let people = names(&t, EntityKind::Person);
        for p in ["Mohamed Ould Ghazouani", "Bassirou Diomaye Faye"] {
            assert!(people.contains(&p.to_string()), "{p}: {people:?}");
        }
        assert!(
            people.iter().all(|p| !p.contains("Minister")
                && !p.contains("Bank")
                && !p.contains("University")),
            "{people:?}"
        );
    }

    /// An office, then a name between commas: the name is a person; a place or an office
    /// in that slot is not.
    #[test]
    fn a_name_set_off_after_its_office_is_a_person() {
        let t = tag("Direktur Utama PDAM Tirta Dharma, Sobirin Hasan, mengakui program itu terlambat. Kepala administrasi militer kota, Tymur Tkachenko, mengatakan serangan itu gagal.");
        let people = names(&t, EntityKind::Person);
        assert!(people.contains(&"Sobirin Hasan".to_string()), "{people:?}");
        assert!(
            people.contains(&"Tymur Tkachenko".to_string()),
            "{people:?}"
        );
        // After an opening quote mark too.
        let t = tag("Ia mengutip laporan itu. “Direktur Utama perusahaan itu, Bobby Rasyidin, sudah menandatangani kontrak,” katanya.");
        let people = names(&t, EntityKind::Person);
        assert!(people.contains(&"Bobby Rasyidin".to_string()), "{people:?}");
        let t = tag("Kepala Desa Sukamaju, Jawa Barat, hadir. Presiden Joko Widodo, Wakil Presiden Ma'ruf Amin, hadir.");
        let people = names(&t, EntityKind::Person);
        assert!(
            people
                .iter()
                .all(|p| !p.contains("Jawa") && !p.contains("Wakil")),
            "{people:?}"
        );
    }

    #[test]
    fn a_jurisdiction_the_article_writes_as_a_place_is_not_part_of_the_name() {
        let t = tag("SINGKAWANG - Upacara digelar di Singkawang, Senin. Pj Wali Kota Singkawang Sumastro hadir bersama Kabid Humas Kombes Pol Gatot Repli Handoko. Warga Kabupaten Bangka Selatan menyambut Riza Herdavid, Bupati Bangka Selatan, di desa mereka.");
        let people = names(&t, EntityKind::Person);
        assert!(people.contains(&"Sumastro".to_string()), "{people:?}");
        assert!(
            people.contains(&"Gatot Repli Handoko".to_string()),
            "{people:?}"
        );
        assert!(
            people
                .iter()
                .all(|p| !p.contains("Singkawang") && !p.contains("Selatan")),
            "{people:?}"
        );
        // The jurisdiction read off a title is a place, named as the title governs it.
        let t = tag("Upacara digelar di Pamekasan, Senin. Bupati Pamekasan Baddrut Tamam hadir.");
        let places = names(&t, EntityKind::Place);
        assert!(
            places.contains(&"Pamekasan Regency".to_string()),
            "{places:?}"
        );
        assert_eq!(names(&t, EntityKind::Person), ["Baddrut Tamam"]);
        // A jurisdiction of two words the gazetteer knows only by the title's template
        // ("Kabupaten Gunung Mas") is taken whole, however long the name after it.
        let t = tag("Peninjauan itu diikuti Bupati Gunung Mas Jaya S Monong dan warga.");
        assert_eq!(names(&t, EntityKind::Place), ["Gunung Mas Regency"]);
        assert_eq!(names(&t, EntityKind::Person), ["Jaya S Monong"]);
    }

    #[test]
    fn regencies_and_cities_from_the_generated_table() {
        // A bare regency, a regency's holder named by one word, its police and government.
        let t = tag("Warga Boyolali menyambut. Bupati Pamekasan Kholilurrahman hadir bersama Kapolres Aceh Timur dan Pemkab Boyolali. Acara di Ruang Jepara, Jalan Medan Merdeka Utara, Jakarta Pusat.");
        let places = names(&t, EntityKind::Place);
        for want in ["Boyolali Regency", "Pamekasan Regency", "Central Jakarta"] {
            assert!(places.contains(&want.to_string()), "{want}: {places:?}");
        }
        // A room or a street named after a town is not the town.
        for not in ["Jepara Regency", "Medan"] {
            assert!(!places.contains(&not.to_string()), "{not}: {places:?}");
        }
        assert_eq!(names(&t, EntityKind::Person), ["Kholilurrahman"]);
        let orgs = names(&t, EntityKind::Organization);
        assert!(
            orgs.contains(&"Boyolali Regency Government".to_string()),
            "{orgs:?}"
        );
        // An ambiguous word needs "Kabupaten"/"Kota": "Batu" is a stone, "Serang" an attack.
        let t = tag("Israel Serang Gaza. Batu besar menutup jalan. Pemerintah Kota Batu dan Kabupaten Serang membantu.");
        let places = names(&t, EntityKind::Place);
        assert!(places.contains(&"Serang Regency".to_string()), "{places:?}");
        assert!(places.iter().all(|p| p != "Serang"), "{places:?}");
    }

    #[test]
    fn one_word_speakers_are_people_and_short_forms_join_the_whole_name() {
        let t = tag("Ekspor itu dibahas di Bandung, kata Widjajanto kepada wartawan. Menurut Widjajanto, kontrak segera diteken. Tessa Mahardhika Sugiarto hadir. Tessa mengatakan pemeriksaan berlanjut. Tessa menolak merinci. Batu menutup jalan, kata warga.");
        let people = names(&t, EntityKind::Person);
        assert!(people.contains(&"Widjajanto".to_string()), "{people:?}");
        assert!(
            people.contains(&"Tessa Mahardhika Sugiarto".to_string()),
            "{people:?}"
        );
        assert!(!people.contains(&"Tessa".to_string()), "{people:?}");
        // Said once only, a lone word is not enough.
        let t = tag("Kontrak segera diteken, kata Sukamto di Jakarta.");
        assert!(names(&t, EntityKind::Person).is_empty());
    }

    #[test]
    fn a_ministry_without_its_country_is_the_home_countrys_or_the_place_after_it() {
        let r = rules();
        let tag_en = |text: &str, dateline: Option<&str>| {
            let cx = super::Context {
                language: Some("en"),
                dateline,
                ..Default::default()
            };
            let t = r.tagger.tag(text, &cx, &r.gazetteer, &r.dates);
            names(&t, EntityKind::Organization)
        };
        let story = "The Defence Ministry signed contracts with Indian shipyards. Prime Minister Narendra Modi welcomed the deal in India.";
        assert!(
            tag_en(story, Some("New Delhi")).contains(&"Ministry of Defence of India".to_string())
        );
        // A national court or assembly is named the same way.
        let story = "The Supreme Court upheld the result. President William Ruto of Kenya welcomed the ruling in Kenya.";
        assert!(tag_en(story, Some("Nairobi")).contains(&"Supreme Court of Kenya".to_string()));
        // Told from Seoul about another country: unsure, left out.
        let orgs = tag_en(
            "The defence ministry signed a deal with Iraq. Iraq and Iraq's army will get the guns.",
            Some("Seoul"),
        );
        assert!(
            !orgs.iter().any(|o| o.starts_with("Ministry of Defence")),
            "{orgs:?}"
        );
        let orgs = tag_en(
            "Germany will send tanks to Ukraine, the defence ministry in Berlin said.",
            None,
        );
        assert!(
            orgs.contains(&"Ministry of Defence of Germany".to_string()),
            "{orgs:?}"
        );
        // No dateline: a country named four times and four times as often as any other.
        let orgs = tag_en(
            "The Defense Ministry signed two deals with Israel's Elbit Systems. Israel will make the munitions at home, and Israeli plants will supply the Israel Defense Forces, officials in Israel said.",
            None,
        );
        assert!(
            orgs.contains(&"Ministry of Defence of Israel".to_string()),
            "{orgs:?}"
        );
        // The country said right before it.
        let orgs = tag_en(
            "Oman's Ministry of Finance signed four agreements with the armed forces.",
            None,
        );
        assert!(
            orgs.contains(&"Ministry of Finance of Oman".to_string()),
            "{orgs:?}"
        );
    }

    /// A facility named after a titled person, and a title alone in a list, name nobody.
    #[test]
    fn facilities_and_bare_titles_are_not_people() {
        let t = tag("Pesawat mendarat di Bandar Udara Internasional Sultan Aji Muhammad Sulaiman, Balikpapan, Kamis. Akmal juga menyampaikan bahwa Wakil Presiden KH Ma'ruf Amin tiba sore hari. Rapat itu diikuti Presiden, Wakil Presiden, serta para menteri.");
        let people = names(&t, EntityKind::Person);
        assert_eq!(people, ["Ma'ruf Amin"]);
    }

    #[test]
    fn english_surnames_need_the_whole_name_first() {
        let r = rules();
        let tag_en = |text: &str| {
            let cx = super::Context {
                language: Some("en"),
                ..Default::default()
            };
            r.tagger.tag(text, &cx, &r.gazetteer, &r.dates)
        };
        let t = tag_en("Hugo Broos named his squad on Monday. The coach kept faith in youth, and Broos said the camp starts in June. Later Broos added that two players were injured.");
        let people = names(&t, EntityKind::Person);
        assert_eq!(people, vec!["Hugo Broos".to_string()]);
        // A firm speaks too; without a whole name before it, nobody new.
        let t = tag_en("Boeing said deliveries would slow. Analysts doubted it, but Boeing said the plan holds.");
        assert!(names(&t, EntityKind::Person).is_empty());
        // A thing after "the" and a given name written alone are no surname pattern.
        let t = tag_en("Northern Territory police closed roads. The Territory said crews were ready. Rain hit the Territory again.");
        assert!(names(&t, EntityKind::Person).is_empty());
        let t = tag_en("Eurofighter Typhoon jets flew past. Eurofighter built them and each Typhoon flew well. Another Typhoon landed.");
        assert!(names(&t, EntityKind::Person).is_empty());
    }

    #[test]
    fn a_name_after_a_title_ends_at_its_line_and_keeps_a_suffix_stop() {
        let t = tag("The HKMA said in a statement from its chief executive, Eddie Yue.\n\nGroup chairmen will head the delegations. PNP chief Jose Melencio Nartatez Jr. said on Friday.");
        let people = names(&t, EntityKind::Person);
        assert!(people.contains(&"Eddie Yue".to_string()), "{people:?}");
        assert!(
            people.contains(&"Jose Melencio Nartatez Jr.".to_string()),
            "{people:?}"
        );
        assert!(people.iter().all(|p| !p.contains('\n')), "{people:?}");
    }

    #[test]
    fn an_office_place_portfolio_or_rank_before_a_name_is_not_part_of_it() {
        let t = tag("Hal itu disampaikan Camat Madapangga Mohamad Saleh di kantornya. Warga Madapangga menyambut baik, kata Mohamad Saleh. Menteri Koperasi Budi Arie Setiadi hadir; program koperasi desa dibahas. Juru bicara Lt. Luka Bakic tidak berkomentar. Ajudan Mayor Teddy Indra Wijaya mendampingi. Teddy mengatakan acara lancar. Juru Bicara Menteri Pertahanan, Dahnil Anzar Simanjuntak, menjelaskan. Grup itu dibuat mantan Mendikbudristek Nadiem Makarim. Kepala Staf Laksamana Muda Caesar Valencia hadir.");
        let people = names(&t, EntityKind::Person);
        for want in [
            "Caesar Valencia",
            "Mohamad Saleh",
            "Budi Arie Setiadi",
            "Luka Bakic",
            "Teddy Indra Wijaya",
            "Nadiem Makarim",
        ] {
            assert!(people.contains(&want.to_string()), "{want}: {people:?}");
        }
        assert!(
            people.iter().all(|p| !p.starts_with("Madapangga")
                && !p.starts_with("Koperasi")
                && !p.starts_with("Muda")
                && !p.starts_with("Men")),
            "{people:?}"
        );
    }

    #[test]
    fn languages_ranks_events_and_sentence_ends_are_not_names() {
        let t = tag("Prabowo menyapa dalam bahasa Inggris di Istana Kepresidenan Bogor, Jawa Barat. Kepala Biro Informasi Pertahanan, Brigjen TNI Frega Wenas, menjelaskan. Kapolres AKBP Alamsyah Pelupessy hadir. Ia bertemu di Dialog Shangri-La. Turut hadir ajudan Mayor Teddy. Uniknya, acara itu singkat.");
        let places = names(&t, EntityKind::Place);
        let orgs = names(&t, EntityKind::Organization);
        let people = names(&t, EntityKind::Person);
        assert!(
            !places.contains(&"United Kingdom".to_string()),
            "{places:?}"
        );
        assert!(
            places.contains(&"Bogor Presidential Palace".to_string()),
            "{places:?}"
        );
        assert!(places.contains(&"West Java".to_string()), "{places:?}");
        assert!(!places.contains(&"Java".to_string()), "{places:?}");
        assert!(
            !orgs.contains(&"Indonesian National Armed Forces".to_string()),
            "a rank's service is not an actor: {orgs:?}"
        );
        // A rank of two words, a status in brackets; a title that is no rank keeps the body.
        for text in [
            "Hadir Laksamana Muda TNI Dery Triesananto dan Brigadir Jenderal TNI Rico Sirait.",
            "Surat diteken Letjen TNI (Purn) Sjafrie Sjamsoeddin.",
        ] {
            let orgs = names(&tag(text), EntityKind::Organization);
            assert!(orgs.is_empty(), "{text}: {orgs:?}");
        }
        let orgs = names(
            &tag("Sekretaris Jenderal TNI Budi Santoso hadir."),
            EntityKind::Organization,
        );
        assert_eq!(orgs, ["Indonesian National Armed Forces"]);
        assert!(
            !orgs.iter().any(|o| o.contains("Shangri-La")),
            "events are not entities: {orgs:?}"
        );
        assert!(
            people.contains(&"Alamsyah Pelupessy".to_string()),
            "{people:?}"
        );
        assert!(
            people.iter().all(|p| !p.contains("Uniknya")),
            "a name stops at a sentence end: {people:?}"
        );
        // A three-letter word ending in a vowel ends a sentence; a two-letter abbreviation
        // ("Ma." for Maria) stays inside the name.
        let t = tag("Jokowi menjawab, \"Yes, PM Lee. Thank you,\" ucapnya. Senator Ma. Consuelo Castillo hadir.");
        let people = names(&t, EntityKind::Person);
        assert!(people.iter().all(|p| !p.contains("Thank")), "{people:?}");
        assert!(
            people.iter().any(|p| p.contains("Ma. Consuelo Castillo")),
            "{people:?}"
        );
        // The service stays an actor where it acts.
        let t = tag("Panglima TNI Agus Subiyanto mengatakan TNI siap.");
        assert!(names(&t, EntityKind::Organization)
            .contains(&"Indonesian National Armed Forces".to_string()));
    }

    /// "Mr Poulsen" confirms the bare full name written elsewhere; an honorific before a
    /// title phrase ("Ibu Negara Wartini") or a name that runs on names no one new.
    #[test]
    fn a_full_name_confirmed_by_an_honorific_is_a_person() {
        let t = tag("Luis Petri signed the contract with Troels Lund Poulsen on Tuesday. Mr Poulsen said the jets were sound, and Mr Petri called it a milestone.");
        let people = names(&t, EntityKind::Person);
        assert!(people.contains(&"Luis Petri".to_string()), "{people:?}");
        assert!(
            people.contains(&"Troels Lund Poulsen".to_string()),
            "{people:?}"
        );
        let t = tag("Remarks were delivered by the US envoy, Ms. Stephanie Bowers, at the pier. Ms. Bowers said the boat suits the harbour.");
        assert!(
            names(&t, EntityKind::Person).contains(&"Stephanie Bowers".to_string()),
            "an abbreviated honorific before a whole name: {:?}",
            names(&t, EntityKind::Person)
        );
        let t = tag("Ibu Negara Wartini menyapa warga. Bu Wartini lalu kembali ke istana.");
        assert!(
            names(&t, EntityKind::Person).is_empty(),
            "{:?}",
            names(&t, EntityKind::Person)
        );
    }

    #[test]
    fn another_given_name_before_a_known_surname_is_another_person() {
        let t = tag("Macron tiba bersama Ibu Negara Brigitte Macron, lalu Erdogan dan istrinya, Selin Erdogan, menyusul. Presiden Turki Recep Tayyep Erdogan hadir; former fisheries minister Edhy Prabowo was jailed. Menurut Prabowo, semua lancar.");
        let people = names(&t, EntityKind::Person);
        for other in ["Brigitte Macron", "Selin Erdogan", "Edhy Prabowo"] {
            assert!(people.iter().any(|n| n == other), "{other} in {people:?}");
        }
        assert!(
            people.iter().any(|n| n == "Recep Tayyip Erdoğan"),
            "a misspelt middle name keeps the known person: {people:?}"
        );
        assert!(
            people.iter().any(|n| n == "Prabowo Subianto"),
            "a sentence's first word is no given name: {people:?}"
        );
        assert!(
            people.iter().all(|n| !n.starts_with("Negara")),
            "a title's last word is no given name: {people:?}"
        );
    }

    #[test]
    fn a_dateline_names_a_known_place_or_one_the_story_names_again() {
        let r = rules();
        let text = "Gubernur tiba di Kota Baubau untuk kunjungan kerja.";
        let with = |d: &str| {
            let mut t = tag(text);
            r.tagger.add_dateline(&mut t, d, text, &r.gazetteer);
            names(&t, EntityKind::Place)
        };
        assert!(with("JAKARTA").iter().any(|n| n == "Jakarta"));
        assert!(with("BAUBAU").iter().any(|n| n == "Baubau"));
        assert!(
            !with("BERITANUSA").iter().any(|n| n == "Beritanusa"),
            "an outlet in the dateline's place"
        );
        assert!(with("PRABUMULIH.CO").len() == with("BERITANUSA").len());
    }

    #[test]
    fn institutions_named_by_a_prefix_and_their_place() {
        let t = tag("Tim Polres Ogan Komering Ilir dan Kepolisian Resor (Polres) Prabumulih menangkap pelaku di Kabupaten Bangka Selatan. Perkara disidangkan di Pengadilan Negeri Jakarta Selatan, kata Wali Kota Singkawang Tjhai Chui Mie.");
        let orgs = names(&t, EntityKind::Organization);
        let places = names(&t, EntityKind::Place);
        for o in ["Ogan Komering Ilir Police", "Prabumulih Police"] {
            assert!(orgs.iter().any(|n| n == o), "{o} in {orgs:?}");
        }
        assert!(
            orgs.iter()
                .any(|n| n.ends_with("District Court") && n.contains("Jakarta")),
            "{orgs:?}"
        );
        assert!(
            places.iter().any(|n| n == "South Bangka Regency"),
            "{places:?}"
        );
        assert!(
            !places.iter().any(|n| n.contains("Tjhai")),
            "a mayor's title is no place prefix: {places:?}"
        );
    }

    #[test]
    fn organisations_by_their_last_word_when_their_bounds_are_sure() {
        let t = tag("The fund was backed by Indigo Partners, while West Mercia Police said the Criminal Investigation and Detection Group and Daewoo Shipbuilding & Marine Engineering would help. The Group declined to comment.");
        let orgs = names(&t, EntityKind::Organization);
        for o in ["Indigo Partners", "West Mercia Police"] {
            assert!(orgs.iter().any(|n| n == o), "{o} in {orgs:?}");
        }
        for o in ["Detection Group", "Daewoo Shipbuilding", "The Group"] {
            assert!(!orgs.iter().any(|n| n == o), "{o} in {orgs:?}");
        }
    }

    #[test]
    fn a_link_word_and_a_capitalised_run_carry_an_organisations_name_on() {
        let t = tag("Officials of the Central Bank of Uzbekistan met the Royal Army of Oman and students of the Odisha University of Agriculture and Technology, the Reserve Bank said.");
        let orgs = names(&t, EntityKind::Organization);
        for o in [
            "Central Bank of Uzbekistan",
            "Royal Army of Oman",
            "Odisha University of Agriculture and Technology",
        ] {
            assert!(orgs.iter().any(|n| n == o), "{o} in {orgs:?}");
        }
        for o in ["Central Bank", "Royal Army", "Odisha University"] {
            assert!(!orgs.iter().any(|n| n == o), "{o} in {orgs:?}");
        }
        // The one country in the name is the organisation's.
        let army = t.entities.iter().find(|e| e.name == "Royal Army of Oman");
        assert_eq!(army.and_then(|e| e.code.as_deref()), Some("OM"));
    }

    #[test]
    fn an_initial_after_a_known_jurisdiction_is_no_place() {
        let t = tag("Serah terima dilakukan Bupati Sidoarjo H. Ahmad Muhdlor Ali kepada Kapolresta. Hadir pula Wakil Bupati Gowa Abd. Rauf Malaganni Karaeng Kio.");
        let places = names(&t, EntityKind::Place);
        for p in ["H Regency", "Abd Regency"] {
            assert!(!places.iter().any(|n| n == p), "{p} in {places:?}");
        }
    }

    #[test]
    fn a_found_name_starts_after_its_honorifics_and_degrees() {
        let t = tag("Kapolda Maluku Irjen Pol. Prof. Dr. Dadang Hartanto Wibowo disambut Uskup Denpasar Mgr. Silvester San Putra. Hadir Gubernur Jawa Tengah Sri Wahyuni Lestari.");
        let people = names(&t, EntityKind::Person);
        for p in [
            "Dadang Hartanto Wibowo",
            "Silvester San Putra",
            "Sri Wahyuni Lestari",
        ] {
            assert!(people.iter().any(|n| n == p), "{p} in {people:?}");
        }
    }

    #[test]
    fn each_entity_says_which_rule_found_it() {
        use crate::article::FoundBy;
        // (found_by, linked) of the entity named `name` in `text`.
        let by = |text: &str, name: &str| {
            tag(text)
                .entities
                .iter()
                .find(|e| e.name == name)
                .map(|e| (e.found_by, e.linked))
        };
        let text = "Menteri Luar Negeri Sugiono bertemu Rahmat Hidayat Wibisono, Duta Besar Indonesia untuk Jepang, di kantor Bintang Samudra Holdings di Tokyo.";
        assert_eq!(by(text, "Sugiono"), Some((FoundBy::Gazetteer, true)));
        assert_eq!(by(text, "Tokyo"), Some((FoundBy::Gazetteer, true)));
        assert_eq!(
            by(text, "Rahmat Hidayat Wibisono"),
            Some((FoundBy::Apposition, false))
        );
        assert_eq!(
            by(text, "Bintang Samudra Holdings"),
            Some((FoundBy::Suffix, false))
        );
        let text = "Gubernur Jawa Tengah Ahmad Luthfi Santoso meninjau lokasi banjir.";
        assert_eq!(
            by(text, "Ahmad Luthfi Santoso"),
            Some((FoundBy::Title, false))
        );
    }

    #[test]
    fn a_name_inside_a_facility_is_the_facility() {
        let t = tag("Sultan tiba di Bandara Internasional Soekarno-Hatta dan Prabowo berangkat dari Pangkalan TNI AU Halim Perdanakusuma.");
        assert!(names(&t, EntityKind::Person).iter().all(|n| n != "Sukarno"));
        assert!(names(&t, EntityKind::Organization)
            .iter()
            .all(|n| n != "Indonesian Air Force"));
    }

    #[test]
    fn a_family_name_first_resolves_to_the_person_unless_another_name_follows() {
        let t = tag("Prabowo Subianto bertemu Lee Jae-myung di Gyeongju. Prabowo dan Lee membahas KF-21. Lee Kuan Yew pernah berkunjung.");
        let lee = t
            .entities
            .iter()
            .find(|e| e.name == "Lee Jae-myung")
            .expect("gazetteer person");
        assert_eq!(
            lee.mentions, 2,
            "the lone family name is his, the next Lee is not"
        );
    }

    #[test]
    fn a_known_person_written_with_middle_initials_is_linked() {
        let t = tag("President Ferdinand R. Marcos, Jr. met the envoy. Later President Benigno S. Aquino III spoke.");
        for known in ["Ferdinand Marcos Jr.", "Benigno Aquino III"] {
            let e = t
                .entities
                .iter()
                .find(|e| e.name == known)
                .unwrap_or_else(|| panic!("{known}: {:?}", names(&t, EntityKind::Person)));
            assert!(e.linked, "{known}");
        }
        // An initial in an unknown name leaves it as written.
        let people = names(
            &tag("Menteri Pertanian Rudi S. Hartono berbicara."),
            EntityKind::Person,
        );
        assert_eq!(people, vec!["Rudi S. Hartono".to_string()]);
    }

    #[test]
    fn an_offices_short_form_in_brackets_stands_between_title_and_name() {
        let t = tag("Menteri Sosial (Mensos) Tri Rismaharini meninjau banjir. Eks Gubernur Maluku Utara Abdul Gani Kasuba (AGK) sebagai terdakwa.");
        let people = names(&t, EntityKind::Person);
        assert!(
            people.contains(&"Tri Rismaharini".to_string()),
            "{people:?}"
        );
        // A person's own initials in brackets are not an office's short form.
        assert!(
            people.contains(&"Abdul Gani Kasuba".to_string()),
            "{people:?}"
        );
        assert!(!people.iter().any(|p| p.contains("Mensos")), "{people:?}");
    }

    #[test]
    fn people_by_title_and_surnames() {
        for text in [
            "The minister met his Danish counterpart Troels Lund Poulsen at the base.",
            "Sugiono bertemu mitranya Troels Lund Poulsen di Kopenhagen.",
        ] {
            let people = names(&tag(text), EntityKind::Person);
            assert!(
                people.contains(&"Troels Lund Poulsen".to_string()),
                "{text}: {people:?}"
            );
        }
        let t = tag("Menteri Pertahanan Papua Nugini Billy Joseph bertemu Laksamana Yudo. Kemudian Joseph mengatakan kerja sama berlanjut. Prime Minister Jane Roewell spoke; Roewell said more.");
        let billy = t
            .entities
            .iter()
            .find(|e| e.name == "Billy Joseph")
            .expect("unlinked person by title");
        assert!(!billy.linked);
        assert_eq!(
            billy.mentions, 2,
            "the surname alone resolves to the full name"
        );
        let jane = t
            .entities
            .iter()
            .find(|e| e.name == "Jane Roewell")
            .expect("english title");
        assert_eq!(jane.mentions, 2);
        assert!(
            t.entities
                .iter()
                .all(|e| e.name != "Papua Nugini Billy Joseph"),
            "the place between title and name is not part of it"
        );
    }

    #[test]
    fn a_name_with_its_office_after_it_is_a_person_but_an_opening_phrase_is_not() {
        let t = tag("Warga menyambut kedatangan Wiran Sukamta, Bupati Lembah Hijau, di desa itu. Pada hari Senin Pagi, Presiden tiba. The deal was signed by Tomas Eldberg, the defence minister, in Oslo.");
        let people = names(&t, EntityKind::Person);
        assert!(people.contains(&"Wiran Sukamta".to_string()), "{people:?}");
        assert!(people.contains(&"Tomas Eldberg".to_string()), "{people:?}");
        assert!(
            !people
                .iter()
                .any(|p| p.contains("Senin") || p.contains("Pagi")),
            "a sentence's opening phrase is not a name: {people:?}"
        );
    }

    #[test]
    fn a_ministry_after_a_title_ending_in_a_rank_word_is_named() {
        let t = tag("Dokumen diteken Sekretaris Jenderal Kementerian Pertahanan Marsekal Madya TNI Eris Haryanto di Darwin.");
        let orgs = names(&t, EntityKind::Organization);
        assert!(
            orgs.contains(&"Ministry of Defence of Indonesia".to_string()),
            "{orgs:?}"
        );
    }

    #[test]
    fn corps_acronyms_and_units_are_not_part_of_a_name() {
        let t = tag("Komandan Brigif Kolonel Inf Darmo Sutejo memimpin upacara. Hadir Wakil Ketua Umum PSSI Hendra Wiguna dan Kolonel Adm Suparto. Komandan Skadron Udara 21 ikut terbang. Wakil Ketua II DPRA menyambut.");
        let people = names(&t, EntityKind::Person);
        assert!(!people.iter().any(|p| p.contains("DPRA")), "{people:?}");
        for want in ["Darmo Sutejo", "Hendra Wiguna", "Suparto"] {
            assert!(people.contains(&want.to_string()), "{want}: {people:?}");
        }
        assert!(
            !people
                .iter()
                .any(|p| p.contains("Inf") || p.contains("PSSI") || p.contains("Skadron")),
            "{people:?}"
        );
    }

    #[test]
    fn cited_sources_need_a_citation_cue() {
        let cases: &[(&str, &[&str])] = &[
            ("Dilansir Reuters, kedua pemimpin bertemu.", &["Reuters"]),
            ("seperti dikutip dari Al Jazeera, Senin.", &["Al Jazeera"]),
            (
                "kata seorang pejabat kepada AFP.",
                &["Agence France-Presse"],
            ),
            (
                "according to the Associated Press, the talks ended.",
                &["Associated Press"],
            ),
            (
                "Xinhua reported that the visit was planned.",
                &["Xinhua News Agency"],
            ),
            ("Mengutip Kyodo, Jepang menyambut baik.", &["Kyodo News"]),
            ("Wartawan Reuters dan BBC hadir di lokasi.", &[]),
        ];
        for (text, want) in cases {
            let got: Vec<String> = tag(text)
                .cited_sources
                .into_iter()
                .map(|c| c.name)
                .collect();
            assert_eq!(got, *want, "{text}");
        }
    }

    #[test]
    fn mention_offsets_point_at_the_surface() {
        let text =
            "Presiden Rusia Vladimir Putin menelepon PM India Narendra Modi; Putin lalu ke Moskow.";
        for e in tag(text).entities {
            for [a, z] in &e.offsets {
                let s = text.get(*a..*z).expect("valid range");
                assert!(
                    e.surface.iter().any(|x| x == s),
                    "{} at {a}..{z} = {s:?}",
                    e.name
                );
            }
        }
    }

    #[test]
    fn same_name_person_and_place_are_kept_apart() {
        // "Jordan" is a country; a person is named only with a title or full name.
        let t = tag("Raja Yordania Abdullah II bertemu Michael Jordan di Amman.");
        assert!(names(&t, EntityKind::Place).contains(&"Jordan".to_string()));
        assert!(!names(&t, EntityKind::Person).contains(&"Jordan".to_string()));
    }
}
