#!/usr/bin/env python3
"""End-to-end benchmark of the warta daemon (python3 stdlib only).

    python3 benches/e2e.py backlog --n 20000 [--rounds 3] [--workdir DIR]
    python3 benches/e2e.py latency [--rate 500] [--seconds 20] [--workdir DIR]
    python3 benches/e2e.py startup [--n 200000] [--workdir DIR]
    python3 benches/e2e.py instructions [--n 1000] [--workdir DIR]

backlog  Generates N unique articles from seeds/ (deterministic: same N, same files) once
         into DIR/template-N, then per round runs each variant, interleaved, on a fresh copy
         of it: floor-nosync, floor-sync (benches/floor.rs: the same directory traffic with
         no processing; --sync fsyncs every file), warta-durable and warta-nosync
         (`warta run --once`). Each run is timed by /usr/bin/time (wall, user+sys CPU, peak
         RSS); copying is not timed; caches are not dropped (inputs are warm in the page
         cache). Prints a markdown table of medians over rounds, writes DIR/results.json.
latency  Starts `warta run` (durable) on an empty inbox, waits for its "warta started" log
         line, drops files at a steady rate (dot-named temp file, then rename), waits for
         every output and reports drop-to-output latency: output mtime (when warta wrote the
         temp file) and output ctime (its rename into the outbox, after the sync) minus the
         drop time (time.time_ns() after the rename), and the timestamp of warta's
         "article written" log line (logged once the output's data is synced and it is renamed into
         place; the rename is made durable by the next sync) minus the drop time.
         File times come from the kernel's coarse clock (one tick, a few ms), so the mtime
         and ctime rows can be slightly negative; the log row has microsecond resolution.
         Stops the daemon with SIGTERM and checks it exits 0.
instructions
         Counts the user-space instructions of `warta run --once --no-sync` under valgrind's
         callgrind on the first N corpus articles, and of a run on an empty inbox, and prints
         the difference per article: the whole daemon's cost (decode, rules, serialise,
         runtime), independent of the machine's speed. Needs valgrind. `--corpus DIR` counts
         every file of DIR instead (e.g. `--corpus benches/real/articles`, the real pages).
startup  Fills an inbox with N tiny files, starts `warta run` and measures the time to the
         "warta started" line and to the first output, then stops it with SIGTERM.

--fresh-ext4 GIB (root, mkfs.ext4, a loop device) runs the mode on a new ext4 file system of
that size mounted at DIR, unmounted and deleted at the end. File creation cost depends on the
file system's history (on ext4 without a journal, inodes freed in the last half minute are
skipped one by one when allocating), so runs on a long-used file system vary several-fold;
a fresh one gives figures that repeat.

Every mode also reports "other CPU s": CPU time the whole machine spent during the run
minus the benchmarked process's own (from /proc/stat), i.e. competing load that skews it.

Builds target/release/warta and the floor example first (cargo, a no-op when up to date;
--no-build skips it; --warta/--floor BIN pin other binaries, e.g. a copy taken while src/ is
being edited). DIR defaults to /tmp/warta-e2e. Exits non-zero, loudly, when a run loses or rejects files.
"""

import argparse
import calendar
import hashlib
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WARTA = os.path.join(ROOT, "target", "release", "warta")
FLOOR = os.path.join(ROOT, "target", "release", "examples", "floor")
SEEDS = os.path.join(ROOT, "seeds")
GEN_VERSION = "1"  # bump when the generator changes, so old templates are regenerated
VARIANTS = ["floor-nosync", "floor-sync", "warta-durable", "warta-nosync"]


def die(msg):
    print(f"e2e: FAIL: {msg}", file=sys.stderr)
    sys.exit(1)


def build():
    subprocess.run(
        ["cargo", "build", "--release", "--quiet", "--bin", "warta", "--example", "floor"],
        cwd=ROOT, check=True)


