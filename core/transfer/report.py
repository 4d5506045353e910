"""What an import says it did: counts of books new / updated / unchanged / failed, of reviews,
tags, copies and loans, every line not imported with the reason, and what was left out."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .csv_format import atomic_text_file

LABELS = {
    **{"title": "Title", "author": "Author", "isbn": "ISBN", "row": "Row", "tags": "Tags"},
    **{"review": "Review", "copy": "Copy", "member": "Member", "loan": "Loan"},
}


ADDED = frozenset({"tags", "review", "copy", "loan"})
"""The kinds of command a row writes besides its book that the report counts (a ``member``
registered for a loan, a ``source`` id linked, are not)."""


@dataclass(frozen=True, slots=True)
class RowProblem:
    """A row that was not imported: where, which field, why, and the value it had."""

    line: int
    field: str
    reason: str
    value: str = ""

    def text(self) -> str:
        """``line 12: ISBN "123" must have 10 or 13 digits``."""
        shown = f' "{self.value}"' if self.value else ""
        return f"line {self.line}: {LABELS.get(self.field, self.field)}{shown} {self.reason}"


@dataclass(frozen=True, slots=True)
class ImportProgress:
    """How far an import is: rows read, books imported, bytes read of the file's size."""

    rows: int
    imported: int
    bytes_read: int
    size: int

    @property
    def fraction(self) -> float:
        """Between 0 and 1."""
        return min(1.0, self.bytes_read / self.size) if self.size else 1.0


@dataclass(slots=True)
class ImportReport:
    """What an import did. ``imported`` books are new; ``skipped`` rows name a book already
    there (listed: a repeated line, or a book of the catalogue); ``updated`` and ``unchanged``
    rows matched a book and brought something new to it, or nothing; ``failed`` rows are
    invalid. ``reviews``, ``tagged``, ``copies`` and ``loans`` count what was written besides
    the books; ``left_out`` says what the file had that was not imported, and why."""

    imported: int = 0
    skipped: list[RowProblem] = field(default_factory=list)
    failed: list[RowProblem] = field(default_factory=list)
    cancelled: bool = False
    error: str = ""
    """Why the import stopped early (e.g. the database failed); batches before it are kept."""
    updated: int = 0
    unchanged: int = 0
    reviews: int = 0
    tagged: int = 0
    copies: int = 0
    loans: int = 0
    left_out: dict[str, int] = field(default_factory=dict)
    """Why things of the file were not imported -> how many (e.g. ratings without a member)."""
    read_as: str = ""
    """The format and encoding the file was read as ("Goodreads, UTF-8")."""
    dry_run: bool = False
    """Checked only: the counts say what an import would do; nothing was written."""

    @property
    def complete(self) -> bool:
        """Every row was imported: nothing skipped, failed, cancelled or stopped."""
        return not (self.skipped or self.failed or self.cancelled or self.error)

    def leave_out(self, why: str, count: int = 1) -> None:
        """Count something of the file that is not imported, for ``why``."""
        self.left_out[why] = self.left_out.get(why, 0) + count

    def count_added(self, kind: str) -> None:
        """One more thing written besides the books, of a kind in :data:`ADDED`."""
        if kind == "tags":
            self.tagged += 1
        elif kind == "review":
            self.reviews += 1
        elif kind == "copy":
            self.copies += 1
        elif kind == "loan":
            self.loans += 1

    def counts(self) -> str:
        """Books new / updated / unchanged / failed, reviews, tags, copies and loans."""
        unchanged = self.unchanged + len(self.skipped)
        return (
            f"books: {self.imported:,} new, {self.updated:,} updated, {unchanged:,} unchanged,"
            f" {len(self.failed):,} failed; {self.reviews:,} reviews, {self.tagged:,} books"
            f" tagged, {self.copies:,} copies, {self.loans:,} loans"
        )

    def summary(self) -> str:
        """One sentence: imported / skipped / failed, and cancel or stop."""
        text = (
            f"{self.imported:,} imported, {len(self.skipped):,} skipped (already registered), "
            f"{len(self.failed):,} failed (invalid)"
        )
        if self.dry_run:
            text = f"check only, nothing written: {text}"
        if self.cancelled:
            text += f"; cancelled: the {self.imported:,} books of committed batches are kept"
        if self.error:
            text += f"; stopped: {self.error}"
        return text

    def as_text(self) -> str:
        """The summary, the counts, how the file was read, what was left out, then one line
        per skipped or failed row, in file order."""
        problems = sorted([*self.skipped, *self.failed], key=lambda problem: problem.line)
        lines = [self.summary(), self.counts()]
        if self.read_as:
            lines.append(f"read as {self.read_as}")
        lines += [f"left out: {count:,} {why}" for why, count in self.left_out.items()]
        return "\n".join([*lines, *(problem.text() for problem in problems)]) + "\n"


def save_report(report: ImportReport, path: Path) -> None:
    """Write the report's text to ``path`` atomically (UTF-8); ``OSError`` if it cannot."""
    with atomic_text_file(path, encoding="utf-8") as stream:
        stream.write(report.as_text())
