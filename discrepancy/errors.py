"""The one family of errors the CLI turns into a message and exit code 2."""

import re

# Control characters (C0, DEL, C1) and bidirectional overrides in a file name or a reason
# would let an input forge lines on stderr (a fake discrepancy-summary) or reorder them.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(message: str) -> str:
    """The message with control and direction characters shown as escapes (\\n, \\x1b)."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), message)


class DiscrepancyError(Exception):
    """A problem the user can fix; the message says what failed and how."""


class InputError(DiscrepancyError):
    """No usable input, or an input that cannot be read at all."""


class UsageError(DiscrepancyError):
    """Options that do not fit together."""
