#!/usr/bin/env python3
"""Latency of the desk over `claimdesk serve`: import, marking (a durable write), export, and
marking while exports run, on a generated desk of N articles.

Usage: bench/serve_latency.py [--binary target/debug/claimdesk] [--articles 200]

Generates articles from the demo story with different figures (so each is a distinct article),
in a temporary database; prints one line per measurement. Standard library only.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def call(url, command, args):
    request = urllib.request.Request(
        f"{url}/api/{command}",
        data=json.dumps(args).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read())


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return (time.perf_counter() - start) * 1000, value


def summary(name, samples):
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
    print(f"{name}: n={len(samples)} median={statistics.median(samples):.1f} ms "
          f"p95={p95:.1f} ms max={samples[-1]:.1f} ms")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(ROOT, "target/debug/claimdesk"))
    parser.add_argument("--articles", type=int, default=200)
    options = parser.parse_args()
    demo = open(os.path.join(ROOT, "demo/articles/harbour-bridge-budget.txt")).read()
    rng = random.Random(7)

    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, CLAIMDESK_DB=os.path.join(tmp, "bench.sqlite3"))
        server = subprocess.Popen(
            [options.binary, "serve", "--port", "0", "--ui", tmp],
            stdout=subprocess.PIPE, env=env, text=True)
        try:
            url = server.stdout.readline().split()[-1]
            imports, claim_ids = [], []
            for i in range(options.articles):
                text = demo.replace("$48 million", f"${rng.randint(10, 99)}.{i} million")
                ms, result = timed(lambda: call(url, "import_article", {"content": text}))
                imports.append(ms)
                detail = call(url, "get_article", {"id": result["article"]["id"]})
                claim_ids += [c["id"] for c in detail["claims"]]
            summary(f"import_article ({len(claim_ids)} claims stored in total)", imports)

            statuses = ["verified", "disputed", "needs_evidence", "unreviewed"]
            marks = [timed(lambda: call(url, "set_status", {
                "claim_id": rng.choice(claim_ids), "status": rng.choice(statuses)}))[0]
                for _ in range(200)]
            summary("set_status, idle", marks)

            exports = [timed(lambda: call(url, "export_report", {"format": "markdown"}))[0]
                       for _ in range(5)]
            summary(f"export_report markdown, all {options.articles} articles", exports)

            stop = threading.Event()

            def export_loop():
                while not stop.is_set():
                    call(url, "export_report", {"format": "markdown"})

            exporters = [threading.Thread(target=export_loop) for _ in range(2)]
            for thread in exporters:
                thread.start()
            time.sleep(0.2)
            busy = [timed(lambda: call(url, "set_status", {
                "claim_id": rng.choice(claim_ids), "status": rng.choice(statuses)}))[0]
                for _ in range(100)]
            stop.set()
            for thread in exporters:
                thread.join()
            summary("set_status while 2 full exports run continuously", busy)
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main()
