"""The one family of errors the CLI turns into a message and exit code 2."""


class DiscrepancyError(Exception):
    """A problem the user can fix; the message says what failed and how."""


class InputError(DiscrepancyError):
    """No usable input, or an input that cannot be read at all."""


class UsageError(DiscrepancyError):
    """Options that do not fit together."""
