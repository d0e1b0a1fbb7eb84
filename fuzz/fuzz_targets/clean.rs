//! Arbitrary UTF-8 as a doc's title and body through clean: no panic, text never grows.
#![no_main]

use libfuzzer_sys::fuzz_target;
use warta_fuzz::{doc_from, non_ws, rules};

fuzz_target!(|data: &[u8]| {
    let Some(doc) = doc_from(data) else {
        return;
    };
    let cleaned = rules().clean(&doc, None, data.len() % 2 == 0);
    let text = cleaned.text();
    assert!(
        non_ws(&text) <= non_ws(&doc.body),
        "clean grew the text: {:?} -> {:?}",
        doc.body,
        text
    );
});
