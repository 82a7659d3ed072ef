"""What can go wrong, in one place: problems found in a file's rows, and the errors that stop a command.

A :class:`Problem` is one bad cell or row: the import goes on and reports it (spreadsheet row, column,
value, message and a stable ``code`` that a script can match on while the wording improves).

A :class:`DiplotimeError` stops the operation: the file cannot be read at all, a batch does not exist,
an export failed. Each kind carries the command-line exit code it maps to, and its message is one
sentence for the user, so the CLI and the pages show it as it is.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

import pandas as pd

PROBLEM_COLUMNS = ("row", "column", "value", "message", "code")

# Exit codes of ``python -m diplotime``.
OK, ROWS_REJECTED, UNUSABLE = 0, 1, 2


@dataclass(frozen=True)
class Problem:
    """One problem in a file: Problem(4, 'date', '1855-02-30', 'day 30 does not exist in Feb 1855', 'date_invalid')."""

    row: int  # as a spreadsheet shows it: the header is row 1; 0 = the file as a whole
    column: str
    value: str
    message: str
    code: str  # stable reason, one of PROBLEM_CODES

    def __post_init__(self) -> None:
        if self.code not in PROBLEM_CODES:
            raise ValueError(f"unknown problem code {self.code!r}")

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


# Every problem code, with what it means (the README's table of reasons is held to this by a test).
PROBLEM_CODES: dict[str, str] = {
    "ragged_row": "the row has more fields than the header",
    "unclosed_quote": "a cell holds lines that look like rows: a closing quote is probably missing",
    "too_long": "a cell is longer than its column allows",
    "required_missing": "a required cell (date or title) is empty",
    "date_invalid": "a date that cannot be read, or does not exist",
    "date_order_ambiguous": "a date such as 03/04/2019 that the file does not decide",
    "precision_invalid": "a date_precision that is not day, month or year",
    "end_before_start": "the end date is before the start date",
    "country_unknown": "a country name or code that is not ISO 3166-1",
    "coordinate_invalid": "a latitude or longitude that is not a number in range",
    "coordinate_incomplete": "only one of latitude and longitude is given",
    "source_not_http": "a source link that is not http(s)",
    "related_invalid": "a link to another event that is not relation:id with a known relation",
    "id_conflict": "two or more rows give the same id to different content (each row is reported)",
}


def problems_frame(problems: list[Problem]) -> pd.DataFrame:
    """Problems as a table sorted by row, then column."""
    frame = pd.DataFrame([p.as_dict() for p in problems], columns=list(PROBLEM_COLUMNS))
    frame["row"] = frame["row"].astype("int64")
    return frame.sort_values(["row", "column"], kind="stable").reset_index(drop=True)


_CONTROL = re.compile("[\x00-\x1f\x7f\x85\u2028\u2029]")


class DiplotimeError(Exception):
    """An operation that cannot go on; the message is one sentence for the user.

    Control characters from user data (a header with a line break, a ZIP member's name) are shown
    escaped, so the message stays on one line: UnusableFile('a\\nb') reads 'a\\\\nb'.
    """

    exit_code = UNUSABLE

    def __init__(self, message: str) -> None:
        super().__init__(_CONTROL.sub(lambda m: repr(m.group())[1:-1], message))

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""


class UnusableFile(DiplotimeError, ValueError):
    """The file cannot be read as an event table at all (not text, empty, no date or title column…)."""


class AmbiguousDateOrder(DiplotimeError, ValueError):
    """A date such as 03/04/2019 whose day/month order nothing decides; each such row is reported."""

    exit_code = ROWS_REJECTED


class UnusableArguments(DiplotimeError):
    """The command's arguments cannot be used (no such file, a delimiter of two characters…)."""


class NoSuchBatch(DiplotimeError, LookupError):
    """There is no import batch with that number."""


class BatchAlreadyUndone(DiplotimeError):
    """The batch was undone before; undoing it again would change nothing."""


class ExportFailed(DiplotimeError, RuntimeError):
    """An image, deck or report could not be made (no browser to draw with, a browser that failed…)."""


class NoSuchEvent(DiplotimeError, LookupError):
    """There is no stored event with that key."""


class InvalidEvent(DiplotimeError, ValueError):
    """An event typed by hand (the edit form, ``edit --set``) fails the import's checks; nothing is saved.

    ``problems`` maps each field to what is wrong with it, for the form to show beside the field.
    """

    exit_code = ROWS_REJECTED

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = dict(problems)
        super().__init__("; ".join(f"{field}: {message}" for field, message in self.problems.items()))


class EditConflict(DiplotimeError):
    """The event changed since the form opened (someone else saved or undid); nothing is saved.

    ``theirs`` is the event as stored now (None when it was deleted), ``yours`` the values being saved.
    """

    def __init__(self, key: str, theirs: dict[str, str] | None, yours: dict[str, str], who: str, when: str) -> None:
        self.key, self.theirs, self.yours, self.who, self.when = key, theirs, yours, who, when
        done = "deleted" if theirs is None else "changed"
        super().__init__(
            f"event {key} was {done} by {who} at {when} after you opened it: nothing was saved; "
            "compare the two versions and save again"
        )


class UndoConflict(DiplotimeError):
    """Undoing the batch would overwrite a later change to one of its events; nothing is undone."""


class AccessDenied(DiplotimeError, PermissionError):
    """The signed-in user's role does not allow this (a viewer importing, an editor undoing another's batch)."""


class StoreBusy(DiplotimeError, RuntimeError):
    """The store stayed locked by another import, or could not be reached, after retrying."""
