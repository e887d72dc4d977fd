"""A batch gives the same report in one process, in a process pool and on Dask."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from discrepancy import engine as parallel
from discrepancy.align.facts import align_incidents
from discrepancy.engine import IN_PROCESS, _batches, align_blocks, extract_and_scope, open_engine
from discrepancy.errors import UsageError
from discrepancy.models import Article, Skipped
from discrepancy.pipeline import Settings, run_articles, run_items
from discrepancy.report.json_report import to_dict

# Two shootings and a bombing, told by several outlets with differing figures and spellings,
# some mentioning an earlier attack in passing.
TEXTS = [
    ("elgin-1", "2014-01-12", "Elgin shooting leaves 5 injured",
     "Five people were injured in a shooting in Elgin, Illinois, early Sunday, police said. "
     "The shooting happened about 3:10 a.m. in the 300 block of North Street. Police said "
     "Marcus Johnson, 24, was arrested at the scene.\n\nLast month, two people were killed in "
     "a shooting in Aurora, Illinois."),
    ("elgin-2", "2014-01-13", "Six hurt in Elgin bar shooting",
     "Six people were wounded when a gunman opened fire outside a bar in Elgin, Illinois, on "
     "Sunday morning. Markus Johnson, 24, of Elgin was charged with attempted murder, police "
     "said."),
    ("elgin-3", "2014-01-14", "Elgin shooting victims recovering",
     "The five people shot in Elgin, Illinois, on Sunday are expected to recover, a hospital "
     "spokesman said. Marcus Johnson remains in custody."),
    ("mosul-1", "2024-02-07", "Market bombing kills 12 in Mosul",
     "MOSUL, Iraq — A car bomb killed 12 people and wounded 30 at a market in Mosul on "
     "Wednesday, officials said. Witnesses said the bomber was Abu Jafar al-Hamdani. "
     "In January, a drone strike in Baghdad killed three people."),
    ("mosul-2", "2024-02-07", "Mosul blast toll rises",
     "At least 15 people were killed and 28 injured when a car bomb exploded in a crowded "
     "market in Mosul, Iraq, on Wednesday. Police named the bomber as Abu Jaafar al-Hamdani."),
    ("mosul-3", "2024-02-08", "Mosul mourns market victims",
     "Funerals were held in Mosul, Iraq, on Thursday for the 14 people killed in Wednesday's "
     "market bombing. Hospital officials said 30 people were wounded."),
    ("dayton-1", "2019-08-04", "Nine killed in Dayton shooting",
     "DAYTON, Ohio — A gunman killed nine people and injured 27 in the Oregon District of "
     "Dayton early Sunday before police shot him dead, officials said. The gunman was "
     "identified as Connor Betts, 24."),
    ("dayton-2", "2019-08-05", "Dayton gunman identified",
     "Police in Dayton, Ohio, said Sunday's shooting left nine dead and 37 injured. The shooter, "
     "Conner Betts, was killed by officers within 30 seconds."),
]  # fmt: skip


def _articles() -> list[Article]:
    return [
        Article(id=ident, text=text, title=title, published=dt.date.fromisoformat(day))
        for ident, day, title, text in TEXTS
    ]


def _report_json(**options: Any) -> str:
    seen: list[int] = []
    report = run_articles(_articles(), (), Settings(progress=seen.append, **options))
    assert seen and seen[-1] == len(TEXTS), seen
    assert seen == sorted(seen)
    return json.dumps(to_dict(report), sort_keys=True)


@pytest.fixture(scope="module")
def single() -> str:
    return _report_json()


def test_batch_finds_incidents(single: str) -> None:
    report = json.loads(single)
    assert len(report["articles"]) == len(TEXTS)
    assert report["incidents"]


@pytest.fixture
def sent_to_workers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the tasks a run sends to its pool or cluster."""
    sent: list[str] = []
    real = parallel._map

    def recording(engine: Any, function: Any, calls: Any, finished: Any = None) -> Any:
        sent.append(function.__name__)
        return real(engine, function, calls, finished)

    monkeypatch.setattr(parallel, "_map", recording)
    return sent


def test_two_jobs_give_the_same_report(single: str, sent_to_workers: list[str]) -> None:
    assert _report_json(jobs=2) == single
    # Alignment stays in this process: on a pool, shipping claims costs more than it saves.
    assert sent_to_workers == ["_extract_chunk"]


def test_dask_gives_the_same_report(single: str, sent_to_workers: list[str]) -> None:
    pytest.importorskip("distributed")
    assert _report_json(engine="dask") == single
    # Extraction and the alignment of incident blocks both ran on the cluster.
    assert sent_to_workers == ["_extract_chunk", "_align_block"]


def test_one_process_sends_nothing_to_workers(sent_to_workers: list[str]) -> None:
    _report_json()
    assert sent_to_workers == []


def test_align_blocks_match_align_incidents() -> None:
    articles = _articles()
    profiles, scoped = extract_and_scope(articles, IN_PROCESS)
    assert [p.index for p in profiles] == list(range(len(articles)))
    claims = {f"inc-{i}": list(c) for i, c in enumerate(scoped)}
    published = {a.id: a.published for a in articles}
    order = {a.id: i for i, a in enumerate(articles)}
    expected = align_incidents(claims, published, order)
    with open_engine(Settings(jobs=2)) as engine:
        blocks = align_blocks(claims, published, order, engine)
    assert blocks == expected
    assert list(blocks) == list(expected)


def test_articles_are_extracted_as_they_are_read() -> None:
    events: list[str] = []

    def items() -> Any:
        for article in _articles()[:3]:
            events.append(f"read {article.id}")
            yield article
        yield Skipped("broken.jsonl", 4, "invalid JSON")

    report = run_items(items(), Settings(progress=lambda n: events.append(f"done {n}")))
    assert events == ["read elgin-1", "done 1", "read elgin-2", "done 2", "read elgin-3", "done 3"]
    assert [a.id for a in report.articles] == ["elgin-1", "elgin-2", "elgin-3"]
    assert report.skipped == (Skipped("broken.jsonl", 4, "invalid JSON"),)


def test_batches_cover_the_stream_in_order_growing_to_the_cap() -> None:
    for total in (0, 1, 7, 1000, 12345):
        batches = list(_batches(iter(range(total))))
        assert [i for batch in batches for i in batch] == list(range(total))
        sizes = [len(b) for b in batches]
        assert sizes[:-1] == [min(2**i, parallel._MAX_CHUNK) for i in range(len(sizes) - 1)]
    assert [len(b) for b in _batches(range(1000))] == [
        1,
        2,
        4,
        8,
        16,
        32,
        64,
        128,
        200,
        200,
        200,
        145,
    ]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"jobs": 0}, "--jobs must be 1 or more"),
        ({"engine": "spark"}, "unknown engine 'spark'"),
        ({"scheduler": "tcp://127.0.0.1:8786"}, "--scheduler needs --engine dask"),
    ],
)
def test_bad_options_are_refused(options: dict[str, Any], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        run_articles(_articles(), (), Settings(**options))


def test_dask_engine_without_dask_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(name: str) -> Any:
        raise ImportError(f"No module named {name!r}")

    monkeypatch.setattr("discrepancy.engine.importlib.import_module", missing)
    with pytest.raises(UsageError, match=r"pip install 'discrepancy\[dask\]'"):
        run_articles(_articles(), (), Settings(engine="dask"))
