"""Upload: drop a file, see what was detected and every problem, change what was detected, map unknown
columns, then import the good rows as one batch that can be undone.

The file lives only in this user's session (``st.session_state``), never in a cache shared between
users, and nothing is stored until Import is pressed. Its name is display text, never a path.
"""

import streamlit as st

from diplotime import formats, store, ui, upload
from diplotime.upload import columns as file_columns
from diplotime.store import mappings
from diplotime.text import escape_markdown
from diplotime.upload.check import FIELD_LABELS, Choices

FILE, FILE_ID, GEN, CHECK, COLUMNS, COUNTS, AUTO, DONE, FIELDS_FOR = (
    "up_file", "up_file_id", "up_gen", "up_check", "up_columns", "up_counts", "up_auto", "up_done", "up_fields_for")
OVERRIDES = ("up_format", "up_encoding", "up_delimiter", "up_sheet", "up_header", "up_date_order", "up_dataset")
TYPES = ["csv", "tsv", "tab", "txt", "xlsx", "xlsm", "zip"]  # .tab: ICEWS; .zip: GDELT's zipped exports
state = st.session_state
engine = ui.store_engine()


def pressed(label: str, key: str, **kwargs) -> bool:  # noqa: ANN003 - st.button's own options
    """A button whose press is remembered by a callback, so the run that follows acts on it once."""
    st.button(label, key=key, on_click=state.__setitem__, args=(f"{key}_pressed", True), **kwargs)
    return bool(state.pop(f"{key}_pressed", False))


def uploader_key() -> str:
    gen = state.get(GEN, 0)
    return "upload_file" if gen == 0 else f"upload_file_{gen}"


def forget_file(clear_widget: bool = False) -> None:
    for key in (FILE, FILE_ID, CHECK, COLUMNS, COUNTS, AUTO, FIELDS_FOR, *OVERRIDES):
        state.pop(key, None)
    for fld in FIELD_LABELS:
        state.pop(f"map_{fld}", None)
    if clear_widget:
        state[GEN] = state.get(GEN, 0) + 1  # a new uploader: the browser lets go of the file


def on_uploader_change() -> None:
    if state.get(uploader_key()) is None:  # the user removed the file in the uploader
        forget_file()


def take_file(file) -> None:  # noqa: ANN001 - an st.file_uploader value
    """A newly dropped file becomes this session's pending upload (its bytes are not copied)."""
    if file is None or file.file_id == state.get(FILE_ID):
        return
    forget_file()
    state.pop(DONE, None)
    pending = upload.Upload.from_bytes(file.name, file.getvalue())
    state[FILE], state[FILE_ID] = pending, file.file_id
    state["up_dataset"] = upload.default_dataset_name(pending)
    # What detection finds with no choices made, from the start of the file: the 'Detect' options say it,
    # and it is fixed for this file so that the options (and the widgets' values) never change under the user.
    state[AUTO] = file_columns.detected_defaults(columns_of(pending, Choices()))


# ---------------------------------------------------------------- the last import's confirmation


def confirmation_ui() -> None:
    done = state.get(DONE)
    if not done:
        return
    with st.container(border=True, key="up_confirmation"):
        st.success(f"Imported {done['added']:,} events from “{escape_markdown(done['name'])}” as batch "
                   f"{done['batch']}.", icon=":material/check_circle:")
        notes = []
        if done["duplicates"]:
            notes.append(f"{done['duplicates']:,} were already stored and were skipped")
        if done["rejected"]:
            notes.append(f"{done['rejected']:,} rows with problems were not imported")
        if notes:
            st.caption("; ".join(notes).capitalize() + ".")
        left, right = st.columns(2)
        with left:
            if pressed(f"Open the timeline filtered to batch {done['batch']}", key="up_show_batch", type="primary",
                       icon=":material/view_timeline:"):
                ui.show_batch_on_timeline(done["batch"])
        right.page_link("pages/batches.py", label="Review or undo it on the Batches page", icon=":material/history:")
        st.caption("Link to the new events on the timeline:")
        st.code(ui.batch_link(done["batch"]), language=None, wrap_lines=True)


# ---------------------------------------------------------------- what was detected, and the user's overrides


def auto_label(found: str) -> str:
    return f"Detect (found: {found})" if found else "Detect"


