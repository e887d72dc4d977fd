"""Run per-article extraction and per-incident alignment in this process, a pool or on Dask."""

from __future__ import annotations

import importlib
import math
import multiprocessing
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import ExitStack
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from discrepancy.errors import UsageError
from discrepancy.extract import extract
from discrepancy.incidents import Profile, profile
from discrepancy.scope import scope_claims

if TYPE_CHECKING:
    import datetime as dt

    from discrepancy.models import Article, Claim, Fact

ENGINES = ("local", "dask")
# A Dask LocalCluster started for one run gets this many single-threaded worker processes
# unless --jobs asks for more: two is what the machines here have.
DASK_LOCAL_WORKERS = 2
# Chunks per worker: enough that a slow chunk (long articles) does not leave the other
# workers idle at the end, few enough that pickling and scheduling stay negligible.
_CHUNKS_PER_WORKER = 8
# An article takes 5-50 ms to extract; 200 of them keep a task well above the ~1 ms that a
# task costs in a process pool or on a Dask scheduler, and the progress bar moving.
_MAX_CHUNK = 200
# Chunks in flight per worker: bounds the articles copied to workers and the results held
# out of order, so memory does not grow with the batch beyond the results themselves.
_IN_FLIGHT_PER_WORKER = 4

T = TypeVar("T")
Extracted = tuple[Profile, list["Claim"]]


class RunOptions(Protocol):
    """The parts of `pipeline.Settings` this module reads."""

    @property
    def jobs(self) -> int: ...
    @property
    def engine(self) -> str: ...
    @property
    def scheduler(self) -> str | None: ...
    @property
    def progress(self) -> Callable[[int], None] | None: ...


def check_options(options: RunOptions) -> None:
    """Refuse option combinations that cannot run, before any work is done."""
    if options.jobs < 1:
        raise UsageError(f"--jobs must be 1 or more, not {options.jobs}.")
    if options.engine not in ENGINES:
        raise UsageError(f"unknown engine {options.engine!r}; use one of: {', '.join(ENGINES)}.")
    if options.scheduler and options.engine != "dask":
        raise UsageError("--scheduler needs --engine dask; add --engine dask or drop --scheduler.")


def extract_and_scope(
    articles: Sequence[Article], options: RunOptions
) -> tuple[list[Profile], list[list[Claim]]]:
    """Extract and scope every article, in input order, on the engine the options name."""
    check_options(options)
    if options.engine == "local" and options.jobs == 1:
        # Today's single-process path: no pickling, progress after every article.
        results: list[Extracted] = []
        for index, article in enumerate(articles):
            results.append(_extract_one(index, article))
            if options.progress is not None:
                options.progress(index + 1)
    else:
        chunks = list(_chunks(len(articles), _workers(options)))
        calls = [(start, list(articles[start:stop])) for start, stop in chunks]
        done_counts = [stop - start for start, stop in chunks]
        parts = _map(_extract_chunk, calls, done_counts, options)
        results = [item for part in parts for item in part]
    return [p for p, _ in results], [c for _, c in results]


def align_blocks(
    claims_by_incident: Mapping[str, Sequence[Claim]],
    published: Mapping[str, dt.date | None],
    order: Mapping[str, int],
    options: RunOptions,
) -> dict[str, list[Fact]]:
    """`align.align_incidents` over blocks of incidents on the engine the options name.

    Incidents are aligned independently, so any split gives the same facts; the result keeps
    the order of `claims_by_incident`.
    """
    from discrepancy.align import align_incidents

    check_options(options)
    if options.engine == "local" and options.jobs == 1:
        return align_incidents(claims_by_incident, published, order)
    keys = list(claims_by_incident)
    calls = []
    for start, stop in _chunks(len(keys), _workers(options)):
        block = {k: claims_by_incident[k] for k in keys[start:stop]}
        ids = {c.article for claims in block.values() for c in claims}
        calls.append(
            (block, {a: published.get(a) for a in ids}, {a: order[a] for a in ids if a in order})
        )
    merged: dict[str, list[Fact]] = {}
    for part in _map(_align_block, calls, None, options):
        merged.update(part)
    return {k: merged[k] for k in keys}


def _extract_one(index: int, article: Article) -> Extracted:
    extraction = extract(article)
    claims = scope_claims(extraction)
    return profile(index, extraction, claims), claims


