//! Clean: from the lines of a page or record to the story, whole and once, plus what the
//! page said about it (title, subtitle, author, dateline, publication date, outlet).
//!
//! Rules are named (the name shows in `cleaning.removed` with `clean.debug`). First each
//! line alone:
//! - `caption`: a line opening with a caption marker ("Foto:", "Photo :", "• Screenshot …"),
//!   a line ending in a credit in parentheses that holds a slash or bar ("(Foto | AP)"), a
//!   short unpunctuated line right before a caption marker (the caption text of a figure),
//!   a name alone with its title closed by a full stop ("Iraqi President Barham Salih.",
//!   what a page prints under a portrait: two to eight words, all capitalised but the
//!   packs' stopwords); a picture's action in the present tense ("President Evo Morales
//!   greets … at the Government Palace.": two or more names, a pack's caption verb, one
//!   sentence closed by a full stop, no speech word and no "today": prose tells the past);
//!   a picture's scene (names, a pack's scene word, one sentence with no figure, day,
//!   speech or story word of that pack: "Presidents Kagame and Déby Itno during the
//!   bilateral talks.", no "was", "which" or "-ed" verb); where verbs carry no tense the
//!   sentence ends on its place ("Presiden … berjabat tangan dengan … di Istana Negara,
//!   Jakarta.", no "telah", "yang", "karena");
//! - `link`: "Baca juga: …"-style cross-links (prefixes from the language packs), only when
//!   followed by a colon or a headline-like remainder, so a story sentence opening with
//!   "Baca" survives; below the first prose, the headlines under a bare marker or an end
//!   marker (up to five lines without a sentence end, or short questions) until a sentence,
//!   a subheading, or a blank line after headlines printed as one block;
//! - `furniture`: short lines that are share/follow/app/comment prompts, headings of related
//!   or latest news, tag lists, advertising markers (phrases from the language packs); an
//!   *end marker* among them in the page's second half ends the article, unless two
//!   paragraphs of prose follow it before the next one (a "RELATED" box mid-story): what
//!   follows is page, not story; lines of any length holding a footer phrase ("artikel ini
//!   telah tayang di", "all rights reserved"); a tag label opening a list of short items or
//!   of capitalised words set apart by spaces only; a
//!   long call to action naming two page features ("Sign up to the X newsletter for the
//!   latest news …"); a call to action opening a short line that ends in a colon, a
//!   widget's prompt ("Follow X on:"); any of these after a shouted label ("PAY ATTENTION:
//!   Don't miss … Subscribe to …");
//! - `spam`: short lines with gambling/SEO vocabulary, and adverts that set a term between
//!   bullets or shout two in capitals;
//! - `credit`: reporter initials alone on a line or at the end of the last paragraph
//!   ("(WIL)"), a wire's sign-off alone on its line ("--IANS", "rn/rtp"); a source credit
//!   closing a long paragraph ("(Antara/Reuters)", or "[viva]" after a shorter one) is cut;
//! - `metadata`: a caption marker line with a date and a clock time ("Source: Xinhua
//!   2016-11-15 10:36:05"), or a short one right above the page's date stamp ("Source:
//!   PTI"), is the story's source line, not a credit, and leaves the headline above it
//!   alone; below the first prose, a short signed line with a time or a
//!   date is a blog post's stamp ("Posted by Aero News Journal at 10:42 PM");
//! - `learned`: lines that recur across many articles of one outlet ([`Learner`]);
//! - `furniture` too: UI lines of any language (a bare address, a lone "Topic:" over a
//!   short line, a short or mostly-hashtag line or an embedded post's "#WATCH |" marker),
//!   and tag lists (four or more
//!   capitalised items of one to three words), and an image's file name alone on its line.
//!
//! A whole rendered page (menus, teasers and footers around the story; see [`dump`]) keeps
//! only the story's blocks and a head above them; the rest goes as `page`, and a line the
//! layout shows three times or more as `furniture` whatever its length. Its title is a head
//! line that shares the lead's words, never a date of a language without a pack.
//!
//! Then each line in its place on the page, as real pages are laid out (the lead and head
//! rules and the teaser rule only for text inputs: an HTML extraction starts at the story):
//! - `related`, first: another story's headline alone between two paragraphs, with at least
//!   five content words and fewer than one in five of them anywhere else in an article of
//!   at least 60 content words (a subheading speaks of what the paragraphs around it do).
//!   It runs before the lead is looked for, so a short lead with such a line under it still
//!   reads as one;
//! - `caption`: a line closing with a photo credit ("… Foto: Name/Outlet", "(Foto:
//!   Reuters)", "(AA Photo)", "(Instagram @handle)", "[Outlet/Name]", "ANTARA/Xinhua/aa.",
//!   "…/Net"), or shown twice in a row (alt text, then caption, perhaps with a credit
//!   appended the second time). The credit patterns are searched one by one, each only
//!   on a line holding a character it needs: as one regex their lazy DFA outgrew its
//!   cache on real pages;
//! - `head`: everything above the lead, the first paragraph of prose (or of a dateline
//!   within two lines of it) among the first 30 lines that are not a bulleted menu's items:
//!   section names, bylines, date stamps, captions and share bars stand there. Kept: the
//!   title (moved to its field) and a standfirst sentence right under it. With no title in
//!   the head, a headline-like line right under the story that shares half its words with
//!   the lead is the title (some copies print it there). The title is the head line that
//!   best reads as the lead's headline: words shared with the lead, a headline's length,
//!   shown twice, early on the page, the page's date or byline under it (or under its
//!   standfirst). An item of a headline list (under a heading such as "Trending Now", or
//!   one of three or more dated teasers, "… 48 menit lalu") is the title only when it
//!   shares the lead's words. The site's name, as its byline, copyright line or a short
//!   line over the date writes it, is never the title, nor a short line naming a news site
//!   (a capitalised site word of the packs, "… Eyewitness News", or a web address), a short
//!   subscribe prompt, a menu
//!   copied as one row after a home word ("Home", "Beranda"), a breadcrumb ("Beranda /
//!   Klarifikasi Hoaks"), a row of space-set cells or a line without two lettered words (a
//!   weather widget's "18.2 C"); a line above the site's menu row is its masthead and ranks
//!   low. A short line ending on an initialism ("… from U.S.") is a headline, never the
//!   lead. A line closed by a bracketed photo credit ("… at the palace (WAM)", "… signing.
//!   (Defence)") or a single token (an address, "en@agency.mn") is never the title; menu
//!   rows may set bars between their items ("Home | News | Contact Us"). A standfirst that
//!   outscores the shorter headline right above it by less than a point gives way to it
//!   (the deck shares more words with the lead; the headline has lower-case small words);
//! - `furniture`: a short line shown three or more times on one page (teaser furniture; any
//!   line on a rendered page), and that line with a count once ("weiterlesen 12 Minuten");
//! - `related`: two or more headline-like lines in a row (three in an HTML extraction; no
//!   sentence end, four to twenty words, capitalised, at most one number), with or without a
//!   heading: other stories. A list after a colon is the story's own, its short first items
//!   and all: bulleted, or unmarked under an introducing sentence ("The ministers sworn in
//!   today and their portfolios:"), which the `tail` rule then keeps too. The box's label
//!   right above a removed run (at most four words, no sentence end: "More in Business",
//!   "Bacaan Lainnya") goes with it;
//! - `metadata`: title, subtitle, byline and date lines moved into fields, and anywhere a
//!   wire's credit in brackets ("(Reporting by …; Editing by …)") or an outlet's name alone;
//! - `caption` too: a kept line that a removed caption's words start with (the caption again
//!   without its credit), and a caption-sized line cut as `head` between the title and the
//!   lead that the story prints again word for word (a picture's caption shown twice);
//! - `related` too, on a rendered page: a headline-like line shown twice that is not the title;
//! - `stamp`: a date or time stamp alone on a line, once the head's stamps were read;
//! - `duplicate`: exact and near-identical repeats of a kept paragraph (word-set overlap ≥ 0.85);
//! - `tail`: after the last story-like paragraph, lines without sentence punctuation that
//!   are short or headline-like (tags, credits, other headlines), but not a table's rows
//!   (three or more lines of a label, a dash or colon and a figure: "Green Party – 1"),
//!   which are never headline-like either.
//!
//! Invariant: pure and total: no IO, no panics, and the text never grows (only lines are
//! dropped; a dateline or trailing credit is cut from its line).

use crate::article::{CleaningReport, Doc, EntityKind, Removal};
use crate::dates::DateRules;
use crate::gazetteer::{fold_char, Gazetteer, Kind};
use crate::lang::Languages;
use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::VecDeque;
use std::sync::Mutex;

mod dump;

/// The cleaned article and the metadata recovered.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cleaned {
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub published_local: Option<String>,
    pub dateline: Option<String>,
    pub outlet: Option<String>,
    pub language: Option<String>,
    /// Paragraphs of the story.
    pub paragraphs: Vec<String>,
    pub report: CleaningReport,
}

impl Cleaned {
    pub fn text(&self) -> String {
        self.paragraphs.join("\n\n")
    }
}

/// One pack's words for a caption that shows a scene (`pictured_scene`).
#[derive(Debug)]
struct Scene {
    places: HashSet<String>,
    words: HashSet<String>,
    story: HashSet<String>,
    suffixes: Vec<String>,
}

/// Compiled cleaning rules.
#[derive(Debug)]
pub struct Cleaner {
    link: AhoCorasick,
    furniture: AhoCorasick,
    end_markers: HashSet<String>,
    caption: AhoCorasick,
    caption_openers: AhoCorasick,
    /// A person's place in a photo ("kanan", "2nd l"), folded.
    caption_positions: HashSet<String>,
    /// Present-tense verbs of a pictured action ("greets"), lower-case.
    caption_verbs: HashSet<String>,
    /// Each pack's picture-scene words, for `pictured_scene`: a pack's words only make
    /// sense together.
    scenes: Vec<Scene>,
    /// Words that make a present-tense line a report, not a picture: speech ("said") and
    /// days ("today": "the Prime Minister leaves for Riyadh today").
    not_pictured: HashSet<String>,
    spam: AhoCorasick,
    /// Calls to action that open a line ("ikuti", "sign up"), anchored.
    promo: AhoCorasick,
    promo_self: HashSet<String>,
    /// Every word of the packs' people titles, folded ("president", "menteri").
    title_words: HashSet<String>,
    /// One-word caption markers ("photo", "foto"): a short line ending in one is a credit.
    photo_words: HashSet<String>,
    footer: AhoCorasick,
    /// Words of the packs' section names, lower-case.
    section_words: HashSet<String>,
    home_words: HashSet<String>,
    /// Words that name a news site when capitalised ("News", "Noticias").
    site_words: HashSet<String>,
    byline_labels: Vec<String>,
    /// An author's note: its link phrases as lower-case words, and its role words.
    bio_links: Vec<Vec<String>>,
    bio_roles: HashSet<String>,
    stop: rustc_hash::FxHashSet<String>,
    credit_paren: Regex,
    initials_line: Regex,
    initials_tail: Regex,
    initials_lower: Regex,
    dateline: Regex,
    byline_sep: Regex,
    /// A clock time or a numeric date: "10:27", "14.50", "11.04.2020", "2025-03-12".
    stamp: Regex,
    /// A date in a language without a pack: the day, a month's name, the year.
    stamp_shape: Regex,
    /// A teaser's age alone on its line ("48 menit lalu -", "3 hours ago").
    age_stamp: Regex,
    /// A photo credit closing a line: "Foto: Tri Vosa/kumparan", "(Foto: Reuters)",
    /// "[Suara.com/Name]", "ANTARA/Xinhua/aa.", ".../Net", "Pool via REUTERS".
    credit_tail: AnyOf,
    /// An embedded post's credit line: "— Name (@handle) July 25, 2019".
    embed_credit: Regex,
}

fn automaton(words: impl Iterator<Item = String>) -> AhoCorasick {
    automaton_with(words, aho_corasick::StartKind::Unanchored)
}

/// An automaton that only matches at the start of its input: a prefix test reads the
/// prefix, not the whole line.
fn prefix_automaton(words: impl Iterator<Item = String>) -> AhoCorasick {
    automaton_with(words, aho_corasick::StartKind::Anchored)
}

fn automaton_with(
    words: impl Iterator<Item = String>,
    start: aho_corasick::StartKind,
) -> AhoCorasick {
    let mut v: Vec<String> = words.filter(|w| !w.trim().is_empty()).collect();
    v.sort();
    v.dedup();
    AhoCorasick::builder()
        .start_kind(start)
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .ascii_case_insensitive(true)
        .build(&v)
        .unwrap_or_else(|_| {
            AhoCorasick::new(Vec::<String>::new()).unwrap_or_else(|_| unreachable!())
        })
}

/// Words in a line, counted the way a reader would.
fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
        .filter(|w| !w.is_empty())
}

/// A clock time or a numeric date ("09:41", "27/11/2023"): a stamp, not a standfirst.
fn stamped(s: &str) -> bool {
    s.split(|c: char| c.is_whitespace() || c == ',').any(|w| {
        let parts: Vec<&str> = w.split([':', '/']).collect();
        parts.len() >= 2
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    })
}

/// Most words capitalised, as headlines are set: "Hyundai Rotem Inks Cooperation Pact".
fn title_cased(s: &str) -> bool {
    let (mut caps, mut all) = (0usize, 0usize);
    for w in words(s) {
        if let Some(c) = w.chars().next().filter(|c| c.is_alphabetic()) {
            all += 1;
            caps += usize::from(c.is_uppercase());
        }
    }
    all > 0 && caps * 10 >= all * 7
}

/// "Green Party – 1", "Jawa Barat: 12,5%": a label, then a dash or colon, then a figure alone.
fn table_row(s: &str) -> bool {
    let t = s.trim_end().trim_end_matches('%');
    let label = t.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',');
    if label.len() == t.len() {
        return false;
    }
    let label = label.trim_end();
    label.ends_with(['–', '—', ':']) || label.ends_with(" -")
}

fn ends_like_sentence(s: &str) -> bool {
    let t = s.trim_end();
    t.ends_with(['.', '!', '?', '"', '”', '’', ':', ';']) || t.ends_with(".)")
}

/// A normalised key for duplicate detection: folded words (as `words` splits them) joined
/// by single spaces, folded as it goes: it runs on every line of every article.
fn key(s: &str) -> String {
    let mut out: Vec<u8> = Vec::with_capacity(s.len());
    // A separator was seen since the last word byte: the next word byte starts a new word.
    let mut gap = false;
    let mut folded = String::new();
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            // ASCII folds by table: the common case, one load per byte.
            put_key_byte(&mut out, &mut gap, key_byte(b));
            i += 1;
            continue;
        }
        // `i` only moves by whole characters, so it is a char boundary.
        let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else {
            break;
        };
        i += c.len_utf8();
        folded.clear();
        fold_char(c, &mut folded);
        // Folding may give ASCII ("’" → "'"): that goes through the same table.
        for f in folded.chars() {
            if f.is_ascii() {
                put_key_byte(&mut out, &mut gap, key_byte(f as u8));
            } else if f.is_alphanumeric() {
                let mut buf = [0u8; 4];
                for &fb in f.encode_utf8(&mut buf).as_bytes() {
                    put_key_byte(&mut out, &mut gap, fb);
                }
            } else {
                put_key_byte(&mut out, &mut gap, 0);
            }
        }
    }
    // Only whole characters were pushed.
    String::from_utf8(out).unwrap_or_default()
}

/// Appends one byte of a key word, or (0) marks a separator.
#[inline]
fn put_key_byte(out: &mut Vec<u8>, gap: &mut bool, b: u8) {
    if b == 0 {
        *gap = !out.is_empty();
        return;
    }
    if *gap {
        out.push(b' ');
        *gap = false;
    }
    out.push(b);
}

/// An ASCII byte's form in a key (see `KEY_BYTE`); 0 for anything else.
#[inline]
fn key_byte(b: u8) -> u8 {
    KEY_BYTE.get(usize::from(b)).copied().unwrap_or(0)
}

