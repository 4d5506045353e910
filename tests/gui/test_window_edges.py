"""The window's rough edges (issue 14, Why 9, 11, 12): status messages, long titles, colours,
the import summary, About, the form's messages, file dialogs, pasted ISBNs, dropped files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QStandardPaths, Qt, QTimer, QUrl
from PySide6.QtGui import QColor, QDropEvent, QPalette
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from core.domain.ordering import matches, parse_search
from core.service.views import BookQuery
from gui.book_form import error_colour
from gui.main_window import MainWindow, friendly_name
from gui.transfer import file_filter, remember_folder, start_folder
from tests.gui.actions import (
    BOOKS,
    column_texts,
    register_through_the_bus,
    select_row,
    settle,
    type_and_press_enter,
)
from tests.gui.test_transfer import books_csv
from tests.support.isbn import isbn13

LONG_TITLE = ("A very long title " * 27).strip()  # 485 characters


def test_deleting_and_exporting_say_so_in_the_status_bar(
    qtbot: QtBot, main_window: MainWindow, tmp_path: Path
):
    """ "Deleted “…”" after a delete, "Exported 1 book" (singular) after an export."""
    register_through_the_bus(qtbot, main_window, BOOKS[:2])
    qtbot.waitUntil(lambda: main_window.model.rowCount() == 2)
    select_row(qtbot, main_window, 0)
    qtbot.keyClick(main_window.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: main_window.statusBar().currentMessage().startswith("Deleted “Domain"))
    settle(qtbot, main_window)
    with qtbot.waitSignal(main_window.csv.exported, timeout=5000):
        main_window.csv.export_csv(tmp_path / "out.csv")
    assert main_window.statusBar().currentMessage() == "Exported 1 book to out.csv"


def test_a_long_title_is_cut_short_in_messages(qtbot: QtBot, main_window: MainWindow):
    """A 500-character title takes one short line in the form and the status bar."""
    type_and_press_enter(qtbot, main_window, LONG_TITLE, "Someone", "978-0-13-475759-9")
    assert len(main_window.form.message.text()) < 80
    assert "…" in main_window.form.message.text()
    select_row(qtbot, main_window, 0)
    qtbot.keyClick(main_window.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: main_window.statusBar().currentMessage().startswith("Deleted"))
    assert len(main_window.statusBar().currentMessage()) < 100


def test_the_error_colour_is_readable_on_light_and_dark_palettes():
    """Dark red on a light window, light red on a dark one."""
    light, dark = QPalette(), QPalette()
    light.setColor(QPalette.ColorRole.Window, QColor("#f0f0f0"))
    dark.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    assert error_colour(light).lightness() < 100
    assert error_colour(dark).lightness() > 150


def test_form_messages_fade(qtbot: QtBot, main_window: MainWindow):
    """ "Registered …" clears itself; an error stays."""
    type_and_press_enter(qtbot, main_window, *BOOKS[0])
    assert main_window.form.message.text().startswith("Registered")
    assert main_window.form._fade.isActive()
    main_window.form._fade.start(50)  # the same timer, sooner: no wait of MESSAGE_FADE_MS
    qtbot.waitUntil(lambda: main_window.form.message.text() == "")
    type_and_press_enter(qtbot, main_window, *BOOKS[0])
    assert "already registered" in main_window.form.message.text()
    assert not main_window.form._fade.isActive()


def test_a_pasted_isbn_with_its_label_is_accepted(qtbot: QtBot, main_window: MainWindow):
    """ "ISBN 978-…" as copied from a book's page registers the book."""
    type_and_press_enter(
        qtbot, main_window, "Refactoring", "Martin Fowler", "ISBN 978-0-13-475759-9"
    )
    assert column_texts(main_window, 2) == ["978-0-13-475759-9"]


def test_the_import_summary_has_no_empty_problems_box_and_says_cancelled(
    qtbot: QtBot, main_window: MainWindow, tmp_path: Path
):
    """A clean import shows no problems box; a cancelled one is titled so."""
    run = main_window.csv.import_csv(books_csv(tmp_path / "a.csv", 10))
    with qtbot.waitSignal(run.finished, timeout=10000):
        pass
    summary = main_window.csv.import_summary
    assert summary.windowTitle() == "Import finished"
    assert not summary.problems.isVisibleTo(summary)
    summary.close()
    settle(qtbot, main_window)

    run = main_window.csv.import_csv(books_csv(tmp_path / "b.csv", 1000), batch_size=100)
    run.progressed.connect(
        lambda _p: main_window.csv.import_progress.findChild(QPushButton).click()
    )
    with qtbot.waitSignal(run.finished, timeout=10000):
        pass
    settle(qtbot, main_window)
    assert main_window.csv.import_summary.windowTitle() == "Import cancelled"


