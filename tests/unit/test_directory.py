"""The practitioner directory (bot/directory): SQLite ranking, CSV import, the HTTP
backend against a local fake server, search links and configuration. No network."""

from __future__ import annotations

import csv
import json
import socket
import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable, Iterator
from urllib.parse import parse_qs, urlsplit

import pytest

from bot import paths
from bot.cli import build_parser
from bot.cli import main as cli_main
from bot.directory import (
    CsvFileError,
    DirectoryBackend,
    HttpBackend,
    Practitioner,
    SearchLinkBackend,
    SearchQuery,
    SqliteBackend,
    import_csv,
    load_backend,
    load_specialties,
    read_directory_csv,
)

HEADER = "name,specialty,city,country,address,phone,url,sample\n"
SEED = HEADER + """\
Pune Neuro,neurologist,Pune,IN,1 Example Road (sample),+91 00000 00101,,false
Pune MS,ms_clinic,Pune,IN,2 Example Road (sample),,https://example.org/pune-ms,true
Mumbai MS,ms_clinic,Mumbai,IN,3 Example Road (sample),,,true
Mumbai Neuro,neurologist,Mumbai,IN,4 Example Road (sample),,,true
Both Clinic,neurologist,Delhi,IN,5 Example Road (sample),,,true
Both Clinic,ms_clinic,Delhi,IN,5 Example Road (sample),,,true
Chicago MS,ms_clinic,Chicago,US,6 Example Road (sample),+1 312-555-0106,,true
Sao Paulo Neuro,neurologist,São Paulo,BR,7 Example Road (sample),,,true
"""
FALLBACK = "https://example.org/search?q={specialty}%20{city}"


def names(result: Any) -> list[str]:
    return [entry.name for entry in result.entries]


@pytest.fixture
def seed_csv(tmp_path: Path) -> Path:
    path = tmp_path / "seed.csv"
    path.write_text(SEED, encoding="utf-8")
    return path


@pytest.fixture
def directory(tmp_path: Path, seed_csv: Path) -> SqliteBackend:
    return SqliteBackend(tmp_path / "build" / "directory.db", seed_csv, FALLBACK)


# ---- SQLite backend ------------------------------------------------------------------


def test_database_is_created_from_the_seed_csv(tmp_path: Path, seed_csv: Path) -> None:
    db = tmp_path / "new" / "directory.db"
    assert not db.exists()
    backend = SqliteBackend(db, seed_csv)
    assert db.is_file() and isinstance(backend, DirectoryBackend)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM practitioners").fetchone()[0] == 8
        indexes = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"practitioners_specialty_place", "practitioners_city"} <= indexes
    assert not list(db.parent.glob(".directory-*")), "the temporary file is gone"


def test_missing_seed_fails_at_start_up(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="seed_csv"):
        SqliteBackend(tmp_path / "directory.db", tmp_path / "nope.csv")


def test_ranking_specialty_then_city_then_country(directory: SqliteBackend) -> None:
    result = directory.search(SearchQuery(("ms_clinic", "neurologist"), "Pune", "IN", limit=5))
    assert result.status == "ok" and result.backend == "sqlite"
    # MS clinics first (Pune's before the rest of India), then neurologists; the Delhi
    # practice listed under both specialties appears once, at its best rank.
    assert names(result) == ["Pune MS", "Both Clinic", "Mumbai MS", "Pune Neuro", "Mumbai Neuro"]
    assert result.entries[1].specialty == "ms_clinic"
    assert result.search_url is None  # an entry is in Pune


def test_never_another_country(directory: SqliteBackend) -> None:
    in_us = directory.search(SearchQuery(("ms_clinic", "neurologist"), "Pune", "US", limit=10))
    assert names(in_us) == ["Chicago MS"]
    chicago = directory.search(SearchQuery(("neurologist",), "Chicago", "US"))
    assert chicago.status == "empty" and chicago.entries == ()
    # without a country, the country is the one of the queried city's entries
    no_country = directory.search(SearchQuery(("ms_clinic", "neurologist"), "chicago", None, 10))
    assert names(no_country) == ["Chicago MS"]


