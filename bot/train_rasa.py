"""``python -m bot.train_rasa ARGS``: ``rasa ARGS`` (``rasa train ...``) with faster training
fingerprints. ``bot/training.py`` (``make train``, ``review apply``) trains through it.

After every node of the training graph, Rasa's cache hook fingerprints the node's output
(``rasa.engine.training.hooks.TrainingHook.on_after_node``): for the NLU nodes that is every
training message with all its tokens and features, once per featurizer. In a retraining
after ``review apply`` (5 Dec 2026, py-spy at load ~9) that took 59 s of 264 s wall, more
than anything but the intent classifier's fit: a sparse feature matrix was fingerprinted
by printing every non-zero value as text (``sparse_matrix_to_string``), a dense one as the
text of its bytes' repr, and every token through ``json.dumps`` of its fields, again for
each node.

The replacements hash the same content, directly from the arrays' bytes:

- ``Features.fingerprint``: type, origin, attribute, and for a sparse matrix its shape,
  dtype and COO rows, columns and values (what Rasa's text holds, plus the shape and
  dtype); for a dense one its shape, dtype and bytes. Cached per object as Rasa does.
- ``Token.fingerprint``: text, offsets, lemma and data, one ``json.dumps`` (data values
  that JSON cannot hold are written as ``str``, as Rasa's fingerprint does); Rasa's own
  function when the data cannot be written at all.

The fingerprints only name cache entries: a different but content-complete hash gives
the same cache decisions (after one training that misses Rasa's cache, as the names
change), and the trained model is the same (``tests/e2e/test_fast_retrain.py``). Only this
process is patched: the servers never fingerprint.

Its ``main`` (the training command, not ``install``) also turns on the linear classifiers'
warm start (``bot/nlu/warm_start.py``): the featurizers record their column names, so a fit
can start from the last one. Tests that only ``install`` the fingerprints fit cold.
"""

from __future__ import annotations

import hashlib
import json
import sys
from typing import Any

_installed = False


def features_fingerprint(self: Any) -> str:
    """A stable fingerprint of one ``Features`` object (its kind and its values' bytes)."""
    if self._cached_fingerprint is None:
        import numpy as np
        import scipy.sparse

        digest = hashlib.md5(usedforsecurity=False)
        for part in (self.type, self.origin, self.attribute):
            digest.update(repr(part).encode("utf-8") + b"\x00")
        matrix = self.features
        if scipy.sparse.issparse(matrix):
            coo = matrix.tocoo()
            digest.update(f"sparse {coo.shape} {coo.dtype}\x00".encode())
            for array in (coo.row.astype(np.int64), coo.col.astype(np.int64), coo.data):
                digest.update(np.ascontiguousarray(array).tobytes())
                digest.update(b"\x00")
        else:
            array = np.ascontiguousarray(matrix)
            digest.update(f"dense {array.shape} {array.dtype}\x00".encode())
            digest.update(array.tobytes())
        self._cached_fingerprint = digest.hexdigest()
    return self._cached_fingerprint


def token_fingerprint(self: Any, _original: Any = None) -> str:
    """A stable fingerprint of one ``Token``: its text, offsets, lemma and data."""
    try:
        text = json.dumps([self.text, self.start, self.end, self.lemma, self.data],
                          sort_keys=True, default=str, ensure_ascii=False)
    except (TypeError, ValueError):  # keys JSON cannot sort or hold: Rasa's own fingerprint
        return _ORIGINAL_TOKEN_FINGERPRINT(self)
    return hashlib.md5(text.encode("utf-8"), usedforsecurity=False).hexdigest()


_ORIGINAL_TOKEN_FINGERPRINT: Any = None


def install() -> None:
    """Replace Rasa's two fingerprint methods in this process (once)."""
    global _installed, _ORIGINAL_TOKEN_FINGERPRINT
    if _installed:
        return
    from rasa.nlu.tokenizers.tokenizer import Token
    from rasa.shared.nlu.training_data.features import Features

    _ORIGINAL_TOKEN_FINGERPRINT = Token.fingerprint
    Features.fingerprint = features_fingerprint  # type: ignore[method-assign]
    Token.fingerprint = token_fingerprint  # type: ignore[method-assign]
    _installed = True


def main() -> None:
    install()
    from bot.nlu import warm_start

    warm_start.install()  # the linear classifiers start from their last fit (bot/nlu/warm_start.py)
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *sys.argv[1:]]
    rasa_main()


if __name__ == "__main__":
    main()
