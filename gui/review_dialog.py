"""The "Review this book…" dialog: who (a member, or a new nickname typed), a rate from 0 to 10
and a comment. A member who reviewed the book already gets their review to edit instead."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from gui.bridge import MemberSummary, ReviewSummary, nickname_key

DEFAULT_RATE = 7


@dataclass(frozen=True, slots=True)
class ReviewChoice:
    """What the dialog was given: an existing member's id (``None``: a new member called
    ``nickname``), the review to edit (if any), the rate and the comment."""

    member_id: UUID | None
    nickname: str
    review_id: UUID | None
    rate: int
    comment: str


class ReviewDialog(QDialog):
    """Pick or type a member, rate and comment (``reviewDialog``)."""

    def __init__(
        self,
        title: str,
        members: list[MemberSummary],
        reviews: list[ReviewSummary],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reviewDialog")
        self.setWindowTitle(self.tr("Review “%1”").replace("%1", title))
        self._members = members
        self._reviews = {review.member_id: review for review in reviews if not review.former}
        self._prefilled: UUID | None = None
        self.member_picker = QComboBox(self)
        self.member_picker.setObjectName("memberPicker")
        self.member_picker.setEditable(True)
        self.member_picker.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        editor = self.member_picker.lineEdit()
        assert editor is not None  # editable
        editor.setPlaceholderText(self.tr("Member, or a new nickname"))
        editor.setAccessibleName(self.tr("Member"))
        self.member_picker.setAccessibleName(self.tr("Member"))
        for member in members:
            self.member_picker.addItem(member.nickname, member.id)
        self.rate_spin = QSpinBox(self)
        self.rate_spin.setObjectName("rateSpin")
        self.rate_spin.setAccessibleName(self.tr("Rate"))
        self.rate_spin.setRange(0, 10)
        self.rate_spin.setValue(DEFAULT_RATE)
        self.rate_spin.setSuffix(self.tr(" / 10"))
        self.comment_edit = QPlainTextEdit(self)
        self.comment_edit.setObjectName("commentEdit")
        self.comment_edit.setAccessibleName(self.tr("Comment"))
        self.note = QLabel(self)
        self.note.setObjectName("reviewNote")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QFormLayout(self)
        layout.addRow(self.tr("&Member:"), self.member_picker)
        layout.addRow(self.tr("&Rate:"), self.rate_spin)
        layout.addRow(self.tr("&Comment:"), self.comment_edit)
        layout.addRow(self.note)
        layout.addRow(buttons)
        self.member_picker.currentTextChanged.connect(self._member_changed)
        self._member_changed(self.member_picker.currentText())

    def _member(self, text: str) -> MemberSummary | None:
        key = nickname_key(text)
        return next((m for m in self._members if nickname_key(m.nickname) == key), None)

    def _member_changed(self, text: str) -> None:
        member = self._member(text)
        review = self._reviews.get(member.id) if member is not None else None
        self.ok_button.setEnabled(bool(text.strip()))
        if review is not None and review.id == self._prefilled:
            return  # the same review (e.g. the text completed): keep what was typed since
        self._prefilled = review.id if review is not None else None
        if review is not None:
            self.note.setText(
                self.tr("%1 has reviewed this book: edit the review").replace("%1", review.nickname)
            )
            self.rate_spin.setValue(review.rate)
            self.comment_edit.setPlainText(review.comment)
        elif member is None and text.strip():
            self.note.setText(self.tr("“%1” will join the club").replace("%1", text.strip()))
        else:
            self.note.setText("")

    def choice(self) -> ReviewChoice:
        """What was chosen."""
        text = self.member_picker.currentText().strip()
        member = self._member(text)
        review = self._reviews.get(member.id) if member is not None else None
        return ReviewChoice(
            member_id=member.id if member is not None else None,
            nickname=member.nickname if member is not None else text,
            review_id=review.id if review is not None else None,
            rate=self.rate_spin.value(),
            comment=self.comment_edit.toPlainText(),
        )
