"""Conventions the docs and the package hold to."""

from __future__ import annotations

import re

from diplotime import schema
from tests.conftest import ROOT


def test_data_readme_documents_every_schema_column_and_no_other() -> None:
    text = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    dictionary = text.split("## Column dictionary", 1)[1].split("Event types", 1)[0]
    documented = re.findall(r"^\| `([a-z_]+)` \|", dictionary, flags=re.M)
    assert documented == list(schema.COLUMN_NAMES)
    for column in schema.COLUMNS:
        assert column.description in dictionary


def test_data_readme_lists_the_event_type_vocabulary() -> None:
    text = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    vocabulary = text.split("Event types", 1)[1].split("## ", 1)[0]
    assert re.findall(r"^\| `([a-z_]+)` \|", vocabulary, flags=re.M) == list(schema.EVENT_TYPES)


def test_readme_lists_every_problem_code() -> None:
    from diplotime.errors import PROBLEM_CODES

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = re.findall(r"^\| `([a-z_]+)` \| (.+) \|$", text, flags=re.M)
    assert {code: meaning for code, meaning in documented if code in PROBLEM_CODES} == PROBLEM_CODES


def test_header_synonyms_cover_every_column_and_name_one_column_each() -> None:
    assert set(schema.HEADER_SYNONYMS) == set(schema.COLUMN_NAMES)
    owners: dict[str, set[str]] = {}
    for column, synonyms in schema.HEADER_SYNONYMS.items():
        for synonym in synonyms:
            owners.setdefault(schema.header_key(synonym), set()).add(column)
    assert {key: cols for key, cols in owners.items() if len(cols) > 1} == {}, "a header synonym names two columns"
    assert all(schema.HEADER_LOOKUP[key] in cols for key, cols in owners.items())


def test_only_the_adapter_package_imports_streamlit() -> None:
    ui = ROOT / "diplotime" / "ui"
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "diplotime").rglob("*.py")
        if path.parent != ui and re.search(r"^\s*(import|from)\s+streamlit\b", path.read_text(encoding="utf-8"), re.M)
    ]
    assert offenders == []
    assert not (ROOT / "diplotime" / "ui.py").exists(), "the adapter is the diplotime/ui/ package, not a module"


def test_importing_the_package_reads_no_files_and_opens_no_store(tmp_path, monkeypatch) -> None:
    import subprocess
    import sys

    code = (
        "import sys, builtins; opened=[]; real=builtins.open\n"
        "builtins.open=lambda f,*a,**k: (opened.append(str(f)), real(f,*a,**k))[1]\n"
        "import diplotime.cli, diplotime.store, diplotime.pipeline, diplotime.export\n"
        "print([f for f in opened if 'data' in f or f.endswith('.sqlite')])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert out.stdout.strip() == "[]"
    assert not list(tmp_path.rglob("*.sqlite"))
