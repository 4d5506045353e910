"""The register/edit form: builds ``RegisterBook`` or ``UpdateBook`` and shows the outcome;
a valid ISBN is looked up (``gui.isbn_lookup``) and what was found is kept with the book."""

from __future__ import annotations

import re
from typing import Any
from uuid import UUID

from pydantic import ValidationError
from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.bridge import (
    BookSummary,
    CatalogueBridge,
    GenericCommand,
    RegisterBook,
    UpdateBook,
    details_command,
    hyphenated_isbn,
)
from gui.describe import elided
from gui.duplicate_check import DuplicateGuard
from gui.i18n import QT_TRANSLATE_NOOP
from gui.isbn_lookup import IsbnLookup

FIELDS = ("title", "author", "isbn")
MESSAGE_FADE_MS = 6000
"""How long a message that needs no answer ("Saved.") stays under the form."""
_ISBN_PREFIX = re.compile(r"^\s*ISBN(?:-1[03])?\s*:?\s*", re.IGNORECASE)


def isbn_text(typed: str) -> str:
    """The ISBN as typed or pasted, without a leading "ISBN", "ISBN-13:"... label."""
    return _ISBN_PREFIX.sub("", typed)


def error_colour(palette: QPalette) -> QColor:
    """A red readable on the palette's window colour (dark red on light, light red on dark)."""
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    return QColor("#ff8a80") if dark else QColor("#b00020")


FIELD_LABELS = {"title": "Title", "author": "Author", "isbn": "ISBN"}
"""English field names; :func:`field_label` gives them in the user's language."""


def field_label(field: str) -> str:
    """The name of ``field`` as the form shows it, translated."""
    labels = {
        "title": QCoreApplication.translate("BookForm", "Title"),
        "author": QCoreApplication.translate("BookForm", "Author"),
        "isbn": QCoreApplication.translate("BookForm", "ISBN"),
    }
    return labels.get(field, field.capitalize())


BOOK_RULES = (
    QT_TRANSLATE_NOOP("BookRules", "is required"),
    QT_TRANSLATE_NOOP("BookRules", "has a wrong check digit"),
    QT_TRANSLATE_NOOP("BookRules", "must have 10 or 13 digits"),
    QT_TRANSLATE_NOOP("BookRules", "must start with 978 or 979 when it has 13 digits"),
    QT_TRANSLATE_NOOP("BookRules", "may contain only digits, hyphens and spaces (and a final X)"),
    QT_TRANSLATE_NOOP("BookRules", "contains a control character"),
)
"""The core's fixed rule sentences (core/domain/isbn.py), for the translation; a rule not
listed here is shown as the core says it."""


def validation_message(error: ValidationError) -> tuple[str, str]:
    """(field, sentence naming it) for the first problem of a command's validation."""
    first = error.errors()[0]
    field = str(first["loc"][0]) if first["loc"] else "title"
    problem = first["msg"].removeprefix("Value error, ")
    if first["type"] == "missing":
        problem = "is required"
    problem = QCoreApplication.translate("BookRules", problem)
    return field, QCoreApplication.translate("BookForm", "{field} {problem}").format(
        field=field_label(field), problem=problem
    )


