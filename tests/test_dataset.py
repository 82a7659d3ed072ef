"""The bundled dataset: valid, sourced, honest about precision, and telling the story it promises."""

from __future__ import annotations

import csv
import tomllib
from urllib.parse import parse_qsl, urlsplit

import pytest

from diplotime.pipeline import check_file
from diplotime.text import is_http_url
from tests.conftest import DATA

# The raw rows, read once at collection so that every event is a test case of its own.
ROWS = list(csv.DictReader((DATA / "kuril_dispute.csv").read_text(encoding="utf-8").splitlines()))
BY_ID = {row["id"]: row for row in ROWS}

# Query keys that track a click rather than name a page (utm_* and friends are matched by prefix).
TRACKING_PREFIXES = ("utm_",)
TRACKING_KEYS = {
    "fbclid",
    "gclid",
    "dclid",
    "msclkid",
    "yclid",
    "mc_cid",
    "mc_eid",
    "igshid",
    "ref",
    "ref_src",
    "ref_url",
    "cid",
    "n_cid",
    "cmpid",
    "feedtype",
    "feedname",
    "_ga",
    "spm",
    "share",
    "from",
}


def tracking_keys(url: str) -> list[str]:
    """The tracking parameters in a URL's query: tracking_keys('https://x.org/a?id=3&utm_source=mail') -> ['utm_source']."""
    keys = [key.lower() for key, _ in parse_qsl(urlsplit(url).query, keep_blank_values=True)]
    return [key for key in keys if key in TRACKING_KEYS or key.startswith(TRACKING_PREFIXES)]


@pytest.fixture(scope="module")
def bundled():
    data = (DATA / "kuril_dispute.csv").read_bytes()
    return check_file(data, "kuril_dispute.csv")


def test_bundled_dataset_validates_with_no_problems_or_warnings(bundled) -> None:
    assert bundled.problems == []
    assert bundled.warnings == []
    assert len(bundled.events) >= 100


def test_ids_are_unique_and_start_with_the_date() -> None:
    assert len(BY_ID) == len(ROWS)
    assert all(row["id"].startswith(row["date"] + "-") for row in ROWS)


def test_every_event_keeps_its_coordinates() -> None:
    assert all(row["location"] and row["lat"] and row["lon"] for row in ROWS)


def test_every_event_has_an_http_source(bundled) -> None:
    assert all(is_http_url(s) for s in bundled.events["source"])


@pytest.mark.parametrize("row", ROWS, ids=[row["id"] for row in ROWS])
def test_source_is_one_clean_http_url(row: dict) -> None:
    parts = urlsplit(row["source"])
    assert parts.scheme in ("http", "https") and parts.netloc and " " not in row["source"]
    assert tracking_keys(row["source"]) == []


@pytest.mark.parametrize(
    ("url", "found"),
    [
        (
            "https://www.japantimes.co.jp/news/2018/12/14/a/?utm_source=Daily+News&utm_medium=email",
            ["utm_source", "utm_medium"],
        ),
        ("https://in.reuters.com/article/x-idINKCN1PG1X5?feedType=RSS&feedName=worldNews", ["feedtype", "feedname"]),
        ("https://example.org/a?fbclid=IwAR0&id=3", ["fbclid"]),
        ("https://www.nikkei.com/article/DGXMZO41382440X10C19A2000000/?n_cid=SNSTW001", ["n_cid"]),
        ("https://example.org/a?GCLID=1&ref=hn", ["gclid", "ref"]),
        ("https://mid.ru/ru/press_service/1527064/?lang=en", []),  # a language choice names the page
        ("https://inforos.ru/en/?module=news&action=view&id=105077", []),
        ("http://www.vesti.ru/doc.html?id=3163733", []),
    ],
)
def test_tracking_parameters_are_recognised(url: str, found: list[str]) -> None:
    assert tracking_keys(url) == found


def test_span_and_precisions(bundled) -> None:
    events = bundled.events
    assert events["date"].min() == "1855-02-07"
    assert events["date_start"].max() >= "2025-01-01"
    assert {"day", "month", "year"} <= set(events["date_precision"])
    assert events["dataset"].unique().tolist() == ["kuril_dispute"]