def test_limit(directory: SqliteBackend) -> None:
    result = directory.search(SearchQuery(("ms_clinic", "neurologist"), "Pune", "IN", limit=2))
    assert names(result) == ["Pune MS", "Both Clinic"]
    one = directory.search(SearchQuery(("neurologist",), "Mumbai", "IN", limit=1))
    assert names(one) == ["Mumbai Neuro"]


@pytest.mark.parametrize("city", ["Pune", "pune", " PUNE ", "Pune\t"])
def test_city_matching_ignores_case_and_spaces(directory: SqliteBackend, city: str) -> None:
    result = directory.search(SearchQuery(("neurologist",), city, "in", limit=1))
    assert names(result) == ["Pune Neuro"]


def test_city_matching_ignores_accents(directory: SqliteBackend) -> None:
    result = directory.search(SearchQuery(("neurologist",), "sao  paulo", None))
    assert names(result) == ["Sao Paulo Neuro"] and result.entries[0].city == "São Paulo"


def test_no_entry_gives_the_fallback_link(directory: SqliteBackend) -> None:
    result = directory.search(SearchQuery(("ms_clinic", "neurologist"), "Nagpur", None))
    assert result.status == "empty" and result.entries == () and not result.sample
    assert result.search_url == "https://example.org/search?q=multiple%20sclerosis%20clinic%20Nagpur"
    assert result.reason


def test_entries_elsewhere_in_the_country_also_carry_the_link(directory: SqliteBackend) -> None:
    result = directory.search(SearchQuery(("neurologist",), "Nagpur", "IN"))
    assert result.status == "ok" and "Pune Neuro" in names(result)
    assert result.search_url == "https://example.org/search?q=neurologist%20Nagpur"


def test_sample_flag(directory: SqliteBackend) -> None:
    real = directory.search(SearchQuery(("neurologist",), "Pune", "IN", limit=1))
    assert names(real) == ["Pune Neuro"] and real.sample is False
    assert real.entries[0] == Practitioner("Pune Neuro", "neurologist", "Pune", "IN",
                                           "1 Example Road (sample)", "+91 00000 00101", "", False)
    mixed = directory.search(SearchQuery(("ms_clinic", "neurologist"), "Pune", "IN"))
    assert mixed.sample is True


def test_missing_database_is_unavailable_not_an_exception(directory: SqliteBackend) -> None:
    directory.path.unlink()
    result = directory.search(SearchQuery(("neurologist",), "Pune", "IN"))
    assert result.status == "unavailable" and result.entries == ()
    assert result.search_url == "https://example.org/search?q=neurologist%20Pune"


def test_searches_from_worker_threads(directory: SqliteBackend) -> None:
    query = SearchQuery(("ms_clinic", "neurologist"), "Pune", "IN")
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: directory.search(query), range(32)))
    assert {tuple(names(r)) for r in results} == {("Pune MS", "Both Clinic", "Mumbai MS")}


def test_query_normalises_its_fields() -> None:
    query = SearchQuery(("MS_Clinic", "neurologist", "ms_clinic"), "  Pune ", "in")
    assert query == SearchQuery(("ms_clinic", "neurologist"), "Pune", "IN", 3)
    with pytest.raises(ValueError):
        SearchQuery(("neurologist",), "Pune", "IN", limit=0)


# ---- the shipped sample data ---------------------------------------------------------