def overrides_ui(pending: upload.Upload, auto: dict) -> Choices:
    """Widgets for every detected setting; each starts on 'Detect' and says what was detected."""
    first, second = st.columns(3, vertical_alignment="bottom"), st.columns(3, vertical_alignment="bottom")
    fmt = first[0].selectbox(
        "Format", ["", *formats.format_names()], key="up_format",
        format_func=lambda f: upload.format_label(f, short=True) if f else
        auto_label(upload.format_label(auto.get("format", ""), short=True)),
        help="The layout of the file: our event table, or an export of GDELT, ACLED, ICEWS or TimelineJS.")
    sheet = encoding = delimiter = None
    if pending.is_workbook:
        sheets = file_columns.sheet_names(pending)
        sheet = first[1].selectbox("Sheet", ["", *sheets], key="up_sheet",
                                   format_func=lambda s: s or auto_label(auto.get("sheet", "")),
                                   help="Which sheet of the workbook holds the events.") or None
        first[2].caption("A workbook has no encoding or delimiter to choose.")
    else:
        found = auto.get("encoding", "")
        codecs = ["", *dict.fromkeys([*upload.ENCODINGS, *([found] if found else [])])]
        encoding = first[1].selectbox(
            "Encoding", codecs, key="up_encoding",
            format_func=lambda c: upload.encoding_label(c) if c else auto_label(found and upload.encoding_label(found)),
            help="How the text is stored. If letters look wrong in the preview (Cyrillic or Japanese as "
                 "garbage), choose another encoding.") or None
        delimiter = first[2].selectbox(
            "Delimiter", ["", *upload.DELIMITERS], key="up_delimiter",
            format_func=lambda d: upload.DELIMITERS[d] if d else
            auto_label(upload.DELIMITERS.get(auto.get("delimiter", ""), "")),
            help="The character between fields.") or None
    order = second[0].selectbox(
        "Date order", ["", "dmy", "mdy"], key="up_date_order",
        format_func=lambda o: f"Read {upload.DATE_ORDERS[o]}" if o else "Detect from the dates",
        help="For dates such as 03/04/2019 that read two ways. Detection decides from values that can only "
             "be read one way (22/01/2019); when the file has none, choose here.") or None
    dataset = second[1].text_input(
        "Dataset for rows that name none", key="up_dataset", max_chars=100,
        help="Events are grouped by dataset in the filters; by default the file's name.").strip()
    dataset = None if dataset in ("", upload.default_dataset_name(pending)) else dataset
    has_header = second[2].toggle("First row holds column names", value=True, key="up_header",
                                  help="Turn off when the file starts with data: its columns are then numbered.")
    return Choices(format=fmt or None, encoding=encoding, delimiter=delimiter, sheet=sheet, has_header=has_header,
                   date_order=order, dataset=dataset)


def columns_of(pending: upload.Upload, choices: Choices) -> file_columns.FileColumns:
    memo = state.get(COLUMNS)
    if memo is None or memo[0] != (pending.digest, choices.reading()):
        memo = ((pending.digest, choices.reading()), file_columns.read_columns(pending, choices))
        state[COLUMNS] = memo
    return memo[1]


def mapping_ui(columns: file_columns.FileColumns, choices: Choices) -> tuple[Choices, list[str]]:
    """Pick which column holds each event field (files in the event-table format), with suggestions,
    and save or reuse the mapping by name."""
    headers = list(columns.headers)
    suggested = file_columns.initial_fields(columns)
    if state.get(FIELDS_FOR) != columns.headers:  # a new file, or reading it differently changed its columns
        for fld in FIELD_LABELS:
            state[f"map_{fld}"] = suggested[fld][0] if fld in suggested else ""
        state[FIELDS_FOR] = columns.headers
    saved = mappings.fitting_mappings(mappings.list_mappings(engine), headers)
    fields = {fld: state.get(f"map_{fld}", "") for fld in FIELD_LABELS}
    mapping, problems = file_columns.fields_to_mapping(fields)
    offer = next((m for m in saved if m.same_shape(headers) and m.for_headers(headers) != mapping), None)
    if offer:
        with st.container(border=True, key="up_offer"):
            st.info(f"Your saved column mapping “{escape_markdown(offer.name)}” was made for a file with these "
                    "columns.", icon=":material/bookmark:")
            st.button(f"Use “{offer.name[:60]}”", key="up_use_offer", icon=":material/done:",
                      on_click=apply_saved, args=(offer, headers))
    with st.expander("Columns: which column of the file holds each event field", icon=":material/view_column:",
                     expanded=bool(problems or offer or file_columns.guessed_fields(suggested, headers))):
        st.caption("Suggested from the column names and values: check them. Date and title are required; "
                   "columns not chosen for a field are kept with each event as extra attributes.")
        st.dataframe(file_columns.columns_frame(columns), hide_index=True, key="up_columns_table",
                     height=min(250, 38 + 35 * len(headers)),
                     column_config={"column": st.column_config.TextColumn("Column in the file"),
                                    "examples": st.column_config.TextColumn("Examples", width="large")})
        options = [""] + headers
        grid = st.columns(3)
        for i, fld in enumerate(FIELD_LABELS):
            label = FIELD_LABELS[fld] + (" (required)" if fld in ("date", "title") else "")
            reason = suggested[fld][1] if fld in suggested else "no suggestion"
            grid[i % 3].selectbox(
                label, options, key=f"map_{fld}", format_func=lambda h: h or "— not in this file —",
                help=f"Suggested: {suggested[fld][0]} ({reason})" if fld in suggested else "No column suggested.")
        fields = {fld: state.get(f"map_{fld}", "") for fld in FIELD_LABELS}
        mapping, problems = file_columns.fields_to_mapping(fields)
        saved_mappings_ui(saved, headers, mapping, problems)
    for problem in problems:
        st.error(problem, icon=":material/rule:")
    if problems:
        return choices, problems
    return file_columns.choices_with_mapping(choices, mapping, headers), []