@pytest.mark.parametrize(
    ("date", "event_type", "words"),
    [
        ("1855-02-07", "treaty", "Shimoda"),
        ("1875-05-07", "treaty", "Saint Petersburg"),
        ("1905-09-05", "treaty", "Portsmouth"),
        ("1945-02-11", "treaty", "Yalta"),
        ("1951-09-08", "treaty", "San Francisco"),
        ("1956-10-19", "treaty", "Joint Declaration"),
        ("1993-10-13", "treaty", "Tokyo Declaration"),
        ("1997-11-01", "summit", "Krasnoyarsk"),
        ("1998-04-18", "summit", "Kawana"),
        ("2001-03-25", "treaty", "Irkutsk"),
        ("2010-11-01", "visit", "Medvedev"),
        ("2016-12-15", "summit", "Nagato"),
        ("2018-11-14", "summit", "Singapore"),
        ("2019-01-14", "ministerial_talks", "Kono–Lavrov"),
        ("2019-01-16", "press_conference", "Lavrov"),
        ("2019-01-20", "protest", "Moscow rally"),
        ("2019-01-22", "summit", "Abe–Putin"),
        ("2022-03-21", "statement", "suspends peace-treaty talks"),
        ("1945-04-05", "statement", "denounces the Neutrality Pact"),
        ("1945-09-02", "treaty", "Instrument of Surrender"),
        ("1946-01-29", "statement", "SCAPIN-677"),
        ("1973-10-07", "summit", "Tanaka–Brezhnev"),
        ("1988-07-22", "other", "Nakasone–Gorbachev"),
        ("1999-09-02", "treaty", "facilitated visits"),
        ("2016-09-02", "summit", "Vladivostok"),
        ("2017-11-10", "summit", "Da Nang"),
        ("2018-12-01", "summit", "Buenos Aires"),
        ("2019-02-16", "ministerial_talks", "Munich"),
        ("2019-05-10", "ministerial_talks", "Moscow"),
        ("2019-05-30", "ministerial_talks", "talks in Tokyo"),
        ("2019-06-29", "summit", "Osaka"),
        ("2019-09-05", "summit", "Vladivostok"),
        ("2020-02-13", "statement", "ban on ceding territory"),
        ("2020-04-24", "legislation", "3 September"),
        ("2022-06-07", "statement", "fisheries"),
        ("2022-09-05", "legislation", "visa-free exchange and facilitated-visit"),
        ("2023-06-24", "legislation", "Victory over Militaristic Japan"),
        ("2024-03-18", "press_conference", "Kishida"),
        ("2025-04-17", "statement", "suspension of passage"),
        ("2025-12-01", "statement", "grave visits"),
    ],
)
def test_the_story_is_told(bundled, date: str, event_type: str, words: str) -> None:
    match = bundled.events[(bundled.events["date"] == date) & bundled.events["title"].str.contains(words)]
    assert list(match["event_type"]) == [event_type]


def test_polls_show_most_russians_oppose_a_handover(bundled) -> None:
    polls = bundled.events[bundled.events["event_type"] == "poll"]
    assert len(polls) >= 2
    assert polls["title"].str.contains("oppose").any()


def test_japanese_and_russian_names_survive(bundled) -> None:
    titles = " ".join(bundled.events["title"])
    assert "日ソ共同宣言" in titles and "Симодский трактат" in titles


