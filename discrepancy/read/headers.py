"""Header lines of a text as metadata: a date marker, an agency, a dateline, a headline."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from discrepancy.models import Article, Skipped
from discrepancy.read.encoding import repair

# Wire services whose name alone on the first line of a text credits the article to them.
# Lower case for matching; short codes that are also common words ("Trend", "Petra",
# "SPA") are left out because a line holding only such a word is more often not a credit.
AGENCIES = frozenset(
    {
        "aap", "adnkronos", "afp", "agence france-presse", "agence france presse", "agencia efe",
        "ani", "anadolu", "anadolu agency", "anadolu ajansi", "ansa", "antara", "ap",
        "asian news international", "associated press", "the associated press", "bernama", "belga",
        "bloomberg", "canadian press", "the canadian press", "deutsche presse-agentur", "dpa",
        "efe", "europa press", "ians", "interfax", "irna", "isna", "kuna", "kyodo", "kyodo news",
        "lusa", "mena", "notimex", "pap", "press trust of india", "prensa latina", "pti", "qna",
        "reuters", "ria novosti", "sana", "sputnik", "tass", "tasnim", "uni",
        "united press international", "upi", "wafa", "xinhua", "xinhua news agency", "yonhap",
        "yonhap news agency",
    }
)  # fmt: skip

# Words that make a short capitalised line (or dateline candidate) page furniture or a
# headline rather than a place: "BREAKING", "Advertisement", "By Jane Doe".
NOT_PLACE_WORDS = frozenset(
    {
        "advertisement", "analysis", "breaking", "by", "clarification", "close", "comments",
        "correction", "editorial", "email", "exclusive", "home", "latest", "live", "menu",
        "news", "opinion", "page", "photo", "photos", "police", "posted", "print", "related",
        "search", "share", "sponsored", "subscribe", "the", "update", "updated", "urgent",
        "video", "watch", "today", "tonight", "twitter", "facebook",
    }
)  # fmt: skip

# " date 2024-01-04 " at the very start of a text: a publication-date marker some crawls
# prepend; it is metadata, not part of the report.
DATE_MARKER = re.compile(r"\s*date[ \t]+(?P<date>\d{4}-\d{2}-\d{2})(?=\s|\Z)\s*", re.IGNORECASE)

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# Dashes that close a dateline; a bare hyphen only with spaces around it (see below).
_DATELINE_DASH = "(?:\u2014|\u2013|\u2015|--|-)"  # em, en, horizontal bar
# Quote marks a sentence may open with: straight, and curly double/single.
_OPENING_QUOTES = "\"'\u201c\u2018"
# An inline dateline opening the body: "BAGHDAD — ", "WASHINGTON (AP) — ",
# "ELGIN, Ill. -- ", "Kabul, Jan 5 (Reuters) - ", "NEW DELHI: ". The text after it must
# start a sentence, which keeps "Abu Bakr — the commander — ..." from reading as a dateline.
INLINE_DATELINE = re.compile(
    rf"""(?P<place>[^\W\d_][\w'\u2019.-]*(?:[ ][^\W\d_][\w'\u2019.-]*){{0,2}})
        (?:,[ ]?(?P<region>[^\W\d_][\w.]*(?:[ ][^\W\d_][\w.]*)?))?
        (?:,?[ ](?P<date>{_MONTH}[ ]\d{{1,2}}(?:,[ ]\d{{4}})?))?
        [ ]*(?:\((?P<paren>[^()\n]{{1,40}})\)[ ]*)?
        (?P<dash>{_DATELINE_DASH}|:)[ ]+(?=[{_OPENING_QUOTES}(]?[A-Z0-9])""",
    re.VERBOSE,
)
# "(Reuters) - " opening the body without a place.
AGENCY_PREFIX = re.compile(
    rf"\((?P<paren>[^()\n]{{1,40}})\)[ ]*{_DATELINE_DASH}[ ]+(?=[{_OPENING_QUOTES}(]?[A-Z0-9])"
)
# Characters allowed inside a place word besides letters: "Winston-Salem", "St. John's".
_PLACE_PUNCTUATION = frozenset("'\u2019.-")
# A line ending like a sentence (or cut mid-sentence) is text, not a headline.
_SENTENCE_END = re.compile("[.!?\u2026:;,]['\"\u201d\u2019)\\]]*\\Z")
# Punctuation that may trail an agency or place line: "STOCKTON-", "Cairo:".
_TRAILING_DASHES = ":-\u2014\u2013"
# Headlines are short; anything longer is a paragraph without a full stop.
MAX_HEADLINE_CHARS = 160
# Agency, place, headline and byline lines come first; more than this many is body text.
MAX_HEADER_LINES = 5
# "By Jane Doe" / "By Sam Lee and Ana Ruiz, Staff Writers" credit the writers, not content.
BYLINE_WORDS = frozenset({"By", "BY"})
MAX_BYLINE_WORDS = 8


# A line that is only the article's date stamp: "December 23, 2012", "22 Jul 2013",
# "Thursday, Aug 18, 2011", "Posted on: 3: 35 pm, December 23, 2012", "3 / 27 / 2012 @ 10: 05AM".
# Crawled pages put it under the headline; it dates the article when no date is given.
_CLOCK = r"\d{1,2}\s?:\s?\d{2}(?:\s?(?:[ap]\.?m?\.?|[AP]\.?M?\.?))?(?:\s[A-Z]{2,4})?"
_STAMP_DATE = (
    rf"(?P<month>{_MONTH})\s(?P<day>\d{{1,2}}),?\s(?P<year>\d{{4}})"
    rf"|(?P<day2>\d{{1,2}})\s(?P<month2>{_MONTH})\s(?P<year2>\d{{4}})"
    r"|(?P<m3>\d{1,2})\s?/\s?(?P<d3>\d{1,2})\s?/\s?(?P<y3>\d{4})"
)
DATE_LINE = re.compile(
    rf"(?:(?:posted|published|updated)(?:\son)?:?\s|on\s)?"
    rf"(?:{_CLOCK},?\s)?"
    rf"(?:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*,?\s)?"
    rf"(?:{_STAMP_DATE})"
    rf"(?:,?\s?(?:@\s?)?{_CLOCK})?",
    re.IGNORECASE,
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# A field line at the head of a text, as a writer or a mail export gives one: "Title: ...",
# "Date: 2025-02-14T08:30:00Z", "Source: ...", "URL: ...".
FIELD_LINE = re.compile(
    r"(?P<field>title|headline|date|published|source|outlet|url)[ \t]*:[ \t]*(?P<value>\S.{0,499})",
    re.IGNORECASE,
)
_ISO_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?")


def date_line(line: str) -> dt.date | None:
    """The date a line stamps the article with, when the line is only a date (and time)."""
    if len(line) > 60:
        return None
    found = DATE_LINE.fullmatch(line.strip())
    if found is None:
        return None
    parts = found.groupdict()
    if parts["y3"]:
        year, month, day = int(parts["y3"]), int(parts["m3"]), int(parts["d3"])
    else:
        name = (parts["month"] or parts["month2"] or "")[:3].lower()
        year = int(parts["year"] or parts["year2"])
        month = _MONTHS.index(name) + 1
        day = int(parts["day"] or parts["day2"])
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# ---------------------------------------------------------------------------
# Leading metadata: date marker, agency, place, headline, inline dateline
# ---------------------------------------------------------------------------


@dataclass
class _Header:
    """What the leading lines of a text say about it, and where its content starts."""

    body_start: int = 0
    published: dt.date | None = None
    source: str | None = None
    dateline: str | None = None
    title: str | None = None
    url: str | None = None


def build_article(
    raw: str,
    ident: str,
    path: str,
    line: int | None,
    warnings: list[str],
    *,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    published: dt.date | None = None,
) -> Article | Skipped:
    """Repair a text, read its leading metadata and make the article."""
    warnings = list(warnings)
    text = repair(raw, warnings)
    if title is not None:
        title = repair(title, warnings)
    if source is not None:
        source = repair(source, warnings)
    header = _read_header(text, title, warnings)
    if not text[header.body_start :].strip():
        return Skipped(
            path, line, "no article text after the date marker; add the text or remove it"
        )
    return Article(
        id=ident,
        text=text,
        source=source or header.source,
        title=title or header.title,
        title_from_text=title is None and header.title is not None,
        published=published or header.published,
        path=path,
        url=url or header.url,
        dateline=header.dateline,
        body_start=header.body_start,
        line=line,
        warnings=tuple(dict.fromkeys(warnings)),
    )


def _skip_space(text: str, pos: int) -> int:
    """Return the first non-whitespace position at or after pos."""
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _read_header(text: str, given_title: str | None, warnings: list[str]) -> _Header:
    """Find the date marker, agency, place and headline lines that precede the content."""
    header = _Header()
    pos = _skip_space(text, 0)
    marker = DATE_MARKER.match(text, pos)
    if marker is not None:
        try:
            header.published = dt.date.fromisoformat(marker["date"])
        except ValueError:
            warnings.append(f"ignored invalid date marker {marker['date']!r}")
        pos = marker.end()
    headline = False
    for _ in range(MAX_HEADER_LINES):
        end = text.find("\n", pos)
        if end < 0:
            break
        line = text[pos:end].strip()
        after = _skip_space(text, end)
        if after >= len(text):
            break  # the last line is content, whatever it looks like
        if (field := FIELD_LINE.fullmatch(line)) is not None:
            headline = _read_field(field["field"].lower(), field["value"].strip(), header,
                                   given_title, warnings) or headline  # fmt: skip
        elif given_title is not None and not headline and _same_text(line, given_title):
            headline = True
        elif (stamp := date_line(line)) is not None:
            # A page may stamp its date above and below the headline; the first one counts.
            header.published = header.published or stamp
        elif header.source is None and (agency := _agency_line(line)) is not None:
            header.source = agency
        elif header.dateline is None and (
            place := _place_line(line, header.source is not None or headline)
        ):
            header.dateline = place
        elif _is_byline(line) or (len(line) <= _CAPTION_CHARS and _CAPTION_LINE.match(line)):
            pass  # a writer's or a photo's credit, a caption: neither content nor a field
        elif not headline and _is_headline(line, text, end):
            headline = True
            if given_title is None:
                header.title = _strip_heading(line)
        else:
            break
        pos = after
    if header.dateline is None:
        pos = _inline_dateline(text, pos, header)
    elif header.source is None:
        pos = _agency_prefix(text, pos, header)
    header.body_start = pos
    return header


def _read_field(
    field: str, value: str, header: _Header, given_title: str | None, warnings: list[str]
) -> bool:
    """Put a field line's value in the header; True when it was the headline."""
    if field in ("title", "headline"):
        if given_title is None:
            header.title = value
        return True
    if field in ("date", "published"):
        iso = _ISO_DAY.fullmatch(value)
        try:
            day = dt.date.fromisoformat(iso[1]) if iso else date_line(value)
        except ValueError:
            day = None
        if day is None:
            warnings.append(f"ignored a date line that is no date: {value[:40]!r}")
        header.published = header.published or day
    elif field in ("source", "outlet"):
        header.source = header.source or value
    else:
        header.url = header.url or value
    return False


def _same_text(line: str, other: str) -> bool:
    """Compare two strings ignoring case and runs of whitespace."""
    return " ".join(line.split()).casefold() == " ".join(other.split()).casefold()


def _agency_line(line: str) -> str | None:
    """Return the agency a line names on its own ("dpa", "(AFP)", "By Reuters"), if any."""
    name = line.strip().rstrip(_TRAILING_DASHES).strip()
    if name.startswith("(") and name.endswith(")"):
        name = name[1:-1].strip()
    if name.lower().startswith("by "):
        name = name[3:].strip()
    return name if name.lower() in AGENCIES else None


def _is_place_word(word: str) -> bool:
    """Tell whether a word can be part of a place name: capitalised letters."""
    core = word.rstrip(".")
    return (
        bool(core)
        and core[0].isupper()
        and all(char.isalpha() or char in _PLACE_PUNCTUATION for char in core)
        and core.lower() not in NOT_PLACE_WORDS
    )


def _place_line(line: str, after_credit: bool) -> str | None:
    """Return the cleaned place a line names on its own ("Cairo", "NEW DELHI"), if any."""
    line = line.rstrip(_TRAILING_DASHES).strip()
    place, _, region = line.partition(",")
    words = place.split()
    region_words = region.split()
    if not 1 <= len(words) <= 3 or len(region_words) > 2:
        return None
    if not all(_is_place_word(word) for word in words + region_words):
        return None
    # A short title-case line is as likely a headline ("Market Bombing Kills Five"); take it
    # as a place only in capitals, as one word, with a region, or after an agency/headline.
    if not (place.isupper() or len(words) == 1 or region_words or after_credit):
        return None
    return _clean_place(place, region)


def _clean_place(place: str, region: str | None) -> str:
    """Normalise a dateline place: "NEW DELHI" -> "New Delhi", keeping a region."""
    cleaned = " ".join(_title_word(word) for word in place.split())
    region = " ".join(region.split()) if region else ""
    if region:
        if region.isupper() and len(region) > 2 and "." not in region:
            region = region.title()
        cleaned = f"{cleaned}, {region}"
    return cleaned


def _title_word(word: str) -> str:
    """Title-case a word in capitals ("DELHI", "STE."), keeping initials like "D.C."."""
    core = word.rstrip(".")
    if len(core) < 2 or not core.isupper() or "." in core:
        return word
    return core.title() + word[len(core) :]


# A picture's credit or caption above the story: "Photo credit: Reuters", "Image caption: ...";
# a short line only: a crawl may run a gallery's captions and the story into one long line.
_CAPTION_CHARS = 100
_CAPTION_LINE = re.compile(
    r"(?:photo|image)\s*(?:credit|caption)?\s*:|(?:credit|caption)\s*:", re.IGNORECASE
)


def _is_byline(line: str) -> bool:
    """Tell whether a line only credits a writer ("By Jane Doe", "By Sam Lee, Staff")."""
    words = line.split()
    return (
        len(words) >= 2
        and len(words) <= MAX_BYLINE_WORDS
        and words[0] in BYLINE_WORDS
        and words[1][:1].isupper()
        and not _SENTENCE_END.search(line)
    )


def _is_headline(line: str, text: str, end: int) -> bool:
    """Tell whether a first line is a headline rather than the start of the text."""
    line = _strip_heading(line)
    if not line or len(line) > MAX_HEADLINE_CHARS or len(line.split()) < 2:
        return False
    if line[0].islower() or _SENTENCE_END.search(line):
        return False
    # A hard-wrapped paragraph continues on the next line in lower case.
    following = text[end + 1 :].lstrip(" \t\r")
    return not (following and following[0].islower())


def _strip_heading(line: str) -> str:
    """Drop a Markdown heading's leading '#' marks."""
    stripped = line.lstrip("#")
    if stripped != line and stripped.startswith(" "):
        return stripped.strip()
    return line


# A dateline in capitals with its outlet's credit and no dash: "ISLAMABAD, (City Wire - 17th
# Jan, 2024) Pakistan on Tuesday ...". Its region and dash groups are empty: it is read as an
# INLINE_DATELINE match is.
_CAPITALS_CREDIT_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z'\u2019.-]+(?:[ ][A-Z][A-Z'\u2019.-]+){0,2})(?P<region>)?,?[ ]+"
    r"\((?P<paren>[^()\n]{1,80})\)[ ]+(?P<dash>)(?=[A-Z\"\u201c])"
)


