"""The union-find behind name, background and incident grouping."""

from discrepancy.link.disjoint import DisjointSets


def test_union_joins_transitively_and_keeps_the_first_name() -> None:
    sets = DisjointSets(["a", "b", "c", "d"])
    sets.union("a", "b")
    sets.union("c", "b")
    assert {sets.find(x) for x in "abc"} == {"c"}
    assert sets.find("d") == "d"


def test_unknown_items_start_alone() -> None:
    sets: DisjointSets[int] = DisjointSets()
    assert sets.find(7) == 7
    sets.union(7, 8)
    assert sets.find(8) == 7
