"""Pure helpers of ``make bench``: percentiles, the side-by-side table, ratios and budgets.

No I/O and no clock here, so every function is unit-tested (``tests/unit/test_bench_helpers.py``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Optional

#: The budgets of the NLU issue, relative to Rasa's starter bot measured in the same run.
P50_RATIO_MAX = 1.0  # our single-sender p50 no slower than the starter's
THROUGHPUT_RATIO_MIN = 1.5  # our 8-sender throughput at least 1.5x the starter's
RSS_MAX_MB = 1500.0  # our Rasa server's peak RSS (1.5 GB)


def percentile(values: list[float], pct: float) -> float:
    """The ``pct`` percentile by linear interpolation between closest ranks (NumPy's default).

    Raises ``ValueError`` for an empty list or a percentile outside 0-100.
    """
    if not values:
        raise ValueError("percentile of no values")
    if not 0 <= pct <= 100:
        raise ValueError(f"percentile {pct} outside 0-100")
    ordered = sorted(values)
    rank = pct / 100 * (len(ordered) - 1)
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass
class BotFigures:
    """What was measured for one bot (latencies in ms, wall times in s)."""

    name: str
    single: list[float] = field(default_factory=list)  # one sender: each message's latency
    multi: list[float] = field(default_factory=list)  # 8 senders: each message's latency
    multi_wall: float = 0.0  # summed wall time of the 8-sender batches
    errors: int = 0  # failed requests (no HTTP 200)
    empty: int = 0  # HTTP 200 with no message
    rss_mb: float = 0.0
    startup_s: Optional[float] = None
    round_p50: list[float] = field(default_factory=list)  # one-sender p50 of each round
    round_throughput: list[float] = field(default_factory=list)  # 8-sender msg/s of each round

    def add_single(self, latencies: list[float], errors: int, empty: int) -> None:
        self.single += latencies
        self.errors += errors
        self.empty += empty
        if latencies:
            self.round_p50.append(percentile(latencies, 50))

    def add_multi(self, latencies: list[float], wall: float, errors: int, empty: int) -> None:
        self.multi += latencies
        self.multi_wall += wall
        self.errors += errors
        self.empty += empty
        if wall > 0:
            self.round_throughput.append(len(latencies) / wall)

    @property
    def p50(self) -> float:
        return percentile(self.single, 50)

    @property
    def p95(self) -> float:
        return percentile(self.single, 95)

    @property
    def throughput(self) -> float:
        """Messages per second with 8 senders (answered or not, over the batches' wall time)."""
        return len(self.multi) / self.multi_wall if self.multi_wall > 0 else 0.0


def _cell(value: Optional[float], fmt: str) -> str:
    return "-" if value is None else format(value, fmt)


def format_table(bots: list[BotFigures]) -> str:
    """One row per bot: p50 / p95 (1 sender), msg/s (8 senders), peak RSS, start-up."""
    header = ("bot", "p50 ms", "p95 ms", "msg/s", "8-sender p50", "RSS MB", "start s", "errors")
    rows = [header, ("", "1 sender", "1 sender", "8 senders", "ms", "Rasa", "1st answer", "/empty")]
    for bot in bots:
        rows.append((
            bot.name, _cell(bot.p50, ".1f"), _cell(bot.p95, ".1f"), _cell(bot.throughput, ".1f"),
            _cell(percentile(bot.multi, 50) if bot.multi else None, ".1f"),
            _cell(bot.rss_mb, ".0f"), _cell(bot.startup_s, ".1f"), f"{bot.errors}/{bot.empty}",
        ))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = []
    for number, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)]
        lines.append("  ".join(cells).rstrip())
        if number == 1:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


@dataclass(frozen=True)
class Budget:
    """One budget of the issue: what is compared, the measured value, the limit, met or not."""

    label: str
    value: float
    limit: float
    met: bool

    def line(self) -> str:
        return f"{'met' if self.met else 'MISSED':<6}  {self.label}"


def ratio(ours: float, starter: float) -> Optional[float]:
    """ours / starter, or None when the starter's figure is zero."""
    return ours / starter if starter else None


def budgets(ours: BotFigures, starter: BotFigures) -> list[Budget]:
    """The three budgets of the issue, judged on the figures of this run."""
    p50 = ratio(ours.p50, starter.p50)
    throughput = ratio(ours.throughput, starter.throughput)
    result = []
    if p50 is not None:
        result.append(Budget(
            f"single-sender p50 ours/starter = {p50:.2f} (budget <= {P50_RATIO_MAX:.1f}: "
            f"no slower than the starter)", p50, P50_RATIO_MAX, p50 <= P50_RATIO_MAX))
    if throughput is not None:
        result.append(Budget(
            f"8-sender throughput ours/starter = {throughput:.2f} (budget >= "
            f"{THROUGHPUT_RATIO_MIN:.1f})", throughput, THROUGHPUT_RATIO_MIN,
            throughput >= THROUGHPUT_RATIO_MIN))
    result.append(Budget(
        f"our Rasa server peak RSS = {ours.rss_mb:.0f} MB (budget <= {RSS_MAX_MB:.0f} MB)",
        ours.rss_mb, RSS_MAX_MB, ours.rss_mb <= RSS_MAX_MB))
    return result


def format_ratios(ours: BotFigures, starter: BotFigures) -> str:
    """ours/starter for every column of the table (lower is better except msg/s)."""
    pairs = (
        ("p50 1 sender", ours.p50, starter.p50, "lower is better"),
        ("p95 1 sender", ours.p95, starter.p95, "lower is better"),
        ("msg/s 8 senders", ours.throughput, starter.throughput, "higher is better"),
        ("peak RSS", ours.rss_mb, starter.rss_mb, "lower is better"),
        ("start-up", ours.startup_s or 0.0, starter.startup_s or 0.0, "lower is better"),
    )
    lines = []
    for label, mine, theirs, note in pairs:
        value = ratio(mine, theirs)
        lines.append(f"  {label:<16} {'-' if value is None else f'{value:.2f}x':>6}  ({note})")
    return "\n".join(lines)


def format_round_ratios(ours: BotFigures, starter: BotFigures) -> str:
    """The spread of ours/starter over the rounds (each round measures both bots back to back),
    which shows how much of a ratio is the machine's noise."""
    lines = []
    for label, mine, theirs in (("p50 1 sender", ours.round_p50, starter.round_p50),
                                ("msg/s 8 senders", ours.round_throughput, starter.round_throughput)):
        ratios = [a / b for a, b in zip(mine, theirs, strict=False) if b]
        if ratios:
            lines.append(f"  {label:<16} median {percentile(ratios, 50):.2f}x, rounds "
                         + " ".join(f"{r:.2f}" for r in ratios))
    return "\n".join(lines)