def test_sample_directory_is_valid_fictional_and_covers_the_cities() -> None:
    path = paths.DATA / "directory" / "sample_directory.csv"
    report = read_directory_csv(path)
    assert report.rejected == []
    entries = [entry for _, entry in report.entries]
    assert 20 <= len(entries) <= 30
    assert all(e.sample and "(demo data)" in e.name for e in entries)
    assert all(not e.url or e.url.startswith("https://example.org/") for e in entries)
    assert all("(sample)" in e.address for e in entries)
    for entry in entries:
        if entry.country in ("US", "CA"):
            assert "-555-01" in entry.phone, entry.phone
    cities = {(e.city, e.country) for e in entries}
    for place in [("Pune", "IN"), ("Mumbai", "IN"), ("Delhi", "IN"), ("Bengaluru", "IN"),
                  ("Hyderabad", "IN"), ("Chicago", "US"), ("Manchester", "GB"),
                  ("London", "GB"), ("Sydney", "AU"), ("Toronto", "CA")]:
        assert place in cities, place
    assert not any(e.city == "Nagpur" for e in entries)
    pune = {e.specialty for e in entries if e.city == "Pune"}
    assert {"neurologist", "ms_clinic", "paediatric_neurologist"} <= pune
    assert {e.specialty for e in entries} >= {"neurologist", "ms_clinic", "stroke_service",
                                               "rehabilitation", "paediatric_neurologist",
                                               "physiotherapist", "spine_specialist"}
    assert {e.specialty for e in entries} <= set(load_specialties())


# ---- CSV import ----------------------------------------------------------------------

GOOD = HEADER + """\
Good One,neurologist,Pune,IN,1 Example Road,,,false
Good Two,Multiple Sclerosis (MS) clinic,London,UK,,+44 20 7946 0102,,
Good Three,stroke_service,Toronto,Canada,,,https://example.org/three,true
"""

BAD_ROWS = [
    (",neurologist,Pune,IN,1 Example Road,,,", "name is missing"),
    ("No Specialty,,Pune,IN,1 Example Road,,,", "specialty is missing"),
    ("Bad Specialty,dentist,Pune,IN,1 Example Road,,,", "unknown specialty 'dentist'"),
    ("No City,neurologist,,IN,1 Example Road,,,", "city is missing"),
    ("No Country,neurologist,Pune,,1 Example Road,,,", "country is missing"),
    ("Bad Country,neurologist,Pune,Atlantis,1 Example Road,,,", "unknown country 'Atlantis'"),
    ("No Contact,neurologist,Pune,IN,,,,", "needs at least one of address, phone, url"),
    ("Bad Phone,neurologist,Pune,IN,,call us,,", "phone 'call us' does not look like a phone number"),
    ("Short Phone,neurologist,Pune,IN,,+91 12,,", "phone '+91 12' does not look like a phone number"),
    ("Ftp Url,neurologist,Pune,IN,,,ftp://example.org/x,", "url 'ftp://example.org/x' is not an http(s) URL"),
    ("No Host,neurologist,Pune,IN,,,https://,", "url 'https://' is not an http(s) URL"),
    ("Bad Sample,neurologist,Pune,IN,1 Example Road,,,maybe", "sample must be true or false"),
    ("Good One,NEUROLOGIST,pune,IN,9 Example Road,,,", "duplicate of line 2"),
]


def test_good_rows_are_imported(tmp_path: Path) -> None:
    source = tmp_path / "good.csv"
    source.write_text(GOOD, encoding="utf-8")
    report = import_csv(source, tmp_path / "d.db")
    assert (report.imported, report.rejected, report.total, report.sample_rows) == (3, [], 3, 1)
    backend = SqliteBackend(tmp_path / "d.db")
    two = backend.search(SearchQuery(("ms_clinic",), "London", "GB"))
    assert two.entries == (Practitioner("Good Two", "ms_clinic", "London", "GB", "",
                                        "+44 20 7946 0102", "", False),)
    three = backend.search(SearchQuery(("stroke_service",), "toronto", None))
    assert names(three) == ["Good Three"] and three.entries[0].country == "CA" and three.sample


