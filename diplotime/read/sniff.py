"""Detect what a file is before reading it: not text at all, which encoding, which delimiter, which header row.

Each detector is a pure function of the bytes or of the first lines, and says how it decided, so the
report can tell the user "read as cp1251 (detected by charset-normalizer), `;`-separated, header on row 3".
"""

from __future__ import annotations

import codecs
import re

from diplotime.errors import UnusableFile

DELIMITERS = (",", ";", "\t", "|")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
HEADER_SEARCH_ROWS = 10  # title lines above the header are looked for in this many first rows

_MAGIC = (
    (b"PK\x03\x04", "a ZIP archive or an Excel workbook"),
    (b"\x89PNG", "a PNG image"),
    (b"%PDF", "a PDF document"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Excel (.xls) or Word file"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "a program (ELF)"),
    (b"MZ", "a Windows program"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Legacy encodings our users' spreadsheets come in; limiting detection to them keeps it reliable.
CANDIDATE_ENCODINGS = ("cp1251", "cp932", "euc_jp", "koi8_r", "cp1252", "latin_1", "utf_16")
DETECT_SAMPLE = 200_000
_RELIABLE_NON_ASCII = 40  # fewer non-ASCII bytes than this make any legacy-encoding guess shaky


def sniff_binary(data: bytes) -> str | None:
    """What a non-text file looks like, or None: sniff_binary(b'%PDF-1.7') -> 'a PDF document'."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    return None


def bom_encoding(data: bytes) -> str | None:
    """The codec a byte-order mark announces: bom_encoding(b'\\xef\\xbb\\xbfdate') -> 'utf-8-sig'."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def detect_encoding(data: bytes) -> tuple[str, str]:
    """(python codec name, how it was decided) for the bytes of a text file.

    detect_encoding('Дата'.encode('utf-8')) -> ('utf-8', 'valid UTF-8')
    """
    bom = bom_encoding(data)
    if bom:
        return bom, "byte-order mark"
    try:
        data.decode("utf-8")
        return "utf-8", "valid UTF-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if b"\x00" in data[:4096]:
        even, odd = data[0:4096:2].count(0), data[1:4096:2].count(0)
        if odd > even * 4:
            return "utf-16-le", "NUL bytes in every other position (UTF-16 without BOM)"
        if even > odd * 4:
            return "utf-16-be", "NUL bytes in every other position (UTF-16 without BOM)"
        raise UnusableFile("the file contains NUL bytes and is not text")
    _reject_broken_utf8(data, utf8_error)
    from charset_normalizer import from_bytes

    best = from_bytes(data[:DETECT_SAMPLE], cp_isolation=list(CANDIDATE_ENCODINGS)).best()
    if best is None:
        raise UnusableFile("the file is not text in any supported encoding (UTF-8, cp1251, cp932, latin-1, UTF-16)")
    name = codecs.lookup(best.encoding).name
    if name in ("shift_jis", "euc_jp"):
        try:
            data.decode("cp932")
            name = "cp932"  # Windows' Shift-JIS superset, what Excel in Japan writes
        except UnicodeDecodeError:
            pass
    non_ascii = sum(1 for b in data[:DETECT_SAMPLE] if b >= 0x80)
    if non_ascii < _RELIABLE_NON_ASCII:
        return name, f"guessed by charset-normalizer from only {non_ascii} non-ASCII bytes, which is unreliable"
    return name, "detected by charset-normalizer"


def _reject_broken_utf8(data: bytes, error: UnicodeDecodeError) -> None:
    """A UTF-8 file with one damaged line is an error, not a reason to re-read it all as cp1252."""
    head = data[: error.start]
    multibyte = any(b >= 0xC2 for b in head)
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return
    try:  # the next megabyte after the bad byte is UTF-8 again: one damaged line, not another encoding
        data[error.end : error.end + 1_000_000].decode("utf-8")
        rest_is_utf8 = True
    except UnicodeDecodeError as exc:
        rest_is_utf8 = exc.start > 1_000_000 - 4  # only a character cut at the window's edge
    if multibyte and (len(head) > len(data) // 2 or rest_is_utf8):
        line = head.count(b"\n") + 1
        raise UnusableFile(
            f"the file is UTF-8 except for an invalid byte on line {line} (byte offset {error.start}); "
            "save it again as UTF-8 or choose its encoding"
        )


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str, str]:
    """Bytes -> (text, codec, how it was decided); raises UnusableFile for non-text files."""
    check_text_bytes(data)
    codec, how = choose_codec(data, encoding)
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UnusableFile(f"the file is not valid {codec} at line {line} (byte offset {exc.start})") from None
    text = text.lstrip("\ufeff")
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise UnusableFile(f"the file contains a NUL character on line {line}; it is not a text table")
    return text, codec, how


def check_text_bytes(data: bytes) -> None:
    """Refuse empty files and files whose first bytes say they are images, archives or programs."""
    blank = b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"
    if not data[:4096].strip(blank) and not data.strip(blank):
        raise UnusableFile("the file is empty")
    what = sniff_binary(data)
    if what:
        raise UnusableFile(f"the file is not a text table: it looks like {what}")


def choose_codec(data: bytes, encoding: str | None) -> tuple[str, str]:
    """The user's encoding if given (checked to exist), else the detected one."""
    if not encoding:
        return detect_encoding(data)
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        raise UnusableFile(f"unknown encoding {encoding!r}") from None
    if codec == "utf-8" and data.startswith(codecs.BOM_UTF8):
        codec = "utf-8-sig"
    return codec, "chosen by the user"


def sniff_delimiter(lines: list[str]) -> str:
    """Pick the delimiter that splits the first lines most consistently: ',' for 'a,b\\n1,2'.

    Quoted cells are set aside first, also when they span lines, so their contents do not vote.
    """
    joined = "\n".join(lines)
    if '"' in joined:
        lines = _QUOTED.sub('""', joined).split("\n")
    best, best_score = ",", 0.0
    for delim in DELIMITERS:
        counts = [_count_outside_quotes(line, delim) for line in lines if line.strip()]
        if not counts or max(counts) == 0:
            continue
        mode = max(set(counts), key=counts.count)
        if mode == 0:
            continue
        consistency = counts.count(mode) / len(counts)
        score = consistency * 10 + min(mode, 10) / 10
        if score > best_score:
            best, best_score = delim, score
    return best


def _count_outside_quotes(line: str, delim: str) -> int:
    if '"' not in line:
        return line.count(delim)
    return re.sub(r'"[^"]*"', "", line).count(delim)


_QUOTED = re.compile(r'"(?:[^"]|"")*"')


def excel_sep_line(first_line: str) -> str | None:
    """The delimiter an Excel ``sep=`` first line declares: excel_sep_line('sep=;') -> ';'."""
    match = re.fullmatch(r"sep=(.)", first_line.strip())
    return match[1] if match else None


def filled(fields: list[str]) -> int:
    """How many cells of a record hold something: filled(['a', ' ', '', 'b']) -> 2."""
    return sum(1 for cell in fields if cell.strip())


def find_header(records: list[list[str]]) -> int:
    """Index of the header among the first non-blank records, skipping title lines above it.

    A title line fills fewer than half the cells the rows below it fill:
    find_header([['Events 2019', '', ''], ['date', 'title', 'place'], ['2019', 'x', 'y']]) -> 1
    """
    if len(records) < 2:
        return 0
    widths = [filled(r) for r in records]
    body = widths[1:]
    usual = max(set(body), key=body.count)
    if usual <= 1:
        return 0
    for i, width in enumerate(widths[:HEADER_SEARCH_ROWS]):
        if width >= max(2, (usual + 1) // 2):
            return i
    return 0