/// Each ASCII byte's form in a key: lower case for word bytes (letters, digits, `'`, `-`),
/// 0 for separators.
const KEY_BYTE: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() || c == b'\'' || c == b'-' {
            t[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

impl Cleaner {
    pub fn new(langs: &Languages) -> Cleaner {
        let packs = &langs.packs;
        let collect = |f: &dyn Fn(&crate::lang::LangPack) -> &Vec<String>| -> Vec<String> {
            packs.iter().flat_map(|p| f(p).iter().cloned()).collect()
        };
        let furniture_phrases: Vec<String> = collect(&|p| &p.boilerplate.furniture);
        let end_markers: HashSet<String> = collect(&|p| &p.boilerplate.end_markers)
            .into_iter()
            .collect();
        let re = crate::rules::regex;
        Cleaner {
            link: prefix_automaton(collect(&|p| &p.boilerplate.link_prefixes).into_iter()),
            furniture: automaton(furniture_phrases.iter().chain(end_markers.iter()).cloned()),
            end_markers,
            caption: prefix_automaton(collect(&|p| &p.boilerplate.caption_markers).into_iter()),
            caption_openers: prefix_automaton(
                collect(&|p| &p.boilerplate.caption_openers).into_iter(),
            ),
            caption_positions: collect(&|p| &p.boilerplate.caption_positions)
                .into_iter()
                .collect(),
            caption_verbs: collect(&|p| &p.boilerplate.caption_verbs)
                .into_iter()
                .collect(),
            scenes: packs
                .iter()
                .filter(|p| !p.boilerplate.caption_scene_words.is_empty())
                .map(|p| {
                    // The pack's lists are lower case already (`LangPack` folds them).
                    let b = &p.boilerplate;
                    let set = |v: &[String]| v.iter().cloned().collect();
                    Scene {
                        places: set(&b.caption_place_words),
                        words: set(&b.caption_scene_words),
                        story: b
                            .story_words
                            .iter()
                            .chain(p.weekdays.iter().flatten())
                            .cloned()
                            .collect(),
                        suffixes: b.story_suffixes.clone(),
                    }
                })
                .collect(),
            not_pictured: packs
                .iter()
                .flat_map(|p| {
                    p.people
                        .speech_after
                        .iter()
                        .chain(p.people.speech_before.iter())
                        .chain(p.relative.days.keys())
                })
                .filter(|w| !w.contains(' '))
                .map(|w| w.to_lowercase())
                .collect(),
            spam: automaton(collect(&|p| &p.boilerplate.spam).into_iter()),
            promo: prefix_automaton(collect(&|p| &p.boilerplate.promo_words).into_iter()),
            promo_self: collect(&|p| &p.boilerplate.promo_self)
                .into_iter()
                .collect(),
            photo_words: collect(&|p| &p.boilerplate.caption_markers)
                .iter()
                .map(|m| m.trim_end_matches([':', '.', '/', ' ']).trim().to_string())
                .filter(|m| m.len() >= 4 && m.chars().all(char::is_alphabetic))
                .collect(),
            title_words: collect(&|p| &p.people.titles)
                .iter()
                .flat_map(|t| words(t).map(crate::gazetteer::fold_str).collect::<Vec<_>>())
                .collect(),
            footer: automaton(collect(&|p| &p.boilerplate.footer).into_iter()),
            section_words: collect(&|p| &p.boilerplate.section_words)
                .iter()
                .flat_map(|s| words(s).map(str::to_string).collect::<Vec<_>>())
                .collect(),
            home_words: collect(&|p| &p.boilerplate.home_words)
                .into_iter()
                .collect(),
            site_words: collect(&|p| &p.boilerplate.site_words)
                .into_iter()
                .collect(),
            byline_labels: collect(&|p| &p.metadata.byline_labels),
            bio_links: collect(&|p| &p.metadata.bio_links)
                .iter()
                .map(|l| l.split_whitespace().map(str::to_string).collect())
                .collect(),
            bio_roles: collect(&|p| &p.metadata.bio_roles).into_iter().collect(),
            stop: langs.any_stop.iter().cloned().collect(),
            // "(Foto | AP)", "(Alexandr Demyanchuk / SPUTNIK / AFP)", "(Twitter.com/…)",
            // "(ANTARA FOTO/…)": a short parenthesis with a slash or bar, at the end of a line.
            // "(AP Photo/Irwin Fedriansyah)", also with the agency repeated after a dash ("… — AP").
            credit_paren: re(r"\(\s*[^()]{0,80}?[/|][^()]{0,80}\)(?:\s*[—–-]\s*[A-Z]{2,8})?\s*$"),
            // "(WIL)", "(esn)", "(ant/wil)", "(udi/dhf)": reporter and editor initials.
            initials_line: re(r"^\(\s*[A-Za-z]{2,5}(?:\s*/\s*[A-Za-z]{2,5}){0,3}\s*\)$"),
            initials_lower: re(r"\s*\(\s*[a-z]{2,5}(?:\s*/\s*[a-z]{2,5}){0,3}\s*\)\s*$"),
            initials_tail: re(
                r"\s*\(\s*[a-z]{2,5}(?:\s*/\s*[a-z]{2,5}){0,3}\s*\)\s*$|\s*\(\s*[A-Z]{2,4}(?:\s*/\s*[A-Z]{2,4}){0,3}\s*\)\s*$",
            ),
            // "MOSKOW - ", "NEW DELHI: ", "Jakarta, IDN Times - ", "Moskow: ", "VIVA Jabar - ",
            // "POS-KUPANG.COM - " (a hyphen inside a word, never the separator).
            dateline: re(
                r"^((?:[A-Z][\p{L}.'’]*(?:-\p{L}[\p{L}.'’]*)*)(?:\s+[A-Z][\p{L}.'’]*(?:-\p{L}[\p{L}.'’]*)*){0,3})(?:\s*,\s*([\p{L}0-9.’' ]{2,40}?))?(?:\s*\(([^()]{2,40})\))?\s*(?:[-–—:]+)\s+(\S)",
            ),
            byline_sep: re(r"\s*[•|·]\s*|\s+[-–—]\s+"),
            // ASCII classes and boundaries: it runs on many short lines.
            stamp: re(
                r"(?-u:\b)[0-9]{1,2}[:.][0-9]{2}(?-u:\b)|(?-u:\b)[0-9]{1,2}[./-][0-9]{1,2}[./-][0-9]{2,4}(?-u:\b)|(?-u:\b)[0-9]{4}-[0-9]{2}-[0-9]{2}(?-u:\b)",
            ),
            stamp_shape: re(
                r"(?-u:\b)[0-9]{1,2}\.?\s+(?:de\s+)?\p{L}{3,12}\.?,?\s+(?:de\s+)?(?:19|20)[0-9]{2}(?-u:\b)",
            ),
            age_stamp: re(&age_stamp_pattern(&collect(&|p| &p.metadata.ages))),
            credit_tail: AnyOf(
                credit_tail_patterns(&collect(&|p| &p.boilerplate.caption_markers))
                    .into_iter()
                    .map(|(needs, p)| (needs, re(&p)))
                    .collect(),
            ),
            embed_credit: re(r"^[—–-]{1,2}\s*[^()]{1,80}\(@\w{1,30}\)\s*\S.{0,30}\d{4}\s*$"),
        }
    }

    fn starts_with_any(&self, ac: &AhoCorasick, lower: &str) -> Option<usize> {
        let input = aho_corasick::Input::new(lower).anchored(aho_corasick::Anchored::Yes);
        ac.try_find(input).ok().flatten().map(|m| m.end())
    }

    fn stop_density(&self, s: &str) -> f64 {
        let (hits, n, _) = self.stop_counts(s);
        if n == 0 {
            0.0
        } else {
            hits as f64 / n as f64
        }
    }

    /// Stopwords among the words that are not capitalised: a name-heavy lead ("Menteri
    /// Sosial Khofifah … meninjau lokasi banjir di Dusun …") is prose by its common words
    /// though names outnumber them.
    fn common_stop_density(&self, s: &str) -> f64 {
        let (hits, _, lower) = self.stop_counts(s);
        if lower == 0 {
            0.0
        } else {
            hits as f64 / lower as f64
        }
    }

    /// (stopwords, words, words not capitalised).
    fn stop_counts(&self, s: &str) -> (usize, usize, usize) {
        let (mut n, mut hits, mut lower) = (0usize, 0usize, 0usize);
        let mut buf = [0u8; 32];
        for w in words(s) {
            n += 1;
            if !w.chars().next().is_some_and(char::is_uppercase) {
                lower += 1;
            }
            // ASCII words are lower-cased on the stack: no allocation per word.
            let hit = match buf.get_mut(..w.len()) {
                Some(b) if w.is_ascii() => {
                    b.copy_from_slice(w.as_bytes());
                    b.make_ascii_lowercase();
                    std::str::from_utf8(b).is_ok_and(|l| self.stop.contains(l))
                }
                _ => self.stop.contains(&w.to_lowercase()),
            };
            if hit {
                hits += 1;
            }
        }
        (hits, n, lower)
    }

    /// Whether the long lines of a text are in a language no pack knows: packs' stopwords
    /// make a fifth or more of a known language's words, a few hundredths of another's.
    fn unknown_language(&self, lines: &[String], nwords: &[usize]) -> bool {
        let (mut sum, mut n) = (0.0, 0usize);
        // Ten long lines tell a language.
        for (l, _) in lines.iter().zip(nwords).filter(|(_, &w)| w >= 12).take(10) {
            sum += self.stop_density(l);
            n += 1;
        }
        n > 0 && sum < 0.12 * n as f64
    }

    /// A date or time stamp alone on its line ("Rabu, 12 Maret 2025 10:15 WIB", "Updated:
    /// 11.04.2020, 10:27", "17 April 2012 • 2:54pm"): a short unpunctuated line of numbers,
    /// with a clock time or a whole date, and a few words (a label, a day, a month).
    fn is_stamp(&self, line: &str, n: usize, dates: &DateRules) -> bool {
        if n <= 6 && self.age_stamp.is_match(line) {
            return true;
        }
        // "… 2011 at 4:12 a.m." ends on the clock's abbreviation, not a sentence.
        let t = line.trim_end();
        let clock_end = t.len() > 4
            && t.get(t.len() - 4..)
                .is_some_and(|e| e.eq_ignore_ascii_case("a.m.") || e.eq_ignore_ascii_case("p.m."));
        if n > 12 || (!clock_end && t.ends_with(['.', '!', '?', '"', '”'])) {
            return false;
        }
        let numbers = words(line)
            .filter(|w| w.chars().any(|c| c.is_ascii_digit()))
            .count();
        // The clock's "a.m." counts as two words.
        let clock_words = if clock_end { 2 } else { 0 };
        numbers >= 2
            && n.saturating_sub(numbers + clock_words) <= 4
            && (self.stamp.is_match(line) || dates.first_absolute(line).is_some())
    }

    /// An unpunctuated line right under the title that is prose without a credit or a stamp
    /// ("Four agreements … concluded a day before the financial year closes") is the
    /// standfirst: the article's own text. A short, title-cased, bracketed or credited line
    /// there is a kicker, a wire note or a caption.
    fn standfirst(&self, l: &str, lower: &str, n: usize, gaz: &Gazetteer) -> bool {
        n >= 10
            && !l.contains('|')
            && !l.trim_start().starts_with('(')
            && !stamped(l)
            && !title_cased(l)
            && self.stop_density(l) >= 0.15
            && !self.credited_picture(l, lower, gaz)
            && !self.places_someone_in_a_photo(lower)
    }

    /// "Iraqi President Barham Salih.", "Menteri Luar Negeri Tiongkok Wang Yi.": a name and
    /// its title alone, closed by a full stop, is what a page prints under a portrait: every
    /// word capitalised but the packs' stopwords ("of", "dan"). A story's sentence has a verb
    /// in lower case ("Menlu Retno menelepon Menlu Turki."); a name alone without the stop
    /// is a heading's.
    fn name_alone(&self, line: &str, n: usize) -> bool {
        let t = line.trim();
        let Some(body) = t.strip_suffix('.') else {
            return false;
        };
        (2..=8).contains(&n)
            && !body.contains([
                '.', '!', '?', ':', ';', '"', '“', '”', '(', ')', '|', '/', '©',
            ])
            && body.chars().next().is_some_and(char::is_uppercase)
            && words(body).all(|w| {
                w.chars().next().is_some_and(|c| !c.is_lowercase()) || self.stop.contains(w)
            })
    }

    /// "President Evo Morales greets Paraguay's president-elect at the Government Palace.":
    /// one sentence of five to 35 words, names first, then a pictured action in the present
    /// tense. A story tells the past; a present-tense report says who said it or when
    /// ("today"), and a headline has no full stop.
    fn pictured_action(&self, line: &str, lower: &str, n: usize) -> bool {
        let t = line.trim();
        let Some(body) = t.strip_suffix('.') else {
            return false;
        };
        if self.caption_verbs.is_empty() || !(5..=35).contains(&n) {
            return false;
        }
        // The names run unbroken up to the verb: a comma opens an apposition ("Vo Van
        // Thuong, who sits as …"), and one capitalised word may be a noun ("Training walks").
        // Most prose stops at its second or third word here, before the costlier checks.
        let mut names = 0;
        let mut verb = false;
        for w in body.split_whitespace() {
            if w.chars().next().is_some_and(|c| !c.is_lowercase()) {
                names += 1;
            } else if !self.stop.contains(w) {
                verb = names >= 2 && self.caption_verbs.contains(w);
                break;
            }
            if w.ends_with(',') {
                return false;
            }
        }
        verb && !body.contains(['"', '“', '”', ':', ';', '!', '?'])
            && is_short_copy(t, n)
            && !words(lower).any(|w| self.not_pictured.contains(w))
    }

    /// "Presiden Prabowo Subianto berjabat tangan dengan Perdana Menteri Singapura Lawrence
    /// Wong di Istana Negara, Jakarta.", "Presidents Kagame and Déby Itno during the
    /// bilateral talks.": one sentence of five to 30 words, names first, then the moment a
    /// picture shows (a pack's scene word), with no figure, quote, speech word or story word
    /// of that pack: a story's sentence says when, who said it, links a clause ("yang",
    /// "which") or has a finite verb ("telah", "was", "-ed"). Where the pack has place words
    /// (its verbs carry no tense), the sentence must end on where the picture was taken.
    fn pictured_scene(&self, line: &str, lower: &str, n: usize) -> bool {
        if self.scenes.is_empty() || !(5..=30).contains(&n) {
            return false;
        }
        let Some(body) = line.trim().strip_suffix('.') else {
            return false;
        };
        // The names and the scene word first: most prose stops at its second or third word.
        let opens: Vec<&Scene> = self
            .scenes
            .iter()
            .filter(|scene| self.opens_scene(scene, body))
            .collect();
        if opens.is_empty()
            || body.contains(['.', '!', '?', '"', '“', '”', ':', ';', '(', ')', '/'])
            || body.chars().any(|c| c.is_ascii_digit())
            || words(lower).any(|w| self.not_pictured.contains(w))
        {
            return false;
        }
        let tokens: Vec<&str> = body.split_whitespace().collect();
        opens
            .iter()
            .any(|scene| self.scene_matches(scene, &tokens, lower))
    }

    /// Names ("dan", "and" between them), then the scene: "saat berpidato", "during", or
    /// the place itself ("Menhan … di London.").
    fn opens_scene(&self, scene: &Scene, body: &str) -> bool {
        let mut names = 0;
        for w in body.split_whitespace() {
            if capital(w) {
                names += 1;
            } else if scene.words.contains(w) || scene.places.contains(w) {
                return names >= 2;
            } else if !self.stop.contains(w) {
                return false;
            }
        }
        false
    }

    /// The rest of a scene's caption: none of the pack's story words or verb endings, and
    /// where the pack has place words, a capitalised place to close it.
    fn scene_matches(&self, scene: &Scene, tokens: &[&str], lower: &str) -> bool {
        if words(lower).any(|w| scene.story.contains(w)) {
            return false;
        }
        // A verb's ending on a word in lower case ("gathered"): a name may end so ("Ahmed").
        let finite = tokens.iter().any(|w| {
            let w = w.trim_end_matches(',');
            !capital(w) && scene.suffixes.iter().any(|x| w.ends_with(x.as_str()))
        });
        if finite {
            return false;
        }
        if scene.places.is_empty() {
            return true;
        }
        let Some(at) = tokens.iter().rposition(|w| scene.places.contains(*w)) else {
            return false;
        };
        let place = tokens.get(at + 1..).unwrap_or(&[]);
        !place.is_empty() && place.iter().all(|w| capital(w))
    }

    /// A paragraph that reads like story prose.
    fn story_like(&self, s: &str) -> bool {
        let n = words(s).count();
        (n >= 8 && ends_like_sentence(s) && self.stop_density(s) >= 0.08)
            || (n >= 15 && self.stop_density(s) >= 0.15)
    }

    /// "… at the National University in Jakarta on Wednesday. AFP", "… since Russia invaded.
    /// File photo.": one sentence, then a credit alone: an agency the gazetteer knows or a
    /// caption marker. A story paragraph has more than one sentence before its sign-off.
    fn credited_picture(&self, line: &str, lower: &str, gaz: &Gazetteer) -> bool {
        let t = line.trim_end();
        let Some(cut) = t
            .trim_end_matches('.')
            .rfind(['.', '!', '?'])
            .filter(|&c| t.get(c + 1..).is_some_and(|r| r.starts_with(' ')))
        else {
            return false;
        };
        let (body, credit) = (t.get(..=cut).unwrap_or(""), t.get(cut + 1..).unwrap_or(""));
        let credit = credit.trim().trim_end_matches('.');
        if credit.is_empty()
            || credit.split_whitespace().count() > 6
            || !is_short_copy(body, words(body).count())
        {
            return false;
        }
        let outlet = gaz.lookup(credit).is_some_and(|e| e.kind == Kind::Outlet);
        let marker = lower
            .get(lower.len().saturating_sub(credit.len() + 1)..)
            .map(str::trim)
            .is_some_and(|c| self.is_caption_marker(c));
        outlet || marker
    }

    /// "Presiden (kanan) berbincang dengan …", "Macron (2nd L) and Prabowo (2nd R) watch":
    /// a place in the picture in parentheses right after a word. Story text does not say
    /// where people stand in a frame; a quoted line is the story's.
    fn places_someone_in_a_photo(&self, lower: &str) -> bool {
        if lower.trim_start().starts_with(['"', '“', '\'']) {
            return false;
        }
        let mut rest = lower;
        while let Some(open) = rest.find('(') {
            let before = rest.get(..open).unwrap_or("");
            let after_word = before.ends_with(' ')
                && before
                    .trim_end()
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric);
            let Some(inner) = rest.get(open + 1..) else {
                break;
            };
            let Some(close) = inner.find(')') else {
                break;
            };
            let inside = inner.get(..close).unwrap_or("").trim();
            if after_word && self.caption_positions.contains(inside) {
                return true;
            }
            rest = inner.get(close + 1..).unwrap_or("");
        }
        false
    }

    fn is_caption_marker(&self, lower: &str) -> bool {
        let t = lower.trim_start_matches(['•', '-', '*', '·', ' ']);
        if self
            .starts_with_any(&self.caption_openers, t)
            .is_some_and(|end| t.get(end..).is_some_and(|r| r.starts_with(' ')))
        {
            return true;
        }
        match self.starts_with_any(&self.caption, t) {
            // "Foto: …", "Photo :", "Sumber :", "Ilustrasi." — the marker then a separator or
            // end of line; "Foto bersama itu …" in a sentence is not a caption.
            Some(end) => {
                let rest = t.get(end..).unwrap_or("").trim_start();
                // "foto:" and "antara foto/" carry their own separator.
                t.get(..end).is_some_and(|m| m.ends_with([':', '/', '|']))
                    || rest.is_empty()
                    || rest.starts_with([':', '|', '/', '.', '-', '–'])
                    || lower.starts_with('•')
            }
            None => false,
        }
    }

    fn is_link(&self, line: &str, lower: &str) -> bool {
        // A marker may come inside quotes or brackets ("“Baca Juga : …”", "[Baca juga: …]").
        let open = |c: char| matches!(c, '“' | '"' | '‘' | '\'' | '«' | '[' | '(');
        let (line, lower) = (
            line.trim_start_matches(open),
            lower.trim_start_matches(open),
        );
        let Some(end) = self.starts_with_any(&self.link, lower) else {
            return false;
        };
        let rest = line.get(end..).unwrap_or("").trim_start();
        // "Baca juga: …", "Baca Juga | …", or a headline without a final period.
        rest.is_empty()
            || rest.starts_with([':', '|', '-', '–', '»', '>'])
            || (rest.chars().next().is_some_and(char::is_uppercase)
                && words(rest).count() <= 20
                && !line.trim_end().ends_with('.'))
    }

    /// A link marker alone on its line ("Baca juga:", "Related stories"): its headlines
    /// follow on the next lines.
    fn bare_link(&self, lower: &str) -> bool {
        self.starts_with_any(&self.link, lower).is_some_and(|end| {
            lower
                .get(end..)
                .unwrap_or("")
                .chars()
                .all(|c| !c.is_alphanumeric())
        })
    }

    /// A short line that is page furniture; returns whether it is also an end marker.
    fn furniture(&self, line: &str, lower: &str, n_words: usize) -> Option<bool> {
        // A shouted label before a call to action ("PAY ATTENTION: Don't miss the top
        // stories. Subscribe to …"): the call to action decides. (A dateline before a story
        // sentence stays: the sentence is not furniture.)
        if let Some((label, rest)) = line.split_once(':') {
            let shouted = words(label).count() <= 3
                && label.chars().any(char::is_uppercase)
                && !label.chars().any(char::is_lowercase);
            let rest = rest.trim();
            let n_rest = words(rest).count();
            if shouted && n_rest > 0 && n_rest < n_words {
                if let Some(x) = self.furniture(rest, &rest.to_lowercase(), n_rest) {
                    return Some(x);
                }
            }
        }
        // A menu: four or more words, most of them section names, and no sentence.
        if (4..=40).contains(&n_words) && !ends_like_sentence(line) {
            let sections = words(lower)
                .filter(|w| self.section_words.contains(*w))
                .count();
            if sections * 5 >= n_words * 3 {
                return Some(false);
            }
        }
        let t = lower.trim_matches(|c: char| !c.is_alphanumeric());
        if n_words > 14 {
            // A long call to action ("Sign up to the X newsletter for the latest news …",
            // "Stay informed …! Follow X on WhatsApp for breaking news") is still one when it
            // names two page features, one of them a phrase: a single word may be a story's
            // ("Share prices … more orders … next year").
            // So is one naming a single feature when the outlet speaks of itself right after
            // the call ("Sign up to our Business newsletter for the biggest stories …").
            let (named, phrases) = self.promo_naming_furniture(t);
            let own = named >= 1 && self.promo_names_the_outlet(t);
            return (n_words <= 45 && ((named >= 2 && phrases >= 1) || own)).then_some(false);
        }
        let sentence = ends_like_sentence(line) && !line.trim_end().ends_with(':');
        let mut found = 0usize;
        let mut one_word_opener = None;
        for m in self.furniture.find_iter(t) {
            let phrase = t.get(m.start()..m.end()).unwrap_or("");
            let b = t.as_bytes();
            let whole_words = (m.start() == 0
                || !b.get(m.start() - 1).is_some_and(u8::is_ascii_alphanumeric))
                && b.get(m.end()).is_none_or(|c| !c.is_ascii_alphanumeric());
            if !whole_words {
                continue;
            }
            found += 1;
            let end = self.end_markers.contains(phrase);
            let phrase_words = words(phrase).count().max(1);
            let opens = m.start() == 0 && !sentence && n_words <= phrase_words + 8;
            // A one-word phrase opens a label ("Penulis: …") or a headline ("YouTube
            // Luncurkan …"): only the label is furniture on its own.
            let label = phrase.ends_with([':', '|'])
                || t.get(m.end()..)
                    .is_some_and(|r| r.trim_start().starts_with([':', '|']));
            // The phrase makes up most of the line ("BERITA LAINNYA", "Follow us"), or opens
            // an unpunctuated short line ("Ikuti media sosial X dan dapatkan …"); an end
            // marker may sit anywhere in a short unpunctuated line (an author card
            // "Nama Photo Verified Writer Nama"), a one-word one only at its edge: mid-line it
            // is a headline's preposition ("… Sarwono Terkait Proyek …"). "Share" inside a
            // sentence is not a button.
            let at_edge = phrase_words >= 2 || m.start() == 0 || m.end() == t.len();
            // "Tags: HAL Q3 results, HAL share price, defence stocks": an end marker's label
            // opening a list of short items, however many.
            if end
                && label
                && m.start() == 0
                && (short_items(t.get(m.end()..).unwrap_or("")) || capitalised_after_label(line))
            {
                return Some(true);
            }
            if phrase_words * 2 >= n_words
                || phrase.len() == t.len()
                || (opens && (phrase_words >= 2 || label))
                || (end && !sentence && n_words <= 10 && at_edge)
            {
                return Some(end);
            }
            if opens {
                one_word_opener = Some(end);
            }
        }
        // A call to action alone on its line ("Find out more", "Learn more"), or opening a
        // short line that ends in a colon, the widget's buttons below it ("Follow Naval
        // Today on:", "Ikuti kami di:").
        let opener = self.starts_with_any(&self.promo, t);
        if opener == Some(t.len())
            || (opener.is_some() && n_words <= 8 && line.trim_end().ends_with(':'))
        {
            return Some(false);
        }
        // A one-word opener with more furniture after it ("Follow X on Google News",
        // "Redaktur & Reporter : Adil"); a call to action naming a platform or a page
        // feature ("Ikuti Warta Ekonomi di Google News …").
        one_word_opener
            .filter(|_| found >= 2)
            .or_else(|| (self.promo_naming_furniture(t).0 >= 1).then_some(false))
    }

    /// A call to action followed within three words by the outlet's word for itself ("our").
    fn promo_names_the_outlet(&self, t: &str) -> bool {
        self.starts_with_any(&self.promo, t)
            .and_then(|end| t.get(end..))
            .is_some_and(|after| {
                after
                    .split_whitespace()
                    .take(3)
                    .any(|w| self.promo_self.contains(w))
            })
    }

    /// A call to action naming platforms or page features after it ("Ikuti Warta Ekonomi
    /// di Google News …"): how many it names, and how many of those are phrases of two or
    /// more words ((0, 0) when the line opens otherwise).
    fn promo_naming_furniture(&self, t: &str) -> (usize, usize) {
        let Some(end) = self
            .starts_with_any(&self.promo, t)
            .filter(|&e| t.get(e..).is_some_and(|r| r.starts_with(' ')))
        else {
            return (0, 0);
        };
        let after = t.get(end..).unwrap_or("");
        self.furniture
            .find_iter(after)
            .filter(|m| {
                let b = after.as_bytes();
                !b.get(m.start().wrapping_sub(1))
                    .is_some_and(u8::is_ascii_alphanumeric)
                    && !b.get(m.end()).is_some_and(u8::is_ascii_alphanumeric)
            })
            .fold((0, 0), |(n, p), m| {
                let phrase = after.get(m.start()..m.end()).unwrap_or("");
                (n + 1, p + usize::from(phrase.contains(' ')))
            })
    }

    fn is_spam(&self, line: &str, lower: &str, n_words: usize) -> bool {
        if n_words > 20 || n_words == 0 {
            return false;
        }
        let b = lower.as_bytes();
        // (terms found, words they span): counted in one pass, no list kept.
        let (hits, spam_words) = self
            .spam
            .find_iter(lower)
            .filter(|m| {
                let before =
                    m.start() == 0 || !b.get(m.start() - 1).is_some_and(u8::is_ascii_alphanumeric);
                let after = b.get(m.end()).is_none_or(|c| !c.is_ascii_alphanumeric());
                before && after
            })
            .map(|m| {
                words(lower.get(m.start()..m.end()).unwrap_or(""))
                    .count()
                    .max(1)
            })
            .fold((0usize, 0usize), |(h, w), n| (h + 1, w + n));
        // Spam lines are mostly spam words ("slot demo pragmatic"), or an advert between
        // bullets or shouting two terms in capitals ("DAFTAR AKUN PRO - SLOT GACOR MAXWIN");
        // a sentence or a headline about a gambling crackdown has them only here and there.
        let advert = (line.contains('•') && hits > 0)
            || (!line.chars().any(char::is_lowercase) && hits >= 2);
        ((n_words <= 12 && spam_words * 2 >= n_words) || advert) && !ends_like_sentence(lower)
    }

    /// Cleans one decoded article. `gaz` recognises outlets and places in datelines;
    /// `learner`, when given, knows lines that recur across an outlet's articles.
    pub fn clean(
        &self,
        doc: &Doc,
        langs: &Languages,
        dates: &DateRules,
        gaz: &Gazetteer,
        learner: Option<&Learner>,
        debug: bool,
    ) -> Cleaned {
        let mut out = Cleaned {
            title: doc
                .title
                .as_deref()
                .map(normalize_space)
                .filter(|t| !t.is_empty()),
            subtitle: doc.subtitle.clone(),
            author: doc.author.clone(),
            published: doc
                .published
                .as_deref()
                .and_then(|p| dates.parse_published(p)),
            outlet: doc.outlet.clone(),
            language: doc.language.clone(),
            ..Cleaned::default()
        };
        if out.outlet.is_none() {
            out.outlet = doc
                .url
                .as_deref()
                .and_then(|u| gaz.outlet_for_url(u))
                .map(|e| e.name.clone());
        }
        let mut removed: Vec<Removal> = Vec::new();
        let mut raw_lines: Vec<String> = doc.body.lines().map(normalize_space).collect();
        // Rows of cells set apart by runs of spaces: a navigation bar copied as one line.
        // (Normalising the spaces loses the cells, so they are read first.)
        let cell_rows: HashSet<String> = doc
            .body
            .lines()
            .filter(|l| cell_row(l))
            .map(normalize_space)
            .collect();
        if !doc.from_html {
            raw_lines = unwrap_lines(raw_lines);
        }
        // Whether a blank line stood above each line: a box of headlines printed as one
        // block ends at the first blank line.
        let mut blank_before: Vec<bool> = Vec::with_capacity(raw_lines.len());
        let mut gap = false;
        raw_lines.retain(|l| {
            let blank = l.is_empty();
            if !blank {
                blank_before.push(gap);
            }
            gap = blank;
            !blank
        });
        out.report.lines_in = raw_lines.len();
        // Initials glued to the end of a paragraph are a credit: lower case always ("… kata
        // dia. (udi)"), capitals only after a finished sentence ("… itu. (WIL)"), since
        // "… Bangsa-Bangsa (PBB)" is an acronym.
        let lines: Vec<String> = raw_lines
            .into_iter()
            .map(|l| {
                // Every credit pattern ends with ")": most lines are spared the regexes.
                let closes = l.trim_end().ends_with(')');
                let found = |re: &Regex| if closes { re.find(&l) } else { None };
                let cut = match (found(&self.initials_lower), found(&self.initials_tail)) {
                    (Some(m), _) if m.start() > 0 => Some(m.start()),
                    (_, Some(m)) if m.start() > 0 => l
                        .get(..m.start())
                        .map(str::trim_end)
                        .filter(|b| b.ends_with(['.', '!', '?', '"', '”', '’']))
                        .map(|_| m.start()),
                    _ => None,
                };
                // A source credit closing a long story paragraph ("… konflik. (Antara/Reuters)")
                // is cut; a caption is a short line and goes whole below.
                let cut = cut.or_else(|| {
                    let tail = line_end(&l);
                    let start = found(&self.credit_paren).map(|m| m.start()).or_else(|| {
                        let start = self.credit_tail.start(tail)?;
                        Some(start + (l.len() - tail.len()))
                    })?;
                    let pre = l.get(..start)?.trim_end();
                    let credit = l.get(start..).unwrap_or("").trim();
                    let bare = credit.starts_with(['(', '[']) && !credit.contains(' ');
                    let story = words(pre).count() >= 30 || (bare && words(pre).count() >= 12);
                    (story && ends_like_sentence(pre)).then_some(pre.len())
                });
                match cut {
                    Some(at) => {
                        out.report.credits += 1;
                        l.get(..at).unwrap_or(&l).to_string()
                    }
                    None => l,
                }
            })
            .collect();
        let mut keep = vec![true; lines.len()];
        let mut rule: Vec<&'static str> = vec![""; lines.len()];
        let drop =
            |i: usize, r: &'static str, keep: &mut Vec<bool>, rule: &mut Vec<&'static str>| {
                if let (Some(k), Some(x)) = (keep.get_mut(i), rule.get_mut(i)) {
                    if *k {
                        *k = false;
                        *x = r;
                    }
                }
            };
        let lowers: Vec<String> = lines.iter().map(|l| lower(l)).collect();
        // Folded word keys, computed once: the learner, the title test and the duplicate
        // test all compare lines by them.
        let line_keys: Vec<String> = lines.iter().map(|l| key(l)).collect();
        let nwords: Vec<usize> = lines.iter().map(|l| words(l).count()).collect();

        // Line rules.
        // End markers in the second half of the page: the first one the story does not
        // resume after ends it.
        let mut end_markers: Vec<usize> = Vec::new();
        // After a bare link marker ("Baca juga", "Related stories") below the story's first
        // prose: how many more lines may be its headlines.
        let mut linked = 0usize;
        let mut prose_seen = false;
        for (i, line) in lines.iter().enumerate() {
            let lower = &lowers[i];
            let n = nwords[i];
            let closes = line.trim_end().ends_with(')');
            let sentence = ends_like_sentence(line);
            // The marker's headlines: lines without a sentence end, numbers and all ("Rupiah
            // Slides Past 16,900 per Dollar"), or short questions ("What is the G20 and who
            // is attending?"), until the story resumes. After the first, a line of five
            // words or fewer is the story's next subheading, and so is a line after a blank
            // when the headlines stood as one block.
            let first = linked == LINKED_HEADLINES;
            let question = n <= 15 && line.trim_end().ends_with('?');
            let block_ended = |i: usize| {
                i >= 1
                    && blank_before.get(i) == Some(&true)
                    && blank_before.get(i - 1) == Some(&false)
            };
            if linked > 0
                && ((sentence && !question) || n > 25 || (!first && (n <= 5 || block_ended(i))))
            {
                linked = 0;
            }
            let headline = linked > 0;
            linked = linked.saturating_sub(1);
            if sentence && n >= 12 {
                prose_seen = true;
            }
            let marker = self.is_caption_marker(lower);
            if (closes && self.initials_line.is_match(line)) || wire_sign_off(line) {
                drop(i, "credit", &mut keep, &mut rule);
            } else if marker
                && (clock_time(line) && dates.first_absolute(line).is_some()
                    || n <= 6
                        && (i + 1..lines.len())
                            .find(|&j| nwords.get(j).is_some_and(|&w| w > 0))
                            .is_some_and(|j| {
                                lines
                                    .get(j)
                                    .zip(nwords.get(j))
                                    .is_some_and(|(l, &w)| self.is_stamp(l, w, dates))
                            }))
            {
                // "Source: Xinhua 2016-11-15 10:36:05", or "Source: PTI" over the date: a
                // marker with a date and a clock time, or right above the page's date stamp,
                // is the story's source and date line, not a photo's credit, and the line
                // above it is the headline, not a caption.
                drop(i, "metadata", &mut keep, &mut rule);
            } else if prose_seen
                && n <= 12
                && self.signed(line, lower)
                && (clock_time(line) || dates.first_absolute(line).is_some())
            {
                // A blog post's stamp under the story ("Posted by Aero News at 10:42 PM").
                drop(i, "metadata", &mut keep, &mut rule);
            } else if marker {
                drop(i, "caption", &mut keep, &mut rule);
                // The caption text sits just above a marker that stands alone ("Photo:
                // Anadolu Agency"; a marker that opens a whole caption has its text): a
                // short line with no sentence end, but not the page's first line of some
                // length (section names, dates and menus above it are short), which is its
                // headline.
                let headline_above = (0..i.saturating_sub(1))
                    .any(|j| keep.get(j) == Some(&true) && nwords.get(j).is_some_and(|&w| w >= 6));
                if i > 1
                    && n <= 8
                    && keep[i - 1]
                    && headline_above
                    && (nwords[i - 1] <= 25 && !ends_like_sentence(&lines[i - 1])
                        || nwords[i - 1] <= 40 && ends_with_dated_paren(&lines[i - 1]))
                {
                    drop(i - 1, "caption", &mut keep, &mut rule);
                }
            } else if self.name_alone(line, n)
                || self.pictured_action(line, lower, n)
                || self.pictured_scene(line, lower, n)
                || n <= 60
                    && ((line.contains(')')
                        && self.credit_paren.is_match(line)
                        && !line.trim_start().starts_with('('))
                        || self.places_someone_in_a_photo(lower))
            {
                drop(i, "caption", &mut keep, &mut rule);
            } else if self.is_link(line, lower)
                && !self.marked_headline(i, &lines, &lowers, prose_seen, dates, gaz)
            {
                drop(i, "link", &mut keep, &mut rule);
                if prose_seen && self.bare_link(lower) {
                    linked = LINKED_HEADLINES;
                }
            } else if is_ui_line(line, nwords.get(i + 1).copied())
                || (n <= 60 && self.footer.is_match(lower))
                || is_tag_list(line, n)
            {
                drop(i, "furniture", &mut keep, &mut rule);
            } else if self.is_spam(line, lower, n) {
                drop(i, "spam", &mut keep, &mut rule);
            } else if let Some(end) = self.furniture(line, lower, n) {
                drop(i, "furniture", &mut keep, &mut rule);
                // An end marker in the second half of the page ends the story, unless the
                // story resumes under its headlines (a "RELATED" box between paragraphs).
                // Anywhere below the first prose its headlines follow it.
                if end && i * 2 >= lines.len() {
                    end_markers.push(i);
                }
                if end && prose_seen {
                    linked = LINKED_HEADLINES;
                }
            } else if learner
                .is_some_and(|l| l.is_boilerplate(out.outlet.as_deref(), &line_keys[i]))
            {
                drop(i, "learned", &mut keep, &mut rule);
            }
            if headline && keep[i] {
                drop(i, "link", &mut keep, &mut rule);
            }
        }
        // The story resumes after a marker when two paragraphs of prose follow each other
        // before the next marker.
        let resumes = |from: usize, to: usize| {
            let mut run = 0;
            for j in from..to {
                let (l, n) = (&lines[j], nwords[j]);
                if l.trim().is_empty() {
                    continue;
                }
                if keep[j] && n >= 15 && self.story_like(l) && self.stop_density(l) >= 0.15 {
                    run += 1;
                    if run >= 2 {
                        return true;
                    }
                } else {
                    run = 0;
                }
            }
            false
        };
        let mut end_at = None;
        for (k, &e) in end_markers.iter().enumerate() {
            let next = end_markers.get(k + 1).copied().unwrap_or(lines.len());
            if !resumes(e + 1, next) {
                end_at = Some(e);
                break;
            }
        }
        // A whole rendered page: only the story's blocks and the head above them stay.
        // Its own end markers are menus and teaser headings, often between the story's
        // paragraphs: the blocks say where the story ends.
        let page_dump = !doc.from_html && dump::is_dump(&nwords);
        if page_dump {
            let inside = dump::story_blocks(&lines, &nwords);
            for (i, inside) in inside.iter().enumerate() {
                if !inside {
                    drop(i, "page", &mut keep, &mut rule);
                }
            }
            end_at = None;
        }
        if let Some(e) = end_at {
            for i in e..lines.len() {
                drop(i, "furniture", &mut keep, &mut rule);
            }
        }

        // Another story's headline alone between two paragraphs, unmarked: before the lead
        // is looked for, so a short lead with such a line under it still reads as one.
        for i in self.lone_headlines(&lines, &lowers, &nwords, &keep) {
            drop(i, "related", &mut keep, &mut rule);
        }

        // The page's shape: credits, the lead and what stands above it, the title among
        // those lines, captions shown twice, runs of other headlines.
        self.page_shape(
            &lines,
            &lowers,
            &line_keys,
            &nwords,
            &mut keep,
            &mut rule,
            &mut out,
            dates,
            gaz,
            !doc.from_html,
            page_dump,
            &cell_rows,
        );

        // A caption's text shown again without its credit (alt text, then the caption) is the
        // caption too: a kept line that the caption's words start with, most of them.
        let caption_keys: Vec<&str> = (0..lines.len())
            .filter(|&i| rule[i] == "caption" && line_keys[i].len() >= 20)
            .map(|i| line_keys[i].as_str())
            .collect();
        if !caption_keys.is_empty() {
            for i in 0..lines.len() {
                let k = line_keys[i].as_str();
                let copy = keep[i]
                    && nwords[i] <= 40
                    && k.len() >= 20
                    && caption_keys
                        .iter()
                        .any(|c| c.starts_with(k) && k.len() * 10 >= c.len() * 6);
                if copy {
                    drop(i, "caption", &mut keep, &mut rule);
                }
            }
        }

        // A caption-sized line cut from between the title and the lead and printed again in
        // the story word for word: the page shows that picture's caption twice. (A teaser
        // above the title may be the story's own paragraph.)
        let title_at =
            out.title.as_deref().map(key).and_then(|t| {
                (0..lines.len()).find(|&i| rule[i] == "metadata" && line_keys[i] == t)
            });
        let head_keys: HashSet<&str> = (0..lines.len())
            .filter(|&i| {
                title_at.is_some_and(|t| i > t)
                    && rule[i] == "head"
                    && line_keys[i].len() >= 20
                    && is_short_copy(&lines[i], nwords[i])
            })
            .map(|i| line_keys[i].as_str())
            .collect();
        for i in 0..lines.len() {
            if keep[i] && head_keys.contains(line_keys[i].as_str()) {
                drop(i, "caption", &mut keep, &mut rule);
            }
        }

        // Title: the record's, else the first kept line that reads like a headline.
        let first_kept = (0..lines.len()).find(|i| keep[*i]);
        if let Some(t) = &out.title {
            let tk = key(t);
            for i in 0..lines.len() {
                // The title repeated as a line or as the start of a caption.
                if keep[i]
                    && !tk.is_empty()
                    && line_keys[i].starts_with(&tk)
                    && nwords[i] <= words(t).count() + 25
                {
                    drop(i, "metadata", &mut keep, &mut rule);
                }
            }
        } else if let Some(i) = first_kept {
            if nwords[i] <= 25 && !lines[i].trim_end().ends_with('.') && !doc.from_html {
                out.title = Some(lines[i].clone());
                drop(i, "metadata", &mut keep, &mut rule);
                let tk = &line_keys[i];
                for j in i + 1..lines.len() {
                    if keep[j]
                        && line_keys[j].starts_with(tk.as_str())
                        && nwords[j] <= nwords[i] + 25
                    {
                        drop(j, "caption", &mut keep, &mut rule);
                    }
                }
            }
        }

        // A line that is only a person's title and name ("Russian Foreign Minister Sergey
        // Lavrov") names the picture above it: no story paragraph is a name alone.
        let title_key = out.title.as_deref().map(key).unwrap_or_default();
        for i in 0..lines.len() {
            // (A list's item is a name in a list of them: a delegation, a cabinet.)
            if keep[i]
                && nwords[i] <= 8
                && line_keys[i] != title_key
                && !list_item(&lines[i])
                && self.titled_name_only(&lines[i], gaz)
            {
                drop(i, "caption", &mut keep, &mut rule);
            }
        }

        // Metadata lines near the top: byline and date stamps, a subtitle under the title.
        let head: Vec<usize> = (0..lines.len()).filter(|i| keep[*i]).take(4).collect();
        let mut seen_story = false;
        for (pos, &i) in head.iter().enumerate() {
            let line = &lines[i];
            // The standfirst kept under the title: the stamps below it are still the head's.
            if out.subtitle.as_ref() == Some(line) {
                continue;
            }
            if self.story_like(line) && nwords[i] > 14 {
                seen_story = true;
            }
            if seen_story {
                break;
            }
            if let Some((author, published)) = self.byline(line, &lowers[i], dates, gaz) {
                if out.author.is_none() {
                    out.author = author;
                }
                if out.published.is_none() {
                    out.published = published;
                }
                drop(i, "metadata", &mut keep, &mut rule);
                continue;
            }
            if pos == 0
                && out.title.is_some()
                && out.subtitle.is_none()
                && !doc.from_html
                && nwords[i] <= 20
                && nwords[i] >= 3
                && !ends_like_sentence(line)
                && self.dateline_of(line, gaz).is_none()
            {
                // A standfirst stays in the text too (see `standfirst`).
                out.subtitle = Some(line.clone());
                if !self.standfirst(line, &lowers[i], nwords[i], gaz) {
                    drop(i, "metadata", &mut keep, &mut rule);
                }
            }
        }

        // A reporter's name with an outlet ("Yvette Tanamal (The Jakarta Post)") near the top
        // is a byline, even below a standfirst; a name with an agency after a dash or a slash
        // is a photo credit. (An outlet alone goes as metadata anywhere, below.)
        // (A reporter's line may already have gone with the head, or as a caption by its
        // credit: it still names the author.)
        let top: Vec<usize> = (0..lines.len())
            .filter(|&i| keep[i] || matches!(rule[i], "caption" | "head"))
            .take(8)
            .collect();
        for i in top {
            if nwords[i] > 8 {
                continue;
            }
            match outlet_line(&lines[i], gaz) {
                Some(OutletLine::Reporter(name)) => {
                    if out.author.is_none() {
                        out.author = Some(name.to_string());
                    }
                    if keep[i] {
                        drop(i, "metadata", &mut keep, &mut rule);
                    } else if let Some(r) = rule.get_mut(i) {
                        *r = "metadata";
                    }
                }
                Some(OutletLine::Credit) if keep[i] => drop(i, "caption", &mut keep, &mut rule),
                _ => {}
            }
        }

        // A wire's credit in brackets ("(Reporting by X in Manila; Editing by Y)") and an
        // outlet's name alone on a line ("The Jakarta Post", "- AFP", "Reuters"), anywhere.
        for i in 0..lines.len() {
            if keep[i]
                && nwords[i] <= 8
                && matches!(outlet_line(&lines[i], gaz), Some(OutletLine::Alone))
            {
                drop(i, "metadata", &mut keep, &mut rule);
            }
            let inner = lines[i]
                .trim()
                .strip_prefix('(')
                .and_then(|r| r.strip_suffix(')'));
            let lower = lowers[i].trim();
            let lower_inner = lower.strip_prefix('(').and_then(|r| r.strip_suffix(')'));
            if let (true, Some(inner), Some(lower_inner)) = (keep[i], inner, lower_inner) {
                if nwords[i] <= 40 && self.signed(inner, lower_inner) {
                    drop(i, "metadata", &mut keep, &mut rule);
                }
            }
        }

        // Reporter initials or a comment prompt glued to the end of the last paragraph.
        let mut paragraphs: Vec<String> = Vec::new();
        let mut keys: Vec<(String, Vec<u64>)> = Vec::new();
        let mut dup_count = 0usize;
        // The dateline opens one of the first paragraphs (a teaser may come before it).
        let mut dateline_tries = 3;
        for i in 0..lines.len() {
            if !keep[i] {
                continue;
            }
            // Date stamps left after the head's were read: teasers' dates, "updated" lines.
            if self.is_stamp(&lines[i], nwords[i], dates) {
                keep[i] = false;
                rule[i] = "stamp";
                continue;
            }
            let mut p = lines[i].clone();
            let mut k = None;
            if dateline_tries > 0 && out.dateline.is_none() {
                dateline_tries -= 1;
                if let Some((place, outlet, cut)) = self.dateline_of(&p, gaz) {
                    if let Some(place) = place {
                        out.dateline = Some(place);
                    }
                    if out.outlet.is_none() {
                        out.outlet = outlet;
                    }
                    p = p.get(cut..).unwrap_or("").to_string();
                    k = Some(key(&p));
                    dateline_tries = 0;
                }
            }
            let k = k.unwrap_or_else(|| line_keys[i].clone());
            let sh = shingles(&k);
            let dup = keys.iter().any(|(k2, sh2)| {
                // Jaccard can reach 0.85 only if the sizes are within 0.85 of each other.
                let close = sh.len() >= 8
                    && sh.len() * 20 >= sh2.len() * 17
                    && sh2.len() * 20 >= sh.len() * 17;
                *k2 == k || (close && near_duplicate(&sh, sh2))
            });
            if dup {
                dup_count += 1;
                keep[i] = false;
                rule[i] = "duplicate";
                continue;
            }
            keys.push((k, sh));
            paragraphs.push(p);
        }

        // An author's note closing the story ("Ima Elijah is a Senior News Reporter at Pulse.").
        while paragraphs.last().is_some_and(|p| self.is_author_note(p)) {
            if let Some(p) = paragraphs.pop() {
                out.report.metadata += 1;
                if debug {
                    removed.push(Removal {
                        rule: "metadata",
                        line: p,
                    });
                }
            }
        }
        // Tail: after the last story-like paragraph, short unpunctuated lines are page,
        // unless that paragraph introduces them as its list ("… and their portfolios:").
        if let Some(last) = paragraphs.iter().rposition(|p| self.story_like(p)) {
            let introduces = paragraphs
                .get(last)
                .is_some_and(|p| p.trim_end().ends_with(':') && words(p).count() >= INTRO_WORDS);
            let mut tail: Vec<String> = paragraphs.split_off(last + 1);
            if introduces {
                let items = tail
                    .iter()
                    .take_while(|p| unmarked_item(p, words(p).count()))
                    .count();
                paragraphs.extend(tail.drain(..items));
            }
            // A table closing the story (a party and its seats on each row): three rows or
            // more; one "Views : 412" is a counter.
            let table = tail.iter().filter(|p| table_row(p)).count() >= 3;
            for p in tail {
                // Tags, credits and other headlines: short or headline-like, no sentence end.
                let n = words(&p).count();
                if (n < 8 || self.headline_like(&p, n))
                    && !ends_like_sentence(&p)
                    && !(table && table_row(&p))
                {
                    out.report.furniture += 1;
                    if debug {
                        removed.push(Removal {
                            rule: "tail",
                            line: p,
                        });
                    }
                } else {
                    paragraphs.push(p);
                }
            }
        }
        for (i, r) in rule.iter().enumerate() {
            if r.is_empty() {
                continue;
            }
            match *r {
                "caption" => out.report.captions += 1,
                "link" => out.report.links += 1,
                "furniture" => out.report.furniture += 1,
                "spam" => out.report.spam += 1,
                "credit" => out.report.credits += 1,
                "metadata" => out.report.metadata += 1,
                "learned" => out.report.learned += 1,
                "head" | "page" | "stamp" => out.report.furniture += 1,
                "related" => out.report.links += 1,
                _ => {}
            }
            if debug {
                removed.push(Removal {
                    rule: r,
                    line: lines.get(i).cloned().unwrap_or_default(),
                });
            }
        }
        // A time without a zone is not RFC 3339: the date goes to `published`, the local
        // time to `published_local`.
        if let Some(p) = out.published.clone() {
            let zoned = p.len() <= 10
                || p.ends_with('Z')
                || p.get(19..).is_some_and(|t| t.contains(['+', '-']));
            if !zoned {
                out.published = p.get(..10).map(str::to_string);
                out.published_local = Some(p);
            }
        }
        out.report.duplicates_removed = dup_count;
        out.report.lines_removed = out.report.lines_in.saturating_sub(paragraphs.len());
        if debug {
            out.report.removed = Some(removed);
        }
        if out.language.is_none() {
            let sample: String = paragraphs
                .iter()
                .take(8)
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join(" ");
            out.language = langs.detect(&sample).map(str::to_string);
        }
        if let Some(l) = learner {
            l.observe(out.outlet.as_deref(), &line_keys);
        }
        out.paragraphs = paragraphs;
        out
    }

    /// Rules that read a line in its place on the page rather than alone:
    /// - `caption`: a line closing with a photo credit; a line shown twice in a row (alt
    ///   text and caption);
    /// - `head`: everything above the lead (the first paragraph with a dateline, or the
    ///   first long story sentence) except the title: section names, bylines, date stamps,
    ///   captions, share bars. The title is the head line that best reads as the headline
    ///   of the lead (shared words, a headline's length, shown twice, early);
    /// - `related`: two or more headline-like lines in a row (no sentence end, four to
    ///   twenty words, capitalised): lists of other stories, with or without a heading.
    #[allow(clippy::too_many_arguments)]
    fn page_shape(
        &self,
        lines: &[String],
        lowers: &[String],
        keys: &[String],
        nwords: &[usize],
        keep: &mut [bool],
        rule: &mut [&'static str],
        out: &mut Cleaned,
        dates: &DateRules,
        gaz: &Gazetteer,
        whole_page: bool,
        page_dump: bool,
        cell_rows: &HashSet<String>,
    ) {
        let mut drop = |i: usize, r: &'static str, keep: &mut [bool]| {
            if let (Some(k), Some(x)) = (keep.get_mut(i), rule.get_mut(i)) {
                if *k {
                    *k = false;
                    *x = r;
                }
            }
        };
        let n = |i: usize| nwords.get(i).copied().unwrap_or(0);
        let line = |i: usize| lines.get(i).map(String::as_str).unwrap_or("");
        // How often each line is shown on a page copy: copies mark titles and teasers.
        let mut seen: HashMap<&str, usize> = HashMap::default();
        if whole_page {
            for k in keys.iter().filter(|k| !k.is_empty()) {
                *seen.entry(k.as_str()).or_default() += 1;
            }
        }
        // Captions by their credit; an embedded post by its credit line, with the post's
        // text just above it.
        // The story's last paragraph may close with the wire's sign-off ("… border. —
        // VNS"): that is the story, not a caption.
        let last_prose = (0..lines.len())
            .rev()
            .find(|&i| keep[i] && n(i) >= 12 && self.story_like(line(i)));
        for i in 0..lines.len() {
            if keep[i]
                && n(i) <= 40
                && Some(i) != last_prose
                && self.credited_picture(line(i), lowers.get(i).map_or("", String::as_str), gaz)
            {
                drop(i, "caption", keep);
            }
            if keep[i] && n(i) <= 60 && self.credit_tail.start(line_end(line(i))).is_some() {
                let sign_off = Some(i) == last_prose
                    && n(i) >= 20
                    && line(i).rsplit_once(['—', '–']).is_some_and(|(body, who)| {
                        ends_like_sentence(body.trim_end()) && who.split_whitespace().count() <= 3
                    });
                if !sign_off {
                    drop(i, "caption", keep);
                }
            }
            if keep[i] && self.embed_credit.is_match(line(i).trim()) {
                drop(i, "caption", keep);
                let above = (0..i).rev().find(|&j| n(j) > 0);
                if let Some(j) = above.filter(|&j| n(j) <= 60) {
                    drop(j, "caption", keep);
                }
            }
        }
        // The lead and the head above it: only where the page's own layout is the text.
        // An HTML extraction already starts at the story, and its first prose line is not
        // a boundary (tried: recall on the HTML news pages fell from 0.93 to 0.80).
        if whole_page {
            // Prose by its shape alone on a rendered page, and in a language without a
            // pack (its stopwords are unknown, so `story_like` cannot see its prose).
            // Decided only when a prose-shaped line fails the stopword test.
            let unknown = std::cell::OnceCell::new();
            let by_shape = |l: &str, n: usize| {
                dump::is_prose(l, n)
                    && (page_dump || *unknown.get_or_init(|| self.unknown_language(lines, nwords)))
            };
            let kept: Vec<usize> = (0..lines.len()).filter(|&i| keep[i]).collect();
            // List items: two or more marked lines in a row. (One marked paragraph alone is
            // a lead whose dateline was cut before its dash.)
            let marked = |pos: Option<usize>| {
                pos.and_then(|p| kept.get(p))
                    .is_some_and(|&i| dump::is_bulleted(line(i)))
            };
            let list_items: HashSet<usize> = (0..kept.len())
                .filter(|&p| marked(Some(p)) && (marked(p.checked_sub(1)) || marked(Some(p + 1))))
                .filter_map(|p| kept.get(p).copied())
                .collect();
            // The lead: the first paragraph of prose (a story sentence followed by another, or
            // one long one), unless a dateline paragraph follows within two lines: a caption
            // often stands just above the lead.
            // A list item ("- Serah terima digelar …", a page's key points above the story)
            // is never the lead.
            let prose_any = |i: usize| {
                let l = line(i);
                // A short line ending on an initialism ("… ammunition from U.S.") is a
                // headline, not a sentence.
                n(i) >= 8
                    && ends_like_sentence(l)
                    && (n(i) >= 15 || !ends_with_initialism(l))
                    && (self.story_like(l)
                        || by_shape(l, n(i))
                        || (n(i) >= 20 && self.common_stop_density(l) >= 0.15))
            };
            let prose = |i: usize| !list_items.contains(&i) && prose_any(i);
            let dated = |i: usize| {
                let l = line(i);
                // The capture-free test first: most lines have no dateline. A lead ends its
                // sentence; a shouted link to another story ("AYER SOCIOS, HOY …") does not.
                ends_like_sentence(l)
                    && self.dateline.is_match(l)
                    && self
                        .dateline_of(l, gaz)
                        .is_some_and(|(_, _, cut)| words(l.get(cut..).unwrap_or("")).count() >= 10)
            };
            // A dump keeps a head of menus and teasers above its story: look further down.
            // A bulleted menu's items (one per section or edition) do not count.
            let reach = if page_dump { 60 } else { 30 };
            let window = kept
                .iter()
                .enumerate()
                .filter(|(_, i)| !list_items.contains(i))
                .nth(reach)
                .map_or(kept.len(), |(pos, _)| pos);
            let first_dated = (0..window).find(|&pos| kept.get(pos).is_some_and(|&i| dated(i)));
            let first_prose = (0..window).find(|&pos| {
                let Some(&i) = kept.get(pos) else {
                    return false;
                };
                // A line shown twice close together is a caption or the title, not the lead;
                // a paragraph shown again below a headline is a teaser of it above the headline.
                let short_copy =
                    |q: usize| kept.get(q).is_some_and(|&j| is_short_copy(line(j), n(j)));
                if self
                    .close_copy_in(&kept, keys, lines, pos)
                    .is_some_and(short_copy)
                {
                    return false;
                }
                let rest = kept.get(pos + 1..).unwrap_or(&[]);
                if let Some(copy) = rest.iter().position(|&j| keys.get(j) == keys.get(i)) {
                    let between = rest.get(..copy).unwrap_or(&[]);
                    if between.iter().any(|&j| self.headline_like(line(j), n(j))) {
                        return false;
                    }
                }
                prose(i)
                    && (n(i) >= 25 || kept.get(pos + 1).is_some_and(|&j| n(j) >= 8 && prose(j)))
            });
            let lead = match (first_dated, first_prose) {
                (Some(d), Some(p)) if d <= p + 2 => Some(d),
                (d, p) => p.or(d),
            };
            // A story told as a list (a situation update, a bulletin): when under two plain
            // prose paragraphs follow the lead found, the list items of prose above it are
            // the story, and the first of them is the lead.
            let lead = match lead {
                Some(l) if first_dated.is_none() => {
                    let plain_after = kept
                        .get(l + 1..)
                        .unwrap_or(&[])
                        .iter()
                        .filter(|&&i| prose(i))
                        .count();
                    let items_above = (0..l).filter(|&p| {
                        kept.get(p)
                            .is_some_and(|&i| list_items.contains(&i) && prose_any(i))
                    });
                    match items_above.clone().next() {
                        Some(first) if plain_after < 2 && items_above.count() >= 3 => Some(first),
                        _ => Some(l),
                    }
                }
                other => other,
            };
            if let Some(lead_pos) = lead {
                let lead_words: HashSet<String> = kept
                    .get(lead_pos)
                    .map(|&i| {
                        content_words(lowers.get(i).map(String::as_str).unwrap_or(""), &self.stop)
                    })
                    .unwrap_or_default();
                let head = kept.get(..lead_pos).unwrap_or(&[]);
                // A line under a label ("Breaking News:", "Trending:") is that box's item.
                // Under a short label ("Breaking News:"), not under a share prompt ("Share
                // this:"), which pages print above the headline too.
                let ticker_item = |i: usize| {
                    (0..i)
                        .rev()
                        .find(|&j| !line(j).trim().is_empty())
                        .is_some_and(|j| {
                            let lower_j = lowers.get(j).map(String::as_str).unwrap_or("");
                            n(j) <= 3
                                && line(j).trim_end().ends_with(':')
                                && self.starts_with_any(&self.promo, lower_j).is_none()
                        })
                };
                let stamp_or_byline = |j: usize| {
                    let lower_j = lowers.get(j).map(String::as_str).unwrap_or("");
                    self.is_stamp(line(j), n(j), dates)
                        || self.byline(line(j), lower_j, dates, gaz).is_some()
                };
                // Three or more stamps above the lead: a list of other stories, each with its
                // time ("Judul …\n48 menit lalu"), not one headline with its date.
                let dated_list = head
                    .iter()
                    .filter(|&&j| self.is_stamp(line(j), n(j), dates))
                    .count()
                    >= 3;
                // An item of a headline list under its heading ("Trending Now", "Latest
                // News", "MOST READ"): two or more headline-like lines in a row, the line above
                // them page furniture.
                let nonblank = |j: &usize| !line(*j).trim().is_empty();
                let listed = |i: usize| {
                    let item = |j: usize| self.headline_like(line(j), n(j));
                    let above = (0..i).rev().find(nonblank);
                    let mut top = i;
                    let mut heading = above;
                    while let Some(j) = heading.filter(|&j| item(j)) {
                        top = j;
                        heading = (0..j).rev().find(nonblank);
                    }
                    let below = (i + 1..lines.len()).find(nonblank).filter(|&j| item(j));
                    let run = (top..=i).filter(nonblank).count() + usize::from(below.is_some());
                    run >= 2
                        && heading.is_some_and(|h| {
                            let lower_h = lowers.get(h).map(String::as_str).unwrap_or("");
                            n(h) <= 4 && self.furniture(line(h), lower_h, n(h)).is_some()
                        })
                };
                if out.title.is_none() {
                    // The site's own name, as its byline, copyright or credit line writes it ("By
                    // Prime News Ghana | June 6, 2019", "MENA Affairs © 2021", a short name
                    // right above the date): a line that is that name is the masthead.
                    let credit_lines: Vec<&str> = (0..lines.len())
                        .filter(|&j| {
                            let lower_j = lowers.get(j).map(String::as_str).unwrap_or("");
                            let above_stamp = n(j) <= 4
                                && (j + 1..lines.len())
                                    .find(|&k| !line(k).trim().is_empty())
                                    .is_some_and(|k| self.is_stamp(line(k), n(k), dates));
                            n(j) > 0
                                && (lower_j.contains('©')
                                    || above_stamp
                                    || self.byline(line(j), lower_j, dates, gaz).is_some())
                        })
                        .filter_map(|j| lowers.get(j).map(String::as_str))
                        .collect();
                    let masthead = |lower: &str| {
                        let name = [" - ", " | ", " – ", " — "]
                            .iter()
                            .filter_map(|sep| lower.find(sep))
                            .min()
                            .and_then(|at| lower.get(..at))
                            .unwrap_or(lower)
                            .trim();
                        (1..=6).contains(&words(name).count())
                            && credit_lines.iter().any(|c| {
                                *c != lower
                                    && c.match_indices(name).any(|(at, _)| {
                                        let b = c.as_bytes();
                                        !b.get(at.wrapping_sub(1))
                                            .is_some_and(u8::is_ascii_alphanumeric)
                                            && !b
                                                .get(at + name.len())
                                                .is_some_and(u8::is_ascii_alphanumeric)
                                    })
                            })
                    };
                    // The site's menu row ("Home Politics Economy …"): what stands above it
                    // is the masthead (the site's name, its tagline, today's date).
                    let first_menu = head
                        .last()
                        .and_then(|&last| (0..last).find(|&j| self.menu_row(line(j))));
                    let mut best: Option<(f64, usize)> = None;
                    // Every line that was scored: a candidate's deck may outscore it.
                    let mut scored: Vec<(usize, f64)> = Vec::new();
                    for (pos, &i) in head.iter().enumerate() {
                        let l = line(i);
                        let lower = lowers.get(i).map(String::as_str).unwrap_or("");
                        // A copied article opens near its headline; a rendered page has its
                        // menus first and the headline just above the story.
                        let rank = if page_dump { head.len() - 1 - pos } else { pos };
                        if !(3..=30).contains(&n(i))
                            || dump::is_bulleted(l)
                            || l.starts_with('<')
                            || (l.starts_with('(') && !wire_tag_first(l))
                            || outlet_line(l, gaz).is_some()
                            || self.titled_name_only(l, gaz)
                            || self.closing_credit(l)
                            || (n(i) <= 6
                                && lower
                                    .split_whitespace()
                                    .last()
                                    .is_some_and(|w| self.photo_words.contains(w)))
                            || self.is_stamp(l, n(i), dates)
                            || (page_dump && n(i) <= 8 && self.stamp_shape.is_match(l))
                            || (l.trim_end().ends_with(['.', ':']) && !ends_with_initialism(l))
                            || self.byline(l, lower, dates, gaz).is_some()
                            || self.signed(l, lower)
                            || self.furniture(l, lower, n(i)).is_some()
                            || glued_breadcrumb(l)
                            || spaced_breadcrumb(l, &self.home_words)
                            || lettered_words(l) < 2
                            // One token ("en@agency.mn", "www.site.com"): an address.
                            || l.split_whitespace().nth(1).is_none()
                            || ampersand_label(l)
                            || ticker_item(i)
                            || masthead(lower)
                            || self.site_name(l)
                            || (n(i) <= 4 && self.starts_with_any(&self.promo, lower).is_some())
                        {
                            continue;
                        }
                        // Shown again with a credit appended: a caption, not the headline
                        // (a headline shown twice as it is stays a candidate).
                        let same = |q: Option<usize>| {
                            q.and_then(|q| head.get(q)).and_then(|&j| keys.get(j)) == keys.get(i)
                        };
                        if self.close_copy_in(head, keys, lines, pos).is_some()
                            && !same(pos.checked_sub(1))
                            && !same(Some(pos + 1))
                        {
                            continue;
                        }
                        let cw = content_words(lower, &self.stop);
                        let shared = cw.iter().filter(|w| lead_words.contains(*w)).count();
                        // A list's item is the title only when the lead is about it.
                        if shared == 0 && listed(i) {
                            continue;
                        }
                        let overlap = shared as f64 / cw.len().max(1) as f64;
                        // A row of capitalised words after "Home" is a menu unless the lead
                        // is mostly about its words ("Home Secretary Visits Flooded Towns").
                        if overlap < 0.34 && (self.menu_row(l) || cell_rows.contains(l)) {
                            continue;
                        }
                        // Shown twice: in the head, or anywhere on a rendered page (its
                        // breadcrumb, its teaser in a menu).
                        let twice = if page_dump {
                            keys.get(i)
                                .and_then(|k| seen.get(k.as_str()))
                                .is_some_and(|&c| c > 1)
                        } else {
                            // Two copies with a line between them (not a pair in a row).
                            let mut last: Option<usize> = None;
                            head.iter().enumerate().any(|(p, &j)| {
                                if keys.get(j) != keys.get(i) {
                                    return false;
                                }
                                let apart = last.is_some_and(|q| p > q + 1);
                                last = Some(p);
                                apart
                            })
                        };
                        let per_rank = if page_dump { 0.15 } else { 0.4 };
                        let mut score = 3.0 * overlap - per_rank * rank as f64;
                        if (5..=18).contains(&n(i)) {
                            score += 1.0;
                        }
                        if n(i) > 22 {
                            score -= 1.0;
                        }
                        if twice {
                            score += 1.5;
                        }
                        if first_menu.is_some_and(|m| i < m) {
                            score -= ABOVE_MENU;
                        }
                        // A rendered page's head is full of prompts and teasers; the headline
                        // shares words with the lead.
                        if page_dump && shared == 0 {
                            score -= NO_LEAD_WORD;
                        }
                        // The page's date or byline right under it, or under its standfirst:
                        // the headline of this story, not one of the list of others above it.
                        let next = |from: usize| {
                            (from + 1..lines.len()).find(|&j| !line(j).trim().is_empty())
                        };
                        let below = next(i).and_then(|j| {
                            if stamp_or_byline(j) {
                                return Some(j);
                            }
                            let lower_j = lowers.get(j).map(String::as_str).unwrap_or("");
                            let deck = n(j) > n(i) && self.standfirst(line(j), lower_j, n(j), gaz);
                            next(j).filter(|&k| deck && stamp_or_byline(k))
                        });
                        if below.is_some() && dated_list {
                            // One of the list's items: only one that the lead is about.
                            if shared == 0 {
                                continue;
                            }
                        } else if below.is_some() && shared > 0 {
                            // (A blog's tagline stands over the post's date too, but shares
                            // no word with the lead.)
                            score += DATED_BELOW;
                        }
                        scored.push((i, score));
                        if best.is_none_or(|(b, _)| score > b) {
                            best = Some((score, i));
                        }
                    }
                    // The standfirst under a shorter headline shares more words with the lead
                    // than the headline does; the headline is the line above it.
                    let best = best.map(|(score, i)| {
                        let above = (0..i).rev().find(nonblank);
                        // Close behind it: a headline, not a menu row or a byline.
                        let close = |j: usize| {
                            scored
                                .iter()
                                .any(|&(k, sk)| k == j && sk >= score - DECK_MARGIN)
                        };
                        match above.filter(|&j| {
                            // A headline has its small words in lower case; a menu has none.
                            let some_lower = words(line(j))
                                .any(|w| w.chars().next().is_some_and(char::is_lowercase));
                            close(j) && (6..n(i)).contains(&n(j)) && some_lower
                        }) {
                            Some(j)
                                if self.standfirst(
                                    line(i),
                                    lowers.get(i).map(String::as_str).unwrap_or(""),
                                    n(i),
                                    gaz,
                                ) =>
                            {
                                (score, j)
                            }
                            _ => (score, i),
                        }
                    });
                    // A section name glued before the headline ("NewsEU agrees …"): the
                    // headline's own line, when the head has it, is the title.
                    let best = best.map(|(_, i)| {
                        head.iter()
                            .copied()
                            .find(|&j| {
                                j != i
                                    && n(j) >= 4
                                    && line(i).len() > line(j).len()
                                    && line(i).ends_with(line(j))
                            })
                            .unwrap_or(i)
                    });
                    if let Some(i) = best {
                        out.title = Some(line(i).to_string());
                    } else if let Some(i) =
                        self.headline_below(&kept, lead_pos, &lead_words, lines, lowers, nwords)
                    {
                        // No headline above the lead: some copies print it under the story.
                        out.title = Some(line(i).to_string());
                        drop(i, "metadata", keep);
                    }
                }
                let title_key = out.title.as_deref().map(key).unwrap_or_default();
                let mut after_title = false;
                let mut just_after_title = false;
                for (hpos, &i) in head.iter().enumerate() {
                    let l = line(i);
                    let lower = lowers.get(i).map(String::as_str).unwrap_or("");
                    if !title_key.is_empty() && keys.get(i).is_some_and(|k| *k == title_key) {
                        drop(i, "metadata", keep);
                        after_title = true;
                        just_after_title = true;
                        continue;
                    }
                    let under_title = std::mem::take(&mut just_after_title);
                    if let Some((author, published)) = self.byline(l, lower, dates, gaz) {
                        if out.author.is_none() {
                            out.author = author;
                        }
                        if out.published.is_none() {
                            out.published = published;
                        }
                        drop(i, "metadata", keep);
                        continue;
                    }
                    // A standfirst: the sentence right under the title, shown once (not
                    // again with a credit appended, as a caption is), is the story's own.
                    if under_title
                        && n(i) >= 8
                        && !list_items.contains(&i)
                        && ends_like_sentence(l)
                        && (self.story_like(l) || by_shape(l, n(i)))
                        && head.iter().filter(|&&j| keys.get(j) == keys.get(i)).count() == 1
                        && self.close_copy_in(head, keys, lines, hpos).is_none()
                    {
                        continue;
                    }
                    if after_title
                        && out.subtitle.is_none()
                        && (6..=30).contains(&n(i))
                        && !ends_like_sentence(l)
                        && head.iter().filter(|&&j| keys.get(j) == keys.get(i)).count() == 1
                    {
                        // A standfirst right under the title, prose without a credit, is the
                        // article's own text too: it stays in it. A short or credited line
                        // there is a caption or a kicker.
                        let standfirst = under_title && self.standfirst(l, lower, n(i), gaz);
                        out.subtitle = Some(l.to_string());
                        if !standfirst {
                            drop(i, "metadata", keep);
                        }
                        continue;
                    }
                    // A city alone on its line above the lead ("Jakarta"): the dateline,
                    // set apart from the lead as some pages print it.
                    if out.dateline.is_none() && n(i) <= 3 {
                        let place = l.trim().trim_end_matches([',', '-', '–', '—', ':', ' ']);
                        let city = gaz.lookup(place).is_some_and(|e| {
                            e.kind == Kind::Entity(EntityKind::Place)
                                && e.subtype.as_deref() == Some("city")
                        });
                        if city {
                            out.dateline = Some(place.to_string());
                            drop(i, "metadata", keep);
                            continue;
                        }
                    }
                    drop(i, "head", keep);
                }
            }
        }
        // Captions shown twice in a row (the title's copies are metadata).
        let title_key = out.title.as_deref().map(key).unwrap_or_default();
        let kept: Vec<usize> = (0..lines.len()).filter(|&i| keep[i]).collect();
        let copies: Vec<usize> = (0..kept.len())
            .filter(|&pos| {
                self.close_copy_in(&kept, keys, lines, pos)
                    .and_then(|q| kept.get(q))
                    .is_some_and(|&j| is_short_copy(line(j), n(j)))
            })
            .filter_map(|pos| kept.get(pos).copied())
            .collect();
        for i in copies {
            let r = if keys.get(i).is_some_and(|k| *k == title_key) {
                "metadata"
            } else {
                "caption"
            };
            drop(i, r, keep);
        }
        if whole_page {
            // Teaser furniture: a short line shown three or more times on one page ("weiterlesen
            // 5 Minuten", a newsletter box under every teaser), and on a rendered page a line
            // of any length. A story does not repeat itself three times; a second copy of a
            // paragraph is the duplicate rule's.
            for i in 0..lines.len() {
                let thrice = keys
                    .get(i)
                    .is_some_and(|k| seen.get(k.as_str()).copied().unwrap_or(0) >= 3);
                if keep[i] && thrice && (n(i) <= 20 || page_dump) {
                    drop(i, "furniture", keep);
                }
                // On a rendered page a headline shown twice that is not the page's own is a
                // teaser: in a menu, a "most read" box, a card above and below the story.
                let twice = keys
                    .get(i)
                    .filter(|k| **k != title_key)
                    .is_some_and(|k| seen.get(k.as_str()).copied().unwrap_or(0) >= 2);
                if keep[i] && page_dump && twice && self.headline_like(line(i), n(i)) {
                    drop(i, "related", keep);
                }
            }
            // The teaser word with a count ("weiterlesen 10 Minuten" beside "weiterlesen"
            // shown ten times, "Comments 12"): a short line opening with a line shown three
            // times, the rest a figure and at most two more words.
            for i in 0..lines.len() {
                if !keep[i] || n(i) > 5 {
                    continue;
                }
                let Some(k) = keys.get(i) else { continue };
                let counted = k.char_indices().filter(|&(_, c)| c == ' ').any(|(at, _)| {
                    let (head, rest) = k.split_at(at);
                    rest.chars().any(|c| c.is_ascii_digit())
                        && rest.split_whitespace().count() <= 3
                        && seen.get(head).copied().unwrap_or(0) >= 3
                });
                if counted {
                    drop(i, "furniture", keep);
                }
            }
        }
        // Runs of other headlines.
        let kept: Vec<usize> = (0..lines.len()).filter(|&i| keep[i]).collect();
        let hl: Vec<bool> = kept
            .iter()
            .map(|&i| self.headline_like(line(i), n(i)))
            .collect();
        let mut pos = 0;
        while pos < kept.len() {
            if !hl.get(pos).copied().unwrap_or(false) {
                pos += 1;
                continue;
            }
            // A run keeps one style: a plain subheading after a bulleted list is the story's.
            let style = |q: usize| kept.get(q).is_some_and(|&i| list_item(line(i)));
            let end = (pos..kept.len())
                .find(|&q| !hl.get(q).copied().unwrap_or(false) || style(q) != style(pos))
                .unwrap_or(kept.len());
            // A list introduced by a colon is the story's own, also when its first items
            // are too short to read as headlines ("Perusahaan yang terlibat meliputi:",
            // "• PT Pindad", "• PT Republik Defens Indonesia" …).
            // Unmarked items ("Douglas Devananda – Fisheries" under "The ministers sworn in
            // and their portfolios:") are lines without a sentence end; their introduction is
            // a sentence of its own, not a two-word box label.
            let bare_item = |i: usize| unmarked_item(line(i), n(i));
            let mut before = pos;
            while before > 0
                && kept.get(before - 1).is_some_and(|&i| {
                    if style(pos) {
                        list_item(line(i))
                    } else {
                        bare_item(i)
                    }
                })
            {
                before -= 1;
            }
            let listed = before
                .checked_sub(1)
                .and_then(|p| kept.get(p))
                .is_some_and(|&i| {
                    line(i).trim_end().ends_with(':') && (style(pos) || n(i) >= INTRO_WORDS)
                });
            // An extraction keeps lists of the story's own more often than a page copy does.
            let min_run = if whole_page { 2 } else { 3 };
            if end - pos >= min_run && !listed {
                for q in pos..end {
                    if let Some(&i) = kept.get(q) {
                        drop(i, "related", keep);
                    }
                }
                // The box's label right above the run ("More in Business", "Also on
                // GulfPress", "Also on The Republic:"): a few words that end no sentence
                // (a colon may close a label, so not `ends_like_sentence`).
                let label = pos.checked_sub(1).and_then(|p| kept.get(p)).copied();
                if let Some(i) = label.filter(|&i| {
                    (1..=4).contains(&n(i))
                        && !list_item(line(i))
                        && !line(i).trim_end().ends_with(['.', '!', '?', '"', '”'])
                }) {
                    drop(i, "related", keep);
                }
            }
            pos = end;
        }
    }

    /// Another story's headline alone between two paragraphs, with no "Read also" before it:
    /// headline-shaped, at least five content words, and fewer than one in five of them
    /// anywhere else in an article of some length (its title line included). A subheading of the
    /// story's own is shorter and speaks of what the paragraphs around it do.
    fn lone_headlines(
        &self,
        lines: &[String],
        lowers: &[String],
        nwords: &[usize],
        keep: &[bool],
    ) -> Vec<usize> {
        let line = |i: usize| lines.get(i).map(String::as_str).unwrap_or("");
        let lower = |i: usize| lowers.get(i).map(String::as_str).unwrap_or("");
        let kept: Vec<usize> = (0..lines.len())
            .filter(|&i| keep.get(i).copied().unwrap_or(false) && !line(i).trim().is_empty())
            .collect();
        let candidates: Vec<(usize, HashSet<String>)> = kept
            .windows(3)
            .filter_map(|w| match *w {
                [p, i, q] => Some((p, i, q)),
                _ => None,
            })
            .filter(|&(p, i, q)| {
                let n = nwords.get(i).copied().unwrap_or(0);
                self.headline_like(line(i), n)
                    && self.story_like(line(p))
                    && self.story_like(line(q))
            })
            .map(|(_, i, _)| (i, content_words(lower(i), &self.stop)))
            .filter(|(_, cw)| cw.len() >= LONE_HEADLINE_WORDS)
            .collect();
        if candidates.is_empty() {
            return Vec::new();
        }
        // In how many kept lines each of the candidates' words stands (a line counts once),
        // and whether the article has words enough to judge by: no word is copied.
        let mut lines_with: rustc_hash::FxHashMap<&str, (usize, usize)> = candidates
            .iter()
            .flat_map(|(_, cw)| cw.iter())
            .map(|w| (w.as_str(), (0, usize::MAX)))
            .collect();
        let mut vocabulary: rustc_hash::FxHashSet<&str> = Default::default();
        for &i in &kept {
            for w in words(lower(i)).filter(|w| content_word(w, &self.stop)) {
                if vocabulary.len() < LONE_HEADLINE_CONTEXT {
                    vocabulary.insert(w);
                }
                if let Some((n, last)) = lines_with.get_mut(w) {
                    if *last != i {
                        *n += 1;
                        *last = i;
                    }
                }
            }
        }
        // A short article's words are too few to say what it is not about.
        if vocabulary.len() < LONE_HEADLINE_CONTEXT {
            return Vec::new();
        }
        candidates
            .iter()
            .filter(|(_, cw)| {
                let shared = cw
                    .iter()
                    .filter(|w| lines_with.get(w.as_str()).is_some_and(|&(n, _)| n > 1))
                    .count();
                shared * 5 < cw.len()
            })
            .map(|&(i, _)| i)
            .collect()
    }

    /// The story's own headline printed under it (a reader view, an app's share card): the
    /// first line after the last paragraph of prose, reading like a headline, at least half
    /// of its content words in the lead.
    fn headline_below(
        &self,
        kept: &[usize],
        lead_pos: usize,
        lead_words: &HashSet<String>,
        lines: &[String],
        lowers: &[String],
        nwords: &[usize],
    ) -> Option<usize> {
        let line = |i: usize| lines.get(i).map(String::as_str).unwrap_or("");
        let after_lead = kept.get(lead_pos..).unwrap_or(&[]);
        let last = after_lead.iter().rposition(|&i| self.story_like(line(i)))?;
        let &i = after_lead.get(last + 1)?;
        let n = nwords.get(i).copied().unwrap_or(0);
        if n < 5 || !self.headline_like(line(i), n) {
            return None;
        }
        let cw = content_words(lowers.get(i).map(String::as_str).unwrap_or(""), &self.stop);
        let shared = cw.iter().filter(|w| lead_words.contains(*w)).count();
        (shared * 2 >= cw.len().max(1)).then_some(i)
    }

    /// A line that reads like a headline of another story: four to twenty words, no
    /// sentence end (so never a lead with its dateline), capitalised, not a numbered point,
    /// at most one number.
    fn headline_like(&self, line: &str, n: usize) -> bool {
        if !(4..=20).contains(&n) {
            return false;
        }
        let t = line.trim_end();
        if t.ends_with(['.', '!', '?', ':', ';', '"', '”', '’', ')', ',']) {
            return false;
        }
        let s = t.trim_start_matches(['-', '•', '*', '·', '»', '›', ' ']);
        let bulleted = s.len() < t.len();
        // A list's number ("1. Yen slides …") is not the headline's; a bulleted line may open
        // with one ("- 7 Cara Ampuh …"), a bare line opening with a figure is the story's.
        let s = match after_list_number(s) {
            Some(rest) => rest,
            _ if bulleted => s,
            _ if s.chars().next().is_some_and(|c| c.is_ascii_digit()) => return false,
            _ => s,
        };
        if !s
            .chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_uppercase)
        {
            return false;
        }
        // Scores and tables ("Christie vs Phetpradab 21-6, 21-18") are the story's, and so
        // is a table's row: a label, a dash or colon, a figure ("LRLS (Liberal Movement) – 13").
        if words(s)
            .filter(|w| w.chars().any(|c| c.is_ascii_digit()))
            .count()
            > 1
            || table_row(s)
        {
            return false;
        }
        true
    }

    /// "Willy Haryono • 01 Juli 2023 09:46", "Oleh: Ani", "By Jane Doe", or a date stamp alone.
    /// "PHOTOS: French President … arrives in Kenya" over its byline or date, or under a
    /// date stamp as blogs print a post, before any prose: a headline some sites open with a
    /// gallery or video marker, not a link.
    fn marked_headline(
        &self,
        i: usize,
        lines: &[String],
        lowers: &[String],
        prose_seen: bool,
        dates: &DateRules,
        gaz: &Gazetteer,
    ) -> bool {
        if prose_seen {
            return false;
        }
        let Some(j) =
            (i + 1..lines.len()).find(|&j| lines.get(j).is_some_and(|l| !l.trim().is_empty()))
        else {
            return false;
        };
        let (Some(next), Some(next_lower)) = (lines.get(j), lowers.get(j)) else {
            return false;
        };
        let n = words(next).count();
        // Or a date stamp right above it, as blogs print a post's day over its headline.
        let above = (0..i)
            .rev()
            .find(|&j| lines.get(j).is_some_and(|l| !l.trim().is_empty()))
            .and_then(|j| lines.get(j));
        self.byline(next, next_lower, dates, gaz).is_some()
            || (n <= 8 && self.is_stamp(next, n, dates))
            || above.is_some_and(|a| {
                let n = words(a).count();
                n <= 8 && self.is_stamp(a, n, dates)
            })
    }

    fn byline(
        &self,
        line: &str,
        lower: &str,
        dates: &DateRules,
        gaz: &Gazetteer,
    ) -> Option<(Option<String>, Option<String>)> {
        let n = words(line).count();
        if n > 16 {
            return None;
        }
        // Label: "Penulis: X", "Oleh X", "By X".
        for name in self.after_byline_labels(line, lower) {
            let name = self.byline_sep.split(name).next().unwrap_or("").trim();
            if is_name_like(name) {
                let published = dates.parse_published(line);
                return Some((Some(name.to_string()), published));
            }
        }
        // A stamp: a date and at most a name and a time around it.
        let (start, end, _date) = dates.first_absolute_span(line)?;
        let published = dates.parse_published(line).or_else(|| {
            // The date may follow a name: parse from each separator-split part.
            self.byline_sep
                .split(line)
                .find_map(|p| dates.parse_published(p))
        })?;
        let parts: Vec<&str> = self
            .byline_sep
            .split(line)
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        let author = parts
            .iter()
            .find(|p| {
                dates.first_absolute(p).is_none() && is_name_like(p) && gaz.lookup(p).is_none()
            })
            .map(|p| p.to_string());
        // Everything else on the line must be date-ish: weekday, date, time, zone. Without an
        // author, a few words at most around the date ("Senin", "pukul", "WIB"), not a
        // headline with a date range at its end ("… ke Indonesia 4-5 Februari 2021").
        let around = [line.get(..start), line.get(end..)];
        let wordy = around
            .iter()
            .flatten()
            .flat_map(|t| words(t))
            .filter(|w| !w.chars().any(|c| c.is_ascii_digit()))
            .count();
        if parts.len() > 3
            || (author.is_none() && parts.len() > 2)
            || (n > 10 && author.is_none())
            || (author.is_none() && wordy > 4)
        {
            return None;
        }
        Some((author, Some(published)))
    }

    /// What follows each byline label that opens the line ("Oleh X", "Penulis: X", "By X").
    fn after_byline_labels<'l>(
        &'l self,
        line: &'l str,
        lower: &'l str,
    ) -> impl Iterator<Item = &'l str> + 'l {
        self.byline_labels.iter().filter_map(move |label| {
            lower
                .strip_prefix(label.as_str())
                .filter(|rest| rest.starts_with([':', ' ']))
                .map(|_| {
                    line.get(label.len()..)
                        .unwrap_or("")
                        .trim_start_matches([':', ' '])
                        .trim()
                })
        })
    }

    /// A line opening with a byline label and a capitalised word ("By News Dude, Newser
    /// Staff"): signed, whatever the byline rules make of the rest.
    fn signed(&self, l: &str, lower: &str) -> bool {
        self.after_byline_labels(l, lower)
            .any(|rest| rest.chars().next().is_some_and(char::is_uppercase))
    }

    /// A menu copied as one row without its separators ("Home Politics Security Economy
    /// Opinion Blog"): a home link, then four or more capitalised one-word sections.
    fn menu_row(&self, line: &str) -> bool {
        let mut ws = line.split_whitespace();
        let home = ws
            .next()
            .is_some_and(|w| self.home_words.contains(&w.to_lowercase()));
        // Separators between the items ("Home | News | Contact Us") are not words.
        let rest: Vec<&str> = ws
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .collect();
        home && rest.len() >= 4 && rest.iter().all(|w| capitalised_word(w))
    }

    /// An author's note: a capitalised name of one to four words, a link ("is a", "adalah"),
    /// then a role word within six words ("Senior News Reporter"), in a first sentence of at
    /// most 30 words; a second sentence may follow ("He has previously reported from …").
    /// An author card may put the name and role first: "Ruth Roe (Business Editor) Ruth Roe
    /// is a business editor at …".
    fn is_author_note(&self, p: &str) -> bool {
        let all: Vec<&str> = p.split_whitespace().collect();
        let card = all
            .iter()
            .take(8)
            .position(|w| w.ends_with(')'))
            .filter(|&i| all.get(i + 1).is_some_and(|w| Some(w) == all.first()))
            .map_or(0, |i| i + 1);
        let ws = all.get(card..).unwrap_or(&[]);
        let first_sentence = ws
            .iter()
            .position(|w| {
                w.ends_with(['.', '!', '?'])
                    && w.trim_end_matches(['.', '!', '?']).chars().count() > 2
            })
            .map_or(ws.len(), |i| i + 1);
        if !(4..=30).contains(&first_sentence) || ws.len() > 70 {
            return false;
        }
        let low: Vec<String> = ws
            .iter()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .collect();
        self.bio_links.iter().any(|link| {
            (1..=4).any(|at| {
                let name = ws.get(..at).unwrap_or(&[]);
                low.get(at..at + link.len()) == Some(link.as_slice())
                    && name
                        .iter()
                        .all(|w| w.chars().next().is_some_and(char::is_uppercase))
                    && low
                        .iter()
                        .skip(at + link.len())
                        .take(6)
                        .any(|w| self.bio_roles.contains(w))
            })
        })
    }

    /// A dateline at the start of a paragraph: (place, outlet, byte offset where the story starts).
    fn dateline_of(
        &self,
        p: &str,
        gaz: &Gazetteer,
    ) -> Option<(Option<String>, Option<String>, usize)> {
        let c = self.dateline.captures(p)?;
        let lead = c.get(1)?;
        let story = c.get(4)?;
        let lead_s = lead.as_str();
        // The lead is ALL CAPS ("MOSKOW", "NEW DELHI"), a known place, or an outlet.
        let outlet_of = |s: &str| {
            gaz.lookup(s)
                .filter(|e| e.kind == Kind::Outlet)
                .map(|e| e.name.clone())
        };
        let is_place = |s: &str| {
            gaz.lookup(s)
                .is_some_and(|e| matches!(e.kind, Kind::Entity(crate::article::EntityKind::Place)))
        };
        let all_caps = |s: &str| {
            s.chars()
                .filter(|c| c.is_alphabetic())
                .all(|c| c.is_uppercase())
                && s.chars().filter(|c| c.is_alphabetic()).count() >= 3
        };
        let caps = all_caps(lead_s);
        let second = c.get(2).map(|m| m.as_str().trim().to_string());
        if let Some(o) = outlet_of(lead_s) {
            return Some((None, Some(o), story.start()));
        }
        // "PRABUMULIH.CO –", "Harianjogja.com, JAKARTA –": a web address is the outlet, not
        // a place; the place may follow it.
        let web = lead_s.rsplit_once('.').is_some_and(|(host, tld)| {
            !host.is_empty() && tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic())
        });
        if web {
            let place = second.filter(|s| is_place(s) || all_caps(s));
            return Some((place, Some(lead_s.to_string()), story.start()));
        }
        if !(caps || is_place(lead_s)) {
            return None;
        }
        // "Jakarta, IDN Times -", "JAKARTA, KOMPAS.com -", "WASHINGTON (Reuters) -".
        let paren = c.get(3).map(|m| m.as_str().trim().to_string());
        let outlet = second
            .as_deref()
            .and_then(outlet_of)
            .or_else(|| paren.as_deref().and_then(outlet_of))
            .or(second
                .filter(|s| !s.is_empty() && s.chars().next().is_some_and(char::is_uppercase)));
        Some((Some(lead_s.to_string()), outlet, story.start()))
    }
}

