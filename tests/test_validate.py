"""Lazy validation: every problem, with the row number a spreadsheet shows."""

from __future__ import annotations

import pytest

from diplotime.pipeline import check_file


def check(text: str):
    return check_file(text.encode(), "events.csv")


def problems(text: str) -> list[tuple[int, str]]:
    return [(p.row, p.column) for p in check(text).problems]


def test_every_problem_is_reported_with_spreadsheet_rows() -> None:
    text = (
        "date,title,countries,lat,lon,source\n"  # row 1
        "2019-01-22,Good,RUS,55.75,37.62,https://a.org\n"  # row 2
        "1855-02-30,,Narnia,95,37,javascript:alert(1)\n"  # row 3: five problems
        "2019-01-14,Also good,JPN,,,\n"  # row 4
        "2019-14-01,Bad month,,,,\n"  # row 5
    )
    assert problems(text) == [(3, "countries"), (3, "date"), (3, "lat"), (3, "source"), (3, "title"), (5, "date")]
    result = check(text)
    assert (result.rows, len(result.events), result.rejected_rows) == (4, 2, 2)


def test_blank_rows_keep_row_numbers_honest() -> None:
    text = "date,title\n2019-01-01,A\n\n\n2019-02-30,B\n"
    result = check(text)
    assert [(p.row, p.column) for p in result.problems] == [(5, "date")]
    assert any("2 blank row" in w for w in result.warnings)


@pytest.mark.parametrize(
    ("row", "column"),
    [
        ("2019-01-22,2019-01-01,End before start", "end_date"),
        ("2019-01-22,,Only lat,55,", "lat"),
        ("2019-01-22,,Bad precision,,,week", "date_precision"),
    ],
)
def test_row_level_rules(row: str, column: str) -> None:
    assert problems("date,end_date,title,lat,lon,date_precision\n" + row + "\n") == [(2, column)]


def test_precision_column_coarsens_a_full_date() -> None:
    events = check("date,title,date_precision\n1945-08-09,Invasion,month\n1875-05-07,Treaty,year\n").events
    assert list(events["date"]) == ["1945-08", "1875"]
    assert list(events["date_precision"]) == ["month", "year"]


def test_ids_are_stable_and_ignore_case_and_spacing() -> None:
    a = check("date,title,location\n2019-01-22,Abe–Putin talks,Moscow\n").events["id"][0]
    b = check("date,title,location\n2019-01-22,  abe–putin   TALKS ,moscow\n").events["id"][0]
    c = check("date,title,location\n2019-01-23,Abe–Putin talks,Moscow\n").events["id"][0]
    assert a == b != c
    assert a.startswith("ev-") and len(a) == 19


def test_given_ids_are_kept_as_text() -> None:
    assert list(check("id,date,title\n007,2019,A\n").events["id"]) == ["007"]


def test_repeated_rows_in_one_file_are_merged_with_a_warning() -> None:
    result = check("date,title\n2019-01-22,Summit\n2019-01-14,Talks\n2019-01-22,Summit\n")
    assert len(result.events) == 2
    assert any("row 4 repeats row 2" in w for w in result.warnings)


def test_unknown_types_become_other_with_one_warning_per_label() -> None:
    result = check("date,title,event_type\n2019,A,tea party\n2019,B,tea party\n2019,C,rally\n")
    assert list(result.events["event_type"]) == ["other", "other", "protest"]
    assert result.warnings == ["unknown event types were set to 'other': 'tea party' (2)"]


def test_text_limits_apply_before_anything_else() -> None:
    long_title = "x" * 200_000
    result = check(f"date,title\n2019,{long_title}\n")
    assert [(p.row, p.column, p.message) for p in result.problems] == [
        (2, "title", "title is longer than 300 characters")
    ]
    assert len(result.problems[0].value) <= 120


def test_hostile_text_is_stored_verbatim() -> None:
    title = "<img src=x onerror=alert(1)>"
    events = check(f'date,title,description\n2019,"{title}","Robert\'); DROP TABLE events;--"\n').events
    assert events["title"][0] == title


def test_headers_in_russian_and_japanese_map_to_the_schema() -> None:
    ru = check("Дата,Заголовок,Тип,Место\n22.01.2019,Переговоры Абэ и Путина,саммит,Москва\n")
    ja = check("日付,見出し,種類,場所\n2019年1月22日,日露首脳会談,首脳会談,モスクワ\n")
    assert ru.events[["date", "event_type", "location"]].values.tolist() == [["2019-01-22", "summit", "Москва"]]
    assert ja.events[["date", "event_type"]].values.tolist() == [["2019-01-22", "summit"]]
    assert ru.facts["mapping"] == {"Дата": "date", "Заголовок": "title", "Тип": "event_type", "Место": "location"}


def test_dataset_defaults_to_the_file_name() -> None:
    events = check_file(b"date,title\n2019,A\n", "my events.csv").events
    assert events["dataset"][0] == "my events"


@pytest.mark.parametrize(
    ("rows", "kept", "conflicts"),
    [
        ("a,2019,A\na,2019,A\n", ["a"], []),  # an exact repeat: merged, as before
        ("a,2019,A\na,2020,A\n", [], [2, 3]),  # same id, another date: both rows reported, neither imported
        ("a,2019,A\nb,2019,B\na,2019,A changed\nc,2019,C\n", ["b", "c"], [2, 4]),
        ("a,2019,A\na,2019,A\na,2019,B\n", [], [2, 3, 4]),
    ],
)
def test_the_same_id_with_other_content_is_a_conflict_on_every_row(
    rows: str, kept: list[str], conflicts: list[int]
) -> None:
    result = check_file(("id,date,title\n" + rows).encode(), "ids.csv")
    assert sorted(result.events["id"]) == kept
    reported = [p for p in result.problems if p.code == "id_conflict"]
    assert [p.row for p in reported] == conflicts and all(p.column == "id" for p in reported)