def binary_info():
    with open(WARTA, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()[:16]
    version = subprocess.run([WARTA, "--version"], capture_output=True, text=True).stdout.strip()
    return {"warta": WARTA, "warta_sha256_16": digest, "warta_version": version,
            "floor": FLOOR}


# ---------------------------------------------------------------- article generation

WORDS = ("kerja sama pertahanan diplomasi ekonomi perdagangan energi teknologi pendidikan "
         "kesehatan investasi keamanan regional pembangunan infrastruktur pertanian maritim "
         "digital pariwisata budaya").split()
CITIES = ["Jakarta", "Moskow", "New Delhi", "Hanoi", "Teheran", "Surabaya", "Bandung",
          "Beijing", "Tokyo", "Kairo"]
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


def load_seeds():
    names = sorted(f for f in os.listdir(SEEDS) if not f.startswith("."))
    if not names:
        die(f"no seeds in {SEEDS}")
    seeds = []
    for name in names:
        with open(os.path.join(SEEDS, name), encoding="utf-8") as f:
            title, _, body = f.read().partition("\n")
        seeds.append((os.path.splitext(name)[0], title.strip(), body.strip("\n")))
    return seeds


def article(i, seeds):
    """Article i: a seed's body under a varied title, plus one numbered paragraph."""
    stem, title, body = seeds[i % len(seeds)]
    r = random.Random(i)
    topic = " ".join(r.sample(WORDS, 3))
    city, day = r.choice(CITIES), r.choice(DAYS)
    title = f"{title} ({['Bagian', 'Edisi', 'Laporan', 'Seri'][i % 4]} {i})"
    extra = (f"Laporan tambahan nomor {i}: dari {city} pada hari {day}, para pejabat "
             f"membahas {topic} dalam pertemuan yang berlangsung selama {1 + i % 9} jam, "
             f"kata seorang sumber yang tidak mau disebut namanya.")
    return f"{i:07d}_{stem}.txt", f"{title}\n\n{body}\n\n{extra}\n"


def make_template(workdir, n):
    tdir = os.path.join(workdir, f"template-{n}")
    stamp = os.path.join(tdir, ".complete")
    want = f"gen={GEN_VERSION} n={n}"
    if os.path.exists(stamp) and open(stamp).read() == want:
        return tdir
    shutil.rmtree(tdir, ignore_errors=True)
    os.makedirs(tdir)
    seeds = load_seeds()
    t = time.monotonic()
    for i in range(n):
        name, text = article(i, seeds)
        with open(os.path.join(tdir, name), "w", encoding="utf-8") as f:
            f.write(text)
    with open(stamp, "w") as f:
        f.write(want)
    print(f"generated {n} articles in {tdir} ({time.monotonic() - t:.1f} s)")
    return tdir


# ---------------------------------------------------------------- helpers

def fresh_dir(path):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)


def count_files(path, suffix=""):
    """Regular, non-dot files directly in path (0 if path does not exist)."""
    try:
        with os.scandir(path) as it:
            return sum(1 for e in it if not e.name.startswith(".")
                       and e.name.endswith(suffix) and e.is_file(follow_symlinks=False))
    except FileNotFoundError:
        return 0


def check_run(name, inbox, outbox, n, log=None):
    """Fails loudly unless the run produced n outputs and n processed inputs, nothing else."""
    problems = []
    outs = count_files(outbox, ".json")
    done = count_files(os.path.join(inbox, ".processed"))
    left = count_files(inbox)
    work = count_files(os.path.join(inbox, ".work"))
    failed = count_files(os.path.join(inbox, ".failed"))
    temps = sum(1 for e in os.scandir(outbox) if e.name.startswith("."))
    if outs != n:
        problems.append(f"{outs} outputs, expected {n}")
    if done != n:
        problems.append(f"{done} inputs in .processed, expected {n}")
    if left or work or failed or temps:
        problems.append(f"left in inbox {left}, in .work {work}, in .failed {failed}, "
                        f"outbox temp files {temps}")
    if log is not None:
        written = errors = 0
        with open(log, errors="replace") as f:
            for line in f:
                if '"article written"' in line:
                    written += 1
                if '"level":"ERROR"' in line or '"level":"WARN"' in line:
                    errors += 1
        if written != n:
            problems.append(f"{written} 'article written' log lines, expected {n}")
        if errors:
            problems.append(f"{errors} WARN/ERROR log lines (see {log})")
    if problems:
        die(f"{name}: " + "; ".join(problems))


