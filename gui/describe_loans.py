"""Copies and loans told in words, for the history and Edit → Undo; registered with
:func:`gui.describe.describes` when ``gui.describe`` is imported.

The events name a copy by its number and a loan by its dates (they carry ids, not titles or
nicknames): the history's book filter and the book's page say which book it is."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from gui.bridge import (
    CopyAdded,
    CopyLent,
    CopyRemoved,
    CopyRestored,
    CopyReturned,
    LoanCancelled,
    LoanRenewed,
    LoanReopened,
    LoanRestored,
)
from gui.describe import Description, describes


def _day(day: date) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)


@describes(CopyAdded)
def _added(event: CopyAdded) -> Description:
    return Description(
        QCoreApplication.translate("describe", "Added copy #{number}").format(number=event.number),
        QCoreApplication.translate("describe", "Add copy #{number}").format(number=event.number),
        lambda n: QCoreApplication.translate("describe", "Add %Ln copy(s)", None, n),
    )


@describes(CopyRemoved)
def _removed(event: CopyRemoved) -> Description:
    return Description(
        QCoreApplication.translate("describe", "Removed copy #{number}").format(
            number=event.number
        ),
        QCoreApplication.translate("describe", "Remove copy #{number}").format(number=event.number),
    )


@describes(CopyRestored)
def _copy_back(event: CopyRestored) -> Description:
    return Description(
        QCoreApplication.translate("describe", "Copy #{number} is back on the shelf").format(
            number=event.number
        ),
        QCoreApplication.translate("describe", "Bring back copy #{number}").format(
            number=event.number
        ),
    )


@describes(CopyLent)
def _lent(event: CopyLent) -> Description:
    return Description(
        QCoreApplication.translate("describe", "Lent copy #{number}, due {due}").format(
            number=event.number, due=_day(event.due_on)
        ),
        QCoreApplication.translate("describe", "Lend copy #{number}").format(number=event.number),
    )


@describes(CopyReturned)
def _returned(event: CopyReturned) -> Description:
    return Description(
        QCoreApplication.translate("describe", "Copy #{number} returned (lent {lent})").format(
            number=event.number, lent=_day(event.lent_on)
        ),
        QCoreApplication.translate("describe", "Return copy #{number}").format(number=event.number),
    )


@describes(LoanRenewed)
def _renewed(event: LoanRenewed) -> Description:
    return Description(
        QCoreApplication.translate(
            "describe", "Loan of copy #{number} renewed: due {old} → {new}"
        ).format(number=event.number, old=_day(event.old_due_on), new=_day(event.due_on)),
        QCoreApplication.translate("describe", "Renew loan of copy #{number}").format(
            number=event.number
        ),
    )


@describes(LoanCancelled)
def _cancelled(event: LoanCancelled) -> Description:
    return Description(
        QCoreApplication.translate("describe", "Loan of copy #{number} undone").format(
            number=event.number
        ),
        QCoreApplication.translate("describe", "Undo loan of copy #{number}").format(
            number=event.number
        ),
    )


@describes(LoanReopened)
def _reopened(event: LoanReopened) -> Description:
    return Description(
        QCoreApplication.translate("describe", "Copy #{number} is lent again, due {due}").format(
            number=event.number, due=_day(event.due_on)
        ),
        QCoreApplication.translate("describe", "Lend copy #{number} again").format(
            number=event.number
        ),
    )


@describes(LoanRestored)
def _loan_back(event: LoanRestored) -> Description:
    return Description(
        QCoreApplication.translate(
            "describe", "Loan of copy #{number} is open again, due {due}"
        ).format(number=event.number, due=_day(event.due_on)),
        QCoreApplication.translate("describe", "Reopen loan of copy #{number}").format(
            number=event.number
        ),
    )
