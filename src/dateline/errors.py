"""Exceptions that carry a one-line message for the user."""


class DatelineError(Exception):
    """An error the CLI reports as one line on stderr, without a traceback."""


class ModelNotFound(DatelineError):
    """No spaCy English pipeline is installed."""


class InputError(DatelineError):
    """An input file that cannot be read as an article."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
