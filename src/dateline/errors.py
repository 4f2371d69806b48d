"""Exceptions that carry a one-line message for the user."""


class DatelineError(Exception):
    """An error the CLI reports as one line on stderr, without a traceback."""


class ModelNotFound(DatelineError):
    """No spaCy English pipeline is installed (or the one named is not)."""


class InputError(DatelineError):
    """An input (a file, a line or a record of it) skipped or read only in part, and why."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class Interrupted(DatelineError):
    """The user stopped a build (Ctrl-C); what was committed before is kept."""
