"""Date ranges as people type them, and the presets beside the date slider, always inside the data.

A From box reads the first day of what is typed and a To box the last: "2019" is 1 Jan to 31 Dec 2019,
"Jan 2019" the whole month, "2019-01-22" that day (any form :func:`diplotime.validate.dates.parse_any_date`
reads: "22 Jan 2019", "22.01.2019", "январь 2019"…). A box shows the range in the link's shortest form.

>>> typed_day("Jan 2019", end=True)
datetime.date(2019, 1, 31)
>>> preset_range(10, dt.date(1855, 2, 7), dt.date(2025, 12, 1))
(datetime.date(2015, 12, 2), datetime.date(2025, 12, 1))
"""

from __future__ import annotations

import datetime as dt

from diplotime.explore.link import date_param
from diplotime.validate.dates import parse_any_date

# The presets beside the slider: label -> years back from the last event (0: the whole span).
PRESETS: dict[str, int] = {"Last year": 1, "10 years": 10, "50 years": 50, "All": 0}


def typed_day(text: str, end: bool) -> dt.date:
    """The first (From) or last (To) day of a typed date. Raises ValueError with a sentence for the user."""
    value = text.strip()
    if not value:
        raise ValueError("type a date such as 2019, Jan 2019 or 2019-01-22")
    try:
        date = parse_any_date(value, order="dmy")
    except ValueError as exc:
        raise ValueError(f"“{value[:40]}” is not a date: type 2019, Jan 2019 or 2019-01-22 ({exc})") from None
    return date.end() if end else date.start()


def box_text(day: dt.date | None, end: bool) -> str:
    """What a From/To box shows for a range end: '' when it is open, else its shortest exact form.

    >>> box_text(dt.date(2019, 1, 1), False), box_text(dt.date(2019, 12, 31), True), box_text(None, True)
    ('2019', '2019', '')
    """
    return date_param(day, end) if day else ""


def clamp_range(start: dt.date, stop: dt.date, first: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
    """A range moved inside [first, last] (the slider cannot go further; no event lies outside)."""
    start = min(max(start, first), last)
    stop = max(min(stop, last), start)
    return start, stop


def preset_range(years: int, first: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
    """The last ``years`` years of the data, ending on its last day and starting no earlier than its
    first (0: the whole span). Never reaches into an empty future as a window ending today would."""
    if years <= 0:
        return first, last
    try:
        start = last.replace(year=last.year - years) + dt.timedelta(days=1)
    except ValueError:  # 29 February
        start = last.replace(year=last.year - years, day=28) + dt.timedelta(days=1)
    return max(start, first), last


def range_filters(
    start: dt.date, stop: dt.date, first: dt.date, last: dt.date
) -> tuple[dt.date | None, dt.date | None]:
    """The filter for a chosen range: an end at the data's own bound is no restriction (None)."""
    return (start if start > first else None), (stop if stop < last else None)
