#!/usr/bin/env bash
# Builds the starting corpora under fuzz/corpus/ (git-ignored) from the repo's seed articles
# plus one small file per decode format. Safe to re-run: it only adds files.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/decode corpus/clean corpus/tag corpus/classify artifacts
i=0
for f in ../seeds/*.txt; do
  # decode's first byte picks the file name: 0 a.txt, 1 a.html, 2 a.json, 3 a.jsonl,
  # 4 a.rss, 5 a.atom, 6 a.xml, 7 a (no extension).
  for sel in 0 1 7; do { printf "\\x$(printf %02x $sel)"; cat "$f"; } > "corpus/decode/seed_${i}_$sel"; done
  for t in clean tag classify; do cp "$f" "corpus/$t/seed_$i"; done
  i=$((i + 1))
done
printf '\x01<!doctype html><html lang="id"><head><title>Prabowo bertemu Xi</title><meta property="og:site_name" content="Kabar"><meta property="article:published_time" content="2024-03-26T10:00:00+07:00"></head><body><nav>Home</nav><article><h1>Prabowo bertemu Xi</h1><p>JAKARTA - Presiden Prabowo Subianto bertemu Presiden China Xi Jinping di Beijing pada Senin (28/8/2023).</p><p>Baca juga: Menhan ke Paris</p></article></body></html>' > corpus/decode/html1
printf '\x02{"headline": "Prabowo terima telepon dari Xi Jinping", "content": "<p>JAKARTA - Presiden Prabowo Subianto menerima panggilan telepon.</p>", "url": "https://www.antaranews.com/berita/1", "published_at": "2024-11-11T09:00:00+07:00", "author": "Ani"}' > corpus/decode/json1
printf '\x02{"articles": [{"title": "a", "text": "b"}, {"title": "c", "articleBody": "d"}]}' > corpus/decode/json2
printf '\x03{"title": "Satu", "text": "Isi berita satu."}\n{"title": "Dua", "text": "Isi dua."}\n' > corpus/decode/jsonl1
{ printf '\x03'; head -c 3000 ../tests/fixtures/topics.jsonl; } > corpus/decode/jsonl2
printf '\x04<?xml version="1.0"?><rss version="2.0"><channel><title>Kabar</title><item><title>Menlu</title><link>https://kabar.example/1</link><pubDate>Tue, 26 Mar 2024 07:00:00 +0700</pubDate><description>&lt;p&gt;Menteri bertemu mitra.&lt;/p&gt;</description></item></channel></rss>' > corpus/decode/rss1
printf '\x05<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>W</title><id>urn:x</id><updated>2024-03-26T10:00:00Z</updated><entry><title>Leaders</title><id>urn:1</id><updated>2024-03-26T10:00:00Z</updated><content type="html">&lt;p&gt;Talks.&lt;/p&gt;</content></entry></feed>' > corpus/decode/atom1
echo "corpora: $(ls corpus/decode | wc -l) decode, $(ls corpus/clean | wc -l) per text target"
