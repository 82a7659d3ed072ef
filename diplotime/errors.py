"""One problem found in a file: where it is (spreadsheet row, column), what it holds, what is wrong."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

import pandas as pd

PROBLEM_COLUMNS = ("row", "column", "value", "message")


@dataclass(frozen=True)
class Problem:
    row: int  # as a spreadsheet shows it: the header is row 1; 0 = the file as a whole
    column: str
    value: str
    message: str

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def problems_frame(problems: list[Problem]) -> pd.DataFrame:
    """Problems as a table sorted by row, then column."""
    frame = pd.DataFrame([p.as_dict() for p in problems], columns=list(PROBLEM_COLUMNS))
    frame["row"] = frame["row"].astype("int64")
    return frame.sort_values(["row", "column"], kind="stable").reset_index(drop=True)


class UnusableFile(ValueError):
    """The file cannot be read as an event table; the message is one sentence for the user.

    Control characters from the file (a header with a line break, a ZIP member's name) are shown
    escaped, so the message stays on one line: UnusableFile('a\nb') reads 'a\\nb'.
    """

    def __init__(self, message: str) -> None:
        super().__init__(_CONTROL.sub(lambda m: repr(m.group())[1:-1], message))


_CONTROL = re.compile("[\x00-\x1f\x7f\x85\u2028\u2029]")
