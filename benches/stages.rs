//! Per-stage costs: decode, clean, tag, classify and serialise, on the seed articles (about
//! 4 KB each) and on the largest page of the HTML dev set (read from ../shared, never copied).
//!
//! cargo bench --bench stages

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use std::hint::black_box;
use std::io::Read;
use std::path::PathBuf;
use warta::decode::{decode, DecodeLimits};
use warta::rules::Rules;

fn seeds() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("seeds/")
        .flatten()
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).expect("seed"),
            )
        })
        .collect();
    v.sort();
    v
}

/// The largest dev-set page, if ../shared is there.
fn big_page() -> Option<Vec<u8>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/devsets/html/pages");
    let biggest = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .max_by_key(|e| e.metadata().map(|m| m.len()).unwrap_or(0))?;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(biggest.path()).ok()?)
        .read_to_end(&mut out)
        .ok()?;
    Some(out)
}

fn stages(c: &mut Criterion) {
    let rules = Rules::builtin().expect("rules");
    let limits = DecodeLimits::default();
    let seeds = seeds();
    let (name, bytes) = seeds.first().cloned().expect("a seed");
    let doc = decode(&name, &bytes, &limits).expect("decode").remove(0);

    c.bench_function("load_rules", |b| {
        b.iter(|| black_box(Rules::builtin().expect("rules")))
    });
    c.bench_function("decode/seed_text", |b| {
        b.iter(|| black_box(decode(&name, &bytes, &limits).expect("decode")))
    });
    c.bench_function("clean/seed", |b| {
        b.iter(|| black_box(rules.clean(&doc, None, false)))
    });
    let cleaned = rules.clean(&doc, None, false);
    let text = cleaned.text();
    c.bench_function("tag/seed", |b| {
        b.iter(|| black_box(rules.tag(&cleaned, &text)))
    });
    c.bench_function("tag/gazetteer_find", |b| {
        b.iter(|| black_box(rules.gazetteer.find(&text)))
    });
    c.bench_function("tag/dates_find", |b| {
        b.iter(|| black_box(rules.dates.find(&text, None)))
    });
    let tags = rules.tag(&cleaned, &text);
    c.bench_function("classify/seed", |b| {
        b.iter(|| {
            black_box(
                rules
                    .classifier
                    .classify(cleaned.title.as_deref(), &text, &tags),
            )
        })
    });
    c.bench_function("enrich/all_seeds", |b| {
        let docs: Vec<_> = seeds
            .iter()
            .map(|(n, s)| decode(n, s, &limits).expect("decode").remove(0))
            .collect();
        b.iter_batched(
            || docs.clone(),
            |docs| {
                docs.into_iter()
                    .map(|d| rules.enrich(d, "seed", None, false).topics.len())
                    .sum::<usize>()
            },
            BatchSize::SmallInput,
        )
    });
    // The yardstick: clean + tag + classify of a ~4 KB article (the largest seed).
    if let Some((n4, s4)) = seeds.iter().max_by_key(|(_, s)| s.len()) {
        let d4 = decode(n4, s4, &limits).expect("decode").remove(0);
        c.bench_function("clean/largest_seed_4kb", |b| {
            b.iter(|| black_box(rules.clean(&d4, None, false)))
        });
        c.bench_function("clean_tag_classify/largest_seed_4kb", |b| {
            b.iter(|| {
                let cl = rules.clean(&d4, None, false);
                let t = cl.text();
                let tg = rules.tag(&cl, &t);
                black_box(rules.classifier.classify(cl.title.as_deref(), &t, &tg))
            })
        });
    }
    let article = rules.enrich(doc.clone(), &name, None, false);
    c.bench_function("serialise/seed", |b| {
        b.iter(|| black_box(serde_json::to_vec(&article).expect("json")))
    });
    if let Some(page) = big_page() {
        c.bench_function("decode/largest_devset_page", |b| {
            b.iter(|| black_box(decode("page.html", &page, &limits).expect("decode")))
        });
        let hdoc = decode("page.html", &page, &limits)
            .expect("decode")
            .remove(0);
        c.bench_function("enrich/largest_devset_page", |b| {
            b.iter_batched(
                || hdoc.clone(),
                |d| black_box(rules.enrich(d, "page.html", None, false)),
                BatchSize::SmallInput,
            )
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(3));
    targets = stages
}
criterion_main!(benches);
