from tests.extract.test_troops import troops


def test_some_capitalised():
    assert troops("Some 3,000 US troops deployed to Poland, officials said.") == [
        ("Some 3,000", 2700, 3300, "US troops in Poland")
    ]


def test_are_stationed():
    assert troops("Around 2,500 US troops are stationed in Iraq.") == [
        ("Around 2,500", 2250, 2750, "US troops in Iraq")
    ]


def test_casualty_after_place_list():
    assert troops("More than 40 US troops in Iraq and Syria were wounded in the attacks.") == []
