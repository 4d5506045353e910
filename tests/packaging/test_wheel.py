"""The wheel, installed into a fresh venv outside the checkout, is a working command line.

Building: ``pip wheel --no-build-isolation`` with the project venv's setuptools (no
download). Installing: ``pip install --no-deps`` into a new venv under ``tmp_path``; its
dependencies come from the project venv's site-packages through a ``.pth`` line, as
``--system-site-packages`` would give them, so nothing is downloaded and PySide6 is not
copied again. The checkout stays out of reach: the commands run in ``tmp_path`` without
``PYTHONPATH``, and the project venv's editable-install hook is not loaded (``.pth`` files
of a directory added by a ``.pth`` line are not processed).
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

pytestmark = pytest.mark.packaging

ROOT = Path(__file__).resolve().parents[2]
type Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from the checkout."""
    folder = tmp_path_factory.mktemp("wheel")
    pip = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation"]
    subprocess.run([*pip, "--wheel-dir", str(folder), str(ROOT)], check=True, timeout=300)
    (built,) = folder.glob("reading_club-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Run]:
    """A fresh venv with the wheel installed; a function running its programs in a folder
    outside the checkout."""
    home = tmp_path_factory.mktemp("installed")
    venv = home / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    ours = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(ours) / "project-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    install = [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet"]
    subprocess.run([*install, "--no-deps", str(wheel)], check=True, timeout=300)
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in ("PYTHONPATH", "READING_CLUB_DATABASE", "VIRTUAL_ENV")
    }
    env |= {"XDG_DATA_HOME": str(home / "data"), "XDG_STATE_HOME": str(home / "state")}

    def run(program: str, *arguments: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(python.parent / program), *map(str, arguments)],
            cwd=home,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    return home, run


def test_the_wheel_holds_the_data_files(wheel: Path) -> None:
    """Translations, icon, menu entry, metainfo, migrations, licence; no tests."""
    names = zipfile.ZipFile(wheel).namelist()
    for wanted in (
        "gui/translations/reading_club_fr.qm",
        "resources/reading-club.svg",
        "resources/io.github.reading_club.reading_club.desktop",
        "resources/io.github.reading_club.reading_club.metainfo.xml",
        "core/adapters/migrations/env.py",
        "core/adapters/migrations/script.py.mako",
    ):
        assert wanted in names
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names)
    (entry_points,) = [name for name in names if name.endswith(".dist-info/entry_points.txt")]
    scripts = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "[console_scripts]\nreading-club = core.cli:run" in scripts
    assert "[gui_scripts]\nreading-club-window = gui.app:run" in scripts  # no console window
    assert not any(name.startswith("tests/") for name in names)


def test_the_installed_command_line_works_outside_the_checkout(
    installed: tuple[Path, Run],
) -> None:
    """--version, --help, list refusing a missing catalogue, import creating one, list."""
    home, run = installed
    version = run("reading-club", "--version")
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == "reading-club 0.1.0"
    usage = run("reading-club", "--help")
    assert all(f"    {name} " in usage.stdout for name in ("import", "export", "list", "lookup"))
    database = home / "club" / "library.sqlite3"
    missing = run("reading-club", "list", "--database", database)
    assert missing.returncode == 2
    assert "there is no catalogue" in missing.stderr
    books = home / "books.csv"
    books.write_text("title,author,isbn\nDune,Frank Herbert,9780441172719\n", encoding="utf-8")
    imported = run("reading-club", "import", books, "--database", database)
    assert imported.returncode == 0, imported.stderr
    listed = run("reading-club", "list", "--database", database)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.startswith("Dune\tFrank Herbert\t978-0-441-17271-9\t")


def test_a_command_of_the_installed_package_never_loads_qt(installed: tuple[Path, Run]) -> None:
    """After ``list``, PySide6 is not in ``sys.modules``; the code run is the wheel's."""
    home, run = installed
    program = (
        "import sys, core\n"
        "from core.cli import main\n"
        f"assert main(['import', 'books.csv', '--database', {str(home / 'qt.sqlite3')!r}]) == 0\n"
        f"assert main(['list', '--database', {str(home / 'qt.sqlite3')!r}]) == 0\n"
        "assert 'PySide6' not in sys.modules, 'Qt was loaded'\n"
        "print(core.__file__)\n"
    )
    (home / "books.csv").write_text("title,author,isbn\nEmma,Jane Austen,9780141439587\n")
    finished = run("python", "-c", program)
    assert finished.returncode == 0, finished.stderr
    where = Path(finished.stdout.strip().splitlines()[-1])
    assert where.is_relative_to(home / "venv")
    assert not where.is_relative_to(ROOT)
