#!/usr/bin/env python3
"""Scores HTML extraction on the news pages of the shared HTML dev set (python3 stdlib only).

    python3 benches/html_news.py [--jobs 2] [--devset ../shared/devsets/html] [-- COMMAND... {html}]

The dev set mixes news, blogs and institutional pages. A page counts as news when it says so
itself: schema.org markup of type NewsArticle (or ReportageNewsArticle, AnalysisNewsArticle,
BackgroundNewsArticle, OpinionNewsArticle, ReviewNewsArticle) in JSON-LD or microdata. The
selection reads only the page, never the extractor's output, so it cannot favour warta.

Scoring is the dev set's own (score.py): each "with" snippet found in the normalised output
is a true positive, missing a false negative; each "without" snippet found is a false
positive. Pages split into dev and a test third by the hash of their file names, the same
split as benches/page_text.py; `--verbose` lists the misses of the dev split only, so rules are
never tuned on test pages. The default COMMAND is `target/release/warta process --text {html}`. Pages are read
from the dev set folder and decompressed to a temp folder; nothing is copied into the repo.
"""

import argparse
import concurrent.futures as cf
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NEWS = re.compile(
    rb'"@type"\s*:\s*\[?\s*"(?:Reportage|Analysis|Background|Opinion|Review)?NewsArticle"'
    rb'|itemtype\s*=\s*"https?://schema\.org/(?:Reportage|Analysis|Background|Opinion|Review)?NewsArticle"',
    re.I)


def norm(s):
    return " ".join(unicodedata.normalize("NFC", s).split())


def split_of(pid):
    """The page's split: a test third by the hash of its name (as benches/page_text.py)."""
    return "test" if int(hashlib.sha1(pid.encode()).hexdigest()[:2], 16) < 86 else "dev"


def is_news(path):
    with gzip.open(path, "rb") as f:
        return NEWS.search(f.read()) is not None


def run(cmd, pages_dir, page, tmp):
    path = os.path.join(tmp, os.path.basename(page)[:-3])
    with gzip.open(os.path.join(pages_dir, page), "rb") as src, open(path, "wb") as dst:
        shutil.copyfileobj(src, dst)
    try:
        r = subprocess.run([a.replace("{html}", path) for a in cmd], capture_output=True,
                           timeout=60)
        return r.stdout.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        return ""
    finally:
        os.remove(path)


def main():
    argv = sys.argv[1:]
    cmd = None
    if "--" in argv:
        argv, cmd = argv[:argv.index("--")], argv[argv.index("--") + 1:]
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--devset", default=os.path.join(ROOT, "..", "shared", "devsets", "html"))
    p.add_argument("--verbose", action="store_true")
    args = p.parse_args(argv)
    cmd = cmd or [os.path.join(ROOT, "target", "release", "warta"), "process", "--text", "{html}"]
    pages_dir = os.path.join(args.devset, "pages")
    with open(os.path.join(args.devset, "snippets.json"), encoding="utf-8") as f:
        cases = list(json.load(f).items())
    news = [(u, c) for u, c in cases if is_news(os.path.join(pages_dir, c["file"]))]
    counts = {}
    t0 = time.time()
    with tempfile.TemporaryDirectory() as tmp, cf.ThreadPoolExecutor(args.jobs) as pool:
        outs = pool.map(lambda c: run(cmd, pages_dir, c[1]["file"], tmp), news)
        for (url, case), out in zip(news, outs):
            split = split_of(case["file"].split(".html")[0].replace("\t", "_"))
            c = counts.setdefault(split, [0, 0, 0, 0])
            show = args.verbose and split == "dev"
            text = norm(out)
            for s in case["with"]:
                if norm(s) in text:
                    c[0] += 1
                else:
                    c[1] += 1
                    if show:
                        print(f"MISSING {case['file']}: {s[:80]}")
            for s in case["without"]:
                if norm(s) in text:
                    c[2] += 1
                    if show:
                        print(f"KEPT    {case['file']}: {s[:80]}")
                else:
                    c[3] += 1
    counts["all"] = [sum(v[i] for k, v in counts.items()) for i in range(4)]
    for split in ("dev", "test", "all"):
        tp, fn, fp, _ = counts.get(split, [0, 0, 0, 0])
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        print(f"{split:4} precision {prec:.3f}  recall {rec:.3f}  F1 {f1:.3f}")
    print(f"news pages {len(news)} of {len(cases)}  ({time.time() - t0:.1f} s)")


if __name__ == "__main__":
    main()
