"""A remote directory API over HTTP(S) (standard library only).

``url`` template placeholders (URL-encoded): ``{specialty}`` the specialty *key*
(``ms_clinic``; the same keys the API's items carry), ``{search_term}`` its search term
("multiple sclerosis clinic"), ``{city}`` and ``{country}`` (ISO-2), empty when unknown.

The API answers ``{"results": [{name, specialty, city, country, address, phone, url}, ...]}``.
Items are validated like CSV rows (an item without ``specialty`` counts as the specialty
asked for); invalid ones are dropped. The backend asks for each specialty in preference
order until it has ``limit`` entries, all within one overall deadline of ``timeout``
seconds (each request gets the time left; responses are read in chunks against the
deadline). Redirects are not followed (the API key must not travel to another host).
"""

from __future__ import annotations

import json
import logging
import os
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Optional
from urllib.parse import quote

from bot.directory.models import Practitioner, SearchQuery, SearchResult, rank, search_term
from bot.directory.search_link import (
    DEFAULT_FALLBACK_SEARCH_URL,
    PLACEHOLDERS,
    check_template,
    with_entries,
    without_entries,
)
from bot.directory.validation import InvalidRecord, validate_record

logger = logging.getLogger(__name__)

MAX_RESPONSE_BYTES = 1024 * 1024
HTTP_PLACEHOLDERS = PLACEHOLDERS | {"search_term"}


class Unavailable(Exception):
    """The API could not answer (the message is the reason, for logs)."""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:  # type: ignore[override]
        return None  # urllib then raises HTTPError for the 3xx status


_OPENER = urllib.request.build_opener(_NoRedirect)


@dataclass
class HttpBackend:
    """Entries from a JSON directory API."""

    url: str
    timeout: float = 3.0
    api_key_env: Optional[str] = None
    api_key_header: str = "Authorization"
    fallback_search_url: str = DEFAULT_FALLBACK_SEARCH_URL
    name: str = "http"

    def __post_init__(self) -> None:
        self.url = check_template(self.url, "directory.http.url", required=(),
                                  allowed=HTTP_PLACEHOLDERS)
        try:
            self.timeout = float(self.timeout)
        except (TypeError, ValueError):
            raise ValueError(f"directory.http.timeout: expected seconds, got {self.timeout!r}") from None
        if not 0 < self.timeout <= 60:
            raise ValueError(f"directory.http.timeout: expected 0 < seconds <= 60, got {self.timeout}")
        if self.api_key_env is not None and (not isinstance(self.api_key_env, str)
                                             or not self.api_key_env.strip()):
            raise ValueError("directory.http.api_key_env: expected the name of an environment variable")
        if not isinstance(self.api_key_header, str) or not self.api_key_header.strip():
            raise ValueError("directory.http.api_key_header: expected a header name")

    def _headers(self) -> dict[str, str]:
        headers = {"Accept": "application/json", "User-Agent": "clonus-assistant-directory/1"}
        key = os.environ.get(self.api_key_env, "").strip() if self.api_key_env else ""
        if key:
            bearer = self.api_key_header.lower() == "authorization"
            headers[self.api_key_header] = f"Bearer {key}" if bearer else key
        return headers

    def _get(self, url: str, deadline: float) -> object:
        """The decoded JSON at ``url``, or Unavailable (never mentions the API key)."""
        left = deadline - time.monotonic()
        if left <= 0:
            raise Unavailable(f"timed out after {self.timeout:g} s")
        request = urllib.request.Request(url, headers=self._headers(), method="GET")
        try:
            with _OPENER.open(request, timeout=left) as response:
                chunks: list[bytes] = []
                size = 0
                while True:
                    if time.monotonic() > deadline:
                        raise Unavailable(f"timed out after {self.timeout:g} s")
                    chunk = response.read1(16384)
                    if not chunk:
                        break
                    size += len(chunk)
                    if size > MAX_RESPONSE_BYTES:
                        raise Unavailable(f"response larger than {MAX_RESPONSE_BYTES} bytes")
                    chunks.append(chunk)
        except urllib.error.HTTPError as error:
            error.close()
            raise Unavailable(f"HTTP {error.code}") from None
        except urllib.error.URLError as error:
            if isinstance(error.reason, (socket.timeout, TimeoutError)):
                raise Unavailable(f"timed out after {self.timeout:g} s") from None
            raise Unavailable(f"connection failed: {error.reason}") from None
        except (socket.timeout, TimeoutError):
            raise Unavailable(f"timed out after {self.timeout:g} s") from None
        except (OSError, ValueError) as error:  # reset connections, bad status lines...
            raise Unavailable(f"connection failed: {type(error).__name__}") from None
        try:
            return json.loads(b"".join(chunks).decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as error:
            raise Unavailable(f"bad JSON: {error}") from None

    def _url(self, key: str, query: SearchQuery) -> str:
        values = {"specialty": key, "search_term": search_term(key), "city": query.city or "",
                  "country": query.country or ""}
        return self.url.format(**{k: quote(v, safe="") for k, v in values.items()})

    @staticmethod
    def _items(data: object, key: str) -> list[Practitioner]:
        if not isinstance(data, dict) or not isinstance(data.get("results"), list):
            raise Unavailable('bad JSON: expected {"results": [...]}')
        entries = []
        for item in data["results"]:
            if not isinstance(item, dict):
                continue
            try:
                entries.append(validate_record({"specialty": key, **item}))
            except InvalidRecord as error:
                logger.debug("directory API item dropped: %s", error)
        return entries

    def search(self, query: SearchQuery) -> SearchResult:
        if not query.specialties:
            return without_entries("empty", query, self.fallback_search_url, self.name,
                                   "no specialty asked for")
        deadline = time.monotonic() + self.timeout
        found: list[Practitioner] = []
        entries: tuple[Practitioner, ...] = ()
        problem = ""
        for key in query.specialties:
            try:
                found.extend(self._items(self._get(self._url(key, query), deadline), key))
            except Unavailable as error:
                problem = str(error)
                break
            except Exception as error:  # noqa: BLE001 - never raise at query time
                problem = f"unexpected error: {type(error).__name__}"
                break
            entries = rank(found, query)
            if len(entries) >= query.limit:
                break
        if problem:
            logger.warning("directory API unavailable: %s", problem)
        if entries:  # what arrived before a later request failed is still good
            return with_entries(entries, query, self.fallback_search_url, self.name, problem)
        if problem:
            return without_entries("unavailable", query, self.fallback_search_url, self.name, problem)
        return without_entries("empty", query, self.fallback_search_url, self.name,
                               "no entry for this specialty and place")
