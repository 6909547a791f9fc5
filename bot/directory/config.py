"""Choose and build the directory backend from the ``directory:`` section of endpoints.yml.

Keys (all optional; defaults in brackets):

- ``backend``: ``sqlite`` | ``http`` | ``search_link`` [sqlite]
- ``fallback_search_url``: link template used when a backend has no entries
  [the OpenStreetMap search page]; placeholders ``{specialty}`` (search term),
  ``{city}``, ``{country}``
- ``sqlite``: ``path`` [build/directory.db], ``seed_csv`` [data/directory/sample_directory.csv]
  (relative paths are relative to the project root)
- ``http``: ``url`` (required), ``timeout`` [3], ``api_key_env``, ``api_key_header``
  [Authorization]
- ``search_link``: ``url`` [the fallback link]

Any mistake raises ValueError when the backend is built (at start-up), never at query time.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Optional

import yaml

from bot import paths
from bot.directory.http import HttpBackend
from bot.directory.models import DirectoryBackend
from bot.directory.search_link import DEFAULT_FALLBACK_SEARCH_URL, SearchLinkBackend, check_template
from bot.directory.sqlite import SqliteBackend

ENDPOINTS_ENV = "CLONUS_ENDPOINTS"
DEFAULT_DB = "build/directory.db"
DEFAULT_SEED_CSV = "data/directory/sample_directory.csv"
BACKENDS = ("sqlite", "http", "search_link")
_KEYS = {
    None: {"backend", "fallback_search_url", *BACKENDS},
    "sqlite": {"path", "seed_csv"},
    "http": {"url", "timeout", "api_key_env", "api_key_header"},
    "search_link": {"url"},
}


def endpoints_path() -> Path:
    """endpoints.yml, or the file named by $CLONUS_ENDPOINTS."""
    override = os.environ.get(ENDPOINTS_ENV, "").strip()
    return project_path(override) if override else paths.ROOT / "endpoints.yml"


def project_path(value: object) -> Path:
    """A configured path; relative ones are relative to the project root."""
    path = Path(str(value)).expanduser()
    return path if path.is_absolute() else paths.ROOT / path


def load_directory_config(path: Optional[Path] = None) -> dict[str, Any]:
    """The ``directory:`` section ({} when the file has none); ValueError when unreadable."""
    path = path or endpoints_path()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as error:
        raise ValueError(f"cannot read {path}: {error.strerror or error}") from None
    except yaml.YAMLError as error:
        raise ValueError(f"{path} is not valid YAML: {error}") from None
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")
    section = data.get("directory") or {}
    if not isinstance(section, dict):
        raise ValueError(f"{path}: `directory` must be a mapping")
    return section


def _section(config: dict[str, Any], name: str) -> dict[str, Any]:
    section = config.get(name) or {}
    if not isinstance(section, dict):
        raise ValueError(f"directory.{name}: expected a mapping")
    unknown = set(section) - _KEYS[name]
    if unknown:
        raise ValueError(f"directory.{name}: unknown key(s) {sorted(unknown)}; "
                         f"expected some of {sorted(_KEYS[name])}")
    return section


def sqlite_path(config: dict[str, Any]) -> Path:
    """Where the SQLite directory lives according to the config."""
    return project_path(_section(config, "sqlite").get("path") or DEFAULT_DB)


def load_backend(config: Optional[dict[str, Any]] = None) -> DirectoryBackend:
    """The configured backend (``config`` is the ``directory:`` section; read from
    endpoints.yml when None). ValueError with a clear message for any bad setting."""
    if config is None:
        config = load_directory_config()
    if not isinstance(config, dict):
        raise ValueError("directory: expected a mapping")
    unknown = set(config) - _KEYS[None]
    if unknown:
        raise ValueError(f"directory: unknown key(s) {sorted(unknown)}; "
                         f"expected some of {sorted(_KEYS[None])}")
    name = str(config.get("backend") or "sqlite").strip()
    if name not in BACKENDS:
        raise ValueError(f"directory.backend: unknown backend {name!r}; choose one of {', '.join(BACKENDS)}")
    fallback = check_template(config.get("fallback_search_url") or DEFAULT_FALLBACK_SEARCH_URL,
                              "directory.fallback_search_url")
    if name == "sqlite":
        section = _section(config, "sqlite")
        return SqliteBackend(sqlite_path(config),
                             project_path(section.get("seed_csv") or DEFAULT_SEED_CSV), fallback)
    if name == "http":
        section = _section(config, "http")
        if not section.get("url"):
            raise ValueError("directory.http.url: required for the http backend")
        return HttpBackend(url=section["url"], timeout=section.get("timeout", 3),
                           api_key_env=section.get("api_key_env") or None,
                           api_key_header=section.get("api_key_header") or "Authorization",
                           fallback_search_url=fallback)
    section = _section(config, "search_link")
    return SearchLinkBackend(url=section.get("url") or fallback)
