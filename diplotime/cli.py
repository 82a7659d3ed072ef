"""Command line: ``python -m diplotime validate|import|export|batches|undo|add|edit|delete|history|draft``.

Exit codes: 0 all rows good; 1 some rows rejected (the report lists row, column and reason);
2 the file or the arguments are unusable (one sentence on stderr, the store unchanged). Each error of
the :class:`~diplotime.errors.DiplotimeError` family carries its exit code.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import sqlalchemy.exc

from diplotime import export, formats, store
from diplotime.errors import (
    OK,
    ROWS_REJECTED,
    UNUSABLE,
    DiplotimeError,
    NoSuchEvent,
    UnusableArguments,
    UnusableFile,
)
from diplotime.formats.base import MapOptions
from diplotime.pipeline import check_file, report
from diplotime.read import ReadOptions

MAX_SHOWN = 50


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m diplotime",
        description="Validate, import and export dated diplomatic events; list and undo import batches; draft events from a news article.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, summary: str) -> argparse.ArgumentParser:
        """A sub-command whose summary is both its line in the list and its own --help description."""
        return sub.add_parser(name, help=summary, description=summary[0].upper() + summary[1:] + ".")

    def file_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("file", help="CSV, TSV, TXT or XLSX file of events, or a .zip holding one table")
        p.add_argument("--json", action="store_true", help="print one JSON report on stdout")
        p.add_argument("--format", choices=formats.format_names(), help="file format (default: detect)")
        p.add_argument("--encoding", help="text encoding, e.g. utf-8, cp1251, cp932 (default: detect)")
        p.add_argument("--delimiter", help="field delimiter: ',', ';', 'tab' or '|' (default: detect)")
        p.add_argument("--sheet", help="XLSX sheet name (default: the first sheet)")
        p.add_argument("--dataset", help="dataset name for rows that give none (default: the file name)")
        order = p.add_mutually_exclusive_group()
        order.add_argument(
            "--dayfirst",
            action="store_const",
            const="dmy",
            dest="date_order",
            help="read dd/mm/yyyy dates (when the file does not decide it)",
        )
        order.add_argument(
            "--monthfirst",
            action="store_const",
            const="mdy",
            dest="date_order",
            help="read mm/dd/yyyy dates (when the file does not decide it)",
        )

    def db_option(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--db", help=f"database URL or SQLite file (default: ${store.ENV_URL}, else the embedded SQLite store)"
        )
        p.add_argument("--no-seed", action="store_true", help="do not fill a new store from data/")

    p = command("validate", "check a file and report every problem; stores nothing")
    file_options(p)
    p = command("import", "validate a file and store its valid rows as one undoable batch")
    file_options(p)
    db_option(p)
    p.add_argument("--all-or-nothing", action="store_true", help="store nothing if any row is rejected")
    p.add_argument(
        "--update",
        action="store_true",
        help="give stored events the file's content where it differs (changed rows; default: list them, keep stored)",
    )
    p = command("export", "write the stored events as canonical JSON or CSV")
    db_option(p)
    p.add_argument("--format", choices=("json", "csv"), default="csv", help="output format (default: csv)")
    p.add_argument("-o", "--output", required=True, help="output file ('-' for stdout)")
    p.add_argument("--dataset", help="only events of this dataset")
    p.add_argument("--batch", type=int, help="only events of this import batch")
    p = command("batches", "list import batches")
    db_option(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p = command("undo", "remove the events of one import batch")
    db_option(p)
    p.add_argument("batch_id", type=int, help="batch id (see 'batches')")
    p.add_argument("--json", action="store_true", help="print JSON")

    def setters(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--set",
            action="append",
            default=[],
            metavar="FIELD=VALUE",
            dest="sets",
            help="a field and its new value, e.g. --set date='Aug 1945' (repeat for more fields)",
        )

    p = command("add", "add one event typed on the command line, as its own undoable batch")
    db_option(p)
    setters(p)
    p.add_argument("--dataset", help="its dataset (default: the store's default dataset)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p = command("edit", "change fields of one stored event, as its own undoable batch")
    db_option(p)
    p.add_argument("event_id", help="the event's id (see 'export' or the app's event card)")
    setters(p)
    p.add_argument("--version", type=int, help="refuse the edit unless the event is at this version (see 'history')")
    p.add_argument("--json", action="store_true", help="print JSON")
    p = command("delete", "delete one stored event, as its own undoable batch")
    db_option(p)
    p.add_argument("event_id", help="the event's id")
    p.add_argument("--version", type=int, help="refuse unless the event is at this version (see 'history')")
    p.add_argument("--json", action="store_true", help="print JSON")
    p = command("history", "list every change to one event: who, when, which batch, field: old -> new")
    db_option(p)
    p.add_argument("event_id", help="the event's id")
    p.add_argument("--json", action="store_true", help="print JSON")
    p = command(
        "draft", "draft dated events from a news article (.txt, .html, .pdf or .eml) for review; stores nothing"
    )
    p.add_argument("file", help="the article: .txt, .html, .pdf or .eml")
    p.add_argument(
        "--published", help="publication date YYYY-MM-DD (default: read from the article; relative dates need it)"
    )
    p.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    db_option(p)
    return parser


def _delimiter(value: str | None) -> str | None:
    if value is None:
        return None
    named = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|"}
    value = named.get(value.lower(), value)
    if len(value) != 1:
        raise UnusableArguments(f"the delimiter must be one character or 'tab', not {value!r}")
    return value


def _read_file(path: str) -> bytes:
    p = Path(path)
    if not p.exists():
        raise UnusableArguments(f"{path}: no such file")
    if p.is_dir():
        raise UnusableArguments(f"{path}: is a folder, not a file")
    try:
        return p.read_bytes()
    except OSError as exc:
        raise UnusableArguments(f"{path}: cannot be read ({exc.strerror})") from None


def _check(args: argparse.Namespace) -> tuple[bytes, Any]:
    data = _read_file(args.file)
    read_options = ReadOptions(
        encoding=args.encoding, delimiter=_delimiter(args.delimiter), format=args.format, sheet=args.sheet
    )
    try:
        result = check_file(
            data, Path(args.file).name, read_options, MapOptions(date_order=args.date_order, dataset=args.dataset)
        )
    except UnusableFile as exc:
        raise UnusableFile(f"{args.file}: {exc}") from None
    return data, result


def _print_report(rep: dict[str, Any], as_json: bool, extra: str = "") -> None:
    if as_json:
        print(json.dumps(rep, ensure_ascii=False, indent=1))
        return
    delim = {"\t": "tab", ",": "comma", ";": "semicolon", "|": "pipe"}.get(rep["delimiter"] or "", rep["delimiter"])
    layout = f"sheet {rep['sheet']!r}" if rep.get("sheet") else f"{delim}-separated"
    print(
        f"{rep['file']}: read as {rep['format']}, {rep['encoding']}, {layout}"
        + (f", dates {rep['date_order']}" if rep.get("date_order") else "")
    )
    print(f"{rep['rows']} rows: {rep['valid']} valid, {rep['rejected']} rejected{extra}")
    for err in rep["errors"][:MAX_SHOWN]:
        where = f"row {err['row']}" + (f", {err['column']}" if err["column"] else "")
        print(f"  {where}: {err['message']}" + (f" (value {err['value']!r})" if err["value"] else ""))
    if len(rep["errors"]) > MAX_SHOWN:
        print(f"  … and {len(rep['errors']) - MAX_SHOWN} more problems (use --json for all)")
    for warning in rep["warnings"]:
        print(f"  warning: {warning}")


def cmd_validate(args: argparse.Namespace) -> int:
    _, result = _check(args)
    rep = report(result, args.file)
    _print_report(rep, args.json)
    return ROWS_REJECTED if rep["errors"] else OK


def _engine(args: argparse.Namespace) -> Any:
    return store.open_store(args.db, seed_from=None if args.no_seed else store.DATA_DIR)


def cmd_import(args: argparse.Namespace) -> int:
    data, result = _check(args)
    engine = _engine(args)
    changed = store.changed_rows(engine, result.events)
    outcome = store.import_events(
        engine,
        result,
        file_name=Path(args.file).name,
        data_hash=store.file_hash(data),
        format=result.facts["format"],
        all_or_nothing=args.all_or_nothing,
        who=store.current_user(),
        update=[c.key for c in changed] if args.update else None,
    )
    rep = report(result, args.file)
    rep.update(batch=outcome.batch, added=outcome.added, duplicates=outcome.duplicates, store=store.describe(engine))
    rep.update(
        updated=outcome.updated,
        changed=[{"id": c.key, "row": c.row, "changes": [vars(f) for f in c.changes]} for c in changed],
    )
    if args.all_or_nothing and result.rejected_rows:
        rep["warnings"].append("nothing was stored because rows were rejected (--all-or-nothing)")
    extra = (
        f"; {outcome.added} added"
        + (f" as batch {outcome.batch}" if outcome.batch else "")
        + f", {outcome.duplicates} already stored"
        + (f", {outcome.updated} updated" if outcome.updated else "")
    )
    _print_report(rep, args.json, extra)
    if changed and not args.json:
        done = "updated" if args.update else "stored with other content, kept as stored (--update applies them)"
        print(f"{len(changed)} changed rows {done}:")
        for c in changed[:MAX_SHOWN]:
            diff = "; ".join(f"{f.field}: {f.old!r} -> {f.new!r}" for f in c.changes)
            print(f"  row {c.row} ({c.key}): {diff[:300]}")
    return ROWS_REJECTED if rep["errors"] else OK


def cmd_export(args: argparse.Namespace) -> int:
    engine = _engine(args)
    frame = store.read_events(engine, batch_id=args.batch)
    if args.dataset:
        frame = frame[frame["dataset"] == args.dataset]
    text = export.to_json(frame) if args.format == "json" else export.to_safe_csv(frame)
    if args.output == "-":
        sys.stdout.write(text)
    else:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UnusableArguments(f"{args.output}: cannot be written ({exc.strerror})") from None
        print(f"wrote {len(frame)} events to {args.output}", file=sys.stderr)
    return OK


def cmd_batches(args: argparse.Namespace) -> int:
    frame = store.list_batches(_engine(args))
    if args.json:
        print(json.dumps(frame.to_dict("records"), ensure_ascii=False, indent=1))
        return OK
    if frame.empty:
        print("no batches")
    for b in frame.itertuples():
        state = f"undone {b.undone_at}" if b.undone_at else f"{b.added} added"
        print(
            f"{b.id:>5}  {b.created_at}  {b.file_name}  ({b.rows} rows, {state}, "
            f"{b.duplicates} duplicates, {b.rejected} rejected)"
        )
    return OK


def cmd_undo(args: argparse.Namespace) -> int:
    engine = _engine(args)
    removed = store.undo_batch(engine, args.batch_id, who=store.current_user())  # NoSuchBatch, …: exit 2
    if args.json:
        print(json.dumps({"batch": args.batch_id, "removed": removed}))
    else:
        print(f"batch {args.batch_id} undone: {removed} events removed or put back")
    return OK


def cmd_draft(args: argparse.Namespace) -> int:
    from diplotime import draft

    data = _read_file(args.file)
    try:
        article = draft.read_article(data, Path(args.file).name)
    except UnusableFile as exc:
        raise UnusableFile(f"{args.file}: {exc}") from None
    published = article.published
    if args.published:
        try:
            published = dt.date.fromisoformat(args.published)
        except ValueError:
            raise UnusableArguments(f"--published must be a date YYYY-MM-DD, not {args.published!r}") from None
    engine = _engine(args)
    events = store.read_events(engine)
    actors = sorted({a.strip() for s in events["actors"] for a in str(s).split(";") if a.strip()})
    levels = draft.actor_levels(zip(events["actors"], events["event_type"], strict=True))
    drafting = draft.draft_events(article.text, published, actors=actors, levels=levels)
    language = draft.detect_language(article.text)
    rep = {
        "file": args.file,
        "title": article.title,
        "published": published.isoformat() if published else None,
        "published_from": "--published" if args.published else article.published_from,
        "url": article.url,
        "language": language.code,
        "language_name": language.name,
        "drafts": [_draft_dict(d) for d in drafting.drafts],
    }
    if args.json:
        print(json.dumps(rep, ensure_ascii=False, indent=1))
        return OK
    when = f"published {rep['published']} ({rep['published_from']})" if published else "no publication date found"
    print(f"{args.file}: {language.name}, {when}" + (f", {article.title!r}" if article.title else ""))
    if published is None:
        print("  relative dates (on Monday, last week …) need --published YYYY-MM-DD", file=sys.stderr)
    for d in drafting.drafts:
        span = d.date + (f"..{d.end_date}" if d.end_date else "") if d.date else "(no date)"
        flag = " ?" if d.ambiguous else ""
        print(f"{span:23}{flag:2} {d.event_type:17} {d.status:8} {d.title}")
        print(f"{'':26}“{d.evidence[:160]}”")
    print(f"{len(drafting.drafts)} draft events; review and import them on the app's From an article page")
    return OK


def _draft_dict(d: Any) -> dict[str, Any]:
    return {
        "date": d.date,
        "end_date": d.end_date,
        "date_precision": d.precision,
        "ambiguous": d.ambiguous,
        "note": d.note,
        "event_type": d.event_type,
        "status": d.status,
        "title": d.title,
        "actors": d.actors,
        "new_actors": d.new_actors,
        "countries": d.countries,
        "location": d.location,
        "evidence": d.evidence,
        "when": d.when_text,
        "accept": d.accept,
    }


def _sets(pairs: list[str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for pair in pairs:
        field, sep, value = pair.partition("=")
        if not sep or not field.strip():
            raise UnusableArguments(f"--set takes FIELD=VALUE, not {pair!r}")
        values[field.strip()] = value
    return values


def _saved(args: argparse.Namespace, outcome: store.EditOutcome, done: str) -> int:
    if args.json:
        print(json.dumps({"event": outcome.key, "batch": outcome.batch, "version": outcome.version}))
    elif outcome.batch is None:
        print(f"event {outcome.key}: nothing changed")
    else:
        print(f"event {outcome.key} {done} (batch {outcome.batch}; 'undo {outcome.batch}' reverses it)")
    return OK


def cmd_add(args: argparse.Namespace) -> int:
    values = _sets(args.sets)
    outcome = store.add_event(
        _engine(args), values, who=store.current_user(), **({"dataset": args.dataset} if args.dataset else {})
    )
    return _saved(args, outcome, "added")


def cmd_edit(args: argparse.Namespace) -> int:
    changes = _sets(args.sets)
    if not changes:
        raise UnusableArguments("give at least one --set FIELD=VALUE")
    engine = _engine(args)
    version = store.event_version(engine, args.event_id) if args.version is None else args.version
    outcome = store.edit_event(engine, args.event_id, changes, expected_version=version, who=store.current_user())
    return _saved(args, outcome, "changed")


def cmd_delete(args: argparse.Namespace) -> int:
    engine = _engine(args)
    version = store.event_version(engine, args.event_id) if args.version is None else args.version
    outcome = store.delete_event(engine, args.event_id, expected_version=version, who=store.current_user())
    return _saved(args, outcome, "deleted")


def cmd_history(args: argparse.Namespace) -> int:
    history = store.event_history(_engine(args), args.event_id)
    if not history:
        raise NoSuchEvent(f"there is no event {args.event_id} and no change to one")
    if args.json:
        rows = [{**vars(r), "changes": [vars(c) for c in r.changes]} for r in history]
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return OK
    for r in history:
        print(f"{r.changed_at}  {r.who or 'local'}  {r.kind} (batch {r.batch})")
        for c in r.changes if r.kind not in ("import", "add", "undone") else []:
            print(f"    {c.field}: {c.old!r} -> {c.new!r}")
    print(f"version {sum(1 for r in history if r.kind not in ('import', 'undone'))}")
    return OK


COMMANDS = {
    "add": cmd_add,
    "edit": cmd_edit,
    "delete": cmd_delete,
    "history": cmd_history,
    "validate": cmd_validate,
    "import": cmd_import,
    "export": cmd_export,
    "batches": cmd_batches,
    "undo": cmd_undo,
    "draft": cmd_draft,
}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except DiplotimeError as exc:  # every domain error: one sentence, and the exit code of its kind
        print(f"diplotime: {exc}", file=sys.stderr)
        return exc.exit_code
    except Exception as exc:  # a store that cannot be reached, a disk that is full, …: never a traceback
        kind = "the database" if isinstance(exc, sqlalchemy.exc.SQLAlchemyError) else "an unexpected error"
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        print(f"diplotime: {kind} stopped the command: {first[:300]}", file=sys.stderr)
    return UNUSABLE
