//! Runs the enrich stages on the seeds in a loop, for profilers (perf, callgrind):
//! cargo build --release --example profile_enrich && perf record target/release/examples/profile_enrich 2000 [clean|tag|all] [DIR]
//! DIR (default: the seeds) is any folder of article files, e.g. `benches/real/articles`.
use warta::decode::{decode, DecodeLimits};
use warta::rules::Rules;

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1000);
    let rules = Rules::builtin().expect("rules");
    let dir = std::env::args().nth(3).map_or_else(
        || std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds"),
        std::path::PathBuf::from,
    );
    let mut docs = Vec::new();
    for e in std::fs::read_dir(dir).expect("seeds").flatten() {
        let bytes = std::fs::read(e.path()).expect("seed");
        let name = e.file_name().to_string_lossy().into_owned();
        docs.extend(decode(&name, &bytes, &DecodeLimits::default()).expect("decode"));
    }
    let stage = std::env::args().nth(2).unwrap_or_default();
    let cleaned: Vec<_> = docs.iter().map(|d| rules.clean(d, None, false)).collect();
    let texts: Vec<String> = cleaned.iter().map(|c| c.text()).collect();
    let start = std::time::Instant::now();
    let mut n = 0usize;
    for _ in 0..rounds {
        for (i, d) in docs.iter().enumerate() {
            n += match stage.as_str() {
                "clean" => rules.clean(d, None, false).paragraphs.len(),
                "tag" => rules.tag(&cleaned[i], &texts[i]).entities.len(),
                _ => rules
                    .enrich(d.clone(), "seed.txt", None, false)
                    .topics
                    .len(),
            };
        }
    }
    let per = start.elapsed().as_secs_f64() * 1e6 / (rounds * docs.len()) as f64;
    println!(
        "{} articles, {per:.1} µs per article ({n} topics)",
        rounds * docs.len()
    );
}
