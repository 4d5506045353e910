"""The form's "Add another copy" (``addCopyOffer``): a registration refused because its ISBN
is registered already says which book holds it (the bridge's message) and offers to add a
copy of that book instead."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QPushButton, QVBoxLayout

from gui.book_form import BookForm
from gui.bridge import AddCopy, BookSummary, CatalogueBridge, RegisterBook


class AnotherCopyOffer(QPushButton):
    """Shown below ``form`` after a registration of a registered ISBN; adds a copy of the
    book holding it when clicked, and hides again on the form's next command."""

    def __init__(self, bridge: CatalogueBridge, form: BookForm) -> None:
        super().__init__(form)
        self.setObjectName("addCopyOffer")
        self._bridge = bridge
        self.holder: BookSummary | None = None
        layout = form.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.addWidget(self)
        self.hide()
        self.clicked.connect(self.add_copy)
        bridge.command_failed.connect(self._on_failed)
        form.register_button.clicked.connect(self._withdraw)
        form.registered.connect(self._withdraw)

    def _on_failed(self, command: Any, _message: str) -> None:
        if isinstance(command, RegisterBook):
            self._bridge.read(self._offer(command.isbn))

    async def _offer(self, isbn: str) -> None:
        holder = await self._bridge.book_by_isbn(isbn)
        self.holder = holder
        if holder is None:
            self.hide()
            return
        self.setText(self.tr("Add another copy of “{title}”").format(title=holder.title))
        self.show()

    def _withdraw(self, *_args: object) -> None:
        self.hide()
        self.holder = None

    def add_copy(self) -> None:
        """A copy of the book holding the ISBN."""
        if self.holder is not None:
            self._bridge.submit(AddCopy(book_id=self.holder.id))
        self._withdraw()