/// A comma-separated list of at least two items of at most five words each, with no
/// sentence end: a tag or category list after its label.
fn short_items(rest: &str) -> bool {
    let rest = rest.trim_start_matches([':', '|', ' ']).trim_end();
    let items: Vec<&str> = rest.split([',', ';']).map(str::trim).collect();
    items.len() >= 2
        && !rest.ends_with(['.', '!', '?'])
        && items
            .iter()
            .all(|i| !i.is_empty() && i.split_whitespace().count() <= 5)
}

/// "Tags: KF-21 Boramae Prabowo Subianto Korea Selatan": after a label's colon or bar, two
/// words or more, every one capitalised or a number, and no sentence end. Tag widgets that
/// set their items apart by spacing alone copy as such a run.
fn capitalised_after_label(line: &str) -> bool {
    let Some(rest) = line.split_once([':', '|']).map(|(_, r)| r.trim()) else {
        return false;
    };
    let mut n = 0;
    for w in rest.split_whitespace() {
        let Some(c) = w.chars().find(|c| c.is_alphanumeric()) else {
            continue;
        };
        if !(c.is_uppercase() || c.is_numeric()) {
            return false;
        }
        n += 1;
    }
    n >= 2 && !ends_like_sentence(rest)
}

/// A section label joined by an ampersand ("Russian Politics & Diplomacy", "Arts & Culture"):
/// at most four words, each capitalised. Never the title.
fn ampersand_label(l: &str) -> bool {
    let ws: Vec<&str> = l.split_whitespace().collect();
    ws.len() <= 4
        && ws.contains(&"&")
        && ws
            .iter()
            .all(|w| *w == "&" || w.chars().next().is_some_and(char::is_uppercase))
}

