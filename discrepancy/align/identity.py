"""A discrepancy across runs: the incident an earlier run's incident became, and whether a
discrepancy is an earlier one with a value added."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any


def successors(
    before: Iterable[Mapping[str, Any]], after: Sequence[Mapping[str, Any]]
) -> dict[str, str]:
    """Incidents of an earlier run whose id the later run does not have, each to the incident
    it became: the one holding most of its articles (ties to the least id).

    Incidents are report dicts (id, articles, mentioned_in, background_of). An incident's id
    comes from its earliest article, so an article published earlier that joins it renames
    it. A background incident becomes the background incident, under its parent's successor,
    that most of the articles mentioning it mention.
    """
    ids = {str(i["id"]) for i in after}
    home: dict[str, str] = {}
    mentions: dict[tuple[str, str], list[str]] = {}
    for incident in after:
        parent = incident.get("background_of")
        if parent is None:
            home.update((str(a), str(incident["id"])) for a in incident.get("articles", ()))
        else:
            for article in incident.get("mentioned_in", ()):
                mentions.setdefault((str(parent), str(article)), []).append(str(incident["id"]))
    gone = [i for i in before if str(i["id"]) not in ids]
    found: dict[str, str] = {}
    # Main incidents first: a background incident follows its parent.
    for incident in sorted(gone, key=lambda i: i.get("background_of") is not None):
        parent = incident.get("background_of")
        votes: Counter[str] = Counter()
        if parent is None:
            votes.update(home[a] for a in map(str, incident.get("articles", ())) if a in home)
        else:
            parent = found.get(str(parent), str(parent))
            for article in map(str, incident.get("mentioned_in", ())):
                votes.update(mentions.get((parent, article), ()))
        if votes:
            found[str(incident["id"])] = min(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    return found


def extends(values: Iterable[str], reviewed: Iterable[str]) -> bool:
    """Does a discrepancy give every value reviewed and more (a new source added one)?"""
    before = folded(reviewed)
    return bool(before) and before < folded(values)


def folded(values: Iterable[str]) -> frozenset[str]:
    """Values as compared across runs: trimmed, case folded, a set."""
    return frozenset(str(v).strip().casefold() for v in values)
