"""The store keeps each incident's aligned facts: a batch aligns only the incidents it changes."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from discrepancy.align import facts as align_facts
from discrepancy.batches import check_batch
from discrepancy.link import grouping, wording
from discrepancy.models import Claim, Incident, Kind, Report
from discrepancy.pipeline import run_articles
from discrepancy.store import alignments
from discrepancy.store.alignments import decode_facts, encode_facts
from discrepancy.store.sqlite import open_store
from tests.store.test_extractions import four_batches, read, without_tool


@pytest.fixture
def aligned(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Ids of the incidents a run aligns (rather than takes from the store)."""
    seen: list[str] = []
    real = align_facts.align_incidents

    def recording(claims_by_incident: Mapping[str, Sequence[Claim]], *args: Any) -> Any:
        seen.extend(claims_by_incident)
        return real(claims_by_incident, *args)

    monkeypatch.setattr(align_facts, "align_incidents", recording)
    return seen


def _untouched(before: Report, after: Report, batch_ids: set[str]) -> set[str]:
    """Incidents of `after` that `before` had alike (same articles and mentions) and that no
    article of the batch is in."""
    earlier = {i.id: i for i in before.incidents}

    def same(incident: Incident) -> bool:
        old = earlier.get(incident.id)
        return (
            old is not None
            and (old.articles, old.mentioned_in) == (incident.articles, incident.mentioned_in)
            and not batch_ids & {*incident.articles, *incident.mentioned_in}
        )

    return {i.id for i in after.incidents if same(i)}


def test_four_batches_align_only_changed_incidents_and_equal_a_plain_run(
    tmp_path: Path, aligned: list[str]
) -> None:
    batches = four_batches()
    previous: Report | None = None
    reused_total = 0
    with open_store(tmp_path / "news.sqlite") as store:
        for number, batch in enumerate(batches, 1):
            aligned.clear()
            result = check_batch(store, batch)
            realigned = set(aligned)
            stored = store.articles()
            # The store's report is what one plain run over all its articles gives.
            assert without_tool(result.report) == without_tool(run_articles(stored)), number
            if previous is not None:
                untouched = _untouched(previous, result.report, {a.id for a in batch})
                assert not untouched & realigned, number
                reused_total += len(untouched)
            previous = result.report
        rows = sqlite3.connect(tmp_path / "news.sqlite").execute("SELECT count(*) FROM alignments")
        # One row per incident of the latest run: the ones it did not use are dropped.
        assert rows.fetchone()[0] == len(result.report.incidents)
    assert reused_total > 0