/// What the page's date or byline right under a headline candidate adds to its score.
const DATED_BELOW: f64 = 1.0;
/// What a head candidate standing above the site's menu row loses: the masthead is there.
const ABOVE_MENU: f64 = 2.0;
/// How far behind the standfirst under it the headline may score and still be the title.
const DECK_MARGIN: f64 = 1.0;

/// Content words a lone headline needs before its words are weighed against the story's: a
/// shorter line between paragraphs is more likely the story's own subheading.
const LONE_HEADLINE_WORDS: usize = 5;
/// Distinct content words the article needs before a line's absence from it means anything.
const LONE_HEADLINE_CONTEXT: usize = 60;
/// An item of a list without bullets: a short line with no sentence end, not itself an
/// introduction ("Douglas Devananda – Fisheries").
fn unmarked_item(l: &str, n: usize) -> bool {
    n <= 20 && !ends_like_sentence(l) && !l.trim_end().ends_with(':')
}

/// Words in a sentence that introduces a list with a colon: a box label ("Baca juga:",
/// "Related stories:") is shorter.
const INTRO_WORDS: usize = 6;
/// What a rendered page's title candidate loses when it shares no word with the lead.
const NO_LEAD_WORD: f64 = 2.0;

impl Cleaner {
    /// The close copy of the kept line at `pos`, if any: the same key right before or after
    /// it (alt text and caption), or the same line again with a credit appended (the caption
    /// closed by "Copyright Armando Franca/AP"). Gives the kept position of the shorter one,
    /// whose length decides whether the pair is a caption. A story paragraph repeated after
    /// an ad or another paragraph is a duplicate, handled later, whose first copy stays.
    fn close_copy_in(
        &self,
        kept: &[usize],
        keys: &[String],
        lines: &[String],
        pos: usize,
    ) -> Option<usize> {
        let k = kept
            .get(pos)
            .and_then(|&i| keys.get(i))
            .filter(|k| !k.is_empty())?;
        let at = |q: Option<usize>| q.and_then(|q| kept.get(q)).and_then(|&j| keys.get(j));
        let (above, below) = (pos.checked_sub(1), Some(pos + 1));
        if at(above) == Some(k) || at(below) == Some(k) {
            return Some(pos);
        }
        let text = |q: usize| {
            kept.get(q)
                .and_then(|&i| lines.get(i))
                .map(|l| l.trim_end())
        };
        let credited = |long: usize, short: usize| {
            let (Some(long), Some(short)) = (text(long), text(short)) else {
                return false;
            };
            let Some(extra) = long.strip_prefix(short).map(str::trim) else {
                return false;
            };
            // "Malawi President Joyce Banda. FILE | NATION MEDIA GROUP": a credit in capitals
            // behind a separator marks even a short copy as the caption's.
            let shouted = extra
                .trim_start_matches(['.', ',', ' '])
                .split_once(['|', '/'])
                .is_some_and(|(a, b)| {
                    let caps = |x: &str| {
                        x.chars().any(char::is_alphabetic) && !x.chars().any(char::is_lowercase)
                    };
                    caps(a) && caps(b)
                });
            let min_short = if shouted { 3 } else { 6 };
            words(short).count() >= min_short
                && (1..=12).contains(&words(extra).count())
                && (shouted
                    || extra.contains(['/', '©'])
                    || self.is_caption_marker(&lower(extra))
                    || self.credit_tail.start(extra).is_some())
        };
        [above, below].into_iter().flatten().find_map(|q| {
            if credited(q, pos) {
                Some(pos)
            } else if credited(pos, q) {
                Some(q)
            } else {
                None
            }
        })
    }
}

/// A word that opens with a capital letter.
fn capital(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// A line whose close copy marks a caption (alt text and caption): at most one sentence
/// of at most 35 words. A longer paragraph shown twice is a repeated story paragraph.
fn is_short_copy(line: &str, n: usize) -> bool {
    let inner_ends = line
        .trim_end()
        .char_indices()
        .filter(|&(i, c)| {
            matches!(c, '.' | '!' | '?')
                && line.get(i + 1..).is_some_and(|r| r.starts_with(' '))
                && line
                    .get(i + 1..)
                    .and_then(|r| r.trim_start().chars().next())
                    .is_some_and(char::is_uppercase)
        })
        .count();
    n <= 35 && inner_ends == 0
}

/// The words of a lower-cased line that carry content: three letters or more, no stopword.
fn content_words(lower: &str, stop: &rustc_hash::FxHashSet<String>) -> HashSet<String> {
    words(lower)
        .filter(|w| content_word(w, stop))
        .map(str::to_string)
        .collect()
}

/// A word of three letters or more that is not a stopword.
fn content_word(w: &str, stop: &rustc_hash::FxHashSet<String>) -> bool {
    w.chars().count() >= 3 && !stop.contains(w)
}

/// "… usai penandatanganan di Jakarta, Rabu (7/5/2025).": a caption's closing date, a
/// parenthesis of digits and slashes at the very end.
fn ends_with_dated_paren(line: &str) -> bool {
    let t = line.trim_end().trim_end_matches('.');
    t.strip_suffix(')')
        .and_then(|b| b.rsplit_once('('))
        .is_some_and(|(_, inner)| {
            inner.contains('/') && inner.chars().all(|c| c.is_ascii_digit() || c == '/')
        })
}

/// The last 160 bytes of a line (on a character boundary): where a closing credit stands.
/// Credit patterns are anchored at the end, so searching the whole line only costs time.
fn line_end(l: &str) -> &str {
    let mut at = l.len().saturating_sub(160);
    while !l.is_char_boundary(at) {
        at += 1;
    }
    l.get(at..).unwrap_or(l)
}

/// A number, one of the packs' ages, and at most a separator: the whole line.
fn age_stamp_pattern(ages: &[String]) -> String {
    let mut ages: Vec<&String> = ages.iter().collect();
    ages.sort_by_key(|a| std::cmp::Reverse(a.len()));
    let alt = ages
        .iter()
        .map(|a| regex::escape(a).replace(' ', r"\s+"))
        .collect::<Vec<_>>()
        .join("|");
    if alt.is_empty() {
        // No pack names an age: nothing matches.
        return r"(?-u:\b\B)".to_string();
    }
    format!(r"^\s*[0-9]{{1,3}}\s*(?i:{alt})\s*[-–—|•·]?\s*$")
}

/// A wire's sign-off alone on its line: its name after dashes ("--IANS", "— AFP") or the
/// staff's initials joined by slashes ("rn/rtp", "ksk/sdr").
fn wire_sign_off(line: &str) -> bool {
    let t = line.trim();
    let dashed = t.trim_start_matches(['-', '–', '—']);
    if dashed.len() < t.len() && dashed.len() + 3 * 3 >= t.len() {
        let name = dashed.trim_start();
        return (2..=8).contains(&name.len()) && name.bytes().all(|b| b.is_ascii_uppercase());
    }
    let parts: Vec<&str> = t.split('/').collect();
    (2..=4).contains(&parts.len())
        && parts
            .iter()
            .all(|p| (2..=5).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_lowercase()))
}

/// A clock time ("10:36", "9:05") somewhere in the line.
fn clock_time(line: &str) -> bool {
    let b = line.as_bytes();
    line.match_indices(':').any(|(i, _)| {
        let digit = |j: Option<usize>| j.and_then(|j| b.get(j)).is_some_and(u8::is_ascii_digit);
        digit(i.checked_sub(1)) && digit(Some(i + 1)) && digit(Some(i + 2)) && !digit(Some(i + 3))
    })
}

/// The credit that closes a caption, built from the language packs' caption markers:
/// "Foto: X/Y" (a marker, a colon, a short credit), "(Foto: Reuters)", "(HANDOUT)" (a
/// marker in parentheses), "[Suara.com/Name]", "ANTARA/Xinhua/aa." (an agency in
/// capitals, a slash), "/Net", "via REUTERS", "Photo/ANI".
fn credit_tail_patterns(markers: &[String]) -> Vec<(&'static [char], String)> {
    let mut words: Vec<String> = markers
        .iter()
        .map(|m| m.trim_end_matches([':', '.', '/', ' ']).trim().to_string())
        .filter(|m| m.len() >= 2 && m.chars().all(|c| c.is_alphanumeric() || c == ' '))
        .collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words.dedup();
    let alt = words
        .iter()
        .map(|w| regex::escape(w))
        .collect::<Vec<_>>()
        .join("|");
    let s = |p: &str| p.to_string();
    // Each pattern with the characters one of which it cannot match without.
    vec![
        (
            &[':', '|'][..],
            format!(r"(?i:(?-u:\b)(?:{alt})\s*[:|]\s*[^:|]{{1,80}}$)"),
        ),
        (&['['], s(r"\[[^\[\]]{2,60}\]\s*$")),
        (&['('], format!(r"\((?i:{alt})(?-u:\b)[^()]{{0,60}}\)\s*$")),
        (&['('], format!(r"\([^()]* (?i:{alt})\)\s*$")),
        (&['@'], s(r"\((?:[A-Za-z]+ )?@[A-Za-z0-9_]+\)\s*$")),
        (&['/'], s(r"/(?:Net|NET|net)\.?\s*$")),
        (
            &['/'],
            // After the slash a name or an agency: capitalised words, initials ("aa"),
            // never a comma or a longer word in lower case ("DPR/MPR, Jakarta.",
            // "KFX/IFX antara Indonesia dan Korea Selatan.": prose).
            s(
                r"(?-u:\b)[A-Z]{2,}(?: FOTO)?/[^\s/,]+(?: (?:[^\s/,a-z][^\s/,]*|[a-z]{1,3}\.?)){0,4}(?:/[^/]{1,40}){0,2}\s*$",
            ),
        ),
        (&[], s(r"(?-u:\b)via [A-Z]{2,}\.?\s*$")),
        (
            &['/'],
            format!(r"(?-u:\b)(?i:{alt})/[A-Z][^/\s]{{1,30}}\s*$"),
        ),
        (&['©'], s(r"©\s*[^©]{1,80}$")),
        (
            &['—', '–', '-'],
            s(r"[.!?] ?[—–-] ?[A-Z][^\s—–]*(?: [A-Z][^\s—–]*){0,3} ?$"),
        ),
        (
            &['/'],
            format!(r"[.!?] ?/ ?(?i:{alt})\.? ?[A-Z][^/]{{1,40}}$"),
        ),
        (
            &['/'],
            s(r"(?-u:\b)[A-Za-z][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)+/ ?[A-Z][^/]{1,40}$"),
        ),
    ]
}

