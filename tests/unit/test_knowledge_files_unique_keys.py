"""Every knowledge file (``knowledge/*.yml``) and red-flag set names each key once per mapping.

``yaml.safe_load`` keeps the last of two equal keys without a word, so a second ``RECENT_START:``
appended at the end of ``red_flags.yml`` would silently replace the whole first list (this
happened on a research branch in session 13 and dropped emergencies in eight sets).
"""

from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted((ROOT / "knowledge").glob("*.yml")) + sorted((ROOT / "tests" / "red_flags").glob("*.yml"))


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe loader that refuses a key told twice in one mapping."""


def _mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    seen: set = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def test_the_loader_refuses_a_key_told_twice() -> None:
    with pytest.raises(yaml.constructor.ConstructorError, match="duplicate key 'RECENT_START'"):
        yaml.load("concepts:\n  RECENT_START: [a]\n  JERK: [b]\n  RECENT_START: [c]\n", Loader=_UniqueKeyLoader)
    assert yaml.load("a:\n  b: 1\nc:\n  b: 2\n", Loader=_UniqueKeyLoader) == {"a": {"b": 1}, "c": {"b": 2}}


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_key_is_told_twice(path: Path) -> None:
    yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)
