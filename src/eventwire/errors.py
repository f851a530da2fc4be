"""Exception classes. Each message tells the user what went wrong and what to do."""

from __future__ import annotations


class EventwireError(Exception):
    """Base class for every error eventwire raises on purpose."""


class InputError(EventwireError):
    """An input (file, line, page) cannot be read as an article.

    The message names the input and the reason; the batch goes on without it.
    """

    def __init__(self, input_name: str, reason: str) -> None:
        super().__init__(f"{input_name}: {reason}")
        self.input_name = input_name
        self.reason = reason


class ModelNotFoundError(EventwireError):
    """No usable spaCy model is installed."""


class StoreError(EventwireError):
    """The database cannot be opened or written."""


class DataSetMissingError(EventwireError):
    """An evaluation set is not where it was looked for."""


class GazetteerError(EventwireError):
    """The gazetteer cannot be built or read, or a user gazetteer file is malformed."""


class KnowledgeError(EventwireError):
    """An actor dictionary or actor file cannot be read or is not in its format."""


class FetchError(EventwireError):
    """A URL cannot or may not be fetched: refused scheme or address, network error, HTTP error.

    The message names the URL and the reason.
    """

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
