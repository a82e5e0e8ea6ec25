"""A plain BERT encoder forward pass in JAX (no torch, no transformers), for the
sentence-transformers MiniLM family: HF BertModel weight names, post-LN, exact-erf GELU,
absolute positions, token type 0, mean pooling over the attention mask.

This is the reference implementation the Rust encoder (crates/encoder) is tested against, and
the model train_checkworthiness.py fine-tunes. Written from the BERT paper and the Hugging Face
weight layout; it shares no code with the Rust side.
"""
from __future__ import annotations

import json
import math
from pathlib import Path

import jax
import jax.numpy as jnp
import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer

MAX_TOKENS = 128
BUCKETS = (16, 24, 32, 48, 64, 96, 128)


def load_config(path: Path) -> dict:
    return json.loads(Path(path).read_text())


SCALE_SUFFIX = ".scale"


def load_bert_params(path: Path) -> dict:
    """BERT weights (HF names, unprefixed) as float32 jnp arrays; pooler/position_ids dropped.
    Extra tensors such as `classifier.*` are returned too. Reads f32, f16 and int8 files (an
    int8 tensor `X` has per-row scales `X.scale`: row r is X[r] * scale[r], as the Rust
    encoder reads it)."""
    raw = load_file(str(path))
    out = {}
    for k, v in raw.items():
        if k.endswith(SCALE_SUFFIX):
            continue
        scale = raw.get(k + SCALE_SUFFIX)
        if k.startswith("bert."):
            k = k[len("bert."):]
        if k.startswith("pooler.") or k.endswith("position_ids"):
            continue
        v = v.astype(np.float32)
        if scale is not None:
            v = v * scale.astype(np.float32)[:, None]
        out[k] = jnp.asarray(v)
    return out


def quantise_int8(tensors: dict) -> dict:
    """Weight-only int8 with one symmetric scale per row for every matrix (embeddings and
    dense layers: 95% of the parameters); vectors (biases, layer norms) and the one-row
    classifier stay f32. Returns numpy arrays ready for safetensors."""
    out = {}
    for k, v in tensors.items():
        v = np.asarray(v, np.float32)
        if v.ndim == 2 and v.shape[0] > 2 and not k.startswith("classifier."):
            amax = np.abs(v).max(axis=1)
            scale = np.where(amax > 0, amax / 127.0, 1.0).astype(np.float32)
            out[k] = np.clip(np.rint(v / scale[:, None]), -127, 127).astype(np.int8)
            out[k + SCALE_SUFFIX] = scale
        else:
            out[k] = v
    return out


def load_tokenizer(path: Path, max_tokens: int = MAX_TOKENS) -> Tokenizer:
    tok = Tokenizer.from_file(str(path))
    tok.no_padding()
    tok.enable_truncation(max_length=max_tokens)
    return tok


def _ln(x, g, b, eps):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) * jax.lax.rsqrt(var + eps) * g + b


def _dense(x, p, name):
    return x @ p[name + ".weight"].T + p[name + ".bias"]


def _dropout(x, rate, rng):
    if rng is None or rate == 0.0:
        return x
    keep = jax.random.bernoulli(rng, 1.0 - rate, x.shape)
    return jnp.where(keep, x / (1.0 - rate), 0.0)


