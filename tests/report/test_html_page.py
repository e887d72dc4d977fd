"""The page made one incident at a time: its first page as markup, the rest as compact data."""

from __future__ import annotations

import base64
import copy
import json
import random
import re
import zlib
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from markupsafe import Markup

from discrepancy.cli import main
from discrepancy.report import json_report
from discrepancy.report.html_data import Tables, data_line, data_pieces
from discrepancy.report.html_labels import OPAQUE_ID
from discrepancy.report.html_model import REVIEW_LABELS, STATUS_LABELS
from discrepancy.report.html_page import Spill, pack
from discrepancy.report.html_report import asset, describe, environment, render_html
from tests.report.test_browser_pages import fixtures, many
from tests.report.test_report_html import HOSTILE, hostile_report, parse

FIXTURE = Path(__file__).parent / "fixtures" / "sample_report.json"
CI = Path(__file__).resolve().parents[1] / "fixtures" / "ci"


@pytest.fixture(scope="module")
def sample() -> dict[str, Any]:
    report: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return report


def data_of(html: str) -> list[Any]:
    """The page's data lines, parsed (inflated first when deflated)."""
    found = re.search(r'<template id="report-data"( data-deflate)?>(.*?)</template>', html, re.S)
    assert found is not None
    text = found.group(2)
    if found.group(1):
        text = zlib.decompress(base64.b64decode(text)).decode("utf-8")
    return [json.loads(line) for line in text.split("\n") if line]


def described(report: dict[str, Any], previous: dict[str, Any] | None = None) -> str:
    """The page as the templates render describe()'s view of every incident, all as markup."""
    return "".join(
        environment()
        .get_template("report.html")
        .generate(
            report=describe(report, previous=previous),
            page_size=1000,
            csp="",
            script=Markup(asset("_report.js")),
            style=Markup(asset("_report.css")),
            review_labels=REVIEW_LABELS,
            status_labels=STATUS_LABELS,
        )
    )


def test_the_first_page_from_data_is_the_markup_of_the_view() -> None:
    # Each incident is kept as data and made a view again for the first page: the markup
    # is the one the view itself gives.
    for name, (report, previous) in fixtures().items():
        page = render_html(report, previous=previous, page_size=1000)
        expected = described(report, previous)
        main_part = re.compile(r"<main>.*</main>", re.S)
        assert main_part.search(page).group() == main_part.search(expected).group(), name  # type: ignore[union-attr]


def test_incidents_past_the_first_page_are_data_in_the_same_order(sample: dict[str, Any]) -> None:
    report = many(sample, 40)
    html = render_html(report)
    page = parse(html)
    # The first page is markup for a reader without JavaScript; every incident is data.
    first = [a.attrs["id"] for a in page.select("#incidents > noscript > article.incident")]
    assert len(first) == 50
    articles_paths, _sentences, index, *records = data_of(html)
    assert len(index) == len(records) == 120
    order = ["incident-" + entry[0] for entry in index]
    assert order == ["incident-" + i.id for i in describe(report).incidents]
    assert order[:50] == first
    assert [entry[0] for entry in index] == [record["i"] for record in records]
    # A background incident's entry says so and names the incident it is listed under.
    tal_afar = next(e for e in index if e[0] == "inc-tal-afar-2022-03-14-039")
    assert tal_afar[3] == 1 and tal_afar[4] == "inc-mosul-2023-11-18-039"
    # Figures count every incident, not only the first page's.
    assert page.one("section.summary .s-reported dd").text() == "80"
    assert page.one("#more-note").text().startswith("70 more incidents")
    assert page.one("#incidents").attrs["data-page-size"] == "50"
    articles, paths = articles_paths
    assert len(articles) == len(sample["articles"]) and len(paths) == 5


def test_each_sentence_is_stored_once(sample: dict[str, Any]) -> None:
    report = many(sample, 40)
    html = render_html(report, page_size=1, pack_above=2**40)
    _, sentences, _index, *_records = data_of(html)
    claimed = {c["sentence"] for i in sample["incidents"] for f in i["facts"] for c in f["claims"]}
    assert sorted(sentences) == sorted(claimed)
    # Incidents refer to them by number: no sentence is written out in an incident's data.
    text = html.split('<template id="report-data">', 1)[1]
    for sentence in claimed:
        assert text.count(json.dumps(sentence, ensure_ascii=False)) == 1
    # The file is smaller than the same report all in markup, where sentences repeat.
    assert len(html) < len(render_html(report, page_size=1000)) / 2


def test_data_is_inert_text(sample: dict[str, Any]) -> None:
    report = many(hostile_report(sample), 3)
    html = render_html(report, page_size=1, pack_above=2**40)
    data = html.split('<template id="report-data">', 1)[1].split("</template>", 1)[0]
    # Nothing in it can open a tag or an entity, whatever an article says...
    assert "<" not in data and "&" not in data and ">" not in data
    # ...and every payload comes back as it was written.
    parsed = json.dumps(data_of(html), ensure_ascii=False)
    for payload in HOSTILE:
        assert json.dumps(payload, ensure_ascii=False)[1:-1] in parsed
    assert len(parse(html).select("script")) == 1


