"""The linear classifiers' features (``bot/nlu/linear.py``): the featurizers' sentence
features of a message as one row of weighted numbers, the same way at training and at
prediction; one block of columns per featurizer (sorted by name).

At prediction only a message's non-zero columns are kept (``Features.sparse_rows``): of
~39,000 columns (word and character n-grams, two embeddings) a message has a few hundred,
and multiplying all of them by every class's weights cost more than the rest of the
classification (MAINTAINING.md, "What one message costs").
"""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
import scipy.sparse
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, TEXT
from rasa.shared.nlu.training_data.message import Message

SPARSE = "sparse"
DENSE = "dense"


class Features:
    """Turns the featurizers' sentence features into one matrix, the same way at training
    and at prediction: one block per featurizer (sorted by name).

    Sparse blocks (word and character n-gram counts, regex matches) are weighted by
    ``weighting``: ``counts`` as they are, or ``tfidf`` (sublinear counts, smoothed idf,
    rows of each block L2-normalised). A dense block (the sentence embedding of
    ``bot/nlu/embedding_featurizer.py``) is never log-scaled nor idf-weighted: its rows are
    L2-normalised and multiplied by ``embedding_weight``."""

    def __init__(self, weighting: str, blocks: List[Tuple[str, int, str]], idf: Optional[np.ndarray] = None,
                 embedding_weight: float = 1.0) -> None:
        if weighting not in ("counts", "tfidf"):
            raise ValueError(f"weighting must be 'counts' or 'tfidf', not {weighting!r}")
        if embedding_weight < 0:
            raise ValueError("embedding_weight must not be negative")
        self.weighting = weighting
        self.blocks = [(origin, int(width), kind) for origin, width, kind in blocks]  # (featurizer, width, kind)
        self.idf = idf
        self.embedding_weight = float(embedding_weight)
        self.offsets: Dict[str, Tuple[int, int, str]] = {}  # featurizer -> (first column, width, kind)
        start = 0
        for origin, width, kind in self.blocks:
            self.offsets[origin] = (start, width, kind)
            start += width

    @staticmethod
    def _rows(messages: Sequence[Message]) -> Tuple[List[Dict[str, scipy.sparse.csr_matrix]], Dict[str, str]]:
        rows = []
        kinds: Dict[str, str] = {}
        for message in messages:
            row: Dict[str, scipy.sparse.csr_matrix] = {}
            for feature in message.features:
                if feature.attribute == TEXT and feature.type == FEATURE_TYPE_SENTENCE:
                    origin = feature.origin if isinstance(feature.origin, str) else "+".join(feature.origin)
                    row[origin] = scipy.sparse.csr_matrix(feature.features, dtype=np.float64)
                    kinds[origin] = DENSE if feature.is_dense() else SPARSE
            rows.append(row)
        return rows, kinds

    @classmethod
    def fit(cls, messages: Sequence[Message], weighting: str,
            embedding_weight: float = 1.0) -> Tuple["Features", scipy.sparse.csr_matrix]:
        rows, kinds = cls._rows(messages)
        widths: Dict[str, int] = {}
        for row in rows:
            for origin, matrix in row.items():
                widths[origin] = matrix.shape[1]
        if not widths:
            raise ValueError("no sentence features: put a featurizer before the linear classifiers")
        features = cls(weighting, [(origin, width, kinds[origin]) for origin, width in sorted(widths.items())],
                       embedding_weight=embedding_weight)
        matrix = features._stack(rows)
        if weighting == "tfidf":
            document_frequency = np.bincount(matrix.indices, minlength=matrix.shape[1])
            features.idf = np.log((1 + matrix.shape[0]) / (1 + document_frequency)) + 1.0
            start = 0
            for _, width, kind in features.blocks:
                if kind == DENSE:
                    features.idf[start:start + width] = 1.0  # not used: dense blocks get no idf
                start += width
        return features, features._weigh(matrix)

    @property
    def width(self) -> int:
        return sum(width for _, width, _ in self.blocks)

    def transform(self, messages: Sequence[Message]) -> np.ndarray:
        """The weighted features of messages to predict, as dense rows: the same numbers as
        ``fit`` gives for training, computed with numpy (a few sparse-matrix operations per
        block cost more than the whole prediction for one message)."""
        result = np.zeros((len(messages), self.width))
        offsets = {}
        start = 0
        for origin, width, kind in self.blocks:
            offsets[origin] = (start, width, kind)
            start += width
        for row, message in enumerate(messages):
            for feature in message.features:
                if feature.attribute != TEXT or feature.type != FEATURE_TYPE_SENTENCE:
                    continue
                origin = feature.origin if isinstance(feature.origin, str) else "+".join(feature.origin)
                if origin not in offsets:
                    continue
                start, width, kind = offsets[origin]
                values = feature.features.toarray() if scipy.sparse.issparse(feature.features) else feature.features
                values = np.asarray(values, dtype=np.float64).reshape(-1)
                if values.shape[0] != width:
                    raise ValueError(f"{origin} gave {values.shape[0]} features, not {width}: the "
                                     "featurizers and this classifier come from different trainings")
                result[row, start:start + width] = self._weigh_row(values, start, kind)
        return result

    def sparse_rows(self, messages: Sequence[Message]) -> List[List[Tuple[int, np.ndarray, Optional[np.ndarray]]]]:
        """Per message, the weighted features of ``transform`` without its zeros: one
        ``(first column, values, columns)`` per block (``columns`` None: a dense block's
        ``width`` values from its first column on). The same weighting as ``transform``;
        sums are taken over the stored values only (equal to ``transform``'s up to float
        rounding, ~1e-16). ``LinearModel.probabilities`` multiplies only these columns of the
        weights instead of all ~39,000 per class (MAINTAINING.md, "What one message costs")."""
        result = []
        for message in messages:
            blocks: Dict[str, Tuple[int, np.ndarray, Optional[np.ndarray]]] = {}
            for feature in message.features:
                if feature.attribute != TEXT or feature.type != FEATURE_TYPE_SENTENCE:
                    continue
                origin = feature.origin if isinstance(feature.origin, str) else "+".join(feature.origin)
                if origin not in self.offsets:
                    continue
                start, width, kind = self.offsets[origin]
                matrix = feature.features
                if matrix.shape[-1] != width or (matrix.ndim == 2 and matrix.shape[0] != 1):
                    raise ValueError(f"{origin} gave {matrix.shape} features, not (1, {width}): the "
                                     "featurizers and this classifier come from different trainings")
                if scipy.sparse.issparse(matrix) and kind == SPARSE:
                    columns, values = _stored_columns(matrix)
                    blocks[origin] = (start, self._weigh_sparse(values, start + columns), columns)
                else:
                    values = matrix.toarray() if scipy.sparse.issparse(matrix) else matrix
                    values = np.asarray(values, dtype=np.float64).reshape(-1)
                    blocks[origin] = (start, self._weigh_row(values, start, kind), None)
            result.append(list(blocks.values()))
        return result

    def _weigh_sparse(self, values: np.ndarray, columns: np.ndarray) -> np.ndarray:
        """``_weigh_row`` of a sparse block's non-zero ``values`` at (absolute) ``columns``."""
        if self.weighting == "counts":
            return values
        weighted = (1.0 + np.log(np.abs(values))) * self.idf[columns]
        norm = float(np.linalg.norm(weighted))
        return weighted / norm if norm > 0 else weighted

    def _weigh_row(self, values: np.ndarray, start: int, kind: str) -> np.ndarray:
        if kind == DENSE:
            norm = float(np.linalg.norm(values))
            return values / norm * self.embedding_weight if norm > 0 else values
        if self.weighting == "counts":
            return values
        nonzero = values != 0
        weighted = np.zeros_like(values)
        weighted[nonzero] = (1.0 + np.log(np.abs(values[nonzero]))) * self.idf[start:start + len(values)][nonzero]
        norm = float(np.linalg.norm(weighted))
        return weighted / norm if norm > 0 else weighted

    def _stack(self, rows: List[Dict[str, scipy.sparse.csr_matrix]]) -> scipy.sparse.csr_matrix:
        parts = []
        for row in rows:
            cells = []
            for origin, width, _ in self.blocks:
                cell = row.get(origin)
                if cell is None or cell.shape[1] != width:
                    if cell is not None:
                        raise ValueError(f"{origin} gave {cell.shape[1]} features, not {width}: the "
                                         "featurizers and this classifier come from different trainings")
                    cell = scipy.sparse.csr_matrix((1, width))
                cells.append(cell)
            parts.append(scipy.sparse.hstack(cells, format="csr"))
        matrix = scipy.sparse.vstack(parts, format="csr")
        matrix.eliminate_zeros()
        return matrix

    @staticmethod
    def _normalise_rows(block: scipy.sparse.csr_matrix) -> scipy.sparse.csr_matrix:
        norms = np.sqrt(np.asarray(block.multiply(block).sum(axis=1))).ravel()
        norms[norms == 0] = 1.0
        return scipy.sparse.diags(1.0 / norms) @ block

    def _weigh(self, matrix: scipy.sparse.csr_matrix) -> scipy.sparse.csr_matrix:
        if self.weighting == "counts" and all(kind == SPARSE for _, _, kind in self.blocks):
            return matrix
        start = 0
        blocks = []
        for _, width, kind in self.blocks:
            block = matrix[:, start:start + width]
            if kind == DENSE:
                block = self._normalise_rows(block) * self.embedding_weight
            elif self.weighting == "tfidf":
                block = block.copy()
                block.data = 1.0 + np.log(np.abs(block.data))
                block = self._normalise_rows(block.multiply(self.idf[start:start + width]).tocsr())
            blocks.append(block)
            start += width
        return scipy.sparse.hstack(blocks, format="csr")


def _stored_columns(matrix: scipy.sparse.spmatrix) -> Tuple[np.ndarray, np.ndarray]:
    """The sorted columns of a one-row sparse matrix with their non-zero values, duplicate
    entries added up (as ``toarray()`` does). A COO matrix (what Rasa's featurizers give)
    is read directly with numpy: building a CSR matrix per block and message cost more in
    scipy's checks than the product itself."""
    if matrix.format == "coo":
        columns = np.asarray(matrix.col, dtype=np.intp)
        values = np.asarray(matrix.data, dtype=np.float64)
        if columns.size > 1 and np.any(columns[1:] <= columns[:-1]):  # unsorted or repeated
            columns, inverse = np.unique(columns, return_inverse=True)
            values = np.bincount(inverse, weights=values, minlength=columns.size)
    else:
        row = scipy.sparse.csr_matrix(matrix, dtype=np.float64)
        row.sum_duplicates()
        columns, values = row.indices.astype(np.intp), row.data
    keep = values != 0
    return columns[keep], values[keep]
