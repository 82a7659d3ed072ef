"""A 16:9 PowerPoint deck of a talk (python-pptx): title slide, overview pictures, one slide per event.

Each event slide shows what the Present page shows: title, date as the source gave it, type,
place, countries, actors, description and source (a clickable link only for http(s) sources), with
a strip at the bottom marking where the event falls on the talk's timeline. The speaker notes hold
the full description. All text is set in a font with Japanese and Cyrillic glyphs, for the Latin,
East Asian and complex-script slots alike, so mixed titles such as 'Treaty of Shimoda
(日露和親条約 / Симодский трактат)' render in PowerPoint, Keynote and LibreOffice.

>>> title_size('Treaty of Shimoda'), title_size('x' * 200)
(36, 24)
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as Deck
from pptx.slide import Slide
from pptx.text.text import _Run
from pptx.util import Emu, Inches, Pt

from diplotime.figures.style import type_colour
from diplotime.present.talk import EventCard, Talk, event_card

FONT = "Noto Sans CJK JP"
WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.6)
INK, MUTED, RULE = RGBColor(0x1F, 0x29, 0x33), RGBColor(0x5F, 0x6B, 0x7A), RGBColor(0xB8, 0xC0, 0xCC)
LINK = RGBColor(0x0B, 0x5C, 0xAD)
NOTES_PARTNAME = "/ppt/notesSlides/notesSlide%d.xml"  # python-pptx's template for notes slide parts
MAX_SLIDE_DESCRIPTION = 1100  # longer descriptions are cut on the slide; the notes keep all of it
_SCRIPT_TAGS = ("a:latin", "a:ea", "a:cs")
_FONT_TAGS = {qn(t) for t in ("a:solidFill", *_SCRIPT_TAGS)}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # not allowed in the XML of a .pptx


@dataclass(frozen=True)
class Picture:
    """A chart image for a slide of its own: the slide title and PNG bytes."""

    title: str
    png: bytes


def title_size(text: str) -> int:
    """Point size for a slide title, smaller for long titles so two or three lines fit."""
    n = len(text)
    return 36 if n <= 60 else 32 if n <= 90 else 28 if n <= 130 else 24


def body_size(text: str) -> int:
    """Point size for a description: as large as fits the text box.

    >>> body_size('Short.'), body_size('x' * 1000)
    (22, 15)
    """
    n = len(text)
    return 22 if n <= 280 else 20 if n <= 420 else 18 if n <= 600 else 16 if n <= 850 else 15


def clean(text: str) -> str:
    """Text that XML can hold: control characters go, line breaks stay: clean('a\\x00b\\nc') -> 'ab\\nc'."""
    return _CONTROL.sub("", str(text)).replace("\r\n", "\n").replace("\r", "\n")


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def set_font(run: _Run, size: int, *, bold: bool = False, colour: RGBColor = INK) -> None:
    """Size, weight, colour, and ``FONT`` for Latin, East Asian and complex-script text alike.

    Written straight into the run's XML (python-pptx's font proxies cost a millisecond a run).
    """
    rpr = run._r.get_or_add_rPr()
    rpr.set("sz", str(size * 100))
    rpr.set("b", "1" if bold else "0")
    for child in list(rpr):
        if child.tag in _FONT_TAGS:
            rpr.remove(child)
    fill = etree.Element(qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr"), val=str(colour))
    # Schema order inside a:rPr: fill, then latin, ea, cs, then any hyperlink.
    for position, element in enumerate([fill] + [etree.Element(qn(t), typeface=FONT) for t in _SCRIPT_TAGS]):
        rpr.insert(position, element)


def add_text(
    slide: Slide,
    left: int,
    top: int,
    width: int,
    height: int,
    paragraphs: Sequence[tuple[str, int, bool, RGBColor]],
    *,
    anchor: MSO_ANCHOR = MSO_ANCHOR.TOP,
    align: PP_ALIGN = PP_ALIGN.LEFT,
    space_after: int = 6,
) -> None:
    """A word-wrapped text box; each paragraph is (text, size, bold, colour)."""
    frame = slide.shapes.add_textbox(Emu(left), Emu(top), Emu(width), Emu(height)).text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    frame.margin_left = frame.margin_right = 0
    for i, (text, size, bold, colour) in enumerate(paragraphs):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.alignment, para.space_after = align, Pt(space_after)
        run = para.add_run()
        run.text = clean(text)
        set_font(run, size, bold=bold, colour=colour)


def set_title(slide: Slide, text: str, size: int, top: int = Inches(0.75), height: int = Inches(1.45)) -> None:
    """Fill the layout's title placeholder (so outline view and screen readers see it) and place it."""
    shape = slide.shapes.title
    assert shape is not None
    shape.left, shape.top, shape.width, shape.height = MARGIN, Emu(top), Emu(WIDTH - 2 * MARGIN), Emu(height)
    frame = shape.text_frame
    frame.word_wrap, frame.vertical_anchor = True, MSO_ANCHOR.TOP
    frame.margin_left = frame.margin_right = 0
    para = frame.paragraphs[0]
    para.alignment = PP_ALIGN.LEFT
    run = para.add_run()
    run.text = clean(text)
    set_font(run, size, bold=True)


