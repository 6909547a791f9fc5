"""Figures of one Locust run (its ``--csv`` files) and the capacity step search.

``RunFigures.from_csv`` reads ``<prefix>_stats.csv`` (the "Aggregated" row: turns, failures,
percentiles, rate) and ``<prefix>_stats_history.csv`` (the most users held at once).
A request in these files is one *turn*: a message and its whole answer (see the locustfile).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

#: The capacity search keeps the steps whose 95th percentile is below this (ms).
P95_LIMIT_MS = 1000.0
#: ... and whose errors stay below this share of the messages.
ERROR_LIMIT = 0.001


def _number(value: Optional[str]) -> float:
    try:
        return float(value) if value not in (None, "", "N/A") else 0.0
    except ValueError:
        return 0.0


@dataclass
class RunFigures:
    users_target: int
    users_held: int
    messages: int
    errors: int
    seconds: float
    per_second: float
    p50: float
    p95: float
    p99: float

    @property
    def error_share(self) -> float:
        return self.errors / self.messages if self.messages else 1.0

    def line(self) -> str:
        return (f"users held {self.users_held}/{self.users_target}, {self.messages} messages "
                f"in {self.seconds:.0f} s = {self.per_second:.1f} messages/s, latency ms "
                f"p50 {self.p50:.0f} p95 {self.p95:.0f} p99 {self.p99:.0f}, errors "
                f"{self.errors} ({100 * self.error_share:.2f} %)")

    @classmethod
    def from_csv(cls, prefix: Path, users_target: int, seconds: float) -> "RunFigures":
        with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
            rows = [row for row in csv.DictReader(handle) if row.get("Name") == "Aggregated"]
        row = rows[0] if rows else {}
        held = 0
        history = Path(f"{prefix}_stats_history.csv")
        if history.exists():
            with open(history, encoding="utf-8") as handle:
                held = max((int(_number(r.get("User Count"))) for r in csv.DictReader(handle)),
                           default=0)
        messages = int(_number(row.get("Request Count")))
        return cls(users_target=users_target, users_held=held, messages=messages,
                   errors=int(_number(row.get("Failure Count"))), seconds=seconds,
                   per_second=messages / seconds if seconds else 0.0,
                   p50=_number(row.get("50%")), p95=_number(row.get("95%")),
                   p99=_number(row.get("99%")))


def within_limits(figures: RunFigures) -> bool:
    return (figures.messages > 0 and figures.p95 < P95_LIMIT_MS
            and figures.error_share <= ERROR_LIMIT)


def best_step(steps: Sequence[RunFigures]) -> Optional[RunFigures]:
    """The step with the most messages/s among those within the limits (p95, errors)."""
    good = [step for step in steps if within_limits(step)]
    return max(good, key=lambda step: step.per_second) if good else None
