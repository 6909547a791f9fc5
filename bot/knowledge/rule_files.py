"""The red-flag vocabulary and ConText rules with their per-language supplements.

``knowledge/red_flags.yml`` and ``knowledge/context_rules.yml`` hold the English rules;
``knowledge/red_flags_hi.yml`` and ``knowledge/context_rules_hi.yml`` (issue 17) add
Hindi in Devanagari and in Latin letters. A supplement only adds: phrases to the
concepts and trigger lists of the same name, words to the word lists, entries to the
spelling map. It may not add signs, levels or sources of escalation of its own (signs
stay those of ``red_flags.yml``), nor change a scalar setting (a window, a threshold).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List

from bot import paths
from bot.knowledge.files import read_yaml

RED_FLAGS_FILE = paths.KNOWLEDGE / "red_flags.yml"
CONTEXT_FILE = paths.KNOWLEDGE / "context_rules.yml"
#: Supplements, read after the base file in this order.
RED_FLAG_SUPPLEMENTS: List[Path] = [paths.KNOWLEDGE / "red_flags_hi.yml"]
CONTEXT_SUPPLEMENTS: List[Path] = [paths.KNOWLEDGE / "context_rules_hi.yml"]
#: Top-level keys a red-flag supplement may extend (no signs, levels or implies).
RED_FLAG_KEYS = frozenset({"concepts", "spelling", "protected_words"})
#: Keys that describe a file, not rules: never merged.
_META = frozenset({"version", "source", "sources", "language", "status"})


def merge(base: Any, extra: Any, where: str = "") -> Any:
    """``base`` extended by ``extra``: mappings key by key, lists concatenated (without
    repeats). A scalar in ``extra`` must equal the base's (a supplement adds, never changes);
    ``source`` notes stay in their own file."""
    if isinstance(base, dict) and isinstance(extra, dict):
        out = dict(base)
        for key, value in extra.items():
            if key in _META:
                continue  # a section's own source note stays in its file
            out[key] = merge(base[key], value, f"{where}.{key}") if key in base else value
        return out
    if isinstance(base, list) and isinstance(extra, list):
        return base + [v for v in extra if v not in base]
    if base != extra:
        raise ValueError(f"a supplement may not change {where or 'the rules'} ({base!r} -> {extra!r})")
    return base


def _rules(extra: Dict[str, Any]) -> Dict[str, Any]:
    return {k: v for k, v in extra.items() if k not in _META}


def red_flag_data(path: Path = RED_FLAGS_FILE, supplements: List[Path] | None = None) -> Dict[str, Any]:
    """``red_flags.yml`` with the concepts, spelling and protected words of its supplements."""
    data = read_yaml(path)
    for extra_path in RED_FLAG_SUPPLEMENTS if supplements is None else supplements:
        if not extra_path.exists():
            continue
        extra = _rules(read_yaml(extra_path))
        unknown = set(extra) - RED_FLAG_KEYS
        if unknown:
            raise ValueError(f"{extra_path.name}: a supplement may only extend {sorted(RED_FLAG_KEYS)}, "
                             f"not {sorted(unknown)}")
        missing = set(extra.get("concepts") or {}) - set(data["concepts"])
        if missing:
            raise ValueError(f"{extra_path.name}: concepts not in {path.name}: {sorted(missing)}")
        data = merge(data, extra)
    return data


def context_data(path: Path = CONTEXT_FILE, supplements: List[Path] | None = None) -> Dict[str, Any]:
    """``context_rules.yml`` with the trigger phrases and words of its supplements."""
    data = read_yaml(path)
    for extra_path in CONTEXT_SUPPLEMENTS if supplements is None else supplements:
        if extra_path.exists():
            data = merge(data, _rules(read_yaml(extra_path)))
    return data


def rule_files() -> List[Path]:
    """Every file whose content defines the rules (for the pipeline's fingerprint)."""
    return [RED_FLAGS_FILE, CONTEXT_FILE,
            *[p for p in RED_FLAG_SUPPLEMENTS + CONTEXT_SUPPLEMENTS if p.exists()]]
