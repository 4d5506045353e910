"""The club's events told in words (members and reviews), for the history and Edit → Undo;
registered with :func:`gui.describe.describes` when ``gui.describe`` is imported."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from gui.bridge import (
    BookReviewed,
    MemberRegistered,
    MemberRemoved,
    MemberRestored,
    MemberUpdated,
    ReviewDeleted,
    ReviewRestored,
    ReviewUpdated,
)
from gui.describe import Description, companion, describes, elided


@describes(MemberRegistered)
def _joined(event: MemberRegistered) -> Description:
    name = elided(event.nickname, 40)
    return Description(
        QCoreApplication.translate("describe", "{name} joined the club").format(name=name),
        QCoreApplication.translate("describe", "Add member {name}").format(name=name),
        lambda n: QCoreApplication.translate("describe", "Add %Ln member(s)", None, n),
    )


@describes(MemberUpdated)
def _renamed(event: MemberUpdated) -> Description:
    old, new = elided(event.old_nickname, 40), elided(event.nickname, 40)
    return Description(
        QCoreApplication.translate("describe", "Member {old} is now {new}").format(
            old=old, new=new
        ),
        QCoreApplication.translate("describe", "Change member {name}").format(name=old),
    )


@describes(MemberRemoved)
def _left(event: MemberRemoved) -> Description:
    name = elided(event.nickname, 40)
    return Description(
        QCoreApplication.translate("describe", "{name} left the club").format(name=name),
        QCoreApplication.translate("describe", "Remove member {name}").format(name=name),
    )


@describes(MemberRestored)
def _back(event: MemberRestored) -> Description:
    name = elided(event.nickname, 40)
    return Description(
        QCoreApplication.translate("describe", "{name} is back in the club").format(name=name),
        QCoreApplication.translate("describe", "Bring back member {name}").format(name=name),
    )


@describes(BookReviewed)
def _reviewed(event: BookReviewed) -> Description:
    return Description(
        QCoreApplication.translate("describe", "Review written: {rate} / 10").format(
            rate=event.rate
        ),
        QCoreApplication.translate("describe", "Review a book"),
        lambda n: QCoreApplication.translate("describe", "Write %Ln review(s)", None, n),
    )


@describes(ReviewUpdated)
def _review_changed(event: ReviewUpdated) -> Description:
    return Description(
        QCoreApplication.translate("describe", "Review changed: {old} → {new} / 10").format(
            old=event.old_rate, new=event.rate
        ),
        QCoreApplication.translate("describe", "Change a review"),
    )


companion(ReviewDeleted)  # a deleted book takes its reviews with it


@describes(ReviewDeleted)
def _review_deleted(event: ReviewDeleted) -> Description:
    return Description(
        QCoreApplication.translate("describe", "Review deleted ({rate} / 10)").format(
            rate=event.rate
        ),
        QCoreApplication.translate("describe", "Delete a review"),
        lambda n: QCoreApplication.translate("describe", "Delete %Ln review(s)", None, n),
    )


@describes(ReviewRestored)
def _review_restored(event: ReviewRestored) -> Description:
    return Description(
        QCoreApplication.translate("describe", "Review restored ({rate} / 10)").format(
            rate=event.rate
        ),
        QCoreApplication.translate("describe", "Restore a review"),
    )
