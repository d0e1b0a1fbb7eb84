//! Time to load each part of the rules (language packs, gazetteer, topics, patterns):
//! cargo run --release --example load_time
fn main() {
    let t = std::time::Instant::now();
    let langs = warta::lang::Languages::load(&[]).expect("langs");
    let t_langs = t.elapsed();
    let t = std::time::Instant::now();
    let gaz = warta::gazetteer::Gazetteer::load(&[]).expect("gazetteer");
    let t_gaz = t.elapsed();
    let t = std::time::Instant::now();
    let _dates = warta::dates::DateRules::new(&langs);
    let t_dates = t.elapsed();
    let t = std::time::Instant::now();
    let _clean = warta::clean::Cleaner::new(&langs);
    let t_clean = t.elapsed();
    let t = std::time::Instant::now();
    let _tag = warta::tag::Tagger::new(&langs);
    let t_tag = t.elapsed();
    let t = std::time::Instant::now();
    let _cls = warta::classify::Classifier::load(&langs, &[]).expect("topics");
    let t_cls = t.elapsed();
    println!(
        "langs {t_langs:?}  gazetteer {t_gaz:?} ({} aliases)  dates {t_dates:?}  clean {t_clean:?}  tag {t_tag:?}  classify {t_cls:?}",
        gaz.len()
    );
}
