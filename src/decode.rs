//! Bytes of one input file → zero or more [`Doc`]s. Pure: no IO; the caller reads the file
//! (bounded) and passes its name for the extension.
//!
//! Formats by extension, else by sniffing: plain text (any encoding chardetng recognises),
//! HTML pages (main content via [`crate::html`]), one JSON record or an array of records,
//! JSON Lines, RSS/Atom feeds (feed-rs, which never expands DTD entities).
//!
//! Invariant: every rejection names its [`ErrorKind`] and a reason a user can act on; nothing
//! here panics on any input.

use crate::article::{content_id, Doc, Format};
use crate::error::{ErrorKind, Rejection};
use serde_json::Value;

/// Limits decode enforces on one file.
#[derive(Debug, Clone, Copy)]
pub struct DecodeLimits {
    pub max_items: usize,
    pub max_text_bytes: usize,
}

impl Default for DecodeLimits {
    fn default() -> Self {
        DecodeLimits {
            max_items: 10_000,
            max_text_bytes: 1 << 20,
        }
    }
}

/// What the file name says the format is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Declared {
    Text,
    Html,
    Json,
    Jsonl,
    Feed,
    Unknown,
}

fn declared(name: &str) -> Declared {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "txt" | "text" | "md" => Declared::Text,
        "html" | "htm" | "xhtml" | "shtml" => Declared::Html,
        "json" => Declared::Json,
        "jsonl" | "ndjson" => Declared::Jsonl,
        "xml" | "rss" | "atom" => Declared::Feed,
        _ => Declared::Unknown,
    }
}

/// The format a file name declares: `text`, `html`, `json`, `jsonl`, `feed`, or `unknown`
/// (the content decides). Used for broker subjects.
pub fn format_of(name: &str) -> &'static str {
    match declared(name) {
        Declared::Text => "text",
        Declared::Html => "html",
        Declared::Json => "json",
        Declared::Jsonl => "jsonl",
        Declared::Feed => "feed",
        Declared::Unknown => "unknown",
    }
}

/// Decodes one file's bytes.
pub fn decode(name: &str, bytes: &[u8], limits: &DecodeLimits) -> Result<Vec<Doc>, Rejection> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Rejection::new(
            ErrorKind::Empty,
            "file is empty or only whitespace",
        ));
    }
    let kind = match declared(name) {
        Declared::Unknown => sniff(bytes)?,
        d => d,
    };
    let docs = match kind {
        Declared::Text => decode_text(bytes, limits)?,
        Declared::Html => decode_html(bytes, limits)?,
        Declared::Json => decode_json(bytes, limits)?,
        Declared::Jsonl => decode_jsonl(bytes, limits)?,
        Declared::Feed => decode_feed(bytes, limits)?,
        Declared::Unknown => {
            return Err(Rejection::new(
                ErrorKind::UnsupportedFormat,
                "unknown extension and content is not text, html, json or a feed",
            ))
        }
    };
    if docs.is_empty() {
        return Err(Rejection::new(
            ErrorKind::NoContent,
            "no article found in file",
        ));
    }
    if docs.len() > limits.max_items {
        return Err(Rejection::new(
            ErrorKind::TooManyItems,
            format!(
                "{} articles in one file, limit is {}",
                docs.len(),
                limits.max_items
            ),
        ));
    }
    Ok(docs)
}

fn sniff(bytes: &[u8]) -> Result<Declared, Rejection> {
    let head_len = bytes.len().min(2048);
    let head = String::from_utf8_lossy(bytes.get(..head_len).unwrap_or(bytes));
    let t = head.trim_start_matches('\u{feff}').trim_start();
    let lower = t.to_ascii_lowercase();
    if t.starts_with('{') {
        // Several lines each starting with '{' is JSON Lines.
        let objects = String::from_utf8_lossy(bytes)
            .lines()
            .filter(|l| l.trim_start().starts_with('{'))
            .take(2)
            .count();
        return Ok(
            if objects > 1 && serde_json::from_slice::<Value>(bytes).is_err() {
                Declared::Jsonl
            } else {
                Declared::Json
            },
        );
    }
    if t.starts_with('[') {
        return Ok(Declared::Json);
    }
    if lower.contains("<rss") || lower.contains("<feed") || lower.contains("<rdf:rdf") {
        return Ok(Declared::Feed);
    }
    if lower.starts_with("<!doctype html") || lower.contains("<html") || lower.contains("<body") {
        return Ok(Declared::Html);
    }
    // Anything else is accepted as text only if it decodes to text; decode_text says why not.
    to_text(bytes)?;
    Ok(Declared::Text)
}

