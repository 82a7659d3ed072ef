"""Upload: drop a file, see what was detected and every problem, change what was detected, map unknown
columns, then import the good rows as one batch that can be undone.

The file lives only in this user's session, never in a cache shared between users, and nothing is
stored until Import is pressed (see diplotime.ui.upload). Its name is display text, never a path.
"""

import streamlit as st

from diplotime import ui, upload
from diplotime.text import escape_markdown
from diplotime.ui import upload as pending_file
from diplotime.ui import upload_forms as forms
from diplotime.upload import columns as file_columns

engine = ui.store_engine("import")

ui.page_title("Upload", ":material/upload:")
limit_mb = st.get_option("server.maxUploadSize")
st.caption(
    f"CSV, TSV, TAB, TXT or Excel (.xlsx) files, or a ZIP holding one table, of up to {limit_mb:,} MB. "
    "Nothing is stored until you press Import, and the file stays in your session only."
)
forms.confirmation_ui()
pending = pending_file.take_file(
    st.file_uploader(
        "Event file",
        type=pending_file.TYPES,
        key=pending_file.uploader_key(),
        on_change=pending_file.on_uploader_change,
        help="Drop a file here or browse. Row numbers below are those a spreadsheet shows.",
    )
)

if pending is None:
    if not pending_file.last_import():
        st.info(
            "Columns named date and title (or their usual synonyms, in English, Russian or Japanese) are read "
            "directly; for other files you choose which column holds what.",
            icon=":material/info:",
        )
    st.page_link("pages/batches.py", label="Earlier imports: the Batches page", icon=":material/history:")
else:
    top = st.columns([5, 1], vertical_alignment="center")
    top[0].markdown(f"**{escape_markdown(pending.name)}** · {upload.size_label(pending.size)}")
    top[1].button("Remove", key="up_remove", icon=":material/close:", on_click=pending_file.forget_file, args=(True,))
    with st.container(border=True, key="up_detected"):
        st.subheader("What was detected")
        summary = st.empty()  # filled below, once the file has been checked with the choices underneath
        choices = forms.overrides_ui(pending, pending_file.detected())
    columns = pending_file.columns_of(pending, choices)
    mapping_shown = not columns.error and (choices.format or columns.format) == "events"
    missing: list[str] = []
    if mapping_shown:
        choices, missing = forms.mapping_ui(engine, columns, choices)
    check = None if missing else forms.checked_ui(pending, choices)
    with summary.container():
        if check is not None and check.error:
            st.error(check.error, icon=":material/error:")
        if check is not None and check.result is not None:
            forms.summary_ui(check.result.facts, mapping_shown)
        elif not columns.error:
            forms.summary_ui(file_columns.read_facts(columns), mapping_shown=True)
    if check is not None and check.result is not None:
        forms.results_ui(engine, pending, check)
