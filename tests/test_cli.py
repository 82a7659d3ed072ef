"""The command line through a subprocess: exit codes 0/1/2, report fields, batches, undo, export."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from diplotime import cli
from tests.conftest import ROOT

GOOD = "date,title,event_type,countries\n2019-01-14,Kono–Lavrov talks,ministerial_talks,JPN;RUS\n2019-01-22,Abe–Putin talks,summit,JPN;RUS\n"
MIXED = GOOD + "2019-02-30,Impossible,summit,JPN\n2019-01-20,Rally,protest,Narnia\n"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "diplotime", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    paths = {}
    for name, text in {
        "good.csv": GOOD,
        "mixed.csv": MIXED,
        "empty.csv": "",
        "header.csv": "date,title\n",
        "nodate.csv": "title,place\nA,B\n",
    }.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths[name] = str(tmp_path / name)
    (tmp_path / "image.csv").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    paths["image.csv"] = str(tmp_path / "image.csv")
    return paths


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.sqlite'}"


def test_validate_good_file_exits_0_with_every_report_field(files: dict[str, str]) -> None:
    proc = run("validate", files["good.csv"], "--json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert {"format", "encoding", "delimiter", "rows", "valid", "errors", "warnings"} <= set(report)
    assert (report["format"], report["encoding"], report["delimiter"]) == ("events", "utf-8", ",")
    assert (report["rows"], report["valid"], report["errors"]) == (2, 2, [])


def test_validate_mixed_file_exits_1_and_lists_row_column_reason(files: dict[str, str]) -> None:
    proc = run("validate", files["mixed.csv"], "--json")
    assert proc.returncode == 1
    report = json.loads(proc.stdout)
    assert [(e["row"], e["column"], e["value"]) for e in report["errors"]] == [
        (4, "date", "2019-02-30"),
        (5, "countries", "Narnia"),
    ]
    assert all(e["message"] for e in report["errors"])
    assert (report["rows"], report["valid"]) == (4, 2)


def test_validate_human_output_names_rows(files: dict[str, str]) -> None:
    proc = run("validate", files["mixed.csv"])
    assert proc.returncode == 1
    assert "row 4, date: day 30 does not exist in Feb 2019" in proc.stdout


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.csv", "empty"),
        ("header.csv", "no event rows"),
        ("nodate.csv", "no date"),
        ("image.csv", "PNG image"),
        ("missing.csv", "no such file"),
    ],
)
def test_unusable_files_exit_2_with_one_sentence(
    files: dict[str, str], tmp_path: Path, name: str, message: str, db: str
) -> None:
    path = files.get(name, str(tmp_path / name))
    for command in (["validate", path], ["import", path, "--db", db, "--no-seed"]):
        proc = run(*command)
        assert proc.returncode == 2
        assert message in proc.stderr
        assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert run("batches", "--db", db, "--no-seed", "--json").stdout.strip() == "[]"


def test_bad_arguments_exit_2(files: dict[str, str]) -> None:
    assert run("validate", files["good.csv"], "--format", "nonsense").returncode == 2
    assert run("frobnicate").returncode == 2
    proc = run("validate", files["good.csv"], "--delimiter", "ab")
    assert proc.returncode == 2 and "delimiter" in proc.stderr


def test_import_reports_batch_added_duplicates_and_is_idempotent(files: dict[str, str], db: str) -> None:
    first = run("import", files["mixed.csv"], "--db", db, "--no-seed", "--json")
    assert first.returncode == 1
    report = json.loads(first.stdout)
    assert (report["batch"], report["added"], report["duplicates"], report["valid"]) == (1, 2, 0, 2)
    again = json.loads(run("import", files["good.csv"], "--db", db, "--no-seed", "--json").stdout)
    assert (again["batch"], again["added"], again["duplicates"]) == (None, 0, 2)


def test_import_all_or_nothing_stores_nothing(files: dict[str, str], db: str) -> None:
    proc = run("import", files["mixed.csv"], "--db", db, "--no-seed", "--all-or-nothing", "--json")
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["added"] == 0
    assert json.loads(run("export", "--db", db, "--no-seed", "--format", "json", "-o", "-").stdout) == []


def test_batches_and_undo(files: dict[str, str], db: str) -> None:
    run("import", files["good.csv"], "--db", db, "--no-seed")
    batches = json.loads(run("batches", "--db", db, "--json").stdout)
    assert [(b["id"], b["file_name"], b["added"]) for b in batches] == [(1, "good.csv", 2)]
    assert {"id", "file_name", "created_at", "rows", "added", "duplicates", "rejected"} <= set(batches[0])
    undo = run("undo", "1", "--db", db, "--json")
    assert undo.returncode == 0 and json.loads(undo.stdout) == {"batch": 1, "removed": 2}
    again = run("undo", "1", "--db", db)
    assert again.returncode == 2 and "already undone" in again.stderr
    assert run("undo", "42", "--db", db).returncode == 2


def test_export_json_and_csv(files: dict[str, str], db: str, tmp_path: Path) -> None:
    run("import", files["good.csv"], "--db", db, "--no-seed")
    out = tmp_path / "out.json"
    assert run("export", "--db", db, "--format", "json", "-o", str(out)).returncode == 0
    records = json.loads(out.read_text(encoding="utf-8"))
    assert [(r["date"], r["countries"]) for r in records] == [("2019-01-14", "JPN;RUS"), ("2019-01-22", "JPN;RUS")]
    csv_out = tmp_path / "out.csv"
    assert run("export", "--db", db, "-o", str(csv_out)).returncode == 0
    assert csv_out.read_text(encoding="utf-8").splitlines()[0].startswith("id,date,end_date,date_precision,title")


def test_a_new_store_is_seeded_from_data(db: str) -> None:
    proc = run("batches", "--db", db, "--json")
    seeded = json.loads(proc.stdout)
    assert [b["file_name"] for b in seeded] == sorted(p.name for p in (ROOT / "data").glob("*.csv"))


def test_every_command_has_help() -> None:
    for command in ("validate", "import", "export", "batches", "undo", "add", "edit", "delete", "history"):
        proc = run(command, "--help")
        assert proc.returncode == 0 and "usage:" in proc.stdout


def test_every_command_and_option_is_described() -> None:
    """Iterates the real sub-parsers, so a command or option added later without help fails here."""
    parser = cli.build_parser()
    (commands,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert set(commands.choices) == set(cli.COMMANDS)
    listed = {choice.dest: choice.help for choice in commands._choices_actions}
    for name, sub in commands.choices.items():
        assert listed.get(name), f"'{name}' has no line in the command list"
        assert sub.description, f"'{name} --help' has no description"
        for action in sub._actions:
            assert action.help, f"'{name}' option {action.option_strings or action.dest} has no help"


def test_unreachable_database_exits_2_without_traceback(files: dict[str, str]) -> None:
    proc = run("import", files["good.csv"], "--db", "postgresql://nobody@127.0.0.1:9/none")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "database" in proc.stderr


KEY = "1905-09-05-treaty-of-portsmouth"  # a bundled event


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (("edit", KEY, "--set", "date=Sep 1905"), 0, f"event {KEY} changed (batch"),
        (("edit", KEY, "--set", "date=1905-13-01", "--set", "source=javascript:x"), 1, "date: month 13 does not exist"),
        (("edit", KEY, "--set", "colour=red"), 1, "colour: not a field of an event"),
        (("edit", KEY, "--set", "date"), 2, "--set takes FIELD=VALUE"),
        (("edit", KEY), 2, "give at least one --set"),
        (("edit", "no-such-event", "--set", "title=x"), 2, "there is no event no-such-event"),
        (("edit", KEY, "--set", "title=x", "--version", "5"), 2, "nothing was saved"),
        (("delete", "no-such-event"), 2, "there is no event no-such-event"),
        (("history", "no-such-event"), 2, "there is no event no-such-event"),
        (("add", "--set", "date=Aug 1945", "--set", "title=Soviet entry", "--set", "countries=Russia"), 0, "added"),
        (("add", "--set", "title=No date"), 1, "date: date is empty"),
    ],
)
def test_single_event_commands_exit_with_the_usual_codes(db: str, args: tuple[str, ...], code: int, says: str) -> None:
    proc = run(*args, "--db", db)
    assert proc.returncode == code, proc.stderr
    assert says in (proc.stdout if code == 0 else proc.stderr)


def test_edit_history_and_undo_through_the_command_line(db: str) -> None:
    edit = json.loads(run("edit", KEY, "--set", "date=Sep 1905", "--db", db, "--json").stdout)
    assert edit["version"] == 1
    history = json.loads(run("history", KEY, "--db", db, "--json").stdout)
    assert [h["kind"] for h in history] == ["import", "edit"]
    assert {"field": "date", "old": "1905-09-05", "new": "1905-09"} in history[1]["changes"]
    assert run("undo", str(edit["batch"]), "--db", db).returncode == 0
    exported = run("export", "--db", db, "-o", "-", "--format", "json")
    (event,) = [e for e in json.loads(exported.stdout) if e["id"] == KEY]
    assert event["date"] == "1905-09-05"
    deleted = json.loads(run("delete", KEY, "--db", db, "--json").stdout)
    assert KEY not in run("export", "--db", db, "-o", "-").stdout
    assert run("undo", str(deleted["batch"]), "--db", db).returncode == 0
    assert KEY in run("export", "--db", db, "-o", "-").stdout


def test_a_changed_row_is_reported_and_applied_only_with_update(db: str, tmp_path: Path) -> None:
    first, again = tmp_path / "first.csv", tmp_path / "again.csv"
    first.write_text("id,date,title\nk1,2019-01-14,Talks\nk2,2019-01-16,Press conference\n", encoding="utf-8")
    again.write_text("id,date,title\nk1,2019-01-15,Talks in Moscow\nk2,2019-01-16,Press conference\n", encoding="utf-8")
    assert run("import", str(first), "--db", db, "--no-seed").returncode == 0
    listed = run("import", str(again), "--db", db, "--no-seed")
    assert listed.returncode == 0 and "1 changed rows stored with other content" in listed.stdout
    assert "row 2 (k1): date: '2019-01-14' -> '2019-01-15'; title: 'Talks' -> 'Talks in Moscow'" in listed.stdout
    applied = json.loads(run("import", str(again), "--db", db, "--no-seed", "--update", "--json").stdout)
    assert applied["updated"] == 1 and applied["changed"][0]["id"] == "k1"
    assert "Talks in Moscow" in run("export", "--db", db, "-o", "-").stdout
    assert run("undo", str(applied["batch"]), "--db", db).returncode == 0
    assert "Talks in Moscow" not in run("export", "--db", db, "-o", "-").stdout
