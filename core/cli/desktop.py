"""``reading-club install-desktop [--uninstall]``: the menu entry, the scalable icon and the
AppStream metainfo in the user's XDG data directory (``$XDG_DATA_HOME``, else
``~/.local/share``), so a pip, pipx or bundle install shows up in the desktop's menu.

The files come from the ``resources`` package; the entry's ``Exec`` names the program that
was used to install it (the bundle's executable, or the window script next to this
Python), so it works without the install folder on ``PATH``. Never imports Qt.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

import platformdirs

from resources import APP_ID, ICON

from .common import EXIT_OK, EXIT_UNUSABLE, PROGRAM, Commands, add_command

WINDOW_SCRIPT = "reading-club-window"
"""The ``gui_scripts`` entry: no console window on Windows."""


def add_commands(commands: Commands) -> None:
    """``install-desktop [--uninstall]``."""
    command = add_command(
        commands,
        "install-desktop",
        "add Reading Club to the desktop's application menu",
        "Copy the menu entry (.desktop), the scalable icon and the AppStream metainfo into "
        "the user's XDG data directory ($XDG_DATA_HOME, else ~/.local/share); "
        "--uninstall removes them. Linux and other freedesktop.org desktops.",
        "reading-club install-desktop",
        "reading-club install-desktop --uninstall",
    )
    command.add_argument("--uninstall", action="store_true", help="remove the installed files")
    command.set_defaults(handler=_run)


def _run(arguments: argparse.Namespace) -> int:
    home = data_home()
    try:
        changed = uninstall(home) if arguments.uninstall else install(home, launcher())
    except OSError as error:
        print(f"{PROGRAM}: cannot change {home}: {error.strerror}", file=sys.stderr)
        return EXIT_UNUSABLE
    for path in changed:
        print(("removed " if arguments.uninstall else "installed ") + str(path))
    _refresh_menu(home)
    return EXIT_OK


def data_home() -> Path:
    """``$XDG_DATA_HOME`` or its default (``~/.local/share``)."""
    return Path(platformdirs.user_data_dir(roaming=False, ensure_exists=False))


def targets(home: Path) -> dict[str, Path]:
    """Where each packaged file goes under ``home``."""
    return {
        f"{APP_ID}.desktop": home / "applications" / f"{APP_ID}.desktop",
        ICON: home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
        f"{APP_ID}.metainfo.xml": home / "metainfo" / f"{APP_ID}.metainfo.xml",
    }


def install(home: Path, command: str) -> list[Path]:
    """Write the three files under ``home`` (the entry starting ``command``); their paths."""
    written = []
    for name, target in targets(home).items():
        data = resources.files("resources").joinpath(name).read_bytes()
        if name.endswith(".desktop"):
            data = _with_exec(data.decode("utf-8"), command).encode("utf-8")
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.tmp")
        partial.write_bytes(data)
        partial.replace(target)
        written.append(target)
    return written


def uninstall(home: Path) -> list[Path]:
    """Remove the files :func:`install` writes; the paths that were there."""
    removed = []
    for target in targets(home).values():
        if target.exists():
            target.unlink()
            removed.append(target)
    return removed


def launcher() -> str:
    """The ``Exec`` command that opens the window with this installation."""
    if getattr(sys, "frozen", False):  # the PyInstaller bundle
        return _quoted(sys.executable)
    beside = Path(sys.executable).parent
    for name in (WINDOW_SCRIPT, PROGRAM):
        if (beside / name).exists():
            return _quoted(str(beside / name))
    found = shutil.which(WINDOW_SCRIPT) or shutil.which(PROGRAM)
    return _quoted(found) if found else f"{_quoted(sys.executable)} -m gui"


def _with_exec(entry: str, command: str) -> str:
    lines = [f"Exec={command}" if line.startswith("Exec=") else line for line in entry.splitlines()]
    return "\n".join(lines) + "\n"


def _quoted(argument: str) -> str:
    """One argument of a desktop entry's ``Exec`` key, quoted if it needs to be."""
    if all(ch.isalnum() or ch in "/._-+" for ch in argument):
        return argument
    escaped = "".join(f"\\{ch}" if ch in '"`$\\' else ch for ch in argument)
    return f'"{escaped}"'


def _refresh_menu(home: Path) -> None:
    """Tell the desktop's caches, when their tools are installed (menus also rescan alone)."""
    tool = shutil.which("update-desktop-database")
    if tool is not None:
        subprocess.run([tool, "-q", str(home / "applications")], check=False, timeout=30)