def test_large_data_is_deflated_in_base64(sample: dict[str, Any]) -> None:
    report = many(sample, 40)
    plain = render_html(report, pack_above=2**40)
    packed = render_html(report, pack_above=0)
    assert data_of(plain) == data_of(packed)
    data = packed.split('<template id="report-data" data-deflate>', 1)[1].split("</", 1)[0]
    assert re.fullmatch(r"[A-Za-z0-9+/=]+", data)
    assert len(packed) < len(plain)


def test_pack_writes_pieces_that_join() -> None:
    draw = random.Random(7)
    lines = [json.dumps([draw.random() for _ in range(400)]) + "\n" for _ in range(200)]
    pieces = list(pack(lines))
    assert len(pieces) > 1
    assert all(len(piece) % 4 == 0 for piece in pieces)
    joined = zlib.decompress(base64.b64decode("".join(pieces))).decode("utf-8")
    assert joined == "".join(lines)


def test_data_offsets_count_utf16_units_as_the_script_does(sample: dict[str, Any]) -> None:
    report = copy.deepcopy(sample)
    claim = report["incidents"][1]["facts"][0]["claims"][0]
    claim["sentence"] = "😀 “Quoted” 🚑 " + claim["sentence"]
    html = render_html(many(report, 2), page_size=1, pack_above=2**40)
    _, sentences, _, *records = data_of(html)
    kirkuk = next(r for r in records if r["i"] == "inc-kirkuk-2023-12-02-000")
    cells = kirkuk["rw"][0]["c"]
    value, _, at, start, end, *_ = next(c for cell in cells for c in cell if c[0] == "Two")
    units = sentences[at].encode("utf-16-le")
    assert units[2 * start : 2 * end].decode("utf-16-le") == value
    # The templates cut it the same way for the first page.
    first = parse(render_html(many(report, 2), page_size=1000))
    marks = [m.text() for m in first.select("#incident-inc-kirkuk-2023-12-02-000 mark")]
    assert "Two" in marks


def test_the_twin_streams_from_the_json_writers_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The page takes each incident as the JSON is written: the whole report dict is never made.
    def whole(*_args: object) -> None:
        raise AssertionError("the whole report dict was built")

    monkeypatch.setattr(json_report, "to_dict", whole)
    out = tmp_path / "report.json"
    result = CliRunner().invoke(
        main, ["check", str(CI / "part1"), str(CI / "part2"), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert len(report["incidents"]) >= 2
    html = out.with_suffix(".html").read_text(encoding="utf-8")
    # The same page as one made from the report's JSON.
    assert html == render_html(report)


def test_the_script_names_statuses_and_hides_ids_as_the_templates_do() -> None:
    script = asset("_report.js")

    def constant(name: str) -> dict[str, str]:
        found = re.search(rf"const {name} = (\{{.*?\}});", script, re.S)
        assert found is not None, name
        return dict(re.findall(r'(\w+): "([^"]*)"', found.group(1)))

    assert constant("REVIEW") == REVIEW_LABELS
    assert constant("STATUS") == STATUS_LABELS
    opaque = re.search(r"const OPAQUE = /(.*?)/i;", script)
    assert opaque is not None and opaque.group(1) == OPAQUE_ID.pattern


def test_data_pieces_join_into_the_data_line_of_the_list() -> None:
    items = [["a<b", 1, None], "“quoted” & </template>", {"k": "v"}, 2.5, [], "😀" * 30]
    for piece in (1, 7, 40, 2**16):
        pieces = list(data_pieces(iter(items * 20), piece))
        assert "".join(pieces) == data_line(items * 20)
        assert piece > 100 or len(pieces) > 1
    assert "".join(data_pieces(iter(()))) == data_line([]) == "[]"


def test_the_sentence_table_keeps_the_reports_own_strings() -> None:
    # The view pieces a sentence back together from before, value and after: the table keeps
    # the string the report holds, not that copy (a large batch holds each sentence once).
    sentence = "".join(["Police said ", "three", " people were hurt."])
    tables = Tables()
    tables.adopt([sentence])
    copy_of_it = "Police said " + "three" + " people were hurt."
    assert copy_of_it is not sentence
    assert tables.sentence(copy_of_it) == 0 and tables.sentences[0] is sentence
    tables.adopt(())
    other = "".join(["A second ", "sentence."])
    assert tables.sentence(other) == 1 and tables.sentences[1] is other


def test_incidents_wait_for_the_page_in_a_temporary_file() -> None:
    spill = Spill()
    spill.add("inc-1", '{"i":"inc-1","l":"Kirkuk · “Two” 😀"}', "conflict killed", "kirkuk\ntwo")
    spill.add("inc-2", '{"i":"inc-2"}', "", "")
    assert spill.get("inc-1") == ('{"i":"inc-1","l":"Kirkuk · “Two” 😀"}', "conflict killed",
                                  "kirkuk\ntwo")  # fmt: skip
    assert spill.get("inc-2") == ('{"i":"inc-2"}', "", "")
    assert spill.size == len('{"i":"inc-1","l":"Kirkuk · “Two” 😀"}') + len('{"i":"inc-2"}')
    spill.close()
    with pytest.raises(ValueError):
        spill.get("inc-1")