def test_a_new_aligner_version_aligns_everything_again(
    tmp_path: Path, aligned: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second, *_ = four_batches()
    with open_store(tmp_path / "news.sqlite") as store:
        check_batch(store, first)
        monkeypatch.setattr(alignments, "aligner_version", lambda: "test-next")
        aligned.clear()
        result = check_batch(store, second)
        assert sorted(aligned) == sorted(i.id for i in result.report.incidents)
        aligned.clear()
        again = check_batch(store, second)
    assert aligned == []
    assert without_tool(again.report) == without_tool(result.report)


def test_a_new_extractor_version_aligns_everything_again(
    tmp_path: Path, aligned: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from discrepancy.store import extractions

    first, second, *_ = four_batches()
    with open_store(tmp_path / "news.sqlite") as store:
        check_batch(store, first)
        monkeypatch.setattr(extractions, "extractor_version", lambda: "test-next")
        aligned.clear()
        result = check_batch(store, second)
        stored = store.articles()
    assert sorted(aligned) == sorted(i.id for i in result.report.incidents)
    assert without_tool(result.report) == without_tool(run_articles(stored))


def test_facts_come_back_equal_from_their_claims() -> None:
    report = run_articles(read("articles", "ci/part1", "ci/part2"))
    renamed = 0
    for incident in report.incidents:
        claims = [c for fact in incident.facts for c in fact.claims]
        # Alignment gives a name the role most of its claims give: such a claim is a copy.
        originals = [c if c.kind != Kind.PERSON else _without_subject(c) for c in claims]
        renamed += sum(a != b for a, b in zip(claims, originals, strict=True))
        facts = [*incident.facts]
        remade = [_rebuilt(f, claims, originals) for f in facts]
        encoded = encode_facts(remade, originals)
        assert encoded is not None
        assert decode_facts(encoded, originals) == facts
    assert renamed > 0


def _without_subject(claim: Claim) -> Claim:
    from dataclasses import replace

    return replace(claim, subject=None) if claim.subject else claim


def _rebuilt(fact: Any, claims: list[Claim], originals: list[Claim]) -> Any:
    """The fact made of `originals` where a claim is unchanged, as alignment makes it."""
    from dataclasses import replace

    index = {id(c): n for n, c in enumerate(claims)}
    members = tuple(
        originals[index[id(c)]] if originals[index[id(c)]] == c else c for c in fact.claims
    )
    return replace(fact, claims=members)


def test_facts_with_a_claim_from_elsewhere_are_not_kept() -> None:
    report = run_articles(read("articles"))
    facts = report.incidents[0].facts
    claims = [c for fact in facts for c in fact.claims]
    assert encode_facts(facts, claims[1:]) is None


def test_pairs_left_unworded_could_not_reach_the_threshold_with_any_wording() -> None:
    """Grouping compares a pair's words only when its other evidence plus the most wording
    counts for reaches the threshold: every pair left out scores under it in full."""
    from tests.link.test_incidents import cleaned, profiles

    found = cleaned(profiles(*read("articles", "ci/part1", "ci/part2", "ci/later")))
    vectors = wording.weights(found, wording.document_frequencies(found))
    pairs = grouping._candidate_pairs(found, vectors)
    most = grouping.TEXT_WEIGHT * grouping._MOST_SIMILARITY
    left = 0
    for a, b in pairs:
        full = grouping.pair_score(found[a], found[b], vectors[a], vectors[b])
        evidence = grouping._evidence(found[a], found[b])
        if evidence + most < grouping.LINK_THRESHOLD:
            left += 1
            assert full < grouping.LINK_THRESHOLD
        assert evidence <= full <= evidence + most
    assert 0 < left < len(pairs)


def _results(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """The result tables of a store, the incidents without their alignment keys."""
    db = sqlite3.connect(path)
    columns = "id, position, label, date, location, articles, mentioned_in, background_of"
    return {
        "incidents": db.execute(f"SELECT {columns} FROM incidents ORDER BY id").fetchall(),
        "facts": db.execute("SELECT * FROM facts ORDER BY incident, position").fetchall(),
        "claims": db.execute("SELECT * FROM claims ORDER BY incident, fact, position").fetchall(),
    }


def test_kept_incidents_leave_the_stored_rows_as_writing_them_all_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from discrepancy.store import staging

    kept: list[int] = []
    real = staging.compare

    def counting(db: sqlite3.Connection) -> None:
        kept.append(db.execute("SELECT count(*) FROM temp.kept_incidents").fetchone()[0])
        real(db)

    monkeypatch.setattr(staging, "compare", counting)
    with (
        open_store(tmp_path / "kept.sqlite") as reusing,
        open_store(tmp_path / "all.sqlite") as writing,
    ):
        for number, batch in enumerate(four_batches(), 1):
            check_batch(reusing, batch)
            check_batch(writing, batch, reuse_extractions=False)
            assert _results(tmp_path / "kept.sqlite") == _results(tmp_path / "all.sqlite"), number
            assert without_tool(reusing.load_report()) == without_tool(writing.load_report())
    assert sum(kept) > 0


def test_a_name_parts_facts_come_back_with_their_parts() -> None:
    from tests.align.test_align import align, name

    claims = [
        name("a", Kind.PERSON, "Yusuf Qandil", "spokesman"),
        name("b", Kind.PERSON, "Youssef Qandil", "spokesman"),
        name("c", Kind.PERSON, "Yusuf Kandil", "spokesman"),
    ]
    facts = align(claims)
    assert {f.part for f in facts} == {"given name", "family name"}
    encoded = encode_facts(facts, [c for f in facts for c in f.claims])
    assert encoded is not None
    assert decode_facts(encoded, [c for f in facts for c in f.claims]) == facts
