"""Generate a synthetic JSONL corpus of news articles about violent incidents for benchmarks.

Run: .venv/bin/python benchmarks/generate.py 10000 -o /tmp/discrepancy-bench/synthetic-10000.jsonl

Several articles per incident with differing figures and wordings, published over a few
days; background paragraphs that mention other incidents; names spelled with transliteration
variants; filler paragraphs so that articles are about as long as crawled local news (~2 KB).
The same size and seed always give the same file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DIR = Path("/tmp/discrepancy-bench")

# (city, region as a dateline abbreviates it, region in full): places the gazetteer knows,
# so that grouping sees real cities and countries.
PLACES = [
    ("Elgin", "Ill.", "Illinois"), ("Aurora", "Ill.", "Illinois"), ("Peoria", "Ill.", "Illinois"),
    ("Dayton", "Ohio", "Ohio"), ("Toledo", "Ohio", "Ohio"), ("Akron", "Ohio", "Ohio"),
    ("Memphis", "Tenn.", "Tennessee"), ("Nashville", "Tenn.", "Tennessee"),
    ("Houston", "Texas", "Texas"), ("El Paso", "Texas", "Texas"), ("Austin", "Texas", "Texas"),
    ("Fresno", "Calif.", "California"), ("Oakland", "Calif.", "California"),
    ("Stockton", "Calif.", "California"), ("Tulsa", "Okla.", "Oklahoma"),
    ("Savannah", "Ga.", "Georgia"), ("Macon", "Ga.", "Georgia"), ("Flint", "Mich.", "Michigan"),
    ("Detroit", "Mich.", "Michigan"), ("Gary", "Ind.", "Indiana"), ("Camden", "N.J.", "New Jersey"),
    ("Baltimore", "Md.", "Maryland"), ("Richmond", "Va.", "Virginia"),
    ("Jackson", "Miss.", "Mississippi"), ("Shreveport", "La.", "Louisiana"),
    ("Mosul", "", "Iraq"), ("Kirkuk", "", "Iraq"), ("Baghdad", "", "Iraq"),
    ("Kabul", "", "Afghanistan"), ("Kandahar", "", "Afghanistan"), ("Aleppo", "", "Syria"),
    ("Maiduguri", "", "Nigeria"), ("Peshawar", "", "Pakistan"), ("Quetta", "", "Pakistan"),
]  # fmt: skip
STREETS = ["North", "Maple", "Oak", "Main", "Lincoln", "Washington", "Park", "Elm", "Cedar",
           "Walnut", "Jackson", "Franklin", "Hill", "Lake", "River", "Church"]  # fmt: skip
SITES = ["a bar", "a gas station", "an apartment complex", "a house party", "a parking lot",
         "a convenience store", "a nightclub", "a park", "a market", "a bus stop"]  # fmt: skip
OUTLETS = ["Valley Courier", "Metro Ledger", "Ridge Herald", "Capital Bulletin",
           "Harbour Post", "Plains Daily", "Lakeside Tribune", "County Observer",
           "Northern Wire", "Eastside Voice"]  # fmt: skip
# Given names and family names as one spelling per source: transliterations and common
# variants the checker must recognise as the same person.
GIVEN = [
    ("Mohammed", "Muhammad", "Mohamed"), ("Yusuf", "Youssef", "Yousef"), ("Karim", "Kareem"),
    ("Sergei", "Sergey"), ("Aleksandr", "Alexander"), ("Jon", "John"), ("Steven", "Stephen"),
    ("Marcus", "Markus"), ("Connor", "Conner"), ("Abdulrahman", "Abdul Rahman"),
    ("Katherine", "Catherine", "Kathryn"), ("Aisha", "Ayesha"), ("Olga",), ("Tyrone",),
    ("Jamal", "Djamal"), ("Hussein", "Husain", "Hussain"), ("Dmitri", "Dmitry"), ("Maria",),
    ("DeShawn", "Deshawn"), ("Brian", "Bryan"), ("Jeffrey", "Geoffrey"), ("Sean", "Shawn"),
]  # fmt: skip
FAMILY = [
    ("al-Hamdani", "al Hamdani", "Hamdani"), ("Mansour", "Mansur"), ("Tchaikovsky", "Chaikovsky"),
    ("Johnson",), ("Williams",), ("Rodriguez", "Rodrigues"), ("al-Tikriti", "al Tikriti"),
    ("Qureshi", "Kureishi"), ("Abdullahi", "Abdullah"), ("Thompson", "Thomson"), ("Brown",),
    ("Garcia",), ("Haddad", "Hadad"), ("Petrov",), ("Okafor",), ("Nguyen",), ("Davis",),
    ("Sulejmani", "Suleimani"), ("Kowalski", "Kowalsky"), ("Ibrahim", "Ebrahim"),
]  # fmt: skip
EVENTS = [
    ("shooting", "shot", "gunman", "opened fire"),
    ("stabbing", "stabbed", "attacker", "attacked people with a knife"),
    ("bombing", "killed in the blast", "bomber", "detonated explosives"),
]
NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                "ten", "eleven", "twelve"]  # fmt: skip
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip
FILLER = [
    "Anyone with information is asked to call the police tip line. Callers may remain "
    "anonymous, and a reward of up to $1,000 is offered for information leading to an arrest.",
    "Neighbors described the area as usually quiet. Several said they had heard what sounded "
    "like fireworks before the sirens started.",
    "The city council is scheduled to discuss a new community safety program at its next "
    "meeting, and residents have been invited to comment on the draft budget.",
    "Detectives spent the morning canvassing the block and collecting video from doorbell "
    "cameras and nearby businesses, a department spokesperson said.",
    "Sign up for our daily newsletter to get the latest local headlines delivered to your "
    "inbox every morning. Subscribers can also comment on stories.",
    "The investigation is ongoing, and no further details were immediately available. This "
    "story will be updated as more information becomes available.",
    "Community leaders planned a vigil for the weekend and urged residents to come forward "
    "with anything they saw. A local church offered counseling to families.",
    "Records show the department has investigated a rising number of assaults in the "
    "district this year, although overall crime remains below the level of a decade ago.",
    "The mayor said in a statement that the city would not tolerate violence and thanked "
    "first responders, adding that more officers would patrol the area this weekend.",
    "Court records show the property has changed hands several times, and the current "
    "owner could not be reached for comment on Friday afternoon.",
    "Traffic was diverted around the scene for several hours while crime scene technicians "
    "worked, and the street reopened shortly before noon.",
]


@dataclass(frozen=True)
class Incident:
    """What really happened: each article reports it with its own errors and wording."""

    number: int
    day: dt.date
    city: str
    short_region: str
    region: str
    kind: int
    killed: int
    wounded: int
    street: str
    block: int
    site: str
    victims: tuple[tuple[int, int], ...]
    suspect: tuple[int, int]
    suspect_age: int
    victim_ages: tuple[int, ...]


def _incident(rng: random.Random, number: int, start: dt.date, span_days: int) -> Incident:
    city, short_region, region = rng.choice(PLACES)
    killed = rng.choice([0, 0, 1, 1, 1, 2, 2, 3, 4, 5, 7, 12])
    wounded = rng.choice([0, 1, 1, 2, 2, 3, 4, 5, 6, 9, 15, 30])
    if killed + wounded == 0:
        wounded = 1
    victims = tuple(
        (rng.randrange(len(GIVEN)), rng.randrange(len(FAMILY))) for _ in range(min(killed, 2))
    )
    return Incident(
        number=number,
        day=start + dt.timedelta(days=rng.randrange(span_days)),
        city=city,
        short_region=short_region,
        region=region,
        kind=rng.choices(range(len(EVENTS)), weights=[8, 2, 1])[0],
        killed=killed,
        wounded=wounded,
        street=rng.choice(STREETS),
        block=rng.randrange(1, 40) * 100,
        site=rng.choice(SITES),
        victims=victims,
        suspect=(rng.randrange(len(GIVEN)), rng.randrange(len(FAMILY))),
        suspect_age=rng.randrange(17, 60),
        victim_ages=tuple(rng.randrange(14, 80) for _ in victims),
    )


def _name(rng: random.Random, person: tuple[int, int]) -> str:
    given, family = person
    return f"{rng.choice(GIVEN[given])} {rng.choice(FAMILY[family])}"


def _count(rng: random.Random, value: int) -> str:
    """A figure as a source might give it: a word, digits or 'at least'."""
    style = rng.random()
    text = NUMBER_WORDS[value] if value < len(NUMBER_WORDS) and style < 0.5 else str(value)
    return f"at least {text}" if style > 0.85 and value > 1 else text


def _reported(rng: random.Random, true: int, days_after: int) -> int:
    """Early reports undercount; some sources are simply off by one."""
    if days_after == 0 and true > 2 and rng.random() < 0.3:
        return true - rng.randint(1, min(2, true - 1))
    if rng.random() < 0.12:
        return max(0, true + rng.choice([-1, 1]))
    return true


def _when(rng: random.Random, incident: Incident, published: dt.date) -> str:
    gap = (published - incident.day).days
    if gap == 0 and rng.random() < 0.5:
        return rng.choice(["early today", "this morning", "tonight"])
    if gap <= 6 and rng.random() < 0.6:
        return f"on {WEEKDAYS[incident.day.weekday()]}"
    return f"on {MONTHS[incident.day.month - 1]} {incident.day.day}"


def _people(count: int) -> str:
    return "person was" if count == 1 else "people were"


def _where(incident: Incident) -> str:
    return f"{incident.city}, {incident.region}"


def _lead(rng: random.Random, incident: Incident, published: dt.date) -> str:
    noun, _, actor, act = EVENTS[incident.kind]
    days_after = (published - incident.day).days
    killed = _reported(rng, incident.killed, days_after)
    wounded = _reported(rng, incident.wounded, days_after)
    when = _when(rng, incident, published)
    where = _where(incident)
    k, w = _count(rng, killed), _count(rng, wounded)
    kp, wp = _people(killed), _people(wounded)
    a_actor = ("an " if actor[0] in "aeiou" else "a ") + actor
    templates = [
        f"{k.capitalize()} {kp} killed and {w} wounded in a {noun} at {incident.site} in "
        f"{where}, {when}, police said.",
        f"{a_actor.capitalize()} {act} at {incident.site} in {where} {when}, killing {k} and "
        f"injuring {w}, authorities said.",
        f"{w.capitalize()} {wp} injured and {k} died after a {noun} in the "
        f"{incident.block} block of {incident.street} Street in {where} {when}.",
        f"Police in {where} are investigating a {noun} {when} that left {k} dead and {w} "
        f"hurt near {incident.site}.",
    ]
    if killed == 0:
        templates = [
            f"{w.capitalize()} {wp} wounded in a {noun} at {incident.site} in {where} "
            f"{when}, police said.",
            f"{a_actor.capitalize()} {act} in {where} {when}, injuring {w}, officials said.",
        ]
    return rng.choice(templates)


def _details(rng: random.Random, incident: Incident) -> list[str]:
    noun, _, actor, _ = EVENTS[incident.kind]
    sentences = [
        f"Officers were called to the {incident.block} block of {incident.street} Street "
        f"shortly after {rng.randint(1, 11)}:{rng.choice(['05', '15', '30', '45'])} "
        f"{rng.choice(['a.m.', 'p.m.'])}"
    ]
    for person, age in zip(incident.victims, incident.victim_ages, strict=True):
        sentences.append(
            rng.choice(
                [
                    f"The victim was identified as {_name(rng, person)}, {age}.",
                    f"Family members identified one of those killed as {_name(rng, person)}.",
                    f"{_name(rng, person)}, {age}, died at the scene.",
                ]
            )
        )
    if rng.random() < 0.7:
        suspect = _name(rng, incident.suspect)
        sentences.append(
            rng.choice(
                [
                    f"Police arrested {suspect}, {incident.suspect_age}, in connection with "
                    f"the {noun}.",
                    f"The {actor} was identified as {suspect}, {incident.suspect_age}.",
                    f"{suspect} was charged with murder and is being held without bail.",
                ]
            )
        )
    if incident.wounded:
        sentences.append(
            rng.choice(
                [
                    "The wounded were taken to a local hospital; their conditions were not "
                    "released.",
                    "Those injured were treated at the scene or taken to hospital.",
                ]
            )
        )
    return sentences


def _background(rng: random.Random, other: Incident, published: dt.date) -> str:
    """A paragraph about an earlier incident, with its own figures, date and place."""
    noun = EVENTS[other.kind][0]
    gap = (published - other.day).days
    if 20 <= gap <= 45:
        when = "Last month,"
    elif gap > 300:
        when = f"In {MONTHS[other.day.month - 1]} {other.day.year},"
    else:
        when = f"On {MONTHS[other.day.month - 1]} {other.day.day},"
    killed = _count(rng, other.killed) if other.killed else "no one"
    return (
        f"{when} a {noun} in {_where(other)} killed {killed} "
        f"and wounded "
        f"{_count(rng, other.wounded)}, in what police called an unrelated case."
    )


def _article(
    rng: random.Random, incident: Incident, copy: int, earlier: list[Incident]
) -> dict[str, str]:
    published = incident.day + dt.timedelta(days=min(copy, 3) + rng.choice([0, 0, 1]))
    noun = EVENTS[incident.kind][0]
    paragraphs = [_lead(rng, incident, published), " ".join(_details(rng, incident))]
    if earlier and rng.random() < 0.35:
        other = rng.choice(earlier)
        if other.day < incident.day:
            paragraphs.append(_background(rng, other, published))
    paragraphs += rng.sample(FILLER, k=rng.randint(4, 8))
    if rng.random() < 0.3 and incident.short_region:
        city = incident.city.upper()
        paragraphs[0] = f"{city}, {incident.short_region} — {paragraphs[0]}"
    outlet = OUTLETS[(incident.number + copy) % len(OUTLETS)]
    title = rng.choice(
        [
            f"{incident.city} {noun} leaves {incident.killed} dead",
            f"Police investigate {noun} in {incident.city}",
            f"{noun.capitalize()} on {incident.street} Street",
            f"Victims of {incident.city} {noun} identified",
        ]
    )
    ident = f"syn-{incident.number:07d}-{copy}"
    return {
        "id": ident,
        "title": title,
        "published": published.isoformat(),
        "source": outlet,
        "url": f"https://news.example/{outlet.lower().replace(' ', '-')}/{ident}",
        "text": "\n\n".join(paragraphs),
    }


def generate(size: int, seed: int = 7) -> list[dict[str, str]]:
    """`size` articles (in memory; use `write` for large corpora)."""
    return list(_rows(size, seed))


def _rows(size: int, seed: int) -> Iterator[dict[str, str]]:
    rng = random.Random(seed)
    # About one incident a day per 30 articles keeps same-day, same-city coincidences rare
    # but present, as in a national archive.
    span = max(30, size // 3)
    start = dt.date(2014, 1, 1)
    recent: list[Incident] = []
    made = 0
    number = 0
    while made < size:
        incident = _incident(rng, number, start, span)
        number += 1
        copies = min(size - made, rng.choice([1, 2, 2, 3, 3, 3, 4, 5]))
        for copy in range(copies):
            yield _article(rng, incident, copy, recent)
        made += copies
        recent.append(incident)
        del recent[:-50]


def write(size: int, path: Path, seed: int = 7) -> Path:
    """Write the corpus as JSONL, one article a line, streaming."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        for row in _rows(size, seed):
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    temporary.replace(path)
    return path


def default_path(size: int, seed: int = 7) -> Path:
    suffix = "" if seed == 7 else f"-seed{seed}"
    return DEFAULT_DIR / f"synthetic-{size}{suffix}.jsonl"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", type=int, help="number of articles")
    parser.add_argument("-o", "--output", type=Path, help="JSONL file (default: under /tmp)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    path = write(args.size, args.output or default_path(args.size, args.seed), args.seed)
    print(f"wrote {args.size} articles to {path} ({path.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
