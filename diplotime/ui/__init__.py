"""The only part of ``diplotime`` that imports Streamlit: cached wrappers around the rest of the package, the
shared view state (kept in the URL), the shared filter widgets, chart selections and the event detail card.

Any page gets the shared state with::

    index = ui.event_index()          # all stored events, indexed (cached per store revision)
    view = ui.current_view()          # filters + grouping + selection, restored from the link
    events = ui.filtered_events()     # the events passing the sidebar filters

``app.py`` calls :func:`start_view` and :func:`filters_sidebar_ui` before running the page and
:func:`sync_url` after it, so every page has the same sidebar and every view is a citable link.

The modules, each importing only the ones before it:

- :mod:`~diplotime.ui.access`: sign-in, the user's identity and role, and the pages and changes it allows;
- :mod:`~diplotime.ui.view`: the view state in the session and the link;
- :mod:`~diplotime.ui.data`: the store engine, its revision, the event index and the cached views;
- :mod:`~diplotime.ui.filters`: the sidebar filters and the view they start from;
- :mod:`~diplotime.ui.furniture`: the frame every page runs in (:func:`run_page`, :func:`page_guard`), titles
  and summaries;
- :mod:`~diplotime.ui.selections`, :mod:`~diplotime.ui.card`, :mod:`~diplotime.ui.tables`,
  :mod:`~diplotime.ui.controls`: chart clicks, the event detail card, event lists, page widgets bound to the view;
- :mod:`~diplotime.ui.changes`: store changes from the Upload and Batches pages;
- :mod:`~diplotime.ui.upload`, :mod:`~diplotime.ui.duplicates`, :mod:`~diplotime.ui.upload_forms`: the Upload
  page's session state (the pending file and the work kept between reruns), its likely duplicates and its widgets;
- :mod:`~diplotime.ui.present`, :mod:`~diplotime.ui.present_slides`: the Present page's state and caches, and
  its slides and controls;
- :mod:`~diplotime.ui.storyline`: an event's links on its card and the storyline bar above the timeline;
- :mod:`~diplotime.ui.changed`: the Upload page's changed rows (stored events the file gives other content);
- :mod:`~diplotime.ui.edit`: Edit, Delete and Add an event, an event's history and the Undo of a save;
- :mod:`~diplotime.ui.compare`: two views side by side on the Timeline and Overview pages;
- :mod:`~diplotime.ui.network_controls`: the Network page's period slider, link events and Gephi downloads;
- :mod:`~diplotime.ui.article`: the From an article page's state, review table and import;
- :mod:`~diplotime.ui.actors`: the Actors page (merged spellings and the alias table).

The Upload and Present modules are imported by their pages as modules (``from diplotime.ui import upload``).

Pages call everything as ``ui.<name>``; this module re-exports every public name.
"""

from diplotime.ui.access import (
    allowed_pages,
    can,
    current_identity,
    current_role,
    may_undo,
    page_requires,
    require,
    sign_in_ui,
)
from diplotime.ui.card import event_card_ui
from diplotime.ui.changes import (
    batch_link,
    import_events,
    show_batch_on_timeline,
    store_changed,
    store_engine,
    undo_batch,
)
from diplotime.ui.controls import (
    eras_ui,
    group_by_ui,
    map_view_ui,
    place_events,
    place_heading_ui,
    play_mode_ui,
    step_ui,
    table_rows,
    window_ui,
)
from diplotime.ui.data import (
    actor_countries,
    current_revision,
    database_url,
    event_index,
    filtered_events,
    get_engine,
    load_events,
    map_countries,
    map_places,
    network,
    options,
    overview,
    revision,
    table,
    timeline,
)
from diplotime.ui.edit import add_event_ui
from diplotime.ui.filters import FILTER_KEYS, filters_sidebar_ui, link_sidebar_ui, start_view
from diplotime.ui.furniture import filters_summary, note, page_guard, page_title, run_page, summary_ui
from diplotime.ui.selections import (
    CHART_CONFIG,
    box_dates,
    drawn_view,
    first_customdata,
    new_selection,
    period_of,
    picked_on_chart,
    plotly_chart,
    zoom_to,
)
from diplotime.ui.storyline import storyline_bar_ui
from diplotime.ui.tables import TABLE_COLUMNS, csv_download_ui, events_table_ui
from diplotime.ui.view import (
    PAGE_PARAMS,
    current_view,
    notices_ui,
    request_filters,
    set_page_link,
    set_view,
    sync_url,
    view_link,
)

__all__ = [
    "allowed_pages",
    "can",
    "current_identity",
    "current_role",
    "import_events",
    "may_undo",
    "page_requires",
    "require",
    "sign_in_ui",
    "undo_batch",
    "actor_countries",
    "CHART_CONFIG",
    "FILTER_KEYS",
    "PAGE_PARAMS",
    "TABLE_COLUMNS",
    "batch_link",
    "box_dates",
    "csv_download_ui",
    "current_revision",
    "current_view",
    "database_url",
    "drawn_view",
    "eras_ui",
    "event_card_ui",
    "add_event_ui",
    "event_index",
    "events_table_ui",
    "filtered_events",
    "filters_sidebar_ui",
    "filters_summary",
    "first_customdata",
    "get_engine",
    "group_by_ui",
    "link_sidebar_ui",
    "load_events",
    "map_countries",
    "map_places",
    "map_view_ui",
    "network",
    "new_selection",
    "note",
    "notices_ui",
    "options",
    "overview",
    "page_guard",
    "page_title",
    "period_of",
    "picked_on_chart",
    "place_events",
    "place_heading_ui",
    "play_mode_ui",
    "plotly_chart",
    "request_filters",
    "revision",
    "run_page",
    "set_page_link",
    "set_view",
    "show_batch_on_timeline",
    "start_view",
    "storyline_bar_ui",
    "step_ui",
    "store_changed",
    "store_engine",
    "summary_ui",
    "sync_url",
    "table",
    "table_rows",
    "timeline",
    "view_link",
    "window_ui",
    "zoom_to",
]
