"""Reports for CI systems: JUnit XML, SARIF 2.1.0 and the one-line summary on stderr."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote

from discrepancy import __version__
from discrepancy.align.facts import KIND_ORDER, fingerprint
from discrepancy.models import Article, Claim, Discrepancy, Fact, Incident, Report, Review, Status

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SUMMARY_PREFIX = "discrepancy-summary"
# SARIF counts columns in UTF-16 code units unless told otherwise; our offsets are Python
# string indexes, i.e. code points.
COLUMN_KIND = "unicodeCodePoints"

# What each kind's SARIF rule says; kinds missing here get a generic text.
RULE_TEXT = {
    "killed": "Sources disagree on how many people were killed",
    "wounded": "Sources disagree on how many people were wounded",
    "troops": "Sources disagree on a troop count",
    "person": "Sources name a person involved differently",
    "organization": "Sources name an organization differently",
    "date": "Sources disagree on when the incident happened",
    "location": "Sources disagree on where the incident happened",
}
_LEVEL = {Status.CONFLICT: "error", Status.VARIANT: "warning"}
# XML 1.0 cannot carry most control characters, even escaped; crawled text sometimes has them.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def summary_line(summary: Mapping[str, Any]) -> str:
    """The machine-readable one-line summary: the prefix, a space, compact JSON."""
    return SUMMARY_PREFIX + " " + json.dumps(dict(summary), separators=(",", ":"))


def _facts_by_fingerprint(report: Report) -> dict[str, tuple[Incident, Fact]]:
    found = {}
    for incident in report.incidents:
        for fact in incident.facts:
            if fact.status in _LEVEL:
                found[fingerprint(incident.id, fact)] = (incident, fact)
    return found


def _describe(found: Discrepancy) -> str:
    subject = f" ({found.subject})" if found.subject else ""
    return f"{found.kind.value}{subject} {found.status.value}: {' / '.join(found.values)}"


def _xml_text(text: str) -> str:
    return _XML_INVALID.sub("\ufffd", text)


# ---------------------------------------------------------------------------
# JUnit
# ---------------------------------------------------------------------------


def to_junit(report: Report, reviews: Mapping[str, Review] | None = None) -> str:
    """JUnit XML: a testcase per incident, a failure per unreviewed discrepancy in it."""
    # Imported here: the other formats (and a run writing JSON only) do not need it.
    import xml.etree.ElementTree as ET

    reviews = reviews or {}
    facts = _facts_by_fingerprint(report)
    by_incident: dict[str, list[Discrepancy]] = {}
    for found in report.discrepancies:
        by_incident.setdefault(found.incident, []).append(found)
    suites = ET.Element("testsuites", name="discrepancy")
    suite = ET.SubElement(suites, "testsuite", name="discrepancy", errors="0", skipped="0",
                          time="0")  # fmt: skip
    failing_cases = 0
    for incident in report.incidents:
        label = incident.label if incident.articles else f"{incident.label} (mentioned in passing)"
        case = ET.SubElement(suite, "testcase", classname="discrepancy.link.grouping",
                             name=_xml_text(f"{incident.id} {label}"), time="0")  # fmt: skip
        notes = []
        failed = False
        for found in by_incident.get(incident.id, []):
            review = reviews.get(found.fingerprint)
            body = _junit_body(found, facts.get(found.fingerprint), review)
            if review is not None and review.reviewed:
                notes.append(f"reviewed ({review.decision}): {body}")
                continue
            failed = True
            failure = ET.SubElement(case, "failure", message=_xml_text(_describe(found)),
                                    type=found.status.value)  # fmt: skip
            failure.text = _xml_text(body)
        if notes:
            ET.SubElement(case, "system-out").text = _xml_text("\n\n".join(notes))
        failing_cases += failed
    for element in (suites, suite):
        element.set("tests", str(len(report.incidents)))
        element.set("failures", str(failing_cases))
    suites.set("errors", "0")
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, "unicode") + "\n"


def _junit_body(
    found: Discrepancy, located: tuple[Incident, Fact] | None, review: Review | None
) -> str:
    lines = [_describe(found), f"fingerprint: {found.fingerprint}"]
    if review is not None:
        who = f" by {review.reviewer}" if review.reviewer else ""
        note = f": {review.note}" if review.note else ""
        said = "reviewed before the new value" if review.carried else "decision"
        lines.append(f"{said}: {review.decision}{who}{note}")
    if located is not None:
        for claim in located[1].claims:
            lines.append(f'- {claim.article}: "{claim.value}" in: {claim.sentence.strip()}')
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# SARIF
# ---------------------------------------------------------------------------


def to_sarif(report: Report, reviews: Mapping[str, Review] | None = None) -> dict[str, Any]:
    """A SARIF 2.1.0 log: one rule per kind, one result per discrepancy, evidence as regions."""
    reviews = reviews or {}
    kinds = [k.value for k in KIND_ORDER]
    kinds += sorted({d.kind.value for d in report.discrepancies} - set(kinds))
    rules = [_rule(kind) for kind in kinds]
    articles = {a.id: a for a in report.articles}
    facts = _facts_by_fingerprint(report)
    results = [
        _result(found, kinds.index(found.kind.value), facts.get(found.fingerprint), articles,
                reviews.get(found.fingerprint))
        for found in report.discrepancies
    ]  # fmt: skip
    return {
        "$schema": SARIF_SCHEMA_URI,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "discrepancy",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": rules,
                    }
                },
                "columnKind": COLUMN_KIND,
                "results": results,
            }
        ],
    }


def to_sarif_json(report: Report, reviews: Mapping[str, Review] | None = None) -> str:
    """The SARIF log as JSON text."""
    return json.dumps(to_sarif(report, reviews), ensure_ascii=False, indent=2) + "\n"


def _rule(kind: str) -> dict[str, Any]:
    text = RULE_TEXT.get(kind, f"Sources disagree on {kind.replace('_', ' ')}")
    return {
        "id": kind,
        "name": "".join(part.capitalize() for part in kind.split("_")) + "Discrepancy",
        "shortDescription": {"text": text},
        "fullDescription": {
            "text": f"{text}. A conflict (the claims cannot all be true) is an error; a "
            "variant (the same referent written differently) is a warning."
        },
        "defaultConfiguration": {"level": "error"},
        "help": {
            "text": "Check the quoted sentences against each source. Record a decision "
            "(confirmed conflict, false alarm, accepted) in the baseline so the "
            "discrepancy no longer fails the run."
        },
    }


def _result(
    found: Discrepancy,
    rule_index: int,
    located: tuple[Incident, Fact] | None,
    articles: Mapping[str, Article],
    review: Review | None,
) -> dict[str, Any]:
    incident = located[0] if located else None
    where = f" in incident {found.incident}" + (f" ({incident.label})" if incident else "")
    claims = list(located[1].claims) if located else []
    said = "; ".join(f'{c.article} says "{c.value}"' for c in claims)
    result: dict[str, Any] = {
        "ruleId": found.kind.value,
        "ruleIndex": rule_index,
        "level": _LEVEL[found.status],
        "message": {"text": f"{_describe(found)}{where}" + (f". {said}." if said else "")},
        "partialFingerprints": {"discrepancyFingerprint/v1": found.fingerprint},
        "properties": {
            "incident": found.incident,
            "status": found.status.value,
            "subject": found.subject,
            "values": list(found.values),
            "articles": list(found.articles),
            "fingerprint": found.fingerprint,
            "decision": review.decision if review and not review.carried else None,
        },
    }
    locations = [_location(c, articles.get(c.article), n) for n, c in enumerate(claims, 1)]
    if locations:
        result["locations"] = locations[:1]
        if len(locations) > 1:
            result["relatedLocations"] = locations[1:]
    if review is not None and review.carried:
        result["properties"]["reviewedBeforeNewValue"] = review.decision
    if review is not None and review.reviewed:
        justification = review.decision + (f": {review.note}" if review.note else "")
        result["suppressions"] = [
            {"kind": "external", "status": "accepted", "justification": justification}
        ]
    return result


def _location(claim: Claim, article: Article | None, ident: int) -> dict[str, Any]:
    location: dict[str, Any] = {
        "id": ident,
        "message": {"text": f'{claim.article}: "{claim.value}"'},
        "logicalLocations": [{"name": claim.article, "kind": "module"}],
    }
    uri = _uri(article.path) if article is not None and article.path else None
    if article is None or uri is None:
        return location
    region: dict[str, Any]
    if article.line is not None:
        # A JSONL or CSV row: the text sits inside quoting, so only the line is exact.
        region = {"startLine": article.line}
    else:
        region = _region(article.text, claim.start, claim.end)
    region["snippet"] = {"text": claim.value}
    location["physicalLocation"] = {"artifactLocation": {"uri": uri}, "region": region}
    return location


def _region(text: str, start: int, end: int) -> dict[str, Any]:
    """1-based line and column of [start, end) in text; the end column is exclusive."""

    def position(offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, len(text)))
        line = text.count("\n", 0, offset) + 1
        return line, offset - (text.rfind("\n", 0, offset) + 1) + 1

    start_line, start_column = position(start)
    end_line, end_column = position(end)
    return {"startLine": start_line, "startColumn": start_column, "endLine": end_line,
            "endColumn": end_column}  # fmt: skip


def _uri(path: str) -> str | None:
    """A relative URI for files under the working folder (what code scanning expects)."""
    if path.startswith("<"):  # "<stdin>"
        return None
    given = Path(path)
    if given.is_absolute():
        try:
            given = given.relative_to(Path.cwd())
        except ValueError:
            return given.as_uri()
    return quote(given.as_posix().replace(os.sep, "/"), safe="/")