class BookForm(QWidget):
    """Title, author and ISBN fields with a Register (or Save) button.

    Enter in any field submits; while the command runs the button is disabled and further
    submissions are ignored. ``registered(command)`` is emitted when a registration of this
    form succeeded, so the window can select the new row once its event arrives.
    """

    registered = Signal(object)

    def __init__(self, bridge: CatalogueBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self.duplicate_guard: DuplicateGuard | None = None
        """Asks before registering a likely duplicate without an ISBN (set by the window)."""
        self._pending: GenericCommand[Any] | None = None
        self._editing: UUID | None = None
        self._build_fields()
        self._build_layout()
        self._connect()

    def _build_fields(self) -> None:
        self.title_edit = self._line_edit("titleEdit")
        self.author_edit = self._line_edit("authorEdit")
        self.isbn_edit = self._line_edit("isbnEdit")
        self.isbn_edit.setPlaceholderText(self.tr("ISBN-10 or ISBN-13"))
        self.register_button = QPushButton(self.tr("Register"), self)
        self.register_button.setObjectName("registerButton")
        self.register_button.setDefault(True)
        self.message = QLabel(self)
        self.message.setObjectName("formMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setAccessibleName(self.tr("Form message"))
        self._fade = QTimer(self, singleShot=True, interval=MESSAGE_FADE_MS)
        self._fade.timeout.connect(self.message.clear)
        for edit, name in (
            (self.title_edit, self.tr("Title")),
            (self.author_edit, self.tr("Author")),
            (self.isbn_edit, self.tr("ISBN")),
        ):
            edit.setAccessibleName(name)
        self.lookup_note = QLabel(self)
        self.lookup_note.setObjectName("lookupNote")
        self.lookup_note.setEnabled(False)  # greyed: a quiet line, never an error
        self.lookup = IsbnLookup(self._bridge, self._edits(), self.lookup_note)

    def _line_edit(self, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setClearButtonEnabled(True)
        return edit

    def _build_layout(self) -> None:
        fields = QFormLayout()
        for text, edit in (
            (self.tr("&Title"), self.title_edit),
            (self.tr("&Author"), self.author_edit),
            (self.tr("&ISBN"), self.isbn_edit),
        ):
            label = QLabel(text, self)
            label.setBuddy(edit)
            fields.addRow(label, edit)
        fields.addRow("", self.lookup_note)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.register_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(fields)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        # A QMainWindow has no dialog default-button handling: wire Enter explicitly.
        self.title_edit.returnPressed.connect(self.submit)
        self.author_edit.returnPressed.connect(self.submit)
        self.isbn_edit.returnPressed.connect(self._isbn_entered)
        self.register_button.clicked.connect(self.submit)
        cancel = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        cancel.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        cancel.activated.connect(self.cancel_edit)
        self._bridge.command_succeeded.connect(self._on_succeeded)
        self._bridge.command_failed.connect(self._on_failed)

    def _edits(self) -> tuple[QLineEdit, QLineEdit, QLineEdit]:
        return self.title_edit, self.author_edit, self.isbn_edit

    @property
    def editing(self) -> UUID | None:
        """The id of the book being edited, or ``None`` when registering."""
        return self._editing

    def _isbn_entered(self) -> None:
        if not self.lookup.takes_enter():
            self.submit()

    def submit(self) -> None:
        """Build the command from the fields and hand it to the bridge (once)."""
        if self._pending is not None:
            return
        try:
            command = self._command()
        except ValidationError as error:
            field, sentence = validation_message(error)
            self._show(sentence, error=True)
            getattr(self, f"{field}_edit", self.title_edit).setFocus()
            return
        self._pending = command
        if isinstance(command, RegisterBook):
            self.lookup.stop()
        self.register_button.setEnabled(False)
        self._show(self.tr("Saving…"))
        if isinstance(command, RegisterBook) and self.duplicate_guard is not None:
            self.duplicate_guard.register(
                command, lambda: self._bridge.submit(command), self._not_registered
            )
            return
        self._bridge.submit(command)

    def _not_registered(self) -> None:
        """The user did not confirm a likely duplicate: nothing was saved, the fields stay."""
        self._finish()
        self._show(self.tr("Not registered: that book is already in the catalogue."))
        self.title_edit.setFocus()

    def _command(self) -> RegisterBook | UpdateBook:
        title, author, isbn = (edit.text() for edit in self._edits())
        isbn = isbn_text(isbn)
        if self._editing is not None:
            return UpdateBook(id=self._editing, title=title, author=author, isbn=isbn)
        return RegisterBook(title=title, author=author, isbn=isbn)

    def edit(self, book: BookSummary) -> None:
        """Load ``book`` into the fields; submitting saves it with ``UpdateBook``."""
        self._editing = book.id
        self.lookup.paused = True
        self.title_edit.setText(book.title)
        self.author_edit.setText(book.author)
        self.isbn_edit.setText(hyphenated_isbn(book.isbn))
        self.register_button.setText(self.tr("Save"))
        self._show(self.tr("Editing “{title}” (Escape cancels)").format(title=elided(book.title)))
        self.title_edit.setFocus()
        self.title_edit.selectAll()

    def cancel_edit(self) -> None:
        """Leave edit mode, clearing the fields."""
        if self._editing is not None:
            self._leave_edit_mode()
            self._show("")

    def _leave_edit_mode(self) -> None:
        self._editing = None
        self.register_button.setText(self.tr("Register"))
        for edit in self._edits():
            edit.clear()
        self.lookup.paused = False
        self.lookup.forget()
        self.title_edit.setFocus()

    def _on_succeeded(self, command: object, _result: object) -> None:
        if command is not self._pending:
            return
        self._finish()
        if isinstance(command, RegisterBook):
            self._show(
                self.tr("Registered “{title}”.").format(title=elided(command.title)), fade=True
            )
            self._keep_found_details(command)
            self.registered.emit(command)
        else:
            self._show(self.tr("Saved."), fade=True)
        self._leave_edit_mode()

    def _keep_found_details(self, command: RegisterBook) -> None:
        """Store what the look-up found beyond title and author with the new book."""
        info = self.lookup.found_for(command.isbn)
        details = details_command(command.id, info) if info is not None else None
        if details is not None:
            self._bridge.submit(details)

    def _on_failed(self, command: object, message: str) -> None:
        if command is not self._pending:
            return
        self._finish()
        self._show(message, error=True)
        self.isbn_edit.setFocus()

    def _finish(self) -> None:
        self._pending = None
        self.register_button.setEnabled(True)

    def _show(self, text: str, *, error: bool = False, fade: bool = False) -> None:
        """Say ``text`` under the form (in the palette's error red when ``error``); a
        ``fade`` message clears itself after a while."""
        self.message.setText(text)
        colour = error_colour(self.palette()).name()
        self.message.setStyleSheet(f"color: {colour};" if error else "")
        if fade:
            self._fade.start()
        else:
            self._fade.stop()
