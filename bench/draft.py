"""Drafting quality on real news articles: recall, precision and date accuracy against hand labels.

    python bench/draft.py [--verbose]

``tests/articles/articles.json`` lists the articles (text in ``tests/articles/*.txt``, URL, publication
date) and the dated events a careful reader finds in each. A draft matches a labelled event when its date,
end date and type are all equal (each labelled event matches at most one draft). Recall = matched /
labelled; precision = matched / dated drafts; date accuracy = of the drafts whose type and evidence
sentence match a labelled event, the share whose dates are right. Drafts without a date (the text gives
none) are listed but not scored: they are proposed unaccepted. The baseline, measured in the same run,
is the naive reading that takes every explicit date with a year as an event (what a regular-expression
pass over the text finds without resolving anything against the publication date).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from diplotime import store  # noqa: E402
from diplotime.draft import actor_levels, draft_events, from_text  # noqa: E402
from diplotime.draft.when import find_times  # noqa: E402

ARTICLES = ROOT / "tests" / "articles"


def load() -> list[dict]:
    return json.loads((ARTICLES / "articles.json").read_text(encoding="utf-8"))["articles"]


def score(expected: list[tuple[str, str, str]], got: list[tuple[str, str, str]]) -> int:
    left = list(expected)
    hits = 0
    for item in got:
        if item in left:
            left.remove(item)
            hits += 1
    return hits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list every draft and labelled event")
    args = parser.parse_args()
    engine = store.open_store(f"sqlite:///{Path('/tmp') / 'diplotime-bench-draft.sqlite'}")
    events = store.read_events(engine)
    actors = sorted({a.strip() for s in events["actors"] for a in str(s).split(";") if a.strip()})
    levels = actor_levels(zip(events["actors"], events["event_type"], strict=True))
    engine.dispose()
    totals = {
        "labelled": 0,
        "dated": 0,
        "matched": 0,
        "undated": 0,
        "typed": 0,
        "typed_right": 0,
        "base_dated": 0,
        "base_matched": 0,
        "pub_found": 0,
        "pub_right": 0,
    }
    print(f"{'article':52} {'lang':4} {'lab':>3} {'drf':>3} {'hit':>3} {'undated':>7}")
    for art in load():
        text = (ARTICLES / art["file"]).read_text(encoding="utf-8")
        published = dt.date.fromisoformat(art["published"])
        read = from_text(text, "txt")
        if read.published is not None:
            totals["pub_found"] += 1
            totals["pub_right"] += read.published == published
        drafting = draft_events(text, published, actors=actors, levels=levels)
        dated = [d for d in drafting.drafts if d.date]
        expected = [(e["date"], e["end_date"], e["event_type"]) for e in art["events"]]
        got = [(d.date, d.end_date, d.event_type) for d in dated]
        hits = score(expected, got)
        # date accuracy: drafts whose type matches a label whose evidence words are in the draft's sentence(s)
        for d in dated:
            sentences = " ".join([d.evidence, *d.also])
            for e in art["events"]:
                words = [w for w in re.findall(r"\w{4,}", e["evidence"])][:3]
                if e["event_type"] == d.event_type and words and all(w in sentences for w in words):
                    totals["typed"] += 1
                    totals["typed_right"] += (d.date, d.end_date) == (e["date"], e["end_date"])
                    break
        base = [(t.date.iso(), t.end.iso() if t.end else "") for t in find_times(text, art["language"], None)]
        base_got = [(d, e, typ) for d, e in base for typ in ("",)]
        totals["base_dated"] += len(base_got)
        totals["base_matched"] += score([(d, e, "") for d, e, _ in expected], base_got)
        totals["labelled"] += len(expected)
        totals["dated"] += len(dated)
        totals["matched"] += hits
        totals["undated"] += len(drafting.drafts) - len(dated)
        print(
            f"{art['file'][:52]:52} {drafting.language:4} {len(expected):3} {len(dated):3} {hits:3} {len(drafting.drafts) - len(dated):7}"
        )
        if args.verbose:
            for d in drafting.drafts:
                mark = "+" if (d.date, d.end_date, d.event_type) in expected else "-"
                print(
                    f"   {mark} {d.date:10} {d.end_date:10} {d.event_type:17} {d.status:8} {d.when_text!r:22} {d.evidence[:70]!r}"
                )
            for e in expected:
                if e not in got:
                    print(f"   missed {e}")
    recall = totals["matched"] / totals["labelled"]
    precision = totals["matched"] / max(totals["dated"], 1)
    accuracy = totals["typed_right"] / max(totals["typed"], 1)
    base_recall = totals["base_matched"] / totals["labelled"]
    base_precision = totals["base_matched"] / max(totals["base_dated"], 1)
    print()
    print(
        f"articles {len(load())}, labelled events {totals['labelled']}, dated drafts {totals['dated']}, undated drafts {totals['undated']} (not scored)"
    )
    print(f"recall          {recall:.2f}   (goal >= 0.8)")
    print(f"precision       {precision:.2f}   (goal >= 0.7)")
    print(
        f"date accuracy   {accuracy:.2f}   (goal >= 0.9; {totals['typed_right']} of {totals['typed']} drafts of a labelled event)"
    )
    print(
        f"baseline (explicit dates with a year, no type): recall of dates {base_recall:.2f}, precision {base_precision:.2f};"
        f" ratio recall {recall / max(base_recall, 1e-9):.1f}x"
    )
    print(
        f"publication date read from the plain text: {totals['pub_found']} of {len(load())} articles, {totals['pub_right']} right"
    )


if __name__ == "__main__":
    main()
