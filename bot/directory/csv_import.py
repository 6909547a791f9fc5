"""Read a directory CSV, validating every row (``bot.directory.sqlite`` imports the rows).

Columns: name, specialty, city, country, address, phone, url, and optionally sample
(true/false). name, specialty, city and country are required columns, and at least one
of address, phone, url. Other columns are ignored. Line numbers are the file's (header = 1).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from bot.directory.models import Practitioner, normalise
from bot.directory.validation import InvalidRecord, validate_record

REQUIRED_COLUMNS = ("name", "specialty", "city", "country")
CONTACT_COLUMNS = ("address", "phone", "url")
MAX_FILE_BYTES = 50 * 1024 * 1024


class CsvFileError(Exception):
    """The file as a whole cannot be imported (missing, unreadable, lacks columns)."""


@dataclass(frozen=True)
class Rejection:
    """A rejected row: its line in the file and why."""

    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass
class CsvReport:
    """The valid rows (with their line numbers) and the rejected ones."""

    entries: list[tuple[int, Practitioner]] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)


def read_directory_csv(path: Path) -> CsvReport:
    """Every row of the file, validated; CsvFileError when the file itself is unusable."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise CsvFileError(f"{path} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CsvFileError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise CsvFileError(f"{path} is a folder, not a CSV file") from None
    except UnicodeDecodeError:
        raise CsvFileError(f"{path} is not UTF-8 text") from None
    except OSError as error:
        raise CsvFileError(f"{path} cannot be read ({error.strerror or error})") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise CsvFileError(f"{path} is empty (expected a header line)") from None
    except csv.Error as error:
        raise CsvFileError(f"{path}: the header line is not valid CSV ({error})") from None
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if not any(c in header for c in CONTACT_COLUMNS):
        missing.append("address/phone/url (at least one)")
    if missing:
        raise CsvFileError(f"{path} lacks the column(s): {', '.join(missing)} "
                           f"(header: {', '.join(h for h in header if h) or 'empty'})")
    report = CsvReport()
    seen: dict[tuple[str, str, str, str], int] = {}
    line = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            report.rejected.append(Rejection(line, f"not valid CSV ({error})"))
            line = reader.line_num + 1
            continue
        start, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue  # blank line
        if len(row) > len(header):
            report.rejected.append(Rejection(start, f"{len(row)} fields but the header has {len(header)}"))
            continue
        record = dict(zip(header, row, strict=False))
        try:
            entry = validate_record(record)
        except InvalidRecord as error:
            report.rejected.append(Rejection(start, str(error)))
            continue
        identity = (normalise(entry.name), entry.specialty, normalise(entry.city), entry.country)
        if identity in seen:
            report.rejected.append(Rejection(start, f"duplicate of line {seen[identity]} "
                                                    "(same name, specialty and city)"))
            continue
        seen[identity] = start
        report.entries.append((start, entry))
    return report
