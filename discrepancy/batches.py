"""A batch through the pipeline and the store: what is new, the report over all, saved at once."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from discrepancy.align.facts import discrepancies as flatten
from discrepancy.models import Article, Report, Skipped
from discrepancy.pipeline import Settings, run_articles
from discrepancy.store.extractions import StoredExtractions
from discrepancy.store.rows import content_hash
from discrepancy.store.sqlite import Store


@dataclass(frozen=True)
class Batch:
    """What checking one batch against the store did."""

    run: int
    # The report over every stored article after this batch.
    report: Report
    # Ids in the store of the batch's articles (a copy of a stored text maps to the stored id).
    articles: tuple[str, ...]
    added: tuple[str, ...]
    replaced: tuple[str, ...]
    unchanged: tuple[str, ...]
    # (id in the batch, id in the store) of texts the store already had under another id.
    duplicates: tuple[tuple[str, str], ...]
    # Incidents the batch's articles belong to or mention.
    touched: frozenset[str]
    # Fingerprints that were not open in the store before this batch.
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
    failed is skipped with the stored reason.
    """
    extractions = (
        StoredExtractions(store.extraction, failures=store.extraction_failure)
        if reuse_extractions
        else None
    )
    settings = replace(settings or Settings(), extractions=extractions)
    seen = store.latest_run()
    plan = _plan(store.articles(), articles)
    report = run_articles(list(plan.union.values()), skipped, settings)
    # Stored incidents change only with a run, and a run saved meanwhile is seen below.
    report = _keep_incident_ids(report, store.stored_incidents())
    _stage(store, plan, report, extractions)
    with store.transaction():
        if store.latest_run() != seen:
            plan = _plan(store.articles(), articles)
            report = run_articles(list(plan.union.values()), skipped, settings)
            report = _keep_incident_ids(report, store.stored_incidents())
            _stage(store, plan, report, extractions)
        before = store.open_fingerprints()
        run = store.save_run(
            inputs, [plan.union[i] for i in plan.added], [plan.union[i] for i in plan.replaced],
            len(plan.unchanged), skipped, report,
        )  # fmt: skip
    store.save_staged_extractions()
    touched = _touched(report, set(plan.batch_ids))
    return Batch(
        run, report, tuple(dict.fromkeys(plan.batch_ids)), tuple(plan.added),
        tuple(plan.replaced), tuple(plan.unchanged), tuple(plan.duplicates), touched,
        frozenset(d.fingerprint for d in report.discrepancies) - before,
    )  # fmt: skip


def _stage(
    store: Store, plan: _Plan, report: Report, extractions: StoredExtractions | None
) -> None:
    store.stage_run(
        [plan.union[i] for i in plan.added], [plan.union[i] for i in plan.replaced], report,
        extractions.rows() if extractions is not None else (),
        extractions.failure_rows() if extractions is not None else (),
    )  # fmt: skip


def _plan(stored: Sequence[Article], articles: Sequence[Article]) -> _Plan:
    hashes = {a.id: content_hash(a.text) for a in stored}
    by_hash = {h: i for i, h in hashes.items()}
    plan = _Plan({a.id: a for a in stored}, [], [], [], [], [])
    for article in articles:
        digest = content_hash(article.text)
        if article.id in hashes and hashes[article.id] == digest:
            plan.unchanged.append(article.id)
        elif article.id in hashes:
            plan.replaced.append(article.id)
            plan.union[article.id] = article
        elif digest in by_hash:
            plan.duplicates.append((article.id, by_hash[digest]))
            plan.batch_ids.append(by_hash[digest])
            continue
        else:
            plan.added.append(article.id)
            plan.union[article.id] = article
        hashes[article.id] = digest
        by_hash.setdefault(digest, article.id)
        plan.batch_ids.append(article.id)
    return plan


def _keep_incident_ids(report: Report, rows: Sequence[sqlite3.Row]) -> Report:
    """Give incidents the id they already have in the store, so fingerprints stay put.

    An incident's id comes from its earliest article; an article published earlier that
    joins it in a later batch would otherwise rename it and every discrepancy in it.
    """
    stored = {r["id"]: r for r in rows}
    natural = {i.id for i in report.incidents}
    if not stored or natural <= stored.keys():
        return report
    home: dict[str, str] = {}
    for row in rows:
        if row["background_of"] is None:
            for article in json.loads(row["articles"]):
                home[article] = row["id"]
    taken = natural & stored.keys()
    mapping: dict[str, str] = {}

    def best(candidates: Counter[str]) -> str | None:
        free = [(-n, i) for i, n in candidates.items() if i not in natural | taken]
        return min(free)[1] if free else None

    for incident in report.incidents:
        if incident.background_of is not None or incident.id in stored:
            continue
        choice = best(Counter(home[a] for a in incident.articles if a in home))
        if choice is not None:
            mapping[incident.id] = choice
            taken.add(choice)
    for incident in report.incidents:
        parent = incident.background_of
        if parent is None or parent not in mapping:
            continue
        new_parent = mapping[parent]
        overlap: Counter[str] = Counter()
        for row in rows:
            if row["background_of"] == new_parent:
                mentioned = set(json.loads(row["mentioned_in"]))
                overlap[row["id"]] = len(mentioned & set(incident.mentioned_in))
        choice = best(Counter({k: v for k, v in overlap.items() if v}))
        if choice is None:
            digest = hashlib.sha256(f"{new_parent}|{incident.id}".encode()).hexdigest()
            choice = f"bg-{digest[:10]}"
        mapping[incident.id] = choice
        taken.add(choice)
    if not mapping:
        return report
    incidents = tuple(
        replace(
            i,
            id=mapping.get(i.id, i.id),
            background_of=mapping.get(i.background_of, i.background_of)
            if i.background_of
            else None,
        )
        for i in report.incidents
    )
    found = tuple(d for i in incidents for d in flatten(i.id, i.facts))
    return replace(report, incidents=incidents, discrepancies=found)


def _touched(report: Report, batch: set[str]) -> frozenset[str]:
    direct = {
        i.id for i in report.incidents if batch & {*i.articles, *i.mentioned_in}
    }  # fmt: skip
    children = {i.id for i in report.incidents if i.background_of in direct}
    return frozenset(direct | children)
