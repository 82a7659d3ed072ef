"""Drafting events from an article: every relative-date rule (tense, year roll-over, weekends, spans,
ambiguity) in English, Russian and Japanese, reading each document kind, the drafts of a real article,
the review table turned into a checked, importable batch, and drafting never raising on any text."""

from __future__ import annotations

import datetime as dt
import email.message
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diplotime import store
from diplotime.draft import draft_events, from_text, read_article
from diplotime.draft.actors import ActorIndex, find_actors, name_key
from diplotime.draft.document import header_date
from diplotime.draft.language import detect_language, split_sentences
from diplotime.draft.review import accepted_csv, check_accepted, citation, highlighted_markdown, review_frame
from diplotime.draft.when import FUTURE, PAST, UNKNOWN, find_times
from diplotime.errors import UnusableFile

WED = dt.date(2019, 1, 16)  # Wednesday, the Moscow Times report of issue 12
SUN = dt.date(2017, 8, 6)


def one(sentence: str, lang: str, published: dt.date, tense: str) -> tuple[str, str, bool]:
    times = find_times(sentence, lang, published, tense)
    assert len(times) == 1, times
    t = times[0]
    return t.date.iso(), t.end.iso() if t.end else "", t.ambiguous


@pytest.mark.parametrize(
    ("sentence", "lang", "published", "tense", "expected"),
    [
        # weekday names by tense
        ("held talks on Monday", "en", WED, PAST, ("2019-01-14", "", False)),
        ("will meet on Monday", "en", WED, FUTURE, ("2019-01-21", "", False)),
        ("will meet on Friday", "en", WED, FUTURE, ("2019-01-18", "", False)),
        ("said on Friday", "en", WED, PAST, ("2019-01-11", "", False)),
        ("said on Wednesday", "en", WED, PAST, ("2019-01-16", "", False)),
        ("will start a visit on Sunday", "en", SUN, FUTURE, ("2017-08-06", "", False)),
        ("met last Monday", "en", WED, UNKNOWN, ("2019-01-14", "", False)),
        ("meets next Monday", "en", WED, UNKNOWN, ("2019-01-21", "", False)),
        ("a meeting on Monday", "en", WED, UNKNOWN, ("2019-01-14", "", True)),
        ("провел переговоры в понедельник", "ru", WED, PAST, ("2019-01-14", "", False)),
        ("проведет переговоры в понедельник", "ru", WED, FUTURE, ("2019-01-21", "", False)),
        ("во вторник", "ru", WED, FUTURE, ("2019-01-22", "", False)),
        ("月曜日に会談した", "ja", WED, PAST, ("2019-01-14", "", False)),
        ("来週の月曜日", "ja", WED, UNKNOWN, ("2019-01-21", "", False)),
        # days relative to publication
        ("yesterday", "en", WED, UNKNOWN, ("2019-01-15", "", False)),
        ("tomorrow", "en", WED, UNKNOWN, ("2019-01-17", "", False)),
        ("вчера", "ru", WED, UNKNOWN, ("2019-01-15", "", False)),
        ("завтра", "ru", WED, UNKNOWN, ("2019-01-17", "", False)),
        ("во второй половине дня", "ru", WED, UNKNOWN, ("2019-01-16", "", False)),
        ("昨日", "ja", WED, UNKNOWN, ("2019-01-15", "", False)),
        ("three days ago", "en", WED, UNKNOWN, ("2019-01-13", "", False)),
        # weekends
        ("this weekend", "en", WED, FUTURE, ("2019-01-19", "2019-01-20", False)),
        ("last weekend", "en", WED, PAST, ("2019-01-12", "2019-01-13", False)),
        ("over the weekend", "en", WED, PAST, ("2019-01-12", "2019-01-13", False)),
        ("at the weekend", "en", WED, UNKNOWN, ("2019-01-19", "2019-01-20", True)),
        ("в эти выходные", "ru", WED, FUTURE, ("2019-01-19", "2019-01-20", False)),
        ("今週末", "ja", WED, FUTURE, ("2019-01-19", "2019-01-20", False)),
        # weeks: a span, flagged (no day given)
        ("last week", "en", WED, PAST, ("2019-01-07", "2019-01-13", True)),
        ("next week", "en", WED, FUTURE, ("2019-01-21", "2019-01-27", True)),
        ("на следующей неделе", "ru", WED, FUTURE, ("2019-01-21", "2019-01-27", True)),
        ("先週", "ja", WED, PAST, ("2019-01-07", "2019-01-13", True)),
        # months, seasons and years keep their precision
        ("next month", "en", WED, FUTURE, ("2019-02", "", False)),
        ("last month", "en", WED, PAST, ("2018-12", "", False)),
        ("в следующем месяце", "ru", WED, FUTURE, ("2019-02", "", False)),
        ("来月", "ja", WED, FUTURE, ("2019-02", "", False)),
        ("in June", "en", WED, PAST, ("2018-06", "", False)),
        ("in June", "en", WED, FUTURE, ("2019-06", "", False)),
        ("in June next year", "en", WED, UNKNOWN, ("2020-06", "", False)),
        ("в июне текущего года", "ru", WED, FUTURE, ("2019-06", "", False)),
        ("в конце января", "ru", WED, UNKNOWN, ("2019-01", "", False)),
        ("this summer", "en", WED, FUTURE, ("2019-06", "2019-08", False)),
        ("летом", "ru", WED, PAST, ("2018-06", "2018-08", False)),
        ("last year", "en", WED, PAST, ("2018", "", False)),
        ("two years ago", "en", WED, PAST, ("2017", "", False)),
        ("in 1945", "en", WED, PAST, ("1945", "", False)),
        ("в 1956 году", "ru", WED, PAST, ("1956", "", False)),
        ("来年", "ja", WED, FUTURE, ("2020", "", False)),
        # dates without a year: the tense decides which side of the publication date
        ("on Jan. 22", "en", WED, FUTURE, ("2019-01-22", "", False)),
        ("on Jan. 22", "en", WED, PAST, ("2018-01-22", "", False)),
        ("January 15", "en", dt.date(2018, 12, 20), FUTURE, ("2019-01-15", "", False)),
        ("January 15", "en", dt.date(2018, 12, 20), UNKNOWN, ("2019-01-15", "", False)),
        ("December 20", "en", dt.date(2019, 1, 5), PAST, ("2018-12-20", "", False)),
        ("June 1", "en", dt.date(2019, 12, 1), UNKNOWN, ("2019-06-01", "", True)),
        ("22 января", "ru", WED, FUTURE, ("2019-01-22", "", False)),
        ("14 ноября", "ru", dt.date(2019, 1, 4), UNKNOWN, ("2018-11-14", "", False)),
        ("1月22日", "ja", WED, FUTURE, ("2019-01-22", "", False)),
        ("14日", "ja", WED, PAST, ("2019-01-14", "", False)),
        ("2019年1月22日", "ja", dt.date(2020, 5, 1), UNKNOWN, ("2019-01-22", "", False)),
        # explicit dates and spans
        ("Sept. 10, 2018", "en", WED, UNKNOWN, ("2018-09-10", "", False)),
        ("on September 4-6", "en", dt.date(2019, 9, 3), FUTURE, ("2019-09-04", "2019-09-06", False)),
        ("September 11 to 13", "en", dt.date(2018, 9, 3), FUTURE, ("2018-09-11", "2018-09-13", False)),
        ("с 12 по 16 января", "ru", dt.date(2019, 1, 4), FUTURE, ("2019-01-12", "2019-01-16", False)),
        ("21−24 января", "ru", dt.date(2019, 1, 18), FUTURE, ("2019-01-21", "2019-01-24", False)),
        ("Dec. 30 to Jan. 2", "en", dt.date(2018, 12, 1), FUTURE, ("2018-12-30", "2019-01-02", False)),
        # a weekday beside a date: one day, flagged when they disagree
        ("Tuesday, Jan. 22, 2019", "en", WED, PAST, ("2019-01-22", "", False)),
        ("Monday, Jan. 22, 2019", "en", WED, PAST, ("2019-01-22", "", True)),
    ],
)
def test_relative_dates_resolve_against_the_publication_date(sentence, lang, published, tense, expected) -> None:
    assert one(sentence, lang, published, tense) == expected


