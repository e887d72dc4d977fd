"""Every hostile input alone and mixed with good articles: the contract's exit code, no
traceback, every good article and the conflict reported, the bad input skipped with a reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from discrepancy.cli import main
from tests.hostile.corpus import Case, build, good_articles

# The seeds beside the project (../shared), absent in CI without the shared data.
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "data" / "seeds"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Case], list[str]]:
    folder = tmp_path_factory.mktemp("hostile")
    return build(folder / "cases"), good_articles(folder / "good")


def _names() -> list[str]:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        return [case.name for case in build(Path(folder))]


CASES = _names()


def _run(paths: list[str], options: tuple[str, ...], out: Path) -> tuple[int, str, object]:
    result = CliRunner().invoke(main, ["check", *paths, "-o", str(out), "--no-html", *options])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr, result


def _case(corpus: tuple[list[Case], list[str]], name: str) -> Case:
    return next(c for c in corpus[0] if c.name == name)


@pytest.mark.parametrize("name", CASES)
def test_alone(corpus: tuple[list[Case], list[str]], name: str, tmp_path: Path) -> None:
    case = _case(corpus, name)
    code, stderr, _ = _run(list(case.paths), case.options, tmp_path / "out.json")
    assert code == case.alone_exit, stderr
    summary = [ln for ln in stderr.splitlines() if ln.startswith("discrepancy-summary ")]
    assert len(summary) == 1 and json.loads(summary[0].split(" ", 1)[1])["exit"] == code


@pytest.mark.parametrize("name", CASES)
def test_mixed_with_good_articles(
    corpus: tuple[list[Case], list[str]], name: str, tmp_path: Path
) -> None:
    case = _case(corpus, name)
    good = corpus[1]
    out = tmp_path / "out.json"
    code, stderr, _ = _run([good[0], *case.paths, good[1]], case.options, out)
    assert code == 0, stderr
    assert len([ln for ln in stderr.splitlines() if ln.startswith("discrepancy-summary ")]) == 1
    report = json.loads(out.read_text(encoding="utf-8"))
    ids = [a["id"] for a in report["articles"]]
    assert {"good_wire", "good_daily"} <= set(ids)
    assert any(d["kind"] == "wounded" for d in report["discrepancies"])
    bad = list(report["skipped"])
    others = [a for a in report["articles"] if a["id"] not in ("good_wire", "good_daily")]
    if case.expect == "skipped":
        assert bad and all(s["reason"] for s in bad)
        if case.says:
            assert any(case.says in s["reason"] for s in bad), bad
    else:
        assert others, "the case's article is missing from the report"
        if case.says:
            said = [w for a in others for w in a.get("warnings", [])]
            said += [s["reason"] for s in bad]
            assert any(case.says in w for w in said), said
    if case.ids:
        assert [a["id"] for a in others] == list(case.ids)


def test_mixed_with_the_seeds_when_present(
    corpus: tuple[list[Case], list[str]], tmp_path: Path
) -> None:
    if not SEEDS.is_dir():
        pytest.skip("../shared/data/seeds is not here (CI without the shared data)")
    paths = [p for case in corpus[0] for p in case.paths if case.name != "many_tiny_files"]
    options = ("--max-article-bytes", "10000")

    def found(*given: str) -> tuple[set[str], set[tuple[str, tuple[str, ...]]]]:
        code, stderr, _ = _run(list(given), options, tmp_path / "out.json")
        assert code == 0, stderr
        report = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
        return {a["id"] for a in report["articles"]}, {
            (d["kind"], tuple(sorted(d["values"]))) for d in report["discrepancies"]
        }

    seed_ids, seed_found = found(str(SEEDS))
    mixed_ids, mixed_found = found(str(SEEDS), *paths)
    assert seed_ids <= mixed_ids
    assert seed_found and seed_found <= mixed_found


def test_a_missing_path_among_good_ones_exits_2(
    corpus: tuple[list[Case], list[str]], tmp_path: Path
) -> None:
    code, stderr, _ = _run([*corpus[1], str(tmp_path / "typo.jsonl")], (), tmp_path / "o.json")
    assert code == 2 and "no such file or folder" in stderr
