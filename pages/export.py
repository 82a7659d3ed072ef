"""Export: the current view as a PowerPoint deck, an offline HTML report, chart images, CSV and JSON.

Every file is built only when its button is clicked. Images are drawn by one export browser that the
server starts on the first image and reuses for every later one.
"""

import plotly.graph_objects as go
import streamlit as st

from diplotime import export, present, ui
from diplotime.explore.index import EventIndex
from diplotime.explore.link import ViewState
from diplotime.present import images, talk_figures

SIZES = {  # label -> (width, height) in CSS pixels
    "Slide 16:9 · 1600×900": (1600, 900),
    "Slide 4:3 · 1200×900": (1200, 900),
    "Wide · 2000×800": (2000, 800),
    "Square · 1000×1000": (1000, 1000),
}

ui.page_guard()
index = ui.event_index()
view = ui.current_view()
revision = ui.revision()
scope = ViewState(filters=view.filters, group_by=view.group_by, eras=view.eras)
events = ui.filtered_events()
ui.page_title("Export", ":material/ios_share:")
ui.summary_ui(index, len(events))


@st.cache_data(show_spinner=False, max_entries=16)
def chart(
    _index: EventIndex, revision: str, view: ViewState, name: str, title: str, subtitle: str, size: tuple[int, int]
) -> go.Figure:
    return talk_figures.chart(_index, view, name, title, subtitle, *size, actor_countries=ui.actor_countries())


talk = present.build_talk(events, view.filters)
stem = present.file_stem(talk.title)

st.subheader("Slides and report")
deck_col, report_col = st.columns(2, gap="large")
with deck_col:
    st.download_button(
        f"PowerPoint deck · {talk_figures.deck_slide_count(talk):,} slides",
        key="export_pptx",
        icon=":material/slideshow:",
        type="primary",
        data=lambda: talk_figures.deck_for_talk(index, scope, talk, images.shared_browser(), events),
        file_name=f"{stem}.pptx",
        on_click="ignore",
        disabled=not talk.count,
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
    )
    st.caption(
        "16:9 slides: title, the timeline and the map, then one slide per event with its date, place, "
        "actors, description and source; the speaker notes hold the description."
    )
with report_col:
    st.download_button(
        "HTML report · one file, works offline",
        key="export_html",
        icon=":material/description:",
        data=lambda: talk_figures.report_for_talk(index, scope, talk, events),
        file_name=f"{stem}.html",
        mime="text/html",
        on_click="ignore",
        disabled=not talk.count,
    )
    st.caption(
        "The interactive timeline and map and the table of events in a single file. It needs no "
        "network: open it from a USB stick or attach it to an e-mail."
    )

st.subheader("Charts as images")
pick, size, sharp = st.columns([2, 2, 1], vertical_alignment="bottom")
name = pick.selectbox("Chart", talk_figures.CHART_NAMES, key="export_chart")
size_label = size.selectbox("Size", list(SIZES), key="export_size")
scale = 2 if sharp.toggle("Double pixels", key="export_sharp", help="For print or very large screens") else 1
titled = st.toggle("Title on the image", value=True, key="export_titled")
width, height = SIZES[size_label]
figure = chart(
    index,
    revision,
    scope,
    name,
    f"{name} · {talk.title}" if titled else "",
    talk_figures.caption(talk) if titled else "",
    (width, height),
)
png_col, svg_col = st.columns(2)
png_col.download_button(
    f"PNG · {width * scale}×{height * scale} pixels",
    key="export_png",
    icon=":material/image:",
    data=lambda: images.figure_png(figure, width, height, scale),
    file_name=f"{present.file_stem(f'{talk.title} {name}')}.png",
    mime="image/png",
    on_click="ignore",
)
svg_col.download_button(
    "SVG · scalable, editable",
    key="export_svg",
    icon=":material/polyline:",
    data=lambda: images.figure_svg(figure, width, height),
    file_name=f"{present.file_stem(f'{talk.title} {name}')}.svg",
    mime="image/svg+xml",
    on_click="ignore",
)
with st.container(border=True):
    st.caption("Preview (the image has the size chosen above; Japanese and Russian text is set in Noto Sans CJK)")
    ui.plotly_chart(figure, key="export_preview", select=False)

st.subheader("Events as data")
csv_col, json_col = st.columns(2)
csv_col.download_button(
    f"CSV · {len(events):,} events",
    key="export_csv",
    icon=":material/table_view:",
    data=lambda: export.to_safe_csv(events),
    file_name=f"{stem}.csv",
    mime="text/csv",
    on_click="ignore",
)
json_col.download_button(
    f"JSON · {len(events):,} events",
    key="export_json",
    icon=":material/data_object:",
    data=lambda: export.to_json(events),
    file_name=f"{stem}.json",
    mime="application/json",
    on_click="ignore",
)
st.caption(
    "Both have the canonical columns, with dates as the source gave them. In the CSV a cell that "
    "starts like a spreadsheet formula (= + - @) gets a leading apostrophe, so Excel shows it as text."
)