def apply_saved(saved: mappings.SavedMapping, headers: list[str]) -> None:
    chosen = {fld: column for column, fld in saved.for_headers(headers).items()}
    for fld in FIELD_LABELS:
        state[f"map_{fld}"] = chosen.get(fld, "")
    state["up_format"] = "events"
    state["up_saved_note"] = f"Applied the saved mapping “{saved.name}”."


def delete_saved(name: str) -> None:
    deleted = mappings.delete_mapping(engine, name)
    state["up_saved_note"] = (f"Deleted the saved mapping “{name}”." if deleted
                              else f"The saved mapping “{name}” was already deleted.")


def saved_mappings_ui(saved: list, headers: list[str], mapping: dict, problems: list[str]) -> None:
    left, right = st.columns(2, gap="large")
    with left:
        if saved:
            pick = st.selectbox("Saved mappings that fit this file", [m.name for m in saved], key="up_saved")
            chosen = next(m for m in saved if m.name == pick)
            apply, delete = st.columns(2)
            apply.button("Apply this mapping", key="up_apply_saved", icon=":material/bookmark:",
                         on_click=apply_saved, args=(chosen, headers))
            delete.button("Delete it", key="up_delete_saved", icon=":material/delete:", type="tertiary",
                          on_click=delete_saved, args=(chosen.name,), help="Deletes it for everyone using this store.")
        else:
            st.caption("No saved mapping fits this file's columns yet.")
        if note := state.pop("up_saved_note", None):
            st.caption(escape_markdown(note))
    with right:
        name = st.text_input("Save this mapping as", key="up_map_name", max_chars=mappings.MAX_NAME,
                             placeholder="e.g. Ministry press log",
                             help="Saved in the store for everyone; offered again for files with the same columns.")
        if pressed("Save mapping", key="up_save_map", icon=":material/save:", disabled=bool(problems)):
            try:
                kept = mappings.save_mapping(engine, name, headers, mapping)
            except ValueError as exc:
                st.error(upload.ui_wording(str(exc)).capitalize() + ".", icon=":material/error:")
            else:
                st.success(f"Saved the mapping “{escape_markdown(kept.name)}”.", icon=":material/bookmark_added:")


# ---------------------------------------------------------------- the check and its results


def checked(pending: upload.Upload, choices: Choices) -> upload.Checked:
    """The check under these choices, kept in this session so other widgets do not re-run it.

    A large file shows its first rows at once, while every row is checked.
    """
    memo = state.get(CHECK)
    if memo is None or memo[0] != (pending.digest, choices):
        state.pop(CHECK, None)
        state.pop(COUNTS, None)  # free the previous result before building the next one
        early = st.empty()
        if file_columns.worth_a_first_look(pending):
            with early.container():
                first_rows_ui(upload.check_upload(file_columns.first_part(pending), choices))
        with st.spinner(f"Checking all {upload.size_label(pending.size)}…"):
            memo = ((pending.digest, choices), upload.check_upload(pending, choices))
        early.empty()
        state[CHECK] = memo
    return memo[1]


def first_rows_ui(first: upload.Checked) -> None:
    if first.result is None or first.result.events.empty:
        return
    shown = upload.first_rows_frame(first.result)
    st.caption(f"The first {len(shown):,} events while the whole file is checked; the counts, every problem "
               "and the import follow.")
    st.dataframe(shown, hide_index=True, column_config=PREVIEW_COLUMNS, key="up_first_rows",
                 height=table_height(len(shown)))


