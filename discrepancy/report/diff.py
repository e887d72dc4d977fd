"""Compare two JSON reports: new, resolved and changed discrepancies between runs."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from discrepancy.align.identity import extends, folded, successors
from discrepancy.errors import DiscrepancyError

SCHEMA = "discrepancy-diff/1"
REPORT_SCHEMA = "discrepancy-report/1"


class ReportFileError(DiscrepancyError):
    """A report file that cannot be compared."""


def load_report(path: str | Path) -> dict[str, Any]:
    """Read a discrepancy-report/1 JSON file; ReportFileError names what is wrong."""
    where = str(path)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReportFileError(f'report "{where}" does not exist; check the path') from None
    except json.JSONDecodeError as exc:
        raise ReportFileError(
            f'report "{where}" is not valid JSON ({exc.msg} at line {exc.lineno}); give a '
            "report written by `discrepancy check ... --format json`"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ReportFileError(f'cannot read report "{where}": {exc}') from None
    if not isinstance(data, dict) or data.get("schema") != REPORT_SCHEMA:
        raise ReportFileError(
            f'"{where}" is not a {REPORT_SCHEMA} report; give a report written by '
            "`discrepancy check ... --format json`"
        )
    if not isinstance(data.get("discrepancies"), list):
        raise ReportFileError(f'report "{where}" has no "discrepancies" list')
    return data


def identity(item: Mapping[str, Any]) -> str:
    """A discrepancy's fingerprint; reports from before fingerprints get one from their values."""
    given = item.get("fingerprint")
    if isinstance(given, str) and given:
        return given
    values = sorted({str(v).strip().lower() for v in item.get("values", [])})
    parts = [str(item.get("incident")), str(item.get("kind")), str(item.get("subject") or "")]
    return "values:" + hashlib.sha256("\x1f".join(parts + values).encode()).hexdigest()[:16]


def _fact_key(item: Mapping[str, Any], renamed: Mapping[str, str]) -> tuple[str, str, str]:
    incident = str(item.get("incident"))
    return (renamed.get(incident, incident), str(item.get("kind")), str(item.get("subject") or ""))


def _brief(item: Mapping[str, Any]) -> dict[str, Any]:
    brief = {
        "fingerprint": identity(item),
        "incident": item.get("incident"),
        "kind": item.get("kind"),
        "subject": item.get("subject"),
        "status": item.get("status"),
        "values": list(item.get("values", [])),
        "articles": list(item.get("articles", [])),
    }
    if item.get("carried"):
        brief["carried"] = item["carried"]
    return brief


