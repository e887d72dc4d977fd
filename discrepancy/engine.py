"""Run per-article extraction and per-incident alignment in this process, a pool or on Dask."""

from __future__ import annotations

import importlib
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from discrepancy.errors import UsageError
from discrepancy.extract import extract
from discrepancy.link.profile import Profile, profile
from discrepancy.link.scope import scope_claims

if TYPE_CHECKING:
    import datetime as dt
    from concurrent.futures import Executor, Future

    from discrepancy.models import Article, Claim, Fact

ENGINES = ("local", "dask")
# A Dask LocalCluster started for one run gets this many single-threaded worker processes
# unless --jobs asks for more: two is what the machines here have.
DASK_LOCAL_WORKERS = 2
# An article takes 5-50 ms to extract; 200 of them keep a task well above the ~1 ms that a
# task costs in a process pool or on a Dask scheduler, and the progress bar moving.
_MAX_CHUNK = 200
# Chunks grow 1, 2, 4, ... up to _MAX_CHUNK: the first results come back at once (the
# progress bar moves, a small batch is spread over every worker) without knowing the
# batch's size, which a stream does not tell.
_FIRST_CHUNK = 1
# Chunks in flight per worker: bounds the articles copied to workers and the results held
# out of order, so memory does not grow with the batch beyond the results themselves.
_IN_FLIGHT_PER_WORKER = 4

# How much of an error's message a skipped article's reason quotes.
_MAX_REASON_CHARS = 200

T = TypeVar("T")
Extracted = tuple[Profile, list["Claim"]]


@dataclass(frozen=True)
class Failed:
    """An article whose extraction raised: the stage and error, kept out of the batch."""

    reason: str


class _StageError(Exception):
    """An error raised by one stage of one article's extraction, with the stage's name."""

    def __init__(self, stage: str, error: BaseException) -> None:
        super().__init__(f"{stage}: {_describe(error)}")


class ExtractionCache(Protocol):
    """Extractions made before (by a store): an article's is taken instead of extracting it."""

    def get(self, index: int, article: Article) -> Extracted | None:
        """The article's extraction, its profile numbered `index`; None to extract it."""

    def put(self, article: Article, extracted: Extracted) -> None:
        """Keep an extraction this run made."""

    def failure(self, article: Article) -> str | None:
        """Why the article failed before under these extractors, if it did: it is not retried."""

    def put_failure(self, article: Article, reason: str) -> None:
        """Keep the reason an article's extraction failed in this run."""


class AlignmentCache(Protocol):
    """Incidents aligned before (by a store): one whose claims come from the same extractions
    of the same articles, in the same order and with the same dates, is not aligned again."""

    def source(self, article: Article) -> str:
        """What the article's claims were made from: its content and the extractors' version."""

    def get(self, incident: str, key: str, claims: Sequence[Claim]) -> list[Fact] | None:
        """The incident's facts stored under `key`, made of these claims; None to align them."""

    def put(self, incident: str, key: str, claims: Sequence[Claim], facts: Sequence[Fact]) -> None:
        """Keep the facts this run aligned for the incident from these claims under `key`."""


class RunOptions(Protocol):
    """The parts of `pipeline.Settings` this module reads."""

    @property
    def jobs(self) -> int: ...
    @property
    def engine(self) -> str: ...
    @property
    def scheduler(self) -> str | None: ...


@dataclass(frozen=True)
class Engine:
    """Where a run's tasks go: this process (no pool), a process pool or a Dask cluster."""

    pool: Executor | None = None
    workers: int = 1


IN_PROCESS = Engine()


def check_options(options: RunOptions) -> None:
    """Refuse option combinations that cannot run, before any work is done."""
    if options.jobs < 1:
        raise UsageError(f"--jobs must be 1 or more, not {options.jobs}.")
    if options.engine not in ENGINES:
        raise UsageError(f"unknown engine {options.engine!r}; use one of: {', '.join(ENGINES)}.")
    if options.scheduler and options.engine != "dask":
        raise UsageError("--scheduler needs --engine dask; add --engine dask or drop --scheduler.")


