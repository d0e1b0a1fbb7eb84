//! Language packs: every language-specific word the cleaner, tagger and classifier use
//! (stopwords, month and day names, boilerplate cues, citation cues, titles, status cues).
//! One TOML file per language under `data/lang/`, embedded as defaults; adding a language
//! is adding a file (`rules.language_files` in the config).
//!
//! Invariant: all words are stored lower-case; lookups lower-case their input.

use crate::error::{Error, Result};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Deserialize;

/// The built-in packs, embedded so the binary needs no data directory.
pub const BUILTIN: &[(&str, &str)] = &[
    ("data/lang/id.toml", include_str!("../data/lang/id.toml")),
    ("data/lang/en.toml", include_str!("../data/lang/en.toml")),
    ("data/lang/de.toml", include_str!("../data/lang/de.toml")),
    ("data/lang/es.toml", include_str!("../data/lang/es.toml")),
];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LangPack {
    pub code: String,
    pub name: String,
    pub stopwords: Vec<String>,
    pub months: Vec<Vec<String>>,
    pub weekdays: Vec<Vec<String>>,
    pub relative: Relative,
    pub boilerplate: Boilerplate,
    pub metadata: Metadata,
    pub citation: Citation,
    pub people: People,
    pub status: Status,
    /// Institutions and places named by a prefix and their place ("Polres Kaur").
    #[serde(default)]
    pub institutions: Vec<Institution>,
    /// Capitalised last words that make a run an organisation's name ("Airlines").
    #[serde(default)]
    pub org_suffixes: Vec<String>,
    /// Offices named without their country ("the Defence Ministry"): the article's own.
    #[serde(default)]
    pub home_offices: Vec<HomeOffice>,
}

/// "the Ministry of Defence", "the defence ministry" with no country: the country the article
/// is about ("Ministry of Defence of India" in a story from New Delhi).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HomeOffice {
    /// Phrases, matched case-insensitively on whole words.
    pub phrases: Vec<String>,
    /// The canonical name, `{}` standing for the country's gazetteer name.
    pub name: String,
}

