//! Property tests on the library's stage invariants: decode and enrich are total, clean never
//! grows the text, enrich is deterministic, and the enriched output is well-formed (scores,
//! ordering, entity offsets, dates).
//!
//! Case counts are bounded so the whole file stays well under half a minute in a debug build.

use proptest::prelude::*;
use std::sync::OnceLock;
use warta::article::{Article, Doc, Format};
use warta::decode::{decode, DecodeLimits};
use warta::rules::Rules;

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| Rules::builtin().expect("built-in rules load"))
}

/// `cases` per property, unless `PROPTEST_CASES` asks for more (or fewer) for a deeper run.
fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(cases);
    ProptestConfig {
        cases,
        // Shrinking re-runs the whole pipeline; keep a failing case's report fast.
        max_shrink_iters: 2048,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------------------------
// Generators

/// Words and phrases an Indonesian or English news story is made of, including names from the
/// gazetteer, people's titles, citation cues, date words and boilerplate cues.
const TOKENS: &[&str] = &[
    // Indonesian prose
    "yang",
    "dan",
    "di",
    "ke",
    "dari",
    "pada",
    "dengan",
    "untuk",
    "itu",
    "ini",
    "dalam",
    "akan",
    "telah",
    "sudah",
    "tidak",
    "kata",
    "ujar",
    "ujarnya",
    "katanya",
    "menurut",
    "bahwa",
    "juga",
    "pemerintah",
    "kerja sama",
    "pertahanan",
    "pertemuan",
    "kunjungan",
    "bertemu",
    "membahas",
    "menandatangani",
    "perjanjian",
    "pembelian",
    "pesawat",
    "tempur",
    "kapal selam",
    "telepon",
    "menelepon",
    "KTT",
    "konferensi",
    "ekonomi",
    "perdagangan",
    "investasi",
    "rapat",
    "negara",
    "kedua negara",
    "kedua pemimpin",
    "batal",
    "dibatalkan",
    "direncanakan",
    "membantah",
    // English prose
    "the",
    "of",
    "and",
    "to",
    "in",
    "said",
    "says",
    "on",
    "with",
    "talks",
    "summit",
    "leaders",
    "signed",
    "deal",
    "fighter jets",
    "submarines",
    "phone call",
    "spoke",
    "by phone",
    "met",
    "meeting",
    "visit",
    "officials",
    "according to",
    "would",
    "will",
    "cancelled",
    "denied",
    // people, titles, places, organisations, outlets
    "Presiden",
    "Presiden Prabowo Subianto",
    "Prabowo",
    "Subianto",
    "Joko Widodo",
    "Jokowi",
    "Xi Jinping",
    "Joe Biden",
    "Biden",
    "Emmanuel Macron",
    "Anthony Albanese",
    "Narendra Modi",
    "Menteri Pertahanan",
    "Menteri Luar Negeri",
    "Menlu",
    "Retno Marsudi",
    "Sjafrie Sjamsoeddin",
    "Perdana Menteri",
    "Prime Minister",
    "President",
    "Defence Minister",
    "juru bicara",
    "Budi Santoso",
    "Siti Rahayu",
    "Ahmad",
    "Dewi Lestari",
    "Jenderal",
    "Jalan Jenderal Sudirman",
    "Jakarta",
    "JAKARTA",
    "Indonesia",
    "Tokyo",
    "Beijing",
    "Washington",
    "Prancis",
    "France",
    "Australia",
    "Canberra",
    "Papua",
    "Indo-Pasifik",
    "ASEAN",
    "PBB",
    "NATO",
    "TNI",
    "DPR",
    "Kementerian Pertahanan",
    "Kemhan",
    "Gedung Putih",
    "White House",
    "Uni Eropa",
    "Reuters",
    "AFP",
    "Antara",
    "ANTARA",
    "Kompas",
    "Detik",
    "Tempo",
    "Xinhua",
    "Al Jazeera",
    "dilansir dari",
    "seperti dikutip dari",
    "Reuters melaporkan",
    "kata kepada",
    // dates and times
    "29/8/2023",
    "(29/8/2023)",
    "Senin (28/8/2023)",
    "1/1/2024",
    "31/12/1999",
    "29/2/2024",
    "30/2/2023",
    "32/13/2023",
    "0/0/0",
    "29 Agustus 2023",
    "12 Januari",
    "Selasa",
    "Senin",
    "kemarin",
    "besok",
    "lusa",
    "pekan lalu",
    "pekan depan",
    "bulan depan",
    "tahun lalu",
    "Tuesday",
    "last week",
    "next month",
    "March 26, 2024",
    "26 March 2024",
    "2024-03-26",
    "10.30 WIB",
    "pukul 09.00 WIB",
    "14:00 GMT",
    "9999",
    "0",
    "17",
    "1945",
    "2,5",
    "3.000",
    // boilerplate cues
    "Baca juga:",
    "BACA JUGA:",
    "Baca Juga",
    "Foto:",
    "FOTO:",
    "(WIL)",
    "(ant)",
    "(WIL/ANT)",
    "slot gacor",
    "slot",
    "togel",
    "maxwin",
    "judi online",
    "Simak Video",
    "ADVERTISEMENT",
    "SCROLL TO CONTINUE WITH CONTENT",
    "Editor:",
    "Penulis:",
    "Pewarta:",
    "Copyright ©",
    "Ikuti kami di Google News",
    "Halaman",
    "Tags:",
    "Sumber:",
    "Dok.",
    "(Istimewa)",
    "https://example.com/a",
    "www.kompas.com",
    "Getty Images",
    "ANTARA FOTO/",
    // punctuation, quotes, bullets, brackets
    ".",
    ",",
    ";",
    ":",
    "!",
    "?",
    "-",
    "—",
    "–",
    "\"",
    "“",
    "”",
    "'",
    "‘",
    "’",
    "«",
    "»",
    "•",
    "• ",
    "(",
    ")",
    "[",
    "]",
    "/",
    "...",
    "…",
    "&",
    "@",
    "#",
    "%",
    "*",
    // scripts, accents, combining marks, odd spaces
    "é",
    "Ñ",
    "İ",
    "ß",
    "ﬁ",
    "e\u{301}",
    "\u{200b}",
    "\u{a0}",
    "\u{3000}",
    "中国",
    "日本",
    "Москва",
    "عربي",
    "😀",
    "\t",
    "\r",
];

/// One token: mostly from the list, sometimes a short arbitrary string.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => prop::sample::select(TOKENS).prop_map(str::to_string),
        1 => "\\PC{1,8}",
        1 => "[A-Z][a-z]{2,9}",
    ]
}

