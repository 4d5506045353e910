"""``reading-club loans``: the open loans, as reminders without a mail server.

Tab-separated lines, or ``--json`` for scripts (each loan with its id, book title, copy number,
member nickname, lent and due dates), ``--overdue`` for those past their due date, or
``--ics FILE``: an iCalendar file (RFC 5545, written with the ``icalendar`` library), one VTODO
per open loan due on its due date, which any calendar application imports.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from core.service.catalogue import Catalogue
from core.service.loan_views import LoanSummary
from core.transfer.reminders import reminders

from .common import EXIT_OK, database_option


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``loans``."""
    loans = commands.add_parser("loans", help="print the open loans, or write reminders")
    loans.add_argument("--overdue", action="store_true", help="only the loans past due")
    shape = loans.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="one JSON array, for scripts")
    shape.add_argument("--ics", metavar="FILE", type=Path, help="write an iCalendar file")
    loans.set_defaults(handler=_loans, needs_catalogue=True)
    database_option(loans)


async def _loans(arguments: argparse.Namespace, catalogue: Catalogue) -> int:
    today = date.today()
    loans = await catalogue.views.loans(overdue_on=today if arguments.overdue else None)
    if arguments.ics is not None:
        arguments.ics.write_bytes(reminders(loans))
        return EXIT_OK
    print_loans(loans, arguments.json, sys.stdout)
    return EXIT_OK


def loan_item(loan: LoanSummary) -> dict[str, Any]:
    """A loan as ``loans --json`` prints it."""
    return {
        "id": str(loan.id),
        "book_id": str(loan.book_id),
        "book": loan.title,
        "copy": loan.number,
        "member_id": str(loan.member_id),
        "member": loan.nickname,
        "lent_on": loan.lent_on.isoformat(),
        "due_on": loan.due_on.isoformat(),
    }


def print_loans(loans: Sequence[LoanSummary], as_json: bool, out: TextIO) -> None:
    """The loans by due date: JSON, or one tab-separated line each."""
    if as_json:
        items = [loan_item(loan) for loan in loans]
        out.write(json.dumps(items, ensure_ascii=False, indent=1) + "\n")
        return
    for loan in loans:
        cells = (
            loan.due_on.isoformat(),
            loan.title,
            f"#{loan.number}",
            loan.nickname,
            loan.lent_on.isoformat(),
            str(loan.id),
        )
        print("\t".join(cells), file=out)
