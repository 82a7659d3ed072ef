"""The PowerPoint deck, opened again with python-pptx: slides, titles, sources, notes and fonts."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches

from diplotime import present
from diplotime.present import deck
from tests.fixtures import kuril_events, talk_events


def png(width: int = 1600, height: int = 820) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (30, 90, 160)).save(out, "PNG")
    return out.getvalue()


def open_deck(events, pictures=()) -> tuple[Presentation, present.Talk]:
    talk = present.build_talk(events)
    data = deck.build_deck(talk, present.talk_events(events, talk), pictures)
    return Presentation(io.BytesIO(data)), talk


def texts(slide) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


def source_runs(slide) -> list:
    for shape in slide.shapes:
        if shape.has_text_frame and shape.text_frame.text.startswith("Source:"):
            return list(shape.text_frame.paragraphs[0].runs)
    raise AssertionError("no Source line on the slide")


def test_the_deck_is_16_9_with_a_title_slide_pictures_and_one_slide_per_event() -> None:
    events = kuril_events()
    prs, talk = open_deck(events, [deck.Picture("Timeline", png()), deck.Picture("Where it happened", png())])
    assert (prs.slide_width, prs.slide_height) == (Inches(13.333), Inches(7.5))
    slides = list(prs.slides)
    assert len(slides) == 1 + 2 + len(events) == 112
    assert slides[0].shapes.title.text == "Kuril dispute"
    assert any("109 events · 1855 – 2025" in t for t in texts(slides[0]))
    assert [s.shapes.title.text for s in slides[1:3]] == ["Timeline", "Where it happened"]
    assert [s.shapes.title.text for s in slides[3:]] == list(events["title"])
    assert slides[3].shapes.title.text == "Treaty of Shimoda signed (日露和親条約 / Симодский трактат)"


def test_a_picture_keeps_its_proportions_inside_the_slide() -> None:
    prs, _ = open_deck(talk_events(), [deck.Picture("Tall", png(600, 1200))])
    picture = next(s for s in prs.slides[1].shapes if s.shape_type == 13)  # MSO_SHAPE_TYPE.PICTURE
    assert picture.width / picture.height == pytest.approx(0.5, rel=0.01)
    assert picture.top + picture.height <= prs.slide_height
    assert Emu(0) <= picture.left and picture.left + picture.width <= prs.slide_width


def test_every_event_slide_carries_its_source_and_links_only_web_sources() -> None:
    events = kuril_events()
    prs, _ = open_deck(events)
    for slide, source in zip(list(prs.slides)[1:], events["source"], strict=True):
        runs = source_runs(slide)
        assert runs[0].text == "Source: "
        assert source.startswith(runs[1].text.removesuffix("…"))  # very long URLs are cut on the slide…
        assert runs[1].hyperlink.address == source  # …but link in full (the bundled sources are all web pages)

    small = talk_events()
    prs, _ = open_deck(small)
    by_title = {s.shapes.title.text: s for s in list(prs.slides)[1:]}
    citation = source_runs(by_title["Treaty of Saint Petersburg (Петербургский договор)"])
    assert citation[1].text == "Treaty text in the French original" and citation[1].hyperlink.address is None
    hostile = source_runs(by_title["Soviet forces occupy the southern islands"])
    assert hostile[1].text == "javascript:alert(1)" and hostile[1].hyperlink.address is None
    assert source_runs(by_title["Poll without a place"])[0].text == "Source: not given"


def test_speaker_notes_hold_the_description_date_and_source() -> None:
    events = kuril_events()
    prs, _ = open_deck(events)
    for slide, (_, row) in zip(list(prs.slides)[1:], events.iterrows(), strict=True):
        notes = slide.notes_slide.notes_text_frame.text
        assert notes.startswith(row["description"])
        assert f"Source: {row['source']}" in notes


def test_event_slides_show_date_as_given_place_actors_and_position() -> None:
    prs, _ = open_deck(talk_events())
    slide = prs.slides[2]  # 1875, year precision
    shown = "\n".join(texts(slide))
    for expected in ("1875", "Saint Petersburg", "Russia, Japan", "Alexander Gorchakov", "TREATY", "2 / 5"):
        assert expected in shown
    marker = next(s for s in slide.shapes if s.name == "Event position")
    first = next(s for s in prs.slides[1].shapes if s.name == "Event position")
    assert first.left < marker.left  # 1875 lies to the right of 1855 on the strip


def test_all_text_is_set_in_a_cjk_font_for_latin_east_asian_and_complex_scripts() -> None:
    prs, _ = open_deck(talk_events())
    for slide in prs.slides:
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            for paragraph in shape.text_frame.paragraphs:
                for run in paragraph.runs:
                    rpr = run._r.find(qn("a:rPr"))
                    fonts = [rpr.find(qn(f"a:{slot}")) for slot in ("latin", "ea", "cs")]
                    assert all(f is not None and f.get("typeface") == deck.FONT for f in fonts), run.text
                    # schema order inside a:rPr: latin, ea, cs, then any hyperlink
                    tags = [child.tag for child in rpr]
                    assert tags.index(qn("a:latin")) < tags.index(qn("a:ea")) < tags.index(qn("a:cs"))


def test_control_characters_and_long_text_do_not_break_the_deck() -> None:
    events = talk_events()
    events.loc[0, "title"] = "Bad \x00\x07 title\x1f"
    events.loc[0, "description"] = "word " * 2000
    prs, _ = open_deck(events)
    slide = prs.slides[1]
    assert slide.shapes.title.text == "Bad  title"
    assert any(t.endswith("…") and len(t) <= deck.MAX_SLIDE_DESCRIPTION for t in texts(slide))
    assert slide.notes_slide.notes_text_frame.text.count("word") == 2000


def test_an_empty_view_gives_a_title_slide_only() -> None:
    prs, _ = open_deck(talk_events().iloc[0:0])
    assert len(prs.slides) == 1


def test_notes_slides_are_numbered_in_order_and_the_package_has_no_duplicate_parts() -> None:
    import zipfile

    events = talk_events()
    talk = present.build_talk(events)
    data = deck.build_deck(talk, events, [deck.Picture("Timeline", png())])
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert len(names) == len(set(names))
    prs = Presentation(io.BytesIO(data))
    notes = [str(s.notes_slide.part.partname) for s in prs.slides if s.has_notes_slide]
    assert notes == [f"/ppt/notesSlides/notesSlide{i}.xml" for i in range(1, len(events) + 1)]
