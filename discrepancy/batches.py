"""A batch through the pipeline and the store: what is new, the report over all, saved at once."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, replace

from discrepancy.align.facts import fingerprint
from discrepancy.align.identity import successors
from discrepancy.models import Article, Report, Skipped, Status, content_key
from discrepancy.pipeline import Settings, run_articles
from discrepancy.store.alignments import StoredAlignments
from discrepancy.store.extractions import StoredExtractions
from discrepancy.store.pairs import StoredPairs
from discrepancy.store.rows import Renamed
from discrepancy.store.sqlite import Store


@dataclass(frozen=True)
class Batch:
    """What checking one batch against the store did."""

    run: int
    # The report over every stored article after this batch.
    report: Report
    # Ids in the store of the batch's articles.
    articles: tuple[str, ...]
    added: tuple[str, ...]
    replaced: tuple[str, ...]
    unchanged: tuple[str, ...]
    # (id in the batch, id of the article it copies) of headlines and texts the store or the
    # batch already had under another id: stored, listed with that article, not counted again.
    duplicates: tuple[tuple[str, str], ...]
    # Incidents the batch's articles belong to or mention.
    touched: frozenset[str]
    # Fingerprints that were not open in the store before this batch (nor under an id the
    # batch renamed).
    appeared: frozenset[str]


@dataclass(frozen=True)
class _Plan:
    """How a batch's articles meet the stored ones, by id and by text."""

    union: dict[str, Article]
    batch_ids: list[str]
    added: list[str]
    replaced: list[str]
    unchanged: list[str]
    duplicates: list[tuple[str, str]]


def check_batch(
    store: Store,
    articles: Sequence[Article],
    skipped: Sequence[Skipped] = (),
    settings: Settings | None = None,
    inputs: Sequence[str] = (),
    *,
    reuse_extractions: bool = True,
) -> Batch:
    """Add a batch, re-align every stored article with it and save the results atomically.

    The report is computed and every row of it staged before the write lock is taken, so a
    reviewer's decision waits only for the rows to be copied in (store/staging.py); if another
    run was saved meanwhile, the batch is computed again under the lock. Stored articles whose
    text and extractor version are unchanged are not extracted again (unless
    `reuse_extractions` is off): their stored extraction is used, and one whose extraction
    failed is skipped with the stored reason. Likewise an incident whose claims come from the
    same extractions as when it was last aligned takes its stored facts (store/alignments.py),
    and a pair of articles both as they were takes its stored evidence (store/pairs.py).
    """
    extractions = (
        StoredExtractions(store.extraction, failures=store.extraction_failure)
        if reuse_extractions
        else None
    )
    alignments = (
        StoredAlignments(store.alignment, digest=extractions.digest, extractor=extractions.version)
        if extractions is not None
        else None
    )
    pairs = (
        StoredPairs(store.pair_rows, extractions.digest_of, extractions.version)
        if extractions is not None
        else None
    )
    settings = replace(
        settings or Settings(), extractions=extractions, alignments=alignments, pairs=pairs
    )
    seen = store.latest_run()
    plan = _plan(store.articles(), articles)
    report = run_articles(list(plan.union.values()), skipped, settings)
    # The stored rows change only with a run, and a run saved meanwhile is seen below.
    _stage(store, plan, report, extractions, alignments)
    with store.transaction():
        if store.latest_run() != seen:
            plan = _plan(store.articles(), articles)
            report = run_articles(list(plan.union.values()), skipped, settings)
            _stage(store, plan, report, extractions, alignments)
        renamed = _renamed(report, store.stored_incidents())
        before = store.open_fingerprints()
        before |= {new for old, new in renamed.fingerprints.items() if old in before}
        run = store.save_run(
            inputs, [plan.union[i] for i in plan.added], [plan.union[i] for i in plan.replaced],
            len(plan.unchanged), skipped, report, renamed,
        )  # fmt: skip
    store.save_staged_extractions()
    if alignments is not None:
        store.save_alignments(alignments.rows(), alignments.used)
    if pairs is not None:
        store.save_pairs(pairs.rows(), pairs.present())
    touched = _touched(report, set(plan.batch_ids))
    return Batch(
        run, report, tuple(dict.fromkeys(plan.batch_ids)), tuple(plan.added),
        tuple(plan.replaced), tuple(plan.unchanged), tuple(plan.duplicates), touched,
        frozenset(d.fingerprint for d in report.discrepancies) - before,
    )  # fmt: skip


def _stage(
    store: Store,
    plan: _Plan,
    report: Report,
    extractions: StoredExtractions | None,
    alignments: StoredAlignments | None,
) -> None:
    store.stage_run(
        [plan.union[i] for i in plan.added], [plan.union[i] for i in plan.replaced], report,
        extractions.rows() if extractions is not None else (),
        extractions.failure_rows() if extractions is not None else (),
        alignments.keys if alignments is not None else None,
    )  # fmt: skip


def _plan(stored: Sequence[Article], articles: Sequence[Article]) -> _Plan:
    hashes = {a.id: content_key(a) for a in stored}
    by_hash = {h: i for i, h in hashes.items()}
    plan = _Plan({a.id: a for a in stored}, [], [], [], [], [])
    for article in articles:
        digest = content_key(article)
        if article.id in hashes and hashes[article.id] == digest:
            plan.unchanged.append(article.id)
        elif article.id in hashes:
            plan.replaced.append(article.id)
            plan.union[article.id] = article
        else:
            if digest in by_hash:
                # Kept as an article, as a run of all the articles lists it: with the one it
                # copies, not counted again.
                plan.duplicates.append((article.id, by_hash[digest]))
            plan.added.append(article.id)
            plan.union[article.id] = article
        hashes[article.id] = digest
        by_hash.setdefault(digest, article.id)
        plan.batch_ids.append(article.id)
    return plan


def _renamed(report: Report, rows: Sequence[sqlite3.Row]) -> Renamed:
    """Stored incidents this report names otherwise, and the fingerprints that moved with them.

    An incident's id comes from its earliest article, so an article published earlier that
    joins in a later batch renames it (as a store made before ids were content-derived has
    first-seen ids). Each discrepancy of a renamed incident found again with the same values
    keeps its decisions under its new fingerprint.
    """
    stored = [
        {"id": r["id"], "articles": json.loads(r["articles"]),
         "mentioned_in": json.loads(r["mentioned_in"]), "background_of": r["background_of"]}
        for r in rows
    ]  # fmt: skip
    now = {i.id: i for i in report.incidents}
    current = [
        {"id": i.id, "articles": i.articles, "mentioned_in": i.mentioned_in,
         "background_of": i.background_of}
        for i in report.incidents
    ]  # fmt: skip
    incidents = successors(stored, current)
    fingerprints = {
        fingerprint(old, fact): fingerprint(new, fact)
        for old, new in incidents.items()
        for fact in now[new].facts
        if fact.status in (Status.CONFLICT, Status.VARIANT)
    }  # fmt: skip
    return Renamed(incidents, fingerprints)


def _touched(report: Report, batch: set[str]) -> frozenset[str]:
    direct = {
        i.id for i in report.incidents if batch & {*i.articles, *i.mentioned_in}
    }  # fmt: skip
    children = {i.id for i in report.incidents if i.background_of in direct}
    return frozenset(direct | children)