def test_each_bad_row_is_rejected_with_its_line_and_reason(tmp_path: Path) -> None:
    source = tmp_path / "bad.csv"
    # a quoted address over two lines: the following rows keep their file line numbers
    source.write_text(GOOD.splitlines()[0] + "\n" + GOOD.splitlines()[1] + "\n"
                      + 'Two Lines,neurologist,Delhi,IN,"1 Example Road\nDelhi",,,\n'
                      + "".join(row + "\n" for row, _ in BAD_ROWS), encoding="utf-8")
    report = import_csv(source, tmp_path / "d.db")
    assert report.imported == 2
    assert [r.line for r in report.rejected] == list(range(5, 5 + len(BAD_ROWS)))
    for rejection, (_, reason) in zip(report.rejected, BAD_ROWS, strict=True):
        assert reason in rejection.reason, (rejection, reason)
    assert str(report.rejected[0]) == "line 5: name is missing"


def test_several_problems_in_one_row_are_all_named(tmp_path: Path) -> None:
    source = tmp_path / "bad.csv"
    source.write_text(HEADER + ",dentist,,XX,,,,\n", encoding="utf-8")
    (rejection,) = read_directory_csv(source).rejected
    assert rejection.line == 2
    for part in ("name is missing", "unknown specialty", "city is missing", "unknown country",
                 "needs at least one of"):
        assert part in rejection.reason


def test_rows_already_in_the_database_and_replace(tmp_path: Path) -> None:
    source, db = tmp_path / "good.csv", tmp_path / "d.db"
    source.write_text(GOOD, encoding="utf-8")
    import_csv(source, db)
    again = import_csv(source, db)
    assert again.imported == 0 and again.total == 3
    assert [(r.line, r.reason.split(" (")[0]) for r in again.rejected] == [
        (2, "already in the directory"), (3, "already in the directory"), (4, "already in the directory")]
    replaced = import_csv(source, db, replace=True)
    assert (replaced.imported, replaced.rejected, replaced.total) == (3, [], 3)


def test_replace_drops_the_seeded_sample_rows(directory: SqliteBackend, tmp_path: Path) -> None:
    source = tmp_path / "good.csv"
    source.write_text(GOOD, encoding="utf-8")
    kept = import_csv(source, directory.path)
    assert (kept.total, kept.sample_rows) == (11, 8)
    replaced = import_csv(source, directory.path, replace=True)
    assert (replaced.total, replaced.sample_rows) == (3, 1)
    assert directory.search(SearchQuery(("ms_clinic",), "Pune", "IN")).status == "empty"


@pytest.mark.parametrize(
    "content, message",
    [("name,specialty,city,address\nA,neurologist,Pune,1 Road\n", "country"),
     ("name,specialty,city,country\nA,neurologist,Pune,IN\n", "address/phone/url"),
     ("", "empty")],
)
def test_a_file_without_the_required_columns_is_refused(tmp_path: Path, content: str, message: str) -> None:
    source = tmp_path / "x.csv"
    source.write_text(content, encoding="utf-8")
    with pytest.raises(CsvFileError, match=message):
        read_directory_csv(source)


