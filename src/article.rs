//! The article as it travels: [`Doc`] (what decode found in a file) and [`Article`]
//! (the enriched `warta.article.v1` object written to the outbox).
//!
//! Invariant: `Doc::id` depends only on the input's content (format, item body, title, url),
//! never on rules or file names, so re-processing replaces an output instead of duplicating it.

use serde::Serialize;

/// Input formats, as named in the output's `source.format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    #[default]
    Text,
    Html,
    Json,
    Jsonl,
    Rss,
    Atom,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Rss => "rss",
            Format::Atom => "atom",
        }
    }
}

/// One article as decoded from a file, before cleaning. Fields a record or page states
/// about itself are kept raw here; `clean` fills what is missing from the text.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    /// Content hash (hex), see the module invariant.
    pub id: String,
    pub format: Format,
    /// `None` for single-article files, the 0-based index for feeds and JSON Lines.
    pub item: Option<usize>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub author: Option<String>,
    /// Raw date string as the record or page gave it; parsed by `clean`.
    pub published: Option<String>,
    /// Language the record or page declares (two letters), if any.
    pub language: Option<String>,
    /// Body text, one paragraph or source line per line.
    pub body: String,
    /// True when `body` came out of an HTML extractor (lines are already paragraphs).
    pub from_html: bool,
}

/// Builds the content hash of a decoded item.
pub fn content_id(format: Format, parts: &[&str]) -> String {
    let mut h = blake3::Hasher::new();
    h.update(format.as_str().as_bytes());
    for p in parts {
        h.update(&(p.len() as u64).to_le_bytes());
        h.update(p.as_bytes());
    }
    let hash = h.finalize();
    hash.to_hex().as_str()[..32].to_string()
}

/// `source` of the output.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Source {
    pub file: String,
    pub format: Format,
    pub item: Option<usize>,
    pub url: Option<String>,
    pub outlet: Option<String>,
}

/// One removed line, reported when cleaning debug is on.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Removal {
    pub rule: &'static str,
    pub line: String,
}

/// What cleaning did, per kind of removal.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct CleaningReport {
    pub lines_in: usize,
    pub lines_removed: usize,
    pub duplicates_removed: usize,
    pub captions: usize,
    pub links: usize,
    pub furniture: usize,
    pub spam: usize,
    pub credits: usize,
    pub metadata: usize,
    pub learned: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub removed: Option<Vec<Removal>>,
}

/// A tagged entity.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Entity {
    /// Stable id: `kind:slug` of the canonical name.
    pub id: String,
    pub name: String,
    pub kind: EntityKind,
    /// Places: `country`, `city`, `territory` or `region`; organisations: their type;
    /// people: their best-known role. From the gazetteer, so absent for unlinked entities.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subtype: Option<String>,
    /// ISO 3166-1 alpha-2 of the place or of the country the place lies in; for an
    /// organisation, the one country its name holds ("Sri Lanka Navy": `LK`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    pub mentions: usize,
    pub surface: Vec<String>,
    /// Byte offsets `[start, end)` of each mention in `text` (title mentions are not included).
    pub offsets: Vec<[usize; 2]>,
    /// False for entities the gazetteer does not list (found by the rules of `found_by`).
    pub linked: bool,
    /// The rule that found the entity's first mention.
    pub found_by: FoundBy,
}

/// How an entity was found: a bounded vocabulary a desk can filter on (an entity a rule
/// found without the gazetteer is less sure than a listed one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FoundBy {
    /// A name or alias the gazetteer lists, or a listed person by title and surname.
    Gazetteer,
    /// A body named by a language pack's template and a known place or country
    /// ("Kementerian Pertahanan Turki", "Ministry of Defence" of the home country).
    Template,
    /// An organisation ending in a word that names its kind ("… Corporation", "… University").
    Suffix,
    /// A place named by a local office's title ("Bupati Bangli" names Bangli Regency).
    Jurisdiction,
    /// A person's name after a title, rank or office ("Menteri Luar Negeri Sugiono").
    Title,
    /// A person's name with an office after it ("Amrit Lugun, India's Ambassador to Sudan").
    Apposition,
    /// A person listed with a state's name as its leader.
    LeaderList,
    /// A person's name confirmed by an honorific ("Pak", "Mr") in the same text.
    Honorific,
    /// A person's first name or surname as a speaker ("kata Eri", "Sanchez said").
    Speaker,
    /// A given name before a known person's surname: another person of that family.
    GivenName,
    /// A place the dateline names that the story names again ("BAUBAU -", "Kota Baubau").
    Dateline,
}

impl FoundBy {
    /// The name written in the output.
    pub fn as_str(self) -> &'static str {
        match self {
            FoundBy::Gazetteer => "gazetteer",
            FoundBy::Template => "template",
            FoundBy::Suffix => "suffix",
            FoundBy::Jurisdiction => "jurisdiction",
            FoundBy::Title => "title",
            FoundBy::Apposition => "apposition",
            FoundBy::LeaderList => "leader_list",
            FoundBy::Honorific => "honorific",
            FoundBy::Speaker => "speaker",
            FoundBy::GivenName => "given_name",
            FoundBy::Dateline => "dateline",
        }
    }
}

/// Written as its `as_str` name, so the output and `eval`'s breakdown share one spelling.
impl Serialize for FoundBy {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Place,
    Organization,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CitedSource {
    pub name: String,
    pub surface: Vec<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DateMention {
    pub date: String,
    pub surface: String,
    /// `absolute`, `inferred_year` or `relative`.
    pub resolution: &'static str,
}

/// An event behind a topic.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Event {
    #[serde(rename = "type")]
    pub kind: String,
    pub status: &'static str,
    pub participants: Vec<String>,
    pub date: Option<String>,
    pub evidence: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Topic {
    pub name: String,
    pub score: f64,
    pub evidence: Vec<String>,
    /// The cue phrases that matched in the evidence sentences.
    pub cues: Vec<String>,
}

/// The enriched article: schema `warta.article.v1`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Article {
    pub schema: &'static str,
    pub id: String,
    pub source: Source,
    pub language: Option<String>,
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    /// Local date and time of publication when the source gives a time but no time zone
    /// (`published` then holds the date only, as RFC 3339 needs an offset).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published_local: Option<String>,
    pub dateline: Option<String>,
    pub text: String,
    pub cleaning: CleaningReport,
    pub entities: Vec<Entity>,
    pub cited_sources: Vec<CitedSource>,
    pub dates: Vec<DateMention>,
    pub topics: Vec<Topic>,
    pub events: Vec<Event>,
    pub processed_at: String,
    pub warta_version: &'static str,
}

pub const SCHEMA: &str = "warta.article.v1";
/// The JSON Schema of [`Article`] (`warta schema` prints it).
pub const JSON_SCHEMA: &str = include_str!("../schema/warta.article.v1.json");
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