/// Patterns that all end at the end of the text, searched one by one, each only when the
/// text has a character it needs: the earliest start is where their union would match. (As
/// one regex their counted repetitions made a lazy DFA too large for its cache, rebuilt on
/// almost every line.)
#[derive(Debug)]
struct AnyOf(Vec<(&'static [char], Regex)>);

impl AnyOf {
    fn start(&self, s: &str) -> Option<usize> {
        self.0
            .iter()
            .filter(|(needs, _)| needs.is_empty() || needs.iter().any(|&c| s.contains(c)))
            .filter_map(|(_, r)| r.find(s))
            .map(|m| m.start())
            .min()
    }
}

impl Cleaner {
    /// "South Korean President Lee Jae-myung", "Presiden Joko Widodo": a person with a
    /// title and nothing else, a photo's caption; a headline says what happened.
    /// A photo's credit in brackets closing a line: "… in Adelaide. (Defence)", "… at Qasr
    /// Al Watan (WAM)", "(Name/Agency)". A label ("(PHOTOS)", "(VIDEO)") or an acronym spelt
    /// out just before it ("Artificial Intelligence (AI)") is not a credit, and a bracket
    /// of ordinary words after no full stop ("(Full List)") may be the headline's own.
    fn closing_credit(&self, line: &str) -> bool {
        let t = line.trim_end();
        let Some((pre, inner)) = t.strip_suffix(')').and_then(|b| b.rsplit_once('(')) else {
            return false;
        };
        let pre = pre.trim_end();
        let ws: Vec<&str> = inner.split_whitespace().collect();
        if !(1..=4).contains(&ws.len())
            || words(pre).count() < 3
            || inner.chars().any(|c| c.is_ascii_digit())
            || self.section_words.contains(&lower(inner.trim()))
        {
            return false;
        }
        if inner.contains('/') {
            return true;
        }
        let capitalised = ws
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
        let acronym = ws.len() == 1
            && inner.chars().count() >= 2
            && inner.chars().all(|c| c.is_uppercase() || c == '.');
        let spelt_out = acronym && {
            let before: Vec<&str> = words(pre).collect();
            let from = before.len().saturating_sub(inner.chars().count() + 2);
            let initials: String = before
                .get(from..)
                .unwrap_or_default()
                .iter()
                .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
                .collect();
            initials.contains(inner)
        };
        capitalised && !spelt_out && (acronym || pre.ends_with(['.', '!', '?']))
    }

    /// A short line that names a news site: a capitalised site word ("EWN Eyewitness News",
    /// "Andina - Agencia Peruana de Noticias") or a web address ("IMPIANNEWS.COM (Pesisir
    /// Selatan)"). Never the headline.
    fn site_name(&self, line: &str) -> bool {
        const DOMAINS: &[&str] = &[
            ".com", ".net", ".org", ".id", ".co.id", ".co.uk", ".tv", ".news",
        ];
        words(line).count() <= 7
            && line.split_whitespace().any(|t| {
                let t = t.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
                let lower = t.to_lowercase();
                let site_word = t.chars().next().is_some_and(char::is_uppercase)
                    && self.site_words.contains(&lower);
                let domain = DOMAINS.iter().any(|d| {
                    lower.strip_suffix(d).is_some_and(|host| {
                        host.chars().next_back().is_some_and(char::is_alphanumeric)
                    })
                });
                site_word || domain
            })
    }

    fn titled_name_only(&self, line: &str, gaz: &Gazetteer) -> bool {
        if words(line).count() > 8 {
            return false;
        }
        // A title word first: a hash lookup per word, and most short lines hold none.
        let titled_word = crate::tag::word_spans(line)
            .any(|(_, w)| self.title_words.contains(&crate::gazetteer::fold_str(w)));
        if !titled_word {
            return false;
        }
        let hits = gaz.find(line);
        let person = hits.iter().any(|h| {
            gaz.entries
                .get(h.entry)
                .is_some_and(|e| e.kind == Kind::Entity(crate::article::EntityKind::Person))
        });
        let mut titled = false;
        let all_named = crate::tag::word_spans(line).all(|(at, w)| {
            if hits.iter().any(|h| h.start <= at && at < h.end) {
                return true;
            }
            let f = crate::gazetteer::fold_str(w);
            let title = self.title_words.contains(&f);
            titled |= title;
            title || self.stop.contains(&f)
        });
        person && titled && all_named
    }
}

/// The rest of a numbered list item ("1. Yen slides …", "2) …"), after its number.
fn after_list_number(s: &str) -> Option<&str> {
    let (num, rest) = s.split_once(['.', ')'])?;
    ((1..=2).contains(&num.len())
        && num.chars().all(|c| c.is_ascii_digit())
        && rest.starts_with(' '))
    .then(|| rest.trim_start())
}

/// A bulleted or numbered line ("• …", "- …", "1. …").
fn list_item(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with(['-', '•', '*', '·', '»', '›']) || after_list_number(t).is_some()
}

/// "… Cooperation With U.S.": the final dot is the abbreviation's, not a sentence's.
fn ends_with_initialism(l: &str) -> bool {
    l.split_whitespace().last().is_some_and(|w| {
        let core = w.trim_end_matches('.');
        core.contains('.') && core.split('.').all(|p| p.chars().count() == 1)
    })
}

/// What a short line naming an outlet is.
#[derive(Debug, PartialEq)]
enum OutletLine<'a> {
    /// The outlet alone ("The Jakarta Post", "- AFP"): a source line.
    Alone,
    /// "Yvette Tanamal (The Jakarta Post)": the reporter's byline.
    Reporter(&'a str),
    /// "Prabowo Subianto - Antara", "Name/Reuters": a photo's subject or photographer and
    /// the agency, a caption's credit.
    Credit,
}

fn outlet_line<'a>(line: &'a str, gaz: &Gazetteer) -> Option<OutletLine<'a>> {
    let outlet = |s: &str| gaz.lookup(s.trim()).is_some_and(|e| e.kind == Kind::Outlet);
    let t = line.trim().trim_start_matches(['-', '–', '•', '*', ' ']);
    if t.split_whitespace().count() > 8 {
        return None;
    }
    if outlet(t) {
        return Some(OutletLine::Alone);
    }
    if let Some((name, source)) = t.strip_suffix(')').and_then(|x| x.rsplit_once('(')) {
        return (outlet(source) && is_name_like(name.trim()))
            .then(|| OutletLine::Reporter(name.trim()));
    }
    let (name, source) = t
        .rsplit_once(" - ")
        .or_else(|| t.rsplit_once(" – "))
        .or_else(|| t.rsplit_once('/'))?;
    (outlet(source) && is_name_like(name.trim())).then_some(OutletLine::Credit)
}

/// A wire's bracketed tag opens the headline ("(LEAD) …", "(2ND LD) …", "(URGENT) …").
fn wire_tag_first(l: &str) -> bool {
    l.strip_prefix('(')
        .and_then(|r| r.split_once(')'))
        .is_some_and(|(tag, rest)| {
            (2..=12).contains(&tag.len())
                && tag.chars().any(char::is_alphabetic)
                && !tag.chars().any(char::is_lowercase)
                && rest.split_whitespace().count() >= 3
        })
}

fn is_name_like(s: &str) -> bool {
    let ws: Vec<&str> = s.split_whitespace().collect();
    (1..=5).contains(&ws.len())
        && ws.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || ".'’-".contains(c))
        })
}

/// Lower case as `str::to_lowercase` gives it, with runs of ASCII lowered in bulk: lines
/// with one curly quote or dash would otherwise be lowered a character at a time.
fn lower(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    // A capital sigma's lower form depends on its neighbours: only std knows the rule.
    if s.contains('Σ') {
        return s.to_lowercase();
    }
    let mut out = String::with_capacity(s.len() + 8);
    crate::gazetteer::each_ascii_run(s, |_, piece| match piece {
        Ok(ascii) => crate::gazetteer::push_ascii_lower(&mut out, ascii),
        Err(c) => out.extend(c.to_lowercase()),
    });
    out
}

fn normalize_space(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{200b}') {
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Sorted, distinct hashes of a key's words: a paragraph retold with a word or two changed
/// shares nearly all of them.
fn shingles(k: &str) -> Vec<u64> {
    use std::hash::{Hash, Hasher};
    // Keys are ASCII-space separated: a byte split, not a `char` searcher per word, into a
    // vector sized once.
    let b = k.as_bytes();
    let mut v: Vec<u64> = Vec::with_capacity(b.iter().filter(|c| **c == b' ').count() + 1);
    v.extend(b.split(|c| *c == b' ').map(|w| {
        let mut h = rustc_hash::FxHasher::default();
        w.hash(&mut h);
        h.finish()
    }));
    v.sort_unstable();
    v.dedup();
    v
}

/// Whether two sorted shingle sets overlap by a Jaccard index of at least 0.85, in integers:
/// inter / (inter + misses) ≥ 17/20 ⇔ 3·inter ≥ 17·misses. Every paragraph is compared with
/// every earlier one, so the merge stops as soon as the misses rule the pair out.
fn near_duplicate(a: &[u64], b: &[u64]) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    // The overlap can never exceed the smaller set.
    let most = 3 * a.len().min(b.len());
    let (mut i, mut j, mut inter, mut misses) = (0, 0, 0usize, 0usize);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => {
                i += 1;
                misses += 1;
            }
            std::cmp::Ordering::Greater => {
                j += 1;
                misses += 1;
            }
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
        if 17 * misses > most {
            return false;
        }
    }
    misses += a.len().saturating_sub(i) + b.len().saturating_sub(j);
    3 * inter >= 17 * misses
}

/// Headlines a bare link marker may stand over: a "read also" box holds a few.
const LINKED_HEADLINES: usize = 5;

/// What the stream teaches: a short line seen in at least `threshold` different articles of
/// one outlet is boilerplate of that outlet. Memory is bounded: at most `capacity` line
/// fingerprints are tracked, the oldest forgotten first.
#[derive(Debug)]
pub struct Learner {
    inner: Mutex<LearnState>,
    threshold: u32,
    capacity: usize,
}

#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
struct LearnState {
    /// How the fingerprints were made (`FINGERPRINT`); a file without it predates the scheme.
    #[serde(default)]
    fingerprint: String,
    /// Keys are already FNV hashes: hashing them again with SipHash buys nothing.
    counts: rustc_hash::FxHashMap<u64, u32>,
    order: VecDeque<u64>,
}

/// Names the fingerprint function below. Fingerprints outlive the process in the state file,
/// so they come from a fixed, written-down hash rather than std's `DefaultHasher`, whose
/// algorithm may change with the toolchain: a restored state would then match nothing and
/// fill the cap with dead entries.
const FINGERPRINT: &str = "fnv1a64(outlet NUL key)";

/// FNV-1a, 64 bits, over `parts` joined by NUL bytes.
fn fnv1a64(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, part) in parts.iter().enumerate() {
        let sep: &[u8] = if i == 0 { b"" } else { b"\0" };
        for &b in sep.iter().chain(part.as_bytes()) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

impl Learner {
    pub fn new(threshold: u32, capacity: usize) -> Learner {
        Learner {
            inner: Mutex::new(LearnState {
                fingerprint: FINGERPRINT.to_string(),
                ..LearnState::default()
            }),
            threshold,
            capacity,
        }
    }

    /// `k` is the line's `key`.
    fn fingerprint(outlet: Option<&str>, k: &str) -> Option<u64> {
        let outlet = outlet?;
        // Only short lines are candidates: a long paragraph repeated across articles is a
        // syndicated story, not furniture. Keys are single-space separated, so counting
        // stops at the 21st word instead of splitting a whole paragraph.
        let n = k.bytes().filter(|b| *b == b' ').take(20).count() + 1;
        if k.is_empty() || n > 20 {
            return None;
        }
        Some(fnv1a64(&[outlet, k]))
    }

    /// Whether a line (given by its `key`) is learned boilerplate of `outlet`.
    pub fn is_boilerplate(&self, outlet: Option<&str>, line_key: &str) -> bool {
        let Some(f) = Self::fingerprint(outlet, line_key) else {
            return false;
        };
        self.inner
            .lock()
            .map(|s| s.counts.get(&f).is_some_and(|c| *c >= self.threshold))
            .unwrap_or(false)
    }

    /// Counts each distinct short line of one article (given by their `key`s) once.
    pub fn observe(&self, outlet: Option<&str>, line_keys: &[String]) {
        let fps: rustc_hash::FxHashSet<u64> = line_keys
            .iter()
            .filter_map(|l| Self::fingerprint(outlet, l))
            .collect();
        if fps.is_empty() {
            return;
        }
        let Ok(mut s) = self.inner.lock() else { return };
        for f in fps {
            let c = s.counts.entry(f).or_insert(0);
            *c = c.saturating_add(1);
            if *c == 1 {
                s.order.push_back(f);
            }
        }
        while s.order.len() > self.capacity {
            if let Some(old) = s.order.pop_front() {
                s.counts.remove(&old);
            }
        }
    }

    /// Writes what was learned to `path` through a temp file beside it, streamed: a full
    /// learner is a few MiB of JSON, which is never held in memory whole.
    pub fn save_to(&self, path: &std::path::Path) -> crate::error::Result<()> {
        let tmp = path.with_extension("tmp");
        let write = || -> std::io::Result<()> {
            let state = self
                .inner
                .lock()
                .map_err(|_| std::io::Error::other("learner lock poisoned"))?;
            let mut w = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
            serde_json::to_writer(&mut w, &*state)?;
            w.into_inner().map_err(|e| e.into_error())?.sync_all()?;
            std::fs::rename(&tmp, path)
        };
        write().map_err(|e| crate::error::Error::io(path, e))
    }

    /// Loads what an earlier run saved at `path`; no file there is a first start.
    pub fn restore_from(&self, path: &std::path::Path) -> crate::error::Result<()> {
        let file = match std::fs::File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(crate::error::Error::io(path, e)),
        };
        let state: LearnState = serde_json::from_reader(std::io::BufReader::new(file))
            .map_err(|e| crate::error::Error::io(path, e.into()))?;
        if state.fingerprint != FINGERPRINT {
            let why = format!(
                "learned state uses fingerprint scheme {:?}, this version {FINGERPRINT:?}",
                state.fingerprint
            );
            return Err(crate::error::Error::io(
                path,
                std::io::Error::new(std::io::ErrorKind::InvalidData, why),
            ));
        }
        if let Ok(mut s) = self.inner.lock() {
            *s = state;
        }
        Ok(())
    }
}

/// Breadcrumbs glued together by a copy ("BerandaTeknoFeatured Posts…"): a first word
/// with two or more lower-to-upper case turns. A name has one at most ("McDonald",
/// "YouTube").
fn glued_breadcrumb(line: &str) -> bool {
    let first = line.split_whitespace().next().unwrap_or("");
    let turns = first
        .chars()
        .zip(first.chars().skip(1))
        .filter(|(a, b)| a.is_lowercase() && b.is_uppercase())
        .count();
    turns >= 2
}

/// A breadcrumb written out ("Home » News » Politics", "Beranda > Nasional > Hukum",
/// "Politics | Federal | Foreign affairs"): short parts of one to three words between arrows
/// or chevrons; with a slash, a bar or '>' it takes
/// three parts, since a headline may hold one ("Gaza > Rafah"), or two when the first is
/// the home page ("Beranda / Klarifikasi Hoaks").
fn spaced_breadcrumb(line: &str, home: &HashSet<String>) -> bool {
    let short = |parts: &[&str]| parts.iter().all(|p| (1..=3).contains(&words(p).count()));
    let arrows: Vec<&str> = line.split(['»', '›']).collect();
    if arrows.len() >= 2 && short(&arrows) {
        return true;
    }
    let plain: Vec<&str> = line
        .split(" > ")
        .flat_map(|p| p.split(" / "))
        .flat_map(|p| p.split(" | "))
        .collect();
    let from_home = plain
        .first()
        .is_some_and(|p| home.contains(&p.trim().to_lowercase()));
    (plain.len() >= 3 || (plain.len() == 2 && from_home)) && short(&plain)
}

/// Words of two letters or more: a weather widget's "18.2 C" has none, a headline many.
fn lettered_words(line: &str) -> usize {
    words(line)
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .count()
}

/// A navigation bar copied as one row of cells set apart by runs of spaces, four or more
/// cells of one to three capitalised words ("Daily Posts   Research   Charts   Life & Style").
fn cell_row(line: &str) -> bool {
    if !line.contains("  ") {
        return false;
    }
    let cells: Vec<&str> = line
        .trim()
        .split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    cells.len() >= 4
        && cells.iter().all(|c| {
            (1..=3).contains(&c.split_whitespace().count())
                // "Life & Style": an ampersand joins a cell's words.
                && c.split_whitespace().all(|w| capitalised_word(w) || w == "&")
        })
}

/// A word of letters only, capitalised ("Politics").
fn capitalised_word(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(char::is_alphabetic)
}

/// A tag list: four or more items of one to three words, parted by commas or bars, and
/// no sentence end ("Prabowo Subianto, Anwar Ibrahim, ASEAN, Malaysia, bilateral-relations").
fn is_tag_list(line: &str, n: usize) -> bool {
    if n > 20 || ends_like_sentence(line) {
        return false;
    }
    let items: Vec<&str> = line.split([',', '|', '·']).map(str::trim).collect();
    // Tags are names and topics, capitalised; a headline's clauses ("…, down with fever,
    // cancels …") are not.
    let capitalised = items
        .iter()
        .filter(|it| it.chars().next().is_some_and(char::is_uppercase))
        .count();
    items.len() >= 4
        && capitalised * 4 >= items.len() * 3
        && items.iter().all(|it| (1..=3).contains(&words(it).count()))
}

/// Lines no story is made of, in any language: a bare address, a lone label ("Topic:")
/// over a short line or none (over a paragraph it is a subheading), a hashtag or an
/// embedded post's tag ("#WATCH | …"). `next_words`: the next line's word count.
/// Hard-wrapped text (a plain-text feed, a page that breaks its paragraphs at a fixed
/// width): prose lines that stop mid-sentence and go on in lower case on the next line.
/// In such a text a line that stops mid-sentence is joined to the next, so each paragraph
/// is judged whole; any other text comes back as it was. A headline-case line, a short one
/// and a list item never take the next line.
fn unwrap_lines(lines: Vec<String>) -> Vec<String> {
    fn continues(l: &str) -> bool {
        let t = l.trim_end();
        // Prose has a lower-case word of four letters or more; a headline capitalises
        // every such word.
        let prose = t.split_whitespace().any(|w| {
            w.chars().next().is_some_and(char::is_lowercase)
                && w.chars().filter(|c| c.is_alphabetic()).count() >= 4
        });
        prose
            && t.split_whitespace().count() >= 6
            && !t.ends_with(['.', '!', '?', '"', '”', '’', '\'', ':', ';', ')'])
    }
    let lower_next = |l: &str| l.chars().next().is_some_and(char::is_lowercase);
    let wraps = lines
        .windows(2)
        .filter(|w| matches!(w, [a, b] if continues(a) && lower_next(b)))
        .count();
    let prose = lines
        .iter()
        .filter(|l| l.split_whitespace().count() >= 6)
        .count();
    if wraps < 3 || wraps * 4 < prose {
        return lines;
    }
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut open = false;
    for l in lines {
        let item = dump::is_bulleted(&l);
        match out.last_mut() {
            Some(last) if open && !l.is_empty() && !item => {
                last.push(' ');
                last.push_str(&l);
            }
            _ => out.push(l.clone()),
        }
        open = !l.is_empty() && continues(&l);
    }
    out
}

fn is_ui_line(line: &str, next_words: Option<usize>) -> bool {
    let t = line.trim();
    let bare_url = (t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www."))
        && !t.contains(char::is_whitespace);
    let lone_label = t.len() > 1
        && next_words.is_none_or(|n| n < 8)
        && t.ends_with(':')
        && t.trim_end_matches(':').chars().all(char::is_alphabetic);
    // Hashtags: a short line opening with one, a line mostly of them, or one as a marker
    // ("#WATCH | …", an embedded post). A lead may open with its hashtag dateline
    // ("#Jamaica, March 27, 2018 – Kingston – …").
    let tokens = t.split_whitespace().count();
    let marker = t.split_whitespace().nth(1) == Some("|")
        || t.split_whitespace()
            .next()
            .is_some_and(|w| w.ends_with(':'));
    let hashtag = t.starts_with('#')
        && t.chars().nth(1).is_some_and(char::is_alphabetic)
        && (tokens <= 6
            || marker
            || t.split_whitespace().filter(|w| w.starts_with('#')).count() * 2 >= tokens);
    // A tracking code or hash alone on its line ("3f1c07be94d2a8e5…").
    let code = t.len() >= 16
        && !t.contains(char::is_whitespace)
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars().any(|c| c.is_ascii_alphabetic());
    // An icon sprite's accessible labels copied with the page ("Calendar An icon of a desk
    // calendar. Cancel An icon of …"): three icons on one line describe buttons, not news.
    let sprite = ["icon", "Icon", "ikon", "Ikon"]
        .iter()
        .any(|w| t.contains(w))
        && t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.eq_ignore_ascii_case("icon") || w.eq_ignore_ascii_case("ikon"))
            .nth(2)
            .is_some();
    // An icon's name glued to its label ("zoom-in-whitePerbesar", "share-alt-whiteBagikan"):
    // one word of lower-case hyphenated parts running into a capitalised one.
    let glued_icon = !t.contains(char::is_whitespace)
        && t.contains('-')
        && t.char_indices().any(|(i, c)| {
            c.is_uppercase()
                && i > 0
                && t.get(..i).is_some_and(|head| {
                    head.contains('-')
                        && !head.ends_with('-')
                        && head.chars().all(|h| h.is_ascii_lowercase() || h == '-')
                })
        });
    // An image's file name left where the picture was ("vna-potal-…-4417.jpg").
    let image_file = !t.contains(char::is_whitespace)
        && t.rsplit_once('.').is_some_and(|(stem, ext)| {
            !stem.is_empty()
                && ["jpg", "jpeg", "png", "webp", "gif", "avif"]
                    .iter()
                    .any(|e| ext.eq_ignore_ascii_case(e))
        });
    bare_url || lone_label || hashtag || code || sprite || glued_icon || image_file
}

#[cfg(test)]
mod tests {
    use crate::article::Doc;

    use crate::rules::test_rules as rules;

    #[test]
    fn key_is_the_folded_words_joined_by_spaces() {
        for line in [
            "Presiden Rusia, Vladimir Putin — “kami siap”!",
            "  Baca juga:  KTT G-20 (Foto | AP)  ",
            "Élysée's rock'n'roll: 18 jet tempur Su-35…",
            "",
            "!!! ---",
            "Hà Nội – Jakarta ‘pekan depan’",
            "İSTANBUL\u{a0}Straße ½ ＡＢＣ Ǆ e\u{301}",
        ] {
            let slow = super::words(&crate::gazetteer::fold_str(line))
                .collect::<Vec<_>>()
                .join(" ");
            assert_eq!(super::key(line), slow, "{line}");
        }
    }

