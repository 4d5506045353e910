"""Before an import starts: ``importOptions`` shows the format and encoding the file was
recognised as, asks "Import ratings and reviews as:" (a member's nickname, created when
missing; empty: they are left out) and offers "Check only" (a dry run that writes nothing)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """How to import a file: as which member (``""``: no ratings nor reviews), and whether
    only to check it."""

    member: str = ""
    check_only: bool = False


class ImportOptionsDialog(QDialog):
    """Asks how to import ``path``, read as ``recognised`` ("Goodreads, UTF-8")."""

    def __init__(self, path: Path, recognised: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importOptions")
        self.setWindowTitle(self.tr("Import {name}").format(name=path.name))
        self.format_label = QLabel(recognised, self)
        self.format_label.setObjectName("importFormat")
        self.member_edit = QLineEdit(self)
        self.member_edit.setObjectName("importMemberEdit")
        self.member_edit.setPlaceholderText(self.tr("Nickname (empty: leave them out)"))
        self.check_only_box = QCheckBox(self.tr("&Check only (write nothing)"), self)
        self.check_only_box.setObjectName("checkOnlyBox")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow(self.tr("Recognised as:"), self.format_label)
        member_label = QLabel(self.tr("Import ratings and reviews &as:"), self)
        member_label.setBuddy(self.member_edit)
        layout.addRow(member_label, self.member_edit)
        layout.addRow(self.check_only_box)
        layout.addRow(buttons)

    def options(self) -> ImportOptions:
        """What the user chose."""
        return ImportOptions(self.member_edit.text().strip(), self.check_only_box.isChecked())
