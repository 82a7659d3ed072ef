"""The Upload page's widgets: what was detected and the user's overrides, the column mapping, the results
(counts, preview, problems, warnings), the Import button and the confirmation.

Each ``*_ui`` draws one part of the page and returns what the user chose; the state behind them is in
:mod:`diplotime.ui.upload`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

import streamlit as st
from sqlalchemy.engine import Engine

from diplotime import formats, store, upload
from diplotime.store import mappings
from diplotime.text import escape_markdown, plural
from diplotime.ui import upload as state
from diplotime.ui.changed import changed_ui
from diplotime.ui.changes import batch_link, import_events, show_batch_on_timeline, store_changed
from diplotime.ui.duplicates import duplicates_ui
from diplotime.upload import FIELD_LABELS, Choices
from diplotime.upload import columns as file_columns
from diplotime.upload.duplicates import without
from diplotime.upload.plan import confirmation_notes, import_plan
from diplotime.validate import ValidationResult

PREVIEW_COLUMNS = {
    "row": st.column_config.NumberColumn(
        "Row", help="Row in the file, as a spreadsheet numbers it (header = 1)", format="%d", width="small"
    ),
    "status": st.column_config.TextColumn("Status", width="small"),
    "date": st.column_config.TextColumn("Date", help="As the file gives it: a year, a month or a day"),
    "end_date": st.column_config.TextColumn("End"),
    "precision": st.column_config.TextColumn("Precision", width="small"),
    "title": st.column_config.TextColumn("Title", width="large"),
    "type": st.column_config.TextColumn("Type"),
    "countries": st.column_config.TextColumn("Countries"),
    "place": st.column_config.TextColumn("Place"),
    "lat": st.column_config.NumberColumn("Lat", format="%.4f"),
    "lon": st.column_config.NumberColumn("Lon", format="%.4f"),
    "approximate": st.column_config.CheckboxColumn("Approx.", help="Coordinates filled in from the place name"),
    "actors": st.column_config.TextColumn("Actors"),
    "source": st.column_config.TextColumn("Source"),
    "dataset": st.column_config.TextColumn("Dataset"),
    "id": st.column_config.TextColumn("ID"),
}
PROBLEM_COLUMNS = {
    "row": st.column_config.NumberColumn(
        "Row",
        help="Row in the file, as a spreadsheet numbers it (header = 1); 0 = the file as a whole",
        format="%d",
        width="small",
    ),
    "column": st.column_config.TextColumn("Column"),
    "value": st.column_config.TextColumn("Value"),
    "message": st.column_config.TextColumn("Problem", width="large"),
}


def table_height(rows: int) -> int | Literal["auto"]:
    """Short tables take the room they need; long ones scroll inside about twelve rows."""
    return "auto" if rows <= 10 else 420


# ---------------------------------------------------------------- the last import's confirmation


def confirmation_ui() -> None:
    done = state.last_import()
    if not done:
        return
    with st.container(border=True, key="up_confirmation"):
        st.success(
            f"Imported {plural(done['added'], 'event')} from “{escape_markdown(done['name'])}” as batch "
            f"{done['batch']}.",
            icon=":material/check_circle:",
        )
        if notes := confirmation_notes(
            done["duplicates"], done["rejected"], done.get("likely", 0), done.get("updated", 0)
        ):
            st.caption(notes[0].upper() + notes[1:])
        left, right = st.columns(2)
        with left:
            if state.pressed(
                f"Open the timeline filtered to batch {done['batch']}",
                key="up_show_batch",
                type="primary",
                icon=":material/view_timeline:",
            ):
                show_batch_on_timeline(done["batch"])
        right.page_link("pages/batches.py", label="Review or undo it on the Batches page", icon=":material/history:")
        st.caption("Link to the new events on the timeline:")
        st.code(batch_link(done["batch"]), language=None, wrap_lines=True)


# ---------------------------------------------------------------- what was detected, and the user's overrides


def _auto_label(found: str) -> str:
    return f"Detect (found: {found})" if found else "Detect"


def overrides_ui(pending: upload.Upload, auto: dict) -> Choices:
    """Widgets for every detected setting; each starts on 'Detect' and says what was detected."""
    first, second = st.columns(3, vertical_alignment="bottom"), st.columns(3, vertical_alignment="bottom")
    fmt = first[0].selectbox(
        "Format",
        ["", *formats.format_names()],
        key="up_format",
        format_func=lambda f: (
            upload.format_label(f, short=True)
            if f
            else _auto_label(upload.format_label(auto.get("format", ""), short=True))
        ),
        help="The layout of the file: our event table, or an export of GDELT, ACLED, ICEWS or TimelineJS.",
    )
    sheet = encoding = delimiter = None
    if pending.is_workbook:
        sheets = file_columns.sheet_names(pending)
        sheet = (
            first[1].selectbox(
                "Sheet",
                ["", *sheets],
                key="up_sheet",
                format_func=lambda s: s or _auto_label(auto.get("sheet", "")),
                help="Which sheet of the workbook holds the events.",
            )
            or None
        )
        first[2].caption("A workbook has no encoding or delimiter to choose.")
    else:
        found = auto.get("encoding", "")
        codecs = ["", *dict.fromkeys([*upload.ENCODINGS, *([found] if found else [])])]
        encoding = (
            first[1].selectbox(
                "Encoding",
                codecs,
                key="up_encoding",
                format_func=lambda c: (
                    upload.encoding_label(c) if c else _auto_label(found and upload.encoding_label(found))
                ),
                help="How the text is stored. If letters look wrong in the preview (Cyrillic or Japanese as "
                "garbage), choose another encoding.",
            )
            or None
        )
        delimiter = (
            first[2].selectbox(
                "Delimiter",
                ["", *upload.DELIMITERS],
                key="up_delimiter",
                format_func=lambda d: (
                    upload.DELIMITERS[d] if d else _auto_label(upload.DELIMITERS.get(auto.get("delimiter", ""), ""))
                ),
                help="The character between fields.",
            )
            or None
        )
    order = (
        second[0].selectbox(
            "Date order",
            ["", "dmy", "mdy"],
            key="up_date_order",
            format_func=lambda o: f"Read {upload.DATE_ORDERS[o]}" if o else "Detect from the dates",
            help="For dates such as 03/04/2019 that read two ways. Detection decides from values that can only "
            "be read one way (22/01/2019); when the file has none, choose here.",
        )
        or None
    )
    named = (
        second[1]
        .text_input(
            "Dataset for rows that name none",
            key="up_dataset",
            max_chars=100,
            help="Events are grouped by dataset in the filters; by default the file's name.",
        )
        .strip()
    )
    dataset = None if named in ("", upload.default_dataset_name(pending)) else named
    has_header = second[2].toggle(
        "First row holds column names",
        value=True,
        key="up_header",
        help="Turn off when the file starts with data: its columns are then numbered.",
    )
    return Choices(
        format=fmt or None,
        encoding=encoding,
        delimiter=delimiter,
        sheet=sheet,
        has_header=has_header,
        date_order=order,
        dataset=dataset,
    )


def summary_ui(facts: dict, mapping_shown: bool) -> None:
    lines = upload.detected_facts(facts)
    st.markdown(" · ".join(f"**{label}:** {escape_markdown(value)}" for label, value in lines))
    if not mapping_shown:
        with st.expander("How the columns were read", icon=":material/view_column:"):
            st.dataframe(
                upload.mapping_frame(list(facts.get("mapping", {})), facts.get("mapping", {})),
                hide_index=True,
                key="up_mapping_table",
            )


# ---------------------------------------------------------------- which column holds which field


def mapping_ui(engine: Engine, columns: file_columns.FileColumns, choices: Choices) -> tuple[Choices, list[str]]:
    """Pick which column holds each event field (files in the event-table format), with suggestions,
    and save or reuse the mapping by name. Returns the choices with the mapping, and what is missing."""
    headers = list(columns.headers)
    suggested = state.suggested_fields(columns)
    saved = mappings.fitting_mappings(mappings.list_mappings(engine), headers)
    mapping, problems = file_columns.fields_to_mapping(state.chosen_fields())
    offer = next((m for m in saved if m.same_shape(headers) and m.for_headers(headers) != mapping), None)
    if offer:
        with st.container(border=True, key="up_offer"):
            st.info(
                f"Your saved column mapping “{escape_markdown(offer.name)}” was made for a file with these columns.",
                icon=":material/bookmark:",
            )
            st.button(
                f"Use “{offer.name[:60]}”",
                key="up_use_offer",
                icon=":material/done:",
                on_click=_apply_saved,
                args=(offer, headers),
            )
    with st.expander(
        "Columns: which column of the file holds each event field",
        icon=":material/view_column:",
        expanded=bool(problems or offer or file_columns.guessed_fields(suggested, headers)),
    ):
        st.caption(
            "Suggested from the column names and values: check them. Date and title are required; "
            "columns not chosen for a field are kept with each event as extra attributes."
        )
        st.dataframe(
            file_columns.columns_frame(columns),
            hide_index=True,
            key="up_columns_table",
            height=min(250, 38 + 35 * len(headers)),
            column_config={
                "column": st.column_config.TextColumn("Column in the file"),
                "examples": st.column_config.TextColumn("Examples", width="large"),
            },
        )
        options = [""] + headers
        grid = st.columns(3)
        for i, fld in enumerate(FIELD_LABELS):
            label = FIELD_LABELS[fld] + (" (required)" if fld in ("date", "title") else "")
            reason = suggested[fld][1] if fld in suggested else "no suggestion"
            grid[i % 3].selectbox(
                label,
                options,
                key=f"map_{fld}",
                format_func=lambda h: h or "— not in this file —",
                help=f"Suggested: {suggested[fld][0]} ({reason})" if fld in suggested else "No column suggested.",
            )
        mapping, problems = file_columns.fields_to_mapping(state.chosen_fields())
        _saved_mappings_ui(engine, saved, headers, mapping, problems)
    for problem in problems:
        st.error(problem, icon=":material/rule:")
    if problems:
        return choices, problems
    return file_columns.choices_with_mapping(choices, mapping, headers), []


def _apply_saved(saved: mappings.SavedMapping, headers: list[str]) -> None:
    chosen = {fld: column for column, fld in saved.for_headers(headers).items()}
    for fld in FIELD_LABELS:
        st.session_state[f"map_{fld}"] = chosen.get(fld, "")
    st.session_state["up_format"] = "events"
    st.session_state["up_saved_note"] = f"Applied the saved mapping “{saved.name}”."


def _delete_saved(engine: Engine, name: str) -> None:
    deleted = mappings.delete_mapping(engine, name)
    st.session_state["up_saved_note"] = (
        f"Deleted the saved mapping “{name}”." if deleted else f"The saved mapping “{name}” was already deleted."
    )


def _saved_mappings_ui(engine: Engine, saved: list, headers: list[str], mapping: dict, problems: list[str]) -> None:
    left, right = st.columns(2, gap="large")
    with left:
        if saved:
            pick = st.selectbox("Saved mappings that fit this file", [m.name for m in saved], key="up_saved")
            chosen = next(m for m in saved if m.name == pick)
            apply, delete = st.columns(2)
            apply.button(
                "Apply this mapping",
                key="up_apply_saved",
                icon=":material/bookmark:",
                on_click=_apply_saved,
                args=(chosen, headers),
            )
            delete.button(
                "Delete it",
                key="up_delete_saved",
                icon=":material/delete:",
                type="tertiary",
                on_click=_delete_saved,
                args=(engine, chosen.name),
                help="Deletes it for everyone using this store.",
            )
        else:
            st.caption("No saved mapping fits this file's columns yet.")
        if note := st.session_state.pop("up_saved_note", None):
            st.caption(escape_markdown(note))
    with right:
        name = st.text_input(
            "Save this mapping as",
            key="up_map_name",
            max_chars=mappings.MAX_NAME,
            placeholder="e.g. Ministry press log",
            help="Saved in the store for everyone; offered again for files with the same columns.",
        )
        if state.pressed("Save mapping", key="up_save_map", icon=":material/save:", disabled=bool(problems)):
            try:
                kept = mappings.save_mapping(engine, name, headers, mapping)
            except ValueError as exc:
                st.error(upload.ui_wording(str(exc)).capitalize() + ".", icon=":material/error:")
            else:
                st.success(f"Saved the mapping “{escape_markdown(kept.name)}”.", icon=":material/bookmark_added:")


# ---------------------------------------------------------------- the check and its results


def checked_ui(pending: upload.Upload, choices: Choices) -> upload.Checked:
    """The check under these choices, kept in this session so other widgets do not re-run it.

    A large file shows its first rows at once, while every row is checked.
    """
    check = state.kept_check(pending, choices)
    if check is None:
        early = st.empty()
        if file_columns.worth_a_first_look(pending):
            with early.container():
                _first_rows_ui(upload.check_upload(file_columns.first_part(pending), choices))
        with st.spinner(f"Checking all {upload.size_label(pending.size)}…"):
            check = upload.check_upload(pending, choices)
        early.empty()
        state.keep_check(pending, choices, check)
    return check


def _first_rows_ui(first: upload.Checked) -> None:
    if first.result is None or first.result.events.empty:
        return
    shown = upload.first_rows_frame(first.result)
    st.caption(
        f"The first {len(shown):,} events while the whole file is checked; the counts, every problem "
        "and the import follow."
    )
    st.dataframe(
        shown, hide_index=True, column_config=PREVIEW_COLUMNS, key="up_first_rows", height=table_height(len(shown))
    )


def results_ui(engine: Engine, pending: upload.Upload, check: upload.Checked) -> None:
    result = check.result
    assert result is not None
    stored, counts = state.counts_of(engine, pending, check)
    cols = st.columns(5)
    cols[0].metric("Rows in the file", f"{counts.rows:,}")
    cols[1].metric("New events", f"{counts.new:,}", help="Valid events the store does not have yet: Import adds these.")
    cols[2].metric(
        "Already stored",
        f"{counts.duplicates:,}",
        help="Valid events whose id the store already has: skipped, unless their content changed and you apply it.",
    )
    cols[3].metric("Rejected rows", f"{counts.rejected:,}", help="Rows with a problem (see Problems): not imported.")
    cols[4].metric("Merged repeats", f"{counts.merged:,}", help="Rows that repeat an earlier row of the file.")
    earlier = store.batch_of_file(engine, pending.digest)
    if earlier:
        st.info(
            f"This exact file was imported before, as batch {earlier['id']} on {str(earlier['created_at'])[:10]}. "
            "Importing it again adds only events that are not stored.",
            icon=":material/content_copy:",
        )
    skip = duplicates_ui(pending, check, stored)
    update = changed_ui(engine, pending, check)
    warnings = upload.warnings_list(result)
    preview_tab, problems_tab, warnings_tab = st.tabs(
        [
            f"Preview ({min(counts.valid, upload.PREVIEW_ROWS):,} of {counts.valid:,} events)",
            f"Problems ({len(result.problems):,})",
            f"Warnings ({len(warnings):,})",
        ]
    )
    with preview_tab:
        _preview_ui(result, stored, counts)
    with problems_tab:
        _problems_ui(pending, result)
    with warnings_tab:
        if warnings:
            st.markdown("\n".join(f"- {escape_markdown(w)}" for w in warnings))
        else:
            st.caption("No warnings.")
    import_ui(engine, pending, check, counts, skip, update)


def _preview_ui(result: ValidationResult, stored, counts: upload.Counts) -> None:  # noqa: ANN001
    if counts.valid == 0:
        st.warning("No row of the file is a valid event; the Problems tab says why.", icon=":material/block:")
        return
    if counts.valid > upload.PREVIEW_ROWS:
        st.caption(
            f"The first {upload.PREVIEW_ROWS:,} events in file order; the counts above cover all {counts.valid:,}."
        )
    preview = upload.preview_frame(result, stored)
    st.dataframe(
        preview, hide_index=True, column_config=PREVIEW_COLUMNS, key="up_preview", height=table_height(len(preview))
    )


def _problems_ui(pending: upload.Upload, result: ValidationResult) -> None:
    if not result.problems:
        st.success("No problems: every row is a valid event.", icon=":material/task_alt:")
        return
    total = len(result.problems)
    if total > upload.PROBLEM_ROWS:
        st.caption(f"The first {upload.PROBLEM_ROWS:,} of {total:,} problems; the download has all of them.")
    st.dataframe(
        upload.problems_table(result),
        hide_index=True,
        column_config=PROBLEM_COLUMNS,
        key="up_problems",
        height=table_height(min(total, upload.PROBLEM_ROWS)),
    )
    stem = upload.default_dataset_name(pending).replace(" ", "-")[:60]
    st.download_button(
        f"Download all {total:,} problems as CSV",
        data=lambda: upload.problems_csv(result),
        file_name=f"{stem}-problems.csv",
        mime="text/csv",
        icon=":material/download:",
        key="up_problems_csv",
        on_click="ignore",
    )


def import_ui(
    engine: Engine,
    pending: upload.Upload,
    check: upload.Checked,
    counts: upload.Counts,
    skip: frozenset[str] | set[str] = frozenset(),
    update: frozenset[str] | set[str] = frozenset(),
) -> None:
    """The Import button and what it will do; on press, one batch in one transaction with a progress bar.

    ``skip``: the likely duplicates the user left on "Skip" (see :mod:`diplotime.ui.duplicates`);
    ``update``: the changed rows the user chose to apply (see :mod:`diplotime.ui.changed`).
    """
    assert check.result is not None
    counts = replace(counts, new=counts.new - len(skip), likely=len(skip), updates=len(update))
    st.divider()
    strict = st.checkbox(
        "Import nothing unless every row is valid",
        key="up_strict",
        help="By default the valid rows are imported and the rejected ones are left out.",
    )
    plan = import_plan(counts, strict)
    if plan.caption:
        st.caption(plan.caption)
    if not state.pressed(
        plan.label, key="up_import", type="primary", icon=":material/upload:", disabled=not plan.allowed
    ):
        return
    bar = st.progress(0.0, text=f"Importing {plural(counts.new, 'event')}…")
    try:
        outcome = import_events(
            engine,
            without(check.result, skip),
            file_name=pending.name,
            data_hash=pending.digest,
            format=check.result.facts.get("format", "events"),
            all_or_nothing=strict,
            update=update,
            progress=lambda done: bar.progress(min(float(done), 1.0), text=f"Importing… {done:.0%}"),
        )
    except Exception as exc:  # noqa: BLE001 - a store error must not lose the user's check; the transaction rolled back
        bar.empty()
        st.error(
            f"The import failed and nothing was stored ({type(exc).__name__}). Try again; if it keeps "
            "failing, the store may be locked or full.",
            icon=":material/error:",
        )
        return
    bar.progress(1.0, text="Imported.")
    store_changed()
    if outcome.batch is None:
        st.warning("Nothing was imported: every valid event is already stored, unchanged.", icon=":material/info:")
        return
    state.remember_import(outcome, pending.name)
    st.session_state[state.DONE]["likely"] = len(skip)
    st.rerun()
