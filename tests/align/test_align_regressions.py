from discrepancy.models import Kind, Status
from tests.align.test_align import DAY1, DAY2, align, count, name, only


def test_rising_dated_figures_are_a_revision_not_a_conflict() -> None:
    claims = [count("day1", Kind.KILLED, "at least 3"), count("day2", Kind.KILLED, "5")]
    fact = only(align(claims, {"day1": DAY1, "day2": DAY2}), Kind.KILLED)
    assert fact.status == Status.AGREE
    assert fact.revision is True
    assert fact.rule == "figures rise over time"


def test_bare_family_name_stays_apart_when_two_fuller_names_fit() -> None:
    claims = [
        name("a", Kind.PERSON, "Abu Jafar al-Tamimi", "commander"),
        name("a", Kind.PERSON, "Haidar Salim al-Tamimi", "spokesman"),
        name("b", Kind.PERSON, "al-Tamimi", None),
    ]
    facts = [f for f in align(claims) if f.kind == Kind.PERSON]
    assert len(facts) == 3


def test_two_sources_quoted_in_one_article_can_conflict() -> None:
    import datetime as dt

    from discrepancy.models import Article
    from discrepancy.pipeline import run_articles

    text = (
        "A bomb hit a bus station in Basra on Tuesday. Police said three people were killed. "
        "Hospital officials said five people were killed."
    )
    report = run_articles([Article(id="one", text=text, published=dt.date(2025, 2, 4))])
    [incident] = [i for i in report.incidents if i.articles]
    [killed] = [f for f in incident.facts if f.kind == Kind.KILLED]
    assert killed.status == Status.CONFLICT
    assert [(c.value, c.attribution) for c in killed.claims] == [
        ("three", "Police"),
        ("five", "Hospital officials"),
    ]
