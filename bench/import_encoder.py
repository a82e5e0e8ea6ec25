#!/usr/bin/env python3
"""Import speed and memory with the sentence encoder rating the claims (issue 12).

Usage: bench/import_encoder.py [--binary $CARGO_TARGET_DIR/release/claimdesk]
                               [--runs 30] [--batch 1000] [--skip-batch] [--skip-single]

1. Single article, end to end, one core: `claimdesk import FILE` (a new process each time:
   start, load the encoder, read, extract, store) under `taskset -c 0` with
   RAYON_NUM_THREADS=1, on each NewsClaims dev article of 4-9 KB (the issue's size), each into
   a fresh database; p50 / p95 wall and CPU time and the peak RSS (/usr/bin/time). The same
   with `--fast` for comparison.
2. Batch: `claimdesk import DIR` of BATCH articles on both cores (the NewsClaims dev articles,
   each copy given a distinct first line so that none is "already present"): wall time and
   peak RSS.

The articles come from ../shared/data/newsclaims (not redistributable: they are written to a
temporary folder and deleted). Standard library only.
"""

import argparse
import json
import os
import statistics
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ARTICLES = os.path.join(ROOT, "..", "shared", "data", "newsclaims", "articles_dev.jsonl")


def articles():
    with open(ARTICLES, encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f if line.strip()]


def run(command, env, cpus=None):
    """Run a command under /usr/bin/time: (wall seconds, CPU seconds, peak RSS in MB)."""
    if cpus is not None:
        command = ["taskset", "-c", cpus] + command
    command = ["/usr/bin/time", "-f", "@@ %e %U %S %M"] + command
    done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.decode()[-400:]}")
    line = [l for l in done.stderr.decode().splitlines() if l.startswith("@@ ")][-1]
    wall, user, system, rss = line.split()[1:]
    return float(wall), float(user) + float(system), int(rss) / 1024


def single(binary, texts, runs, fast, tmp):
    env = dict(os.environ, RAYON_NUM_THREADS="1")
    sized = [t for t in texts if 4000 <= len(t.encode()) <= 9500]
    times, cpu, peak = [], [], 0.0
    for i in range(runs):
        text = sized[i % len(sized)]
        path = os.path.join(tmp, f"single-{i}.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        db = os.path.join(tmp, f"single-{i}-{'fast' if fast else 'encoder'}.db")
        command = [binary, "--db", db, "import", path] + (["--fast"] if fast else [])
        wall, used, rss = run(command, env, cpus="0")
        times.append(wall)
        cpu.append(used)
        peak = max(peak, rss)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    label = "fast path" if fast else "encoder"
    print(
        f"single article, one core, {label}: {len(sized)} articles of 4-9 KB, {runs} runs: "
        f"p50 {1000 * statistics.median(times):.0f} ms, p95 {1000 * p95:.0f} ms, "
        f"max {1000 * times[-1]:.0f} ms; CPU p50 {1000 * statistics.median(cpu):.0f} ms, "
        f"p95 {1000 * sorted(cpu)[min(len(cpu) - 1, int(round(0.95 * (len(cpu) - 1))))]:.0f} ms; "
        f"peak RSS {peak:.0f} MB"
    )


def batch(binary, texts, count, tmp):
    folder = os.path.join(tmp, "batch")
    os.makedirs(folder, exist_ok=True)
    size = 0
    for i in range(count):
        text = f"Bulletin {i + 1}.\n\n" + texts[i % len(texts)]
        size += len(text.encode())
        with open(os.path.join(folder, f"article-{i:04}.txt"), "w", encoding="utf-8") as f:
            f.write(text)
    db = os.path.join(tmp, "batch.db")
    env = dict(os.environ)
    env.pop("RAYON_NUM_THREADS", None)
    wall, used, rss = run([binary, "--db", db, "import", folder], env, cpus="0,1")
    print(
        f"batch of {count} articles ({size / 1e6:.1f} MB), 2 cores, encoder: "
        f"{wall:.0f} s wall ({1000 * wall / count:.0f} ms an article), {used:.0f} s CPU; "
        f"peak RSS {rss:.0f} MB"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    parser.add_argument("--binary", default=os.path.join(target, "release", "claimdesk"))
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--skip-batch", action="store_true")
    parser.add_argument("--skip-single", action="store_true")
    args = parser.parse_args()
    texts = articles()
    with tempfile.TemporaryDirectory() as tmp:
        if not args.skip_single:
            single(args.binary, texts, args.runs, False, tmp)
            single(args.binary, texts, args.runs, True, tmp)
        if not args.skip_batch:
            batch(args.binary, texts, args.batch, tmp)


if __name__ == "__main__":
    main()