/// What goes between two tokens.
fn separator() -> impl Strategy<Value = &'static str> {
    prop::sample::select(
        &[
            " ", " ", " ", " ", " ", " ", " ", " ", "", "  ", ". ", ", ", "\n", "\n", "\n\n",
            "\r\n", " - ", "\n• ", "\n\n\n",
        ][..],
    )
}

/// Article-like text: 0 to `max` tokens joined by separators.
fn article_text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec((token(), separator()), 0..max).prop_map(|parts| {
        let mut s = String::new();
        for (t, sep) in parts {
            s.push_str(&t);
            s.push_str(sep);
        }
        s
    })
}

fn opt<T: std::fmt::Debug + Clone>(
    s: impl Strategy<Value = T>,
) -> impl Strategy<Value = Option<T>> {
    prop::option::weighted(0.6, s)
}

/// A decoded article as decode would hand it on, with article-like body and title.
fn doc() -> impl Strategy<Value = Doc> {
    let url = prop::sample::select(
        &[
            "https://www.antaranews.com/berita/1",
            "https://news.detik.com/x",
            "https://www.reuters.com/world/x",
            "https://kabar.example/1",
            "not a url",
            "",
        ][..],
    );
    let published = prop_oneof![
        prop::sample::select(
            &[
                "2023-08-29T10:00:00+07:00",
                "Tue, 26 Mar 2024 07:00:00 +0700",
                "29/8/2023",
                "Senin, 28 Agustus 2023 10:30 WIB",
                "2024-02-30",
                "yesterday",
                "",
            ][..]
        )
        .prop_map(str::to_string),
        "\\PC{0,20}",
    ];
    (
        (
            article_text(12),
            article_text(200),
            opt(url),
            opt(prop::sample::select(
                &["Antara", "Kompas", "Reuters", "Kabar"][..],
            )),
            opt(published),
        ),
        (
            opt(prop::sample::select(&["id", "en", "xx"][..])),
            opt(article_text(6)),
            any::<bool>(),
            prop::sample::select(&[Format::Text, Format::Html, Format::Json, Format::Rss][..]),
        ),
    )
        .prop_map(
            |((title, body, url, outlet, published), (language, author, from_html, format))| Doc {
                id: warta::article::content_id(format, &[&body, &title]),
                format,
                item: None,
                url: url.map(str::to_string),
                outlet: outlet.map(str::to_string),
                title: Some(title),
                subtitle: None,
                author,
                published,
                language: language.map(str::to_string),
                body,
                from_html,
            },
        )
}

