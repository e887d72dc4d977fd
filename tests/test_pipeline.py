"""End-to-end tests: fixture articles through pipeline.run, against golden JSON and key facts.

Regenerate the golden file after an intended change with:
    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_pipeline.py
then review the diff before committing it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from discrepancy import pipeline
from discrepancy.extract import extract
from discrepancy.models import Article, Incident, Kind, Report, Status
from discrepancy.read.files import read_inputs
from discrepancy.report import json_report as report_json

FIXTURES = Path(__file__).parent / "fixtures" / "articles"
GOLDEN = Path(__file__).parent / "golden"

STRIKE = ["01_wire_drone_strike", "02_courier_drone_strike", "03_gazette_drone_strike"]
MARKET = ["04_ap_market_bombing", "05_gazette_market_bombing", "06_courier_market_update"]

# Sentences about other incidents or a war's history; nothing in them may count for the main
# incident of the article that contains them.
BACKGROUND_SENTENCES = [
    "Last month, a rocket attack on a base near the city wounded two others.",
    "On January 28, three soldiers were killed in Jordan",
    "The group has since killed hundreds of people",
    "On Sunday, a separate strike in Syria killed six fighters.",
    "The blast came a month after a drone strike in the city killed a militia commander.",
]


def portable(data: dict[str, Any]) -> dict[str, Any]:
    """The report without what depends on the checkout: absolute paths, the tool version."""
    data = json.loads(json.dumps(data))
    data.pop("generated_by", None)
    for article in data["articles"]:
        if article["path"] is not None:
            article["path"] = Path(article["path"]).relative_to(FIXTURES).as_posix()
    return data


def assert_golden(name: str, data: dict[str, Any]) -> None:
    """Compare with tests/golden/<name>; rewrite it instead when UPDATE_GOLDEN=1."""
    path = GOLDEN / name
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} is missing; create it with UPDATE_GOLDEN=1"
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert data == expected, f"report differs from {path}; if intended, rerun with UPDATE_GOLDEN=1"


@cache
def report() -> Report:
    """One run over the fixture folder, shared by the tests that only read it."""
    return pipeline.run([str(FIXTURES)])


def main_incidents(result: Report) -> list[Incident]:
    return [i for i in result.incidents if i.articles]


def incident_of(result: Report, article: str) -> Incident:
    (found,) = [i for i in result.incidents if article in i.articles]
    return found


def fact_values(incident: Incident, kind: Kind) -> list[str]:
    return [c.value for f in incident.facts if f.kind == kind for c in f.claims]


# --- golden -------------------------------------------------------------------------------------


def test_report_matches_golden_json() -> None:
    assert_golden("articles_report.json", portable(report_json.to_dict(report())))


# --- the articles -------------------------------------------------------------------------------


def test_articles_and_their_metadata() -> None:
    got = [(a.id, a.source, a.published, a.dateline) for a in report().articles]
    assert got == [
        ("01_wire_drone_strike", "Reuters", dt.date(2024, 2, 7), "Mosul"),
        ("02_courier_drone_strike", None, dt.date(2024, 2, 8), None),
        ("03_gazette_drone_strike", None, None, None),
        ("04_ap_market_bombing", "AP", dt.date(2024, 3, 9), "Mosul, Iraq"),
        ("05_gazette_market_bombing", None, dt.date(2024, 3, 10), None),
        ("06_courier_market_update", None, dt.date(2024, 3, 11), None),
    ]
    assert report().skipped == ()


# --- grouping -----------------------------------------------------------------------------------


def test_two_incidents_a_month_apart_in_the_same_city() -> None:
    incidents = main_incidents(report())
    assert [list(i.articles) for i in incidents] == [STRIKE, MARKET]
    assert [(i.date, i.location) for i in incidents] == [
        (dt.date(2024, 2, 7), "Mosul"),
        (dt.date(2024, 3, 9), "Mosul"),
    ]


# --- the drone strike ---------------------------------------------------------------------------


def test_six_versus_seven_wounded_is_a_conflict() -> None:
    strike = incident_of(report(), STRIKE[0])
    (wounded,) = [f for f in strike.facts if f.kind == Kind.WOUNDED]
    assert wounded.status == Status.CONFLICT
    assert [(c.article, c.value, c.low, c.high) for c in wounded.claims] == [
        (STRIKE[0], "six", 6, 6),
        (STRIKE[1], "Seven", 7, 7),
        (STRIKE[2], "At least four", 4, None),
    ]


def test_transliterated_commander_is_one_variant_fact() -> None:
    strike = incident_of(report(), STRIKE[0])
    commanders = [f for f in strike.facts if f.kind == Kind.PERSON and f.subject == "commander"]
    assert len(commanders) == 1
    (commander,) = commanders
    assert commander.status == Status.VARIANT
    assert commander.rule == "same kunya and family name"
    assert [(c.article, c.value) for c in commander.claims] == [
        (STRIKE[0], 'Khalid Hamid "Abu Jafar" al-Tamimi'),
        (STRIKE[1], "Abu Jaafar al-Tamimi"),
        (STRIKE[2], "Abu Jafar al-Tamimi"),
    ]


def test_spokesman_with_the_same_family_name_is_another_person() -> None:
    strike = incident_of(report(), STRIKE[0])
    people = {f.subject: [c.value for c in f.claims] for f in strike.facts if f.kind == Kind.PERSON}
    assert people["spokesman"] == ["Haidar Salim al-Tamimi"]
    assert "Haidar Salim al-Tamimi" not in people["commander"]


def test_organization_spellings_are_one_variant() -> None:
    strike = incident_of(report(), STRIKE[0])
    kataib = [
        f
        for f in strike.facts
        if f.kind == Kind.ORGANIZATION and any("Hezbollah" in c.value for c in f.claims)
    ]
    assert len(kataib) == 1
    assert kataib[0].status == Status.VARIANT
    assert [c.value for c in kataib[0].claims] == [
        "Kataib Hezbollah",
        "Kata'ib Hezbollah",
        "Kataeb Hezbollah",
    ]


def test_weekday_dates_agree_with_and_without_publication_date() -> None:
    strike = incident_of(report(), STRIKE[0])
    (day,) = [f for f in strike.facts if f.kind == Kind.DATE]
    assert day.status == Status.AGREE
    assert [c.normalized for c in day.claims] == ["2024-02-07", "2024-02-07", "weekday:wednesday"]


def test_troops_with_whose_and_where() -> None:
    strike = incident_of(report(), STRIKE[0])
    troops = {
        f.subject: [(c.value, c.low, c.high) for c in f.claims]
        for f in strike.facts
        if f.kind == Kind.TROOPS
    }
    assert troops == {
        "US troops in Iraq": [("around 2,500", 2250, 2750)],
        "US troops in Syria": [("900", 900, 900)],
    }


def test_background_numbers_are_not_in_the_main_incidents() -> None:
    for incident in main_incidents(report()):
        for fact in incident.facts:
            for claim in fact.claims:
                for sentence in BACKGROUND_SENTENCES:
                    assert sentence not in claim.sentence, (
                        f"{claim.value!r} from a background sentence counts for {incident.id}"
                    )
    strike = incident_of(report(), STRIKE[0])
    assert "three" not in fact_values(strike, Kind.KILLED)
    assert "six" not in fact_values(strike, Kind.KILLED)
    assert "two" not in fact_values(strike, Kind.WOUNDED)


def test_background_incidents_hang_off_the_main_one() -> None:
    result = report()
    strike = incident_of(result, STRIKE[0])
    background = [i for i in result.incidents if not i.articles]
    assert background and all(i.background_of is not None for i in background)
    jordan = [i for i in background if "three" in fact_values(i, Kind.KILLED)]
    assert [(i.background_of, i.mentioned_in, i.location) for i in jordan] == [
        (strike.id, (STRIKE[1],), "Jordan")
    ]


def test_history_totals_appear_nowhere() -> None:
    values = [c.value for i in report().incidents for f in i.facts for c in f.claims]
    assert not any(v.lower().startswith("hundreds") for v in values)


# --- the market bombing -------------------------------------------------------------------------


def test_rising_toll_over_days_is_a_revision() -> None:
    market = incident_of(report(), MARKET[0])
    (killed,) = [f for f in market.facts if f.kind == Kind.KILLED]
    assert (killed.status, killed.revision) == (Status.AGREE, True)
    assert [(c.article, c.value) for c in killed.claims] == [
        (MARKET[0], "at least five"),
        (MARKET[1], "Five"),
        (MARKET[2], "seven"),
    ]
    (wounded,) = [f for f in market.facts if f.kind == Kind.WOUNDED]
    assert wounded.status == Status.AGREE
    assert [c.value for c in wounded.claims] == ["20", "about 20"]


def test_phone_street_age_and_time_numbers_are_no_claims() -> None:
    market = incident_of(report(), MARKET[0])
    numeric = [c for f in market.facts if f.kind in (Kind.KILLED, Kind.WOUNDED) for c in f.claims]
    for claim in numeric:
        assert {claim.low, claim.high} & {555, 142, 300, 16, 3.1, 10} == set(), claim


def test_discrepancies_are_exactly_the_conflict_and_the_variants() -> None:
    strike = incident_of(report(), STRIKE[0])
    got = [(d.incident, d.kind, d.status) for d in report().discrepancies]
    assert got == [
        (strike.id, Kind.WOUNDED, Status.CONFLICT),
        (strike.id, Kind.PERSON, Status.VARIANT),
        (strike.id, Kind.ORGANIZATION, Status.VARIANT),
    ]


# --- offsets ------------------------------------------------------------------------------------


def fixture_articles() -> list[Article]:
    articles, skipped = read_inputs([str(FIXTURES)])
    assert skipped == []
    return articles


@pytest.mark.parametrize("article", fixture_articles(), ids=lambda a: a.id)
def test_every_extracted_claim_spans_its_value(article: Article) -> None:
    extraction = extract(article)
    assert extraction.claims
    for claim in extraction.claims:
        assert article.text[claim.start : claim.end] == claim.value
        assert claim.value in claim.sentence
        # Leading metadata (date marker, agency, dateline, headline) is never a claim.
        assert claim.start >= article.body_start


def test_every_reported_claim_spans_its_value() -> None:
    result = report()
    texts = {a.id: a.text for a in result.articles}
    claims = [c for i in result.incidents for f in i.facts for c in f.claims]
    assert claims
    for claim in claims:
        assert texts[claim.article][claim.start : claim.end] == claim.value


def test_lead_location_is_the_city() -> None:
    for article in fixture_articles():
        locations = [c for c in extract(article).claims if c.kind == Kind.LOCATION]
        assert [(c.value, c.normalized) for c in locations] == [("Mosul", "Mosul")], article.id


# --- determinism --------------------------------------------------------------------------------


def canonical(result: Report) -> dict[str, Any]:
    """The report without input order: sets of incidents, facts and claims."""
    incidents = {}
    for incident in result.incidents:
        facts = sorted(
            (
                f.kind.value,
                f.subject or "",
                f.status.value,
                f.revision,
                tuple(
                    sorted(
                        (c.article, c.value, c.start, c.low or -1.0, c.high or -1.0)
                        for c in f.claims
                    )
                ),
            )
            for f in incident.facts
        )
        incidents[incident.id] = (
            sorted(incident.articles),
            incident.date,
            incident.location,
            facts,
        )
    discrepancies = sorted(
        (d.incident, d.kind.value, d.fingerprint, tuple(sorted(d.values)))
        for d in result.discrepancies
    )
    return {"incidents": incidents, "discrepancies": discrepancies}


def test_same_output_twice() -> None:
    first = report_json.to_json(pipeline.run([str(FIXTURES)]))
    second = report_json.to_json(pipeline.run([str(FIXTURES)]))
    assert first == second


def test_same_output_with_inputs_in_another_order() -> None:
    files = sorted(str(p) for p in FIXTURES.iterdir() if p.is_file())
    forward = pipeline.run(files)
    backward = pipeline.run(files[::-1])
    assert [a.id for a in backward.articles] == [a.id for a in forward.articles][::-1]
    assert canonical(backward) == canonical(forward)
    assert canonical(forward) == canonical(report())


# --- contract -----------------------------------------------------------------------------------


def test_report_has_the_contract_fields() -> None:
    data = report_json.to_dict(report())
    assert data["schema"] == "discrepancy-report/1"
    assert {"articles", "incidents", "skipped", "discrepancies"} <= data.keys()
    for article in data["articles"]:
        assert {"id", "source", "title", "published", "path"} <= article.keys()
    for incident in data["incidents"]:
        assert {"id", "date", "location", "articles", "facts"} <= incident.keys()
        for fact in incident["facts"]:
            assert {"kind", "subject", "status", "claims"} <= fact.keys()
            assert fact["status"] in ("conflict", "variant", "agree", "single")
            for claim in fact["claims"]:
                keys = {"article", "value", "low", "high", "normalized", "sentence", "start", "end"}
                assert keys <= claim.keys()
    for item in data["discrepancies"]:
        assert {"incident", "kind", "subject", "status", "values", "articles"} <= item.keys()
        assert item["status"] in ("conflict", "variant")


def test_offsets_survive_bom_crlf_nbsp_curly_quotes_and_entities(tmp_path: Path) -> None:
    (tmp_path / "crlf.txt").write_bytes(
        "\ufeff date 2024-02-08 \r\nAFP\r\nBAGHDAD\r\nA drone strike in Baghdad on Wednesday"
        " killed Khalid Hamid “Abu Jafar” al-Tamimi, a commander of Kata’ib Hezbollah, and"
        " wounded\u00a0at least four people, police said.\r\nThe United States has around 2,500"
        " troops in Iraq and 900 in Syria.\r\n".encode()
    )
    (tmp_path / "entity.txt").write_text(
        "Gunmen killed two people in Mosul on Tuesday &amp; wounded five, police said.\n",
        encoding="utf-8",
    )
    result = pipeline.run([str(tmp_path)])
    texts = {a.id: a.text for a in result.articles}
    claims = {
        (c.article, c.kind, c.value): c for i in result.incidents for f in i.facts for c in f.claims
    }
    for (article, _, value), claim in claims.items():
        assert texts[article][claim.start : claim.end] == value
    assert {
        ("crlf", Kind.PERSON, "Khalid Hamid “Abu Jafar” al-Tamimi"),
        ("crlf", Kind.ORGANIZATION, "Kata’ib Hezbollah"),
        ("crlf", Kind.WOUNDED, "at least four"),
        ("crlf", Kind.TROOPS, "around 2,500"),
        ("entity", Kind.KILLED, "two"),
        ("entity", Kind.WOUNDED, "five"),
    } <= claims.keys()


def test_json_written_in_pieces_is_json_dumps_text() -> None:
    data = report_json.to_dict(report())
    whole = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    assert report_json.to_json(report()) == whole
    assert "".join(report_json.iter_json(report_json.to_stream(report()))) == whole
    odd = {"empty": [], "nested": {"a": [[], {}]}, "text": "Mosul\n\u00e9", "lazy": iter([1, {}])}
    expected = {**odd, "lazy": [1, {}]}
    assert (
        "".join(report_json.iter_json(odd))
        == json.dumps(expected, ensure_ascii=False, indent=2) + "\n"
    )
    assert "".join(report_json.iter_json({})) == "{}\n"


# One story crawled twice, and a paywall page that hides two different stories.
SHELLING = (
    "Shelling killed four people and wounded nine in the market town of Orvel on Tuesday, "
    "the regional governor said."
)
SHELLING_LATER = (
    "Shelling killed five people and wounded nine in the market town of Orvel on Tuesday, "
    "hospital staff said."
)
WALL = "Subscribe to keep reading. Already a subscriber? Log in."


def test_a_copy_is_listed_with_its_article_and_not_counted_again() -> None:
    day = dt.date(2024, 5, 8)
    articles = [
        Article(id="wire", title="Four killed in Orvel", text=SHELLING, published=day),
        Article(id="wire-again", title="Four killed in Orvel", text=SHELLING, published=day),
        Article(id="paper", title="Orvel shelling", text=SHELLING_LATER, published=day),
    ]
    result = pipeline.run_articles(articles)
    orvel = incident_of(result, "wire")
    assert orvel.articles == ("wire", "wire-again", "paper")
    assert result.copies == {"wire-again": "wire"}
    assert not any(c.article == "wire-again" for f in orvel.facts for c in f.claims)
    # Without the copy, the same incident and facts: a copy is no second source.
    alone = pipeline.run_articles([articles[0], articles[2]])
    assert [(i.id, i.facts) for i in alone.incidents] == [(i.id, i.facts) for i in result.incidents]
    data = report_json.to_dict(result)
    assert [a.get("copy_of") for a in data["articles"]] == [None, None, "wire"]


def test_one_text_under_two_headlines_is_two_articles() -> None:
    day = dt.date(2024, 5, 8)
    result = pipeline.run_articles(
        [
            Article(id="a", title="Four killed in Orvel market shelling", text=WALL, published=day),
            Article(id="b", title="Mayor of Danbrook re-elected", text=WALL, published=day),
        ]
    )
    assert result.copies == {}
    assert {a.id for a in result.articles} == {"a", "b"}
