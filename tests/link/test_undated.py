"""Two undated reports earn nothing from time: they link at a lower score than dated ones."""

from __future__ import annotations

import pytest

from discrepancy.extract import extract
from discrepancy.link import grouping
from discrepancy.link.grouping import group_articles
from discrepancy.link.profile import profile
from discrepancy.link.scope import scope_claims
from discrepancy.models import Article

# Two undated reports of one robbery: one names the owner and tells what happened, the other
# quotes her in other words. Undated, they earn nothing from time.
ROBBERY = (
    "Thieves disguised as cleaners took rings and watches from a jeweller's shop, said the "
    "owner, Ines Varela.",
    "Ines Varela told reporters that two men in overalls had emptied her display cases.",
    "A fire destroyed a bakery near the harbour overnight; nobody was hurt, firefighters said.",
)


def undated_groups(monkeypatch: pytest.MonkeyPatch, threshold: float) -> list[list[int]]:
    monkeypatch.setattr(grouping, "UNDATED_LINK_THRESHOLD", threshold)
    found = []
    for index, text in enumerate(ROBBERY):
        extraction = extract(Article(id=f"a{index}", text=text))
        found.append(profile(index, extraction, scope_claims(extraction)))
    return sorted(map(sorted, group_articles(found)))


def test_two_undated_reports_link_at_the_lower_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    assert undated_groups(monkeypatch, grouping.UNDATED_LINK_THRESHOLD) == [[0, 1], [2]]
    # At the dated threshold the pair (one person in common, few words) stays apart.
    assert undated_groups(monkeypatch, grouping.LINK_THRESHOLD) == [[0], [1], [2]]