def encode(p, ids, mask, cfg, rng=None, dropout=0.0):
    """Last hidden states [B, T, H]. `rng` given => training-mode dropout."""
    B, T = ids.shape
    H = cfg["hidden_size"]
    nh = cfg["num_attention_heads"]
    hd = H // nh
    eps = cfg.get("layer_norm_eps", 1e-12)
    n_layers = cfg["num_hidden_layers"]
    rngs = list(jax.random.split(rng, 1 + 3 * n_layers)) if rng is not None else [None] * (1 + 3 * n_layers)
    x = (
        p["embeddings.word_embeddings.weight"][ids]
        + p["embeddings.position_embeddings.weight"][:T][None]
        + p["embeddings.token_type_embeddings.weight"][0][None, None]
    )
    x = _ln(x, p["embeddings.LayerNorm.weight"], p["embeddings.LayerNorm.bias"], eps)
    x = _dropout(x, dropout, rngs[0])
    bias = (1.0 - mask.astype(jnp.float32))[:, None, None, :] * -1e9
    for l in range(n_layers):
        pre = f"encoder.layer.{l}."

        def heads(name):
            return _dense(x, p, pre + name).reshape(B, T, nh, hd).transpose(0, 2, 1, 3)

        q, k, v = heads("attention.self.query"), heads("attention.self.key"), heads("attention.self.value")
        s = (q @ k.transpose(0, 1, 3, 2)) / math.sqrt(hd) + bias
        a = jax.nn.softmax(s, axis=-1)
        a = _dropout(a, dropout, rngs[1 + 3 * l])
        c = (a @ v).transpose(0, 2, 1, 3).reshape(B, T, H)
        c = _dropout(_dense(c, p, pre + "attention.output.dense"), dropout, rngs[2 + 3 * l])
        x = _ln(c + x, p[pre + "attention.output.LayerNorm.weight"], p[pre + "attention.output.LayerNorm.bias"], eps)
        h = jax.nn.gelu(_dense(x, p, pre + "intermediate.dense"), approximate=False)
        h = _dropout(_dense(h, p, pre + "output.dense"), dropout, rngs[3 + 3 * l])
        x = _ln(h + x, p[pre + "output.LayerNorm.weight"], p[pre + "output.LayerNorm.bias"], eps)
    return x


def mean_pool(x, mask):
    m = mask.astype(jnp.float32)[..., None]
    return (x * m).sum(1) / jnp.maximum(m.sum(1), 1e-9)


def bucket_len(n: int) -> int:
    for b in BUCKETS:
        if n <= b:
            return b
    return BUCKETS[-1]


def tokenize(tok: Tokenizer, texts):
    return [e.ids for e in tok.encode_batch(list(texts))]


def pad(id_lists, length=None):
    T = length or bucket_len(max(len(x) for x in id_lists))
    ids = np.zeros((len(id_lists), T), np.int32)
    mask = np.zeros((len(id_lists), T), np.int32)
    for i, x in enumerate(id_lists):
        x = x[:T]
        ids[i, : len(x)] = x
        mask[i, : len(x)] = 1
    return ids, mask


class Embedder:
    """Batched inference: pooled (un-normalised) embeddings and, if the params hold a
    classifier head, its logits. Sorts by length and pads to buckets to limit recompiles."""

    def __init__(self, params, cfg, tok, batch=64):
        self.p, self.cfg, self.tok, self.batch = params, cfg, tok, batch
        self._fwd = jax.jit(lambda p, ids, mask: mean_pool(encode(p, ids, mask, cfg), mask))

    def pooled(self, texts) -> np.ndarray:
        ids = tokenize(self.tok, texts)
        order = np.argsort([len(x) for x in ids], kind="stable")
        out = np.zeros((len(ids), self.cfg["hidden_size"]), np.float32)
        for s in range(0, len(ids), self.batch):
            idx = order[s : s + self.batch]
            chunk = [ids[i] for i in idx]
            a, m = pad(chunk)
            if len(chunk) < self.batch:  # keep the batch dim fixed: fewer compiled shapes
                a = np.concatenate([a, np.zeros((self.batch - len(chunk), a.shape[1]), np.int32)])
                m = np.concatenate([m, np.zeros((self.batch - len(chunk), m.shape[1]), np.int32)])
                m[len(chunk):, 0] = 1
            out[idx] = np.asarray(self._fwd(self.p, a, m))[: len(chunk)]
        return out

    def embed(self, texts) -> np.ndarray:
        v = self.pooled(texts)
        return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)

    def logits(self, texts, pooled=None) -> np.ndarray:
        v = self.pooled(texts) if pooled is None else pooled
        w = np.asarray(self.p["classifier.weight"]).reshape(-1)
        b = float(np.asarray(self.p["classifier.bias"]).reshape(-1)[0])
        return v @ w + b