    #[test]
    fn near_duplicate_is_jaccard_at_least_0_85() {
        fn jaccard(a: &[u64], b: &[u64]) -> f64 {
            let inter = a.iter().filter(|x| b.binary_search(x).is_ok()).count();
            inter as f64 / (a.len() + b.len() - inter) as f64
        }
        // Pairs around the threshold: 17 of 20 shared is exactly 0.85.
        let base: Vec<u64> = (0..20).collect();
        for shared in 14..=20u64 {
            for extra in 0..4u64 {
                let mut other: Vec<u64> = (0..shared).chain(100..100 + extra).collect();
                other.sort_unstable();
                let want = jaccard(&base, &other) >= 0.85;
                assert_eq!(
                    super::near_duplicate(&base, &other),
                    want,
                    "{shared} {extra}"
                );
                assert_eq!(
                    super::near_duplicate(&other, &base),
                    want,
                    "{shared} {extra}"
                );
            }
        }
        // And many pseudo-random pairs.
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % 64
        };
        for _ in 0..2000 {
            let mut a: Vec<u64> = (0..1 + next() % 40).map(|_| next()).collect();
            let mut b: Vec<u64> = a.iter().copied().filter(|_| next() > 3).collect();
            b.extend((0..next() % 4).map(|_| next()));
            for v in [&mut a, &mut b] {
                v.sort_unstable();
                v.dedup();
            }
            let want = !a.is_empty() && !b.is_empty() && jaccard(&a, &b) >= 0.85;
            assert_eq!(super::near_duplicate(&a, &b), want, "{a:?} {b:?}");
        }
    }

    #[test]
    fn lower_is_std_lowercase() {
        for line in [
            "Presiden Rusia, Vladimir Putin — “KAMI SIAP”!",
            "İSTANBUL\u{a0}Straße ½ ＡＢＣ Ǆ E\u{301}",
            "ΟΔΥΣΣΕΥΣ and ΣΑΣ: the final sigma needs its neighbours",
            "ASCII ONLY",
            "",
        ] {
            assert_eq!(super::lower(line), line.to_lowercase(), "{line}");
        }
    }

    /// An HTML extraction: captions and runs of three headlines go, as on a page copy, but
    /// the lines above its first prose paragraph are not a page head.
    #[test]
    fn html_extractions_share_captions_and_headline_runs() {
        let body = format!(
            "Kunjungan kerja berlanjut ke Surabaya\n\n{STORY_ID}\n\nPresiden menyapa warga di pelabuhan. (ANTARA FOTO/Sigid Kurniawan)\n\n{STORY_ID} Ia juga meninjau gudang logistik.\n\nHarga Emas Hari Ini Turun Tipis\n\nJadwal Liga 1 Pekan Depan Berubah\n\nBanjir Rendam Ratusan Rumah di Bekasi\n\n{STORY_EN}"
        );
        let doc = Doc {
            body,
            from_html: true,
            ..Doc::default()
        };
        let out = rules().clean(&doc, None, true);
        let text = out.text();
        assert!(text.contains("Kunjungan kerja berlanjut"), "{}", text);
        assert!(!text.contains("Sigid"), "{}", text);
        assert!(!text.contains("Harga Emas"), "{}", text);
        assert!(!text.contains("Banjir Rendam"), "{}", text);
        assert!(text.contains("meninjau gudang"), "{}", text);
    }

    /// A teaser line shown three times on one page goes, every copy; a paragraph shown twice
    /// is the duplicate rule's (first copy kept).
    #[test]
    fn lines_shown_three_times_are_teaser_furniture() {
        let body = format!(
            "{STORY_EN}\n\nweiterlesen 5 Minuten\n\nThe talks will resume in Geneva next month, a spokesman said on Friday.\n\nweiterlesen 5 Minuten\n\n{STORY_EN} Officials declined to comment further.\n\nweiterlesen 5 Minuten\n\nThe talks will resume in Geneva next month, a spokesman said on Friday."
        );
        let text = clean(&body).text();
        assert!(!text.contains("weiterlesen"), "{text}");
        assert_eq!(text.matches("resume in Geneva").count(), 1, "{text}");
        // The same teaser word with a count, shown once, goes with it.
        let counted = format!(
            "{}\n\nweiterlesen\n\nweiterlesen 12 Minuten\n\n{STORY_ID}",
            body.replace("weiterlesen 5 Minuten", "weiterlesen")
        );
        let text = clean(&counted).text();
        assert!(!text.contains("weiterlesen"), "{text}");
        assert!(text.contains("resume in Geneva"), "{text}");
    }

    #[test]
    fn headlines_under_a_bare_link_marker_go_until_the_story_resumes() {
        let body = format!(
            "{STORY_EN}\n\nRead more\n\nRupiah Slides Past 16,900 per Dollar as Tariff Fears Grip Markets\n\nEmirates places US$15 billion order for Boeing 787s at Dubai Airshow\n\nOther customers lining up\n\nOfficials in Jakarta said the talks would resume next month in Geneva, and declined to comment further."
        );
        let text = clean(&body).text();
        assert!(
            !text.contains("Rupiah") && !text.contains("Emirates"),
            "{text}"
        );
        // A short line after the headlines is the story's next subheading.
        assert!(text.contains("Other customers lining up"), "{text}");
        assert!(text.contains("declined to comment"), "{text}");
        // Above the story's first prose the marker is menu text: the headline may be the title.
        let top = format!(
            "Baca juga\n\nPrabowo Tiba di Rio de Janeiro Disambut Upacara Militer\n\n{STORY_ID}"
        );
        let c = clean(&top);
        assert!(
            c.title
                .as_deref()
                .is_some_and(|t| t.starts_with("Prabowo Tiba")),
            "{:?} {}",
            c.title,
            c.text()
        );
    }

    /// An end marker ("RELATED", "Baca juga berita lainnya:") between paragraphs ends the
    /// story only when no two paragraphs of prose follow it; its headlines go either way.
    #[test]
    fn a_related_box_mid_story_does_not_end_it() {
        let paras = [
            "The agreement sets out the legal framework that the two governments need for the design and construction of the new submarines.",
            "The defence minister said it would allow France to pass advanced skills and technology to the Australian government and to local industry.",
            "Paragraph three: she said it also underlined the importance of getting as much Australian industry as possible into the program over the coming decade.",
            "Paragraph four: separately, the attorney-general signed an agreement that is designed to improve the sharing of classified information between the two countries.",
        ];
        let para = |k: usize| paras.get(k - 1).copied().unwrap_or_default();
        let body = format!(
            "{STORY_EN}\n\n{}\n\n{}\n\nRELATED\nShipbuilder opens Adelaide office as submarine work begins\nCombat system integrator confirmed for the program\n\n{}\n\n{}\n\nTags: submarines, France, navy\nMost Read\nHawkei vehicles enter full-rate production",
            para(1), para(2), para(3), para(4)
        );
        let text = clean(&body).text();
        assert!(
            text.contains("Paragraph three") && text.contains("Paragraph four"),
            "{text}"
        );
        assert!(
            !text.contains("Shipbuilder opens") && !text.contains("Hawkei"),
            "{text}"
        );
        // Headlines alone after the marker: the page ends there.
        let body = format!(
            "{STORY_EN}\n\n{}\n\n{}\n\n{}\n\nBerita Terkait\nHarga BBM Nonsubsidi Turun Mulai Awal Bulan\nTimnas U-17 Umumkan 23 Pemain untuk Piala Asia\nCuaca Cerah Diprediksi Sepanjang Akhir Pekan",
            para(1), para(2), para(3)
        );
        let text = clean(&body).text();
        assert!(
            !text.contains("Harga BBM") && !text.contains("Cuaca Cerah"),
            "{text}"
        );
    }

    #[test]
    fn a_lone_headline_of_another_story_goes_a_subheading_stays() {
        let paras = [
            "Prime Minister Albanese met President Prabowo at the palace in Bogor on Thursday to discuss maritime security and trade.",
            "The two leaders agreed to hold their next annual meeting in Canberra and to expand cooperation on maritime patrols.",
            "Officials said the maritime security agreement would be signed by the defence ministers before the end of the year.",
            "Albanese also announced new scholarships for Indonesian students and a fund for renewable energy projects in eastern provinces.",
            "Prabowo thanked Australia for its support after the earthquake last month and invited Albanese to return for the independence celebrations.",
            "Business leaders travelling with the delegation signed contracts on cattle exports, nickel processing and vocational training.",
        ];
        let para = |k: usize| paras.get(k - 1).copied().unwrap_or_default();
        let body = format!(
            "Albanese and Prabowo Agree on Joint Maritime Patrols\n\n{}\n\nFarmers brace for drought as rainfall drops across southern provinces\n\n{}\n\nPatrols and maritime security agreement planned\n\n{}\n\n{}\n\n{}\n\n{}",
            para(1), para(2), para(3), para(4), para(5), para(6)
        );
        let text = clean(&body).text();
        assert!(!text.contains("Farmers brace"), "{text}");
        assert!(text.contains("Patrols and maritime"), "{text}");
        // Indonesian: a sports headline between paragraphs about a visit goes; a short
        // subheading stays even with no word of its own elsewhere.
        let body = format!(
            "Prabowo Sambut Tamu Negara di Istana Bogor\n\n{STORY_ID}\n\nKunjungan itu dilanjutkan dengan pertemuan bilateral di Istana Bogor bersama para menteri kabinet.\n\nTimnas Futsal Juara Piala Asia Usai Tekuk Iran di Final\n\nKedua pemimpin juga membahas kerja sama pangan, energi, dan pendidikan dalam pertemuan tersebut.\n\nSuasana Hangat Jamuan\n\nPresiden kemudian mengajak tamunya berkeliling kebun raya sebelum jamuan santap siang.\n\nMenteri Luar Negeri menyebut kunjungan ini menandai tujuh puluh lima tahun hubungan diplomatik yang erat antara kedua bangsa.\n\nSebelum meninggalkan Bogor, sang tamu menanam pohon dan menulis pesan di buku tamu istana."
        );
        let text = clean(&body).text();
        assert!(!text.contains("Timnas Futsal"), "{text}");
        assert!(text.contains("Suasana Hangat Jamuan"), "{text}");
        // Two paragraphs say too little about what the article is not about.
        let body = format!(
            "{}\n\nFarmers brace for drought as rainfall drops across southern provinces\n\n{}",
            para(1),
            para(2)
        );
        assert!(clean(&body).text().contains("Farmers brace"));
    }

    #[test]
    fn a_caption_cut_from_the_head_goes_again_in_the_story() {
        let caption = "Patrol boats of the navy at sea.";
        let body = [
            "Defence Ministry Signs Contracts for Eleven Patrol Vessels",
            "Mar 30, 2023, 21:04 IST",
            caption,
            "The Defence Ministry on Thursday signed contracts worth 2.3 billion dollars with two state shipyards for eleven offshore patrol vessels and six missile vessels for the navy.",
            "Deliveries of the first vessels are due to begin in three years, officials said, with most of the equipment to be made by local suppliers.",
            caption,
            "The ministry said the contracts would create jobs at the shipyards and at hundreds of small firms that supply them over the next decade.",
        ]
        .join("\n\n");
        let text = clean(&body).text();
        assert!(!text.contains("boats of the navy"), "{text}");
        assert!(text.contains("hundreds of small firms"), "{text}");
    }

    #[test]
    fn a_table_of_results_is_the_story_s() {
        let rows = "Partai Demokrat Maju – 48\nPartai Buruh Baru – 31\nAliansi Hijau Nusantara – 12\nCalon independen – 4";
        for body in [
            // Closing the story, and between its paragraphs.
            format!("{STORY_ID}\n\nHasil sementara perolehan kursi menurut komisi pemilihan umum adalah sebagai berikut.\n\n{rows}\n\nTags: pemilu, parlemen"),
            format!("{STORY_ID}\n\nHasil sementara perolehan kursi menurut komisi pemilihan umum adalah sebagai berikut.\n\n{rows}\n\n{STORY_EN}"),
        ] {
            let text = clean(&body).text();
            assert!(text.contains("Aliansi Hijau Nusantara – 12"), "{text}");
            assert!(text.contains("Calon independen – 4"), "{text}");
            assert!(!text.contains("Tags:"), "{text}");
        }
    }

    fn clean(body: &str) -> super::Cleaned {
        let doc = Doc {
            body: body.to_string(),
            ..Doc::default()
        };
        rules().clean(&doc, None, true)
    }

    /// A story paragraph long enough to count as prose, so the lines around it are judged in
    /// context, as on a real page.
    const STORY_ID: &str = "Presiden Prabowo Subianto mengatakan pemerintah akan memperkuat kerja sama ekonomi dengan negara-negara sahabat di kawasan Asia Tenggara.";
    const STORY_EN: &str = "The foreign minister said the two governments had agreed to expand trade and energy cooperation over the next five years.";

    /// A rendered page's menu: one bulleted line per section.
    fn menu(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| format!("* {s}")).collect()
    }

    #[test]
    fn a_rendered_page_keeps_its_story_and_headline_only() {
        let mut page = menu(&["Beranda", "Berita", "Nasional", "Internasional", "Ekonomi"]);
        page.extend((0..30).map(|i| format!("Kanal {i}")));
        page.push("Kami menggunakan cookie untuk pengalaman terbaik Anda.".into());
        page.push("Setuju".into());
        page.push("Internasional".into());
        page.push("Menlu RI Bertemu Mitranya dari Vietnam di Hanoi".into());
        page.push("Rabu, 12 Maret 2025 10:15 WIB".into());
        page.push("Bagikan".into());
        let story = [
            "Menteri Luar Negeri Indonesia bertemu dengan Menteri Luar Negeri Vietnam di Hanoi \
             pada Rabu untuk membahas kerja sama perdagangan dan perikanan kedua negara.",
            "Dalam pertemuan itu kedua menteri sepakat mempercepat perundingan batas laut yang \
             sudah berjalan lebih dari sepuluh tahun, kata juru bicara kementerian.",
            "Kedua negara juga akan menggelar forum bisnis bersama pada akhir tahun ini untuk \
             mendorong investasi di sektor energi dan manufaktur.",
        ];
        page.extend(story.iter().map(|s| s.to_string()));
        // Below the story: a footer of links, then the outlet's own blurb, a sentence.
        page.extend((0..40).map(|i| format!("Tautan kaki {i}")));
        page.push(
            "Portal ini adalah media daring yang menyajikan berita nasional dan \
             internasional setiap hari sejak tahun 2010 bagi pembaca di seluruh negeri."
                .into(),
        );
        page.extend((0..10).map(|i| format!("Tautan {i}")));
        let out = clean(&page.join("\n"));
        assert_eq!(
            out.title.as_deref(),
            Some("Menlu RI Bertemu Mitranya dari Vietnam di Hanoi")
        );
        assert_eq!(
            out.paragraphs,
            story.map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        );
    }

    #[test]
    fn wire_credits_sign_up_consent_and_comment_prompts_below_the_story_go() {
        let story = [
            "MANILA - Japan and the Philippines will hold talks between their foreign and defence ministers in Manila next month, the Philippine foreign ministry said on Friday.",
            "The two governments are still negotiating an agreement that would let their troops train on each other's soil, officials said.",
            "The ministers last met in Tokyo in April, when they agreed to step up coast guard cooperation.",
        ];
        let mut page: Vec<&str> = vec!["Japan, Philippines to hold security talks in Manila"];
        page.extend(story);
        page.push("By continuing, you agree to our Terms and Privacy Policy.");
        page.push("(Reporting by Maria Santos in Manila; Editing by John Smith)");
        page.push("Reuters");
        page.push("Would you like to comment on this article?");
        page.push("Please follow our commenting guidelines.");
        let out = clean(&page.join("\n\n"));
        let mut want = story.map(String::from);
        want[0] = want[0].replacen("MANILA - ", "", 1);
        assert_eq!(out.paragraphs, want);
        // A story sentence in brackets is not a credit.
        let aside = "(The ministers met by the pool of the hotel, by the account of one aide, for an hour.)";
        let out = clean(&[story[0], story[1], aside, story[2]].join("\n\n"));
        assert!(
            out.paragraphs.iter().any(|p| p == aside),
            "{:?}",
            out.paragraphs
        );
    }

    #[test]
    fn a_list_a_sentence_introduces_with_a_colon_stays_without_bullets() {
        let items = [
            "Dinesh Perera – Home Affairs, Public Administration and Provincial Councils",
            "Douglas Silva – Fisheries",
            "Ramesh Fernando – Plantation Industries and Education",
            "Prasanna Jayasuriya – Tourism and Public Security",
            "Dilum Amarasinghe – Industries and Transport",
            "Kanaka Herath – Highways",
        ];
        let mut page = vec![
            "New cabinet sworn in".to_string(),
            String::new(),
            STORY_EN.to_string(),
            String::new(),
            "The president swore in seventeen new ministers on Monday, keeping the finance portfolio for himself.".to_string(),
            String::new(),
            "The ministers sworn in today and their portfolios:".to_string(),
            String::new(),
        ];
        page.extend(items.iter().map(|s| s.to_string()));
        let out = clean(&page.join("\n"));
        for item in items {
            assert!(
                out.paragraphs.iter().any(|p| p == item),
                "{item}: {:?}",
                out.paragraphs
            );
        }
    }

    #[test]
    fn a_headline_printed_under_the_story_is_the_title() {
        let title = "Two governments agree to expand trade and energy cooperation";
        let page = format!(
            "{STORY_EN}\nOfficials expect the first joint projects to begin before the end of the year, once both parliaments approve the plan.\n{title}\nTags: Trade, Energy\nRelated Articles\nPort upgrade approved after long delay\nNavy recruits record intake as pay rises"
        );
        let out = clean(&page);
        assert_eq!(out.title.as_deref(), Some(title));
        assert!(
            out.paragraphs.iter().all(|p| p != title),
            "{:?}",
            out.paragraphs
        );
        // A related headline under a story it shares no words with is not its title.
        let other = format!("{STORY_EN}\nOfficials expect the first joint projects to begin before the end of the year, once both parliaments approve the plan.\nStorm closes three ports along the southern coast\nTags: Weather");
        assert_eq!(clean(&other).title, None);
    }

    #[test]
    fn a_long_bulleted_menu_does_not_push_the_lead_out_of_reach() {
        // A site's menu with an edition picker: 30 bulleted items above the headline.
        let mut page: Vec<String> = ["magazine", "news"]
            .iter()
            .map(|s| format!("• {s}"))
            .collect();
        page.extend((0..28).map(|i| format!("    • Edition {i}")));
        let title = "Ministers agree to widen the fisheries pact after two days of talks";
        page.push(String::new());
        page.push(title.into());
        page.push(String::new());
        page.push("Jane Smith".into());
        page.push(String::new());
        page.push(STORY_EN.into());
        page.push("Officials expect the first joint patrols to begin before the end of the year, once both parliaments approve the change.".into());
        let out = clean(&page.join("\n"));
        assert_eq!(out.title.as_deref(), Some(title));
        assert!(
            out.paragraphs.iter().all(|p| !p.contains('•')),
            "{:?}",
            out.paragraphs
        );
    }

    #[test]
    fn on_a_rendered_page_prompts_foreign_dates_and_repeated_teasers_are_not_the_story() {
        let mut page = menu(&["Home", "World", "Business", "Sport", "Culture"]);
        let prompt = "Ideas worth hearing every single morning";
        page.push(prompt.into());
        page.extend((0..30).map(|i| format!("Section {i}")));
        let teaser = "Storm closes three ports along the southern coast";
        page.push("Ministers agree to widen the fisheries pact".into());
        page.push("By Jane Smith".into());
        // A prompt shown twice (in the menu and over the story) shares no word with the lead.
        page.push(prompt.into());
        // A date in a language without a pack, right above the lead.
        page.push("30. Oktober 2023".into());
        let story = [
            "Fisheries officials from the two countries agreed on Monday to extend their \
             accord to cover the northern waters, a spokesman said after the talks.",
            "The pact will let boats from both fleets land their catch in either country's \
             ports, and inspectors will share their records every month.",
            "Officials expect the first joint patrols to begin before the end of the year, \
             once both parliaments approve the change.",
        ];
        page.push(story[0].into());
        page.push(teaser.into());
        page.push(story[1].into());
        page.push(teaser.into());
        page.push(story[2].into());
        page.push(teaser.into());
        page.extend((0..40).map(|i| format!("Footer link {i}")));
        let out = clean(&page.join("\n"));
        assert_eq!(
            out.title.as_deref(),
            Some("Ministers agree to widen the fisheries pact")
        );
        let story = story.map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "));
        assert!(out.paragraphs.ends_with(&story), "{:?}", out.paragraphs);
        assert!(!out.paragraphs.iter().any(|p| p == teaser));
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined_before_lines_are_judged() {
        let body = [
            "Menlu Jalani Lawatan Bersejarah ke Pyongyang",
            "Menteri Luar Negeri Republik Indonesia menjalani kunjungan kerja",
            "resmi ke Pyongyang pada Sabtu untuk menjawab undangan Menteri Luar",
            "Negeri setempat yang disampaikan awal tahun ini.",
            "Pertemuan bilateral kedua menteri berlangsung dalam suasana hangat dan",
            "bersahabat, dan keduanya membahas kerja sama di bidang ekonomi serta",
            "pendidikan yang sudah lama terjalin.",
            "Kedua pihak juga menekankan pentingnya komunikasi yang lebih rutin",
            "demi perdamaian serta stabilitas kawasan.",
        ]
        .join("\n");
        let out = clean(&body);
        assert_eq!(
            out.title.as_deref(),
            Some("Menlu Jalani Lawatan Bersejarah ke Pyongyang")
        );
        assert_eq!(out.paragraphs.len(), 3, "{:?}", out.paragraphs);
        assert!(out
            .paragraphs
            .iter()
            .any(|p| p.contains("kunjungan kerja resmi ke Pyongyang")));
        // Ordinary lines stay as they are.
        let lines = vec![
            "Satu baris judul".to_string(),
            "Paragraf yang selesai dengan titik dan cukup panjang.".to_string(),
        ];
        assert_eq!(super::unwrap_lines(lines.clone()), lines);
    }

    #[test]
    fn stamps_copyright_credits_and_caption_openers_go() {
        let body = [
            "Presiden Bahas Kerja Sama Ekonomi Kawasan",
            STORY_ID,
            STORY_EN,
            "Diperbarui: 11.04.2025, 10:27",
            "Persija 2-1 Persib",
            "Pukul 10.15 WIB rapat dimulai dan berakhir dua jam kemudian di gedung itu.",
            "17 April 2025 • 2:54pm",
            STORY_EN,
            "Photo by Jane Doe for the paper",
            "This file photo shows a howitzer built by the firm's defence unit.",
            "Presiden di depan istana. © AFP / NAMA FOTOGRAFER",
            "Menteri Luar Negeri menambahkan bahwa pertemuan berikutnya akan digelar di Jakarta.",
            "File image of President William Ruto",
            "The president told reporters in Nairobi that the talks had been useful and that more visits would follow next year.",
            "Light fighter jets of the air force fly in formation. (PAF photo)",
            "Tangkapan layar unggahan sang perdana menteri pada Kamis malam. (Instagram @anwaribrahim)",
            "vna-thu-tuong-den-ha-noi-4417.jpg",
            "Officials from both countries also discussed trade and investment, the statement added, without giving details.",
        ]
        .join("\n");
        let out = clean(&body);
        let text = out.paragraphs.join("\n");
        for gone in [
            "Diperbarui",
            "2:54pm",
            "Photo by",
            "©",
            "howitzer",
            "File image",
            "PAF photo",
            "@anwaribrahim",
            ".jpg",
        ] {
            assert!(!text.contains(gone), "{gone} stayed: {text}");
        }
        assert!(text.contains("Pukul 10.15 WIB rapat dimulai"));
        assert!(text.contains("Persija 2-1 Persib"));
        assert!(text.contains(STORY_EN));
    }

    #[test]
    fn tag_lists_caption_copies_and_teasers_above_the_headline_go() {
        let caption = "Kedua menteri berjabat tangan di Hanoi, Rabu (12/3/2025).";
        let body = [
            STORY_EN,
            "Menlu RI Bertemu Mitranya dari Vietnam di Hanoi",
            "Viktor Gyokeres pictured in an undated handout photo. — Arsenal",
            &format!("{caption} ANTARA FOTO/Nama Fotografer"),
            STORY_ID,
            caption,
            STORY_EN,
            "foto: Nama Fotografer, staf kementerian.",
            "Prabowo Subianto, Anwar Ibrahim, ASEAN, Malaysia, bilateral-relations",
            "Prabowo, down with fever, cancels Langkawi meeting, Anwar says",
            "Menteri Luar Negeri menambahkan bahwa pertemuan berikutnya akan digelar di Jakarta.",
        ]
        .join("\n");
        let out = clean(&body);
        assert_eq!(
            out.title.as_deref(),
            Some("Menlu RI Bertemu Mitranya dari Vietnam di Hanoi")
        );
        let text = out.paragraphs.join("\n");
        for gone in ["Gyokeres", "berjabat", "foto:", "bilateral-relations"] {
            assert!(!text.contains(gone), "{gone} stayed: {text}");
        }
        // A headline's clauses are not a tag list; the teaser's story is kept once.
        assert!(text.contains("down with fever"));
        assert_eq!(text.matches(STORY_EN).count(), 1);
        assert!(text.starts_with(STORY_ID));
    }

    #[test]
    fn ui_lines_go_and_subheadings_stay() {
        use super::is_ui_line;
        assert!(is_ui_line(
            "https://example.com/read/2023/05/10/abc",
            Some(20)
        ));
        assert!(is_ui_line("Topic:", Some(1)));
        assert!(is_ui_line("Country:", None));
        assert!(is_ui_line(
            "#WATCH | Officials hand over the first batch",
            Some(3)
        ));
        assert!(is_ui_line("#Prabowo #Putin", None));
        assert!(!is_ui_line(
            "#Jamaica, March 27, 2018 – Kingston – The security minister is urging residents to keep watch for wanted men.",
            None
        ));
        assert!(is_ui_line("3f1c07be94d2a8e5160c7d9b2e48fa03", None));
        assert!(is_ui_line(
            "Calendar An icon of a desk calendar. Cancel An icon of a circle with a diagonal line across. Email An icon of a paper envelope.",
            None
        ));
        assert!(!is_ui_line(
            "The singer became an icon of the protest movement, and her song an anthem.",
            None
        ));
        assert!(!is_ui_line("Counterintelligence", None));
        assert!(is_ui_line("zoom-in-whitePerbesar", None));
        assert!(!is_ui_line("anti-Americanism", None));
        assert!(!is_ui_line("mid-October", None));
        // A label over a paragraph is the paragraph's subheading.
        assert!(!is_ui_line("Background:", Some(40)));
        assert!(!is_ui_line("Visit https://example.com for details", None));
        assert!(!is_ui_line("Harga: Rp 5.000", Some(2)));
    }

    /// A caption sentence closing with its date, over a credit line, goes; a story
    /// paragraph over a credit stays.
    #[test]
    fn a_dated_caption_over_its_credit_goes() {
        let caption = "Dirut Pindad bersama perwakilan Norinco usai penandatanganan nota kesepahaman di Jakarta, Rabu (7/5/2025).";
        let c = clean(&format!(
            "{STORY_ID}\n\n{caption}\nFoto: Dok. Pindad\n\n{STORY_EN}"
        ));
        let text = c.text();
        assert!(!text.contains(caption), "{text:?}");
        assert!(
            text.contains(STORY_ID) && text.contains(STORY_EN),
            "{text:?}"
        );
    }

    /// A line that says where someone stands in the picture ("(kanan)", "(2nd L)") is a
    /// caption, in either language and without a credit; a story line with an acronym in
    /// parentheses ("(Menlu)") stays.
    #[test]
    fn a_place_in_the_picture_makes_a_caption() {
        let id =
            "Gubernur (kanan) berbincang dengan Duta Besar Guatemala di Gedung Negara Grahadi.";
        let en = "Officials exchange documents as Emmanuel Macron (2nd L) and Prabowo Subianto (2nd R) watch in Jakarta. AFP";
        // A counted place: "(dua dari kanan)".
        let counted =
            "Kusmito Gunawan (dua dari kanan), anggota komisi, mempertanyakan program air bersih";
        let kept = "Menteri Luar Negeri (Menlu) Sugiono menerima kunjungan kehormatan duta besar itu di Jakarta pada Senin.";
        let c = clean(&format!(
            "{STORY_ID}\n\n{id}\n\n{kept}\n\n{en}\n\n{counted}\n\n{STORY_EN}"
        ));
        let text = c.text();
        assert!(!text.contains(id) && !text.contains(en), "{text:?}");
        assert!(!text.contains(counted), "{text:?}");
        assert!(text.contains(kept) && text.contains(STORY_EN), "{text:?}");
    }

    /// One sentence closed by a credit alone (an agency, "File photo.") is a caption; the
    /// story's last paragraph signed off by its wire stays.
    #[test]
    fn a_sentence_closed_by_a_credit_is_a_caption() {
        let agency =
            "The crown prince is received by the president in Riyadh during an earlier visit. AFP";
        let file = "The president has had his first phone conversation with the chancellor since May. File photo.";
        let last =
            "The two leaders agreed to meet again in the autumn to review the agreement. AFP";
        let c = clean(&format!(
            "{STORY_EN}\n\n{agency}\n\n{file}\n\n{STORY_ID}\n\n{last}"
        ));
        let text = c.text();
        assert!(!text.contains(agency) && !text.contains(file), "{text:?}");
        assert!(text.contains("review the agreement"), "{text:?}");
    }

    /// Numbered and bulleted runs of other headlines go, a listicle's number and all; the
    /// plain subheading right after such a run stays, and so does a list after a colon.
    #[test]
    fn numbered_and_bulleted_headline_runs_go() {
        let numbered = [
            "1. Jeepney drivers hold protest over modernization deadline",
            "2. Yen slides as central bank keeps ultra-loose policy",
            "3. Japanese firm to build solar plant in Batangas",
        ];
        let bulleted = [
            "- Mengenal Blended Finance, Skema Baru untuk Pembiayaan Hijau",
            "- 7 Cara Ampuh Cegah Jamur di Rumah Saat Musim Hujan",
            "- 5 Novel Fiksi Indonesia yang Cocok Dibaca Akhir Pekan",
        ];
        let sub = "Investasi dan Kecerdasan Buatan";
        let own = [
            "Kedua pemimpin menyepakati tiga hal:",
            "- Kerja sama pertahanan dan keamanan maritim",
            "- Investasi pada energi hijau dan baterai",
            "- Pertukaran pelajar dan beasiswa",
        ];
        let c = clean(&format!(
            "{STORY_ID}\n{}\n{sub}\n{STORY_EN}\n{}\n{}\n{}",
            bulleted.join("\n"),
            own.join("\n"),
            "Kesepakatan itu akan ditindaklanjuti oleh para menteri kedua negara dalam waktu dekat, kata juru bicara istana.",
            numbered.join("\n")
        ));
        let text = c.text();
        for l in numbered.iter().chain(&bulleted) {
            assert!(!text.contains(l), "{l:?} in {text:?}");
        }
        for l in own.iter().chain([&sub]) {
            assert!(text.contains(l), "{l:?} not in {text:?}");
        }
    }

    /// A ticker's item under its label ("Breaking News:") is another story's headline.
    #[test]
    fn a_ticker_item_is_not_the_title() {
        let title = "Polda Papua Bekuk Dua Pemasok Senjata Api di Jayapura";
        let c = clean(&format!(
            "Breaking News:\nPolda Papua Tangkap Dua Pemasok Amunisi Kelompok Bersenjata di Jayapura\nKKB Papua\n{title}\nJAYAPURA - Polda Papua membekuk dua orang yang diduga memasok senjata api dan amunisi kepada kelompok bersenjata di Jayapura.\n{STORY_ID}\n{STORY_EN}"
        ));
        assert_eq!(c.title.as_deref(), Some(title));
        // A share prompt over the headline is no ticker's label.
        let title = "Buhari, Obama Hold Telephone Talks";
        let c = clean(&format!(
            "Share this:\n\n{title}\n\nABUJA - President Muhammadu Buhari held a telephone conversation with US President Barack Obama on Monday, his spokesman said.\n\n{STORY_EN}"
        ));
        assert_eq!(c.title.as_deref(), Some(title));
    }

    /// Other stories listed with their age above the headline ("… \n48 menit lalu -") or
    /// under a "Trending Now" heading, a section label joined by "&", a standfirst between
    /// headline and byline, a headline with "Terkait" mid-line: none of these moves the title
    /// off the headline.
    #[test]
    fn lists_labels_and_decks_around_the_headline() {
        let lead_id = "JAKARTA - Badan Keamanan Laut menahan dua kapal tanker berbendera asing yang diduga memindahkan bahan bakar minyak secara ilegal di perairan Natuna.";
        let title = "Bakamla Tahan Dua Tanker Berbendera Asing di Perairan Natuna";
        let c = clean(&format!(
            "Cicilan Ringan, Mobil Keluarga Baru Kini Bisa Dibawa Pulang\n48 menit lalu -\nPolisi Amankan Nelayan yang Menangkap Ikan dengan Bom\n41 menit lalu -\nJadwal Liga Inggris Pekan Ini Lengkap dengan Jam Tayang\n39 menit lalu -\n{title}\n{lead_id}\n{STORY_ID}"
        ));
        assert_eq!(c.title.as_deref(), Some(title));
        let title = "Putin, Lukashenko discuss bilateral ties in phone call";
        let c = clean(&format!(
            "Russian Politics & Diplomacy\nDecember 2, 2022, 13:05\n{title}\nMOSCOW, December 2. Russian President Vladimir Putin and Belarusian President Alexander Lukashenko talked over the telephone on Friday about bilateral ties.\n{STORY_EN}"
        ));
        assert_eq!(c.title.as_deref(), Some(title));
        let title = "Israel signs deals with Elbit to boost domestic munitions production";
        let deck = "The agreements cover thousands of heavy air munitions and a plant for raw materials that were imported until now";
        let c = clean(&format!(
            "{title}\n{deck}\nBy Jane Roe\nJANUARY 7, 2025 17:41\nThe Defense Ministry on Tuesday concluded two large agreements with Elbit Systems to make more munitions at home, officials said.\n{STORY_EN}"
        ));
        assert_eq!(c.title.as_deref(), Some(title));
        let title = "Rajnath holds talks with Japanese and Philippine counterparts in Vientiane";
        let c = clean(&format!(
            "Home\nNational News\nSports\nTrending Now\nCity council clears plan for a new vegetable market\nDense fog hits flights at the airport for a second morning\nState government announces pay rise for employees\n\nNational News\n{title}\nShare post:\n\nVientiane, Nov 22 (UNI): Defence Minister Rajnath Singh on Friday held talks with his Japanese and Philippine counterparts on the last day of his visit to Laos.\n{STORY_EN}"
        ));
        assert_eq!(c.title.as_deref(), Some(title));
        let title = "KPK Tahan Bupati Banjarnegara Budhi Sarwono Terkait Proyek Dinas PUPR";
        let c = clean(&format!(
            "{title}\nHukum\nSabtu, 4 September 2021\nJAKARTA - Komisi Pemberantasan Korupsi resmi menahan Bupati Banjarnegara Budhi Sarwono pada Jumat malam terkait proyek di dinas pekerjaan umum.\n{STORY_ID}"
        ));
        assert_eq!(c.title.as_deref(), Some(title));
    }

    /// (case, line placed between two story paragraphs, kept?)
    #[test]
    fn line_rules_in_context() {
        let cases: &[(&str, &str, bool)] = &[
            // Captions and credits.
            ("caption marker", "Foto: ANTARA/Hafidz Mubarak", false),
            ("photo marker spaced", "Photo :", false),
            ("credit in parentheses", "Presiden Prabowo menyambut tamunya di Istana Merdeka. (ANTARA FOTO/Sigid Kurniawan)", false),
            ("agency credit", "Menteri Pertahanan bertemu mitranya di Jakarta. (Foto | AP)", false),
            ("agency credit closing a caption", "Presiden menyambut tamunya di Istana Merdeka, Jakarta, Senin (3/11). ANTARA FOTO/Sigid Kurniawan/wsj.", false),
            ("acronyms with a slash in prose", "Kedua menteri membahas proyek pesawat tempur KFX/IFX antara Indonesia dan Korea Selatan.", true),
            ("a place after a slash in prose", "Xi menelepon Prabowo tak lama setelah upacara pelantikan di gedung DPR/MPR, Jakarta.", true),
            ("story starting with Foto", "Foto bersama itu diambil setelah kedua pemimpin menandatangani perjanjian di Istana Bogor.", true),
            ("name under a portrait", "Menteri Pertahanan Malaysia Mohamad Hasan.", false),
            ("name under a portrait en", "Prime Minister of Malaysia Anwar Ibrahim.", false),
            ("short sentence naming a leader", "Kunjungan itu diterima Presiden Prabowo Subianto.", true),
            ("short sentence between names", "Menlu Sugiono menelepon Menlu Turki Hakan Fidan.", true),
            ("pictured action", "President Jane Roe greets the visiting prime minister at the Government Palace.", false),
            ("pictured action of two", "Prime Minister John Doe and Minister Jane Roe inspect the guard of honour.", true),
            ("pictured action, two names", "Prime Minister John Doe and Minister Jane Roe inspects the guard of honour.", false),
            ("present tense with a day", "Prime Minister John Doe leaves for Riyadh today on a two-day visit.", true),
            ("present tense with its source", "Prime Minister John Doe leaves for Riyadh on a two-day visit, the ministry said.", true),
            ("apposition before the verb", "Vo Van Thuong, who sits on the party secretariat, headed the officials at the airport.", true),
            ("one capitalised noun", "Training walks on nearby hills did not prepare the team for the climb.", true),
            ("a scene under a picture", "Presidents Jane Roe and John Doe during the bilateral talks.", false),
            ("a scene told with its verb", "Presidents Jane Roe and John Doe during the bilateral talks agreed to open a consulate.", true),
            ("a scene with a clause", "President Jane Roe with the delegation that will sign the trade pact.", true),
            ("pictured place", "Presiden Budi Santoso berjabat tangan dengan Perdana Menteri Jane Roe di Istana Negara, Jakarta.", false),
            ("pictured place, names alone", "Menteri Pertahanan Budi Santoso di London.", false),
            ("a visit told at its place", "Presiden Budi Santoso menerima kunjungan Perdana Menteri Jane Roe di Istana Merdeka, Jakarta.", true),
            ("a scene with a story word", "Presiden Budi Santoso saat itu juga meninjau lokasi banjir di Kabupaten Bekasi.", true),
            ("a scene with its day", "Presiden Budi Santoso disambut Raja Malaysia setibanya di Bandara Subang pada Senin.", true),
            // Cross-links.
            ("baca juga colon", "Baca juga: Prabowo Terima Kunjungan PM Jepang di Istana", false),
            ("baca juga bar", "Baca Juga | Menlu RI Bertemu Menlu Tiongkok", false),
            ("read also", "Read also: Ministers meet in Jakarta", false),
            ("baca juga in quotes", "“Baca Juga : Harga Minyak Dunia Melemah Usai Rilis Data”", false),
            ("quoted story line starting with Baca", "“Baca dulu laporannya sebelum berkomentar,” kata juru bicara itu kepada wartawan.", true),
            ("story starting with Baca", "Baca buku sejarah menjadi kebiasaan presiden sejak kecil, kata ajudannya kepada wartawan.", true),
            // Furniture.
            ("follow prompt", "Follow us on Twitter", false),
            ("blog like widget", "Suka ini: Memuat...", false),
            ("shouted label before a call to action", "PAY ATTENTION: Don't miss the top business stories. Subscribe to the daily business newsletter for more!", false),
            ("embed blocked by a cookie choice", "https://twitter.com/i/web/status/1 This post can't be displayed because social networks cookies have been deactivated.", false),
            ("google news prompt", "Simak berita dan artikel lainnya di Google News", false),
            ("share", "Bagikan", false),
            ("long newsletter prompt", "Sign up to the Daily Brief newsletter for the latest news from the region, delivered to your inbox every morning.", false),
            ("long prompt naming the outlet and one feature", "Sign up to our Business newsletter for the biggest stories from the region's economy, every weekday morning.", false),
            ("long story opening with a call and our", "Join our troops in prayer tonight, the general told the crowd gathered outside the barracks after the ceremony ended.", true),
            ("license link", "License this article", false),
            ("long story opening with a promo word", "Share prices of the state shipyard rose after the contract was announced, and analysts expect more orders in the next budget year.", true),
            ("long tag list", "Tags: HAL Q3 results, HAL share price, Hindustan Aeronautics, defence stocks", false),
            ("label before a sentence", "Topics: the talks covered trade, security and the coming elections in both countries.", true),
            ("advertisement", "ADVERTISEMENT", false),
            ("scroll prompt", "Scroll untuk melanjutkan", false),
            ("cookie banner", "This website uses cookies. By continuing to use this website you are giving consent to cookies being used.", false),
            ("comment rules", "Comments are moderated. Please keep them respectful.", false),
            ("blog post stamp", "Posted by Aero News Journal at 10:42 PM", false),
            ("blog post stamp id", "Diposting oleh Admin Berita di 7/04/2023 06:15:00 PM", false),
            ("story on a post and its time", "Posted by the ministry at 10:42 PM, the video showed the two leaders shaking hands at the palace gate.", true),
            ("comment disclaimer", "Disclaimer: The comments uploaded on this site do not necessarily represent or reflect the views of management and owner of the site.", false),
            ("story on a disclaimer", "The ministry said the report does not reflect the views of the cabinet and would be reviewed next week.", true),
            ("sentence with share word", "Dia mengatakan pemerintah akan membagikan bantuan kepada warga yang terdampak banjir.", true),
            // Spam.
            ("gambling spam", "slot gacor maxwin hari ini", false),
            ("gambling news", "Polisi menangkap bandar judi online di Jakarta Selatan pada Senin malam.", true),
            ("shouted gambling advert", "DAFTAR AKUN PRO THAILAND - SLOT GACOR MAXWIN - LINK RESMI DI BIO", false),
            ("gambling advert between bullets", "Situs Toto Macau Resmi 2024 • Bet 100 Perak • Jackpot Dibayar Lunas", false),
            ("shouted crackdown subheading", "POLISI GEREBEK BANDAR JUDI ONLINE", true),
            // Short story lines.
            ("short quote", "“Kami siap,” kata Prabowo.", true),
            ("subheading", "Kerja sama pertahanan", true),
            ("numbered subheading", "2. Putin menerima undangan Vietnam", true),
        ];
        for (case, line, kept) in cases {
            for (before, after) in [(STORY_ID, STORY_EN), (STORY_EN, STORY_ID)] {
                let c = clean(&format!("{before}\n\n{line}\n\n{after}"));
                let text = c.text();
                assert_eq!(text.contains(line), *kept, "{case}: {line:?} in {text:?}");
                assert!(
                    text.contains(before) && text.contains(after),
                    "{case}: the story must stay"
                );
            }
        }
    }

    #[test]
    fn reporter_initials_are_removed_alone_or_at_the_end() {
        for (body, want_end) in [
            (format!("{STORY_ID}\n\n(WIL)"), "Asia Tenggara."),
            (format!("{STORY_ID}\n(esn)"), "Asia Tenggara."),
            (format!("{STORY_ID}\n\n(ant/wil)"), "Asia Tenggara."),
            (format!("{STORY_ID} (udi)"), "Asia Tenggara."),
            (format!("{STORY_ID} (WIL)"), "Asia Tenggara."),
            (
                format!("{STORY_EN}\n\nKeputusan itu akan dibahas di Dewan Keamanan Perserikatan Bangsa-Bangsa (PBB)"),
                "(PBB)",
            ),
        ] {
            let c = clean(&body);
            assert!(c.text().ends_with(want_end), "{body:?} -> {:?}", c.text());
        }
    }

    #[test]
    fn repeated_paragraphs_are_kept_once() {
        let near = STORY_ID.replace("memperkuat", "meningkatkan");
        let c = clean(&format!("{STORY_ID}\n\n{STORY_EN}\n\n{STORY_ID}\n\n{near}"));
        assert_eq!(
            c.text()
                .matches("Presiden Prabowo Subianto mengatakan")
                .count(),
            1,
            "{:?}",
            c.text()
        );
        assert_eq!(c.report.duplicates_removed, 2);
        assert!(c.text().contains(STORY_EN));
    }

    #[test]
    fn end_markers_end_the_story() {
        let body = format!(
            "{STORY_ID}\n\n{STORY_EN}\n\nKedua negara juga sepakat memperluas pertukaran pelajar dan kerja sama kebudayaan mulai tahun depan.\n\nBerita Terkait\n\nPrabowo Bertemu Xi di Beijing, Ini Hasilnya\n\nMenlu Sugiono Kunjungi Tokyo"
        );
        let c = clean(&body);
        assert!(
            !c.text().contains("Berita Terkait") && !c.text().contains("Sugiono Kunjungi"),
            "{:?}",
            c.text()
        );
        assert!(c.text().contains("kerja sama kebudayaan"));
    }

    #[test]
    fn an_outlet_line_near_the_top_is_a_byline_even_below_a_standfirst() {
        let body = format!(
            "Leaders Meet in Jakarta to Expand Trade\nThe two governments agreed on Monday to widen trade and energy cooperation over five years.\nYvette Tanamal (The Jakarta Post)\n- Reuters\n\n{STORY_EN}\n\n{STORY_ID}"
        );
        let c = clean(&body);
        assert!(
            !c.text().contains("The Jakarta Post") && !c.text().contains("Reuters"),
            "{}",
            c.text()
        );
        assert_eq!(c.author.as_deref(), Some("Yvette Tanamal"));
        assert!(c.text().contains("expand trade and energy"), "{}", c.text());
    }

    #[test]
    fn a_breadcrumb_under_its_label_is_never_the_title() {
        let page = "You are here: Home News 2024 03 12 Article 1550138\nRegional News of Tuesday, 12 March 2024\nSource: GNA\nKenyan senators in Ghana to study committee work\nSpeaker of the Senate, Amason Kingi\n\nA delegation of six Kenyan senators is spending a week in Accra studying how committees of Ghana's Parliament work.\n\nThe senators will meet members of both sides of the House during the visit.";
        let c = clean(page);
        assert_eq!(
            c.title.as_deref(),
            Some("Kenyan senators in Ghana to study committee work")
        );
        // Its label makes it page furniture wherever it stands.
        let removed = c.report.removed.unwrap_or_default();
        assert!(
            removed
                .iter()
                .any(|r| r.rule == "furniture" && r.line.starts_with("You are here")),
            "{removed:?}"
        );
    }

    #[test]
    fn glued_breadcrumbs_and_portal_greetings_are_never_the_title() {
        for (head, want) in [
            (
                "NewsMenlu Bertemu Mitra dari Jepang di Tokyo\nMenlu Bertemu Mitra dari Jepang di Tokyo\n",
                "Menlu Bertemu Mitra dari Jepang di Tokyo",
            ),
            (
                "BerandaNasionalPolitik Menhan Tinjau Pabrik Senjata\nMenhan Tinjau Pabrik Senjata di Bandung\n",
                "Menhan Tinjau Pabrik Senjata di Bandung",
            ),
            (
                "Selamat Datang di Portal Berita Kabupaten\nMenhan Tinjau Pabrik Senjata di Bandung\n",
                "Menhan Tinjau Pabrik Senjata di Bandung",
            ),
            (
                "Baca artikel Harian Kita lainnya di Aplikasi Kita\nMenhan Tinjau Pabrik Senjata di Bandung\n",
                "Menhan Tinjau Pabrik Senjata di Bandung",
            ),
            // One case turn is a name, not a breadcrumb.
            (
                "YouTube Luncurkan Fitur Baru untuk Kreator di Indonesia\n",
                "YouTube Luncurkan Fitur Baru untuk Kreator di Indonesia",
            ),
            // A gallery marker opening the headline, over its byline.
            (
                "PHOTOS: Menhan Tinjau Pabrik Senjata di Bandung\nBy Rina Wulandari\n",
                "PHOTOS: Menhan Tinjau Pabrik Senjata di Bandung",
            ),
            // ... or under the post's date, as blogs print it.
            (
                "Rabu, 10 April 2024\nPHOTOS: Menhan Tinjau Pabrik Senjata di Bandung\n",
                "PHOTOS: Menhan Tinjau Pabrik Senjata di Bandung",
            ),
            // A breadcrumb written out, above the headline.
            (
                "Beranda » Nasional » Politik\nMenhan Tinjau Pabrik Senjata di Bandung\n",
                "Menhan Tinjau Pabrik Senjata di Bandung",
            ),
            // The site's name, as its byline writes it; a menu copied as one row; a
            // subscribe prompt.
            (
                "Home Politik Nasional Daerah Opini Bandung\nMenhan Tinjau Pabrik Senjata di Bandung\n",
                "Menhan Tinjau Pabrik Senjata di Bandung",
            ),
            (
                "Subscribe to Bandung\nMenhan Tinjau Pabrik Senjata di Bandung\n",
                "Menhan Tinjau Pabrik Senjata di Bandung",
            ),
            // A section and a date, the headline, then a credit alone: the headline is no
            // caption.
            (
                "Politik\n09 Apr 2024 10:14\nMenhan Tinjau Pabrik Senjata di Bandung\n\nFoto: Dok. Kemhan\n",
                "Menhan Tinjau Pabrik Senjata di Bandung",
            ),
        ] {
            let lead = format!(
                "Pejabat mengatakan, {} pada Senin sesuai jadwal yang telah disepakati kedua pihak.",
                want.to_lowercase()
            );
            let c = clean(&format!("{head}\n{lead}\n\n{STORY_ID}"));
            assert_eq!(c.title.as_deref(), Some(want), "{head}");
        }
    }

    #[test]
    fn the_sites_name_over_a_long_head_is_not_the_title() {
        let page = [
            "Israel National News - Arutz Sheva",
            "News | Israel | World | Opinion | Video",
            "Trending",
            "Terrorist shot dead after attempted ramming attack in Samaria",
            "Sukkot traffic: police close roads around Western Wall",
            "News",
            "Israel and Germany sign record Arrow-3 agreement",
            "Israel National News",
            "Sep 28, 2023, 3:07 PM",
            "",
            "The defense ministries of Israel and Germany on Thursday signed what both sides called a historic agreement to supply the Arrow-3 system.",
            "",
            STORY_EN,
        ]
        .join("\n");
        let c = clean(&page);
        assert_eq!(
            c.title.as_deref(),
            Some("Israel and Germany sign record Arrow-3 agreement")
        );
        let rules = rules();
        let cleaner = &rules.cleaner;
        assert!(cleaner.menu_row("Home Politics Security Economy Opinion Blog"));
        assert!(super::cell_row(
            "Daily Posts   Research   Charts   Webinars   Subscribe"
        ));
        assert!(!super::cell_row(
            "Alibaba Tops Estimates as Hong Kong Internet Names Bounce"
        ));
        assert!(!super::cell_row(
            "Name   Party   Votes   Share of the vote, in per cent"
        ));
        assert!(!cleaner.menu_row("Home Secretary visits flooded towns in the north"));
        assert!(cleaner.menu_row("Home | The Prime Minister | NEC Decisions | Contact Us"));
        // The office's name above such a row is the masthead, not the headline.
        let office = "Office of the Prime Minister and National Cabinet";
        let title = "Prime Minister and visiting President-elect hold warm talks in the capital";
        let page = format!("{office}\nHome | The Prime Minister | Cabinet Decisions | Media Releases | Contact Us\nHome » Media Releases\nMedia Release\n{title}\nThe visiting President-elect and the Prime Minister held friendly talks in the capital today during a stopover of five hours.\n{STORY_EN}");
        assert_eq!(clean(&page).title.as_deref(), Some(title));
    }

    #[test]
    fn a_short_line_naming_a_news_site_is_not_the_title() {
        // The site's name over a menu, the headline under a section name, the standfirst, then
        // the name again as the byline over the date stamp.
        for site in [
            "EWN Eyewitness News",
            "Andina - Agencia Peruana de Noticias",
            "IMPIANNEWS.COM (Pesisir Selatan)",
        ] {
            let title = "Zuma's arms deal corruption trial pushed back to 9 September";
            let page = format!("{site}\nLocal\nPolitics\nWorld\nBusiness\nSport\nPolitics\n{title}\nZuma and his co-accused are accused of wrongdoing tied to the arms package of the 1990s.\nEyewitness News\n10 August 2021 11:05\nThe trial of former president Jacob Zuma was postponed again on Tuesday, as his lawyers asked the court for more time.\n\nThe state prosecutor said the delay was regrettable but agreed to the new date set by the judge.\n\n{STORY_EN}");
            assert_eq!(clean(&page).title.as_deref(), Some(title), "{site}");
        }
        let rules = rules();
        assert!(!rules
            .cleaner
            .site_name("Fox News host fired over leaked recordings of staff"));
    }

    /// A blog's header: its name, its tagline and the post's date over the post's title. The
    /// tagline stands over a date too, but the lead shares none of its words.
    #[test]
    fn a_blogs_tagline_over_the_posts_date_is_not_the_title() {
        let title = "PT DI dan Mitra Eropa Teken Kerja Sama Perakitan C295 di Bandung";
        let page = format!("Catatan Dirgantara\nKumpulan kabar seputar penerbangan dan teknologi\n\nRabu, 18 April 2012\n\n{title}\n\nPesawat angkut A400M buatan Eropa mendarat untuk pertama kalinya di Lanud Husein Sastranegara, Bandung, Rabu (18/4). Pesawat ini sanggup membawa muatan hingga 37 ton.\n\nPerakitan akan dimulai tahun depan di fasilitas yang sudah ada.\n\n{STORY_ID}\n\nPosted by Admin at 1:45 PM");
        assert_eq!(clean(&page).title.as_deref(), Some(title));
    }

    /// A link back to the site's front page, over the headline and again under the story, is
    /// never the title, even when the headline (ending in an abbreviation) reads as a sentence.
    #[test]
    fn a_link_back_to_the_front_page_is_never_the_title() {
        let story = "Fumio Kishida and Joe Biden have agreed to move faster on\narrangements for the president's trip to\nJapan, which both sides want before the year ends,\nthe prime minister said Thursday.\n\nPeople familiar with the plans said the two\ngovernments are looking at dates in early November.\n\nBiden said at the start of the meeting that relations\nhad never been closer.";
        for link in ["Back to Main", "Kembali ke Beranda"] {
            let page = format!("Kyodo News\n{link}\n\nKishida, Biden agree to speed up plans for Biden's Japan visit in Nov.\n\n{story}\n\n{link}\n\nCopyright (C) The Weekly. All rights reserved.");
            let out = clean(&page);
            assert_ne!(out.title.as_deref(), Some(link));
            assert!(!out.text().contains(link), "{link}");
        }
    }

    #[test]
    fn title_subtitle_byline_and_stamp() {
        // (head lines, title, author, published)
        type Case<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Option<&'a str>);
        let cases: &[Case] = &[
            (
                "Prabowo Terima Telepon dari Xi Jinping\nWilly Haryono • 01 Juli 2023 09:46\n",
                Some("Prabowo Terima Telepon dari Xi Jinping"),
                Some("Willy Haryono"),
                Some("2023-07-01"),
            ),
            (
                "Menlu Bertemu Mitra dari Jepang\nKamis, 4 Januari 2024 | 08:15 WITA\n",
                Some("Menlu Bertemu Mitra dari Jepang"),
                None,
                Some("2024-01-04T08:15:00+08:00"),
            ),
            (
                "Leaders Speak by Phone\nBy Jane Roe\n",
                Some("Leaders Speak by Phone"),
                Some("Jane Roe"),
                None,
            ),
            (
                "Menhan Tinjau Pabrik Senjata\nOleh: Ani Rahmawati\n",
                Some("Menhan Tinjau Pabrik Senjata"),
                Some("Ani Rahmawati"),
                None,
            ),
            // A headline ending on a date range is the headline, not a stamp.
            (
                "PM Malaysia Dijadwalkan Lawat ke Indonesia 4-5 Februari 2021\nRabu, 3 Februari 2021 19:00 WIB\n",
                Some("PM Malaysia Dijadwalkan Lawat ke Indonesia 4-5 Februari 2021"),
                None,
                Some("2021-02-03T19:00:00+07:00"),
            ),
        ];
        for (head, title, author, published) in cases {
            let c = clean(&format!("{head}\n{STORY_ID}\n\n{STORY_EN}"));
            assert_eq!(c.title.as_deref(), *title, "{head}");
            assert_eq!(c.author.as_deref(), *author, "{head}");
            assert_eq!(c.published.as_deref(), *published, "{head}");
            assert!(
                c.text().starts_with("Presiden Prabowo"),
                "{head}: {:?}",
                c.text()
            );
        }
    }

    #[test]
    fn datelines() {
        let cases: &[(&str, Option<&str>, Option<&str>)] = &[
            ("MOSKOW - ", Some("MOSKOW"), None),
            ("NEW DELHI: ", Some("NEW DELHI"), None),
            ("Jakarta, IDN Times - ", Some("Jakarta"), Some("IDN Times")),
            ("JAKARTA, KOMPAS.com - ", Some("JAKARTA"), Some("Kompas")),
            (
                "WASHINGTON (Reuters) - ",
                Some("WASHINGTON"),
                Some("Reuters"),
            ),
            ("Moskow: ", Some("Moskow"), None),
            ("PRABUMULIH.CO - ", None, Some("PRABUMULIH.CO")),
            ("POS-KUPANG.COM - ", None, Some("POS-KUPANG.COM")),
            (
                "Harianjogja.com, JAKARTA - ",
                Some("JAKARTA"),
                Some("Harianjogja.com"),
            ),
            ("Presiden Jokowi: ", None, None),
        ];
        for (lead, dateline, outlet) in cases {
            let c = clean(&format!("{lead}{STORY_ID}"));
            assert_eq!(c.dateline.as_deref(), *dateline, "{lead}");
            assert_eq!(c.outlet.as_deref(), *outlet, "{lead}");
            if dateline.is_some() {
                assert!(
                    c.text().starts_with("Presiden Prabowo"),
                    "{lead}: {:?}",
                    c.text()
                );
            }
        }
    }

    /// A page as readers copy it: section, title, byline, date, a caption shown twice, then
    /// the lead with its dateline.
    #[test]
    fn the_head_above_the_lead_goes_and_the_title_is_the_headline() {
        let caption = "Presiden Prabowo Subianto menyambut Perdana Menteri Jepang di Istana Merdeka, Jakarta.";
        let cases: &[(&str, &str)] = &[
            (
                "Nasional\nPrabowo Terima Kunjungan PM Jepang, Bahas Kerja Sama Energi\nPenulis: Rina Marlina\nKamis, 12 Juni 2025 14:05 WIB\nBagikan",
                "JAKARTA - Presiden Prabowo Subianto menerima kunjungan Perdana Menteri Jepang di Istana Merdeka untuk membahas kerja sama energi dan investasi.",
            ),
            (
                "World\nJapan's prime minister visits Jakarta for energy talks with Prabowo\nBy Jane Roe\nPublished Jun 12, 2025, 5:00 pm",
                "JAKARTA (Reuters) - Japan's prime minister met President Prabowo Subianto in Jakarta on Thursday for talks on energy and investment cooperation.",
            ),
        ];
        for (head, lead) in cases {
            let body = format!("{head}\n{caption}\n{caption}\n{lead}\n{STORY_ID}\n{STORY_EN}");
            let c = clean(&body);
            let title = head.lines().nth(1).unwrap_or("");
            assert_eq!(c.title.as_deref(), Some(title), "{head}");
            let text = c.text();
            assert!(!text.contains(caption), "{text}");
            for l in head.lines() {
                assert!(!text.contains(l), "{l:?} left in {text:?}");
            }
            assert!(text.contains(STORY_ID) && text.contains(STORY_EN));
            assert!(
                text.starts_with(
                    lead.split(" - ")
                        .nth(1)
                        .unwrap_or(lead)
                        .get(..20)
                        .unwrap_or("")
                ),
                "{text}"
            );
        }
    }

    /// The headline is the line the page's date stands under, after a list of other
    /// headlines; a credit under the headline does not make it a caption when only UI stood
    /// above it; a signed line is never the title.
    #[test]
    fn the_headline_is_found_among_lists_credits_and_bylines() {
        let cases = [
            "Seminar Nasional Kemaritiman Bahas Arah Pembangunan Pelabuhan\nKKP Perketat Pengawasan Kapal Ikan Asing di Natuna\nArus Peti Kemas Tanjung Priok Tumbuh Jelang Akhir Tahun\nPrabowo Terima Kunjungan PM Jepang, Bahas Kerja Sama Energi\nSenin, 04 November 2024 - 19:22 WIB",
            "Skip to main content\nPrabowo receives Japan's prime minister for energy talks\nREUTERS/Mike Segar",
            "By News Dude, Newser Staff\nPrabowo receives Japan's prime minister for energy talks\nPosted Jun 12, 2025 5:00 PM CDT",
            "Nasional Mondial Ekonomi Daerah Megapolitan Olahraga Opini Wawancara Foto Video Infografis\nPrabowo receives Japan's prime minister for energy talks",
        ];
        let want = [
            "Prabowo Terima Kunjungan PM Jepang, Bahas Kerja Sama Energi",
            "Prabowo receives Japan's prime minister for energy talks",
            "Prabowo receives Japan's prime minister for energy talks",
            "Prabowo receives Japan's prime minister for energy talks",
        ];
        for (head, title) in cases.iter().zip(want) {
            let c = clean(&format!("{head}\n{STORY_ID}\n{STORY_EN}"));
            assert_eq!(c.title.as_deref(), Some(title), "{head}");
        }
    }

    /// A page's key points, listed above the caption and the lead, are not the lead.
    #[test]
    fn key_points_above_the_lead_go() {
        let points = [
            "- Serah terima simbolis digelar di Lanud Halim Perdanakusuma, Jakarta Timur, pada Senin pagi.",
            "- Pesawat lebih dulu diserahterimakan di fasilitas Airbus di Sevilla, Spanyol, bulan lalu.",
        ];
        let body = format!(
            "Prabowo Serahkan A400M Pertama ke TNI AU\n{}\n{}\nPresiden Prabowo menyerahkan kunci pesawat kepada Panglima TNI di Halim, Senin (3/11/2025). [Suara.com/Rizky]\nSuara.com - {STORY_ID}\n{STORY_EN}",
            points[0], points[1]
        );
        let c = clean(&body);
        for p in points {
            assert!(!c.text().contains(p), "{:?}", c.text());
        }
        assert!(
            c.text().starts_with(STORY_ID.get(..20).unwrap_or("")),
            "{:?}",
            c.text()
        );
        // One marked paragraph is a lead whose dateline was cut before its dash.
        let lone = format!(
            "Prabowo Serahkan A400M Pertama ke TNI AU\n12 Februari 2025\n- {STORY_ID}\n{STORY_EN}"
        );
        assert!(clean(&lone).text().contains(STORY_ID));
    }

    /// A short caption shown again with a credit in capitals ("… Banda. FILE | NATION MEDIA
    /// GROUP") is no headline, and a row of menu cells joined by "&" is a menu.
    #[test]
    fn a_short_caption_with_a_shouted_credit_and_a_menu_row_are_not_the_title() {
        let title = "Malawi's Banda takes listeners' calls live on radio to defend her record";
        let body = format!(
            "Africa Review\nNews  Business  Special Reports  Opinion  Life & Style  Sport\nNews\n{title}\nMalawi President Joyce Banda\nMalawi President Joyce Banda. FILE | NATION MEDIA GROUP\nBy AFRICA REVIEW Correspondent in Blantyre\nPosted Wednesday, January 2 2013 at 16:10\n\nPresident Joyce Banda of Malawi tried something new on New Year's Eve when she took calls on the radio.\n\nShe took to the airwaves to answer questions from ordinary citizens across the country about the economy.\n"
        );
        let c = clean(&body);
        assert_eq!(c.title.as_deref(), Some(title));
        assert!(!c.text().contains("NATION MEDIA GROUP"), "{:?}", c.text());
    }

    /// A line shown twice in a row over the headline is a photo's alt text and its caption;
    /// a headline shown again further down is still the headline.
    #[test]
    fn a_line_doubled_in_a_row_over_the_headline_is_not_the_title() {
        let story = "The Turkish Navy will give two of its retired frigates to Pakistan, the commander of the Pakistan Navy, Admiral Amjad Khan Niazi, has announced, according to a report by a defence weekly. The admiral said the ships would arrive next year.\n\nThe class of the ships has not been disclosed yet, but analysts expect them to be frigates of the Gabya class, which Turkey has been retiring since 2020 as new ships enter service.\n\nThe ships will be refitted in Karachi before they join the fleet.";
        let headline = "Turkey to Hand Two Retired Frigates to the Pakistan Navy";
        let doubled = format!("Navy frigates of the Turkish fleet at sea\nNavy frigates of the Turkish fleet at sea\n\n{headline}\n\nBy DefenceWire Staff\nMarch 3, 2023\n\n{story}");
        assert_eq!(clean(&doubled).title.as_deref(), Some(headline));
        let apart = format!("{headline}\nDefence\n{headline}\nMarch 3, 2023\n\n{story}");
        assert_eq!(clean(&apart).title.as_deref(), Some(headline));
    }

    /// A caption closed by a bracketed credit under the headline shares the lead's names but
    /// is not the title; a headline closed by a bracketed label is.
    #[test]
    fn a_caption_closed_by_a_bracketed_credit_is_not_the_title() {
        let lead = "Crown Prince Khalid bin Hamad of Westland sat down with Crown Prince Omar bin Faisal of Eastmark for talks on the region on Tuesday.";
        let title = "Capital talks: two heirs review a strategic partnership";
        for caption in [
            "Crown Prince Khalid bin Hamad receives Crown Prince Omar bin Faisal at the palace (WNA)",
            "Crown Prince Khalid bin Hamad and Crown Prince Omar bin Faisal after the talks. (Defence)",
        ] {
            let body = format!("World » Gulf\nTop News\n{title}\n{caption}\n{lead}\n{STORY_EN}");
            assert_eq!(clean(&body).title.as_deref(), Some(title), "{caption}");
        }
        let c = [
            "Cabinet of twelve sworn in (PHOTOS)",
            "Cabinet of twelve sworn in (Full List)",
        ];
        for title in c {
            let body = format!("Politics\n{title}\nThe new cabinet of twelve ministers was sworn in at the palace on Monday morning.\n{STORY_EN}");
            assert_eq!(clean(&body).title.as_deref(), Some(title));
        }
    }

    /// A line holding only a title and a name names a picture; a list of such names is the
    /// story's (a delegation, a cabinet).
    #[test]
    fn a_titled_name_alone_is_a_caption_unless_listed() {
        let body = format!(
            "Moscow rejects the plan\nMOSCOW - Russia rejected the peace plan on Tuesday, saying it ignored the situation on the ground.\nRussian Foreign Minister Sergey Lavrov\nThe ministry said it would send its own proposal to the mediators next week.\n{STORY_EN}"
        );
        let c = clean(&body);
        assert!(
            !c.text().contains("Russian Foreign Minister Sergey Lavrov"),
            "{}",
            c.text()
        );
        let body = format!(
            "Presiden Umumkan Rombongan ke Beijing\nJAKARTA - Presiden mengumumkan para menteri yang ikut dalam kunjungan ke Beijing pekan depan, Senin.\nMereka adalah:\n- Menteri Luar Negeri Sugiono\n- Menkeu Sri Mulyani Indrawati\nRombongan akan berangkat dari Halim pada Selasa pagi.\n{STORY_ID}"
        );
        let c = clean(&body);
        assert!(
            c.text().contains("Menkeu Sri Mulyani Indrawati"),
            "{}",
            c.text()
        );
    }

    /// The desk's address between the section and the stamp is not the headline above them.
    #[test]
    fn an_address_over_the_stamp_is_not_the_title() {
        let title = "Ulaanbaatar Mayor proposes twinning with Tokyo";
        let body = format!("MONTSAME News Agency\nMongolia | Politics | Economy | Society | Culture | Sports | World | Photo\n\n{title}\nPolitics\nen@montsame.mn\n2017-01-06 11:39:45\n\nUlaanbaatar /MONTSAME/ Masato Takaoka, who became Japan's envoy to Mongolia last year, called on the Mayor of the capital, S.Batbold, on January 5.\n\nThe mayor said the two cities share much and proposed closer ties in education.\n");
        assert_eq!(clean(&body).title.as_deref(), Some(title));
    }

    /// A standfirst under the headline may share more words with the lead than the headline
    /// does; the headline above it is still the title, and the standfirst stays story.
    #[test]
    fn the_headline_over_its_standfirst_is_the_title() {
        let title = "Neighbours' foreign ministers aim for progress on the trade bloc";
        let deck = "Minister Paulo Reis hails a productive first meeting with Lucia Ferro, the new government's choice for top diplomat";
        let body = format!("World\n{title}\n{deck}\nBy Ana Costa\nDecember 1, 2023\n\nForeign Minister Paulo Reis met Lucia Ferro on Monday, calling their first meeting productive and promising a new push for the trade bloc.\n{STORY_EN}");
        let c = clean(&body);
        assert_eq!(c.title.as_deref(), Some(title));
        assert!(
            c.text().contains(deck) || c.subtitle.as_deref() == Some(deck),
            "{:?}",
            c.text()
        );
    }

    /// A story told as a list (a situation update) keeps its items: the first is the lead.
    #[test]
    fn a_story_told_as_a_list_keeps_its_items() {
        let items = [
            "• The prime minister spoke by phone with his Tongan counterpart last night about the relief effort.",
            "• Calls on the mobile network are still hard to get through, as demand runs ahead of capacity.",
            "• Tests have confirmed that the water on the main island is safe to drink.",
            "• Three people have died, two of them local residents and one a foreign visitor.",
        ];
        let body = format!(
            "Skip to main content\nTonga\nVolcanic Eruption and Tsunami: Update Five\nPosted 21 Jan 2022\n\n{}\n\n{}\n\n{}\n\nGovernment Response\n\n{}\n\nCitizens Abroad\n\n• Citizens in Tonga are encouraged to register online with the travel advisory service so that the embassy in the capital can contact them and their families quickly when the situation changes again.\n",
            items[0], items[1], items[2], items[3]
        );
        let text = clean(&body).text();
        for item in items {
            let words = item.trim_start_matches("• ");
            assert!(
                text.contains(words.get(..30).unwrap_or(words)),
                "{item}: {text:?}"
            );
        }
    }

    /// A closing note about the author is metadata; a closing story sentence about a person
    /// stays.
    #[test]
    fn an_authors_note_at_the_end_goes() {
        for (last, kept) in [
            ("Ima Elijah is a Senior News Reporter at Pulse.", false),
            ("Rina Marlina adalah wartawan Kompas di Jakarta.", false),
            (
                "Jane Roe is a news correspondent based in Brussels, where she covers aid. She has previously reported from Europe and Australia for a range of outlets.",
                false,
            ),
            (
                "Ruth Roe (Business Editor) Ruth Roe is a business editor at the Daily with years of experience covering finance.",
                false,
            ),
            (
                "Sheikh Tamim is the emir who hosted the World Cup in 2022.",
                true,
            ),
        ] {
            let c = clean(&format!("{STORY_EN}\n{STORY_ID}\n{last}"));
            assert_eq!(c.text().contains(last), kept, "{last}");
            assert!(c.text().contains(STORY_ID), "{last}");
        }
    }

    /// A city printed alone on its line between the byline and the lead is the dateline; a
    /// country there is a section name, not a dateline.
    #[test]
    fn a_city_alone_above_the_lead_is_the_dateline() {
        let head = "Indonesia completes its fighter jet order from France\nBy Jane Roe";
        for (line, dateline) in [("Jakarta", Some("Jakarta")), ("Indonesia", None)] {
            let c = clean(&format!("{head}\n{line}\n{STORY_EN}\n{STORY_ID}"));
            assert_eq!(c.dateline.as_deref(), dateline, "{line}");
            assert!(
                c.text().starts_with(STORY_EN.get(..20).unwrap_or("")),
                "{line}"
            );
        }
    }

    #[test]
    fn a_standfirst_under_the_title_is_story() {
        let standfirst = "The two leaders agreed to speed up talks on a new trade deal before the end of the year.";
        let body = format!("Leaders agree to speed up trade talks\n{standfirst}\nBy Jane Roe\n{STORY_EN} They met for two hours in the capital and spoke to reporters afterwards.\n{STORY_ID}");
        let c = clean(&body);
        assert_eq!(
            c.title.as_deref(),
            Some("Leaders agree to speed up trade talks")
        );
        assert!(c.text().starts_with(standfirst), "{:?}", c.text());
        // Unpunctuated, as many sites set it: still the story's, and the subtitle.
        let title = "Ministry seals contracts for patrol vessels and radars";
        let lead = "JAKARTA - The defence ministry on Thursday sealed contracts for patrol vessels and radars with two local shipyards, officials said. The deals are worth about $2 billion.";
        let deck = "Four agreements with local shipyards were concluded a day before the financial year closes";
        for (under, kept) in [
            (deck, true),
            (
                "Published on 27/11/2023 - 09:41 By the news desk in the capital city",
                false,
            ),
            (
                "(ATTN: UPDATES with more details from para 4 and ADDS photo)",
                false,
            ),
        ] {
            let c = clean(&format!(
                "{title}\n{under}\nBy Jane Roe\n{lead}\n{STORY_EN}\n{STORY_ID}"
            ));
            assert_eq!(c.title.as_deref(), Some(title));
            assert_eq!(c.text().contains(under), kept, "{under}: {:?}", c.text());
            if kept {
                assert_eq!(c.subtitle.as_deref(), Some(deck));
            }
        }
    }

    /// (line between two story paragraphs, kept?)
    #[test]
    fn captions_go_by_their_credit() {
        let cases: &[(&str, bool)] = &[
            ("Menlu China Wang Yi. (Foto: Reuters)", false),
            ("Duta Besar Ukraina saat memberikan keterangan kepada wartawan. [Suara.com/Ria Rizki]", false),
            ("Ketua Komisi I DPR dalam sebuah kegiatan di Medan. Foto: Tri Vosa/kumparan", false),
            ("Delegasi kedua negara mengakhiri perundingan di Istanbul. ANTARA/Anadolu/py", false),
            ("Presiden Rusia dan Presiden China dalam pertemuan virtual/Net", false),
            ("The prime minister speaks to reporters in Tokyo. Photo: Kim Kyung-Hoon/Pool via REUTERS", false),
            ("Malaysia's prime minister is welcomed at the airport on Tuesday. PHOTO: BERNAMA", false),
            ("Kedua pemimpin membahas kerja sama energi, investasi dan pendidikan dalam pertemuan yang berlangsung hampir dua jam.", true),
        ];
        for (line, kept) in cases {
            let text = clean(&format!("{STORY_ID}\n\n{line}\n\n{STORY_EN}")).text();
            assert_eq!(text.contains(line), *kept, "{line:?} in {text:?}");
        }
        // A source credit closing a long story paragraph is cut, the paragraph stays.
        let long = "Turki selama ini berusaha menjaga hubungan baik dengan Moskow dan Kiev sekaligus menawarkan diri sebagai penengah konflik yang telah berlangsung lebih dari dua tahun dan menewaskan ribuan orang.";
        let text = clean(&format!("{STORY_ID}\n\n{long} (Antara/Reuters/JPNN)")).text();
        assert!(text.ends_with(long), "{text:?}");
    }

    #[test]
    fn runs_of_other_headlines_go_a_subheading_or_a_list_stays() {
        let run = "Harga Beras di Palu Mulai Stabil Jelang Iduladha\nIsrael Klaim Sudah Kepung Kota Gaza dari Dua Arah\nZelensky Minta Sekutu Percepat Pengiriman Sistem Pertahanan Udara";
        let c = clean(&format!("{STORY_ID}\n{run}\n{STORY_EN}"));
        for l in run.lines() {
            assert!(!c.text().contains(l), "{l:?} left in {:?}", c.text());
        }
        assert!(c.text().contains(STORY_EN));
        // The box's label goes with its run; a sentence above a run stays.
        for label in ["Bacaan Lainnya", "Also on GulfPress"] {
            let c = clean(&format!("{STORY_ID}\n{label}\n{run}\n{STORY_EN}"));
            assert!(
                !c.text().contains(label),
                "{label:?} left in {:?}",
                c.text()
            );
        }
        let said = "Kata dia, semua pihak sepakat.";
        let c = clean(&format!("{STORY_ID}\n{said}\n{run}\n{STORY_EN}"));
        assert!(c.text().contains(said), "{:?}", c.text());
        for (kept, body) in [
            ("Alih Teknologi ke Galangan Surabaya", format!("{STORY_ID}\nAlih Teknologi ke Galangan Surabaya\n{STORY_EN}")),
            ("- Nomor rekening atau kartu ATM", format!("{STORY_ID}\nData yang biasanya diincar pelaku:\n- Nomor rekening atau kartu ATM\n- Nama gadis ibu kandung pemilik rekening\n{STORY_EN}")),
            ("Jonatan Christie vs Khosit Phetpradab 21-6, 21-18", format!("{STORY_ID}\nJonatan Christie vs Khosit Phetpradab 21-6, 21-18\nIhsan Maulana Mustofa vs Suppanyu Avihingsanon 21-15, 21-14\n{STORY_EN}")),
        ] {
            assert!(clean(&body).text().contains(kept), "{kept:?} lost");
        }
    }

    #[test]
    fn syndication_and_copyright_notes_go_whatever_their_length() {
        for line in [
            "Artikel ini telah tayang di Kompas.com dengan judul \"Gerebek Tempat Pembuatan Senjata Api Rakitan, Polisi Amankan Dua Orang\"",
            "Copyright © 2024 Federal News Network. All rights reserved. This website is not intended for users located within the European Economic Area.",
            "This article originally appeared at an independent news site and is republished with permission.",
        ] {
            let text = clean(&format!("{STORY_ID}\n\n{STORY_EN}\n\n{line}")).text();
            assert!(!text.contains(line), "{line:?} in {text:?}");
        }
    }

    #[test]
    fn caption_block_before_its_marker_goes_with_it() {
        let body = format!("{STORY_ID}\n\nIlustrasi kapal perang di Laut Natuna\n\nPhoto :\n  • Screenshot berita\n\n{STORY_EN}");
        let c = clean(&body);
        assert!(
            !c.text().contains("Ilustrasi kapal") && !c.text().contains("Screenshot"),
            "{:?}",
            c.text()
        );
        let removed = c.report.removed.unwrap_or_default();
        assert!(removed.iter().all(|r| r.rule == "caption"), "{removed:?}");
    }

    #[test]
    fn follow_prompts_embedded_posts_and_slash_credits_go() {
        let junk = [
            "ikuti terus update berita kabarkota di google news",
            "- Advertisement -",
            "Tentara kedua negara dalam upacara pembukaan latihan. Photo/ANI",
            "Kami tidak ingin perpecahan, dan kami siap berunding.",
            "— Nama Pejabat (@namapejabat) July 25, 2019",
            "Find out more",
        ];
        let body = format!("{STORY_ID}\n\n{}\n\n{STORY_EN}", junk.join("\n\n"));
        let text = clean(&body).text();
        for j in junk {
            assert!(!text.contains(j), "{j:?} in {text:?}");
        }
        assert!(text.contains(STORY_EN), "{text:?}");
    }

    #[test]
    fn the_story_may_close_with_the_wires_sign_off() {
        let last = "In his call with the Cambodian prime minister, the premier likewise stressed close coordination between the two neighbours along their shared border. — VNS";
        let text = clean(&format!(
            "{STORY_ID}\n\n{STORY_EN}\n\n{last}\n\nTags: ASEAN, G20"
        ))
        .text();
        assert!(text.contains("close coordination"), "{text:?}");
        // A caption with the same credit, above the story, still goes.
        let caption = "The two prime ministers shake hands before their talks in Hanoi. — VNS";
        let text = clean(&format!("{caption}\n\n{STORY_ID}\n\n{STORY_EN}")).text();
        assert!(!text.contains("shake hands"), "{text:?}");
    }

    #[test]
    fn a_caption_shown_again_with_its_credit_appended_goes_both_times() {
        let cap = "Participants find their seats before the technology conference opens in Lisbon, Monday, Nov. 5 2018.";
        let page = format!(
            "What to watch at the Lisbon technology conference\n\n{cap}\n{cap} Copyright Armando Franca/AP\nBy Pascale Davies\n\nBig names in tech have pulled out of the Lisbon conference after its former chief spoke out on the war.\n\n{STORY_EN}"
        );
        let c = clean(&page);
        assert!(!c.text().contains("Participants find"), "{}", c.text());
        assert!(c.text().contains("Big names in tech"));
        assert_eq!(c.author.as_deref(), Some("Pascale Davies"));
    }

    #[test]
    fn a_headline_box_ends_at_its_blank_line_and_may_hold_questions() {
        // Three headlines printed as one block, one of them a question, then a blank line
        // and the story's next subheading.
        let page = format!(
            "{STORY_EN}\n\nRead more:\nFerry Fares Rise Again Before the Holiday Rush\nWhat is the G7 and who is going to Apulia?\nCentral Bank Holds Rates for a Third Month\n\nTrade and a Seventy-Year Friendship\n\nOfficials in Jakarta said the talks would resume next month in Geneva, and declined to comment further."
        );
        let text = clean(&page).text();
        for junk in ["Ferry Fares", "who is going", "Central Bank"] {
            assert!(!text.contains(junk), "{junk}: {text}");
        }
        assert!(text.contains("Seventy-Year Friendship"), "{text}");
        // Headlines each set apart by blank lines do not end at the first blank.
        let spaced = format!(
            "{STORY_EN}\n\nRead more\n\nFerry Fares Rise Again Before the Holiday Rush\n\nCentral Bank Holds Rates for a Third Month\n\nOfficials in Jakarta said the talks would resume next month in Geneva, and declined to comment further."
        );
        let text = clean(&spaced).text();
        assert!(!text.contains("Central Bank"), "{text}");
    }

    #[test]
    fn widgets_breadcrumbs_and_caption_pairs_do_not_hide_the_headline() {
        // A weather widget and a breadcrumb from the home page above the headline; a site's
        // tagline and today's date above its menu row; a headline ending on an initialism
        // above a caption shown twice.
        let pages = [
            (
                format!("18.2 C\nBeranda / Klarifikasi Hoaks\nSBY Sudah Telepon Moeldoko Soal Hasil Pemilu\n\n{STORY_ID}\n\n{STORY_ID} Pertemuan berlangsung tertutup."),
                "SBY Sudah Telepon Moeldoko Soal Hasil Pemilu",
            ),
            (
                format!("Saudi Press\nSaudi Arabia and the world\nThursday, Sep 18, 2025\nHome Politics Economy Gulf World Sport Opinion\nCrown Prince Receives US Secretary of State in Riyadh\nBy Press Desk\nPublished: 17 Feb 2025, 9:41 PM\n\n{STORY_EN}\n\n{STORY_EN} The talks went on late."),
                "Crown Prince Receives US Secretary of State in Riyadh",
            ),
            (
                format!("News\nCustoms intercepts 31 arms, ammunition from U.S.\nWeapons seized by customs officers on display at the port in Lagos. Photo: NCS\nWeapons seized by customs officers on display at the port in Lagos. Photo: NCS\n\n{STORY_EN}\n\n{STORY_EN} The talks went on late."),
                "Customs intercepts 31 arms, ammunition from U.S.",
            ),
        ];
        for (page, want) in &pages {
            let c = clean(page);
            assert_eq!(c.title.as_deref(), Some(*want), "{}", c.text());
        }
        let home = ["beranda".to_string()].into_iter().collect();
        assert!(super::spaced_breadcrumb(
            "Beranda / Klarifikasi Hoaks",
            &home
        ));
        // Two parts not from the home page may be a headline's.
        assert!(!super::spaced_breadcrumb("Gaza > Rafah", &home));
        // Sections between bars; a headline before its section and site is no breadcrumb.
        assert!(super::spaced_breadcrumb(
            "Politics | Federal | Foreign affairs",
            &home
        ));
        assert!(!super::spaced_breadcrumb(
            "Prabowo meets Xi in Beijing | World | Kompas",
            &home
        ));
    }

    #[test]
    fn a_colon_list_with_short_first_items_and_a_bracketed_source_tag_stay() {
        let page = format!(
            "{STORY_ID}\n\nPerusahaan yang terlibat meliputi:\n\n• PT Pindad\n• PT Dahana\n• PT Republik Defens Indonesia\n• PT Praba Cipta Mandiri\n• PT Nusantara Turbine Propulsi\n• PT Indonesia Defence Systems\n\n\"Kami punya pasar sendiri. Kami melayani Asia Pasifik, sedangkan mitra kami menyasar Eropa,\" katanya. [viva]\n\nArticle continues after this advertisement"
        );
        let text = clean(&page).text();
        for kept in ["Praba Cipta", "Indonesia Defence Systems", "menyasar Eropa"] {
            assert!(text.contains(kept), "{kept}: {text}");
        }
        assert!(
            !text.contains("[viva]") && !text.contains("continues after"),
            "{text}"
        );
    }

    #[test]
    fn a_related_box_in_the_first_half_takes_its_headlines() {
        let page = format!(
            "{STORY_EN}\n\nRELATED\nADVERTISEMENT\nCouple charged with misappropriating funds from state office\nFormer deputy receiver's bail raised again\n\nThe talks in the capital went on late into the night, and both delegations said they had made progress on tariffs.\n\nA joint statement is expected on Friday, when the two ministers will brief reporters on the outcome of the round.\n\nOfficials in both capitals declined to comment on the details of the draft before it is signed."
        );
        let text = clean(&page).text();
        assert!(
            !text.contains("Couple charged") && !text.contains("bail raised"),
            "{text}"
        );
        assert!(
            text.contains("declined to comment on the details"),
            "{text}"
        );
    }

    #[test]
    fn credits_with_the_agency_repeated_clock_stamps_and_blog_furniture_go() {
        let page = format!(
            "Riot police stand near the venue in Jakarta on Saturday. (AP Photo/Rina Hartono)— AP\n\nSaturday, May 7, 2011 at 4:12 a.m.\n\n{STORY_EN}\n\nPost a Comment\nNewer Post  Older Post  Home\n\nTags: Ferry Fares Central Bank ASEAN 2011\n\nIf you like this story, share it with a friend!"
        );
        let text = clean(&page).text();
        for junk in ["Riot police", "4:12", "Newer Post", "Tags:", "share it"] {
            assert!(!text.contains(junk), "{junk}: {text}");
        }
        // A label over a sentence is not a tag list.
        assert!(!super::capitalised_after_label(
            "Update: the talks resumed in Geneva."
        ));
        assert!(super::capitalised_after_label(
            "Tag: Jepang Filipina KTT ASEAN 2025"
        ));
    }

    #[test]
    fn a_wire_sign_off_a_widget_prompt_and_comment_rules_go() {
        let page = format!(
            "{STORY_EN}\n\n{STORY_EN} The talks went on late.\n\n--IANS\n\nrn/rtp\n\nFollow Naval Today on:\n\nKeep it Clean. Don't use language that is obscene. Turn off CAPS LOCK.\n\nNotify me of new comments via email."
        );
        let c = clean(&page);
        let text = c.text();
        for junk in ["IANS", "rn/rtp", "CAPS LOCK", "Notify me", "Follow Naval"] {
            assert!(!text.contains(junk), "{junk}: {text}");
        }
        assert!(text.contains("The talks went on late."));
        assert!(super::wire_sign_off("— AFP") && super::wire_sign_off("ksk/sdr"));
        assert!(!super::wire_sign_off("Reuters") && !super::wire_sign_off("--Reuters said"));
    }

    #[test]
    fn a_source_line_with_a_date_or_over_the_date_is_not_a_credit_and_the_line_above_is_the_headline(
    ) {
        let head = "Most Searched: G20 Belt and Road Initiative AIIB\n\nArgentine president phones Trump to congratulate him\n\nSource: Xinhua   2016-11-15 10:36:05";
        let lead = "BUENOS AIRES, Nov. 14 (Xinhua) -- Argentine President Mauricio Macri called President-elect Donald Trump on Monday to congratulate him, his office said.";
        let c = clean(&format!("{head}\n\n{lead}\n\n{STORY_EN}"));
        assert_eq!(
            c.title.as_deref(),
            Some("Argentine president phones Trump to congratulate him")
        );
        assert!(!c.text().contains("Source: Xinhua"));
        // A short marker line right above the page's date stamp is the same source line.
        let head = "News » Asia » India, China ink pact on military exchanges\nIndia, China ink pact on military exchanges\nSource: PTI\nMay 29, 2006 18:37 IST";
        let lead = "India and China on Monday signed a pact on military exchanges and joint exercises, officials in Beijing said.";
        let c = clean(&format!("{head}\n\n{lead}\n\n{STORY_EN}"));
        assert_eq!(
            c.title.as_deref(),
            Some("India, China ink pact on military exchanges")
        );
        assert!(!c.text().contains("Source: PTI"));
        // Without a clock time the marker line is still a photo's credit, and so is the
        // short line above it.
        let head = "Presiden tiba di Beijing untuk kunjungan kenegaraan pertamanya\n\nPara pejabat menyambut di bandara\nSumber: Antara 12 Mei 2025";
        let c = clean(&format!("{head}\n\n{STORY_ID}"));
        assert!(!c.text().contains("Para pejabat menyambut"), "{}", c.text());
    }

    #[test]
    fn a_credit_line_is_never_the_title_and_a_wire_tag_may_open_it() {
        for (head, want) in [
            (
                "Prabowo Subianto - Antara\nMenhan bahas kerja sama dengan mitra dari Amerika Serikat",
                "Menhan bahas kerja sama dengan mitra dari Amerika Serikat",
            ),
            (
                "Yonhap News Agency\n(LEAD) Hanwha swings to profit on stronger overseas sales",
                "(LEAD) Hanwha swings to profit on stronger overseas sales",
            ),
            (
                "Lee, Ishiba Agree on Closer Cooperation With U.S.\nYomiuri Shimbun file photo\nSouth Korean President Lee Jae-myung",
                "Lee, Ishiba Agree on Closer Cooperation With U.S.",
            ),
            // A caption shown twice and closed by its credit after a hyphen or a slash.
            (
                "Crime and Court\nThe rifles seized at a warehouse in Curepe on Tuesday. - TTPS\nHigh-powered rifles found in Curepe warehouse\nThe rifles seized at a warehouse in Curepe on Tuesday. - TTPS",
                "High-powered rifles found in Curepe warehouse",
            ),
            (
                "Pesawat Hercules Tiba di Halim Perdanakusuma\nPesawat C-130J milik TNI AU disambut water salute di Halim. /Dok. Dispenau\nPesawat C-130J milik TNI AU disambut water salute di Halim. /Dok. Dispenau",
                "Pesawat Hercules Tiba di Halim Perdanakusuma",
            ),
        ] {
            let c = clean(&format!("{head}\n\n{STORY_ID}\n\n{STORY_EN}"));
            assert_eq!(c.title.as_deref(), Some(want), "{head}");
        }
    }

    #[test]
    fn learned_lines_of_an_outlet_are_dropped() {
        let learner = super::Learner::new(3, 1000);
        let promo = "Kabar Contoh hadir setiap pagi menemani para pembaca setia";
        let mk = |n: usize| Doc {
            outlet: Some("Kabar Contoh".into()),
            body: format!("{STORY_ID} Nomor {n}.\n\n{promo}\n\n{STORY_EN} Nomor {n}."),
            ..Doc::default()
        };
        for n in 0..3 {
            let _ = rules().clean(&mk(n), Some(&learner), false);
        }
        let c = rules().clean(&mk(9), Some(&learner), false);
        assert!(!c.text().contains(promo), "{:?}", c.text());
        assert_eq!(c.report.learned, 1);
        // Another outlet has not taught it.
        let other = Doc {
            outlet: Some("Lain".into()),
            ..mk(10)
        };
        assert!(rules()
            .clean(&other, Some(&learner), false)
            .text()
            .contains(promo));
    }

    #[test]
    fn learned_lines_survive_a_restart_and_a_bad_state_file_is_an_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("learned.json");
        let first = super::Learner::new(3, 1000);
        let line = "ikuti kami di media sosial";
        for _ in 0..3 {
            first.observe(Some("Kabar Contoh"), &[line.to_string()]);
        }
        assert!(first.is_boilerplate(Some("Kabar Contoh"), line));
        first.save_to(&path).expect("save");
        assert!(!dir.path().join("learned.tmp").exists());

        let second = super::Learner::new(3, 1000);
        second.restore_from(&path).expect("restore");
        assert!(second.is_boilerplate(Some("Kabar Contoh"), line));
        assert!(!second.is_boilerplate(Some("Lain"), line));

        // No file yet is a first start; a damaged one is reported with its path.
        let fresh = super::Learner::new(3, 1000);
        fresh
            .restore_from(&dir.path().join("missing.json"))
            .expect("missing file is fine");
        std::fs::write(&path, "{not json").expect("write");
        let err = fresh.restore_from(&path).expect_err("bad state");
        assert!(err.to_string().contains("learned.json"), "{err}");
        assert!(!fresh.is_boilerplate(Some("Kabar Contoh"), line));
        // A state whose fingerprints were made another way would match nothing: refused.
        std::fs::write(&path, r#"{"counts":{"1":5},"order":[1]}"#).expect("write");
        let err = fresh.restore_from(&path).expect_err("old scheme");
        assert!(err.to_string().contains("fingerprint scheme"), "{err}");
    }

    #[test]
    fn fingerprints_are_fnv1a_of_outlet_and_key() {
        // Published FNV-1a 64 test vectors: the empty input and "a".
        assert_eq!(super::fnv1a64(&[""]), 0xcbf2_9ce4_8422_2325);
        assert_eq!(super::fnv1a64(&["a"]), 0xaf63_dc4c_8601_ec8c);
        // Parts are joined by NUL, so the split point matters.
        assert_eq!(super::fnv1a64(&["a", "b"]), super::fnv1a64(&["a\0b"]));
        assert_ne!(super::fnv1a64(&["ab", ""]), super::fnv1a64(&["a", "b"]));
        assert_eq!(
            super::Learner::fingerprint(Some("Kabar"), "baca juga"),
            Some(super::fnv1a64(&["Kabar", "baca juga"]))
        );
        assert_eq!(super::Learner::fingerprint(None, "baca juga"), None);
    }
}