def counts_of(pending: upload.Upload, check: upload.Checked) -> tuple:
    """Which events are already stored (by id), re-asked whenever the store changes."""
    revision = ui.revision()
    memo = state.get(COUNTS)
    if memo is None or memo[0] != (pending.digest, check.choices, revision):
        stored = store.stored_ids(engine, check.result.events["id"])
        memo = ((pending.digest, check.choices, revision), stored, upload.count_rows(check.result, stored))
        state[COUNTS] = memo
    return memo[1], memo[2]


def summary_ui(facts: dict, mapping_shown: bool) -> None:
    lines = upload.detected_facts(facts)
    st.markdown(" · ".join(f"**{label}:** {escape_markdown(value)}" for label, value in lines))
    if not mapping_shown:
        with st.expander("How the columns were read", icon=":material/view_column:"):
            st.dataframe(upload.mapping_frame(list(facts.get("mapping", {})), facts.get("mapping", {})),
                         hide_index=True, key="up_mapping_table")


def results_ui(pending: upload.Upload, check: upload.Checked) -> None:
    result = check.result
    stored, counts = counts_of(pending, check)
    cols = st.columns(5)
    cols[0].metric("Rows in the file", f"{counts.rows:,}")
    cols[1].metric("New events", f"{counts.new:,}", help="Valid events the store does not have yet: Import adds these.")
    cols[2].metric("Already stored", f"{counts.duplicates:,}", help="Valid events whose id the store already has: "
                                                                    "skipped, never changed.")
    cols[3].metric("Rejected rows", f"{counts.rejected:,}", help="Rows with a problem (see Problems): not imported.")
    cols[4].metric("Merged repeats", f"{counts.merged:,}", help="Rows that repeat an earlier row of the file.")
    earlier = store.batch_of_file(engine, pending.digest)
    if earlier:
        st.info(f"This exact file was imported before, as batch {earlier['id']} on {str(earlier['created_at'])[:10]}. "
                "Importing it again adds only events that are not stored.", icon=":material/content_copy:")

    warnings = upload.warnings_list(result)
    preview_tab, problems_tab, warnings_tab = st.tabs([
        f"Preview ({min(counts.valid, upload.PREVIEW_ROWS):,} of {counts.valid:,} events)",
        f"Problems ({len(result.problems):,})", f"Warnings ({len(warnings):,})"])
    with preview_tab:
        preview_ui(result, stored, counts)
    with problems_tab:
        problems_ui(pending, result)
    with warnings_tab:
        if warnings:
            st.markdown("\n".join(f"- {escape_markdown(w)}" for w in warnings))
        else:
            st.caption("No warnings.")
    import_ui(pending, check, counts)


PREVIEW_COLUMNS = {
    "row": st.column_config.NumberColumn("Row", help="Row in the file, as a spreadsheet numbers it (header = 1)",
                                         format="%d", width="small"),
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
    "row": st.column_config.NumberColumn("Row", help="Row in the file, as a spreadsheet numbers it (header = 1); "
                                                     "0 = the file as a whole", format="%d", width="small"),
    "column": st.column_config.TextColumn("Column"),
    "value": st.column_config.TextColumn("Value"),
    "message": st.column_config.TextColumn("Problem", width="large"),
}


def table_height(rows: int) -> int | str:
    """Short tables take the room they need; long ones scroll inside about twelve rows."""
    return "auto" if rows <= 10 else 420


def preview_ui(result, stored, counts: upload.Counts) -> None:  # noqa: ANN001
    if counts.valid == 0:
        st.warning("No row of the file is a valid event; the Problems tab says why.", icon=":material/block:")
        return
    if counts.valid > upload.PREVIEW_ROWS:
        st.caption(f"The first {upload.PREVIEW_ROWS:,} events in file order; the counts above cover all "
                   f"{counts.valid:,}.")
    preview = upload.preview_frame(result, stored)
    st.dataframe(preview, hide_index=True, column_config=PREVIEW_COLUMNS, key="up_preview",
                 height=table_height(len(preview)))


def problems_ui(pending: upload.Upload, result) -> None:  # noqa: ANN001
    if not result.problems:
        st.success("No problems: every row is a valid event.", icon=":material/task_alt:")
        return
    total = len(result.problems)
    if total > upload.PROBLEM_ROWS:
        st.caption(f"The first {upload.PROBLEM_ROWS:,} of {total:,} problems; the download has all of them.")
    st.dataframe(upload.problems_table(result), hide_index=True, column_config=PROBLEM_COLUMNS, key="up_problems",
                 height=table_height(min(total, upload.PROBLEM_ROWS)))
    stem = upload.default_dataset_name(pending).replace(" ", "-")[:60]
    st.download_button(f"Download all {total:,} problems as CSV", data=lambda: upload.problems_csv(result),
                       file_name=f"{stem}-problems.csv", mime="text/csv", icon=":material/download:",
                       key="up_problems_csv", on_click="ignore")


