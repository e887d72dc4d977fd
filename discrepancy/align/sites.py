"""One site per incident: "the hospital" is the hospital the incident's reports name.

Counts for one hospital are scoped by its name where a sentence gives it ("at the Vorin
hospital") and by a description where it does not ("in the children's hospital", "at the
hospital"). When an incident's claims name exactly one hospital, an unnamed hospital in its
other reports is that one: their figures are compared as one site's. With two named
hospitals, or none, an unnamed one is left as it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from discrepancy.models import Claim

# "at Okhmatdyt hospital", "at Saint Vorin clinic" (as the scope patterns write a named one).
_NAMED = re.compile(r"^at (?!the |a |an )\S.* (hospital|clinic)$")
# "at the hospital", "at a hospital", "in the children’s hospital", "in the main clinic".
_UNNAMED = re.compile(r"^(?:at|in) (?:the|a|an) (?:[\w’'\-]+ )?(hospital|clinic)$")


def one_named_site(claims: Sequence[Claim]) -> list[Claim]:
    """The claims, an unnamed hospital's (or clinic's) given the incident's one named
    hospital (or clinic) as subject."""
    named: dict[str, set[str]] = {}
    for claim in claims:
        found = _NAMED.match(claim.subject or "")
        if found:
            named.setdefault(found.group(1), set()).add(found.group())
    if not any(len(sites) == 1 for sites in named.values()):
        return list(claims)
    joined = []
    for claim in claims:
        unnamed = _UNNAMED.match(claim.subject or "")
        sites = named.get(unnamed.group(1), set()) if unnamed else set()
        joined.append(replace(claim, subject=next(iter(sites))) if len(sites) == 1 else claim)
    return joined