/// Bytes → text: BOM, then UTF-8, then chardetng's guess. Rejects binary content.
pub fn to_text(bytes: &[u8]) -> Result<String, Rejection> {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) =
            enc.decode_without_bom_handling(bytes.get(bom_len..).unwrap_or(&[]));
        if had_errors {
            return Err(Rejection::new(
                ErrorKind::Encoding,
                format!("invalid {} after byte-order mark", enc.name()),
            ));
        }
        return check_text(text.into_owned());
    }
    if bytes.contains(&0) {
        return Err(Rejection::new(
            ErrorKind::Binary,
            "binary content (NUL bytes)",
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => check_text(s.to_string()),
        // Mostly UTF-8 with a few broken bytes (a truncated copy, one bad byte): a legacy
        // encoding guess would garble every accented letter, so keep UTF-8 and replace only
        // the bad bytes.
        Err(_) if mostly_utf8(bytes) => check_text(String::from_utf8_lossy(bytes).into_owned()),
        Err(_) => {
            let mut det = chardetng::EncodingDetector::new();
            det.feed(bytes, true);
            let enc = det.guess(None, true);
            let (text, _, had_errors) = enc.decode(bytes);
            if had_errors {
                return Err(Rejection::new(
                    ErrorKind::Encoding,
                    format!("not valid utf-8 and not valid {}", enc.name()),
                ));
            }
            check_text(text.into_owned())
        }
    }
}

/// Valid multi-byte UTF-8 sequences are present, outnumber the invalid bytes, and those are
/// rare (at most 1 in 100, counting short texts as 400 bytes).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += chunk.invalid().len();
    }
    multibyte > 0 && invalid <= multibyte && invalid * 100 <= bytes.len().max(400)
}

fn check_text(text: String) -> Result<String, Rejection> {
    if let Some((control, total)) = mostly_control(&text) {
        return Err(Rejection::new(
            ErrorKind::Binary,
            format!("binary content ({control} control characters in the first {total})"),
        ));
    }
    if text.trim().is_empty() {
        return Err(Rejection::new(
            ErrorKind::Empty,
            "file is empty or only whitespace",
        ));
    }
    Ok(text)
}

/// `(controls, characters)` when more than one in 20 of the first 64 Ki characters of
/// `text` is a control character other than a line break, tab or form feed: binary content.
fn mostly_control(text: &str) -> Option<(usize, usize)> {
    const LIMIT: usize = 64 * 1024;
    let b = text.as_bytes();
    let (control, total) = if b.len() > LIMIT {
        // Past the limit in bytes the character count needs decoding.
        let mut control = 0usize;
        let mut total = 0usize;
        for c in text.chars().take(LIMIT) {
            total += 1;
            if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}') {
                control += 1;
            }
        }
        (control, total)
    } else {
        // Every character is within the limit: count on bytes. C0 controls and DEL are
        // single bytes, C1 controls (U+0080 to U+009F) are 0xC2 then 0x80..=0x9F, and a
        // character starts at every byte that is not a continuation byte. Controls are
        // rare, so characters are only counted when there are some.
        let c0 = b
            .iter()
            .filter(|&&x| C0_CONTROL.get(usize::from(x)) == Some(&true))
            .count();
        // 0xC2 also leads Latin-1 letters and symbols; only text with one looks further.
        let c1 = if b.contains(&0xC2) {
            b.windows(2)
                .filter(|w| {
                    w.first() == Some(&0xC2) && w.get(1).is_some_and(|n| (0x80..=0x9F).contains(n))
                })
                .count()
        } else {
            0
        };
        if c0 + c1 == 0 {
            return None;
        }
        (c0 + c1, b.iter().filter(|&&x| x & 0xC0 != 0x80).count())
    };
    (total > 0 && control * 20 > total).then_some((control, total))
}