def _hex(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#")[:6].upper())


def _fraction(day: str, first: dt.date, last: dt.date) -> float:
    span = (last - first).days or 1
    return min(max((dt.date.fromisoformat(day) - first).days / span, 0.0), 1.0)


def add_position_strip(slide: Slide, card: EventCard, start: str, first: dt.date, last: dt.date) -> None:
    """A thin line for the talk's whole period with the event marked on it in its type's colour."""
    left, right, y = MARGIN + Inches(0.9), WIDTH - MARGIN - Inches(0.9), STRIP_Y
    line = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Emu(left), y, Emu(right), y)
    line.line.color.rgb, line.line.width = RULE, Pt(2)
    for x, label, align in (
        (MARGIN, str(first.year), PP_ALIGN.RIGHT),
        (right + Inches(0.1), str(last.year), PP_ALIGN.LEFT),
    ):
        add_text(
            slide,
            x,
            y - Inches(0.17),
            Inches(0.8),
            Inches(0.34),
            [(label, 12, False, MUTED)],
            anchor=MSO_ANCHOR.MIDDLE,
            align=align,
            space_after=0,
        )
    x = left + int((right - left) * _fraction(start, first, last))
    dot = Inches(0.22)
    marker = slide.shapes.add_shape(MSO_SHAPE.OVAL, Emu(x - dot // 2), Emu(y - dot // 2), dot, dot)
    marker.fill.solid()
    marker.fill.fore_color.rgb = _hex(type_colour(card.event_type))
    marker.line.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    marker.name = "Event position"


def add_event_slide(
    prs: Deck, card: EventCard, number: int, total: int, start: str, first: dt.date, last: dt.date
) -> Slide:
    slide = prs.slides.add_slide(prs.slide_layouts[5])  # "Title Only"
    chip = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, MARGIN, Inches(0.43), Inches(0.22), Inches(0.22))
    chip.fill.solid()
    chip.fill.fore_color.rgb = _hex(type_colour(card.event_type))
    chip.line.fill.background()
    add_text(
        slide, MARGIN + Inches(0.34), Inches(0.35), Inches(9), Inches(0.4), [(card.type_label.upper(), 14, True, MUTED)]
    )
    add_text(
        slide,
        WIDTH - MARGIN - Inches(3),
        Inches(0.35),
        Inches(3),
        Inches(0.4),
        [(f"{number} / {total}", 14, False, MUTED)],
        align=PP_ALIGN.RIGHT,
    )
    set_title(slide, card.title, title_size(card.title))
    facts = [(card.date, 26, True, INK)]
    facts += [
        (text, size, False, MUTED if muted else INK)
        for text, size, muted in (
            (card.place, 20, False),
            (card.countries, 16, True),
            (", ".join(card.actors), 16, False),
        )
        if text
    ]
    add_text(slide, MARGIN, Inches(2.35), Inches(4.1), Inches(3.7), facts, space_after=10)
    description = shorten(card.description, MAX_SLIDE_DESCRIPTION)
    if description:
        add_text(
            slide,
            Inches(5.1),
            Inches(2.35),
            WIDTH - Inches(5.1) - MARGIN,
            Inches(3.75),
            [(p, body_size(description), False, INK) for p in description.split("\n") if p.strip()],
            space_after=8,
        )
    add_source(slide, card)
    add_position_strip(slide, card, start, first, last)
    notes = [card.description or card.title, "", f"Date: {card.date}"]
    notes += [f"Place: {card.place}"] if card.place else []
    notes += [f"Source: {card.source}"] if card.source else []
    slide.notes_slide.notes_text_frame.text = clean("\n".join(notes))
    return slide


SOURCE_TOP, SOURCE_HEIGHT = Inches(6.18), Inches(0.42)  # one line of 13 pt, clear of the position strip
STRIP_Y = Inches(6.95)
SOURCE_CHARS = 105  # what one 13 pt line holds beside 'Source: ' (URLs have no spaces to wrap at)


def source_text(source: str) -> str:
    """The source as the slide shows it: on one line, cut with '…' (the link keeps the whole address).

    >>> source_text('https://example.org/' + 'a' * 200)[-3:], len(source_text('https://example.org/' + 'a' * 200))
    ('aa…', 105)
    """
    return shorten(" ".join(source.split()), SOURCE_CHARS)


def add_source(slide: Slide, card: EventCard) -> None:
    """'Source: …' under the text, on one line above the position strip; a clickable link only for
    http(s) sources (the whole address, even when the text is cut), plain text otherwise."""
    frame = slide.shapes.add_textbox(MARGIN, SOURCE_TOP, Emu(WIDTH - 2 * MARGIN), SOURCE_HEIGHT).text_frame
    frame.word_wrap, frame.margin_left = True, 0
    para = frame.paragraphs[0]
    label = para.add_run()
    label.text = "Source: " if card.source else "Source: not given"
    set_font(label, 13, bold=True, colour=MUTED)
    if card.source:
        run = para.add_run()
        run.text = clean(source_text(card.source))
        set_font(run, 13, colour=LINK if card.source_url else MUTED)
        if card.source_url:
            run.hyperlink.address = card.source_url


def add_title_slide(prs: Deck, talk: Talk) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    rule = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, MARGIN, Inches(1.85), Inches(1.2), Inches(0.09))
    rule.fill.solid()
    rule.fill.fore_color.rgb = LINK
    rule.line.fill.background()
    set_title(slide, talk.title, 48, top=Inches(2.1), height=Inches(1.6))
    count = f"{talk.count} event{'s' if talk.count != 1 else ''}" + (f" · {talk.date_range}" if talk.date_range else "")
    add_text(
        slide,
        MARGIN,
        Inches(3.8),
        WIDTH - 2 * MARGIN,
        Inches(1.8),
        [(count, 28, False, INK), (talk.subtitle, 20, False, MUTED)],
        space_after=12,
    )
    add_text(slide, MARGIN, Inches(6.7), WIDTH - 2 * MARGIN, Inches(0.4), [("Diplomacy Timeline", 12, False, MUTED)])