def test_cli_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, db = tmp_path / "mixed.csv", tmp_path / "d.db"
    source.write_text(GOOD + BAD_ROWS[2][0] + "\n" + BAD_ROWS[7][0] + "\n", encoding="utf-8")
    assert cli_main(["directory", "import", str(source), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "Imported 3 row(s)" in out and "Rejected 2 row(s)" in out
    assert "  line 5: unknown specialty 'dentist'" in out
    assert "  line 6: phone 'call us' does not look like a phone number" in out
    assert cli_main(["directory", "import", str(source), "--db", str(db), "--replace"]) == 0
    assert "Imported 3 row(s)" in capsys.readouterr().out


def test_cli_import_errors_exit_1_without_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["directory", "import", str(tmp_path / "missing.csv"), "--db", str(tmp_path / "d.db")]) == 1
    err = capsys.readouterr().err
    assert "no such file" in err and "Traceback" not in err
    columns = tmp_path / "columns.csv"
    columns.write_text("name,city\nA,Pune\n", encoding="utf-8")
    assert cli_main(["directory", "import", str(columns), "--db", str(tmp_path / "d.db")]) == 1
    assert "lacks the column(s): specialty, country" in capsys.readouterr().err
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\xff\xfe\x00name")
    assert cli_main(["directory", "import", str(binary), "--db", str(tmp_path / "d.db")]) == 1
    assert "not UTF-8" in capsys.readouterr().err


def test_cli_search(directory: SqliteBackend, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(directory.path)
    assert cli_main(["directory", "search", "--specialty", "ms_clinic", "--specialty", "neurologist",
                     "--city", "Pune", "--country", "India", "--db", db]) == 0
    out = capsys.readouterr().out
    assert out.index("Pune MS") < out.index("Both Clinic") < out.index("Mumbai MS")
    assert "SAMPLE DATA" in out
    assert cli_main(["directory", "search", "--specialty", "neurologist", "--city", "Nagpur",
                     "--db", db]) == 0
    assert "Search link: https://www.openstreetmap.org/search?query=neurologist%20Nagpur" in capsys.readouterr().out
    assert cli_main(["directory", "search", "--specialty", "dentist", "--db", db]) == 1
    assert "unknown specialty 'dentist'" in capsys.readouterr().err


def test_cli_lists_the_directory_commands() -> None:
    assert "directory" in build_parser().format_help()
    with pytest.raises(SystemExit):
        cli_main(["directory"])  # a subcommand is required (argparse usage error)


# ---- HTTP backend --------------------------------------------------------------------


class FakeDirectory(ThreadingHTTPServer):
    """A local directory API; ``routes`` maps a path to a handler."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), FakeHandler)
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.routes: dict[str, Callable[[FakeHandler, dict[str, list[str]]], None]] = {}

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # the client hung up on a slow route: expected

    def url(self, route: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{route}"


class FakeHandler(BaseHTTPRequestHandler):
    server: FakeDirectory

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        parts = urlsplit(self.path)
        self.server.requests.append((self.path, dict(self.headers.items())))
        self.server.routes[parts.path](self, parse_qs(parts.query))

    def send(self, status: int, body: bytes, content_type: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def api() -> Iterator[FakeDirectory]:
    server = FakeDirectory()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def item(name: str, specialty: str = "neurologist", city: str = "Pune", country: str = "IN",
         **extra: Any) -> dict[str, Any]:
    return {"name": name, "specialty": specialty, "city": city, "country": country,
            "address": "1 Example Road", "phone": "+91 00000 00101", "url": "", **extra}


def results(*items: Any) -> Callable[[FakeHandler, dict[str, list[str]]], None]:
    return lambda handler, _: handler.send(200, json.dumps({"results": list(items)}).encode())


TEMPLATE = "/api?specialty={specialty}&city={city}&country={country}"


def test_http_ok(api: FakeDirectory) -> None:
    api.routes["/api"] = results(item("API Neuro"), item("API Neuro Mumbai", city="Mumbai"))
    backend = HttpBackend(api.url(TEMPLATE), timeout=2, fallback_search_url=FALLBACK)
    result = backend.search(SearchQuery(("neurologist",), "New Pune", "IN"))
    assert result.status == "ok" and result.backend == "http" and not result.sample
    assert names(result) == ["API Neuro", "API Neuro Mumbai"]
    assert result.entries[0] == Practitioner("API Neuro", "neurologist", "Pune", "IN",
                                             "1 Example Road", "+91 00000 00101", "", False)
    path, headers = api.requests[0]
    assert path == "/api?specialty=neurologist&city=New%20Pune&country=IN"
    assert "Authorization" not in headers


def test_http_asks_each_specialty_until_enough(api: FakeDirectory) -> None:
    by_specialty = {"ms_clinic": [item("MS One", "ms_clinic")],
                    "neurologist": [item("Neuro One"), item("Neuro Two")]}
    api.routes["/api"] = lambda h, q: h.send(200, json.dumps({"results": by_specialty[q["specialty"][0]]}).encode())
    backend = HttpBackend(api.url(TEMPLATE), timeout=2)
    result = backend.search(SearchQuery(("ms_clinic", "neurologist"), "Pune", "IN", limit=3))
    assert names(result) == ["MS One", "Neuro One", "Neuro Two"]
    assert len(api.requests) == 2
    api.requests.clear()
    assert names(backend.search(SearchQuery(("ms_clinic", "neurologist"), "Pune", "IN", limit=1))) == ["MS One"]
    assert len(api.requests) == 1


def test_http_invalid_items_and_other_countries_are_dropped(api: FakeDirectory) -> None:
    api.routes["/api"] = results(
        item(""), item("Bad Phone", phone="call us", address="", url=""), item("Bad Specialty", "dentist"),
        "not an object", item("Elsewhere", country="US", city="Chicago"), item("Kept"),
        {"name": "No Specialty Field", "city": "Pune", "country": "India", "url": "https://example.org/x"},
    )
    result = HttpBackend(api.url(TEMPLATE), timeout=2).search(SearchQuery(("neurologist",), "Pune", "IN", 10))
    assert names(result) == ["Kept", "No Specialty Field"]
    assert result.entries[1].specialty == "neurologist" and result.entries[1].country == "IN"


def test_http_sends_the_api_key_from_the_environment(api: FakeDirectory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEST_DIRECTORY_KEY", "s3cret-key")
    api.routes["/api"] = results(item("API Neuro"))
    backend = HttpBackend(api.url(TEMPLATE), timeout=2, api_key_env="TEST_DIRECTORY_KEY")
    result = backend.search(SearchQuery(("neurologist",), "Pune", "IN"))
    assert api.requests[-1][1]["Authorization"] == "Bearer s3cret-key"
    assert "s3cret" not in repr(result) and "s3cret" not in repr(backend)
    custom = HttpBackend(api.url(TEMPLATE), timeout=2, api_key_env="TEST_DIRECTORY_KEY",
                         api_key_header="X-Api-Key")
    custom.search(SearchQuery(("neurologist",), "Pune", "IN"))
    assert api.requests[-1][1]["X-Api-Key"] == "s3cret-key" and "Authorization" not in api.requests[-1][1]
    monkeypatch.delenv("TEST_DIRECTORY_KEY")
    backend.search(SearchQuery(("neurologist",), "Pune", "IN"))
    assert "Authorization" not in api.requests[-1][1]


def test_http_500_is_unavailable(api: FakeDirectory) -> None:
    api.routes["/api"] = lambda h, _: h.send(500, b"oops", "text/plain")
    result = HttpBackend(api.url(TEMPLATE), timeout=2, fallback_search_url=FALLBACK).search(
        SearchQuery(("neurologist",), "Pune", "IN"))
    assert (result.status, result.entries, result.reason) == ("unavailable", (), "HTTP 500")
    assert result.search_url == "https://example.org/search?q=neurologist%20Pune"


def test_http_redirects_are_not_followed(api: FakeDirectory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEST_DIRECTORY_KEY", "s3cret-key")

    def redirect(handler: FakeHandler, _: Any) -> None:
        handler.send_response(302)
        handler.send_header("Location", "/elsewhere")
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    api.routes["/api"] = redirect
    api.routes["/elsewhere"] = results(item("Should Not Be Reached"))
    result = HttpBackend(api.url(TEMPLATE), timeout=2, api_key_env="TEST_DIRECTORY_KEY").search(
        SearchQuery(("neurologist",), "Pune", "IN"))
    assert result.status == "unavailable" and result.reason == "HTTP 302"
    assert [path for path, _ in api.requests] == ["/api?specialty=neurologist&city=Pune&country=IN"]


def test_http_slow_response_is_unavailable_within_the_timeout(api: FakeDirectory) -> None:
    def slow(handler: FakeHandler, _: Any) -> None:
        time.sleep(2)
        handler.send(200, json.dumps({"results": [item("Too Late")]}).encode())

    api.routes["/api"] = slow
    backend = HttpBackend(api.url(TEMPLATE), timeout=0.5)
    started = time.monotonic()
    result = backend.search(SearchQuery(("neurologist", "ms_clinic", "rehabilitation"), "Pune", "IN"))
    took = time.monotonic() - started
    assert result.status == "unavailable" and "timed out" in result.reason
    assert result.search_url is not None
    assert took < 1.0, took


def test_http_trickling_body_is_cut_at_the_deadline(api: FakeDirectory) -> None:
    def trickle(handler: FakeHandler, _: Any) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", "1000")
        handler.end_headers()
        for _ in range(40):
            handler.wfile.write(b" ")
            handler.wfile.flush()
            time.sleep(0.05)

    api.routes["/api"] = trickle
    started = time.monotonic()
    result = HttpBackend(api.url(TEMPLATE), timeout=0.5).search(SearchQuery(("neurologist",), "Pune", "IN"))
    assert result.status == "unavailable" and "timed out" in result.reason
    assert time.monotonic() - started < 1.0


@pytest.mark.parametrize("body", [b"not json", b"[1, 2]", b'{"results": "none"}', b"\xff\xfe"])
def test_http_bad_json_is_unavailable(api: FakeDirectory, body: bytes) -> None:
    api.routes["/api"] = lambda h, _: h.send(200, body)
    result = HttpBackend(api.url(TEMPLATE), timeout=2).search(SearchQuery(("neurologist",), "Pune", "IN"))
    assert result.status == "unavailable" and result.reason.startswith("bad JSON")


def test_http_empty_results_are_empty_with_a_link(api: FakeDirectory) -> None:
    api.routes["/api"] = results()
    result = HttpBackend(api.url(TEMPLATE), timeout=2, fallback_search_url=FALLBACK).search(
        SearchQuery(("ms_clinic",), "Nagpur", "IN"))
    assert result.status == "empty"
    assert result.search_url == "https://example.org/search?q=multiple%20sclerosis%20clinic%20Nagpur"


def test_http_connection_refused_is_unavailable() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    backend = HttpBackend(f"http://127.0.0.1:{port}" + TEMPLATE, timeout=1)
    result = backend.search(SearchQuery(("neurologist",), "Pune", "IN"))
    assert result.status == "unavailable" and result.reason.startswith("connection failed")
    assert result.search_url is not None


# ---- search links --------------------------------------------------------------------


def test_search_link_encodes_the_search_term_and_city() -> None:
    backend = SearchLinkBackend("https://example.org/find?q={specialty}&near={city}&c={country}")
    result = backend.search(SearchQuery(("ms_clinic", "neurologist"), "New York", "US"))
    assert (result.status, result.entries, result.backend) == ("empty", (), "search_link")
    assert result.search_url == "https://example.org/find?q=multiple%20sclerosis%20clinic&near=New%20York&c=US"


def test_search_link_without_a_city_uses_the_country_name() -> None:
    result = SearchLinkBackend().search(SearchQuery(("neurologist",), None, "GB"))
    assert result.search_url == "https://www.openstreetmap.org/search?query=neurologist%20United%20Kingdom"


# ---- configuration -------------------------------------------------------------------


def test_load_backend_builds_each_backend(tmp_path: Path, seed_csv: Path) -> None:
    sqlite_backend = load_backend({"backend": "sqlite", "fallback_search_url": FALLBACK,
                                   "sqlite": {"path": str(tmp_path / "d.db"), "seed_csv": str(seed_csv)}})
    assert isinstance(sqlite_backend, SqliteBackend) and sqlite_backend.fallback_search_url == FALLBACK
    assert names(sqlite_backend.search(SearchQuery(("neurologist",), "Pune", "IN", 1))) == ["Pune Neuro"]
    http_backend = load_backend({"backend": "http", "http": {
        "url": "https://api.example.org/v1?s={specialty}&t={search_term}&c={city}", "timeout": 1.5,
        "api_key_env": "SOME_KEY"}})
    assert isinstance(http_backend, HttpBackend)
    assert (http_backend.timeout, http_backend.api_key_env, http_backend.api_key_header) == (1.5, "SOME_KEY", "Authorization")
    link_backend = load_backend({"backend": "search_link",
                                 "search_link": {"url": "https://example.org/?q={specialty}+{city}"}})
    assert isinstance(link_backend, SearchLinkBackend)
    assert link_backend.search(SearchQuery(("neurologist",), "Pune", "IN")).search_url == "https://example.org/?q=neurologist+Pune"


def test_load_backend_reads_the_endpoints_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text("action_endpoint: {url: 'http://127.0.0.1:5055/webhook'}\n"
                         "directory:\n  backend: search_link\n"
                         "  search_link: {url: 'https://example.org/s?q={specialty}&l={city}'}\n")
    monkeypatch.setenv("CLONUS_ENDPOINTS", str(endpoints))
    backend = load_backend()
    assert isinstance(backend, SearchLinkBackend) and backend.url == "https://example.org/s?q={specialty}&l={city}"


def test_the_project_endpoints_file_configures_the_sqlite_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.directory.config import load_directory_config

    monkeypatch.delenv("CLONUS_ENDPOINTS", raising=False)
    config = load_directory_config()
    assert config["backend"] == "sqlite"
    assert config["fallback_search_url"] == "https://www.openstreetmap.org/search?query={specialty}%20{city}"
    assert config["sqlite"] == {"path": "build/directory.db", "seed_csv": "data/directory/sample_directory.csv"}
    assert config["http"]["api_key_env"] == "CLONUS_DIRECTORY_API_KEY"
    for name in ("http", "search_link"):  # the documented alternatives are valid as written
        assert load_backend({**config, "backend": name}).name == name


@pytest.mark.parametrize(
    "config, message",
    [({"backend": "postgres"}, "unknown backend 'postgres'"),
     ({"backend": "http"}, "directory.http.url: required"),
     ({"backend": "http", "http": {"url": "https://x.org/?q={specialty}", "timeout": "soon"}}, "timeout"),
     ({"backend": "http", "http": {"url": "https://x.org/?q={specialty}", "timeout": -1}}, "timeout"),
     ({"backend": "http", "http": {"url": "https://x.org/?q={town}"}}, "unknown placeholder"),
     ({"backend": "http", "http": {"url": "ftp://x.org/?q={specialty}"}}, "not an http"),
     ({"backend": "search_link", "search_link": {"url": "https://x.org/?q={specialty}"}}, "needs {city}"),
     ({"fallback_search_url": "https://x.org/?q={specialty"}, "malformed"),
     ({"backend": "sqlite", "sqlite": {"pth": "x.db"}}, "unknown key"),
     ({"backend": "sqlite", "sqlite": "x.db"}, "expected a mapping"),
     ({"backnd": "sqlite"}, "unknown key"),
     ({"backend": "sqlite", "sqlite": {"path": "/nonexistent-dir-for-test/d.db",
                                       "seed_csv": "/nonexistent-dir-for-test/seed.csv"}}, "seed_csv")],
)
def test_bad_config_fails_at_start_up(config: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("{", r"\{").replace("(", r"\(")):
        load_backend(config)


def test_sample_csv_columns_match_the_importer() -> None:
    with (paths.DATA / "directory" / "sample_directory.csv").open(encoding="utf-8") as handle:
        assert next(csv.reader(handle)) == HEADER.strip().split(",")


def test_a_file_that_is_not_a_directory_database_fails_at_start_up(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_text("not a database", encoding="utf-8")
    with pytest.raises(ValueError, match="is not a directory database"):
        SqliteBackend(junk)