def import_ui(pending: upload.Upload, check: upload.Checked, counts: upload.Counts) -> None:
    st.divider()
    strict = st.checkbox("Import nothing unless every row is valid", key="up_strict",
                         help="By default the valid rows are imported and the rejected ones are left out.")
    blocked = ""
    if counts.new == 0:
        blocked = "Nothing to import: every valid event is already stored." if counts.valid else ""
    elif strict and counts.rejected:
        blocked = (f"{counts.rejected:,} rows have problems, so nothing would be imported: fix the file or untick "
                   "the box.")
    if blocked:
        st.caption(blocked)
    else:
        left_out = f"; the {counts.rejected:,} rows with problems are left out" if counts.rejected else ""
        skipped = f"; {counts.duplicates:,} already stored are skipped" if counts.duplicates else ""
        st.caption(f"Adds {counts.new:,} new event{'s' if counts.new != 1 else ''} as one batch{left_out}{skipped}. The batch can be undone on "
                   "the Batches page.")
    label = f"Import {counts.new:,} event{'s' if counts.new != 1 else ''}"
    if not pressed(label, key="up_import", type="primary", icon=":material/upload:", disabled=bool(blocked)):
        return
    bar = st.progress(0.0, text=f"Importing {counts.new:,} events…")
    try:
        outcome = store.import_events(
            engine, check.result, file_name=pending.name, data_hash=pending.digest,
            format=check.result.facts.get("format", "events"), all_or_nothing=strict,
            progress=lambda done: bar.progress(min(float(done), 1.0), text=f"Importing… {done:.0%}"))
    except Exception as exc:  # noqa: BLE001 - a store error must not lose the user's check; the transaction rolled back
        bar.empty()
        st.error(f"The import failed and nothing was stored ({type(exc).__name__}). Try again; if it keeps "
                 "failing, the store may be locked or full.", icon=":material/error:")
        return
    bar.progress(1.0, text="Imported.")
    ui.store_changed()
    if outcome.batch is None:
        st.warning("Nothing was imported: every valid event is already stored.", icon=":material/info:")
        return
    state[DONE] = {"batch": outcome.batch, "added": outcome.added, "duplicates": outcome.duplicates,
                   "rejected": outcome.rejected, "name": pending.name}
    forget_file(clear_widget=True)
    st.rerun()


# ---------------------------------------------------------------- the page


ui.page_title("Upload", ":material/upload:")
limit_mb = st.get_option("server.maxUploadSize")
st.caption(f"CSV, TSV, TAB, TXT or Excel (.xlsx) files, or a ZIP holding one table, of up to {limit_mb:,} MB. "
           "Nothing is stored until you press Import, and the file stays in your session only.")
confirmation_ui()
take_file(st.file_uploader("Event file", type=TYPES, key=uploader_key(), on_change=on_uploader_change,
                           help="Drop a file here or browse. Row numbers below are those a spreadsheet shows."))
pending: upload.Upload | None = state.get(FILE)

if pending is None:
    if not state.get(DONE):
        st.info("Columns named date and title (or their usual synonyms, in English, Russian or Japanese) are read "
                "directly; for other files you choose which column holds what.", icon=":material/info:")
    st.page_link("pages/batches.py", label="Earlier imports: the Batches page", icon=":material/history:")
else:
    top = st.columns([5, 1], vertical_alignment="center")
    top[0].markdown(f"**{escape_markdown(pending.name)}** · {upload.size_label(pending.size)}")
    top[1].button("Remove", key="up_remove", icon=":material/close:", on_click=forget_file, args=(True,))
    auto = state.get(AUTO, {})
    with st.container(border=True, key="up_detected"):
        st.subheader("What was detected")
        summary = st.empty()  # filled below, once the file has been checked with the choices underneath
        choices = overrides_ui(pending, auto)
    columns = columns_of(pending, choices)
    mapping_shown = not columns.error and (choices.format or columns.format) == "events"
    problems: list[str] = []
    if mapping_shown:
        choices, problems = mapping_ui(columns, choices)
    check = None if problems else checked(pending, choices)
    with summary.container():
        if check is not None and check.error:
            st.error(check.error, icon=":material/error:")
        if check is not None and check.result is not None:
            summary_ui(check.result.facts, mapping_shown)
        elif not columns.error:
            summary_ui(file_columns.read_facts(columns), mapping_shown=True)
    if check is not None and check.result is not None:
        results_ui(pending, check)
