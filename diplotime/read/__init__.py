"""Read stage: bytes -> a table of text cells, plus what was detected (encoding, delimiter, header row).

Modules, each importing only the ones before it:

- :mod:`~diplotime.read.sniff`: what a file is before reading it (binary or text, encoding, delimiter, header);
- :mod:`~diplotime.read.table`: the :class:`RawTable` and how records become one;
- :mod:`~diplotime.read.exact`: delimited text split by the csv module (the path row numbers are defined by);
- :mod:`~diplotime.read.fast`: large regular files parsed by pyarrow into the same table;
- :mod:`~diplotime.read.archive`: ZIP archives checked before anything inside is read;
- :mod:`~diplotime.read.xlsx`: Excel workbooks;
- :mod:`~diplotime.read.file`: :func:`read_file`, the one entry point.
"""

from diplotime.read.file import FAST_PATH_BYTES, MAX_FILE_BYTES, ReadOptions, read_file, read_table
from diplotime.read.sniff import DELIMITER_NAMES, DELIMITERS
from diplotime.read.table import TEXT_DTYPE, RawTable

__all__ = [
    "DELIMITERS",
    "DELIMITER_NAMES",
    "FAST_PATH_BYTES",
    "MAX_FILE_BYTES",
    "TEXT_DTYPE",
    "RawTable",
    "ReadOptions",
    "read_file",
    "read_table",
]