def test_about_names_the_catalogue_without_a_url_or_password(main_window: MainWindow):
    """The About box shows the file's name; a PostgreSQL URL becomes database and host."""
    box = main_window.about()
    assert "library.sqlite3" in box.text()
    assert "://" not in box.text()
    box.close()
    shared = friendly_name("postgresql+asyncpg://club:***@db.example.org:5432/books")
    assert shared == "“books” on db.example.org"


def test_file_dialogs_start_in_documents_then_where_the_user_was(tmp_path: Path):
    """Documents first; then the folder of the last file picked. CSV and TSV are offered."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert start_folder() == Path(documents)
    remember_folder(tmp_path / "books.csv")
    assert start_folder() == tmp_path
    assert "*.tsv" in file_filter()
    assert "*.csv" in file_filter()


def drop(window: MainWindow, path: Path) -> QDropEvent:
    """Drop ``path`` on the window as a file manager would."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPoint(10, 10).toPointF(),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    return event


def test_a_dropped_tsv_file_is_imported(qtbot: QtBot, main_window: MainWindow, tmp_path: Path):
    """Drop a .tsv file on the window: it is imported like File → Import."""
    path = tmp_path / "books.tsv"
    path.write_text("title\tauthor\tisbn\nDune\tFrank Herbert\t9780441013593\n", encoding="utf-8")
    drop(main_window, tmp_path / "notes.pdf")
    assert main_window.csv.import_progress is None
    drop(main_window, path)
    qtbot.waitUntil(lambda: main_window.model.rowCount() == 1, timeout=10000)
    assert column_texts(main_window, 0) == ["Dune"]


def test_export_then_import_keeps_the_registration_time(
    qtbot: QtBot, main_window: MainWindow, tmp_path: Path
):
    """A book exported, deleted and imported again is registered when it first was."""
    register_through_the_bus(qtbot, main_window, BOOKS[:1])
    qtbot.waitUntil(lambda: main_window.model.rowCount() == 1)
    before = main_window.model.book_at(0)
    assert before is not None
    with qtbot.waitSignal(main_window.csv.exported, timeout=5000):
        main_window.csv.export_csv(tmp_path / "out.csv")
    select_row(qtbot, main_window, 0)
    qtbot.keyClick(main_window.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: main_window.model.rowCount() == 0)
    run = main_window.csv.import_csv(tmp_path / "out.csv")
    with qtbot.waitSignal(run.finished, timeout=10000):
        pass
    task = main_window.bridge.spawn(main_window.bridge.list_books(BookQuery()))
    qtbot.waitUntil(task.done)
    assert [book.registered_at for book in task.result()] == [before.registered_at]
    assert QApplication.instance() is not None


def test_searching_during_an_import_shows_results(qtbot: QtBot, main_window: MainWindow):
    """During an import the list ignores single events and reloads once per committed batch;
    a batch committed while a search's first page is on its way must not throw that page
    away (with batches every few ms, the list stayed empty, "0 books", until the end)."""
    model = main_window.model
    register_through_the_bus(qtbot, main_window, [(f"Book {n}", "A", isbn13(n)) for n in range(50)])
    qtbot.waitUntil(lambda: model.rowCount() == 50)
    model.suspend_live_updates()  # as CsvImportRun does
    seen: list[tuple[int, str]] = []
    model.counts_changed.connect(
        lambda _m, _t: seen.append((model.rowCount(), main_window.statusBar().currentMessage()))
    )

    batches = QTimer(interval=0)  # a batch committed at every turn of the loop
    batches.timeout.connect(model.reload_loaded)  # what CsvImportRun does after each one
    batches.start()
    qtbot.keyClicks(main_window.search_edit, "Book 1")
    search = parse_search("Book 1")
    shown = sum(matches(search, f"Book {n}", "A", isbn13(n)) for n in range(50))
    try:
        qtbot.waitUntil(lambda: model.rowCount() == shown and model.book_at(0) is not None)
    finally:
        batches.stop()
    model.resume_live_updates()
    settle(qtbot, main_window)

    assert model.index(0, 0).data() == "Book 1"
    assert all(rows > 0 and not message.startswith("0 ") for rows, message in seen), seen