def add_picture_slide(prs: Deck, picture: Picture) -> None:
    """A chart image, as large as fits below the title, keeping its proportions."""
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    set_title(slide, picture.title, 30, top=Inches(0.35), height=Inches(0.8))
    box_left, box_top = MARGIN, Inches(1.25)
    box_w, box_h = WIDTH - 2 * MARGIN, HEIGHT - box_top - Inches(0.3)
    pic = slide.shapes.add_picture(io.BytesIO(picture.png), box_left, box_top)
    ratio = min(box_w / pic.width, box_h / pic.height)
    pic.width, pic.height = Emu(int(pic.width * ratio)), Emu(int(pic.height * ratio))
    pic.left, pic.top = Emu(int(box_left + (box_w - pic.width) / 2)), box_top


def count_notes_partnames(prs: Deck) -> None:
    """Number a new deck's notes slides by counting.

    python-pptx finds the next free part name by walking every part of the package, so adding n
    notes slides costs O(n²) (seconds for a 200-event deck). A new deck has no notes slides yet, so
    they are simply 1, 2, 3, … This changes only this presentation's package object.
    """
    package = prs.part.package
    find_free = package.next_partname
    count = 0

    def next_partname(template: str) -> PackURI:
        nonlocal count
        if template != NOTES_PARTNAME:
            return find_free(template)
        count += 1
        return PackURI(template % count)

    package.next_partname = next_partname  # type: ignore[method-assign,assignment]  # this instance only


def build_deck(talk: Talk, events: pd.DataFrame, pictures: Sequence[Picture] = ()) -> bytes:
    """The .pptx bytes: title slide, one slide per picture, then one slide per event of ``events``.

    ``events`` are the talk's events in the talk's order (:func:`diplotime.present.talk.talk_events`).
    """
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    count_notes_partnames(prs)
    add_title_slide(prs, talk)
    for picture in pictures:
        add_picture_slide(prs, picture)
    if len(events):
        first = dt.date.fromisoformat(str(min(events["date_start"])))
        last = dt.date.fromisoformat(str(max(events["date_end"])))
        for i, row in enumerate(events.to_dict("records")):
            add_event_slide(prs, event_card(row), i + 1, len(events), str(row["date_start"]), first, last)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
