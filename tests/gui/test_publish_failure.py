"""A command whose transaction committed but whose events could not be delivered."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pytestqt.qtbot import QtBot

from core.bus import AsyncAbstractEventstreamTransport
from gui.main_window import MainWindow
from tests.gui.actions import BOOKS, column_texts, fill_form, settle


class UnreachableStreamTransport(AsyncAbstractEventstreamTransport):
    """An event stream that is down: every send fails after the data was committed."""

    def __init__(self) -> None:
        self.attempts: list[str] = []

    async def send_message_serialized(self, message: Mapping[str, Any]) -> None:
        """Record the attempt and fail."""
        self.attempts.append(message["type"])
        raise ConnectionError("the event stream is down")


def test_a_saved_book_whose_event_was_lost_still_counts_as_registered(
    qtbot: QtBot, main_window: MainWindow
):
    """EventstreamDeliveryError: the form says registered and the list reloads to show it."""
    bridge = main_window.bridge
    transport = UnreachableStreamTransport()
    bridge.catalogue.feed.publisher.transport = transport  # type: ignore[attr-defined]
    fill_form(qtbot, main_window, *BOOKS[0])
    with (
        qtbot.waitSignal(bridge.resync_requested, timeout=5000),
        qtbot.waitSignal(bridge.command_succeeded, timeout=5000),
    ):
        main_window.form.submit()
    qtbot.waitUntil(lambda: column_texts(main_window, 0) == [BOOKS[0][0]], timeout=5000)
    settle(qtbot, main_window)

    assert transport.attempts == ["book_registered_v1"]
    assert main_window.form.message.text() == f"Registered “{BOOKS[0][0]}”."
    assert main_window.form.title_edit.text() == ""
    assert main_window.statusBar().currentMessage() == "1 book"
