//! Shared helpers of the fuzz targets: the rules, loaded once, and how fuzz bytes become a
//! [`Doc`].

use std::sync::OnceLock;
use warta::article::{Doc, Format};
use warta::rules::Rules;
use warta::tag::Tags;

/// The built-in rules, compiled once per process.
pub fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| Rules::builtin().expect("built-in rules load"))
}

/// Fuzz bytes as a doc: the input must be UTF-8; the first line is the title, the rest the
/// body. A leading `\u{1}` marks the body as coming from HTML, a leading `\u{2}` gives the doc
/// an outlet URL, so both paths of clean are reached.
pub fn doc_from(data: &[u8]) -> Option<Doc> {
    let s = std::str::from_utf8(data).ok()?;
    let (from_html, s) = match s.strip_prefix('\u{1}') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let (url, s) = match s.strip_prefix('\u{2}') {
        Some(rest) => (
            Some("https://www.antaranews.com/berita/1".to_string()),
            rest,
        ),
        None => (None, s),
    };
    let (title, body) = s.split_once('\n').unwrap_or(("", s));
    Some(Doc {
        id: "fuzz".into(),
        format: if from_html {
            Format::Html
        } else {
            Format::Text
        },
        url,
        title: (!title.is_empty()).then(|| title.to_string()),
        body: body.to_string(),
        from_html,
        ..Doc::default()
    })
}

pub fn non_ws(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

/// Entity invariants: mentions ≥ 1, non-empty surfaces, offsets are char-boundary ranges of
/// `text` whose slice is one of the entity's surfaces; spans index real entities.
pub fn check_tags(text: &str, tags: &Tags) {
    for e in &tags.entities {
        assert!(e.mentions >= 1, "entity {} has no mention", e.id);
        assert!(
            !e.surface.is_empty() && e.surface.iter().all(|s| !s.is_empty()),
            "entity {} surfaces {:?}",
            e.id,
            e.surface
        );
        for &[s, t] in &e.offsets {
            let slice = text
                .get(s..t)
                .unwrap_or_else(|| panic!("entity {}: [{s}, {t}) is no slice of the text", e.id));
            assert!(
                s < t && e.surface.iter().any(|x| x == slice),
                "entity {}: text[{s}..{t}] = {slice:?} is none of {:?}",
                e.id,
                e.surface
            );
        }
    }
    for &(_, _, i) in &tags.spans {
        assert!(i < tags.entities.len(), "span of entity {i} out of range");
    }
    for d in &tags.dates {
        let b = d.date.as_bytes();
        assert!(
            b.len() == 10 && b[4] == b'-' && b[7] == b'-',
            "date {:?} from {:?}",
            d.date,
            d.surface
        );
    }
}
