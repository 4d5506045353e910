"""File → Import CSV… and Export CSV… in the window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from core.domain.ordering import matches, parse_search
from core.transfer.importer import IN_FLIGHT
from gui.main_window import MainWindow
from tests.gui.actions import settle
from tests.support.isbn import isbn13


def books_csv(path: Path, rows: int) -> Path:
    """A CSV file of ``rows`` valid, distinct books."""
    lines = ["title,author,isbn", *(f"Book {n},Author {n},{isbn13(n)}" for n in range(rows))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_file_menu_offers_import_and_export(main_window: MainWindow) -> None:
    """The File menu holds Import CSV…, Export CSV… and Quit."""
    texts = [a.text() for a in main_window.menuBar().actions()[0].menu().actions()]
    assert texts[:2] == ["&Import CSV…", "&Export CSV…"]


def test_an_import_shows_progress_then_a_summary_and_refreshes_once_per_batch(
    qtbot: QtBot, main_window: MainWindow, tmp_path: Path
) -> None:
    """600 rows in batches of 100: six list reloads, no row-by-row inserts, then the summary."""
    model = main_window.model
    inserted: list[int] = []
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append(last - first + 1))
    run = main_window.csv.import_csv(books_csv(tmp_path / "b.csv", 600), batch_size=100)
    assert main_window.csv.import_progress.objectName() == "importProgress"
    with qtbot.waitSignal(run.finished, timeout=10000):
        pass
    settle(qtbot, main_window)
    summary = main_window.csv.import_summary
    assert summary.objectName() == "importSummary"
    assert summary.summary.text().startswith("600 imported, 0 skipped")
    # The last batch's events reach the list after the import's end: its reload follows.
    qtbot.waitUntil(lambda: model.total == 600 and not main_window.bridge.busy, timeout=5000)
    assert 1 not in inserted or len(inserted) <= 7  # page reloads, never 600 single inserts
    assert main_window.statusBar().currentMessage() == "600 books"


def test_cancelling_the_progress_dialog_keeps_the_committed_batches(
    qtbot: QtBot, main_window: MainWindow, tmp_path: Path
) -> None:
    """Cancel when the second batch is committed: the batches submitted after it
    (``IN_FLIGHT - 1``: handled and being written meanwhile) are committed too; their books
    stay and the summary says it was cancelled."""
    kept = 100 * (2 + IN_FLIGHT - 1)
    run = main_window.csv.import_csv(books_csv(tmp_path / "b.csv", 1000), batch_size=100)
    batches: list[object] = []

    def cancel_on_second(progress: object) -> None:
        batches.append(progress)
        if len(batches) == 2:
            main_window.csv.import_progress.findChild(QPushButton).click()

    run.progressed.connect(cancel_on_second)
    with qtbot.waitSignal(run.finished, timeout=10000):
        pass
    settle(qtbot, main_window)
    assert run.report is not None
    assert run.report.cancelled
    assert run.report.imported == kept
    assert "cancelled" in main_window.csv.import_summary.summary.text()
    assert main_window.model.total == kept


def test_the_summary_lists_problem_rows_and_saves_them(
    qtbot: QtBot, main_window: MainWindow, tmp_path: Path
) -> None:
    """A bad row appears in the summary with its line, and Save writes the report."""
    path = tmp_path / "b.csv"
    path.write_text(f"title,author,isbn\nGood,A,{isbn13(1)}\nBad,A,12345\n", encoding="utf-8")
    run = main_window.csv.import_csv(path)
    with qtbot.waitSignal(run.finished, timeout=10000):
        pass
    settle(qtbot, main_window)
    summary = main_window.csv.import_summary
    assert "line 3: ISBN" in summary.problems.toPlainText()
    assert summary.save_to(tmp_path / "report.txt")
    assert "line 3" in (tmp_path / "report.txt").read_text(encoding="utf-8")


def test_an_unusable_file_says_why_and_imports_nothing(
    qtbot: QtBot, main_window: MainWindow, tmp_path: Path
) -> None:
    """A file without header opens a warning naming the problem."""
    path = tmp_path / "h.csv"
    path.write_text(f"Dune,Herbert,{isbn13(1)}\n", encoding="utf-8")
    run = main_window.csv.import_csv(path)
    with qtbot.waitSignal(run.failed, timeout=10000) as failed:
        pass
    assert "must name the columns" in failed.args[0]
    assert "must name the columns" in main_window.csv.import_error.text()
    assert main_window.csv.import_action.isEnabled()


def test_export_writes_what_the_list_shows(
    qtbot: QtBot, main_window: MainWindow, tmp_path: Path
) -> None:
    """With a search active, Export writes only the matching books."""
    run = main_window.csv.import_csv(books_csv(tmp_path / "b.csv", 30))
    with qtbot.waitSignal(run.finished, timeout=10000):
        pass
    # The import's last reload, then the search's page and its count (which comes after the
    # page): each may write the status bar, so the export's message is read after them.
    qtbot.waitUntil(
        lambda: main_window.model.total == 30 and not main_window.bridge.busy, timeout=5000
    )
    search = parse_search("Book 2")
    shown = sum(matches(search, f"Book {n}", f"Author {n}", isbn13(n)) for n in range(30))
    assert 11 <= shown < 30
    main_window.search_edit.setText("Book 2")
    qtbot.waitUntil(lambda: main_window.model.rowCount() == shown, timeout=5000)
    counted = f"{shown} of 30 books"
    qtbot.waitUntil(lambda: main_window.statusBar().currentMessage() == counted, timeout=5000)
    with qtbot.waitSignal(main_window.csv.exported, timeout=5000):
        main_window.csv.export_csv(tmp_path / "out.csv")
    lines = (tmp_path / "out.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == shown + 1
    assert main_window.statusBar().currentMessage() == f"Exported {shown} books to out.csv"
