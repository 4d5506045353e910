"""Registering a book without an ISBN in the form: allowed, and a likely duplicate (same title
and author, case and accents ignored) only once the user confirms."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from gui.main_window import MainWindow
from tests.gui.actions import column_texts, register_through_the_bus, type_and_press_enter


class Answers:
    """A confirmation that answers as told and remembers the questions."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.questions: list[str] = []

    def __call__(self, _parent: QWidget, question: str) -> bool:
        self.questions.append(question)
        return self.answer


def test_a_book_without_isbn_is_registered(qtbot: QtBot, main_window: MainWindow) -> None:
    """An empty ISBN field registers a book with no ISBN, and asks nothing."""
    answers = Answers(False)
    main_window._confirm = answers
    type_and_press_enter(qtbot, main_window, "Beowulf", "Anonymous", "")
    qtbot.waitUntil(lambda: main_window.model.rowCount() == 1)
    assert (column_texts(main_window, 0), column_texts(main_window, 2)) == (["Beowulf"], [""])
    assert answers.questions == []


def test_a_likely_duplicate_is_registered_only_when_confirmed(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """The same title and author again: No keeps the fields and adds nothing; Yes adds it."""
    register_through_the_bus(qtbot, main_window, [("Carnets d'un été", "Jane Doe", "")])
    qtbot.waitUntil(lambda: main_window.model.rowCount() == 1)
    refusing = Answers(False)
    main_window._confirm = refusing
    type_and_press_enter(qtbot, main_window, "CARNETS D'UN ETE", "jane doe", "")
    qtbot.waitUntil(lambda: bool(refusing.questions))
    qtbot.waitUntil(lambda: main_window.form.register_button.isEnabled())
    assert "already in the catalogue" in refusing.questions[0]
    assert main_window.form.title_edit.text() == "CARNETS D'UN ETE"
    assert main_window.model.rowCount() == 1

    main_window._confirm = Answers(True)
    qtbot.keyClick(main_window.form.isbn_edit, "\r")
    qtbot.waitUntil(lambda: main_window.model.rowCount() == 2)