def test_relative_dates_need_the_publication_date_and_are_never_filled_from_today() -> None:
    assert find_times("held talks on Monday", "en", None, PAST) == []
    assert [t.date.iso() for t in find_times("signed on Jan. 22, 2019", "en", None, PAST)] == ["2019-01-22"]


MOSCOW_TIMES = (
    "Russian Foreign Minister Sergei Lavrov on Wednesday denied Moscow was imposing an ultimatum on Japan.\n\n"
    '"These are not pre-conditions," Lavrov told a news conference.\n\n'
    "Japanese Foreign Minister Taro Kono held talks about the territorial dispute with Lavrov in Moscow on Monday "
    "and Shinzo Abe is to have discussions with Russian President Vladimir Putin on Jan. 22.\n\n"
    "Opinion polls show most Russians oppose handing back the islands to Japan, and Russian nationalists plan to "
    "stage a demonstration in Moscow this weekend calling on the Kremlin to keep the territory.\n"
)
STORE_ACTORS = ["Sergey Lavrov", "Taro Kono", "Shinzo Abe", "Vladimir Putin"]


def test_the_issues_example_gives_its_five_events() -> None:
    drafts = draft_events(MOSCOW_TIMES, WED, actors=STORE_ACTORS).drafts
    got = {(d.date, d.end_date, d.event_type, d.status) for d in drafts}
    assert got == {
        ("2019-01-16", "", "press_conference", "happened"),
        ("2019-01-14", "", "ministerial_talks", "happened"),
        ("2019-01-22", "", "summit", "planned"),
        ("2019-01-19", "2019-01-20", "protest", "planned"),
        ("", "", "poll", "happened"),
    }
    talks = next(d for d in drafts if d.event_type == "ministerial_talks")
    assert talks.actors == ["Taro Kono", "Sergey Lavrov"] and talks.location == "Moscow"
    assert talks.evidence in MOSCOW_TIMES and MOSCOW_TIMES[talks.start : talks.stop] == talks.evidence
    poll = next(d for d in drafts if d.event_type == "poll")
    assert not poll.accept and poll.ambiguous  # no date in the text: proposed, not accepted


