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
import html.parser
import hashlib
import json
import os
import re
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


def split_of(pid):
    """A third of the pages, fixed by their name's hash, is the test split: never tuned on."""
    return "test" if int(hashlib.sha1(pid.encode()).hexdigest()[:2], 16) < 86 else "dev"


class _Heads(html.parser.HTMLParser):
    """The texts of the page's <h1> elements and of its <title>."""

    def __init__(self):
        super().__init__()
        self.open, self.h1s, self.title = None, [], []

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "title") and self.open is None:
            self.open = tag
            if tag == "h1":
                self.h1s.append([])

    def handle_endtag(self, tag):
        if tag == self.open:
            self.open = None

    def handle_data(self, data):
        if self.open == "h1":
            self.h1s[-1].append(data)
        elif self.open == "title":
            self.title.append(data)


def headline_of(page):
    """The page's headline: the <h1> that shares most words with its <title> (a logo or a
    section name in an <h1> shares few), or None."""
    p = _Heads()
    try:
        p.feed(page)
    except Exception:  # a broken page has no headline to label
        return None
    title = set(re.findall(r"\w+", norm("".join(p.title)).lower()))
    best, best_share = None, 0.5
    for parts in p.h1s:
        text = " ".join("".join(parts).split())
        words = set(re.findall(r"\w+", norm(text).lower()))
        share = len(words & title) / len(words) if words else 0.0
        if share > best_share:
            best, best_share = text, share
    return best


def render(path):
    """The page as text, and its headline, if any."""
    from inscriptis import get_text
    with gzip.open(path, "rb") as f:
        page = f.read().decode("utf-8", "replace")
    return get_text(page), headline_of(page)


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
        for (url, case), (text, headline) in zip(news, rendered):
            pid = case["file"].split(".html")[0].replace("\t", "_")
            lines = text.split("\n")
            with open(os.path.join(arts, pid + ".txt"), "w", encoding="utf-8") as f:
                f.write("\n".join(lines) + "\n")
            manifest.append(f"{pid}\t-\t{split_of(pid)}")
            withs = [norm(s) for s in case["with"]]
            withouts = [norm(s) for s in case["without"]]
            for n, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                t = norm(line)
                label, kind = "-", ""
                if headline and " ".join(line.split()) == headline:
                    label = "title"
                elif any(s and s in t for s in withs):
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
    groups = json.loads(r.stdout)["groups"]

    def out_text(pid):
        path = os.path.join(arts, pid + ".txt")
        res = subprocess.run([args.warta, "process", "--text", path], capture_output=True)
        return pid, norm(res.stdout.decode("utf-8", "replace"))

    counts = {}
    with cf.ThreadPoolExecutor(args.jobs) as pool:
        for pid, out in pool.map(out_text, list(texts)):
            case = texts[pid]
            c = counts.setdefault(split_of(pid), [0, 0, 0, 0])
            c[0] += 1
            for s in case["with"]:
                if norm(s) in out:
                    c[1] += 1
                else:
                    c[2] += 1
            c[3] += sum(1 for s in case["without"] if norm(s) in out)
    for split in ("dev", "test"):
        pages, tp, fn, fp = counts.get(split, [0, 0, 0, 0])
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        report = groups.get(split, {}).get("clean", {})
        story, junk = report.get("story_kept", {}), report.get("junk_removed", {})
        title = report.get("title_right", {})
        print(f"{split:4} pages {pages}  story lines kept {story.get('ratio')} "
              f"({story.get('hit')}/{story.get('of')})  junk lines removed {junk.get('ratio')} "
              f"({junk.get('hit')}/{junk.get('of')})  title right {title.get('ratio')} "
              f"({title.get('hit')}/{title.get('of')})  snippets: precision {prec:.3f} "
              f"recall {rec:.3f} F1 {f1:.3f}")
    if not args.keep:
        shutil.rmtree(out_dir)


if __name__ == "__main__":
    main()