def diff_reports(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    """New, resolved and changed discrepancies from the old report to the new one.

    Same fingerprint: the same discrepancy (changed if its status moved). Different
    fingerprints on the same fact (incident, kind and subject): one discrepancy whose values
    changed, or whose incident was renamed (an article published earlier joined it: the new
    report's incident holding most of the old one's articles). An old discrepancy none of
    whose articles the new report covers (a `check --db` report of another batch's incidents)
    is not compared rather than resolved. A changed discrepancy that only gained values
    carries the decision the old report records, as "reviewed before the new value".
    """
    covered = {str(a.get("id")) for a in new.get("articles", [])}
    renamed = successors(old.get("incidents", []), list(new.get("incidents", [])))
    before = {identity(d): d for d in old.get("discrepancies", [])}
    after = {identity(d): d for d in new.get("discrepancies", [])}
    changed: list[dict[str, Any]] = []
    unchanged = 0
    for key in before.keys() & after.keys():
        if before[key].get("status") != after[key].get("status"):
            changed.append(_change(before[key], after[key], ["status"]))
        else:
            unchanged += 1
    gone = [d for k, d in before.items() if k not in after]
    came = [d for k, d in after.items() if k not in before]
    new_items: list[Mapping[str, Any]] = []
    waiting = {_fact_key(d, renamed): d for d in gone}
    paired: set[str] = set()
    for item in came:
        match = waiting.pop(_fact_key(item, {}), None)
        if match is None:
            new_items.append(item)
            continue
        paired.add(identity(match))
        what = []
        if match.get("incident") != item.get("incident"):
            what.append("incident")
        if "incident" not in what or folded(match.get("values", [])) != folded(
            item.get("values", [])
        ):
            what.append("values")
        if match.get("status") != item.get("status"):
            what.append("status")
        changed.append(_change(match, item, what))
    unpaired = [d for d in gone if identity(d) not in paired]
    resolved = [d for d in unpaired if covered & {str(a) for a in d.get("articles", [])}]
    order = _order(new, old)
    return {
        "schema": SCHEMA,
        "new": sorted((_brief(d) for d in new_items), key=order),
        "resolved": sorted((_brief(d) for d in resolved), key=order),
        "changed": sorted(changed, key=lambda c: order(c["new"])),
        "unchanged": unchanged,
        "not_compared": len(unpaired) - len(resolved),
    }


def _change(old: Mapping[str, Any], new: Mapping[str, Any], what: Sequence[str]) -> dict[str, Any]:
    old_values = list(old.get("values", []))
    new_values = list(new.get("values", []))
    change = {
        "changed": list(what),
        "old": _brief(old),
        "new": _brief(new),
        "added_values": [v for v in new_values if v not in old_values],
        "removed_values": [v for v in old_values if v not in new_values],
    }
    carried = new.get("carried") or _decided(old)
    if carried and extends(new_values, old_values):
        change["carried"] = carried
    return change


def _decided(item: Mapping[str, Any]) -> dict[str, Any] | None:
    """The decision an annotated report records about a discrepancy, if any."""
    if not item.get("decision"):
        return None
    return {
        "fingerprint": identity(item), "decision": item["decision"],
        "reviewer": item.get("reviewer"), "note": item.get("note"),
        "values": list(item.get("values", [])),
    }  # fmt: skip


def _order(*reports: Mapping[str, Any]) -> Any:
    position: dict[str, int] = {}
    for report in reports:
        for incident in report.get("incidents", []):
            position.setdefault(str(incident.get("id")), len(position))

    def key(item: Mapping[str, Any]) -> tuple[int, str, str, str]:
        incident = str(item.get("incident"))
        return (position.get(incident, len(position)), incident, str(item.get("kind")),
                str(item.get("subject") or ""))  # fmt: skip

    return key


def _line(item: Mapping[str, Any]) -> str:
    subject = f" ({item['subject']})" if item.get("subject") else ""
    values = " / ".join(str(v) for v in item.get("values", []))
    return f"{item.get('incident')} {item.get('kind')}{subject} {item.get('status')}: {values}"


def format_text(diff: Mapping[str, Any]) -> str:
    """The diff as plain text, one discrepancy per line, for a terminal or a CI log."""
    lines = [
        f"new: {len(diff['new'])}  resolved: {len(diff['resolved'])}  "
        f"changed: {len(diff['changed'])}  unchanged: {diff['unchanged']}"
        + (f"  not in the new report: {diff['not_compared']}" if diff.get("not_compared") else "")
    ]
    for item in diff["new"]:
        carried = item.get("carried")
        said = f"  (reviewed before the new value: {_decision(carried)})" if carried else ""
        lines.append(f"+ {_line(item)}  [{item['fingerprint']}]{said}")
    for item in diff["resolved"]:
        lines.append(f"- {_line(item)}  [{item['fingerprint']}]")
    for change in diff["changed"]:
        detail = []
        if change["added_values"]:
            detail.append("added " + ", ".join(change["added_values"]))
        if change["removed_values"]:
            detail.append("removed " + ", ".join(change["removed_values"]))
        if "status" in change["changed"]:
            detail.append(f"status {change['old']['status']} -> {change['new']['status']}")
        if "incident" in change["changed"]:
            detail.append(f"incident {change['old']['incident']} -> {change['new']['incident']}")
        if change.get("carried"):
            detail.append(f"reviewed before the new value: {_decision(change['carried'])}")
        lines.append(f"~ {_line(change['new'])}  ({'; '.join(detail)})")
    return "\n".join(lines) + "\n"


def _decision(carried: Mapping[str, Any]) -> str:
    who = f" by {carried['reviewer']}" if carried.get("reviewer") else ""
    note = f": {carried['note']}" if carried.get("note") else ""
    return f"{carried.get('decision')}{who}{note}"


def format_json(diff: Mapping[str, Any]) -> str:
    """The diff as JSON text."""
    return json.dumps(diff, ensure_ascii=False, indent=2) + "\n"
