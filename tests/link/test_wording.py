"""Undated reports are compared by the wording of their whole stories, not their leads."""

from __future__ import annotations

import datetime as dt

from discrepancy.extract import extract
from discrepancy.link.grouping import group_articles
from discrepancy.link.profile import LEAD_SENTENCES, Profile, profile
from discrepancy.link.scope import scope_claims
from discrepancy.models import Article

# Two reports of one theft whose first sentences are the outlets' own scene-setting; the
# facts both give (the gallery, what was taken, the van) come after the lead.
LEAD_ONE = [
    "Collectors woke to unsettling news from the gallery on Fenwick Street.",
    "The small museum had long been a quiet stop for school trips.",
    "Few visitors ever lingered past the tea room.",
    "Local families remember the summer fairs held in its garden.",
    "Its trustees had warned for years about the state of the roof.",
    "The town council had promised new money last spring.",
    "Volunteers still run the ticket desk on weekends.",
    "Nobody expected the building to make national news.",
]
LEAD_TWO = [
    "It was meant to be an ordinary week at the gallery on Fenwick Street.",
    "Autumn rain had kept most tourists away.",
    "The curator was abroad at a conference.",
    "A new alarm system had been ordered but not fitted.",
    "Staff had just finished repainting the east wing.",
    "The cafe had closed early because of a power cut.",
    "Neighbours say the street is usually deserted at night.",
    "Police were called shortly before dawn.",
]
FACTS = [
    "Thieves took seven Delvaux etchings and a bronze heron from the Marrowby gallery.",
    "They escaped in a grey florist's van later found burnt near the Quarlow canal.",
    "Insurers valued the Delvaux etchings at two million pounds.",
    "A lorry driver saw two men in orange overalls loading crates before dawn.",
    "The heron had been cast by a local sculptor for the gallery's centenary.",
    "Cameras filmed a ladder propped against the skylight above the print room.",
    "The etchings had hung in the print room since the collection was bequeathed.",
    "Detectives asked auction houses in Antwerp and Ghent to watch for the etchings.",
]


def report(article_id: str, lead: list[str], published: dt.date | None) -> Profile:
    article = Article(id=article_id, text=" ".join([*lead, *FACTS]), published=published)
    extraction = extract(article)
    return profile(int(article_id), extraction, scope_claims(extraction))


def test_an_undated_report_keeps_the_words_of_its_whole_story() -> None:
    undated = report("0", LEAD_ONE, None)
    assert len(LEAD_ONE) >= LEAD_SENTENCES
    assert "delvaux" not in undated.words
    assert undated.story_words is not None and "delvaux" in undated.story_words
    assert report("1", LEAD_ONE, dt.date(2024, 10, 6)).story_words is None


# Other news of the batch, so that the words the two reports share are rare in it.
OTHER_NEWS = [
    "A storm closed the coast road at Penhallow and cut power to four villages.",
    "The rowing club at Eastmere elected a new captain after a close vote.",
    "Farmers near Tillbury reported a late frost that damaged the apple blossom.",
]


def test_undated_reports_alike_past_their_leads_are_one_event() -> None:
    found = [report("0", LEAD_ONE, None), report("1", LEAD_TWO, None)]
    for index, text in enumerate(OTHER_NEWS, start=2):
        extraction = extract(Article(id=str(index), text=text))
        found.append(profile(index, extraction, scope_claims(extraction)))
    assert [0, 1] in group_articles(found)
    # Dated, the same two reports are compared by their leads: apart.
    dated = [report("0", LEAD_ONE, dt.date(2024, 10, 6)), report("1", LEAD_TWO, None)]
    assert [0, 1] not in group_articles([*dated, *found[2:]])
