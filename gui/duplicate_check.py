"""A book without an ISBN has nothing unique to refuse a second copy of its record by: before
the form registers one, the catalogue is asked whether a book with the same title and author
(case and accents ignored) is there, and if so the user confirms (product.md)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QWidget

from gui.bridge import CatalogueBridge, RegisterBook

type Confirm = Callable[[QWidget, str], bool]


class DuplicateGuard(QObject):
    """Runs ``submit`` for a registration at once, or — no ISBN and a likely duplicate — once
    the user says yes; ``refused`` is called when they say no."""

    def __init__(self, bridge: CatalogueBridge, confirm: Confirm, parent: QWidget) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._confirm = confirm
        self._parent = parent

    def register(
        self, command: RegisterBook, submit: Callable[[], object], refused: Callable[[], None]
    ) -> None:
        """Submit ``command`` (through ``submit``) unless the user refuses a likely duplicate."""
        if command.isbn:
            submit()
            return
        self._bridge.spawn(self._check(command, submit, refused))

    async def _check(
        self, command: RegisterBook, submit: Callable[[], object], refused: Callable[[], None]
    ) -> None:
        if not await self._bridge.likely_duplicate(command.title, command.author):
            submit()
            return
        # The question is a modal dialog: asked from the event loop, not inside this task.
        QTimer.singleShot(0, self, lambda: self._ask(command, submit, refused))

    def _ask(
        self, command: RegisterBook, submit: Callable[[], object], refused: Callable[[], None]
    ) -> None:
        question = QCoreApplication.translate(
            "DuplicateGuard",
            "“{title}” by {author} is already in the catalogue. Register another book with"
            " the same title and author?",
        ).format(title=command.title, author=command.author)
        if self._confirm(self._parent, question):
            submit()
        else:
            refused()
