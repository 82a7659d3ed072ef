"""What pressing Import would do, in words: whether it is possible, what it adds, and what the button says.

The Upload page shows the plan before anything is stored, and the confirmation after; both are worded
here so the page only draws them (and the tests read the same sentences).
"""

from __future__ import annotations

from dataclasses import dataclass

from diplotime.text import plural
from diplotime.upload.check import Counts


@dataclass(frozen=True)
class ImportPlan:
    """The Import button's state: ``blocked`` (why not, or '') and the sentence under it."""

    allowed: bool
    label: str  # the button: 'Import 3 events'
    caption: str  # what it will do, or why it cannot


def import_plan(counts: Counts, all_or_nothing: bool) -> ImportPlan:
    """What Import would store for these counts.

    >>> import_plan(Counts(rows=4, valid=3, new=2, duplicates=1, rejected=1, merged=0), False).caption
    'Adds 2 new events as one batch; the 1 row with problems is left out; 1 already stored is skipped. The batch can be undone on the Batches page.'
    >>> import_plan(Counts(rows=4, valid=3, new=2, duplicates=1, rejected=1, merged=0), True).allowed
    False
    """
    label = f"Import {plural(counts.new, 'event')}"
    if counts.updates:
        label = (
            f"Update {plural(counts.updates, 'event')}" if counts.new == 0 else f"{label}, update {counts.updates:,}"
        )
    if counts.new == 0 and not counts.updates:
        reason = (
            "Nothing to import: every valid event is already stored or skipped as a likely duplicate."
            if counts.valid and counts.likely
            else "Nothing to import: every valid event is already stored."
            if counts.valid
            else ""
        )
        return ImportPlan(False, label, reason)
    if all_or_nothing and counts.rejected:
        rows = plural(counts.rejected, "row has", "rows have")
        return ImportPlan(
            False, label, f"{rows} problems, so nothing would be imported: fix the file or untick the box."
        )
    left_out = ""
    if counts.rejected:
        rows = plural(counts.rejected, "row")
        left_out = f"; the {rows} with problems {'is' if counts.rejected == 1 else 'are'} left out"
    skipped = (
        f"; {counts.duplicates:,} already stored {'is' if counts.duplicates == 1 else 'are'} skipped"
        if counts.duplicates
        else ""
    )
    if counts.likely:
        skipped += f"; {plural(counts.likely, 'likely duplicate is', 'likely duplicates are')} skipped"
    adds = f"Adds {plural(counts.new, 'new event')}"
    if counts.updates:
        adds += f" and gives {plural(counts.updates, 'stored event')} the file's content"
    return ImportPlan(
        True,
        label,
        f"{adds} as one batch{left_out}{skipped}. The batch can be undone on the Batches page"
        + (" (updated events get their earlier version back)." if counts.updates else "."),
    )


def confirmation_notes(duplicates: int, rejected: int, likely: int = 0, updated: int = 0) -> str:
    """The line under 'Imported N events': confirmation_notes(2, 1) -> '2 were already stored and were skipped; …'."""
    notes = []
    if updated:
        notes.append(f"{plural(updated, 'stored event was', 'stored events were')} given the file's content")
    if likely:
        notes.append(f"{plural(likely, 'likely duplicate was', 'likely duplicates were')} skipped, as you chose")
    if duplicates:
        notes.append(
            f"{duplicates:,} {'was' if duplicates == 1 else 'were'} already stored and "
            f"{'was' if duplicates == 1 else 'were'} skipped"
        )
    if rejected:
        notes.append(f"{plural(rejected, 'row')} with problems {'was' if rejected == 1 else 'were'} not imported")
    return ("; ".join(notes) + ".") if notes else ""
