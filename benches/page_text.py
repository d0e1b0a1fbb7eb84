#!/usr/bin/env python3
"""Scores warta on whole-page text dumps: the HTML dev set's news pages rendered to text as a
text-mode browser gives them (menus, teasers, footers and the story), then cleaned as text.

    python3 benches/page_text.py [--jobs 2] [--devset ../shared/devsets/html] [--keep DIR]

Crawlers that deliver a page's text instead of its HTML get this input. Pages are the dev
set's news pages, selected as `benches/html_news.py` selects them. Each page is rendered
with inscriptis, a Python HTML-to-text renderer that keeps the page's layout:
`pip install inscriptis==2.7.6` (a virtualenv is fine; the script says so if it is missing).

The rendered pages are labelled line by line from the dev set's snippets:
- a line holding a `with` snippet is `story`;
- a line holding a `without` snippet is `junk`;
- every other line is `-`, not scored.

The labelled folder is written to a temp folder (or `--keep DIR`, outside the repo: it holds
third-party text), and `warta eval --json` scores it. The script prints:
- story kept and junk removed, by the labelling guide's line rules;
- precision, recall and F1 of the snippets in the output text, as the dev set's own scorer
  counts them.

Nothing is copied into the repo.
"""

import argparse
import concurrent.futures as cf
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from html_news import is_news, norm  # noqa: E402


def line_key(line):
    """The key `warta eval` binds a line label by (see src/eval/set.rs)."""
    s = unicodedata.normalize("NFKC", line).replace("\u00a0", " ")
    return hashlib.sha1(" ".join(s.split()).encode()).hexdigest()


def render(path):
    from inscriptis import get_text
    with gzip.open(path, "rb") as f:
        html = f.read().decode("utf-8", "replace")
    return get_text(html)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--devset", default=os.path.join(ROOT, "..", "shared", "devsets", "html"))
    p.add_argument("--warta", default=os.path.join(ROOT, "target", "release", "warta"))
    p.add_argument("--keep", help="write the labelled folder here (outside the repo)")
    args = p.parse_args()
    try:
        import inscriptis  # noqa: F401
    except ImportError:
        sys.exit("inscriptis is missing: pip install inscriptis==2.7.6")
    pages_dir = os.path.join(args.devset, "pages")
    with open(os.path.join(args.devset, "snippets.json"), encoding="utf-8") as f:
        cases = list(json.load(f).items())
    news = [(u, c) for u, c in cases if is_news(os.path.join(pages_dir, c["file"]))]
    out_dir = args.keep or tempfile.mkdtemp(prefix="warta-page-text-")
    arts = os.path.join(out_dir, "articles")
    os.makedirs(arts, exist_ok=True)
    manifest = ["id\tlang\tsplit"]
    labels = ["id\tline\tsha1\tlabel\tkind"]
    texts = {}
    with cf.ThreadPoolExecutor(args.jobs) as pool:
        rendered = pool.map(lambda c: render(os.path.join(pages_dir, c[1]["file"])), news)
        for (url, case), text in zip(news, rendered):
            pid = case["file"].split(".html")[0].replace("\t", "_")
            lines = text.split("\n")
            with open(os.path.join(arts, pid + ".txt"), "w", encoding="utf-8") as f:
                f.write("\n".join(lines) + "\n")
            manifest.append(f"{pid}\t-\tall")
            withs = [norm(s) for s in case["with"]]
            withouts = [norm(s) for s in case["without"]]
            for n, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                t = norm(line)
                label, kind = "-", ""
                if any(s and s in t for s in withs):
                    label = "story"
                elif any(s and s in t for s in withouts):
                    label, kind = "junk", "other"
                labels.append(f"{pid}\t{n}\t{line_key(line)}\t{label}\t{kind}")
            texts[pid] = case
    for name, rows in (("manifest.tsv", manifest), ("lines.tsv", labels)):
        with open(os.path.join(out_dir, name), "w", encoding="utf-8") as f:
            f.write("\n".join(rows) + "\n")
    r = subprocess.run([args.warta, "eval", "--json", out_dir], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(r.stderr)
    report = json.loads(r.stdout)["groups"]["all"]["clean"]

    def out_text(pid):
        path = os.path.join(arts, pid + ".txt")
        res = subprocess.run([args.warta, "process", "--text", path], capture_output=True)
        return pid, norm(res.stdout.decode("utf-8", "replace"))

    tp = fn = fp = 0
    with cf.ThreadPoolExecutor(args.jobs) as pool:
        for pid, out in pool.map(out_text, list(texts)):
            case = texts[pid]
            for s in case["with"]:
                if norm(s) in out:
                    tp += 1
                else:
                    fn += 1
            fp += sum(1 for s in case["without"] if norm(s) in out)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    story, junk = report["story_kept"], report["junk_removed"]
    print(f"pages {len(news)}  story lines kept {story['ratio']} ({story['hit']}/{story['of']})"
          f"  junk lines removed {junk['ratio']} ({junk['hit']}/{junk['of']})"
          f"  snippets: precision {prec:.3f} recall {rec:.3f} F1 {f1:.3f}")
    if not args.keep:
        shutil.rmtree(out_dir)


if __name__ == "__main__":
    main()