/// Single-byte control characters that count against text: C0 and DEL, but not line
/// breaks, tabs and form feeds.
const C0_CONTROL: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b < 0x20 && !matches!(b, 0x0a | 0x0d | 0x09 | 0x0c)) || b == 0x7f;
        b += 1;
    }
    t
};

fn truncate(mut s: String, max: usize) -> String {
    if s.len() > max {
        let mut cut = max;
        while cut > 0 && !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s.truncate(cut);
    }
    s
}

fn decode_text(bytes: &[u8], limits: &DecodeLimits) -> Result<Vec<Doc>, Rejection> {
    let text = to_text(bytes)?;
    // Most files have Unix line ends: they skip two copies of the text.
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    let body = truncate(text, limits.max_text_bytes);
    Ok(vec![Doc {
        id: content_id(Format::Text, &[&body]),
        format: Format::Text,
        body,
        ..Doc::default()
    }])
}

fn decode_html(bytes: &[u8], limits: &DecodeLimits) -> Result<Vec<Doc>, Rejection> {
    let text = to_text(bytes)?;
    let page = crate::html::extract(&text);
    let body = truncate(page.paragraphs.join("\n"), limits.max_text_bytes);
    Ok(vec![Doc {
        id: content_id(Format::Html, &[page.title.as_deref().unwrap_or(""), &body]),
        format: Format::Html,
        item: None,
        url: page.url,
        outlet: page.site_name,
        title: page.title,
        subtitle: page.subtitle,
        author: page.author,
        published: page.published,
        language: page.language,
        body,
        from_html: true,
    }])
}

/// Field names crawlers use, in order of preference.
const TITLE_KEYS: &[&str] = &["title", "headline", "judul", "name"];
const BODY_KEYS: &[&str] = &[
    "body",
    "text",
    "content",
    "articleBody",
    "article_body",
    "article",
    "full_text",
    "fulltext",
    "maintext",
    "isi",
    "html",
    "raw_html",
    "description",
    "summary",
];
const URL_KEYS: &[&str] = &[
    "url",
    "link",
    "canonical_url",
    "canonical",
    "source_url",
    "href",
];
const DATE_KEYS: &[&str] = &[
    "published",
    "published_at",
    "publishedAt",
    "datePublished",
    "date_published",
    "publish_date",
    "pubDate",
    "pub_date",
    "date",
    "created_at",
    "timestamp",
    "tanggal",
];
const AUTHOR_KEYS: &[&str] = &[
    "author", "authors", "byline", "creator", "penulis", "writer",
];
const OUTLET_KEYS: &[&str] = &[
    "outlet",
    "source",
    "site_name",
    "siteName",
    "site",
    "publisher",
    "media",
    "domain",
];
const LANG_KEYS: &[&str] = &["language", "lang", "inLanguage", "bahasa"];

/// A string from the first key present: strings as is, numbers as text, objects by their
/// `name`, arrays joined with ", ".
fn field(obj: &serde_json::Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| obj.get(*k).and_then(value_text))
}

fn value_text(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        Value::Object(o) => return o.get("name").and_then(value_text),
        Value::Array(a) => {
            let parts: Vec<String> = a.iter().filter_map(value_text).collect();
            parts.join(", ")
        }
        _ => return None,
    };
    (!s.is_empty()).then_some(s)
}

/// Does this string hold markup rather than text?
fn looks_like_html(s: &str) -> bool {
    let lower = s.get(..s.len().min(4096)).unwrap_or(s).to_ascii_lowercase();
    [
        "<p", "<div", "<br", "<html", "<article", "<span", "<a ", "<h1", "<h2", "<li",
    ]
    .iter()
    .any(|t| lower.contains(t))
}

/// A record or feed item body → (text, from_html). Markup goes through the extractor: full
/// pages get main-content extraction, fragments keep every block.
fn body_text(raw: &str, max: usize) -> (String, bool, Option<crate::html::HtmlDoc>) {
    if looks_like_html(raw) {
        let lower = raw
            .get(..raw.len().min(4096))
            .unwrap_or(raw)
            .to_ascii_lowercase();
        if lower.contains("<html") || lower.contains("<body") {
            let page = crate::html::extract(raw);
            let text = truncate(page.paragraphs.join("\n"), max);
            return (text, true, Some(page));
        }
        return (truncate(fragment_text(raw), max), true, None);
    }
    (truncate(raw.replace("\r\n", "\n"), max), false, None)
}

