"""Write the .xlsx cases of this folder: `python tests/files/make_xlsx.py` (the files are committed).

Each workbook is a real-world shape: dates typed as dates, serial day numbers, a title row and two
sheets; a named sheet; a zip bomb; and a sheet whose XML declares entities (billion laughs).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
FIXED = dt.datetime(2019, 1, 25, 12, 0, 0)


def _save(book: openpyxl.Workbook, name: str) -> bytes:
    book.properties.created = book.properties.modified = FIXED
    buffer = io.BytesIO()
    book.save(buffer)
    (HERE / name).write_bytes(buffer.getvalue())
    return buffer.getvalue()


def dates_workbook() -> bytes:
    """Dates as Excel stores them: date cells, a serial number, a year, text; a title row above the header."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Events"
    sheet.append(["Russia–Japan events, January 2019"])
    sheet.append([])
    sheet.append(["id", "date", "title", "event_type", "countries", "location", "lat", "lon"])
    sheet.append(
        [
            "007",
            dt.datetime(2019, 1, 22),
            "Abe–Putin talks in the Kremlin",
            "summit",
            "JPN;RUS",
            "Kremlin",
            55.752,
            37.6175,
        ]
    )
    sheet.append([8, 43479, "Kono–Lavrov talks (date typed as a number)", "ministerial_talks", "JPN;RUS", "Moscow"])
    sheet.append([])
    sheet.append([9, 1855, "Treaty of Shimoda (year only)", "treaty", "RUS;JPN", "Shimoda"])
    sheet.append([10, "2019-01-16", "Lavrov press conference (date as text)", "press_conference", "RUS", "Moscow"])
    sheet.append([11, dt.datetime(2019, 2, 7), '=CONCAT("x","y")', "statement", "JPN", "Tokyo"])
    book.create_sheet("Notes").append(["Exported from the tracker"])
    return _save(book, "workbook_dates.xlsx")


def named_sheet_workbook() -> bytes:
    """The events are on the second sheet, chosen with --sheet."""
    book = openpyxl.Workbook()
    book.active.title = "Cover"
    book.active.append(["Read the sheet 'Events 2019'"])
    sheet = book.create_sheet("Events 2019")
    sheet.append(["Дата", "Заголовок", "Место"])
    sheet.append([dt.date(2019, 1, 14), "Переговоры Коно и Лаврова", "Москва"])
    sheet.append(["31.02.2019", "Несуществующая дата", "Москва"])
    return _save(book, "workbook_named_sheet.xlsx")


def zip_bomb() -> bytes:
    """A valid-looking workbook whose sheet inflates from tens of kilobytes to 60 MB."""
    base = io.BytesIO(named_sheet_workbook_bytes())
    out = io.BytesIO()
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", b"<!--" + b" " * 60_000_000 + b"--></sheetData>")
            target.writestr(item.filename, data)
    (HERE / "workbook_zip_bomb.xlsx").write_bytes(out.getvalue())
    return out.getvalue()


def entity_attack() -> bytes:
    """A workbook whose sheet XML declares nested entities (billion laughs) and an external one (XXE)."""
    base = io.BytesIO(named_sheet_workbook_bytes())
    doctype = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!DOCTYPE worksheet [\n'
        b'<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n'
        b'<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data
                data = doctype + body.lstrip()
            target.writestr(item.filename, data)
    (HERE / "workbook_xxe.xlsx").write_bytes(out.getvalue())
    return out.getvalue()


def named_sheet_workbook_bytes() -> bytes:
    book = openpyxl.Workbook()
    book.active.title = "Events"
    book.active.append(["date", "title"])
    book.active.append([dt.date(2019, 1, 22), "Abe–Putin talks"])
    book.properties.created = book.properties.modified = FIXED
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


if __name__ == "__main__":
    for make in (dates_workbook, named_sheet_workbook, zip_bomb, entity_attack):
        print(make.__name__, len(make()), "bytes")
