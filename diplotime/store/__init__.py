"""Store stage: valid events -> one undoable batch per import, in SQLite or PostgreSQL; and reading them back.

Modules, each importing only the ones before it:

- :mod:`~diplotime.store.migrations`: the tables and the numbered migrations that create and change them;
- :mod:`~diplotime.store.bulk`: the bulk path (a staging table, then one INSERT ... SELECT per chunk);
- :mod:`~diplotime.store.edits`: single events added by hand, edited or deleted, each its own batch with a
  revision (before and after), and an event's history;
- :mod:`~diplotime.store.changes`: re-imported rows whose stored event has other content ("changed"), and
  applying the ones chosen;
- :mod:`~diplotime.store.imports`: import, undo (of any batch, revisions included) and the first-start seed,
  one transaction each;
- :mod:`~diplotime.store.datasets`: what each dataset declares in ``data/datasets.toml`` (its names, its actors' countries);
- :mod:`~diplotime.store.connect`: opening a store (URL, SQLite pragmas, migrations, seed);
- :mod:`~diplotime.store.queries`: every read query (events, batches, the revision token, stored ids);
- :mod:`~diplotime.store.snapshot`: every event as an Arrow file beside the store, keyed by its revision;
- :mod:`~diplotime.store.mappings`: column mappings saved by name;
- :mod:`~diplotime.store.actors`: the actor alias table (which spelling counts as which actor).
"""

from diplotime.store.actors import aliases_revision, read_actor_aliases, save_actor_aliases
from diplotime.store.changes import ChangedRow, changed_rows
from diplotime.store.connect import ENV_URL, connect, default_sqlite_path, describe, open_store, resolve_url
from diplotime.store.datasets import actor_countries, dataset_names, save_actor_countries, save_dataset_names
from diplotime.store.edits import (
    EditOutcome,
    FieldChange,
    Revision,
    add_event,
    current_user,
    delete_event,
    edit_event,
    event_history,
    event_version,
)
from diplotime.store.imports import DATA_DIR, ImportOutcome, file_hash, import_events, seed, undo_batch
from diplotime.store.queries import (
    batch_event_count,
    batch_of_file,
    count_events,
    list_batches,
    read_all_events,
    read_events,
    store_revision,
    stored_ids,
)
from diplotime.store.snapshot import load_events, snapshot_path

__all__ = [
    "ChangedRow",
    "changed_rows",
    "EditOutcome",
    "FieldChange",
    "Revision",
    "add_event",
    "current_user",
    "delete_event",
    "edit_event",
    "event_history",
    "event_version",
    "DATA_DIR",
    "aliases_revision",
    "ENV_URL",
    "ImportOutcome",
    "actor_countries",
    "batch_event_count",
    "batch_of_file",
    "connect",
    "count_events",
    "dataset_names",
    "default_sqlite_path",
    "describe",
    "file_hash",
    "import_events",
    "list_batches",
    "load_events",
    "open_store",
    "read_actor_aliases",
    "read_all_events",
    "read_events",
    "resolve_url",
    "save_actor_aliases",
    "save_actor_countries",
    "save_dataset_names",
    "seed",
    "snapshot_path",
    "store_revision",
    "stored_ids",
    "undo_batch",
]
