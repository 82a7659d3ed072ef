"""Event tables for the present and export tests, built through the real pipeline."""

from __future__ import annotations

import functools

import pandas as pd

from diplotime.pipeline import check_file
from tests.conftest import DATA

SMALL = """\
id,date,end_date,title,event_type,actors,countries,location,lat,lon,description,source,dataset
shimoda,1855-02-07,,Treaty of Shimoda (日露和親条約),treaty,Tokugawa shogunate;Russian Empire,RUS;JPN,Shimoda,34.6797,138.9453,First treaty.,https://en.wikipedia.org/wiki/Treaty_of_Shimoda,kuril_dispute
petersburg,1875,,Treaty of Saint Petersburg (Петербургский договор),treaty,Alexander Gorchakov,RUS;JPN,Saint Petersburg,59.9386,30.3141,Sakhalin for the Kurils.,Treaty text in the French original,kuril_dispute
occupation,1945-08,,Soviet forces occupy the southern islands,military,Red Army,RUS;JPN,Iturup,45.25,147.9,Month precision.,https://example.org/occupation,kuril_dispute
summit,2019-01-22,,Abe–Putin talks in the Kremlin,summit,Shinzo Abe;Vladimir Putin,JPN;RUS,Moscow,55.7558,37.6173,"Talks.
Second paragraph.",https://example.org/summit,kuril_dispute
nowhere,2023-05,,Poll without a place,poll,Levada Center,RUS,,,,A poll.,,kuril_dispute
"""


def small_events() -> pd.DataFrame:
    result = check_file(SMALL.encode("utf-8"), "small.csv")
    assert len(result.events) == 5
    events = result.events.reset_index(drop=True)
    # Ingest refuses such a source; the slides must not link it even if a store holds one.
    events.loc[events["id"] == "occupation", "source"] = "javascript:alert(1)"
    return events


@functools.lru_cache(maxsize=1)
def _kuril() -> pd.DataFrame:
    return check_file((DATA / "kuril_dispute.csv").read_bytes(), "kuril_dispute.csv").events.reset_index(drop=True)


def kuril_events() -> pd.DataFrame:
    return _kuril().copy()