def vm_hwm_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def wait_for_line(path, needle, proc, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            die(f"warta exited with {proc.returncode} before '{needle}' (see {path})")
        try:
            with open(path, errors="replace") as f:
                if needle in f.read():
                    return
        except FileNotFoundError:
            pass
        time.sleep(0.002)
    die(f"no '{needle}' in {path} after {timeout} s")


def stop(proc, log, timeout=60):
    """SIGTERM, wait, check exit code 0. Returns seconds to exit."""
    t = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    try:
        rc = proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        die(f"warta did not exit within {timeout} s of SIGTERM (killed; see {log})")
    if rc != 0:
        die(f"warta exited with {rc} after SIGTERM (see {log})")
    return time.monotonic() - t


def log_time_ns(stamp):
    """'2026-12-01T21:22:39.269015Z' (any number of fraction digits) to Unix ns."""
    main, _, frac = stamp.rstrip("Z").partition(".")
    secs = calendar.timegm(time.strptime(main, "%Y-%m-%dT%H:%M:%S"))
    return secs * 10**9 + int((frac + "000000000")[:9])


def busy_cpu_s():
    """CPU seconds the whole machine has spent busy (all cores) since boot."""
    with open("/proc/stat") as f:
        ticks = [int(x) for x in f.readline().split()[1:]]
    idle = ticks[3] + ticks[4]  # idle + iowait
    return (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def pct(sorted_vals, p):
    """Nearest-rank percentile of a sorted list."""
    k = max(0, min(len(sorted_vals) - 1, int(-(-p * len(sorted_vals) // 100)) - 1))
    return sorted_vals[k]


# ---------------------------------------------------------------- backlog

def run_variant(variant, inbox, outbox, rundir):
    if variant.startswith("floor"):
        cmd = [FLOOR, inbox, outbox] + (["--sync"] if variant == "floor-sync" else [])
    else:
        cmd = [WARTA, "run", "--once", "--inbox", inbox, "--outbox", outbox,
               "--log-format", "json"] + (["--no-sync"] if variant == "warta-nosync" else [])
    tfile, log = os.path.join(rundir, "time.txt"), os.path.join(rundir, "stderr.log")
    with open(log, "wb") as err:
        busy0 = busy_cpu_s()
        proc = subprocess.Popen(["/usr/bin/time", "-o", tfile, "-f", "%e %U %S %M"] + cmd,
                                stdout=subprocess.DEVNULL, stderr=err)
        hwm = rss_timeline(proc)
        rc = proc.wait()
        busy = busy_cpu_s() - busy0
    if rc != 0:
        die(f"{variant} exited with {rc} (see {log})")
    with open(tfile) as f:
        wall, user, sys_, rss = f.read().split()[-4:]
    return log, {"wall_s": float(wall), "cpu_s": float(user) + float(sys_),
                 "user_s": float(user), "sys_s": float(sys_), "rss_kib": int(rss),
                 "other_cpu_s": max(0.0, busy - float(user) - float(sys_)),
                 "rss_hwm_kib_by_fifth": hwm}


def rss_timeline(proc, every=0.1):
    """Samples the measured program's peak RSS (VmHWM) while `proc` (/usr/bin/time) runs;
    returns the peak reached by the end of each fifth of the run, to show whether memory
    keeps growing with the backlog or levels off."""
    samples, child = [], None
    t0 = time.monotonic()
    while proc.poll() is None:
        if child is None:
            try:
                with open(f"/proc/{proc.pid}/task/{proc.pid}/children") as f:
                    child = int(f.read().split()[0])
            except (OSError, ValueError, IndexError):
                pass
        kib = vm_hwm_kib(child) if child else None
        if kib:
            samples.append((time.monotonic() - t0, kib))
        time.sleep(every)
    if not samples:
        return []
    end = samples[-1][0]
    return [max((k for t, k in samples if t <= end * q / 5), default=0) for q in range(1, 6)]


def backlog(args):
    n = args.n
    os.makedirs(args.workdir, exist_ok=True)
    tdir = make_template(args.workdir, n)
    names = sorted(f for f in os.listdir(tdir) if not f.startswith("."))
    rundir = os.path.join(args.workdir, "run")
    variants = [v for v in VARIANTS if v in args.variants.split(",")]
    if "floor-nosync" not in variants:
        die("--variants must include floor-nosync (the ratios are to it)")
    runs = {v: [] for v in variants}
    for rnd in range(args.rounds):
        for v in variants:
            fresh_dir(rundir)
            inbox, outbox = os.path.join(rundir, "inbox"), os.path.join(rundir, "outbox")
            os.makedirs(inbox)
            os.makedirs(outbox)
            for name in names:  # real copies: warta rejects hard-linked inputs
                shutil.copyfile(os.path.join(tdir, name), os.path.join(inbox, name))
            os.sync()  # write back the copies now, not during the timed run
            log, m = run_variant(v, inbox, outbox, rundir)
            check_run(v, inbox, outbox, n, log if v.startswith("warta") else None)
            runs[v].append(m)
            print(f"round {rnd + 1}/{args.rounds} {v:14s} wall {m['wall_s']:7.2f} s  "
                  f"cpu {m['cpu_s']:7.2f} s  rss {m['rss_kib'] / 1024:7.1f} MiB  "
                  f"other cpu {m['other_cpu_s']:6.2f} s", flush=True)
    shutil.rmtree(rundir, ignore_errors=True)

    med = {}
    for v in variants:
        wall = statistics.median(r["wall_s"] for r in runs[v])
        med[v] = {"wall_s": wall,
                  "articles_per_s": n / wall,
                  "us_per_article": wall / n * 1e6,
                  "cpu_s": statistics.median(r["cpu_s"] for r in runs[v]),
                  "rss_mib": statistics.median(r["rss_kib"] for r in runs[v]) / 1024,
                  "rss_hwm_mib_by_fifth": [statistics.median(f) / 1024 for f in
                                           zip(*(r["rss_hwm_kib_by_fifth"] for r in runs[v]))],
                  "other_cpu_s": statistics.median(r["other_cpu_s"] for r in runs[v])}
        med[v]["cores_used"] = med[v]["cpu_s"] / wall
    for v in variants:
        med[v]["vs_floor_nosync"] = med[v]["articles_per_s"] / med["floor-nosync"]["articles_per_s"]
        sync = med.get("floor-sync", {}).get("articles_per_s")
        med[v]["vs_floor_sync"] = med[v]["articles_per_s"] / sync if sync else float("nan")

    print(f"\nbacklog: {n} articles, median of {args.rounds} rounds, nproc {os.cpu_count()}\n")
    print("| variant | articles/s | µs/article | wall s | CPU s | CPU/wall | peak RSS MiB "
          "| × floor-nosync | × floor-sync | other CPU s |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for v in variants:
        m = med[v]
        print(f"| {v} | {m['articles_per_s']:,.0f} | {m['us_per_article']:,.1f} "
              f"| {m['wall_s']:.2f} | {m['cpu_s']:.2f} | {m['cores_used']:.2f} "
              f"| {m['rss_mib']:.1f} | {m['vs_floor_nosync']:.3f} | {m['vs_floor_sync']:.3f} "
              f"| {m['other_cpu_s']:.2f} |")
    print("\npeak RSS (MiB) reached by the end of each fifth of the run (sampled every 0.1 s):")
    for v in variants:
        print(f"  {v:14s} " + "  ".join(f"{x:5.1f}" for x in med[v]["rss_hwm_mib_by_fifth"]))
    out = os.path.join(args.resultdir, "results.json")
    with open(out, "w") as f:
        json.dump({"mode": "backlog", "n": n, "rounds": args.rounds, "nproc": os.cpu_count(), "fs": fs_of(args.workdir),
                   "binaries": binary_info(), "median": med, "runs": runs}, f, indent=2)
    print(f"\nresults: {out}")


# ---------------------------------------------------------------- latency

def latency(args):
    wdir = os.path.join(args.workdir, "latency")
    fresh_dir(wdir)
    inbox, outbox = os.path.join(wdir, "inbox"), os.path.join(wdir, "outbox")
    os.makedirs(inbox)
    os.makedirs(outbox)
    total = int(args.rate * args.seconds)
    seeds = load_seeds()
    docs = [article(i, seeds) for i in range(total)]
    log = os.path.join(wdir, "warta.log")
    with open(log, "wb") as err:
        proc = subprocess.Popen([WARTA, "run", "--inbox", inbox, "--outbox", outbox,
                                 "--log-format", "json"],
                                stdout=subprocess.DEVNULL, stderr=err)
    stop_s = None
    try:
        wait_for_line(log, "warta started", proc, 30)
        dropped = {}
        busy0, self0 = busy_cpu_s(), os.times()
        t0 = time.monotonic()
        for i, (name, text) in enumerate(docs):
            delay = t0 + i / args.rate - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            tmp = os.path.join(inbox, "." + name + ".tmp")
            with open(tmp, "w", encoding="utf-8") as f:
                f.write(text)
            os.rename(tmp, os.path.join(inbox, name))
            dropped[name] = time.time_ns()
        drop_span = (max(dropped.values()) - min(dropped.values())) / 1e9
        deadline = time.monotonic() + 60
        while count_files(outbox, ".json") < total:
            if proc.poll() is not None:
                die(f"warta exited with {proc.returncode} while files were pending (see {log})")
            if time.monotonic() > deadline:
                die(f"only {count_files(outbox, '.json')}/{total} outputs 60 s after the "
                    f"last drop (see {log})")
            time.sleep(0.05)
        hwm = vm_hwm_kib(proc.pid)
        wall = time.monotonic() - t0
        with open(f"/proc/{proc.pid}/stat") as f:
            fields = f.read().rpartition(")")[2].split()
        warta_cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        self1 = os.times()
        own_cpu = self1.user - self0.user + self1.system - self0.system
        other = max(0.0, busy_cpu_s() - busy0 - warta_cpu - own_cpu)
        # An input leaves .work/ only after its output is durable: wait for that too.
        deadline = time.monotonic() + 30
        while count_files(os.path.join(inbox, ".processed")) < total:
            if time.monotonic() > deadline:
                die(f"outputs complete but only "
                    f"{count_files(os.path.join(inbox, '.processed'))}/{total} inputs processed")
            time.sleep(0.05)
    finally:
        if proc.poll() is None:
            stop_s = stop(proc, log)
    check_run("latency", inbox, outbox, total, log)

    lat_m, lat_c, seen = [], [], set()
    for e in os.scandir(outbox):
        if e.name.startswith("."):
            continue
        with open(e.path, encoding="utf-8") as f:
            src = json.load(f)["source"]["file"]
        if src not in dropped or src in seen:
            die(f"output {e.name} maps to unexpected or duplicate input {src!r}")
        seen.add(src)
        st = e.stat(follow_symlinks=False)
        lat_m.append((st.st_mtime_ns - dropped[src]) / 1e6)
        lat_c.append((st.st_ctime_ns - dropped[src]) / 1e6)
    lat_l = []
    with open(log, errors="replace") as f:
        for line in f:
            if '"article written"' not in line:
                continue
            rec = json.loads(line)
            lat_l.append((log_time_ns(rec["timestamp"]) - dropped[rec["file"]]) / 1e6)
    if len(lat_l) != total:
        die(f"{len(lat_l)} 'article written' log lines, expected {total}")
    lat_m.sort()
    lat_c.sort()
    lat_l.sort()
    res = {"mode": "latency", "target_rate": args.rate, "seconds": args.seconds,
           "count": len(lat_m), "achieved_rate": (total - 1) / drop_span if drop_span else None,
           "peak_rss_mib": hwm / 1024 if hwm else None, "stop_s": stop_s,
           "nproc": os.cpu_count(), "fs": fs_of(args.workdir), "binaries": binary_info(), "wall_s": wall,
           "warta_cpu_s": warta_cpu, "dropper_cpu_s": own_cpu, "other_cpu_s": other}
    for key, vals in (("mtime", lat_m), ("ctime", lat_c), ("log", lat_l)):
        res[key] = {"p50_ms": pct(vals, 50), "p99_ms": pct(vals, 99), "max_ms": vals[-1],
                    "min_ms": vals[0], "mean_ms": statistics.fmean(vals)}
    print(f"\nlatency: target {args.rate}/s for {args.seconds} s, achieved "
          f"{res['achieved_rate']:.1f}/s, {res['count']} files, nproc {os.cpu_count()}, "
          f"warta peak RSS {res['peak_rss_mib']:.1f} MiB, exit 0 {stop_s:.2f} s after SIGTERM")
    print(f"CPU over {wall:.1f} s: warta {warta_cpu:.2f} s, dropper {own_cpu:.2f} s, "
          f"other {other:.2f} s\n")
    print("| latency (drop → output) | count | p50 ms | p99 ms | max ms | min ms |")
    print("|---|---:|---:|---:|---:|---:|")
    for key, label in (("mtime", "output mtime (temp file written)"),
                       ("ctime", "output ctime (renamed in, after sync)"),
                       ("log", "'article written' log line (synced, renamed)")):
        r = res[key]
        print(f"| {label} | {res['count']} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} "
              f"| {r['max_ms']:.2f} | {r['min_ms']:.2f} |")
    out = os.path.join(args.resultdir, "latency.json")
    with open(out, "w") as f:
        json.dump(res, f, indent=2)
    print(f"\nresults: {out}")


# ---------------------------------------------------------------- startup

def instructions(args):
    if shutil.which("valgrind") is None:
        die("valgrind is not installed (apt-get install valgrind)")
    if args.corpus:
        tdir = os.path.abspath(args.corpus)
        args.n = len([f for f in os.listdir(tdir) if not f.startswith(".")])
    else:
        tdir = make_template(args.workdir, args.n)
    counts = {}
    for label, n in (("empty", 0), ("corpus", args.n)):
        wdir = os.path.join(args.workdir, "instructions")
        fresh_dir(wdir)
        inbox, outbox = os.path.join(wdir, "inbox"), os.path.join(wdir, "outbox")
        os.makedirs(inbox)
        os.makedirs(outbox)
        for name in sorted(f for f in os.listdir(tdir) if not f.startswith("."))[:n]:
            shutil.copy(os.path.join(tdir, name), inbox)
        out = os.path.join(wdir, "callgrind.out")
        r = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
                            WARTA, "run", "--once", "--no-sync", "--inbox", inbox,
                            "--outbox", outbox, "--log-format", "json"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        found = [l for l in r.stderr.splitlines() if "Collected :" in l]
        if r.returncode != 0 or not found:
            die(f"callgrind run failed ({r.returncode}): {r.stderr[-500:]}")
        written = count_files(outbox, ".json")
        if written != n:
            die(f"{label}: {written} outputs for {n} inputs")
        counts[label] = int(found[-1].split(":")[-1].strip().replace(",", ""))
        print(f"{label:7} {n:6} articles  {counts[label]:>15,} instructions", flush=True)
    per = (counts["corpus"] - counts["empty"]) / max(args.n, 1)
    print(f"\nper article: {per / 1e6:.3f} M instructions (whole daemon, user space, "
          f"start-up subtracted; {args.n} articles)")


def startup(args):
    n = args.n
    wdir = os.path.join(args.workdir, "startup")
    fresh_dir(wdir)
    inbox, outbox = os.path.join(wdir, "inbox"), os.path.join(wdir, "outbox")
    os.makedirs(inbox)
    os.makedirs(outbox)
    t = time.monotonic()
    for i in range(n):
        with open(os.path.join(inbox, f"{i:08d}.txt"), "w") as f:
            f.write(f"Judul berita nomor {i}\n\nPresiden bertemu menteri di Jakarta untuk "
                    f"membahas kerja sama nomor {i}.\n")
    os.sync()
    print(f"filled {inbox} with {n} tiny files ({time.monotonic() - t:.1f} s)")
    time.sleep(1.5)  # older than settle_ms (1 s), so a scan may claim every file at once
    log = os.path.join(wdir, "warta.log")
    with open(log, "wb") as err:
        t0 = time.monotonic()
        proc = subprocess.Popen([WARTA, "run", "--inbox", inbox, "--outbox", outbox,
                                 "--log-format", "json"],
                                stdout=subprocess.DEVNULL, stderr=err)
    try:
        started = first = None
        deadline = t0 + 600
        while first is None:
            now = time.monotonic()
            if proc.poll() is not None:
                die(f"warta exited with {proc.returncode} (see {log})")
            if now > deadline:
                die(f"no output 600 s after start (see {log})")
            if started is None:
                with open(log, errors="replace") as f:
                    if "warta started" in f.read():
                        started = now - t0
            with os.scandir(outbox) as it:
                if any(e.name.endswith(".json") and not e.name.startswith(".") for e in it):
                    first = time.monotonic() - t0
            time.sleep(0.005)
        hwm = vm_hwm_kib(proc.pid)
        time.sleep(1.0)
        after = count_files(outbox, ".json")
    finally:
        stop_s = stop(proc, log) if proc.poll() is None else None
    outs = count_files(outbox, ".json")
    done = count_files(os.path.join(inbox, ".processed"))
    work = count_files(os.path.join(inbox, ".work"))
    left = count_files(inbox)
    failed = count_files(os.path.join(inbox, ".failed"))
    if failed:
        die(f"{failed} files rejected (see {log})")
    if outs != done:
        die(f"after SIGTERM: {outs} outputs but {done} inputs in .processed")
    if outs + work + left != n:
        die(f"files lost: {outs} done + {work} in .work + {left} in inbox != {n}")
    res = {"mode": "startup", "n": n, "started_s": started, "first_output_s": first,
           "outputs_1s_after_first": after, "peak_rss_mib_at_first": hwm / 1024 if hwm else None,
           "stop_s": stop_s, "after_stop": {"done": done, "work": work, "inbox": left},
           "binaries": binary_info()}
    print(f"\nstartup: {n} files in the inbox, nproc {os.cpu_count()}\n")
    print("| inbox files | 'warta started' s | first output s | outputs 1 s later "
          "| RSS at first MiB | exit after SIGTERM s | left in .work / inbox |")
    print("|---:|---:|---:|---:|---:|---:|---|")
    print(f"| {n} | {started if started is not None else float('nan'):.3f} | {first:.3f} "
          f"| {after} | {res['peak_rss_mib_at_first'] or float('nan'):.1f} "
          f"| {stop_s:.2f} | {work} / {left} |")
    out = os.path.join(args.resultdir, "startup.json")
    with open(out, "w") as f:
        json.dump(res, f, indent=2)
    print(f"\nresults: {out}")
    shutil.rmtree(wdir, ignore_errors=True)


def fs_of(path):
    """The mount under `path`: (mount point, type, options) from /proc/mounts."""
    best = ("", "", "")
    path = os.path.realpath(path)
    with open("/proc/mounts") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 4 and (path + "/").startswith(parts[1].rstrip("/") + "/") \
                    and len(parts[1]) >= len(best[0]):
                best = (parts[1], parts[2], parts[3])
    return {"mount": best[0], "type": best[1], "options": best[2]}


def mount_fresh_ext4(workdir, gib, inodes):
    """A new ext4 (mkfs defaults, journal on) on a loop device at workdir; returns cleanup."""
    img = workdir.rstrip("/") + ".img"
    if os.path.ismount(workdir):
        subprocess.run(["umount", workdir], check=True)
    shutil.rmtree(workdir, ignore_errors=True)
    os.makedirs(workdir)
    with open(img, "wb") as f:
        f.truncate(int(gib * (1 << 30)))
    subprocess.run(["mkfs.ext4", "-q", "-F", "-N", str(inodes), img], check=True)
    subprocess.run(["mount", "-o", "loop", img, workdir], check=True)

    def cleanup():
        subprocess.run(["umount", workdir], check=False)
        try:
            os.remove(img)
        except OSError:
            pass
    return cleanup


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="mode", required=True)
    b = sub.add_parser("backlog", help="throughput on a backlog, against the floor")
    b.add_argument("--n", type=int, default=20000)
    b.add_argument("--rounds", type=int, default=3)
    b.add_argument("--variants", default=",".join(VARIANTS),
                   help="comma-separated subset of " + ",".join(VARIANTS))
    lt = sub.add_parser("latency", help="drop-to-output latency at a steady rate")
    lt.add_argument("--rate", type=float, default=500)
    lt.add_argument("--seconds", type=float, default=20)
    s = sub.add_parser("startup", help="time to first output with a full inbox")
    s.add_argument("--n", type=int, default=200000)
    ins = sub.add_parser("instructions", help="instructions per article under callgrind")
    ins.add_argument("--n", type=int, default=1000)
    ins.add_argument("--corpus", metavar="DIR", help="count every file of DIR instead of N generated articles")
    for sp in (b, lt, s, ins):
        sp.add_argument("--workdir", default="/tmp/warta-e2e")
        sp.add_argument("--no-build", action="store_true", help="do not run cargo build")
        sp.add_argument("--warta", help="warta binary [target/release/warta]")
        sp.add_argument("--floor", help="floor binary [target/release/examples/floor]")
        sp.add_argument("--fresh-ext4", type=float, metavar="GIB",
                        help="run on a new ext4 of this size mounted at DIR (needs root)")
    args = p.parse_args()
    args.workdir = os.path.abspath(args.workdir)
    # Results outlive a --fresh-ext4 file system.
    args.resultdir = args.workdir + "-results" if args.fresh_ext4 else args.workdir
    os.makedirs(args.resultdir, exist_ok=True)
    global WARTA, FLOOR
    if not args.no_build:
        build()
    WARTA = os.path.abspath(args.warta or WARTA)
    FLOOR = os.path.abspath(args.floor or FLOOR)
    print(f"warta {binary_info()}", flush=True)
    cleanup = None
    if args.fresh_ext4:
        n = getattr(args, "n", 0) or 0
        cleanup = mount_fresh_ext4(args.workdir, args.fresh_ext4, max(4 * n + 100000, 200000))
    try:
        print(f"file system: {fs_of(args.workdir)}", flush=True)
        {"backlog": backlog, "latency": latency, "startup": startup,
         "instructions": instructions}[args.mode](args)
    finally:
        if cleanup:
            cleanup()


if __name__ == "__main__":
    main()
