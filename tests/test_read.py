"""The read stage: what it detects, how it numbers rows, and that its fast path builds the same table."""

from __future__ import annotations

import pytest

from diplotime.errors import UnusableFile
from diplotime.read import read_table
from diplotime.read.exact import read_text
from diplotime.read.fast import read_regular
from diplotime.read.sniff import decode, detect_encoding, find_header, sniff_delimiter
from diplotime.read.table import RawTable

CYRILLIC = "Дата;Заголовок\n22.01.2019;Переговоры в Кремле\n23.01.2019;Митинг в Москве у памятника\n"
JAPANESE = "日付,見出し\n2019年1月22日,安倍・プーチン首脳会談\n2016年12月15日,長門会談と東京での会見\n"


@pytest.mark.parametrize(
    ("data", "codec"),
    [
        (b"date,title\n2019,Moscow\n", "utf-8"),
        ("\ufeffdate,title\n2019,Москва\n".encode(), "utf-8-sig"),
        (CYRILLIC.encode("cp1251") * 3, "cp1251"),
        (JAPANESE.encode("cp932") * 3, "cp932"),
        ("date\ttitle\n2019\tMoscow\n".encode("utf-16"), "utf-16"),
        ("date,title\n1905,Traité de Portsmouth signé à Portsmouth, Kittery\n".encode("latin-1") * 4, "cp1252"),
    ],
)
def test_encodings_are_detected(data: bytes, codec: str) -> None:
    assert detect_encoding(data)[0] == codec


def test_a_tiny_legacy_file_says_its_encoding_is_a_guess() -> None:
    codec, how = detect_encoding("Москва".encode("cp1251"))
    assert "unreliable" in how


def test_a_utf8_file_with_one_bad_line_names_the_line() -> None:
    data = ("date,title\n" + "2019,Москва\n" * 50).encode() + b"2019,\xcc\xee\xf1\xea\xe2\xe0\n" + b"2020,x\n"
    with pytest.raises(UnusableFile, match="line 52"):
        decode(data)


@pytest.mark.parametrize(
    ("lines", "delimiter"),
    [
        (["a,b,c", "1,2,3"], ","),
        (["a;b;c", "1,5;2,5;3"], ";"),
        (["a\tb", "1\t2"], "\t"),
        (["a|b", "1|2"], "|"),
        (["a,b", '"x;y;z",2'], ","),
        (["title", "x"], ","),
    ],
)
def test_the_delimiter_is_sniffed(lines: list[str], delimiter: str) -> None:
    assert sniff_delimiter(lines) == delimiter


@pytest.mark.parametrize(
    ("records", "index"),
    [
        ([["date", "title", "place"], ["2019", "a", "b"]], 0),
        ([["Events 2019", "", ""], ["date", "title", "place"], ["2019", "a", "b"]], 1),
        ([["Report"], ["Exported 2019-01-25"], ["date", "title", "place"], ["2019", "a", "b"], ["2020", "c", ""]], 2),
        ([["title"], ["A"], ["B"]], 0),  # one column: nothing to skip
        ([["date", "title", "place", "notes"], ["2019", "a", "", ""], ["2020", "b", "", ""]], 0),  # sparse rows
    ],
)
def test_title_lines_above_the_header_are_skipped(records: list[list[str]], index: int) -> None:
    assert find_header(records) == index


def test_the_report_says_where_the_header_was_found() -> None:
    table = read_table(b"Russia-Japan events,,\nexported 25 Jan 2019,,\n\ndate,title,place\n2019-01-22,Talks,Moscow\n")
    assert table.header_row == 4 and table.headers == ["date", "title", "place"]
    assert list(table.rows) == [5]
    assert any("above the header" in w and "Russia-Japan events" in w for w in table.warnings)


def test_every_cell_stays_text() -> None:
    table = read_table(b"id,countries,title\n007,NA,None\n")
    assert table.frame.iloc[0].tolist() == ["007", "NA", "None"]


def test_quoted_newlines_crlf_and_blank_rows_keep_spreadsheet_row_numbers() -> None:
    data = b'date,title\r\n2019,"two\r\nlines"\r\n\r\n2020,B\r\n,\r\n2021,C\r\n'
    table = read_table(data)
    assert table.frame["title"].tolist() == ["two\nlines", "B", "C"]
    assert list(table.rows) == [2, 4, 6] and table.blank_lines == 2


