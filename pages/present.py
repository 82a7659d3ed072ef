"""Present: step through the current view in large type, one event per slide, from the keyboard.

→ or PageDown (what presentation clickers send) moves on, ← or PageUp goes back, Home and End jump
to the first and last slide. The slide number and any hand-picked events are in the link.
"""

import streamlit as st

from diplotime import present, ui
from diplotime.text import plural
from diplotime.ui import present as presenting
from diplotime.ui import present_slides as slides

ui.page_guard()
index = ui.event_index()
view = ui.current_view()
revision = ui.revision()
presenting.start_from_link(index)

picked = presenting.picked(index)
talk = presenting.build_talk(index, revision, view.filters, picked)
talk_index, talk_view = presenting.talk_scope(index, revision, view, picked)
scope = (revision, picked)
step = presenting.current_step(talk)
ui.set_page_link(slide=[str(step.number)], pick=list(picked))
ui.notices_ui()
if lost := presenting.lost_picks():
    st.warning(
        f"{plural(lost, 'hand-picked event is', 'hand-picked events are')} no longer in the data and left out.",
        icon=":material/link_off:",
    )

more = slides.controls_ui(step, talk)
with more:  # behind the ⋯ button, so the slide has the screen
    slides.picker_ui(index, view, picked)
    slides.downloads_ui(talk, talk_index, talk_view)
with st.container(key="slide"):
    if step.kind == present.TITLE:
        slides.title_slide_ui(talk)
    elif step.kind == present.OVERVIEW:
        slides.overview_slide_ui(talk, talk_index, scope, talk_view)
    else:
        slides.event_slide_ui(step, talk, talk_index, scope, talk_view)
