"""Every text a person can read in a widget tree, keyed by where it is shown.

``visible_texts(root)`` walks ``root`` and all its children (hidden ones too: a badge shown
later is still read): window and dock titles, labels, buttons, placeholders, tooltips,
status tips, accessible names, menu titles, actions, and the column headers of item views.
Two trees built the same way give the same keys, so the English and the French window can
be compared place by place.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QWidget,
)

type Texts = dict[str, str]


def visible_texts(root: QObject, prefix: str) -> Texts:
    """``{place: text}`` for every non-empty text under ``root``."""
    found: Texts = {}
    _visit(root, prefix, found)
    return found


def _visit(item: QObject, place: str, found: Texts) -> None:
    if isinstance(item, QWidget):
        _widget_texts(item, place, found)
    if isinstance(item, QAction):
        _action_texts(item, place, found)
    for number, child in enumerate(item.children()):
        if isinstance(item, QMenuBar) and _overflow(item, child):
            continue
        _visit(child, f"{place}/{number}:{type(child).__name__}#{child.objectName()}", found)


def _overflow(bar: QMenuBar, child: QObject) -> bool:
    """Qt's » button of a narrow menu bar, and its menu of the titles that did not fit
    (their texts are the menus' own, already walked; which ones overflow depends on width)."""
    if child.objectName() == "qt_menubar_ext_button":
        return True
    return isinstance(child, QMenu) and child.menuAction() not in bar.actions()


def _widget_texts(widget: QWidget, place: str, found: Texts) -> None:
    texts = {
        "toolTip": widget.toolTip(),
        "statusTip": widget.statusTip(),
        "whatsThis": widget.whatsThis(),
        "accessibleName": widget.accessibleName(),
        "accessibleDescription": widget.accessibleDescription(),
    }
    if widget.isWindow() or isinstance(widget, QDockWidget):
        texts["windowTitle"] = widget.windowTitle()
    if isinstance(widget, QLabel):
        texts["text"] = widget.text()
    if isinstance(widget, QAbstractButton):
        texts["text"] = widget.text()
    if isinstance(widget, QLineEdit):
        texts["placeholderText"] = widget.placeholderText()
    if isinstance(widget, QPlainTextEdit) and widget.isReadOnly():  # a report: each line
        for number, line in enumerate(widget.toPlainText().splitlines()):
            texts[f"line{number}"] = line
    if isinstance(widget, QMenu):
        texts["title"] = widget.title()
    if isinstance(widget, QGroupBox):
        texts["title"] = widget.title()
    # A list has no header (and Qt keeps its model's columnCount private).
    if isinstance(widget, QAbstractItemView) and not isinstance(widget, QListView):
        model = widget.model()
        for column in range(model.columnCount() if model is not None else 0):
            header = model.headerData(column, Qt.Orientation.Horizontal)
            texts[f"header{column}"] = header if isinstance(header, str) else ""
    for number, action in enumerate(widget.actions()):
        _action_texts(action, f"{place}/action{number}", found)
    _keep(texts, place, found)


def _action_texts(action: QAction, place: str, found: Texts) -> None:
    texts = {"text": action.text(), "toolTip": action.toolTip(), "statusTip": action.statusTip()}
    _keep(texts, place, found)


def _keep(texts: dict[str, str], place: str, found: Texts) -> None:
    for name, text in texts.items():
        if text.strip():
            found[f"{place}.{name}"] = text


def untranslated(english: Texts, translated: Texts, allowed: set[str]) -> list[str]:
    """The places whose text is the same in both walks (mnemonics and spaces aside), unless
    the text is allowed (a proper name, a code) or holds no letter."""
    left = []
    for place, text in english.items():
        other = translated.get(place)
        if other is None or _plain(other) != _plain(text):
            continue
        if _plain(text) in allowed or not any(ch.isalpha() for ch in text):
            continue
        left.append(f"{place}: {text!r}")
    return left


def _plain(text: str) -> str:
    return " ".join(text.replace("&&", "\0").replace("&", "").replace("\0", "&").split())
