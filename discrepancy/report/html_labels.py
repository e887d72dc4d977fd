"""An incident's label for people: its own label, else what its lead sentence says."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from discrepancy.report import formatting
from discrepancy.report.html_model import CASUALTY_KINDS, fact_order

# Parts of a label that say nothing the date and place columns do not already say.
_EMPTY_LABEL_PARTS = ("mentioned in passing", "unknown place", "place unknown", "date unknown")
# An article id that is a hash rather than a name ("000_14dc6a3f3687621f").
OPAQUE_ID = re.compile(r"[0-9a-f]{12,}", re.IGNORECASE)
_LABEL_CHARS = 110


def display_label(
    raw: Mapping[str, Any], articles: Mapping[str, Mapping[str, Any]]
) -> tuple[str, str]:
    """A label that says what happened, and where it comes from (see IncidentView.label_from).

    The report's own label wins unless it only repeats the date and place the page shows
    beside it anyway ("2024-01-04 Baghdad", "mentioned in passing"). Then the earliest
    headline of the incident's own articles, then the sentence that states most casualty
    figures, quoted; place and date only when there is nothing else.
    """
    given = raw.get("label")
    if given and not _says_nothing(str(given), raw):
        return str(given), "given"
    main = [articles[str(a)] for a in raw.get("articles", []) if str(a) in articles]
    titled = sorted(
        (a for a in main if a.get("title") and str(a["title"]).strip()),
        key=lambda a: (a.get("published") is None, a.get("published") or "", str(a["id"])),
    )
    if titled:
        return formatting.truncate(str(titled[0]["title"]), _LABEL_CHARS), "title"
    sentence = _lead_sentence(raw, articles)
    if sentence:
        return f"“{formatting.truncate(sentence, _LABEL_CHARS)}”", "quote"
    if given:
        return str(given), "place"
    place = raw.get("location") or "Unknown place"
    return f"{place}, {formatting.format_date(raw.get('date'))}", "place"


def _says_nothing(label: str, raw: Mapping[str, Any]) -> bool:
    """Is the label only the incident's id, date or place, or a stock phrase?"""
    rest = label.casefold()
    date = raw.get("date")
    parts = [str(raw.get("id") or ""), str(date or ""), str(raw.get("location") or "")]
    parts += [formatting.format_date(date, ""), *_EMPTY_LABEL_PARTS]
    for part in sorted(parts, key=len, reverse=True):
        if part:
            rest = rest.replace(part.casefold(), " ")
    return not re.search(r"\w", rest)


def _lead_sentence(raw: Mapping[str, Any], articles: Mapping[str, Mapping[str, Any]]) -> str:
    """The sentence with the most casualty claims, from the earliest article that has one."""

    def published(article_id: str) -> tuple[bool, str]:
        article = articles.get(article_id) or {}
        return (article.get("published") is None, str(article.get("published") or ""))

    facts = sorted(raw.get("facts", []), key=fact_order)
    for kinds in (CASUALTY_KINDS, None):
        # The kinds of figure each sentence states: "four killed and six wounded" says more
        # than a sentence repeating one figure.
        found: dict[tuple[str, str], set[str]] = {}
        for fact in facts:
            kind = str(fact.get("kind"))
            if kinds is not None and kind not in kinds:
                continue
            for claim in fact.get("claims", []):
                sentence = " ".join(str(claim.get("sentence") or "").split())
                if sentence:
                    found.setdefault((str(claim.get("article")), sentence), set()).add(kind)
        if found:
            order = {key: n for n, key in enumerate(found)}
            best = min(found, key=lambda k: (-len(found[k]), published(k[0]), order[k]))
            return best[1]
    return ""