// ---------------------------------------------------------------------------------------------
// Checks on one enriched article

fn non_ws(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

fn valid_ymd(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok()
}

/// Every output invariant of one article; `Err` names the first one broken.
fn check_article(a: &Article) -> Result<(), TestCaseError> {
    for t in &a.topics {
        prop_assert!(
            (0.0..=1.0).contains(&t.score),
            "topic {} score {} out of 0..=1",
            t.name,
            t.score
        );
    }
    for w in a.topics.windows(2) {
        prop_assert!(
            w[0].score >= w[1].score,
            "topics not sorted by score: {} {} before {} {}",
            w[0].name,
            w[0].score,
            w[1].name,
            w[1].score
        );
    }
    for e in &a.entities {
        prop_assert!(
            e.mentions >= 1,
            "entity {} has {} mentions",
            e.id,
            e.mentions
        );
        prop_assert!(!e.surface.is_empty(), "entity {} has no surface", e.id);
        prop_assert!(
            e.surface.iter().all(|s| !s.is_empty()),
            "entity {} has an empty surface: {:?}",
            e.id,
            e.surface
        );
        prop_assert!(
            e.offsets.len() <= e.mentions,
            "entity {}: {} offsets but {} mentions",
            e.id,
            e.offsets.len(),
            e.mentions
        );
        for &[s, t] in &e.offsets {
            prop_assert!(
                s < t && t <= a.text.len(),
                "entity {}: offsets [{s}, {t}) outside text of {} bytes",
                e.id,
                a.text.len()
            );
            prop_assert!(
                a.text.is_char_boundary(s) && a.text.is_char_boundary(t),
                "entity {}: offsets [{s}, {t}) not on char boundaries",
                e.id
            );
            let slice = &a.text[s..t];
            prop_assert!(
                e.surface.iter().any(|x| x == slice),
                "entity {}: text[{s}..{t}] = {slice:?} is none of its surfaces {:?}",
                e.id,
                e.surface
            );
        }
    }
    for d in &a.dates {
        prop_assert!(
            valid_ymd(&d.date),
            "date {:?} (from {:?}) is not YYYY-MM-DD",
            d.date,
            d.surface
        );
    }
    for ev in &a.events {
        if let Some(d) = &ev.date {
            prop_assert!(valid_ymd(d), "event date {d:?} is not YYYY-MM-DD");
        }
    }
    if let Some(p) = &a.published {
        prop_assert!(
            chrono::DateTime::parse_from_rfc3339(p).is_ok() || valid_ymd(p),
            "published {p:?} is neither RFC 3339 nor YYYY-MM-DD"
        );
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Properties

const NAMES: &[&str] = &["a.txt", "a.html", "a.json", "a.jsonl", "a.rss", "a"];

/// Random bytes, or random bytes inside a skeleton of one of the formats so that the JSON,
/// HTML and feed paths are reached past their first byte.
fn file_bytes() -> impl Strategy<Value = Vec<u8>> {
    let raw = prop::collection::vec(any::<u8>(), 0..512);
    let text = article_text(60);
    prop_oneof![
        3 => raw.clone(),
        1 => (raw, 0usize..4).prop_map(|(b, k)| {
            let (pre, post): (&[u8], &[u8]) = match k {
                0 => (b"\xef\xbb\xbf", b""),
                1 => (b"\xff\xfe", b""),
                2 => (b"<html><body><p>", b"</p></body></html>"),
                _ => (b"{\"title\": \"", b"\"}"),
            };
            [pre, &b, post].concat()
        }),
        2 => (text, 0usize..5).prop_map(|(t, k)| {
            let j = serde_json::to_string(&t).unwrap_or_default();
            match k {
                0 => format!("{{\"title\": {j}, \"body\": {j}, \"url\": \"https://www.antaranews.com/b/1\", \"published\": \"2023-08-29\"}}"),
                1 => format!("{{\"title\": \"x\", \"text\": {j}}}\n{{\"headline\": {j}, \"content\": {j}}}\n"),
                2 => format!("<!doctype html><html><head><title>{t}</title></head><body><article><p>{t}</p><p>{t}</p></article></body></html>"),
                3 => format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>K</title><item><title>{t}</title><description>{t}</description></item></channel></rss>"),
                _ => t,
            }
            .into_bytes()
        }),
    ]
}

proptest! {
    #![proptest_config(config(256))]

    /// (a) decode is total: any bytes under any name give docs or a rejection, never a panic;
    /// and every doc it gives is enriched without panicking into a well-formed article.
    #[test]
    fn decode_never_panics(bytes in file_bytes(), name in prop::sample::select(NAMES)) {
        let limits = DecodeLimits { max_items: 50, max_text_bytes: 1 << 16 };
        if let Ok(docs) = decode(name, &bytes, &limits) {
            prop_assert!(docs.len() <= limits.max_items);
            for d in docs {
                prop_assert!(!d.id.is_empty());
                let a = rules().enrich(d, name, None, false);
                check_article(&a)?;
            }
        }
    }
}

proptest! {
    #![proptest_config(config(192))]

    /// (b) + (e) enrich is total on article-like text and its output is well-formed.
    #[test]
    fn enrich_total_and_well_formed(d in doc()) {
        let a = rules().enrich(d, "props.txt", None, true);
        check_article(&a)?;
    }

    /// (c) clean never grows the text: no more non-whitespace characters come out than went in.
    #[test]
    fn clean_never_grows(d in doc()) {
        let c = rules().clean(&d, None, false);
        let (out, inp) = (non_ws(&c.text()), non_ws(&d.body));
        prop_assert!(out <= inp, "cleaned text has {out} non-whitespace chars, body {inp}");
        for p in &c.paragraphs {
            prop_assert!(!p.trim().is_empty(), "empty paragraph kept");
        }
    }

    /// (d) enrich is deterministic: the same doc gives the same article, `processed_at` aside.
    #[test]
    fn enrich_deterministic(d in doc()) {
        let r = rules();
        let a = r.enrich(d.clone(), "x.txt", None, true);
        let mut b = r.enrich(d, "x.txt", None, true);
        b.processed_at.clone_from(&a.processed_at);
        prop_assert_eq!(a, b);
    }
}

proptest! {
    #![proptest_config(config(64))]

    /// The stages called one by one agree with `enrich`, so the checks above cover what the
    /// public stage API returns.
    #[test]
    fn stages_agree_with_enrich(d in doc()) {
        let r = rules();
        let c = r.clean(&d, None, false);
        let text = c.text();
        let tags = r.tag(&c, &text);
        let (topics, events) = r.classifier.classify(c.title.as_deref(), &text, &tags);
        for &(s, e, i) in &tags.spans {
            prop_assert!(i < tags.entities.len());
            prop_assert!(text.get(s..e).is_some(), "span [{s}, {e}) is not a slice of text");
        }
        for &i in &tags.title_entities {
            prop_assert!(i < tags.entities.len(), "title entity {i} out of range");
        }
        let a = r.enrich(d, "x.txt", None, false);
        prop_assert_eq!(&a.text, &text);
        prop_assert_eq!(&a.entities, &tags.entities);
        prop_assert_eq!(&a.topics, &topics);
        prop_assert_eq!(&a.events, &events);
    }
}

/// The checks can fail: a hand-made broken article is rejected by each of them.
#[test]
fn checks_catch_broken_articles() {
    let r = rules();
    let base = r.enrich(
        Doc {
            title: Some("Prabowo bertemu Xi Jinping di Beijing".into()),
            body: "JAKARTA - Presiden Prabowo Subianto bertemu Presiden China Xi Jinping di Beijing pada Senin (28/8/2023) untuk membahas kerja sama pertahanan.\n\nKedua pemimpin menandatangani perjanjian pembelian pesawat tempur, kata juru bicara kepada Reuters.".into(),
            ..Doc::default()
        },
        "x.txt",
        None,
        false,
    );
    assert!(check_article(&base).is_ok(), "{:?}", check_article(&base));
    assert!(!base.entities.is_empty() && !base.dates.is_empty());

    let mut a = base.clone();
    a.entities[0].offsets.push([0, a.text.len() + 1]);
    assert!(check_article(&a).is_err());
    let mut a = base.clone();
    a.entities[0].mentions = 0;
    assert!(check_article(&a).is_err());
    let mut a = base.clone();
    a.dates[0].date = "2023-02-30".into();
    assert!(check_article(&a).is_err());
    let mut a = base.clone();
    if let Some(t) = a.topics.first_mut() {
        t.score = 1.5;
        assert!(check_article(&a).is_err());
    }
    assert!(!valid_ymd("2023-8-29") && valid_ymd("2023-08-29"));
}
