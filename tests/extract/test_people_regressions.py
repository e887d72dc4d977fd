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
