"""Diplomacy Timeline: `streamlit run app.py`.

Pages are registered here with st.navigation; the shared filters live in the sidebar and the whole
view (filters, grouping, selection) is kept in the link, so a copied URL reproduces what you see.
"""

from pathlib import Path

import streamlit as st

from diplotime import ui

HERE = Path(__file__).resolve().parent

st.set_page_config(
    page_title="Diplomacy Timeline",
    page_icon=str(HERE / "static" / "favicon.png"),  # a local icon: no request to a font CDN for a favicon
    layout="wide",
    menu_items={
        "About": "Diplomacy Timeline: explore, present and import dated diplomatic events. "
        "Works offline; nothing leaves this server."
    },
)

PAGES = [
    st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("pages/timeline.py", title="Timeline", icon=":material/view_timeline:", url_path="timeline"),
    st.Page("pages/map.py", title="Map", icon=":material/public:", url_path="map"),
    st.Page("pages/network.py", title="Network", icon=":material/hub:", url_path="network"),
    st.Page("pages/events.py", title="Events", icon=":material/table_rows:", url_path="events"),
    st.Page("pages/present.py", title="Present", icon=":material/co_present:", url_path="present"),
    st.Page("pages/export.py", title="Export", icon=":material/ios_share:", url_path="export"),
    st.Page("pages/upload.py", title="Upload", icon=":material/upload_file:", url_path="upload"),
    st.Page("pages/article.py", title="From an article", icon=":material/newspaper:", url_path="article"),
    st.Page("pages/batches.py", title="Batches", icon=":material/history:", url_path="batches"),
    st.Page("pages/actors.py", title="Actors", icon=":material/groups:", url_path="actors"),
]

ui.sign_in_ui()  # with sign-in configured: the sign-in page until signed in, then who is signed in
page = st.navigation(ui.allowed_pages(PAGES))  # a viewer is not offered Upload, From an article or Batches
ui.run_page(page.run)  # shared view from the link, sidebar filters, the page, then the link updated
