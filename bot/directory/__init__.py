"""A pluggable practitioner directory for "find a doctor near me".

It never invents a doctor, phone or address: entries come only from the configured
source (a SQLite file filled from a CSV, or a JSON API), and when there are none the
result carries a search link instead. Configure it in the ``directory:`` section of
endpoints.yml; build it once at start-up with :func:`load_backend`.
"""

from bot.directory.config import load_backend, load_directory_config
from bot.directory.csv_import import CsvFileError, Rejection, read_directory_csv
from bot.directory.http import HttpBackend
from bot.directory.models import (
    DirectoryBackend,
    Practitioner,
    SearchQuery,
    SearchResult,
    Specialty,
    load_specialties,
    normalise,
    rank,
)
from bot.directory.search_link import (
    DEFAULT_FALLBACK_SEARCH_URL,
    SearchLinkBackend,
    build_search_url,
)
from bot.directory.sqlite import ImportReport, SqliteBackend, import_csv
from bot.directory.validation import InvalidRecord, validate_record

__all__ = [
    "DEFAULT_FALLBACK_SEARCH_URL",
    "CsvFileError",
    "DirectoryBackend",
    "HttpBackend",
    "ImportReport",
    "InvalidRecord",
    "Practitioner",
    "Rejection",
    "SearchLinkBackend",
    "SearchQuery",
    "SearchResult",
    "Specialty",
    "SqliteBackend",
    "build_search_url",
    "import_csv",
    "load_backend",
    "load_directory_config",
    "load_specialties",
    "normalise",
    "rank",
    "read_directory_csv",
    "validate_record",
]
