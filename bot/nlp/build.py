"""Package and install the project's spaCy pipeline (``python -m bot.nlp.build``).

Skips the work when the installed package already carries the current source
fingerprint, so ``make install`` stays fast.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from bot import paths
from bot.nlp.pipeline import (
    PACKAGE_NAME,
    PIPELINE_NAME,
    PIPELINE_VERSION,
    build_pipeline,
    source_fingerprint,
)


def installed_fingerprint() -> str | None:
    """The fingerprint recorded in the installed package, or None if absent."""
    try:
        import spacy

        return spacy.load(PACKAGE_NAME).meta.get("clonus_fingerprint")
    except Exception:  # noqa: BLE001 - missing, stale or broken package: rebuild
        return None


def build_and_install(out: Path) -> None:
    """Write the pipeline to disk, run ``spacy package`` and pip-install the result."""
    if out.exists():
        shutil.rmtree(out)
    model_dir = out / "model"
    dist_dir = out / "dist"
    dist_dir.mkdir(parents=True)
    build_pipeline().to_disk(model_dir)
    subprocess.run(
        [sys.executable, "-m", "spacy", "package", str(model_dir), str(dist_dir),
         "--name", PIPELINE_NAME, "--version", PIPELINE_VERSION, "--force",
         "--code", str(paths.ROOT / "bot" / "nlp" / "components.py")],
        check=True,
    )
    sdists = list(dist_dir.glob(f"{PACKAGE_NAME}-{PIPELINE_VERSION}/dist/*.tar.gz"))
    if len(sdists) != 1:
        raise SystemExit(f"spacy package produced {sdists!r}, expected one sdist")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--force-reinstall", str(sdists[0])],
        check=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--force", action="store_true", help="rebuild even if up to date")
    parser.add_argument("--out", type=Path, default=paths.BUILD / "spacy")
    args = parser.parse_args(argv)
    wanted = source_fingerprint()
    if not args.force and installed_fingerprint() == wanted:
        print(f"{PACKAGE_NAME} {PIPELINE_VERSION} ({wanted}) is installed and up to date")
        return 0
    build_and_install(args.out)
    got = installed_fingerprint()
    if got != wanted:
        print(f"installed {PACKAGE_NAME} has fingerprint {got}, expected {wanted}", file=sys.stderr)
        return 1
    print(f"built and installed {PACKAGE_NAME} {PIPELINE_VERSION} ({wanted})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
