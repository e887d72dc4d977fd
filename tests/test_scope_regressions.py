from tests.test_scope import DRONE_LEAD, MAIN, scope_of, scoped


def test_tuesday_attack_elsewhere_when_main_is_wednesday():
    _, oc, after = scoped(
        DRONE_LEAD, "Tuesday's attack on a convoy near Erbil wounded three soldiers."
    )
    assert [(c.value, scope_of(c, after) != MAIN) for c in oc] == [("three", True)]
