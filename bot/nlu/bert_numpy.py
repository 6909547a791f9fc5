"""A plain numpy BERT encoder for all-MiniLM-L6-v2: the reference the fast route is checked
against (at install time, ``bot/nlu/encoder_build.py``, and in the tests).

It follows the model's own definition (Hugging Face ``BertModel``, ``config.json`` of the
model: 6 layers, 12 heads, hidden size 384, exact erf GELU, LayerNorm eps 1e-12, token
type 0) and sentence-transformers' ``Pooling`` (mean over the attention mask) and
``Normalize`` (L2) modules. It computes in float64, so it is slower than the runtime route
but carries no rounding of its own worth speaking of. Weights are read with
``safetensors.numpy`` (no pickle).
"""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Sequence

import numpy as np
from scipy.special import erf

LAYERS = 6
HEADS = 12
HIDDEN = 384
LAYER_NORM_EPS = 1e-12


def load_weights(path: Path, dtype: type = np.float64) -> Dict[str, np.ndarray]:
    """The safetensors weights, as ``dtype`` arrays (names as in the upstream file)."""
    from safetensors.numpy import load_file

    return {name: array.astype(dtype) if array.dtype.kind == "f" else array
            for name, array in load_file(str(path)).items()}


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    variance = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(variance + LAYER_NORM_EPS) * weight + bias


def _dense(x: np.ndarray, weights: Dict[str, np.ndarray], name: str) -> np.ndarray:
    return x @ weights[f"{name}.weight"].T + weights[f"{name}.bias"]


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + erf(x / np.sqrt(2.0)))


def token_embeddings(weights: Dict[str, np.ndarray], ids: Sequence[int]) -> np.ndarray:
    """The last layer's hidden states of one unpadded sequence, shape (tokens, 384)."""
    ids_array = np.asarray(ids, dtype=np.int64)
    n = len(ids_array)
    x = (weights["embeddings.word_embeddings.weight"][ids_array]
         + weights["embeddings.position_embeddings.weight"][:n]
         + weights["embeddings.token_type_embeddings.weight"][0])
    x = _layer_norm(x, weights["embeddings.LayerNorm.weight"], weights["embeddings.LayerNorm.bias"])
    size = HIDDEN // HEADS
    for layer in range(LAYERS):
        prefix = f"encoder.layer.{layer}"

        def heads(t: np.ndarray) -> np.ndarray:
            return t.reshape(n, HEADS, size).transpose(1, 0, 2)  # (heads, tokens, size)

        q = heads(_dense(x, weights, f"{prefix}.attention.self.query"))
        k = heads(_dense(x, weights, f"{prefix}.attention.self.key"))
        v = heads(_dense(x, weights, f"{prefix}.attention.self.value"))
        scores = q @ k.transpose(0, 2, 1) / np.sqrt(size)
        scores -= scores.max(axis=-1, keepdims=True)
        attention = np.exp(scores)
        attention /= attention.sum(axis=-1, keepdims=True)
        context = (attention @ v).transpose(1, 0, 2).reshape(n, HIDDEN)
        x = _layer_norm(x + _dense(context, weights, f"{prefix}.attention.output.dense"),
                        weights[f"{prefix}.attention.output.LayerNorm.weight"],
                        weights[f"{prefix}.attention.output.LayerNorm.bias"])
        hidden = _gelu(_dense(x, weights, f"{prefix}.intermediate.dense"))
        x = _layer_norm(x + _dense(hidden, weights, f"{prefix}.output.dense"),
                        weights[f"{prefix}.output.LayerNorm.weight"],
                        weights[f"{prefix}.output.LayerNorm.bias"])
    return x


def sentence_embedding(weights: Dict[str, np.ndarray], ids: Sequence[int]) -> np.ndarray:
    """Mean pooling over all tokens (no padding here) and L2 normalisation, shape (384,)."""
    pooled = token_embeddings(weights, ids).mean(axis=0)
    return pooled / max(float(np.linalg.norm(pooled)), 1e-12)


def sentence_embeddings(weights: Dict[str, np.ndarray], batches: List[List[int]]) -> np.ndarray:
    """One normalised embedding per token-id sequence, shape (n, 384)."""
    if not batches:
        return np.zeros((0, HIDDEN))
    return np.vstack([sentence_embedding(weights, ids) for ids in batches])
