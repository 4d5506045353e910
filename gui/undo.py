"""Edit → Undo / Redo: a ``QUndoStack`` of the user's committed changes, any number of levels.

Every change the window submits through the bridge (register, edit, delete, a bulk delete, and
the commands other parts of the window add) is pushed once it has committed, with the events
it published. Undo runs ``undo_commands`` of those events through the bus — all or nothing,
each guarded so that a change made since (on another desktop, or by a later command) is
refused rather than overwritten; redo runs the inverse of what the undo published. The stack
moves only after the bus said yes: a refused step is dropped from the stack (its change
stays), with a sentence saying why, so the stack always tells what undo would do.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack

from gui.bridge import CatalogueBridge, Change, GenericCommand, NotUndoableError, undo_commands
from gui.describe import describe_step

log = logging.getLogger(__name__)


class ChangeStep(QUndoCommand):
    """One step of the stack: ``done`` is the change as it stands when the step is done,
    ``undone`` what its last undo published. The stack never runs anything itself:
    :class:`UndoHistory` has run the commands before it moves the stack."""

    def __init__(self, change: Change, text: str) -> None:
        super().__init__(text)
        self.done = change
        self.undone: Change | None = None


class UndoHistory(QObject):
    """The stack and its two actions (``undoAction``, ``redoAction``) for one window.

    ``refused(sentence)`` says an undo or redo was not applied, ``told(sentence)`` that it
    was; ``applied(change)`` gives what it published (the window selects the book it brought
    back).
    """

    refused = Signal(str)
    told = Signal(str)
    applied = Signal(object)

    def __init__(self, bridge: CatalogueBridge, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self.stack = QUndoStack(self)
        self._running: asyncio.Task[None] | None = None
        self._waiting: list[Change] = []
        """Changes committed while an undo or redo ran: pushed once the stack has moved."""
        self.undo_action = QAction(self)
        self.undo_action.setObjectName("undoAction")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.triggered.connect(self.undo)
        self.redo_action = QAction(self)
        self.redo_action.setObjectName("redoAction")
        self.redo_action.setShortcuts(
            [QKeySequence(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Y")]
        )
        self.redo_action.triggered.connect(self.redo)
        self.stack.indexChanged.connect(self._update_actions)
        bridge.committed.connect(self.push)
        self._update_actions()

    @property
    def busy(self) -> bool:
        """Whether an undo or redo is running."""
        return self._running is not None and not self._running.done()

    def push(self, change: Change) -> None:
        """Make ``change`` (committed) the newest step; a change nothing can undo is left out.
        While an undo or redo runs it waits: the stack moves for that one first."""
        if self.busy:
            self._waiting.append(change)
            return
        try:
            undo_commands(change.events)
        except NotUndoableError:
            log.info("a change that cannot be undone: %s", change.events)
            return
        self.stack.push(ChangeStep(change, describe_step(change.events)))

    def undo(self) -> None:
        """Revert the newest done step (nothing if one is running already)."""
        if self.busy or not self.stack.canUndo():
            return
        step = self.stack.command(self.stack.index() - 1)
        assert isinstance(step, ChangeStep)
        self._run(step, undo_commands(step.done.events), undoing=True)

    def redo(self) -> None:
        """Do again the step undone last."""
        if self.busy or not self.stack.canRedo():
            return
        step = self.stack.command(self.stack.index())
        assert isinstance(step, ChangeStep)
        assert step.undone is not None
        self._run(step, undo_commands(step.undone.events), undoing=False)

    def _run(self, step: ChangeStep, commands: list[GenericCommand[Any]], *, undoing: bool) -> None:
        self._running = self._bridge.spawn(self._apply(step, commands, undoing))
        self._update_actions()

    async def _apply(
        self, step: ChangeStep, commands: list[GenericCommand[Any]], undoing: bool
    ) -> None:
        what = step.text()
        try:
            outcome = await self._bridge.perform(commands)
        finally:
            self._running = None
        if isinstance(outcome, str):
            step.setObsolete(True)  # the stack drops it when it moves
            template = (
                self.tr("Cannot undo {what}: {why}")
                if undoing
                else self.tr("Cannot redo {what}: {why}")
            )
            self.refused.emit(template.format(what=what, why=outcome))
        elif undoing:
            step.undone = outcome
        else:
            step.done = outcome
        if undoing:
            self.stack.undo()
        else:
            self.stack.redo()
        waiting, self._waiting = self._waiting, []
        for change in waiting:
            self.push(change)
        self._update_actions()
        if not isinstance(outcome, str):
            done = self.tr("Undone: {what}") if undoing else self.tr("Redone: {what}")
            self.told.emit(done.format(what=what))
            self.applied.emit(outcome)

    def _update_actions(self) -> None:
        idle = not self.busy
        undo, redo = self.stack.undoText(), self.stack.redoText()
        self.undo_action.setText(self.tr("&Undo {what}").format(what=undo).strip())
        self.redo_action.setText(self.tr("&Redo {what}").format(what=redo).strip())
        self.undo_action.setEnabled(idle and self.stack.canUndo())
        self.redo_action.setEnabled(idle and self.stack.canRedo())