@contextmanager
def open_engine(options: RunOptions) -> Iterator[Engine]:
    """The engine the options name, started for the run and stopped after it."""
    check_options(options)
    if options.engine == "dask":
        with _dask_client(options) as client:
            # Each worker thread takes tasks; a remote cluster may have many.
            workers = max(1, sum(client.nthreads().values()))
            yield Engine(client.get_executor(pure=False), workers)
    elif options.jobs > 1:
        # Imported here: process pools cost a one-article run some 50 ms of imports.
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # forkserver: workers do not inherit the threads or locks of the caller (a server, a
        # Dask client), and the server imports the extractors once for all workers it forks.
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        if "forkserver" in methods:
            context.set_forkserver_preload([__name__])
        with ProcessPoolExecutor(max_workers=options.jobs, mp_context=context) as pool:
            yield Engine(pool, options.jobs)
    else:
        yield IN_PROCESS


def extract_and_scope(
    articles: Iterable[Article],
    engine: Engine,
    progress: Callable[[int], None] | None = None,
    cache: ExtractionCache | None = None,
    failures: dict[int, str] | None = None,
) -> tuple[list[Profile], list[list[Claim]]]:
    """Extract and scope every article, in input order, as the articles are read.

    An article the cache has is taken from it; the others are extracted and given to it.
    `progress` is called with the number of articles done so far. An article whose
    extraction raises is left out (one article never sinks a batch): `failures` gets its
    position among `articles` and the reason, and the profiles of the others are numbered
    without it.
    """
    results: dict[int, Extracted | Failed] = {}
    # Articles sent to a pool to be extracted, for the cache to keep when they come back.
    sent: dict[int, Article] = {}
    done = 0

    def advance(count: int) -> None:
        nonlocal done
        done += count
        if progress is not None:
            progress(done)

    def missing() -> Iterator[tuple[int, Article]]:
        for index, article in enumerate(articles):
            found: Extracted | Failed | None = None
            if cache is not None:
                found = cache.get(index, article)
                reason = cache.failure(article) if found is None else None
                found = Failed(reason) if reason is not None else found
            if found is None:
                if cache is not None and engine.pool is not None:
                    sent[index] = article
                yield index, article
            else:
                results[index] = found
                advance(1)

    if engine.pool is None:
        # No pickling, progress after every article.
        for index, article in missing():
            results[index] = extracted = _extract_safe(index, article)
            if cache is not None:
                _keep(cache, article, extracted)
            advance(1)
    else:

        def finished(chunk: list[tuple[int, Extracted | Failed]]) -> None:
            advance(len(chunk))

        for part in _map(engine, _extract_chunk, ((c,) for c in _batches(missing())), finished):
            for index, extracted in part:
                results[index] = extracted
                if cache is not None and index in sent:
                    _keep(cache, sent.pop(index), extracted)
    profiles: list[Profile] = []
    scoped: list[list[Claim]] = []
    for position in range(len(results)):
        result = results[position]
        if isinstance(result, Failed):
            if failures is not None:
                failures[position] = result.reason
            continue
        found, claims = result
        if found.index != len(profiles):
            found = replace(found, index=len(profiles))
        profiles.append(found)
        scoped.append(claims)
    return profiles, scoped


def _keep(cache: ExtractionCache, article: Article, extracted: Extracted | Failed) -> None:
    if isinstance(extracted, Failed):
        cache.put_failure(article, extracted.reason)
    else:
        cache.put(article, extracted)


def align_blocks(
    claims_by_incident: Mapping[str, Sequence[Claim]],
    published: Mapping[str, dt.date | None],
    order: Mapping[str, int],
    engine: Engine,
) -> dict[str, list[Fact]]:
    """`align.align_incidents` over blocks of incidents on the engine.

    Incidents are aligned independently, so any split gives the same facts; the result keeps
    the order of `claims_by_incident`.
    """
    from discrepancy.align.facts import align_incidents

    if engine.pool is None:
        return align_incidents(claims_by_incident, published, order)

    def calls() -> Iterator[tuple[Any, ...]]:
        for keys in _batches(claims_by_incident):
            block = {k: claims_by_incident[k] for k in keys}
            ids = {c.article for claims in block.values() for c in claims}
            yield (
                block,
                {a: published.get(a) for a in ids},
                {a: order[a] for a in ids if a in order},
            )

    merged: dict[str, list[Fact]] = {}
    for part in _map(engine, _align_block, calls()):
        merged.update(part)
    return {k: merged[k] for k in claims_by_incident}


