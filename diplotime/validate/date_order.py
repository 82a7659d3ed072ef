"""Which way a column writes its numeric dates: day first (22/01/2019) or month first (01/22/2019).

A file decides it from the values that can only be read one way; a column that mixes both kinds, or
that holds only values such as 03/04/2019, decides nothing, and its ambiguous rows are reported until
the user chooses (``--dayfirst`` / ``--monthfirst``, or the Upload page's Date order).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from diplotime.text import plural
from diplotime.validate.dates import MAX_DATE_TEXT, NUMERIC, ORDER_NAMES, strip_time


def split_numeric(text: str) -> tuple[int, int] | None:
    """First two numbers of an ``a/b/yyyy`` or ``a-b-yyyy`` date, else None: split_numeric('22/01/2019') -> (22, 1)."""
    match = NUMERIC.fullmatch(text.strip())
    if not match or match[4] is None or len(match[1]) > 2 or len(match[3]) > 2 or len(match[4]) != 4 or match[2] == ".":
        return None
    return int(match[1]), int(match[3])


@dataclass(frozen=True)
class OrderDecision:
    """How a column's dd/mm vs mm/dd order was settled, for the report."""

    order: str | None  # 'dmy' | 'mdy' | None
    ambiguous: int = 0  # values like 03/04/2019 that the order decides
    day_first: int = 0  # values that only make sense day-first (22/01/2019)
    month_first: int = 0  # values that only make sense month-first (01/22/2019)
    example: str = ""  # one deciding value

    @property
    def mixed(self) -> bool:
        return bool(self.day_first and self.month_first)

    @property
    def needed(self) -> bool:
        """The order matters: some value reads differently day-first and month-first, or the column mixes both."""
        return bool(self.ambiguous) or self.mixed

    def explain(self) -> str:
        """One sentence for the report: decide_order(['22/01/2019']).explain() -> 'dates read day first …'."""
        if self.mixed:
            return (
                f"the date column mixes day-first ({self.day_first} values) and month-first "
                f"({self.month_first} values) dates, so dates like 03/04/2019 cannot be read: "
                "check the file, then choose --dayfirst or --monthfirst"
            )
        if self.order:
            count = self.day_first or self.month_first
            return (
                f"dates read {ORDER_NAMES[self.order]}, decided from {plural(count, 'value')} "
                f"such as {self.example!r} that can only be read that way"
            )
        if self.needed:
            return (
                f"no date in the file decides between day/month and month/day ({plural(self.ambiguous, 'value')} like "
                "03/04/2019): choose --dayfirst or --monthfirst"
            )
        return ""


def decide_order(values: Iterable[str]) -> tuple[str | None, bool]:
    """(order, needed) for a column: decide_order(['22/01/2019', '03/04/2019']) -> ('dmy', True)."""
    decision = decide_column_order(values)
    return decision.order, decision.needed


def decide_column_order(values: Iterable[str]) -> OrderDecision:
    """Decide 'dmy' or 'mdy' for a column from its values that can only be read one way.

    A column that mixes both kinds decides nothing (each ambiguous value is then reported). Dotted
    dates (dd.mm.yyyy) are always day-first and do not vote.
    decide_column_order(['22/01/2019', '03/04/2019']).order -> 'dmy'
    """
    day_first = month_first = ambiguous = 0
    example = {"dmy": "", "mdy": ""}
    for value in _slashed(values):
        text = value.strip() if isinstance(value, str) else ""
        if ("/" not in text and "-" not in text) or len(text) > MAX_DATE_TEXT:
            continue
        pair = split_numeric(strip_time(text))
        if pair is None:
            continue
        first, second = pair
        if first > 12 >= second:
            day_first += 1
            example["dmy"] = example["dmy"] or text
        elif second > 12 >= first:
            month_first += 1
            example["mdy"] = example["mdy"] or text
        elif first != second and 0 < first <= 12 and 0 < second <= 12:
            ambiguous += 1
    if day_first and month_first:
        return OrderDecision(None, ambiguous, day_first, month_first)
    if day_first:
        return OrderDecision("dmy", ambiguous, day_first, 0, example["dmy"])
    if month_first:
        return OrderDecision("mdy", ambiguous, 0, month_first, example["mdy"])
    return OrderDecision(None, ambiguous)


def _slashed(values: Iterable[str]) -> list[str]:
    """The distinct values that look like a/b/yyyy; a text Series is filtered by Arrow, not value by value."""
    if isinstance(values, pd.Series):
        import pyarrow as pa
        import pyarrow.compute as pc

        array = pa.array(values.astype(pd.StringDtype("pyarrow")).fillna("").array)
        array = pc.filter(array, pc.match_substring_regex(array, r"^\s*\d{1,2}[/-]\d{1,2}[/-]\d{4}"))
        return [str(v) for v in pc.unique(array).to_pylist()]
    return list(dict.fromkeys(v for v in values if isinstance(v, str)))
