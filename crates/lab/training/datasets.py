"""Readers and metrics for the shared labelled data (train/dev only; nothing here reads a test
set, which is not in the shared folder). The data folder is $CLAIMDESK_SHARED/data, else
../shared/data beside the repository (as the Rust lab reads it)."""
from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[3]
DATA = Path(os.environ["CLAIMDESK_SHARED"]) / "data" if os.environ.get("CLAIMDESK_SHARED") else REPO.parent / "shared" / "data"


def claimbuster(split: str):
    with open(DATA / "claimbuster" / f"{split}.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return rows


def checkthat2024():
    out = []
    with open(DATA / "checkthat2024-task1-en" / "CT24_checkworthy_english_dev-test.tsv", encoding="utf-8") as f:
        next(f)
        for line in f:
            line = line.rstrip("\r\n")
            if not line:
                continue
            sid, text, label = line.split("\t")
            out.append((text, label.strip() == "Yes"))
    return out


def _unquote(t: str) -> str:
    if len(t) >= 2 and t.startswith('"') and t.endswith('"'):
        return t[1:-1].replace('""', '"')
    return t


def checkthat2019(split: str = "dev"):
    """{doc_name: [(speaker, text, label)]} in line order."""
    docs = {}
    for p in sorted((DATA / "checkthat2019-task1" / split).glob("*.tsv")):
        rows = []
        for line in p.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            parts = line.split("\t")
            rows.append((parts[1], _unquote(parts[2]), parts[3].strip() == "1"))
        docs[p.stem] = rows
    return docs


def newsclaims():
    """[(article_id, sentence_text, is_claim)] for every dev sentence."""
    alls = json.loads((DATA / "newsclaims" / "all_sents_dev.json").read_text())
    gold = json.loads((DATA / "newsclaims" / "dev.json").read_text())
    out = []
    for aid, sents in alls.items():
        pos = set(gold.get(aid, {}).keys())
        for sid, s in sorted(sents.items(), key=lambda kv: kv[1]["start_char"]):
            out.append((aid, s["sentence"], sid in pos))
    return out


# ---- metrics (same definitions as crates/lab/src/eval/metrics.rs: AP without interpolation) ----

def average_precision(scores, gold) -> float:
    scores = np.asarray(scores, float)
    gold = np.asarray(gold, bool)
    if gold.sum() == 0:
        return float("nan")
    order = np.argsort(-scores, kind="stable")
    g = gold[order]
    hits = np.cumsum(g)
    prec = hits / np.arange(1, len(g) + 1)
    return float(prec[g].sum() / g.sum())


def prf_at(scores, gold, thr):
    scores = np.asarray(scores, float)
    gold = np.asarray(gold, bool)
    pred = scores >= thr
    tp = int((pred & gold).sum())
    fp = int((pred & ~gold).sum())
    fn = int((~pred & gold).sum())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def best_f1_threshold(scores, gold, min_recall=0.0):
    """Threshold halfway between consecutive distinct scores with the best F1 (recall >= min_recall)."""
    scores = np.asarray(scores, float)
    gold = np.asarray(gold, bool)
    order = np.argsort(-scores, kind="stable")
    s, g = scores[order], gold[order]
    P = g.sum()
    tp = np.cumsum(g)
    k = np.arange(1, len(s) + 1)
    best = (float("inf"), 0.0)
    for i in range(len(s)):
        if i + 1 < len(s) and s[i + 1] == s[i]:
            continue  # never split ties
        prec, rec = tp[i] / k[i], tp[i] / P
        if rec < min_recall:
            continue
        f = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        if f > best[1]:
            thr = (s[i] + s[i + 1]) / 2 if i + 1 < len(s) else s[i] - 1e-6
            best = (float(thr), float(f))
    return best


def evaluate_all(score_fn, threshold=None, verbose=True):
    """score_fn(list[str]) -> np.ndarray of scores (logits). Returns a dict of dev figures.
    If threshold is None it is chosen on ClaimBuster dev (best F1)."""
    res = {}
    cb = claimbuster("dev")
    s = score_fn([r["Text"] for r in cb])
    g = [r["cfs"] == "1" for r in cb]
    thr_dev, oracle = best_f1_threshold(s, g)
    thr = thr_dev if threshold is None else threshold
    p, r, f = prf_at(s, g, thr)
    res["claimbuster_dev"] = dict(ap=average_precision(s, g), f1=f, p=p, r=r, threshold=thr,
                                  best_f1=oracle, best_threshold=thr_dev,
                                  f1_at_logit0=prf_at(s, g, 0.0)[2])
    ct = checkthat2024()
    s2 = score_fn([t for t, _ in ct])
    g2 = [y for _, y in ct]
    p, r, f = prf_at(s2, g2, thr)
    res["checkthat2024_devtest"] = dict(f1=f, p=p, r=r, ap=average_precision(s2, g2),
                                        best_f1=best_f1_threshold(s2, g2)[1], f1_at_logit0=prf_at(s2, g2, 0.0)[2])
    docs = checkthat2019("dev")
    aps = {}
    for name, rows in docs.items():
        sc = score_fn([t for _, t, _ in rows])
        aps[name] = average_precision(sc, [y for _, _, y in rows])
    vals = [v for v in aps.values() if v == v]
    res["checkthat2019_dev"] = dict(map=float(np.mean(vals)), per_doc=aps)
    nc = newsclaims()
    s4 = score_fn([t for _, t, _ in nc])
    g4 = [y for _, _, y in nc]
    thr80, f80 = best_f1_threshold(s4, g4, min_recall=0.80)
    p, r, f = prf_at(s4, g4, thr)
    res["newsclaims_dev_sentences"] = dict(ap=average_precision(s4, g4), best_f1_at_recall80=f80,
                                           threshold_recall80=thr80, f1_at_cb_threshold=f, p=p, r=r)
    if verbose:
        c = res["claimbuster_dev"]
        print(f"ClaimBuster dev  AP {c['ap']:.4f}  F1 {c['f1']:.4f} (P {c['p']:.3f} R {c['r']:.3f}) at thr {thr:.3f}; "
              f"F1@logit0 {c['f1_at_logit0']:.4f}")
        c = res["checkthat2024_devtest"]
        print(f"CT2024 dev-test  F1 {c['f1']:.4f} (P {c['p']:.3f} R {c['r']:.3f})  AP {c['ap']:.4f}  best-F1 {c['best_f1']:.4f}  F1@logit0 {c['f1_at_logit0']:.4f}")
        print(f"CT2019 dev       MAP {res['checkthat2019_dev']['map']:.4f}")
        c = res["newsclaims_dev_sentences"]
        print(f"NewsClaims dev   AP {c['ap']:.4f}  best F1 at R>=0.80 {c['best_f1_at_recall80']:.4f}  F1 at CB thr {c['f1_at_cb_threshold']:.4f}")
    return res
