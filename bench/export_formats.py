#!/usr/bin/env python3
"""Export time of every report format on a large generated desk.

Usage: bench/export_formats.py [--binary target/debug/claimdesk] [--articles 1000]
                               [--claims-per-article 20] [--runs 3]

Builds a JSON export of N articles (each ~4 KB of text) with M claims each, every claim with
three history entries, half of them reviewed with an evidence link, restores it with
`claimdesk import-json` into a temporary database, then times `claimdesk export --format F -o
FILE` for each format (the whole process: open, read snapshot, render, atomic write) and
prints the median of the runs with the file size. Standard library only.
"""

import argparse
import json
import os
import statistics
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SENTENCE = ("Officials said the programme cost {n} million dollars in {year}, "
            "up {p} percent on the year before. ")


def desk(articles, per_article):
    docs = []
    claim_id = evidence_id = history_id = 0
    for a in range(1, articles + 1):
        sentences = [SENTENCE.format(n=a + i, year=2000 + i % 25, p=i % 40 + 1)
                     for i in range(max(per_article, 30))]
        text = "".join(sentences)
        claims = []
        offset = 0
        for i, sentence in enumerate(sentences[:per_article]):
            claim_id += 1
            span = sentence.rstrip()
            reviewed = claim_id % 2 == 0
            at = f"2025-03-{1 + claim_id % 28:02d}T10:00:00Z"
            history = []
            for change, old, new in (("status", "unreviewed", "in_progress"),
                                     ("note", None, "Checked against the budget book."),
                                     ("status", "in_progress", "verified" if reviewed else "needs_evidence")):
                history_id += 1
                history.append({"id": history_id, "article_id": a, "claim_id": claim_id,
                                "evidence_id": None, "at": at, "by": "Bench Editor",
                                "change": change, "old": old, "new": new})
            evidence = []
            if reviewed:
                evidence_id += 1
                evidence.append({"id": evidence_id, "claim_id": claim_id,
                                 "url": f"https://budget.example/{a}/{i}", "title": "Budget book",
                                 "stance": "supports", "note": "", "added_at": at,
                                 "added_by": "Bench Editor"})
            claims.append({
                "id": claim_id, "article_id": a, "status": "verified" if reviewed else "needs_evidence",
                "verdict": None, "note": "Checked against the budget book.", "origin": "engine",
                "text": span, "start": offset, "end": offset + len(span),
                "sentence_start": offset, "sentence_end": offset + len(span), "score": 0.8,
                "checkworthy": True, "kind": "quantity", "speaker": "Officials", "dates": [],
                "reasons": [], "caption": False, "created_at": "2025-03-01T09:00:00Z",
                "updated_at": at, "evidence": evidence, "removed_evidence": [], "history": history})
            offset += len(sentence)
        docs.append({"id": a, "title": f"Programme costs, part {a}", "outlet": "Bench Gazette",
                     "byline": None, "url": f"https://gazette.example/{a}", "published": "2025-02-01",
                     "imported_at": f"2025-03-01T09:{a % 60:02d}:00Z", "source_file": None,
                     "source_format": "text", "text": text, "content_hash": f"bench-{a}",
                     "history": [], "claims": claims})
    return {"schema_version": 1, "generator": "bench/export_formats.py",
            "generated_at": "2025-03-14T00:00:00Z",
            "scope": {"article_id": None, "claim_ids": [], "statuses": [], "since": None, "until": None},
            "settings": {"organisation_name": "Bench Desk", "organisation_url": "https://desk.example/checks",
                         "verdict_scale": {"preset": "free_text", "levels": []}},
            "articles": docs}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(ROOT, "target/debug/claimdesk"))
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--claims-per-article", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, CLAIMDESK_DB=os.path.join(tmp, "bench.sqlite3"))
        source = os.path.join(tmp, "desk.json")
        with open(source, "w") as f:
            json.dump(desk(options.articles, options.claims_per_article), f)
        start = time.perf_counter()
        subprocess.run([options.binary, "import-json", source], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        print(f"import-json: {options.articles} articles, "
              f"{options.articles * options.claims_per_article} claims, "
              f"{os.path.getsize(source) / 1e6:.1f} MB: {time.perf_counter() - start:.2f} s")
        for fmt in ("markdown", "html", "csv", "json", "claimreview"):
            samples = []
            out = os.path.join(tmp, f"report.{fmt}")
            for _ in range(options.runs):
                start = time.perf_counter()
                subprocess.run([options.binary, "export", "--format", fmt, "-o", out, "--force"],
                               env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                samples.append(time.perf_counter() - start)
            print(f"export --format {fmt}: median {statistics.median(samples):.2f} s "
                  f"(runs: {', '.join(f'{s:.2f}' for s in samples)}), {os.path.getsize(out) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
