from discrepancy.extract.names import person_rule


def test_hussein_is_not_hassan():
    assert person_rule("Ali Hussein", "Ali Hassan") is None


def test_hussein_is_not_hassan_arabic():
    assert person_rule("Ali Hussein al-Tamimi", "Ali Hassan al-Tamimi") is None


def test_abd_al():
    assert person_rule("Abd al-Karim Yunis", "Abdul-Karim Younis") is not None