def _extract_chunk(start: int, articles: list[Article]) -> list[Extracted]:
    """Worker task: one chunk of articles; `start` is the first one's index in the batch."""
    return [_extract_one(start + offset, a) for offset, a in enumerate(articles)]


def _align_block(
    block: dict[str, Sequence[Claim]],
    published: dict[str, dt.date | None],
    order: dict[str, int],
) -> dict[str, list[Fact]]:
    """Worker task: align one block of incidents."""
    from discrepancy.align import align_incidents

    return align_incidents(block, published, order)


def _workers(options: RunOptions) -> int:
    if options.engine == "dask" and not options.scheduler and options.jobs == 1:
        return DASK_LOCAL_WORKERS
    return options.jobs


def _chunks(total: int, workers: int) -> Iterator[tuple[int, int]]:
    """(start, stop) ranges covering 0..total in order."""
    size = max(1, min(_MAX_CHUNK, math.ceil(total / (workers * _CHUNKS_PER_WORKER))))
    for start in range(0, total, size):
        yield start, min(total, start + size)


def _map(
    function: Callable[..., T],
    calls: Sequence[tuple[Any, ...]],
    sizes: Sequence[int] | None,
    options: RunOptions,
) -> list[T]:
    """function(*call) for every call on a process pool or Dask, results in call order.

    `sizes[i]` is how many articles call i covers, for the progress callback.
    """
    results: dict[int, T] = {}
    done = 0

    def finished(index: int, result: T) -> None:
        nonlocal done
        results[index] = result
        if sizes is not None and options.progress is not None:
            done += sizes[index]
            options.progress(done)

    workers = _workers(options)
    if options.engine == "dask":
        _map_dask(function, calls, workers, options.scheduler, finished)
    else:
        _map_pool(function, calls, workers, finished)
    return [results[i] for i in range(len(calls))]


def _map_pool(
    function: Callable[..., T],
    calls: Sequence[tuple[Any, ...]],
    workers: int,
    finished: Callable[[int, T], None],
) -> None:
    # forkserver: workers do not inherit the threads or locks of the caller (a server, a Dask
    # client), and the server imports the extractors once for all workers it forks.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if "forkserver" in methods:
        context.set_forkserver_preload([__name__])
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending: dict[Future[T], int] = {}
        queue = iter(enumerate(calls))
        limit = workers * _IN_FLIGHT_PER_WORKER
        while True:
            for index, call in queue:
                pending[pool.submit(function, *call)] = index
                if len(pending) >= limit:
                    break
            if not pending:
                return
            complete, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in complete:
                finished(pending.pop(future), future.result())


def _map_dask(
    function: Callable[..., T],
    calls: Sequence[tuple[Any, ...]],
    workers: int,
    scheduler: str | None,
    finished: Callable[[int, T], None],
) -> None:
    try:
        # Imported by name: the dask extra is optional, and its types are not ours to check.
        distributed: Any = importlib.import_module("distributed")
    except ImportError as exc:
        raise UsageError(
            "--engine dask needs the Dask packages; install them with "
            "pip install 'discrepancy[dask]' or run without --engine dask."
        ) from exc
    with ExitStack() as stack:
        if scheduler:
            try:
                client = stack.enter_context(distributed.Client(scheduler, timeout="10s"))
            except (OSError, TimeoutError) as exc:
                raise UsageError(
                    f"cannot reach the Dask scheduler at {scheduler} ({exc}). Start one with "
                    "'dask scheduler' and workers with 'dask worker ADDRESS', or drop --scheduler "
                    "to start a local cluster."
                ) from exc
        else:
            cluster = distributed.LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                # A random port: a fixed one (8787) may be held by another cluster here.
                dashboard_address=":0",
            )
            stack.enter_context(cluster)
            client = stack.enter_context(distributed.Client(cluster))
        queue = iter(enumerate(calls))
        index_of: dict[str, int] = {}
        running = distributed.as_completed()

        def submit_next() -> None:
            for index, call in queue:
                # pure=False: each call is its own task even if two calls hold equal data.
                future = client.submit(function, *call, pure=False)
                index_of[future.key] = index
                running.add(future)
                return

        for _ in range(workers * _IN_FLIGHT_PER_WORKER):
            submit_next()
        for future in running:
            finished(index_of.pop(future.key), future.result())
            future.release()
            submit_next()
