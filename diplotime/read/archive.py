"""ZIP archives, checked before anything inside is read: .xlsx workbooks and zipped tables (GDELT's .CSV.zip).

A zip bomb (more uncompressed data than ``MAX_UNCOMPRESSED``, or a member inflating more than
``MAX_RATIO`` times) is refused from the archive's directory alone, before a byte is inflated.
"""

from __future__ import annotations

import io
import zipfile

from diplotime.errors import UnusableFile

MAX_UNCOMPRESSED = 300_000_000  # bytes an archive may expand to
MAX_RATIO = 100  # a member inflating more than this (and past MAX_SMALL) is a zip bomb
MAX_SMALL = 1_000_000
MAX_MEMBERS = 10_000
TABLE_SUFFIXES = (".csv", ".tsv", ".tab", ".txt")


def open_checked(data: bytes, what: str = "archive") -> zipfile.ZipFile:
    """The archive, once its directory shows no zip bomb: open_checked(b'PK…', 'workbook')."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise UnusableFile(f"the file is not a valid {what} (a damaged ZIP archive)") from None
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise UnusableFile(f"the {what} holds {len(members)} files; it is not a normal {what}")
    total = sum(m.file_size for m in members)
    if total > MAX_UNCOMPRESSED:
        raise UnusableFile(
            f"the {what} would expand to {total // 1_000_000} MB (limit "
            f"{MAX_UNCOMPRESSED // 1_000_000} MB); it looks like a zip bomb"
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > MAX_SMALL and ratio > MAX_RATIO:
            raise UnusableFile(f"{member.filename} in the {what} inflates {ratio:.0f} times; it looks like a zip bomb")
    return archive


def is_workbook(data: bytes) -> bool:
    """True for an .xlsx/.xlsm archive (it holds xl/workbook.xml)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def single_table(data: bytes) -> tuple[bytes, str]:
    """The one table a zip holds (GDELT ships 20190114150000.export.CSV.zip): its bytes and name."""
    with open_checked(data) as archive:
        tables = [m for m in archive.infolist() if not m.is_dir() and m.filename.lower().endswith(TABLE_SUFFIXES)]
        if len(tables) != 1:
            names = ", ".join(m.filename for m in archive.infolist()[:5])
            raise UnusableFile(
                "the file is a ZIP archive, but not an .xlsx workbook nor a zip of one table "
                f"(.csv, .tsv, .tab or .txt); it holds {names or 'nothing'}"
            )
        return archive.read(tables[0]), tables[0].filename
