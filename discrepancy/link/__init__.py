"""Link stage: Extractions in; scoped Claims, Profiles and groups of articles out.

`scope` decides which incident each claim is about (the article's own, another one it
mentions in passing, or none: a war's running total) and `subjects` which part of it a count
is about (a group, a hospital, a district); `roundups` splits a story that tells several
shootings; `profile` reduces an article to the evidence grouping weighs (`struck` reads where a
strike hit and what it hit), and `grouping` joins articles that report one incident (neither
two groups with people of their own, `participants`, nor two groups one link chains, `chains`).
"""

from discrepancy.link.grouping import group_articles, pair_score
from discrepancy.link.profile import Profile, profile
from discrepancy.link.scope import MAIN, scope_claims

__all__ = ["MAIN", "Profile", "group_articles", "pair_score", "profile", "scope_claims"]
