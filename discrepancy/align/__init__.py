"""Align stage: an incident's scoped Claims in; Facts (one per kind and subject) out.

Claims about one thing are compared across sources: intervals that cannot all hold are a
conflict, figures that rise over dated reports a revision, spellings joined by a name rule a
variant. Discrepancies are the flagged facts, flattened with a stable fingerprint.
"""

from discrepancy.align.facts import align_incidents, discrepancies, fingerprint

__all__ = ["align_incidents", "discrepancies", "fingerprint"]