def test_actors_match_the_store_across_spellings_and_scripts() -> None:
    index = ActorIndex(STORE_ACTORS)
    assert name_key("Sergei Lavrov") == name_key("Sergey Lavrov") == name_key("Сергей Лавров")
    assert [a.actor for a in find_actors("встреча с Сергеем Лавровым", index, "ru")] == ["Sergey Lavrov"]
    found = find_actors("Lavrov met U.S. Secretary of State Mike Pompeo", index, "en")
    assert [(a.actor, a.known) for a in found] == [("Sergey Lavrov", True), ("Mike Pompeo", False)]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Lavrov said the talks would continue in February.", "en"),
        ("Лавров заявил, что переговоры продолжатся в феврале.", "ru"),
        ("ラブロフ外相は2月に協議を続けると述べた。", "ja"),
        ("Der Außenminister sagte, die Gespräche würden im Februar fortgesetzt.", ""),
    ],
)
def test_the_language_is_detected_from_the_text(text: str, code: str) -> None:
    assert detect_language(text).code == code


def test_sentences_keep_abbreviations_and_their_offsets() -> None:
    text = "Talks on Jan. 22 in Moscow. U.S. officials agreed.\n外相が会談した。首相も出席した。"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Talks on Jan. 22 in Moscow.",
        "U.S. officials agreed.",
        "外相が会談した。",
        "首相も出席した。",
    ]
    assert all(text[s.start : s.stop] == s.text for s in sentences)


# ---------------------------------------------------------------- each kind of document

HTML = b"""<!doctype html><html><head><title>Lavrov, Kono talk</title>
<meta property="og:title" content="Lavrov and Kono hold talks in Moscow">
<meta property="article:published_time" content="2019-01-14T18:00:00+03:00">
<link rel="canonical" href="https://example.org/news/lavrov-kono"></head>
<body><nav>Home | World | Sport</nav><article><h1>Lavrov and Kono hold talks in Moscow</h1>
<p>Russian Foreign Minister Sergei Lavrov held talks with his Japanese counterpart Taro Kono in Moscow on Monday.
The two ministers agreed to meet again in February, Lavrov told a news conference after the talks.</p>
<p>Prime Minister Shinzo Abe is to visit Moscow on Jan. 22 for talks with President Vladimir Putin.</p>
</article><footer>Copyright</footer></body></html>"""