@pytest.mark.parametrize(
    ("event_id", "column", "says"),
    [
        ("1946-01-29-scapin-677", "description", "Kurile (Chishima) Islands"),
        ("1946-01-29-scapin-677", "description", "Habomai"),
        ("1946-01-29-scapin-677", "description", "Shikotan Island"),
        ("1946-01-29-scapin-677", "description", "not a final decision on territory"),
        ("2006-08-16-fisherman-shot-near-kaigara", "description", "Kisshin Maru No. 31"),
        ("2006-08-16-fisherman-shot-near-kaigara", "actors", "Kisshin Maru No. 31"),
        ("1905-09-05-treaty-of-portsmouth", "location", "Kittery, Maine"),
        ("1905-09-05-treaty-of-portsmouth", "description", "Portsmouth Naval Shipyard"),
        ("1988-07-22-nakasone-gorbachev-meeting", "date", "1988-07-22"),
        ("1945-04-05-ussr-denounces-neutrality-pact", "date", "1945-04-05"),
        ("2022-09-05-facilitated-visits-agreement-terminated", "description", "14 October 1991"),
        ("2022-09-05-facilitated-visits-agreement-terminated", "description", "2 September 1999"),
        ("1945-08-18-soviet-invasion-of-the-kuril-islands", "end_date", "1945-09-01"),
        ("1945-08-18-soviet-invasion-of-the-kuril-islands", "description", "Soviet and Russian dating"),
        ("1945-08-28-soviet-occupation-of-the-four-islands", "end_date", "1945-09-05"),
        ("1945-08-28-soviet-occupation-of-the-four-islands", "description", "follows that Japanese dating"),
    ],
)
def test_the_reviewed_facts_are_right(event_id: str, column: str, says: str) -> None:
    assert says in BY_ID[event_id][column]


def test_scapin_677_no_longer_claims_all_islands_north_of_hokkaido() -> None:
    assert "all islands north of Hokkaido" not in BY_ID["1946-01-29-scapin-677"]["description"]


def test_the_portsmouth_coordinates_are_the_shipyard_in_maine() -> None:
    row = BY_ID["1905-09-05-treaty-of-portsmouth"]
    assert abs(float(row["lat"]) - 43.08) < 0.02 and abs(float(row["lon"]) + 70.735) < 0.02


@pytest.mark.parametrize(
    ("event_id", "japan", "russia"),
    [
        (
            "1945-08-08-soviet-declaration-of-war-on-japan",
            "in violation of the Neutrality Pact",
            "obligation as an Ally",
        ),
        ("1988-07-22-nakasone-gorbachev-meeting", "Japanese diplomatic records", "called the Japanese account a fake"),
        ("2019-01-14-kono-lavrov-talks", "legal position was unchanged", "not subject to discussion"),
        ("2019-01-16-lavrov-annual-press-conference", "legal position on the islands is unchanged", "UN Charter"),
        ("2022-03-21-russia-suspends-peace-treaty-talks", "totally unacceptable", "explicitly unfriendly position"),
        ("2006-08-16-fisherman-shot-near-kaigara", "within Japanese waters", "poaching in Russian territorial waters"),
    ],
)
def test_disputed_events_give_both_positions(event_id: str, japan: str, russia: str) -> None:
    description = BY_ID[event_id]["description"]
    assert japan in description and russia in description
    assert "http" in description  # the second side's source is named in the text


@pytest.fixture(scope="module")
def dataset_names() -> dict:
    return tomllib.loads((DATA / "datasets.toml").read_text(encoding="utf-8"))


def test_datasets_toml_names_the_dataset_of_every_event(dataset_names) -> None:
    assert {row["dataset"] for row in ROWS} <= set(dataset_names)
    for entry in dataset_names.values():
        assert isinstance(entry["name"], str) and entry["name"]
        assert entry["aliases"] and all(isinstance(a, str) and a.strip() == a and a for a in entry["aliases"])
        assert len(set(entry["aliases"])) == len(entry["aliases"])


@pytest.mark.parametrize(
    "name",
    [
        "Kuril Islands dispute",
        "Northern Territories issue",
        "Northern Territories",
        "Southern Kurils",
        "北方領土問題",
        "北方領土",
        "千島列島",
        "Курильский вопрос",
        "Южные Курилы",
        "Курильские острова",
    ],
)
def test_the_dataset_is_known_by_either_name(dataset_names, name: str) -> None:
    entry = dataset_names["kuril_dispute"]
    assert name == entry["name"] or name in entry["aliases"]


def test_no_data_file_but_the_events_is_csv() -> None:
    """datasets.toml must not be a CSV: every data/*.csv is imported as events."""
    assert sorted(p.name for p in DATA.glob("*.csv")) == ["kuril_dispute.csv"]
    assert (DATA / "datasets.toml").is_file()
