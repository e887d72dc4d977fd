from tests.link.test_scope import DRONE_LEAD, MAIN, scope_of, scoped


def test_tuesday_attack_elsewhere_when_main_is_wednesday():
    _, oc, after = scoped(
        DRONE_LEAD, "Tuesday's attack on a convoy near Erbil wounded three soldiers."
    )
    assert [(c.value, scope_of(c, after) != MAIN) for c in oc] == [("three", True)]


def test_a_year_long_statistic_is_not_the_incidents_toll() -> None:
    import datetime as dt

    from discrepancy.extract import extract
    from discrepancy.link.scope import scope_claims
    from discrepancy.models import Article, Kind

    text = (
        "A 4-year-old boy was killed on Sunday when he found a loaded gun at home in Ocala. "
        "Nationwide, 130 children died in accidental shootings in 2016, a study found."
    )
    article = Article(id="a", text=text, published=dt.date(2017, 3, 6))
    killed = [c for c in scope_claims(extract(article)) if c.kind == Kind.KILLED]
    assert [(c.value, c.low) for c in killed] == [("A 4-year-old boy", 1)]
