from tests.extract.test_people import names


def test_role_before_name_without_comma():
    s = 'The strike killed Kataib Hezbollah commander Khalid Hamid "Abu Jafar" al-Tamimi, the group said.'
    found = [(n.text, n.is_organization, n.role) for n in names(s)]
    assert ('Khalid Hamid "Abu Jafar" al-Tamimi', False, "commander") in found, found


def test_spokesman_with_rank_is_not_suspect():
    s = "A spokesman for the Springfield Police Department, Sgt. Lena Ortiz, said the gunman fled on foot."
    found = [(n.text, n.is_organization, n.role) for n in names(s)]
    assert ("Lena Ortiz", False, "spokesman") in found, found


def test_org_with_in_place():
    s = "The attack was claimed by the Islamic Resistance in Iraq, an umbrella group of militias."
    found = [(n.text, n.is_organization, n.role) for n in names(s)]
    assert ("Islamic Resistance in Iraq", True, None) in found, found


def person_claims(text):
    from discrepancy.extract import extract
    from discrepancy.models import Article, Kind

    found = extract(Article(id="t", text=text)).claims
    return [(c.value, c.subject) for c in found if c.kind == Kind.PERSON]


def test_a_body_or_a_headline_in_a_casualty_sentence_is_no_person():
    # The sentence's casualty word names no person in these runs.
    assert person_claims("Rescue Services said nine people died in Varnak Oblast on Friday.") == []
    assert person_claims("Boy Killed In Market Attack Is Buried. A boy was killed on Monday.") == []
    assert person_claims("Militia-run Dolvar hospital said 30 were killed.") == []


def test_a_name_in_a_casualty_sentence_is_still_a_victim():
    # Neither a role beside it nor a common given name: the casualty word still tells.
    assert person_claims("Tavion Merriweather was shot and killed on Elm Road.") == [
        ("Tavion Merriweather", "victim")
    ]


def test_a_country_that_acts_is_not_the_place_where():
    from discrepancy.extract import extract
    from discrepancy.models import Article

    actor = extract(Article(id="a", text="Portugal's air strikes in Yemen left four people dead."))
    assert actor.main_place is not None and actor.main_place.place.country == "YE"
    inside = extract(Article(id="b", text="Strikes in Iran's Sistan province killed four people."))
    assert inside.main_place is not None and inside.main_place.place.country == "IR"