/// A family of names made of a prefix and a place: "Polres Kaur" → "Kaur Police",
/// "Kabupaten Bima" → "Bima Regency". The gazetteer cannot list every regency's police.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Institution {
    /// Lower-case prefixes ("polres", "kepolisian resor").
    pub prefixes: Vec<String>,
    /// `place` or `organization`.
    pub kind: String,
    /// The canonical name, `{}` standing for the place (its gazetteer name when known).
    pub name: String,
    #[serde(default)]
    pub subtype: Option<String>,
    /// The country these institutions belong to, when the place is not in the gazetteer.
    #[serde(default)]
    pub code: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Relative {
    pub days: HashMap<String, i64>,
    pub weeks: HashMap<String, i64>,
    pub weekday_past_after: Vec<String>,
    pub weekday_future_after: Vec<String>,
    pub weekday_past_before: Vec<String>,
    pub weekday_future_before: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Boilerplate {
    pub link_prefixes: Vec<String>,
    pub furniture: Vec<String>,
    pub caption_markers: Vec<String>,
    /// Words that open a caption whatever follows them ("Photo by", "Image caption"): a
    /// marker in `caption_markers` needs a separator after it.
    pub caption_openers: Vec<String>,
    /// Where a person stands in a photo, in parentheses after the name ("(kanan)",
    /// "(2nd L)"): a line with one describes a picture.
    pub caption_positions: Vec<String>,
    /// What a pictured person does, in the present tense ("greets", "welcomes"): a line of
    /// names, one of these, and a full stop describes a picture; prose tells the past. Empty
    /// for a language whose verbs carry no tense.
    #[serde(default)]
    pub caption_verbs: Vec<String>,
    /// Where a picture was taken, before the place's name ("di Istana Negara, Jakarta."):
    /// for a language whose verbs carry no tense, a scene's caption (see
    /// `caption_scene_words`) must end on one of these and a capitalised place. Empty: no
    /// place is needed.
    #[serde(default)]
    pub caption_place_words: Vec<String>,
    /// What a pictured person is shown doing, right after the names ("during", "saat
    /// berpidato", "berjabat tangan"): a line of names, one of these, and none of
    /// `story_words` or `story_suffixes` describes a picture.
    #[serde(default)]
    pub caption_scene_words: Vec<String>,
    /// Words a caption never holds: tense and aspect markers ("telah", "akan"), clause
    /// links ("karena", "yang"). A sentence with one tells a story.
    #[serde(default)]
    pub story_words: Vec<String>,
    /// Endings of a finite verb on a word in lower case ("-ed"): a caption of a scene has
    /// none. Empty for a language whose verbs carry no tense.
    #[serde(default)]
    pub story_suffixes: Vec<String>,
    pub spam: Vec<String>,
    pub promo_words: Vec<String>,
    /// The outlet speaking of itself right after a call to action ("Sign up to our …"):
    /// a long line that does so and names one page feature is furniture.
    #[serde(default)]
    pub promo_self: Vec<String>,
    /// Headings that end the article on a page ("Berita Terkait", "Related articles",
    /// "Verified Writer"): what follows them is page, not story.
    pub end_markers: Vec<String>,
    /// Phrases that make a line page furniture wherever they stand in it, whatever its
    /// length (up to 60 words): syndication and copyright notes, comment-box and
    /// newsletter text ("artikel ini telah tayang di", "all rights reserved").
    pub footer: Vec<String>,
    /// A site's section names ("Nasional", "Ekonomi", "World"): a line made mostly of them,
    /// with no sentence, is a menu.
    pub section_words: Vec<String>,
    /// A menu's first item ("Home", "Beranda"): a row of capitalised words after it is a menu.
    #[serde(default)]
    pub home_words: Vec<String>,
    /// Words that name a news site when capitalised ("News", "Noticias"): a short line with
    /// one ("EWN Eyewitness News", "Andina - Agencia Peruana de Noticias") is the site's
    /// name, never the headline.
    #[serde(default)]
    pub site_words: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Metadata {
    pub byline_labels: Vec<String>,
    /// An author's note closing the story: a name, one of `bio_links`, then within a few
    /// words one of `bio_roles` ("Ima Elijah is a Senior News Reporter at Pulse.").
    pub bio_links: Vec<String>,
    pub bio_roles: Vec<String>,
    /// How long ago a teaser was posted, after a number ("48 menit lalu", "3 hours ago").
    pub ages: Vec<String>,
    pub timezones: HashMap<String, i32>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Citation {
    pub before: Vec<String>,
    pub after: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct People {
    pub titles: Vec<String>,
    /// "the two leaders", "kedua negara": parties of an event named collectively.
    pub collective: Vec<String>,
    pub honorifics: Vec<String>,
    pub not_person_before: Vec<String>,
    /// Words between a facility word and its name ("Bandara Internasional …").
    pub facility_qualifiers: Vec<String>,
    /// Titles followed by a jurisdiction before the name ("Bupati Sumedang Dony …").
    pub jurisdiction_titles: Vec<String>,
    /// Words before a place that mark it as one ("di", "Kabupaten"): a word after a
    /// jurisdiction title that the article also writes after one of these is the jurisdiction.
    pub jurisdiction_markers: Vec<String>,
    /// The place a jurisdiction title governs, by title ("bupati" = "{} Regency"): the
    /// jurisdiction read off "Bupati Sumedang Dony …" is named so.
    pub jurisdiction_places: HashMap<String, String>,
    /// Words that end a place name and never start a person's ("Utara", "Selatan").
    pub place_qualifiers: Vec<String>,
    /// Qualifiers in English, for places the gazetteer lacks ("selatan" = "South").
    pub qualifier_names: HashMap<String, String>,
    /// Nouns that make a capitalised run an office, not a person ("Pusat", "Biro").
    pub office_words: Vec<String>,
    /// A portfolio's word ("Pertahanan", "Perekonomian", "Defence"): a capitalised run after
    /// a title that holds one names an office ("Kepala Badan Sarana Pertahanan", "Menteri
    /// Pendidikan Tinggi, …"), never a person.
    #[serde(default)]
    pub portfolio_words: Vec<String>,
    /// The affixes that make a word a portfolio noun, as [prefix, suffix] pairs (Indonesian
    /// ["ke", "an"]: "Kebudayaan"; ["pe", "an"]: "Pemberdayaan"). A word of four letters
    /// or more between them counts as a portfolio word.
    #[serde(default)]
    pub portfolio_confixes: Vec<Vec<String>>,
    /// Words that make the next place name a language, not the place ("bahasa Inggris").
    pub language_words: Vec<String>,
    /// Words next to a place name that make it a currency ("dolar AS", "Singapore dollars").
    pub currency_words: Vec<String>,
    /// Words that make a place in the same capitalised run part of another name: a team,
    /// a company, an institute, a court, a show ("Timnas Indonesia", "Azerbaijan Airlines",
    /// "Paris Air Show"). The place is not named there.
    pub name_words: Vec<String>,
    /// Ranks written before the service and the name ("Brigjen TNI Frega …"): the service
    /// there is part of the rank, not an actor.
    pub rank_words: Vec<String>,
    /// Words that may open an office written after a name ("…, the prime minister", "…,
    /// mantan Menteri …").
    pub appositive_openers: Vec<String>,
    /// Titles held for a place and posted to another ("duta besar", "ambassador", "consul
    /// general"): their office may name both ("Duta Besar Ukraina untuk Indonesia Vasyl …").
    #[serde(default)]
    pub scoped_titles: Vec<String>,
    /// Words that join such a title's two places ("untuk", "di"; "to", "in").
    #[serde(default)]
    pub scope_words: Vec<String>,
    /// Titles held in a firm ("CEO", "direktur utama"): a capitalised word between one and
    /// a name of two words, written elsewhere without the name, is the firm ("CEO Unilever
    /// Alan Jope").
    #[serde(default)]
    pub firm_titles: Vec<String>,
    /// Words between a title and its portfolio ("Minister of …", "… for …"), and between an
    /// organisation's last word and the rest of its name ("Central Bank of …").
    #[serde(default)]
    pub portfolio_links: Vec<String>,
    /// By title, the names of the body its portfolio names once put in ("menteri" =
    /// ["Kementerian {}"]): a known body there tells where a long portfolio ends and the
    /// name begins ("Menteri Energi dan Sumber Daya Mineral Arifin Tasrif").
    #[serde(default)]
    pub portfolio_bodies: HashMap<String, Vec<String>>,
    /// Phrases that join a name to the office after it without a comma ("selaku", "yang
    /// menjabat"): the capitalised run before one is a person.
    #[serde(default)]
    pub appositive_links: Vec<String>,
    /// Relative pronouns only people take ("who"): a capitalised run, a comma, one of these
    /// and a verb in the singular or the past is a person.
    #[serde(default)]
    pub person_relatives: Vec<String>,
    /// Short verbs of the singular or the past that the shape rule (-s, -ed) misses ("is",
    /// "was", "led").
    #[serde(default)]
    pub singular_verbs: Vec<String>,
    /// Corps written between a rank and a name ("Kolonel Inf Arief …"): not part of it.
    pub corps_words: Vec<String>,
    /// Speech words right before a quoted speaker ("kata Widjajanto", "menurut Harnojoyo")
    /// and right after one ("Widjajanto mengatakan"): a one-word name in such a slot,
    /// written alone elsewhere too, is a person.
    pub speech_before: Vec<String>,
    pub speech_after: Vec<String>,
    /// A lone speaker is a person only when the article also gives the whole name
    /// ("Novak Djokovic … Djokovic said"): where firms and teams speak as often as people
    /// ("Boeing said"), the name run is what tells them apart.
    pub speaker_needs_full_name: bool,
    /// Determiners: a capitalised word after one is a thing, not a surname ("the Territory").
    pub determiners: Vec<String>,
    /// Words that open a person's name though they are stopwords elsewhere (Balinese "I",
    /// "Ni": "I Ketut Argawa"): after a title, the name starts at one.
    #[serde(default)]
    pub name_openers: Vec<String>,
    /// Words joining the items of a list of names ("Asia, Pasifik, dan Afrika", "Latin
    /// America & Asia").
    #[serde(default)]
    pub list_joiners: Vec<String>,
    /// Words before a place that make it where something is, happens or goes ("di", "ke",
    /// "in", "to", "ibu kota"): a capital after one is the city, never its government.
    #[serde(default)]
    pub venue_before: Vec<String>,
    /// Words after which a clause's subject stands ("bahwa", "ketika"; "said", "while"): a
    /// capital there with a verb after it is its government acting ("… bahwa Moskow
    /// menolak …").
    #[serde(default)]
    pub clause_openers: Vec<String>,
    /// Words after which a capital is a party ("dengan", "oleh"; "with", "by").
    #[serde(default)]
    pub party_before: Vec<String>,
    /// A verb's prefixes ("me", "di") and endings ("ed"): a word so formed right before a
    /// capital takes it as its object or agent ("meminta Washington", "thanked Tokyo"), so
    /// the capital is its government. Motion verbs belong in `venue_before`.
    #[serde(default)]
    pub verb_prefixes: Vec<String>,
    #[serde(default)]
    pub verb_suffixes: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Status {
    pub planned: Vec<String>,
    pub denied: Vec<String>,
    pub cancelled: Vec<String>,
    pub occurred: Vec<String>,
    /// Words that make what follows a subject of talk, not an event ("membahas KTT",
    /// "discussed the summit", "menjelang KTT"): such a cue counts half.
    pub mentioned: Vec<String>,
    /// Documents: a mention word right after one names what it is about ("nota
    /// kesepahaman tentang kerja sama pertahanan", "an agreement regarding arms supplies").
    #[serde(default)]
    pub documents: Vec<String>,
    /// Words that open a headline's frame, a time, means or occasion phrase ("Usai telepon,
    /// …", "Ahead of the summit, …"): its cues set the scene; the main clause says what the
    /// story is about, so they do not choose the primary topic.
    pub frame: Vec<String>,
    /// Time words that open a frame anywhere in a headline clause ("… after talks").
    pub frame_within: Vec<String>,
    /// Endings of a verb in the past tense ("-ed"): a cue so inflected ("telephoned") tells
    /// an event that happened, whatever plan its sentence goes on to report. With the
    /// `occurred` words ("met", "spoke"), which count as past forms too.
    #[serde(default)]
    pub past_endings: Vec<String>,
    /// Words that make a headline's subject the occasion and what follows it the news
    /// ("Lawatan ke Turki Berbuah Kesepakatan Pertahanan", "visit yields arms deals").
    #[serde(default)]
    pub outcome: Vec<String>,
}

impl LangPack {
    pub fn parse(text: &str, origin: &str) -> Result<LangPack> {
        let mut p: LangPack = toml::from_str(text).map_err(|e| Error::Rules {
            origin: origin.to_string(),
            message: e.message().to_string(),
        })?;
        if p.months.len() != 12 || p.weekdays.len() != 7 {
            return Err(Error::Rules {
                origin: origin.to_string(),
                message: "months needs 12 entries and weekdays 7".into(),
            });
        }
        for i in &p.institutions {
            if !matches!(i.kind.as_str(), "place" | "organization") || !i.name.contains("{}") {
                return Err(Error::Rules {
                    origin: origin.to_string(),
                    message: format!(
                        "institution {:?}: kind must be place or organization and name must hold {{}}",
                        i.name
                    ),
                });
            }
        }
        p.lowercase();
        Ok(p)
    }

    fn lowercase(&mut self) {
        fn low(v: &mut [String]) {
            v.iter_mut().for_each(|s| *s = s.trim().to_lowercase());
        }
        low(&mut self.stopwords);
        self.institutions
            .iter_mut()
            .for_each(|i| low(&mut i.prefixes));
        self.months.iter_mut().for_each(|m| low(m));
        self.weekdays.iter_mut().for_each(|m| low(m));
        for v in [
            &mut self.boilerplate.link_prefixes,
            &mut self.boilerplate.furniture,
            &mut self.boilerplate.caption_markers,
            &mut self.boilerplate.caption_openers,
            &mut self.boilerplate.caption_positions,
            &mut self.boilerplate.caption_verbs,
            &mut self.boilerplate.caption_place_words,
            &mut self.boilerplate.caption_scene_words,
            &mut self.boilerplate.story_words,
            &mut self.boilerplate.story_suffixes,
            &mut self.boilerplate.spam,
            &mut self.boilerplate.promo_words,
            &mut self.boilerplate.promo_self,
            &mut self.boilerplate.end_markers,
            &mut self.boilerplate.footer,
            &mut self.boilerplate.section_words,
            &mut self.boilerplate.home_words,
            &mut self.boilerplate.site_words,
            &mut self.metadata.byline_labels,
            &mut self.metadata.bio_links,
            &mut self.metadata.bio_roles,
            &mut self.citation.before,
            &mut self.citation.after,
            &mut self.people.titles,
            &mut self.people.collective,
            &mut self.people.honorifics,
            &mut self.people.not_person_before,
            &mut self.people.facility_qualifiers,
            &mut self.people.jurisdiction_titles,
            &mut self.people.jurisdiction_markers,
            &mut self.people.place_qualifiers,
            &mut self.people.office_words,
            &mut self.people.portfolio_words,
            &mut self.people.currency_words,
            &mut self.people.name_words,
            &mut self.people.appositive_openers,
            &mut self.people.scoped_titles,
            &mut self.people.scope_words,
            &mut self.people.portfolio_links,
            &mut self.people.firm_titles,
            &mut self.people.appositive_links,
            &mut self.people.person_relatives,
            &mut self.people.singular_verbs,
            &mut self.people.corps_words,
            &mut self.people.speech_before,
            &mut self.people.speech_after,
            &mut self.people.determiners,
            &mut self.people.name_openers,
            &mut self.people.list_joiners,
            &mut self.people.venue_before,
            &mut self.people.clause_openers,
            &mut self.people.party_before,
            &mut self.people.verb_prefixes,
            &mut self.people.verb_suffixes,
            &mut self.status.planned,
            &mut self.status.denied,
            &mut self.status.cancelled,
            &mut self.status.occurred,
            &mut self.status.mentioned,
            &mut self.status.documents,
            &mut self.status.frame,
            &mut self.status.frame_within,
            &mut self.relative.weekday_past_after,
            &mut self.relative.weekday_future_after,
            &mut self.relative.weekday_past_before,
            &mut self.relative.weekday_future_before,
        ] {
            low(v);
        }
    }
}

/// All loaded packs plus the merged word tables the stages look up.
#[derive(Debug, Clone)]
pub struct Languages {
    pub packs: Vec<LangPack>,
    stop: Vec<rustc_hash::FxHashSet<String>>,
    /// Any language's stopword (for paragraph stopword density).
    pub any_stop: HashSet<String>,
    /// month word → 1..=12, all languages.
    pub months: HashMap<String, u32>,
    /// weekday word → 0 (Monday)..=6, all languages.
    pub weekdays: HashMap<String, u32>,
    /// timezone abbreviation → offset minutes, all languages.
    pub timezones: HashMap<String, i32>,
}

impl Languages {
    /// The packs that read names, citations and events: those with people's titles. A pack
    /// that only cleans and dates (German, Spanish) takes no part, so its function words
    /// ("das", "nur", "el") never cut a name in another language's article.
    pub fn naming_packs(&self) -> impl Iterator<Item = &LangPack> {
        self.packs.iter().filter(|p| !p.people.titles.is_empty())
    }

    /// Stopwords of the packs that read names.
    pub fn naming_stop(&self) -> HashSet<String> {
        self.naming_packs()
            .flat_map(|p| p.stopwords.iter().cloned())
            .collect()
    }

    /// One set of a `[people]` word list over the packs that read names, folded (lower
    /// case, no diacritics), as the rules that read folded text look words up.
    pub fn people_words(&self, list: fn(&People) -> &Vec<String>) -> HashSet<String> {
        self.naming_packs()
            .flat_map(|p| {
                list(&p.people)
                    .iter()
                    .map(|w| crate::gazetteer::fold_str(w))
            })
            .collect()
    }

    pub fn new(packs: Vec<LangPack>) -> Languages {
        let stop: Vec<rustc_hash::FxHashSet<String>> = packs
            .iter()
            .map(|p| p.stopwords.iter().cloned().collect())
            .collect();
        let any_stop = stop.iter().flatten().cloned().collect();
        let mut months = HashMap::default();
        let mut weekdays = HashMap::default();
        let mut timezones = HashMap::default();
        for p in &packs {
            for (i, forms) in p.months.iter().enumerate() {
                for f in forms {
                    months
                        .entry(f.trim_end_matches('.').to_string())
                        .or_insert(i as u32 + 1);
                }
            }
            for (i, forms) in p.weekdays.iter().enumerate() {
                for f in forms {
                    weekdays
                        .entry(f.trim_end_matches('.').to_string())
                        .or_insert(i as u32);
                }
            }
            for (k, v) in &p.metadata.timezones {
                timezones.entry(k.to_lowercase()).or_insert(*v);
            }
        }
        Languages {
            packs,
            stop,
            any_stop,
            months,
            weekdays,
            timezones,
        }
    }

    /// The built-in packs plus extra ones (an extra pack replaces a built-in of the same code).
    pub fn load(extra: &[(String, String)]) -> Result<Languages> {
        let mut packs: Vec<LangPack> = Vec::new();
        for (origin, text) in BUILTIN
            .iter()
            .map(|(o, t)| (o.to_string(), t.to_string()))
            .chain(extra.iter().cloned())
        {
            let p = LangPack::parse(&text, &origin)?;
            packs.retain(|q| q.code != p.code);
            packs.push(p);
        }
        Ok(Languages::new(packs))
    }

    pub fn get(&self, code: &str) -> Option<&LangPack> {
        self.packs.iter().find(|p| p.code == code)
    }

    /// Most likely language by stopword hits over the first words; `None` when too few hits
    /// to say (short or non-prose text).
    pub fn detect(&self, text: &str) -> Option<&str> {
        let mut hits = vec![0usize; self.packs.len()];
        let mut words = 0usize;
        // One buffer for every lower-cased word: detection runs on every article.
        let mut lower = String::new();
        for w in text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(400)
        {
            // A clear lead stops the count early: 20 hits at three times any other
            // language's is not overturned by the words after them.
            if words % 50 == 0 && decided(&hits, words) {
                break;
            }
            words += 1;
            lower.clear();
            if w.is_ascii() {
                lower.push_str(w);
                lower.make_ascii_lowercase();
            } else {
                lower.extend(w.chars().flat_map(char::to_lowercase));
            }
            for (i, s) in self.stop.iter().enumerate() {
                if s.contains(lower.as_str()) {
                    if let Some(h) = hits.get_mut(i) {
                        *h += 1;
                    }
                }
            }
        }
        let (best, &n) = hits.iter().enumerate().max_by_key(|(_, n)| **n)?;
        if n < 3 || n * 10 < words {
            return None;
        }
        self.packs.get(best).map(|p| p.code.as_str())
    }

    /// Pack for a detected or declared language, falling back to the first pack.
    pub fn pack_or_default(&self, code: Option<&str>) -> Option<&LangPack> {
        code.and_then(|c| self.get(c))
            .or_else(|| self.packs.first())
    }
}

/// Whether stopword hits so far already name one language beyond doubt, with the density
/// `detect` asks for at the end.
fn decided(hits: &[usize], words: usize) -> bool {
    let mut top = [0usize; 2];
    for &h in hits {
        if h > top[0] {
            top = [h, top[0]];
        } else if h > top[1] {
            top[1] = h;
        }
    }
    top[0] >= 20 && top[0] * 10 >= words && top[0] >= 3 * top[1]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_packs_load_and_detect() {
        let l = Languages::load(&[]).expect("builtin packs");
        let cases = [
            ("Presiden Rusia mengatakan bahwa kedua negara akan meningkatkan kerja sama yang erat di bidang energi.", Some("id")),
            ("The president said that the two countries would deepen their cooperation in the energy sector.", Some("en")),
            ("Die Bundesregierung hat am Montag beschlossen, dass die Wirtschaft nicht mehr warten muss.", Some("de")),
            ("El gobierno anunció el lunes que las elecciones se celebrarán en la fecha prevista por la ley.", Some("es")),
            ("1234 5678", None),
        ];
        for (text, want) in cases {
            assert_eq!(l.detect(text), want, "{text}");
        }
        assert_eq!(l.months.get("juli"), Some(&7));
        assert_eq!(l.months.get("june"), Some(&6));
        assert_eq!(l.weekdays.get("selasa"), Some(&1));
        assert_eq!(l.timezones.get("wib"), Some(&420));
        assert_eq!(l.months.get("mai"), Some(&5));
        assert_eq!(l.weekdays.get("lunes"), Some(&0));
    }

    #[test]
    fn only_packs_with_titles_read_names() {
        let l = Languages::load(&[]).expect("builtin packs");
        let naming: Vec<&str> = l.naming_packs().map(|p| p.code.as_str()).collect();
        assert_eq!(naming, ["id", "en"]);
        // German "das" and "nur" are stopwords that clean and detection read, never words
        // that cut a name ("Shaktikanta Das", "Nur Alamsyah").
        assert!(l.any_stop.contains("das") && l.any_stop.contains("nur"));
        let stop = l.naming_stop();
        assert!(!stop.contains("das") && !stop.contains("nur"));
        assert!(l.people_words(|p| &p.titles).contains("presiden"));
    }

    #[test]
    fn a_new_language_is_a_file() {
        let ms = include_str!("../data/lang/id.toml").replace("code = \"id\"", "code = \"ms\"");
        let l = Languages::load(&[("ms.toml".into(), ms)]).expect("loads");
        assert!(l.get("ms").is_some());
        assert_eq!(l.packs.len(), 5);
    }
}
