"""Properties: parsers never raise anything but ValueError; import -> export -> import is the identity."""

from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diplotime import export, schema, store
from diplotime.formats.codes import to_alpha3
from diplotime.pipeline import check_file
from diplotime.schema import normalise_event_type
from diplotime.text import is_http_url
from diplotime.validate.dates import parse_any_date
from diplotime.validate.recipes import parse_coordinate

PARSERS = [parse_any_date, to_alpha3, lambda v: parse_coordinate(v, "lat"), lambda v: parse_coordinate(v, "lon")]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_parsers_never_raise_anything_but_value_error(text: str) -> None:
    for parse in PARSERS:
        try:
            parse(text)
        except ValueError:
            pass
    assert normalise_event_type(text)[0] in schema.EVENT_TYPES
    assert isinstance(is_http_url(text), bool)


@st.composite
def partial_dates(draw: st.DrawFn) -> str:
    year = draw(st.integers(1000, 9999))
    precision = draw(st.sampled_from(schema.PRECISIONS))
    if precision == "year":
        return f"{year:04d}"
    month = draw(st.integers(1, 12))
    if precision == "month":
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{draw(st.integers(1, 28)):02d}"


safe_text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters=";\u2028\u2029\x85"), max_size=30
).map(str.strip)
names = st.lists(safe_text.filter(bool), max_size=3)

events = st.fixed_dictionaries(
    {
        "date": partial_dates(),
        "title": safe_text.filter(bool),
        "event_type": st.sampled_from(list(schema.EVENT_TYPES)),
        "actors": names.map(";".join),
        "countries": st.lists(st.sampled_from(["JPN", "RUS", "USA", "SGP", "NAM"]), max_size=3, unique=True).map(
            ";".join
        ),
        "location": safe_text,
        "lat": st.one_of(st.none(), st.floats(-90, 90, allow_nan=False).map(lambda f: round(f, 4))),
        "description": safe_text,
        "source": st.sampled_from(["", "https://www.mofa.go.jp/x.html", "Kyodo, 22 Jan 2019", "=cmd"]),
        "tags": names.map(";".join),
    }
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(events, min_size=1, max_size=8))
def test_import_export_import_gives_the_same_events(tmp_path_factory, rows: list[dict]) -> None:
    frame = pd.DataFrame(rows)
    frame["lon"] = frame["lat"].map(lambda v: None if v is None else v / 2)
    original = check_file(export.to_safe_csv(frame.assign(id="", dataset="d")).encode(), "in.csv")
    engine = store.connect(f"sqlite:///{tmp_path_factory.mktemp('p') / 's.sqlite'}")
    store.import_events(engine, original, file_name="in.csv", data_hash="x")
    stored = store.read_events(engine)
    for text in (export.to_safe_csv(stored), export.to_json(stored)):
        if text.startswith("["):
            frame2 = pd.DataFrame(pd.read_json(__import__("io").StringIO(text), dtype=False))
            data = export.to_safe_csv(frame2).encode()
        else:
            data = text.encode()
        again = check_file(data, "again.csv")
        assert again.problems == []
        left = export.canonical_frame(stored).sort_values("id").reset_index(drop=True)
        right = export.canonical_frame(again.events).sort_values("id").reset_index(drop=True)
        pd.testing.assert_frame_equal(left, right)
