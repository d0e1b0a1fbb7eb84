#!/usr/bin/env python3
"""Topics on ordinary web pages: how often warta puts a topic on a page of a general feed
(python3 stdlib only).

    python3 benches/firehose.py [--devset ../shared/devsets/html] [--warta target/release/warta]

The shared HTML dev set holds 945 real pages (news, blogs, shops, institutional pages; many
German, many English) chosen for extraction work, not for warta's topics: a sample of the
ordinary web in which leaders' calls, summits and arms deals are rare. Every page is run
through `warta process` in batches; the script prints, per detected language, how many pages
got any topic, and lists each tagged page (file, topics, title) so that a reader can judge
whether the topic is right. A topic on a page that is not about a leaders' call, an in-person
high-level meeting or an arms deal is a false topic. Pages are decompressed to a temp folder;
nothing is copied into the repo.
"""

import argparse
import collections
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--devset", default=os.path.join(ROOT, "..", "shared", "devsets", "html"))
    ap.add_argument("--warta", default=os.path.join(ROOT, "target", "release", "warta"))
    ap.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = ap.parse_args()
    pages = os.path.join(args.devset, "pages")
    if not os.path.isdir(pages):
        sys.exit(f"no pages at {pages}")
    tmp = tempfile.mkdtemp(prefix="warta-firehose-")
    try:
        files = []
        for name in sorted(os.listdir(pages)):
            if not name.endswith(".html.gz"):
                continue
            out = os.path.join(tmp, name[: -len(".gz")])
            with gzip.open(os.path.join(pages, name)) as src, open(out, "wb") as dst:
                shutil.copyfileobj(src, dst)
            files.append(out)
        per_lang = collections.Counter()
        tagged_lang = collections.Counter()
        tagged = []
        for i in range(0, len(files), 100):
            batch = files[i : i + 100]
            run = subprocess.run([args.warta, "process", *batch], capture_output=True, text=True)
            for line in run.stdout.splitlines():
                try:
                    a = json.loads(line)
                except json.JSONDecodeError:
                    continue
                lang = a.get("language") or "?"
                per_lang[lang] += 1
                topics = [t["name"] for t in a.get("topics", [])]
                if topics:
                    tagged_lang[lang] += 1
                    src = (a.get("source") or {}).get("file") or a.get("id", "")
                    tagged.append((src, lang, ",".join(topics), (a.get("title") or "")[:100]))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    total = sum(per_lang.values())
    summary = {
        "pages": total,
        "by_language": {k: {"pages": v, "tagged": tagged_lang[k]} for k, v in per_lang.most_common()},
        "tagged": [dict(zip(("file", "language", "topics", "title"), t)) for t in tagged],
    }
    if args.json:
        print(json.dumps(summary, indent=2, ensure_ascii=False))
        return
    print(f"{total} pages; pages with a topic, by language:")
    for k, v in per_lang.most_common():
        print(f"  {k:4} {tagged_lang[k]:3} of {v:4}  ({100 * tagged_lang[k] / v:.1f} per 100)")
    print("tagged pages (judge each):")
    for t in tagged:
        print("  " + "\t".join(t))


if __name__ == "__main__":
    main()
