"""Diplomacy Timeline: dated diplomatic events -> validated store -> Plotly timelines and maps.

The package is laid out as the data flow. Each stage imports only the stages above it (a test in
``tests/test_layout.py`` holds this, function-level imports included), and only ``ui`` imports Streamlit.

Shared by every stage:

- ``diplotime.schema``: the canonical event columns, the columns the store adds, header synonyms, event types;
- ``diplotime.errors``: a file's row problems (with stable codes) and the errors that stop a command;
- ``diplotime.text``: untrusted text made safe to show (Markdown, Plotly labels, file names, links);
- ``diplotime.access``: the viewer, editor and admin roles, who has which, and what each may do.

1. **read** - bytes -> a table of text cells, plus what was detected:
   ``diplotime.read`` (``read_file``), ``diplotime.read.sniff`` (binary or text, encoding, delimiter, header),
   ``diplotime.read.table`` (the table and how records become one), ``diplotime.read.exact`` (the csv module's
   path), ``diplotime.read.fast`` (pyarrow for large regular files), ``diplotime.read.archive`` (ZIPs checked
   first), ``diplotime.read.xlsx`` (workbooks), ``diplotime.read.file`` (the entry point).
2. **formats** - a known layout -> canonical columns: ``diplotime.formats`` (registry and detection),
   ``diplotime.formats.base``, ``diplotime.formats.events``, ``diplotime.formats.gdelt``,
   ``diplotime.formats.acled``, ``diplotime.formats.icews``, ``diplotime.formats.timelinejs``, and their helpers
   ``diplotime.formats.cameo``, ``diplotime.formats.codes`` (country codes and names -> ISO alpha-3) and
   ``diplotime.formats.collapse`` (many machine-coded rows -> one event).
3. **validate** - canonical text -> valid events plus every problem: ``diplotime.validate``,
   ``diplotime.validate.kernels`` (Arrow column kernels), ``diplotime.validate.recipes`` (single cells),
   ``diplotime.validate.dates``, ``diplotime.validate.date_order``, ``diplotime.validate.date_columns``,
   ``diplotime.validate.places``, ``diplotime.validate.gazetteer``, ``diplotime.validate.aliases``,
   ``diplotime.validate.actors`` (which spellings of a name are one person),
   ``diplotime.validate.table`` (``validate_table``), ``diplotime.validate.single`` (one hand-typed event
   through the same checks).
4. ``diplotime.pipeline`` (read -> map -> validate as one call, ``check_file``, and its report) and
   ``diplotime.names`` (display names of types, countries and dates).
5. **store** - one undoable batch per import, SQLite or PostgreSQL: ``diplotime.store``,
   ``diplotime.store.migrations``, ``diplotime.store.bulk``, ``diplotime.store.edits`` (single events and their
   revisions), ``diplotime.store.changes`` (changed rows on re-import), ``diplotime.store.imports``,
   ``diplotime.store.datasets``, ``diplotime.store.connect``, ``diplotime.store.queries``, ``diplotime.store.snapshot``,
   ``diplotime.store.mappings``, ``diplotime.store.actors`` (the actor alias table); and
   ``diplotime.synthetic`` (seeded events at any scale, for benchmarks and tests).
6. **explore** - index, filter, count, place, link: ``diplotime.explore``, ``diplotime.explore.actors``,
   ``diplotime.explore.places``, ``diplotime.explore.index``,
   ``diplotime.explore.filters``, ``diplotime.explore.link``, ``diplotime.explore.ranges``,
   ``diplotime.explore.aggregate``, ``diplotime.explore.geo``, ``diplotime.explore.mapdata``,
   ``diplotime.explore.network`` (who met whom), ``diplotime.explore.storylines`` (links between events); and
   ``diplotime.export`` (CSV and JSON).
7. **figures** - DataFrame and options in, Plotly figure out: ``diplotime.figures``,
   ``diplotime.figures.style``, ``diplotime.figures.timeline``, ``diplotime.figures.maps``,
   ``diplotime.figures.overview``, ``diplotime.figures.network``, ``diplotime.figures.storylines``, ``diplotime.figures.compare``, ``diplotime.figures.charts`` (what each Explore page draws for a view).
8. **present** - a talk, its deck, report and images: ``diplotime.present``, ``diplotime.present.talk``,
   ``diplotime.present.images``, ``diplotime.present.deck``, ``diplotime.present.report``,
   ``diplotime.present.talk_figures``.
   **upload** - the Upload and Batches pages' work without Streamlit: ``diplotime.upload``,
   ``diplotime.upload.check``, ``diplotime.upload.suggest``, ``diplotime.upload.columns``,
   ``diplotime.upload.duplicates`` (likely duplicates), ``diplotime.upload.plan``, ``diplotime.upload.batches``.
   **draft** - a news article -> draft events for review -> one import batch: ``diplotime.draft``,
   ``diplotime.draft.when`` (time expressions against the publication date), ``diplotime.draft.document``
   (.txt/.html/.pdf/.eml), ``diplotime.draft.language``, ``diplotime.draft.cues``, ``diplotime.draft.actors``,
   ``diplotime.draft.extract``, ``diplotime.draft.review``.
9. **ui** - the only Streamlit importer: ``diplotime.ui``, ``diplotime.ui.access`` (sign-in and roles), ``diplotime.ui.view``, ``diplotime.ui.data``,
   ``diplotime.ui.filters``, ``diplotime.ui.furniture``, ``diplotime.ui.selections``, ``diplotime.ui.card``,
   ``diplotime.ui.tables``, ``diplotime.ui.controls``, ``diplotime.ui.changes``, ``diplotime.ui.upload``,
   ``diplotime.ui.duplicates``, ``diplotime.ui.upload_forms``, ``diplotime.ui.present``,
   ``diplotime.ui.present_slides``, ``diplotime.ui.network_controls``, ``diplotime.ui.storyline``,
   ``diplotime.ui.compare``, ``diplotime.ui.article``, ``diplotime.ui.actors``, ``diplotime.ui.edit``, ``diplotime.ui.changed``.
   **cli** - ``diplotime.cli``: ``python -m diplotime validate|import|export|batches|undo|draft``.

Above the package: ``app.py`` and ``pages/`` (thin Streamlit pages that wire widgets to these modules).
"""

__version__ = "0.1.0"
