"""The one path from inputs to a report, used by the CLI, the server and the tests."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

from discrepancy.align.facts import discrepancies, settle_derived_wounded
from discrepancy.engine import (
    IN_PROCESS,
    AlignmentCache,
    Engine,
    ExtractionCache,
    align_blocks,
    extract_and_scope,
    open_engine,
)
from discrepancy.link.disjoint import DisjointSets
from discrepancy.link.grouping import PairCache, group_articles
from discrepancy.link.scope import MAIN
from discrepancy.models import (
    ROUNDUP_KEY,
    Article,
    Claim,
    Fact,
    Incident,
    Kind,
    Report,
    Skipped,
    content_key,
    text_digest,
)

ProgressCallback = Callable[[int], None]
# Told the name of each step after extraction ("grouping", "aligning"), for the terminal.
PhaseCallback = Callable[[str], None]
_UNKEYED_SCOPE = "bg|?|?"


@dataclass(frozen=True)
class Settings:
    """Options of one run."""

    progress: ProgressCallback | None = None
    # Processes for extraction; 1 runs it in this process.
    jobs: int = 1
    # "local" (this machine) or "dask" (extraction and alignment on a Dask cluster); with "dask"
    # and no scheduler a LocalCluster is started.
    engine: str = "local"
    # Address of a running Dask scheduler, e.g. "tcp://host:8786".
    scheduler: str | None = None
    # Told of every article left out because its extraction failed (the CLI warns).
    on_skip: Callable[[Skipped], None] | None = None
    phase: PhaseCallback | None = None
    # Extractions made before (a store's): articles it has are not extracted again.
    extractions: ExtractionCache | None = None
    # Keep each article's text in the report (SARIF quotes it); without it the text is let go
    # once the article is extracted, the largest thing a run would otherwise hold to the end.
    keep_text: bool = True
    # Incidents aligned before (a store's): one whose claims are the same is not aligned again.
    alignments: AlignmentCache | None = None
    # Pairs of articles scored before (a store's): their evidence is not scored again.
    pairs: PairCache | None = None


def run(inputs: Sequence[str], settings: Settings | None = None) -> Report:
    """Read the inputs and check them, extracting each article as it is read."""
    from discrepancy.read.files import iter_inputs

    return run_items(iter_inputs(inputs), settings)


def run_articles(
    articles: Iterable[Article], skipped: Iterable[Skipped] = (), settings: Settings | None = None
) -> Report:
    """Check articles already read: extract, scope, group, align."""
    return run_items(itertools.chain(articles, skipped), settings)


def run_items(items: Iterable[Article | Skipped], settings: Settings | None = None) -> Report:
    """Check the articles and skipped inputs `ingest.iter_inputs` yields, as they come."""
    settings = settings or Settings()
    articles: list[Article] = []
    skipped: list[Skipped] = []
    first_of: dict[str, str] = {}
    copies: dict[str, Article] = {}
    copy_of: dict[str, str] = {}
    # The digest of each article's text (it names the article in ids, see `_digest`), taken
    # as it is read when the text is let go, else when the report is built.
    digests: list[str | None] = []

    def read() -> Iterator[Article]:
        for item in items:
            if isinstance(item, Article):
                # A text that is no string is a caller's bug its extraction reports.
                light = not settings.keep_text and isinstance(item.text, str)
                # A copy of an earlier article (one story crawled twice) is no second source:
                # it is listed with the article it copies, not extracted or counted again.
                first = first_of.setdefault(content_key(item), item.id)
                if first != item.id:
                    copies[item.id] = replace(item, text="") if light else item
                    copy_of[item.id] = first
                    continue
                digests.append(_digest(item) if light else None)
                # Extraction takes the article as read; the report keeps the rest of it.
                articles.append(replace(item, text="") if light else item)
                yield item
            else:
                skipped.append(item)

    with open_engine(settings) as engine:
        failures: dict[int, str] = {}
        profiles, scoped = extract_and_scope(
            read(), engine, settings.progress, settings.extractions, failures
        )
        if failures:
            digests = [d for i, d in enumerate(digests) if i not in failures]
            articles, failed = _set_apart(articles, failures)
            skipped.extend(failed)
            for item in failed:
                if settings.on_skip is not None:
                    settings.on_skip(item)
        if settings.phase is not None:
            settings.phase("grouping")
        groups = group_articles(profiles, settings.pairs)
        # Word counts for grouping are the largest per-article data, not needed from here on.
        del profiles
        # Shipping claims to a process pool and facts back costs more than aligning them here
        # (benchmarks/README.md); a Dask cluster may span machines, so it aligns there.
        aligner = engine if settings.engine == "dask" else IN_PROCESS
        if settings.phase is not None:
            settings.phase("aligning")
        named = {a.id: d or _digest(a) for a, d in zip(articles, digests, strict=True)}
        report = _build_report(
            articles, tuple(skipped), groups, scoped, named, aligner, settings.alignments
        )
        return _with_copies(report, list(copies.values()), copy_of)


def _with_copies(report: Report, copies: list[Article], copy_of: dict[str, str]) -> Report:
    """The report with each copy listed after the article it copies, in its incident."""
    if not copies:
        return report
    # A copy of an article that failed extraction has no incident to join: it fails alike.
    kept = {a.id for a in report.articles}
    failed = tuple(
        Skipped(c.path or c.id, c.line, f"same headline and text as article {copy_of[c.id]}, "
                "which was skipped")
        for c in copies
        if copy_of[c.id] not in kept
    )  # fmt: skip
    copies = [c for c in copies if copy_of[c.id] in kept]
    by_original: dict[str, list[str]] = defaultdict(list)
    for copy in copies:
        by_original[copy_of[copy.id]].append(copy.id)

    def listed(ids: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(i for a in ids for i in (a, *by_original.get(a, ())))

    incidents = tuple(replace(i, articles=listed(i.articles)) for i in report.incidents)
    return replace(
        report,
        articles=(*report.articles, *copies),
        incidents=incidents,
        skipped=(*report.skipped, *failed),
        copies={c.id: copy_of[c.id] for c in copies},
    )


def _set_apart(
    articles: list[Article], failures: dict[int, str]
) -> tuple[list[Article], list[Skipped]]:
    """The articles whose extraction worked, and a Skipped for each of the others."""
    kept = [a for i, a in enumerate(articles) if i not in failures]
    failed = [
        Skipped(articles[i].path or articles[i].id, articles[i].line, reason)
        for i, reason in sorted(failures.items())
    ]
    return kept, failed


def _incident_id(prefix: str, anchor: str) -> str:
    return f"{prefix}-{hashlib.sha256(anchor.encode()).hexdigest()[:10]}"


def _digest(article: Article) -> str:
    """What names an article in ids: its text, so that copies under other ids (which a store
    keeps once, under the id it saw first) name alike."""
    return text_digest(article.text)


def _anchor(articles: Sequence[Article], digests: Mapping[str, str]) -> str:
    """What names an incident: its earliest-published article (ties and undated ones by
    text). A rule on the articles themselves, so one run of them all and batches in any
    order agree; an article published later joining in another batch does not change it."""
    return min((a.published or dt.date.max, digests[a.id]) for a in articles)[1]


def _background_key(claims: Sequence[Claim], digests: Mapping[str, str]) -> str:
    """What names a background incident under its parent: the least of its scope keys (not
    the first claim's, which depends on the order articles came in); a mention without a time
    or a place is its article's own."""
    scope = min(c.scope for c in claims)
    return scope if _keyed(scope) else f"{scope}|{digests[claims[0].article]}"


def _background_groups(claims: Sequence[Claim]) -> list[list[Claim]]:
    """Background claims of one incident's articles, grouped by the event they describe."""
    keys = sorted({c.scope for c in claims})
    sets = DisjointSets(keys)
    find = sets.find

    def compatible(a: str, b: str) -> bool:
        if _UNKEYED_SCOPE in (a, b):
            return False
        when_a, where_a = _when_where(a)
        when_b, where_b = _when_where(b)
        same_where = where_a == where_b and where_a != "?"
        same_when = when_a == when_b and when_a != "?"
        loose_when = "?" in (when_a, when_b) or _same_month(when_a, when_b)
        return (same_where and loose_when) or (same_when and "?" in (where_a, where_b))

    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            if compatible(a, b):
                sets.union(a, b)
    groups: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        # Without a time or a place there is no telling two articles' mentions apart.
        key = find(claim.scope) if _keyed(claim.scope) else f"{claim.scope}|{claim.article}"
        groups[key].append(claim)
    return [groups[k] for k in sorted(groups)]


def _when_where(scope: str) -> tuple[str, str]:
    """The time and place a background scope key names ("?" for none). A round-up's
    shootings are numbered within their article: that number is no time to match on."""
    _, when, where = scope.split("|", 2)
    return ("?" if when.startswith(ROUNDUP_KEY) else when), where


def _keyed(scope: str) -> bool:
    """Does the scope say when or where, so that two articles' mentions can be matched?"""
    when, where = _when_where(scope)
    return where != "?" or when != "?"


def _same_month(a: str, b: str) -> bool:
    def month(value: str) -> str | None:
        if value.startswith("month-"):
            return value[6:]
        if len(value) == 10 and value[4] == "-":
            return value[5:7]
        return None

    return month(a) is not None and month(a) == month(b)


def _most_common(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _label(day: dt.date | None, place: str | None, fallback: str) -> str:
    parts = [day.isoformat() if day else None, place]
    return " ".join(p for p in parts if p) or fallback


def _build_report(
    articles: Sequence[Article],
    skipped: tuple[Skipped, ...],
    groups: Sequence[Sequence[int]],
    scoped: Sequence[Sequence[Claim]],
    digests: Mapping[str, str],
    engine: Engine = IN_PROCESS,
    alignments: AlignmentCache | None = None,
) -> Report:
    order = {a.id: i for i, a in enumerate(articles)}
    published = {a.id: a.published for a in articles}
    claims_by_incident: dict[str, list[Claim]] = {}
    # Where each incident's claims come from, in the order they are listed: a member's main
    # claims, or the places in its article of background claims routed to the incident.
    sources: dict[str, list[tuple[str, tuple[int, ...] | None]]] = {}
    # Where a background claim sits among its article's claims (by identity: copies of one
    # text under two ids give equal claims).
    positions: dict[int, int] = {}
    meta: dict[str, tuple[tuple[str, ...], tuple[str, ...], str | None]] = {}
    backgrounds: list[tuple[str, list[Claim]]] = []
    anchors = [_anchor([articles[i] for i in group], digests) for group in groups]
    shared = {a for a, n in Counter(anchors).items() if n > 1}
    for group, anchor in zip(groups, anchors, strict=True):
        members = [articles[i] for i in group]
        # Copies of one text in two incidents: each is named by its least article id too.
        if anchor in shared:
            anchor += "|" + min(a.id for a in members)
        incident = _incident_id("inc", anchor)
        claims = [c for i in group for c in scoped[i]]
        claims_by_incident[incident] = settle_derived_wounded(
            [c for c in claims if c.scope == MAIN]
        )
        sources[incident] = [(a.id, None) for a in members]
        meta[incident] = (tuple(a.id for a in members), (), None)
        background = [c for c in claims if c.scope != MAIN]
        positions.update(
            (id(c), n) for i in group for n, c in enumerate(scoped[i]) if c.scope != MAIN
        )
        backgrounds.extend((incident, bg) for bg in _background_groups(background))
    days = {i: _incident_day(claims_by_incident[i]) for i in claims_by_incident}
    # Incidents by day, for each background mention to look its day up (not scan them all).
    by_day: dict[dt.date | None, list[str]] = defaultdict(list)
    for incident_id, day in days.items():
        by_day[day].append(incident_id)
    places = {
        i: _most_common(c.normalized for c in claims_by_incident[i] if c.kind == Kind.LOCATION)
        for i in claims_by_incident
    }
    for incident, bg_claims in backgrounds:
        if not any(
            c.kind in (Kind.KILLED, Kind.WOUNDED, Kind.SHOT, Kind.PERSON) for c in bg_claims
        ):
            continue  # organisations named in passing are not an incident
        mentioned = tuple(sorted({c.article for c in bg_claims}, key=order.__getitem__))
        match = _batch_incident(bg_claims, incident, by_day, places)
        if match is not None:
            # Another incident of the batch: its figures align with that incident's own.
            claims_by_incident[match] = [*claims_by_incident[match], *bg_claims]
            sources[match] += _background_sources(bg_claims, positions)
            members_of, seen, parent = meta[match]
            meta[match] = (members_of, tuple(dict.fromkeys((*seen, *mentioned))), parent)
            continue
        bg_id = _incident_id("bg", incident + "|" + _background_key(bg_claims, digests))
        # Copies of one text under two ids mention the same thing: one background incident.
        earlier = meta.get(bg_id, ((), (), incident))[1]
        claims_by_incident[bg_id] = [*claims_by_incident.get(bg_id, ()), *bg_claims]
        sources[bg_id] = [*sources.get(bg_id, ()), *_background_sources(bg_claims, positions)]
        meta[bg_id] = ((), tuple(sorted({*earlier, *mentioned}, key=order.__getitem__)), incident)
    if alignments is None:
        facts = align_blocks(claims_by_incident, published, order, engine)
    else:
        by_id = {a.id: a for a in articles}
        keys = {i: _alignment_key(sources[i], by_id, order, alignments) for i in claims_by_incident}
        facts = _align_reusing(claims_by_incident, keys, published, order, engine, alignments)
    incidents = []
    for incident_id, incident_facts in facts.items():
        member_ids, mentioned, parent = meta[incident_id]
        claims = claims_by_incident[incident_id]
        day = _incident_day(claims)
        place = _most_common(c.normalized for c in claims if c.kind == Kind.LOCATION)
        if parent is not None and place is None:
            place = _background_place(claims)
        fallback = f"{len(member_ids)} articles" if member_ids else "mentioned in passing"
        incidents.append(
            Incident(incident_id, _label(day, place, fallback), day, place, member_ids,
                     tuple(incident_facts), mentioned, parent)
        )  # fmt: skip
    incidents.sort(key=_incident_order(order))
    found = [d for inc in incidents for d in discrepancies(inc.id, inc.facts)]
    return Report(tuple(articles), tuple(incidents), skipped, tuple(found))


def _background_sources(
    claims: Sequence[Claim], positions: Mapping[int, int]
) -> list[tuple[str, tuple[int, ...] | None]]:
    """Background claims as (article, their places among its claims), article by article."""
    found: dict[str, list[int]] = defaultdict(list)
    for claim in claims:
        found[claim.article].append(positions[id(claim)])
    return [(article, tuple(at)) for article, at in found.items()]


def _alignment_key(
    sources: Sequence[tuple[str, tuple[int, ...] | None]],
    articles: Mapping[str, Article],
    order: Mapping[str, int],
    alignments: AlignmentCache,
) -> str:
    """What an incident's facts depend on: which claims of which extractions, in what order
    they are listed, the articles' order among themselves (alignment sorts by it) and their
    publication days (timelines read them)."""
    ids = list(dict.fromkeys(a for a, _ in sources))
    rank = {a: n for n, a in enumerate(sorted(ids, key=order.__getitem__))}
    parts = [
        [a, alignments.source(articles[a]), str(articles[a].published), rank[a], at]
        for a, at in sources
    ]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def _align_reusing(
    claims_by_incident: Mapping[str, Sequence[Claim]],
    keys: Mapping[str, str],
    published: Mapping[str, dt.date | None],
    order: Mapping[str, int],
    engine: Engine,
    alignments: AlignmentCache,
) -> dict[str, list[Fact]]:
    """Facts of every incident: the stored ones where the key matches, the others aligned
    (incidents are aligned independently, so this is what aligning them all gives)."""
    found: dict[str, list[Fact] | None] = {
        i: alignments.get(i, keys[i], claims) for i, claims in claims_by_incident.items()
    }
    missing = {i: claims_by_incident[i] for i, facts in found.items() if facts is None}
    aligned = align_blocks(missing, published, order, engine)
    for incident, facts in aligned.items():
        alignments.put(incident, keys[incident], claims_by_incident[incident], facts)
    return {i: facts if facts is not None else aligned[i] for i, facts in found.items()}


def _batch_incident(
    claims: Sequence[Claim],
    parent: str,
    by_day: Mapping[dt.date | None, list[str]],
    places: dict[str, str | None],
) -> str | None:
    """The incident of the batch a background mention is about: the one other incident whose
    day is the day the mention names (no other incident of the batch has it) and whose place
    the mention names."""
    when, where = _when_where(claims[0].scope)
    if len(when) != 10 or not when[0].isdigit():
        return None  # only a full date tells one day from another
    day = dt.date.fromisoformat(when)
    same_day = by_day.get(day, [])
    if len(same_day) != 1 or same_day[0] == parent:
        return None
    place = places[same_day[0]]
    if place is None:
        return None
    named = re.compile(rf"\b{re.escape(place)}\b", re.IGNORECASE)
    if where.lower() != place.lower() and not any(named.search(c.sentence) for c in claims):
        return None
    return same_day[0]


def _incident_day(claims: Sequence[Claim]) -> dt.date | None:
    days = [c.normalized for c in claims if c.kind == Kind.DATE and c.normalized]
    day = _most_common(d for d in days if d[0].isdigit())
    return dt.date.fromisoformat(day) if day else None


def _background_place(claims: Sequence[Claim]) -> str | None:
    where = _most_common(c.scope.split("|", 2)[2] for c in claims)
    return None if where in (None, "?") else where


def _incident_order(order: dict[str, int]) -> Callable[[Incident], tuple[int, int, str]]:
    def key(incident: Incident) -> tuple[int, int, str]:
        articles = incident.articles or incident.mentioned_in
        first = min((order[a] for a in articles), default=0)
        return (first, 0 if incident.articles else 1, incident.id)

    return key
