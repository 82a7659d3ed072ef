"""From an article: paste a news report or drop a .txt, .html, .pdf or .eml file; check its title,
publication date and language; review the draft events (dates resolved against the publication date,
the sentence each comes from highlighted); import the accepted ones as one batch that can be undone.

The article stays in your session only; nothing is stored until Import is pressed.
"""

import streamlit as st

from diplotime import ui
from diplotime.draft import review
from diplotime.ui import article as art

engine = ui.store_engine("import")

ui.page_title("From an article", ":material/newspaper:")
st.caption(
    "Paste a news article or drop a file. Dates such as “on Monday”, “this weekend”, “on Jan. 22”, "
    "“в понедельник” or “14日” are read from the publication date, in the tense of their sentence."
)
art.done_ui()
source_tabs = st.tabs(["Paste text", "Drop a file"])
with source_tabs[0]:
    pasted = st.text_area("Article text", key="art_text", height=200, placeholder="Paste the article here…")
with source_tabs[1]:
    dropped = st.file_uploader("Article file", type=art.TYPES, key="art_file", help=".txt, .html, .pdf or .eml")

article = art.read_input(pasted, dropped)
if article is None:
    st.info("The draft events appear here, for you to check, edit and import.", icon=":material/info:")
else:
    with st.container(border=True, key="art_details"):
        title, published, source = art.details_ui(article)
    drafting = art.drafts_of(article, published)
    if published is None:
        st.warning(
            "Without a publication date only dates with a year are read; enter it above.", icon=":material/event:"
        )
    dated = sum(1 for d in drafting.drafts if d.date)
    st.subheader(f"Draft events ({dated} dated, {len(drafting.drafts) - dated} without a date)")
    st.caption(
        "Untick what is wrong, edit any cell, add a row at the bottom. “Check date” marks a date the text "
        "does not pin down (a week, no tense, no year). Events without a date are not ticked."
    )
    table = art.review_ui(drafting)
    with st.expander("The article, with the evidence highlighted", expanded=True):
        st.markdown(review.highlighted_markdown(article.text, drafting.drafts))
    art.import_ui(engine, article, table, source, title)