/// Text of an HTML fragment (a feed item or record body): every block kept, one per line,
/// entities decoded. Unlike page extraction nothing is judged boilerplate here; `clean` does that.
pub fn fragment_text(html: &str) -> String {
    use scraper::node::Node;
    const BLOCKS: &[&str] = &[
        "p",
        "div",
        "br",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "tr",
        "section",
        "article",
        "figcaption",
        "pre",
        "hr",
        "ul",
        "ol",
        "table",
    ];
    let frag = scraper::Html::parse_fragment(html);
    let mut out = String::with_capacity(html.len() / 2);
    // Iterative traversal: fragments from the wild can nest deeply.
    for edge in frag.root_element().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => match node.value() {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) if BLOCKS.contains(&e.name()) => out.push('\n'),
                _ => {}
            },
            ego_tree::iter::Edge::Close(node) => {
                if let Node::Element(e) = node.value() {
                    if BLOCKS.contains(&e.name()) {
                        out.push('\n');
                    }
                }
            }
        }
    }
    let lines: Vec<String> = out
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("\n")
}

fn record_doc(
    v: &Value,
    format: Format,
    item: Option<usize>,
    limits: &DecodeLimits,
) -> Result<Doc, Rejection> {
    let Value::Object(obj) = v else {
        return Err(Rejection::new(
            ErrorKind::MalformedJson,
            format!(
                "expected a JSON object{}, found {}",
                item.map(|i| format!(" at item {i}")).unwrap_or_default(),
                json_type(v)
            ),
        ));
    };
    let raw_body = field(obj, BODY_KEYS).unwrap_or_default();
    let (body, from_html, page) = body_text(&raw_body, limits.max_text_bytes);
    let title = field(obj, TITLE_KEYS).or_else(|| page.as_ref().and_then(|p| p.title.clone()));
    if body.trim().is_empty() && title.is_none() {
        return Err(Rejection::new(
            ErrorKind::NoContent,
            format!(
                "record{} has no text: none of the fields {} holds any",
                item.map(|i| format!(" {i}")).unwrap_or_default(),
                BODY_KEYS.join(", ")
            ),
        ));
    }
    let url = field(obj, URL_KEYS);
    let id = content_id(
        format,
        &[
            title.as_deref().unwrap_or(""),
            &raw_body,
            url.as_deref().unwrap_or(""),
        ],
    );
    Ok(Doc {
        id,
        format,
        item,
        url: url.or_else(|| page.as_ref().and_then(|p| p.url.clone())),
        outlet: field(obj, OUTLET_KEYS).or_else(|| page.as_ref().and_then(|p| p.site_name.clone())),
        title,
        subtitle: field(obj, &["subtitle", "subheadline", "dek"]),
        author: field(obj, AUTHOR_KEYS).or_else(|| page.as_ref().and_then(|p| p.author.clone())),
        published: field(obj, DATE_KEYS)
            .or_else(|| page.as_ref().and_then(|p| p.published.clone())),
        language: field(obj, LANG_KEYS)
            .or_else(|| page.as_ref().and_then(|p| p.language.clone()))
            .map(|l| l.to_ascii_lowercase()),
        body,
        from_html,
    })
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn decode_json(bytes: &[u8], limits: &DecodeLimits) -> Result<Vec<Doc>, Rejection> {
    let text = to_text(bytes)?;
    let v: Value = serde_json::from_str(&text)
        .map_err(|e| Rejection::new(ErrorKind::MalformedJson, format!("invalid json: {e}")))?;
    // Many records at once: an array, or a crawler's wrapper such as {"articles": [...]}.
    let wrapped = match &v {
        Value::Array(items) => Some(items.as_slice()),
        Value::Object(o) if !BODY_KEYS.iter().any(|k| o.contains_key(*k)) => {
            ["articles", "items", "data", "results"]
                .iter()
                .find_map(|k| o.get(*k).and_then(Value::as_array))
                .map(Vec::as_slice)
        }
        _ => None,
    };
    match wrapped {
        Some(items) => {
            if items.len() > limits.max_items {
                return Err(Rejection::new(
                    ErrorKind::TooManyItems,
                    format!(
                        "{} records in one file, limit is {}",
                        items.len(),
                        limits.max_items
                    ),
                ));
            }
            items
                .iter()
                .enumerate()
                .map(|(i, r)| record_doc(r, Format::Json, Some(i), limits))
                .collect()
        }
        None => Ok(vec![record_doc(&v, Format::Json, None, limits)?]),
    }
}

fn decode_jsonl(bytes: &[u8], limits: &DecodeLimits) -> Result<Vec<Doc>, Rejection> {
    let text = to_text(bytes)?;
    let mut docs = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        if docs.len() >= limits.max_items {
            return Err(Rejection::new(
                ErrorKind::TooManyItems,
                format!("more than {} records in one file", limits.max_items),
            ));
        }
        let v: Value = serde_json::from_str(line).map_err(|e| {
            Rejection::new(
                ErrorKind::MalformedJson,
                format!("invalid json on line {}: {e}", n + 1),
            )
        })?;
        let item = docs.len();
        docs.push(record_doc(&v, Format::Jsonl, Some(item), limits)?);
    }
    Ok(docs)
}

