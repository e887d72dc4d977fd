from discrepancy.extract.attribution import find_attribution


def test_capital_according():
    assert (
        find_attribution("According to the Nineveh health directorate, two people were killed.")
        == "the Nineveh health directorate"
    )


def test_anonymous_official():
    assert (
        find_attribution(
            "A US defense official, speaking on condition of anonymity, said three drones were launched."
        )
        == "A US defense official"
    )


def test_said_in_a_statement():
    assert (
        find_attribution("The group said in a statement that its commander was killed.")
        == "The group"
    )


def test_claimed_by():
    assert (
        find_attribution(
            "The attack was claimed by the Islamic Resistance in Iraq, an umbrella group of militias."
        )
        != "The attack was"
    )


def test_told_the_agency():
    assert find_attribution("Two people were killed, officials told the agency.") == "officials"
