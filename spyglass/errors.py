"""One exception tree for spyglass; each boundary (CLI, API) translates it once."""

from __future__ import annotations


class SpyglassError(Exception):
    """Base of every error spyglass raises on purpose; its message is meant for a user."""


class ModelError(SpyglassError):
    """A value outside the declared model (unknown type, predicate, status, precision)."""


class StoreError(SpyglassError):
    """The store cannot be opened, migrated or queried."""


class QueryError(StoreError):
    """A search query the full-text engine cannot parse."""


class NotFound(SpyglassError):
    """A document, entity or case that the store does not hold."""


class InputError(SpyglassError):
    """A file or argument given by the user that cannot be used."""