def test_an_unclosed_quote_is_refused_at_the_line_that_opened_it() -> None:
    with pytest.raises(UnusableFile, match="quote opened on line 3 is never closed"):
        read_table(b'date,title\n2019,A\n2020,"B\n2021,C\n2022,D\n')


def test_a_quote_closed_many_rows_later_is_reported_on_its_row() -> None:
    rows = "".join(f"2019-01-0{i},E{i},x\n" for i in range(1, 6))
    table = read_table(f'date,title,place\n2019,"open,x\n{rows}2020,late",y\n2021,ok,z\n'.encode())
    assert [(p.row, p.column) for p in table.problems] == [(2, "title")]
    assert "closing quote is probably missing" in table.problems[0].message


def test_ragged_rows_are_reported_by_row() -> None:
    table = read_table(b"date,title\n2019,A\n2020,B,extra\n2021\n2022,D,\n")
    assert [(p.row, p.message) for p in table.problems] == [(3, "row has 3 fields but the header has 2")]
    assert list(table.rows) == [2, 4, 5]
    assert any("fewer fields" in w and "row 4" in w for w in table.warnings)


def test_duplicate_headers_are_renamed_and_reported() -> None:
    table = read_table(b"date,title,Title\n2019,A,B\n")
    assert table.headers == ["date", "title", "Title (2)"] and table.duplicate_headers == ["Title"]


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        b"PK\x03\x04" + b"\x00" * 40,
        b"",
        b"\n\r\n  \n",
        b"date,title\n2019,A\x00B\n",
    ],
)
def test_files_that_are_not_text_tables_are_refused_with_one_error(data: bytes) -> None:
    with pytest.raises(UnusableFile):
        read_table(data)


def _same(a: RawTable, b: RawTable) -> bool:
    return (
        a.frame.equals(b.frame)
        and list(a.rows) == list(b.rows)
        and a.header_row == b.header_row
        and a.blank_lines == b.blank_lines
        and a.warnings == b.warnings
        and a.encoding == b.encoding
        and a.delimiter == b.delimiter
        and a.duplicate_headers == b.duplicate_headers
    )


REGULAR = {
    "quoted": b'date,title,place\n2019-01-01,"A, quoted",Moscow\n2019-01-02,"multi\nline",Tokyo\n2019,NA,007\n',
    "crlf in quotes": b'date;title\r\n22.01.2019;A\r\n23.01.2019;"q\r\nx"\r\n24.01.2019;C\r\n',
    "lone cr": b'date,title\r2019,A\r2020,"B\rx"\r2021,C\r',
    "sep line": b"sep=;\ndate;title\n22.01.2019;A\n23.01.2019;B\n",
    "trailing delimiter": b"date,title,\n2019,A,\n2020,B,\n2021,C,\n",
    "blank rows": b"date,title\n2019,A\n\n\n2020,B\n,\n  ,  \n2021,C\n",
    "duplicate header": b"date,title,title\n2019,A,a\n2020,B,b\n2021,C,c\n",
    "cp1251": CYRILLIC.encode("cp1251") * 20,
    "cp932": JAPANESE.encode("cp932") * 20,
    "utf-16": "\ufeffdate\ttitle\n2019\tA\n2020\tB\n2021\tC\n".encode("utf-16"),
    "bom": "\ufeffdate,title\n2019,A\n2020,B\n2021,C\n".encode(),
}


@pytest.mark.parametrize("name", list(REGULAR))
def test_the_fast_path_builds_the_table_the_exact_path_builds(name: str) -> None:
    data = REGULAR[name]
    fast = read_regular(data, name=name)
    assert fast is not None and fast.reader == "pyarrow"
    text, codec, how = decode(data)
    assert _same(fast, read_text(text, codec, how, name=name))


@pytest.mark.parametrize(
    "data",
    [
        b"date,title\n2019,A\n2020,B,C\n2021,C\n",
        b"Title line\n\ndate,title\n2019,A\n2020,B\n",
        b'date,title\n2019,"never closed\n2020,B\n',
    ],
)
def test_irregular_files_go_to_the_exact_path(data: bytes) -> None:
    assert read_regular(data) is None


def test_a_headerless_file_reads_the_same_on_both_paths() -> None:
    data = b"1\t20190114\tx\n2\t20190115\ty\n3\t20190116\tz\n"
    fast = read_regular(data, has_header=False)
    text, codec, how = decode(data)
    assert fast is not None and _same(fast, read_text(text, codec, how, has_header=False))
    assert fast.headers == ["column 1", "column 2", "column 3"] and list(fast.rows) == [1, 2, 3]