fn decode_feed(bytes: &[u8], limits: &DecodeLimits) -> Result<Vec<Doc>, Rejection> {
    let feed = feed_rs::parser::parse(bytes)
        .map_err(|e| Rejection::new(ErrorKind::MalformedFeed, format!("not a valid feed: {e}")))?;
    let format = match feed.feed_type {
        feed_rs::model::FeedType::Atom => Format::Atom,
        _ => Format::Rss,
    };
    if feed.entries.len() > limits.max_items {
        return Err(Rejection::new(
            ErrorKind::TooManyItems,
            format!(
                "{} items in one feed, limit is {}",
                feed.entries.len(),
                limits.max_items
            ),
        ));
    }
    let outlet = feed.title.as_ref().map(|t| t.content.trim().to_string());
    let feed_lang = feed.language.clone();
    let mut docs = Vec::with_capacity(feed.entries.len());
    for (i, e) in feed.entries.iter().enumerate() {
        let raw_body = e
            .content
            .as_ref()
            .and_then(|c| c.body.clone())
            .or_else(|| e.summary.as_ref().map(|s| s.content.clone()))
            .unwrap_or_default();
        let (body, from_html, _) = body_text(&raw_body, limits.max_text_bytes);
        let title = e
            .title
            .as_ref()
            .map(|t| fragment_text(&t.content).replace('\n', " "))
            .filter(|t| !t.trim().is_empty());
        if body.trim().is_empty() && title.is_none() {
            continue;
        }
        let url = e.links.first().map(|l| l.href.clone());
        let id = content_id(
            format,
            &[
                title.as_deref().unwrap_or(""),
                &raw_body,
                url.as_deref().unwrap_or(""),
            ],
        );
        let author = {
            let names: Vec<&str> = e
                .authors
                .iter()
                .map(|p| p.name.trim())
                .filter(|n| !n.is_empty())
                .collect();
            (!names.is_empty()).then(|| names.join(", "))
        };
        docs.push(Doc {
            id,
            format,
            item: Some(i),
            url,
            outlet: outlet.clone().filter(|o| !o.is_empty()),
            title,
            subtitle: None,
            author,
            published: e.published.or(e.updated).map(|d| d.to_rfc3339()),
            language: feed_lang.clone().map(|l| l.to_ascii_lowercase()),
            body,
            from_html,
        });
    }
    Ok(docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(docs: &[Doc]) -> Vec<(Format, Option<usize>, Option<String>)> {
        docs.iter()
            .map(|d| (d.format, d.item, d.title.clone()))
            .collect()
    }

    #[test]
    fn binary_verdict_matches_a_char_walk() {
        fn walk(text: &str) -> Option<(usize, usize)> {
            let mut total = 0usize;
            let mut control = 0usize;
            for c in text.chars().take(64 * 1024) {
                total += 1;
                if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}') {
                    control += 1;
                }
            }
            (total > 0 && control * 20 > total).then_some((control, total))
        }
        let long = "é\u{1}x".repeat(30_000);
        let mostly_c1 = "\u{85}\u{9f}ab".repeat(10);
        let some_c0 = format!("{}{}", "\u{1}".repeat(3), "x".repeat(100));
        let cases = [
            "",
            "Presiden Rusia\n\tberkata\r\n\u{c}",
            "nul \0 bell \u{7} del \u{7f} c1 \u{80} \u{85} \u{9f} nbsp \u{a0} ok",
            "ÿ\u{9f}\u{c2}€ — “quotes” ½",
            "\u{7f}\u{1}",
            long.as_str(),
            mostly_c1.as_str(),
            some_c0.as_str(),
        ];
        for text in cases {
            assert_eq!(
                super::mostly_control(text),
                walk(text),
                "{:?}",
                text.get(..40)
            );
        }
        // The cases hold both verdicts.
        assert!(cases.iter().any(|t| walk(t).is_some()));
        assert!(cases.iter().any(|t| walk(t).is_none()));
    }

    #[test]
    fn formats_by_extension_and_sniffing() {
        let l = DecodeLimits::default();
        let cases: &[(&str, &[u8], Format, usize)] = &[
            ("a.txt", b"Judul\n\nIsi berita.", Format::Text, 1),
            ("a", b"Just some prose here.", Format::Text, 1),
            ("a.json", br#"{"title":"T","body":"B"}"#, Format::Json, 1),
            ("a.dat", br#"{"title":"T","content":"B"}"#, Format::Json, 1),
            (
                "a.json",
                br#"[{"title":"T","body":"B"},{"headline":"U","text":"C"}]"#,
                Format::Json,
                2,
            ),
            (
                "a.jsonl",
                b"{\"title\":\"T\",\"body\":\"B\"}\n\n{\"title\":\"U\",\"body\":\"C\"}\n",
                Format::Jsonl,
                2,
            ),
            (
                "a",
                b"{\"title\":\"T\",\"body\":\"B\"}\n{\"title\":\"U\",\"body\":\"C\"}\n",
                Format::Jsonl,
                2,
            ),
        ];
        for (name, bytes, format, n) in cases {
            let docs = decode(name, bytes, &l).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(docs.len(), *n, "{name}");
            assert!(
                docs.iter().all(|d| d.format == *format),
                "{name}: {:?}",
                names(&docs)
            );
        }
    }

    #[test]
    fn rejections_name_their_kind() {
        let l = DecodeLimits::default();
        let cases: &[(&str, &[u8], ErrorKind)] = &[
            ("a.txt", b"", ErrorKind::Empty),
            ("a.txt", b"  \n\t ", ErrorKind::Empty),
            ("a.txt", b"abc\0def", ErrorKind::Binary),
            (
                "a.bin",
                b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f",
                ErrorKind::Binary,
            ),
            ("a.json", b"{\"title\": ", ErrorKind::MalformedJson),
            ("a.json", b"42", ErrorKind::MalformedJson),
            ("a.json", br#"{"foo":"bar"}"#, ErrorKind::NoContent),
            (
                "a.jsonl",
                b"{\"title\":\"T\",\"body\":\"B\"}\nnot json\n",
                ErrorKind::MalformedJson,
            ),
            ("a.xml", b"<rss><channel><item>", ErrorKind::MalformedFeed),
        ];
        for (name, bytes, kind) in cases {
            match decode(name, bytes, &l) {
                Err(r) => assert_eq!(r.kind, *kind, "{name}: {}", r.reason),
                Ok(d) => panic!("{name}: expected {kind}, got {} docs", d.len()),
            }
        }
    }

    #[test]
    fn deeply_nested_json_is_rejected_not_overflowed() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let r = decode("a.json", deep.as_bytes(), &DecodeLimits::default());
        assert_eq!(
            r.map(|_| ()).map_err(|e| e.kind),
            Err(ErrorKind::MalformedJson)
        );
    }

    #[test]
    fn mostly_utf8_with_a_stray_byte_stays_utf8() {
        let mut bytes = "Luiz Inácio Lula da Silva tiba di São Paulo dan Zürich untuk bertemu para menteri luar negeri kawasan.".as_bytes().to_vec();
        bytes.insert(40, 0xC3);
        let docs = decode("a.txt", &bytes, &DecodeLimits::default()).expect("decodes");
        assert!(
            docs[0].body.contains("Inácio") && docs[0].body.contains("Zürich"),
            "{}",
            docs[0].body
        );
    }

    #[test]
    fn text_line_ends_become_newlines() {
        let l = DecodeLimits::default();
        let crlf = decode("a.txt", b"Judul\r\nParagraf satu.\rParagraf dua.\n", &l);
        let lf = decode("b.txt", b"Judul\nParagraf satu.\nParagraf dua.\n", &l);
        let body = |r: Result<Vec<Doc>, Rejection>| {
            r.ok().and_then(|d| d.into_iter().next()).map(|d| d.body)
        };
        assert_eq!(
            body(crlf).as_deref(),
            Some("Judul\nParagraf satu.\nParagraf dua.\n")
        );
        assert_eq!(
            body(lf).as_deref(),
            Some("Judul\nParagraf satu.\nParagraf dua.\n")
        );
    }

    #[test]
    fn latin1_text_is_decoded() {
        let bytes = b"Caf\xe9 au lait: une histoire \xe0 Paris, \xe9t\xe9 comme hiver.";
        let docs = decode("a.txt", bytes, &DecodeLimits::default()).expect("decodes");
        assert!(docs[0].body.contains("Café"), "{}", docs[0].body);
    }

    #[test]
    fn json_record_fields_and_html_body() {
        let rec = br#"{"headline":"Judul","content":"<p>Paragraf satu.</p><p>Paragraf dua.</p>","link":"https://example.com/a","publishedAt":"2024-03-26T10:00:00+07:00","byline":{"name":"Ani"},"source":{"name":"Contoh"}}"#;
        let d = decode("r.json", rec, &DecodeLimits::default()).expect("decodes");
        let d = &d[0];
        assert_eq!(d.title.as_deref(), Some("Judul"));
        assert_eq!(d.url.as_deref(), Some("https://example.com/a"));
        assert_eq!(d.author.as_deref(), Some("Ani"));
        assert_eq!(d.outlet.as_deref(), Some("Contoh"));
        assert_eq!(d.published.as_deref(), Some("2024-03-26T10:00:00+07:00"));
        assert!(d.from_html);
        assert_eq!(d.body, "Paragraf satu.\nParagraf dua.");
    }

    #[test]
    fn rss_feed_yields_one_doc_per_item_with_stable_ids() {
        let feed = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>Kabar</title>
<item><title>Satu</title><link>https://k.example/1</link><description>&lt;p&gt;Isi satu.&lt;/p&gt;</description></item>
<item><title>Dua</title><link>https://k.example/2</link><description>Isi dua.</description></item>
<item><title>Tiga</title><link>https://k.example/3</link><description>Isi tiga.</description></item>
</channel></rss>"#;
        let a = decode("f.rss", feed, &DecodeLimits::default()).expect("decodes");
        let b = decode("other-name.xml", feed, &DecodeLimits::default()).expect("decodes");
        assert_eq!(a.len(), 3);
        assert_eq!(a[0].outlet.as_deref(), Some("Kabar"));
        assert_eq!(a[0].body, "Isi satu.");
        let ids: Vec<_> = a.iter().map(|d| d.id.clone()).collect();
        assert_eq!(ids, b.iter().map(|d| d.id.clone()).collect::<Vec<_>>());
        assert_ne!(ids[0], ids[1]);
    }

    #[test]
    fn xml_entity_expansion_is_not_performed() {
        let bomb = br#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><title>x</title><item><title>&lol3;</title><description>a</description></item></channel></rss>"#;
        // Either rejected or decoded without expansion; never a large allocation.
        if let Ok(docs) = decode("b.xml", bomb, &DecodeLimits::default()) {
            assert!(docs
                .iter()
                .all(|d| d.title.as_deref().unwrap_or("").len() < 100));
        }
    }

    #[test]
    fn too_many_items_is_rejected() {
        let l = DecodeLimits {
            max_items: 2,
            ..DecodeLimits::default()
        };
        let three = b"{\"title\":\"a\",\"body\":\"b\"}\n{\"title\":\"a\",\"body\":\"c\"}\n{\"title\":\"a\",\"body\":\"d\"}\n";
        let r = decode("x.jsonl", three, &l);
        assert_eq!(
            r.map(|_| ()).map_err(|e| e.kind),
            Err(ErrorKind::TooManyItems)
        );
    }
}
