"""Upload stage: the Upload and Batches pages' work, without Streamlit.

Modules, each importing only the ones before it:

- :mod:`~diplotime.upload.check`: the user's choices, the check of a whole file, counts against the store, the
  preview, the problems download and the labels the page shows;
- :mod:`~diplotime.upload.suggest`: which column of an unfamiliar file holds which event field;
- :mod:`~diplotime.upload.columns`: a file's columns before any check, and the user's choice of columns;
- :mod:`~diplotime.upload.duplicates`: events of a file that look like ones already stored (same date, close
  title, shared actor);
- :mod:`~diplotime.upload.plan`: whether (and what) Import would store, and what the button says;
- :mod:`~diplotime.upload.batches`: the import batches as the Batches page lists them.
"""

from diplotime.upload.check import (
    DATE_ORDERS,
    DELIMITERS,
    ENCODINGS,
    FIELD_LABELS,
    PREVIEW_ROWS,
    PROBLEM_ROWS,
    Checked,
    Choices,
    Counts,
    Upload,
    check_upload,
    count_rows,
    default_dataset_name,
    detected_facts,
    encoding_label,
    first_rows_frame,
    format_label,
    mapping_frame,
    preview_frame,
    problems_csv,
    problems_table,
    size_label,
    ui_wording,
    warnings_list,
)

__all__ = [
    "DATE_ORDERS",
    "DELIMITERS",
    "ENCODINGS",
    "FIELD_LABELS",
    "PREVIEW_ROWS",
    "PROBLEM_ROWS",
    "Checked",
    "Choices",
    "Counts",
    "Upload",
    "check_upload",
    "count_rows",
    "default_dataset_name",
    "detected_facts",
    "encoding_label",
    "first_rows_frame",
    "format_label",
    "mapping_frame",
    "preview_frame",
    "problems_csv",
    "problems_table",
    "size_label",
    "ui_wording",
    "warnings_list",
]