def _extract_one(index: int, article: Article) -> Extracted:
    stage = "extract"
    try:
        extraction = extract(article)
        stage = "scope"
        claims = scope_claims(extraction)
        stage = "profile"
        return profile(index, extraction, claims), claims
    except Exception as error:
        raise _StageError(stage, error) from error


def _extract_safe(index: int, article: Article) -> Extracted | Failed:
    """`_extract_one`, or the reason it failed: whatever one article holds, the batch goes on."""
    try:
        return _extract_one(index, article)
    except _StageError as error:
        return Failed(str(error))
    except Exception as error:  # a bug outside the stages is still one article's problem
        return Failed(f"extract: {_describe(error)}")


def _describe(error: BaseException) -> str:
    """An error's type and message on one line, short enough for a report's skipped list."""
    message = " ".join(str(error).split()) or "no message"
    text = f"{type(error).__name__}: {message}"
    return text if len(text) <= _MAX_REASON_CHARS else text[: _MAX_REASON_CHARS - 1] + "…"


def _extract_chunk(articles: list[tuple[int, Article]]) -> list[tuple[int, Extracted | Failed]]:
    """Worker task: a chunk of (index in the batch, article)."""
    return [(index, _extract_safe(index, article)) for index, article in articles]


def _align_block(
    block: dict[str, Sequence[Claim]],
    published: dict[str, dt.date | None],
    order: dict[str, int],
) -> dict[str, list[Fact]]:
    """Worker task: align one block of incidents."""
    from discrepancy.align.facts import align_incidents

    return align_incidents(block, published, order)


def _batches(items: Iterable[T]) -> Iterator[list[T]]:
    """The items in order, in lists of 1, 2, 4, ... up to _MAX_CHUNK, read as needed."""
    size = _FIRST_CHUNK
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch
        size = min(_MAX_CHUNK, 2 * size)


def _map(
    engine: Engine,
    function: Callable[..., T],
    calls: Iterable[tuple[Any, ...]],
    finished: Callable[[T], None] | None = None,
) -> list[T]:
    """function(*call) for every call on the engine's pool, results in call order.

    Calls are taken from `calls` only as workers free up; `finished` sees each result as it
    comes back, in any order.
    """
    from concurrent.futures import FIRST_COMPLETED, wait

    assert engine.pool is not None
    results: dict[int, T] = {}
    pending: dict[Future[T], int] = {}
    queue = enumerate(calls)
    limit = engine.workers * _IN_FLIGHT_PER_WORKER
    while True:
        for index, call in queue:
            pending[engine.pool.submit(function, *call)] = index
            if len(pending) >= limit:
                break
        if not pending:
            return [results[i] for i in range(len(results))]
        complete, _ = wait(pending, return_when=FIRST_COMPLETED)
        for future in complete:
            results[pending.pop(future)] = result = future.result()
            if finished is not None:
                finished(result)


@contextmanager
def _dask_client(options: RunOptions) -> Iterator[Any]:
    """A client of the scheduler the options name, or of a LocalCluster started for the run."""
    try:
        # Imported by name: the dask extra is optional, and its types are not ours to check.
        distributed: Any = importlib.import_module("distributed")
    except ImportError as exc:
        raise UsageError(
            "--engine dask needs the Dask packages; install them with "
            "pip install 'discrepancy[dask]' or run without --engine dask."
        ) from exc
    if options.scheduler:
        try:
            client = distributed.Client(options.scheduler, timeout="10s")
        except (OSError, TimeoutError) as exc:
            raise UsageError(
                f"cannot reach the Dask scheduler at {options.scheduler} ({exc}). Start one "
                "with 'dask scheduler' and workers with 'dask worker ADDRESS', or drop "
                "--scheduler to start a local cluster."
            ) from exc
        with client:
            yield client
        return
    workers = DASK_LOCAL_WORKERS if options.jobs == 1 else options.jobs
    with (
        distributed.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            # A random port: a fixed one (8787) may be held by another cluster here.
            dashboard_address=":0",
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client
