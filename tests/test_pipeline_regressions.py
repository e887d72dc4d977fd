from discrepancy.models import Kind
from tests.test_pipeline import STRIKE, report


def test_unkeyed_background_of_one_article_is_not_merged_with_another():
    r = report()
    bg = [
        i
        for i in r.incidents
        if not i.articles
        and any(c.value == "two" and c.kind == Kind.WOUNDED for f in i.facts for c in f.claims)
    ]
    assert [i.mentioned_in for i in bg] == [(STRIKE[0],)]
