"""An import report's details in the window's language: the counts, how the file was read,
what was left out, and every row not imported with its reason.

The core words its report in English (the saved report and the command line keep it, for
support); the window says the same things through ``tr``. A reason the core words in a way
not listed here (a database error's own text) is shown as the core says it."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QLocale

from gui.book_form import field_label
from gui.bridge import ImportReport, RowProblem
from gui.i18n import QT_TRANSLATE_NOOP

LEFT_OUT = (
    QT_TRANSLATE_NOOP(
        "ImportReport", "ratings and reviews: no member chosen to import them as (--member)"
    ),
    QT_TRANSLATE_NOOP("ImportReport", "reviews without a rating: a review needs a rate"),
    QT_TRANSLATE_NOOP(
        "ImportReport", "reviews that break the rules (a comment over 10,000 characters...)"
    ),
    QT_TRANSLATE_NOOP(
        "ImportReport", "copy counts below the copies the catalogue has: no copy is removed"
    ),
    QT_TRANSLATE_NOOP("ImportReport", "lending patrons whose copy is lent to someone else"),
    QT_TRANSLATE_NOOP("ImportReport", "lending patrons whose name cannot be a member's nickname"),
    QT_TRANSLATE_NOOP("ImportReport", "loans due before the day they were lent"),
)
"""The core's reasons for leaving things of a file out (``core.transfer.planning`` and
``core.transfer.holdings``)."""

REASONS = (
    QT_TRANSLATE_NOOP("ImportReport", "is already in the catalogue"),
    QT_TRANSLATE_NOOP("ImportReport", "is not UTF-8 text"),
)
"""The core's fixed reasons for a row not imported (the book rules are ``BookRules``')."""

_REPEATS = re.compile(r"repeats line (\d+)")
_REFUSED = re.compile(r"was refused: (.*)", re.DOTALL)


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def _label(field: str) -> str:
    labels = {
        "row": QCoreApplication.translate("ImportReport", "Row"),
        "tags": QCoreApplication.translate("ImportReport", "Tags"),
        "review": QCoreApplication.translate("ImportReport", "Review"),
        "copy": QCoreApplication.translate("ImportReport", "Copy"),
        "member": QCoreApplication.translate("ImportReport", "Member"),
        "loan": QCoreApplication.translate("ImportReport", "Loan"),
    }
    return labels.get(field) or field_label(field)


def reason_text(reason: str) -> str:
    """A row's reason, translated where the window knows it."""
    if found := _REPEATS.fullmatch(reason):
        return QCoreApplication.translate("ImportReport", "repeats line {line}").format(
            line=found[1]
        )
    if found := _REFUSED.fullmatch(reason):
        return QCoreApplication.translate("ImportReport", "was refused: {reason}").format(
            reason=found[1]
        )
    translated = _tr("ImportReport", reason)
    return translated if translated != reason else _tr("BookRules", reason)


def problem_text(problem: RowProblem) -> str:
    """``ligne 12 : ISBN « 123 » doit avoir 10 ou 13 chiffres`` in French."""
    if problem.value:
        return QCoreApplication.translate(
            "ImportReport", "line {line}: {field} “{value}” {reason}"
        ).format(
            line=problem.line,
            field=_label(problem.field),
            value=problem.value,
            reason=reason_text(problem.reason),
        )
    return QCoreApplication.translate("ImportReport", "line {line}: {field} {reason}").format(
        line=problem.line, field=_label(problem.field), reason=reason_text(problem.reason)
    )


def report_details(report: ImportReport) -> str:
    """Everything the report says after its summary line, one thing per line."""
    number = QLocale().toString
    unchanged = report.unchanged + len(report.skipped)
    lines = [
        QCoreApplication.translate(
            "ImportReport",
            "books: {new} new, {updated} updated, {unchanged} unchanged, {failed} failed; "
            "{reviews} reviews, {tagged} books tagged, {copies} copies, {loans} loans",
        ).format(
            new=number(report.imported),
            updated=number(report.updated),
            unchanged=number(unchanged),
            failed=number(len(report.failed)),
            reviews=number(report.reviews),
            tagged=number(report.tagged),
            copies=number(report.copies),
            loans=number(report.loans),
        )
    ]
    if report.read_as:
        lines.append(
            QCoreApplication.translate("ImportReport", "read as {format}").format(
                format=report.read_as
            )
        )
    for why, count in report.left_out.items():
        lines.append(
            QCoreApplication.translate("ImportReport", "left out: {count} {why}").format(
                count=number(count), why=_tr("ImportReport", why)
            )
        )
    problems = sorted([*report.skipped, *report.failed], key=lambda problem: problem.line)
    lines += [problem_text(problem) for problem in problems]
    return "\n".join(lines)
