"""One bad article never sinks a batch: failures set apart, dates total, Unicode made valid."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from discrepancy import engine
from discrepancy.cli import main
from discrepancy.extract.when import find_times, shift
from discrepancy.models import Article
from discrepancy.pipeline import Settings, run_articles

GOOD = (
    " date 2025-03-11 A car bomb in the market of Tarvel on Monday killed six people and "
    "wounded eleven, the town's mayor said.\n"
)
GOOD_TOO = (
    " date 2025-03-11 Six people died and nine were hurt when a car bomb went off in the "
    "Tarvel market on Monday, a hospital official said.\n"
)


@pytest.mark.parametrize(
    ("sentence", "published"),
    [
        ("Four men were shot on 2024-13-45 near the quarry.", dt.date(2024, 5, 1)),
        ("Four men were shot on 2024-02-30 near the quarry.", None),
        ("Four men were shot on Monday and yesterday, last Friday too.", dt.date(1, 1, 1)),
        ("Four men were shot on January 5 near the quarry.", dt.date(1, 1, 1)),
        ("Four men were shot on 3 May, yesterday, near the quarry.", dt.date(9999, 12, 31)),
        ("Four men were shot today and on February 30, 2024.", dt.date(2024, 3, 1)),
    ],
)
def test_impossible_or_out_of_range_dates_are_not_dates(
    sentence: str, published: dt.date | None
) -> None:
    times = list(find_times(sentence, published))
    assert times  # the phrases are still found as time expressions
    for time in times:
        assert time.date is None or dt.date.min <= time.date <= dt.date.max


def test_an_impossible_iso_date_resolves_to_nothing() -> None:
    [time] = find_times("The blast on 2024-13-45 killed two.", dt.date(2024, 6, 1))
    assert time.text == "2024-13-45" and time.date is None


def test_shifting_off_the_calendar_gives_no_day() -> None:
    assert shift(dt.date(1, 1, 1), -1) is None
    assert shift(dt.date(9999, 12, 31), 1) is None
    assert shift(dt.date(2024, 3, 1), -1) == dt.date(2024, 2, 29)


@pytest.mark.parametrize(
    "text",
    [
        " date 0001-01-01 Two guards were killed in Osk on Monday; yesterday a third died.\n",
        " date 9999-12-31 Two guards were killed in Osk on Tuesday and on January 2.\n",
        "Two guards were killed in Osk on 2024-13-45, police said on February 30, 2024.\n",
    ],
)
def test_hostile_dates_leave_the_batch_whole(tmp_path: Path, text: str) -> None:
    (tmp_path / "bad.txt").write_text(text, encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "good2.txt").write_text(GOOD_TOO, encoding="utf-8")
    out = tmp_path / "out.json"
    result = CliRunner().invoke(main, ["check", str(tmp_path), "-o", str(out), "--no-html"])
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert {a["id"] for a in report["articles"]} >= {"good", "good2"}


def _exploding(monkeypatch: pytest.MonkeyPatch) -> None:
    real = engine.extract

    def extract(article: Article) -> object:
        if "EXPLODE" in article.text:
            raise ValueError("month must be in 1..12")
        return real(article)

    monkeypatch.setattr(engine, "extract", extract)


def test_an_article_whose_extraction_raises_is_skipped_with_its_reason(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _exploding(monkeypatch)
    articles = [
        Article("good", GOOD, path="good.txt", published=dt.date(2025, 3, 11)),
        Article("bad", "EXPLODE five were killed.", path="rows.jsonl", line=7),
        Article("good2", GOOD_TOO, path="good2.txt", published=dt.date(2025, 3, 11)),
    ]
    seen: list[object] = []
    report = run_articles(articles, (), Settings(on_skip=seen.append))
    assert [a.id for a in report.articles] == ["good", "good2"]
    [skipped] = report.skipped
    assert (skipped.path, skipped.line) == ("rows.jsonl", 7)
    assert skipped.reason == "extract: ValueError: month must be in 1..12"
    assert seen == [skipped]
    [incident] = [i for i in report.incidents if i.articles]
    assert set(incident.articles) == {"good", "good2"}
    assert any(d.kind == "wounded" for d in report.discrepancies)


@pytest.mark.parametrize("keep_text", [True, False])
def test_a_failing_article_in_a_process_pool_is_skipped_too(
    monkeypatch: pytest.MonkeyPatch, keep_text: bool
) -> None:
    articles = [
        Article("good", GOOD, published=dt.date(2025, 3, 11)),
        # A text no worker can extract: not a str (a bug in a caller, not in the input).
        Article("bad", None),  # type: ignore[arg-type]
        Article("good2", GOOD_TOO, published=dt.date(2025, 3, 11)),
    ]
    report = run_articles(articles, (), Settings(jobs=2, keep_text=keep_text))
    assert [a.id for a in report.articles] == ["good", "good2"]
    [skipped] = report.skipped
    assert skipped.path == "bad" and skipped.reason.startswith("extract: ")


def test_the_cli_warns_about_the_failed_article_and_reports_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _exploding(monkeypatch)
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_text("EXPLODE " + GOOD, encoding="utf-8")
    (tmp_path / "c.txt").write_text(GOOD_TOO, encoding="utf-8")
    out = tmp_path / "out.json"
    result = CliRunner().invoke(main, ["check", str(tmp_path), "-o", str(out), "--no-html"])
    assert result.exit_code == 0, result.output
    assert "b.txt: extract: ValueError: month must be in 1..12" in result.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert [a["id"] for a in report["articles"]] == ["a", "c"]
    assert [s["reason"] for s in report["skipped"]] == [
        "extract: ValueError: month must be in 1..12"
    ]


def test_lone_surrogates_in_id_url_and_text_are_replaced_with_a_warning(tmp_path: Path) -> None:
    row = {"id": "tarvel-\ud83d", "url": "https://news.test/\udc00", "text": GOOD + " \ud83d"}
    rows = tmp_path / "rows.jsonl"
    rows.write_text(json.dumps(row) + "\n", encoding="utf-8")  # json escapes them as \ud83d
    (tmp_path / "good2.txt").write_text(GOOD_TOO, encoding="utf-8")
    out = tmp_path / "out.json"
    result = CliRunner().invoke(main, ["check", str(tmp_path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "surrogates" in result.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    ids = {a["id"] for a in report["articles"]}
    assert ids == {"tarvel-\ufffd", "good2"}
    assert out.with_suffix(".html").exists()


def test_a_file_name_cannot_forge_the_summary_line(tmp_path: Path) -> None:
    forged = 'x\ndiscrepancy-summary {"exit":0,"conflicts":0}\n.txt'
    (tmp_path / forged).write_text("", encoding="utf-8")  # empty: skipped, named on stderr
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path), "-o", "-"])
    assert result.exit_code == 0, result.output
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith("discrepancy-summary")]
    assert len(lines) == 1
    assert "x\\ndiscrepancy-summary" in result.stderr
