"""Loan reminders as an iCalendar file (RFC 5545, written with the ``icalendar`` library):
one VTODO per open loan, due on its due date, naming the book, the copy and the member; any
calendar application imports it. ``reading-club loans --ics`` and the window's File → Export
loan reminders write it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import icalendar

from core.service.loan_views import LoanSummary

PRODUCT_ID = "-//Reading Club//Loan reminders//EN"
"""Who made the calendar (the PRODID every iCalendar file names)."""


def reminders(loans: Sequence[LoanSummary], now: datetime | None = None) -> bytes:
    """The iCalendar file of the loans: one VTODO each, DUE its due date, naming the book,
    the copy and the member."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    stamp = now or datetime.now(UTC)
    for loan in loans:
        todo = icalendar.Todo()
        todo.add("uid", f"{loan.id}@reading-club")
        todo.add("dtstamp", stamp)
        todo.add("summary", f"{loan.nickname} returns {loan.title} (copy #{loan.number})")
        todo.add("description", f"Lent on {loan.lent_on.isoformat()}")
        todo.add("dtstart", loan.lent_on)
        todo.add("due", loan.due_on)
        calendar.add_component(todo)
    written: bytes = calendar.to_ical()
    return written