def _inline_dateline(text: str, pos: int, header: _Header) -> int:
    """Read an inline dateline ("BAGHDAD — ", "Kabul, Jan 5 (Reuters) - ") at pos."""
    match = INLINE_DATELINE.match(text, pos) or _CAPITALS_CREDIT_DATELINE.match(text, pos)
    if match is None:
        return _agency_prefix(text, pos, header)
    # "CLEVELAND-- Two men ...": the first hyphen of the dash is not part of the name.
    place, region = match["place"].rstrip("-"), match["region"]
    words = place.split() + (region.split() if region else [])
    if not all(_is_place_word(word) for word in words):
        return _agency_prefix(text, pos, header)
    # "Cairo: ..." is too often a label or quote; a colon closes only a dateline in capitals.
    if match["dash"] == ":" and not place.isupper():
        return _agency_prefix(text, pos, header)
    header.dateline = _clean_place(place, region)
    _credit(match["paren"], header)
    return match.end()


def _agency_prefix(text: str, pos: int, header: _Header) -> int:
    """Read a "(Reuters) - " credit opening the body at pos."""
    match = AGENCY_PREFIX.match(text, pos)
    if match is None or match["paren"].strip().lower() not in AGENCIES:
        return pos
    _credit(match["paren"], header)
    return match.end()


def _credit(paren: str | None, header: _Header) -> None:
    """Take a dateline's parenthesised outlet ("AP", "KDKA") as the source, not a date."""
    if paren is None or header.source is not None:
        return
    name = paren.strip()
    if name and not any(char.isdigit() for char in name):
        header.source = name
