//! Arbitrary UTF-8 as a doc through clean → tag: no panic; every entity offset is a
//! char-boundary range of the text whose slice is one of the entity's surfaces.
#![no_main]

use libfuzzer_sys::fuzz_target;
use warta_fuzz::{check_tags, doc_from, rules};

fuzz_target!(|data: &[u8]| {
    let Some(doc) = doc_from(data) else {
        return;
    };
    let r = rules();
    let cleaned = r.clean(&doc, None, false);
    let text = cleaned.text();
    let tags = r.tag(&cleaned, &text);
    check_tags(&text, &tags);
});
