"""The embedded directory: a SQLite file, created from the seed CSV when it is missing."""

from __future__ import annotations

import logging
import os
import sqlite3
import tempfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from bot.directory.csv_import import CsvFileError, Rejection, read_directory_csv
from bot.directory.models import Practitioner, SearchQuery, SearchResult, normalise, rank
from bot.directory.search_link import DEFAULT_FALLBACK_SEARCH_URL, with_entries, without_entries

logger = logging.getLogger(__name__)

COLUMNS = ("name", "specialty", "city", "country", "address", "phone", "url", "sample")
SCHEMA = """
CREATE TABLE IF NOT EXISTS practitioners (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    specialty TEXT NOT NULL,
    city TEXT NOT NULL,
    country TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    sample INTEGER NOT NULL DEFAULT 0,
    name_norm TEXT NOT NULL,
    city_norm TEXT NOT NULL,
    UNIQUE (name_norm, specialty, city_norm, country)
);
CREATE INDEX IF NOT EXISTS practitioners_specialty_place
    ON practitioners (specialty, country, city_norm);
CREATE INDEX IF NOT EXISTS practitioners_city ON practitioners (city_norm);
"""


def connect(path: Path) -> sqlite3.Connection:
    """A read-write connection with the schema in place (creates the file and folders)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), timeout=5)
    conn.executescript(SCHEMA)
    return conn


def insert(conn: sqlite3.Connection, entry: Practitioner) -> None:
    """Add one entry; sqlite3.IntegrityError when the same name+specialty+city is there."""
    conn.execute(
        f"INSERT INTO practitioners ({', '.join(COLUMNS)}, name_norm, city_norm) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (entry.name, entry.specialty, entry.city, entry.country.upper(), entry.address,
         entry.phone, entry.url, int(entry.sample), normalise(entry.name), normalise(entry.city)),
    )


def create_from_seed(path: Path, seed_csv: Path) -> int:
    """Create the database file from the seed CSV (atomically); returns the rows imported.
    ValueError when the seed cannot be read."""
    try:
        report = read_directory_csv(seed_csv)
    except CsvFileError as error:
        raise ValueError(f"directory.sqlite.seed_csv: {error}") from None
    if report.rejected:
        logger.warning("seed %s: %d row(s) rejected (run `python -m bot directory import` "
                       "to see why)", seed_csv, len(report.rejected))
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".directory-", suffix=".db", dir=path.parent)
    os.close(handle)
    try:
        with closing(connect(Path(temp))) as conn, conn:
            for _, entry in report.entries:
                insert(conn, entry)
        os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
    return len(report.entries)


@dataclass
class ImportReport:
    """What an import did."""

    imported: int
    rejected: list[Rejection]
    total: int
    sample_rows: int


def import_csv(csv_path: Path, db_path: Path, replace: bool = False) -> ImportReport:
    """Import the file's valid rows into the SQLite directory at ``db_path`` (created when
    missing, without sample data). ``replace`` empties the table first. Raises
    CsvFileError for an unusable file, sqlite3.Error when the database cannot be written."""
    report = read_directory_csv(csv_path)
    rejected = list(report.rejected)
    imported = 0
    with closing(connect(Path(db_path))) as conn, conn:
        if replace:
            conn.execute("DELETE FROM practitioners")
        for line, entry in report.entries:
            try:
                insert(conn, entry)
                imported += 1
            except sqlite3.IntegrityError:
                rejected.append(Rejection(line, "already in the directory (same name, specialty "
                                                "and city; use --replace to start afresh)"))
        total, samples = conn.execute(
            "SELECT count(*), coalesce(sum(sample), 0) FROM practitioners").fetchone()
    rejected.sort(key=lambda r: r.line)
    return ImportReport(imported, rejected, int(total), int(samples))


def _rows(rows: Iterable[tuple]) -> list[Practitioner]:
    return [Practitioner(*row[:7], sample=bool(row[7])) for row in rows]


@dataclass
class SqliteBackend:
    """Entries from a SQLite file; one read-only connection per search (thread-safe)."""

    path: Path
    seed_csv: Path | None = None
    fallback_search_url: str = DEFAULT_FALLBACK_SEARCH_URL
    name: str = "sqlite"

    def __post_init__(self) -> None:
        self.path = Path(self.path)
        if not self.path.exists():
            if self.seed_csv is None:
                raise ValueError(f"directory.sqlite.path: {self.path} does not exist and no seed_csv is set")
            count = create_from_seed(self.path, Path(self.seed_csv))
            logger.info("created the directory %s from %s (%d entries)", self.path, self.seed_csv, count)
        try:
            with closing(sqlite3.connect(self._uri(), uri=True, timeout=2)) as conn:
                conn.execute("SELECT name, specialty, city_norm FROM practitioners LIMIT 1").fetchall()
        except sqlite3.Error as error:
            raise ValueError(f"directory.sqlite.path: {self.path} is not a directory database "
                             f"({error}); delete it to recreate it from the seed CSV") from None

    def _uri(self) -> str:
        return self.path.resolve().as_uri() + "?mode=ro"

    def _fetch(self, query: SearchQuery) -> list[Practitioner]:
        keys = list(query.specialties)
        marks = ", ".join("?" for _ in keys)
        city = normalise(query.city)
        with closing(sqlite3.connect(self._uri(), uri=True, timeout=2, check_same_thread=False)) as conn:
            if query.country:
                countries = [query.country]
            elif city:
                countries = [row[0] for row in conn.execute(
                    f"SELECT DISTINCT country FROM practitioners WHERE city_norm = ? "
                    f"AND specialty IN ({marks})", [city, *keys])]
            else:
                countries = []
            if not countries:
                return []
            order = " ".join(f"WHEN ? THEN {i}" for i in range(len(keys)))
            sql = (
                f"SELECT {', '.join(COLUMNS)} FROM practitioners "
                f"WHERE specialty IN ({marks}) AND country IN ({', '.join('?' for _ in countries)}) "
                f"ORDER BY CASE specialty {order} END, city_norm = ? DESC, name_norm, id LIMIT ?"
            )
            params = [*keys, *countries, *keys, city, query.limit * len(keys)]
            return _rows(conn.execute(sql, params))

    def search(self, query: SearchQuery) -> SearchResult:
        if not query.specialties:
            return without_entries("empty", query, self.fallback_search_url, self.name,
                                   "no specialty asked for")
        try:
            entries = rank(self._fetch(query), query)
        except sqlite3.Error as error:
            logger.warning("directory database %s unavailable: %s", self.path, error)
            return without_entries("unavailable", query, self.fallback_search_url, self.name,
                                   f"sqlite: {error}")
        if not entries:
            return without_entries("empty", query, self.fallback_search_url, self.name,
                                   "no entry for this specialty and place")
        return with_entries(entries, query, self.fallback_search_url, self.name)
