//! Arbitrary UTF-8 as a doc through clean → tag → classify: no panic; scores in 0..=1 and
//! sorted, highest first.
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
    let (topics, _events) = r
        .classifier
        .classify(cleaned.title.as_deref(), &text, &tags);
    for t in &topics {
        assert!(
            (0.0..=1.0).contains(&t.score),
            "topic {} score {}",
            t.name,
            t.score
        );
    }
    for w in topics.windows(2) {
        assert!(w[0].score >= w[1].score, "topics not sorted by score");
    }
});
