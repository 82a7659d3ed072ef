"""Dates as spreadsheets write them: a table of accepted forms and a table of refusals."""

from __future__ import annotations

import pandas as pd
import pytest

from diplotime.errors import AmbiguousDateOrder
from diplotime.validate.date_columns import dotted_as_iso, parse_date_column
from diplotime.validate.date_order import decide_column_order, decide_order
from diplotime.validate.dates import excel_serial, parse_any_date


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2019-01-22", "2019-01-22"),
        ("1855", "1855"),
        ("1855-02", "1855-02"),
        ("1648-10-24", "1648-10-24"),  # before pandas' 1677 limit
        ("2019-01-22T10:00:00+03:00", "2019-01-22"),
        ("22.01.2019", "2019-01-22"),
        ("22.01.2019 10:00", "2019-01-22"),
        ("22.01.2019 10:00:15", "2019-01-22"),
        ("2019/01/22", "2019-01-22"),
        ("2019.01.22", "2019-01-22"),
        ("2019/1/5", "2019-01-05"),
        ("20190122", "2019-01-22"),
        ("01/2019", "2019-01"),
        ("01.2019", "2019-01"),
        ("2019/01", "2019-01"),
        ("22/01/2019", "2019-01-22"),  # unambiguous by itself
        ("01/22/2019", "2019-01-22"),
        ("1/22/2019 10:00 AM", "2019-01-22"),
        ("22-01-2019", "2019-01-22"),
        ("07/07/2019", "2019-07-07"),  # same either way
        ("22 Jan 2019", "2019-01-22"),
        ("22 January 2019", "2019-01-22"),
        ("January 22, 2019", "2019-01-22"),
        ("Jan. 22, 2019", "2019-01-22"),
        ("January 22nd, 2019", "2019-01-22"),
        ("22nd January 2019", "2019-01-22"),
        ("22nd of January, 2019", "2019-01-22"),
        ("1st Sept 1945", "1945-09-01"),
        ("22-Jan-2019", "2019-01-22"),
        ("20-April-2018", "2018-04-20"),  # ACLED export-tool form
        ("Tuesday, January 22, 2019", "2019-01-22"),
        ("Tue 22 Jan 2019", "2019-01-22"),
        ("22 Jan 2019 14:00", "2019-01-22"),
        ("January 2019", "2019-01"),
        ("Sept 1945", "1945-09"),
        ("22 января 2019", "2019-01-22"),
        ("22 января 2019 г.", "2019-01-22"),
        ("22 января 2019 года", "2019-01-22"),
        ("вторник, 22 января 2019", "2019-01-22"),
        ("7 февр. 1855", "1855-02-07"),
        ("январь 2019", "2019-01"),
        ("1945 г.", "1945"),
        ("2019年1月22日", "2019-01-22"),
        ("2019年1月", "2019-01"),
        ("2019年", "2019"),
        ("２０１９年１月２２日", "2019-01-22"),  # full-width digits
        ("2019年1月22日（火）", "2019-01-22"),
        ("7 February 1855 N.S.", "1855-02-07"),
    ],
)
def test_spreadsheet_date_forms_are_read_with_their_precision(text: str, iso: str) -> None:
    assert parse_any_date(text).iso() == iso


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("03/04/2019", "--dayfirst or --monthfirst"),
        ("07/02/55", "two-digit year"),
        ("22.01.19", "two-digit year"),
        ("Jan 22 19", "two-digit year"),
        ("1855-02-30", "day 30 does not exist"),
        ("31.04.2019", "day 31 does not exist"),
        ("29.02.2019", "day 29 does not exist"),
        ("13/13/2019", "month 13"),
        ("00/01/2019", "day and month start at 1"),
        ("43487", r"Excel serial day number \(2019-01-22\)"),
        ("安政元年12月21日", "Japanese era"),
        ("令和元年5月1日", "Japanese era"),
        ("26 January 1855 O.S.", "Julian"),
        ("26 января 1855 по старому стилю", "Julian"),
        ("500 BC", "before the common era"),
        ("-0500-01-01", "before the common era"),
        ("c. 1855", "approximate date"),
        ("15–16 December 2016", "date range"),
        ("15-16 December 2016", "date range"),
        ("2016-12-15 – 2016-12-16", "date range"),
        ("Smarch 5, 2019", "unknown month name"),
        ("yesterday", "not a recognised date"),
        ("9" * 100, "too long"),
    ],
)
def test_dates_that_cannot_be_read_say_why(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_any_date(text)


def test_an_ambiguous_date_is_its_own_error_type() -> None:
    with pytest.raises(AmbiguousDateOrder):
        parse_any_date("03/04/2019")


@pytest.mark.parametrize(
    ("text", "order", "iso"),
    [
        ("03/04/2019", "dmy", "2019-04-03"),
        ("03/04/2019", "mdy", "2019-03-04"),
        ("03-04-2019", "dmy", "2019-04-03"),
        ("22.01.2019", "mdy", "2019-01-22"),
    ],  # dotted dates are day-first whatever the column says
)
def test_the_column_order_reads_ambiguous_dates(text: str, order: str, iso: str) -> None:
    assert parse_any_date(text, order).iso() == iso


@pytest.mark.parametrize(("text", "order"), [("01/22/2019", "dmy"), ("22/01/2019", "mdy")])
def test_a_date_that_contradicts_the_chosen_order_is_reported(text: str, order: str) -> None:
    with pytest.raises(ValueError, match="can only be read"):
        parse_any_date(text, order)


@pytest.mark.parametrize(
    ("values", "order", "needed", "mixed"),
    [
        (["22/01/2019", "03/04/2019"], "dmy", True, False),
        (["01/22/2019", "03/04/2019"], "mdy", True, False),
        (["22-01-2019", "03-04-2019"], "dmy", True, False),
        (["03/04/2019", "05/06/2019"], None, True, False),
        (["22/01/2019", "01/22/2019", "03/04/2019"], None, True, True),
        (["22/01/2019", "01/22/2019"], None, True, True),  # nothing to read wrongly, but a mixed column is suspect
        (["22/01/2019", "07/07/2019"], "dmy", False, False),  # decided, and no value depends on it
        (["22.01.2019", "03.04.2019"], None, False, False),  # dotted dates do not vote
        (["2019-01-22", "1855", "", "07/02/55"], None, False, False),  # a two-digit year is refused anyway
        (["22/01/2019 10:00", "03/04/2019"], "dmy", True, False),
    ],
)
def test_the_order_is_decided_per_column_from_values_that_decide_it(
    values: list[str], order: str | None, needed: bool, mixed: bool
) -> None:
    decision = decide_column_order(values)
    assert (decision.order, decision.needed, decision.mixed) == (order, needed, mixed)
    assert decide_order(values) == (order, needed)
    assert bool(decision.explain()) == (needed or order is not None)


def test_the_decision_is_explained_with_an_example() -> None:
    text = decide_column_order(["03/04/2019", "22/01/2019"]).explain()
    assert "day first" in text and "'22/01/2019'" in text


@pytest.mark.parametrize(
    ("serial", "epoch_1904", "iso"),
    [
        (43487, False, "2019-01-22"),
        (43487.75, False, "2019-01-22"),
        (1, False, "1900-01-01"),
        (59, False, "1900-02-28"),
        (61, False, "1900-03-01"),
        (20127, False, "1955-02-07"),
        (0 + 1, True, "1904-01-02"),
        (42025, True, "2019-01-22"),
    ],
)
def test_excel_serial_numbers_become_days(serial: float, epoch_1904: bool, iso: str) -> None:
    assert excel_serial(serial, epoch_1904).iso() == iso


@pytest.mark.parametrize("serial", [0, -5, 60, 3_000_000])
def test_impossible_excel_serials_are_refused(serial: float) -> None:
    with pytest.raises(ValueError):
        excel_serial(serial)


def test_dotted_columns_are_rewritten_as_iso_for_the_array_path() -> None:
    values = pd.Series(["22.01.2019", "01.2019", "1.2.2019", "2019-01-01", "31.02.2019", ""], dtype=object)
    assert dotted_as_iso(values).tolist() == ["2019-01-22", "2019-01", "1.2.2019", "2019-01-01", "2019-02-31", ""]


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("１８５５-02-07", "1855-02-07"),  # full-width digits (a Japanese keyboard's IME)
        ("١٨٥٥-٠٢-٠٧", "1855-02-07"),  # Arabic-Indic digits
        ("۱۸۵۵", "1855"),  # Extended Arabic-Indic (Persian, Urdu): a year keeps its precision
        ("٠٧.٠٢.١٨٥٥", "1855-02-07"),
        ("１８５５年２月７日", "1855-02-07"),
        ("७ Feb १८५५", "1855-02-07"),  # Devanagari
        ("𝟏𝟖𝟓𝟓", "1855"),  # mathematical bold digits, as pasted from styled text
    ],
)
def test_digits_of_any_script_are_read_in_a_date_column(text: str, iso: str) -> None:
    column = parse_date_column(pd.Series([text, "2019-01-22"]))
    assert list(column.iso) == [iso, "2019-01-22"]
    assert pd.isna(column.error[0])


def test_an_impossible_date_in_other_digits_is_reported_on_its_row() -> None:
    column = parse_date_column(pd.Series(["2019-01-22", "١٨٥٥-١٣-٠١"]))
    assert pd.isna(column.error[0])
    assert column.error[1] == "month 13 does not exist"
