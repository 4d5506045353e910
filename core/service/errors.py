"""Why a catalogue could not do what was asked: errors the storage adapters raise (or that the
catalogue translates theirs into), worded for the user."""

from __future__ import annotations

BUSY_MESSAGE = "the catalogue is busy (locked by another program); try again"


class CatalogueBusyError(RuntimeError):
    """Another program held the catalogue's write lock for longer than we waited; nothing was
    written. ``str(error)`` is for the user."""

    def __init__(self) -> None:
        super().__init__(BUSY_MESSAGE)


class CatalogueOfflineError(ConnectionError):
    """The shared catalogue's server could not be reached; nothing was written.

    ``str(error)`` is for the user and never holds a password.
    """


class WriteConflictError(RuntimeError):
    """A transaction could not be committed because another program committed a conflicting
    change meanwhile (e.g. took an ISBN a batch was adding); nothing of it was written."""


class CatalogueReadOnlyError(PermissionError):
    """The catalogue cannot be written (its file is read-only, or the database refuses
    writes); nothing was written. Writes work again once it is writable. ``str(error)`` is
    for the user."""


class CatalogueGoneError(FileNotFoundError):
    """The catalogue's file was deleted or replaced while it was open: nothing written now
    would last, so nothing was. ``str(error)`` is for the user."""
