//! Any bytes under any file name: decode gives docs or a rejection, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use warta::decode::{decode, DecodeLimits};

const NAMES: &[&str] = &[
    "a.txt", "a.html", "a.json", "a.jsonl", "a.rss", "a.atom", "a.xml", "a",
];

fuzz_target!(|data: &[u8]| {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let name = NAMES[first as usize % NAMES.len()];
    let limits = DecodeLimits {
        max_items: 100,
        max_text_bytes: 1 << 20,
    };
    if let Ok(docs) = decode(name, bytes, &limits) {
        assert!(docs.len() <= limits.max_items, "{} docs", docs.len());
        for d in &docs {
            assert!(!d.id.is_empty(), "doc without an id");
        }
    }
});