def _pdf(text: str) -> bytes:
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, StreamObject

    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    stream = StreamObject()
    stream.set_data(f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(stream)
    writer.add_metadata({"/Title": "Talks in Moscow", "/CreationDate": "D:20190114120000Z"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _eml() -> bytes:
    message = email.message.EmailMessage()
    message["Subject"] = "Kono and Lavrov meet"
    message["From"] = "desk@example.org"
    message["Date"] = "Wed, 16 Jan 2019 09:00:00 +0000"
    message.set_content("Kono held talks with Lavrov in Moscow on Monday. https://example.org/story\n")
    return message.as_bytes()


@pytest.mark.parametrize(
    ("name", "data", "kind", "title", "published", "first_event"),
    [
        (
            "a.txt",
            "MOSCOW, 14 января - РИА Новости.\n14.01.2019\nЛавров провел переговоры с Коно в понедельник.".encode(),
            "txt",
            "MOSCOW, 14 января - РИА Новости.",
            dt.date(2019, 1, 14),
            "2019-01-14",
        ),
        ("page.html", HTML, "html", "Lavrov and Kono hold talks in Moscow", dt.date(2019, 1, 14), "2019-01-14"),
        (
            "report.pdf",
            _pdf("Kono held talks with Lavrov in Moscow on Monday."),
            "pdf",
            "Talks in Moscow",
            dt.date(2019, 1, 14),
            "2019-01-14",
        ),
        ("mail.eml", _eml(), "eml", "Kono and Lavrov meet", dt.date(2019, 1, 16), "2019-01-14"),
    ],
)
def test_each_kind_of_document_gives_text_title_and_date(name, data, kind, title, published, first_event) -> None:
    article = read_article(data, name)
    assert (article.kind, article.title, article.published) == (kind, title, published)
    drafts = draft_events(article.text, article.published, actors=STORE_ACTORS).drafts
    assert drafts and drafts[0].date == first_event
    if kind == "html":
        assert "Home | World" not in article.text and article.url == "https://example.org/news/lavrov-kono"
    if kind == "eml":
        assert article.url == "https://example.org/story"


@pytest.mark.parametrize(
    ("data", "message"), [(b"", "empty"), (b"\x00\x01\x02" * 50, "not text"), (b"%PDF-1.4 broken", "PDF")]
)
def test_an_unreadable_document_is_refused_with_a_reason(data: bytes, message: str) -> None:
    with pytest.raises(UnusableFile, match=message):
        read_article(data, "x.bin")


def test_a_dateline_without_a_year_takes_it_only_from_the_article() -> None:
    assert header_date(["TOKYO, September 3. /TASS/. Suga said"]) == (None, "")
    assert header_date(["March 21, 2017 TASS", "TOKYO, March 21. /TASS/."]) == (dt.date(2017, 3, 21), "dateline")


# ---------------------------------------------------------------- review and import


def test_accepted_rows_become_one_checked_batch_with_the_article_as_source(tmp_path) -> None:
    article = from_text(MOSCOW_TIMES)
    drafts = draft_events(article.text, WED, actors=STORE_ACTORS).drafts
    table = review_frame(drafts)
    table.loc[table["event_type"] == "protest", "accept"] = False  # the analyst rejects one
    extra = {c: "" for c in table.columns} | {
        "accept": True,
        "ambiguous": False,
        "date": "2019-01-28",
        "event_type": "poll",
        "title": "VTsIOM poll",
    }
    table.loc[len(table)] = extra  # and adds one by hand
    source = "https://www.themoscowtimes.com/2019/01/16/x"
    data, result = check_accepted(table, source, "from articles", "article: test")
    assert result is not None and not result.problems
    assert sorted(result.events["date"].astype(str)) == ["2019-01-14", "2019-01-16", "2019-01-22", "2019-01-28"]
    assert "planned" in result.events.loc[result.events["date"] == "2019-01-22", "tags"].iloc[0]
    assert set(result.events["source"].astype(str)) == {source}
    engine = store.open_store(f"sqlite:///{tmp_path / 's.sqlite'}", seed_from=None)
    outcome = store.import_events(
        engine, result, file_name="article: test", data_hash=store.file_hash(data), format="article"
    )
    assert outcome.added == 4
    again = store.import_events(
        engine, result, file_name="article: test", data_hash=store.file_hash(data), format="article"
    )
    assert again.added == 0  # the same events twice: nothing new
    assert store.undo_batch(engine, outcome.batch) == 4
    assert store.count_events(engine) == 0


def test_a_bad_edit_is_reported_like_an_upload_problem() -> None:
    table = review_frame(draft_events(MOSCOW_TIMES, WED).drafts)
    table.loc[0, "date"] = "2019-02-30"
    _, result = check_accepted(table, "citation", "d", "article: x")
    assert result is not None and [p.code for p in result.problems] == ["date_invalid"]


def test_the_highlighted_text_escapes_the_article() -> None:
    text = "Kono held talks <b>in</b> Moscow on Monday [x](javascript:alert(1)).\nOther line."
    drafts = draft_events(text, WED).drafts
    md = highlighted_markdown(text, drafts)
    assert md.startswith(":orange-background[") and "**on Monday**" in md
    assert "<b>" not in md and "](javascript" not in md


def test_a_sentence_dating_two_events_shows_both_time_expressions_in_bold() -> None:
    text = "Kono held talks with Lavrov in Moscow on Monday and Abe is to meet Putin on Jan. 22."
    drafts = draft_events(text, WED).drafts
    assert len({(d.start, d.stop) for d in drafts}) == 1 and len(drafts) == 2
    md = highlighted_markdown(text, drafts)
    assert "**on Monday**" in md and "**Jan\\. 22**" in md and md.count(":orange-background[") == 1


def test_citation_is_the_url_else_site_title_and_date() -> None:
    article = from_text("Talks\nKono met Lavrov.")
    assert citation(article, WED) == "“Talks”, 2019-01-16"
    assert accepted_csv(review_frame([]), "x", "d").decode().startswith("date,end_date,title")


@settings(max_examples=150, deadline=None)
@given(
    st.text(max_size=400),
    st.sampled_from([None, "en", "ru", "ja"]),
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)) | st.none(),
)
def test_drafting_never_raises_on_any_text(text: str, language, published) -> None:
    drafting = draft_events(text, published, language=language, actors=STORE_ACTORS)
    for d in drafting.drafts:
        assert d.evidence == text[d.start : d.stop]
    review_frame(drafting.drafts)
    highlighted_markdown(text, drafting.drafts)


# ---------------------------------------------------------------- command line and page


def test_cli_draft_prints_json_and_exits_0(tmp_path, capsys) -> None:
    import json

    from diplotime.cli import main

    path = tmp_path / "mt.txt"
    path.write_text(MOSCOW_TIMES, encoding="utf-8")
    db = tmp_path / "s.sqlite"
    assert main(["draft", str(path), "--published", "2019-01-16", "--json", "--db", str(db)]) == 0
    rep = json.loads(capsys.readouterr().out)
    assert rep["published"] == "2019-01-16" and rep["language"] == "en"
    assert ("2019-01-14", "ministerial_talks") in {(d["date"], d["event_type"]) for d in rep["drafts"]}
    assert "Sergey Lavrov" in next(d for d in rep["drafts"] if d["date"] == "2019-01-14")["actors"]


@pytest.mark.parametrize("args", [["draft", "/no/such/file"], ["draft", "FILE", "--published", "16/01/2019"]])
def test_cli_draft_exits_2_on_unusable_arguments(tmp_path, capsys, args) -> None:
    from diplotime.cli import main

    path = tmp_path / "a.txt"
    path.write_text(MOSCOW_TIMES, encoding="utf-8")
    args = [str(path) if a == "FILE" else a for a in args] + ["--db", str(tmp_path / "s.sqlite")]
    assert main(args) == 2
    assert capsys.readouterr().err.startswith("diplotime: ")


def test_the_page_drafts_a_pasted_article_and_imports_it(tmp_path, monkeypatch) -> None:
    from streamlit.testing.v1 import AppTest

    from tests.fixtures import page_harness

    url = f"sqlite:///{tmp_path / 'page.sqlite'}"
    monkeypatch.setenv(store.ENV_URL, url)
    at = AppTest.from_function(page_harness, args=("pages/article.py",), default_timeout=60).run()
    at.text_area(key="art_text").set_value(MOSCOW_TIMES).run()
    published = next(w for w in at.text_input if w.key and w.key.startswith("art_published_"))
    published.set_value("2019-01-16").run()
    assert any("Draft events (4 dated, 1 without a date)" in s.value for s in at.subheader)
    at.button(key="art_import").click().run()
    assert any("Imported 4 events as batch" in s.value for s in at.success)
    engine = store.open_store(url)
    batches = store.list_batches(engine)
    assert batches.iloc[0]["format"] == "article"
    events = store.read_events(engine, batch_id=int(batches.iloc[0]["id"]))
    assert len(events) == 4 and all(str(v).endswith("”, 2019-01-16") for v in events["source"])
    assert store.undo_batch(engine, int(batches.iloc[0]["id"])) == 4
