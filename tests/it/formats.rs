//! Every input format through the daemon yields the right articles.

use crate::util::*;
use serde_json::Value;

fn by_item(outputs: &[Value], file: &str) -> Vec<Value> {
    let mut v: Vec<Value> = outputs
        .iter()
        .filter(|o| o["source"]["file"] == file)
        .cloned()
        .collect();
    v.sort_by_key(|o| o["source"]["item"].as_u64());
    v
}

#[test]
fn each_format_yields_its_articles() {
    let env = Env::new();
    let rss_items: String = (0..7)
        .map(|i| format!("<item><title>Menlu bertemu mitra {i}</title><link>https://kabar.example/{i}</link><pubDate>Tue, 26 Mar 2024 0{i}:00:00 +0700</pubDate><description>&lt;p&gt;Menteri Luar Negeri bertemu mitranya dalam kunjungan resmi ke Tokyo, hari ke-{i}.&lt;/p&gt;</description></item>"))
        .collect();
    env.drop_file("feed.rss", format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Kabar Dunia</title>{rss_items}</channel></rss>").as_bytes());
    env.drop_file(
        "feed.atom",
        br#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>World Wire</title><id>urn:x</id><updated>2024-03-26T10:00:00Z</updated>
<entry><title>Leaders speak by phone</title><id>urn:1</id><updated>2024-03-26T10:00:00Z</updated><link href="https://wire.example/1"/><content type="html">&lt;p&gt;The two presidents spoke by phone on Tuesday about trade.&lt;/p&gt;</content></entry>
<entry><title>Ministers meet in Delhi</title><id>urn:2</id><updated>2024-03-27T10:00:00Z</updated><link href="https://wire.example/2"/><summary>The foreign ministers held talks in New Delhi.</summary></entry>
</feed>"#,
    );
    env.drop_file("record.json", br#"{"headline": "Prabowo terima telepon dari Xi Jinping", "content": "JAKARTA - Presiden Prabowo Subianto menerima panggilan telepon dari Presiden China Xi Jinping pada Senin.", "url": "https://www.antaranews.com/berita/1", "published_at": "2024-11-11T09:00:00+07:00", "author": "Ani"}"#);
    env.drop_file("records.jsonl", b"{\"title\": \"Satu\", \"text\": \"Isi berita satu tentang ekonomi.\"}\n{\"title\": \"Dua\", \"text\": \"Isi berita dua tentang cuaca.\"}\n\n{\"title\": \"Tiga\", \"text\": \"Isi berita tiga tentang olahraga.\"}\n");
    env.drop_file("page.html", b"<!doctype html><html lang=\"en\"><head><title>Leaders meet - Example News</title><meta property=\"og:site_name\" content=\"Example News\"><meta property=\"article:published_time\" content=\"2024-03-26T10:00:00+00:00\"></head><body><nav>Home | World | Sport</nav><article><h1>Leaders meet</h1><p>The presidents of Brazil and South Africa held talks in Brasilia on Tuesday, the first state visit in a decade.</p><p>They signed agreements on trade, energy and science, officials said after the meeting.</p></article><footer>Copyright Example News. All rights reserved.</footer></body></html>");
    env.drop_file(
        "story",
        std::fs::read(&seeds()[4]).expect("seed").as_slice(),
    );
    let out = env.run_once();
    assert_exit_0(&out);
    let outputs = env.outputs();
    outputs.iter().for_each(assert_contract);

    let rss = by_item(&outputs, "feed.rss");
    assert_eq!(rss.len(), 7, "an RSS feed with N items yields N outputs");
    assert!(rss
        .iter()
        .enumerate()
        .all(|(i, o)| o["source"]["item"] == i && o["source"]["format"] == "rss"));
    assert_eq!(rss[0]["source"]["outlet"], "Kabar Dunia");
    assert_eq!(rss[0]["source"]["url"], "https://kabar.example/0");
    assert_eq!(
        rss[3]["published"], "2024-03-25T20:00:00+00:00",
        "the same instant, as the feed parser gives it in UTC"
    );

    let atom = by_item(&outputs, "feed.atom");
    assert_eq!(atom.len(), 2);
    assert_eq!(atom[0]["source"]["format"], "atom");
    assert_eq!(atom[0]["topics"][0]["name"], "calls");

    let rec = by_item(&outputs, "record.json");
    assert_eq!(rec.len(), 1);
    assert_eq!(rec[0]["source"]["format"], "json");
    assert_eq!(rec[0]["title"], "Prabowo terima telepon dari Xi Jinping");
    assert_eq!(rec[0]["author"], "Ani");
    assert_eq!(rec[0]["published"], "2024-11-11T09:00:00+07:00");
    assert_eq!(
        rec[0]["source"]["outlet"], "Antara",
        "outlet from the URL's domain"
    );
    assert_eq!(rec[0]["dateline"], "JAKARTA");

    let jl = by_item(&outputs, "records.jsonl");
    assert_eq!(
        jl.iter()
            .map(|o| o["title"].as_str().unwrap_or(""))
            .collect::<Vec<_>>(),
        vec!["Satu", "Dua", "Tiga"]
    );

    let html = by_item(&outputs, "page.html");
    assert_eq!(html.len(), 1);
    assert_eq!(html[0]["source"]["format"], "html");
    assert_eq!(html[0]["title"], "Leaders meet");
    let text = html[0]["text"].as_str().unwrap_or("");
    assert!(text.contains("held talks in Brasilia"), "{text}");
    assert!(
        !text.contains("All rights reserved") && !text.contains("Home | World"),
        "{text}"
    );

    let sniffed = by_item(&outputs, "story");
    assert_eq!(sniffed.len(), 1);
    assert_eq!(sniffed[0]["source"]["format"], "text");
    assert_eq!(outputs.len(), 7 + 2 + 1 + 3 + 1 + 1);
}

#[test]
fn non_utf8_text_is_decoded() {
    let env = Env::new();
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode("Perdana Menteri Prancis bertemu dengan Presiden Indonésia di Jakarta pada hari Senin untuk membahas kerja sama.");
    env.drop_file("latin1.txt", &bytes);
    assert_eq!(env.run_once().status.code(), Some(0));
    let o = env.outputs();
    assert_eq!(o.len(), 1);
    assert!(o[0]["text"].as_str().unwrap_or("").contains("Indonésia"));
}
