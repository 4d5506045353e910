"""The window's process as the desktop and the terminal treat it: no display, Ctrl+C and
SIGTERM, the log file. Each test runs ``python -m gui`` (or the logging set-up) in a child
with its own XDG folders, so nothing is written to the real home."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
from configparser import ConfigParser
from pathlib import Path

import pytest

from tests.reliability.conftest import REPO, child_environment


def environment(home: Path, **changes: str | None) -> dict[str, str]:
    """The child's environment: offscreen Qt, settings and logs under ``home``."""
    env = child_environment()
    env |= {"XDG_CONFIG_HOME": str(home / "config"), "XDG_STATE_HOME": str(home / "state")}
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def test_without_a_display_the_window_says_so_in_one_line_and_exits_2(tmp_path: Path) -> None:
    """No DISPLAY, no WAYLAND_DISPLAY, no QT_QPA_PLATFORM: exit 2 and one line, no abort."""
    env = environment(tmp_path, QT_QPA_PLATFORM=None, DISPLAY=None, WAYLAND_DISPLAY=None)
    database = tmp_path / "library.sqlite3"
    finished = subprocess.run(
        [sys.executable, "-m", "gui", "--database", str(database)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert finished.returncode == 2, finished.stderr
    assert finished.stderr.startswith("reading-club: no display")
    assert finished.stderr.count("\n") == 1
    assert not database.exists()


@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_closes_the_window_the_normal_way(tmp_path: Path, number: int) -> None:
    """Ctrl+C in the terminal or SIGTERM from the session: the window closes, saving its
    geometry; the catalogue is closed; exit 0."""
    with subprocess.Popen(
        [sys.executable, "-m", "gui", "--database", str(tmp_path / "library.sqlite3")],
        cwd=REPO,
        env=environment(tmp_path),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    ) as child:
        assert child.stderr is not None
        watchdog = threading.Timer(90, child.kill)  # a hung child ends the wait
        watchdog.start()
        lines = []
        try:
            for line in child.stderr:  # the window logs once it is shown and listening
                lines.append(line)
                if "the window is shown" in line:
                    break
            else:
                pytest.fail("the window never showed:\n" + "".join(lines))
            child.send_signal(number)
            lines += child.stderr.readlines()
        finally:
            watchdog.cancel()
        assert child.wait(timeout=30) == 0, "".join(lines)
    assert any(f"closed on signal {int(number)}" in line for line in lines)
    settings = ConfigParser()
    settings.read(tmp_path / "config" / "reading-club" / "reading-club.conf")
    assert settings.has_option("mainWindow", "geometry")


def test_the_log_rotates_and_third_party_info_stays_out(tmp_path: Path) -> None:
    """A rotating file (four of 1 MB at most) in the user log folder: ours at INFO,
    Alembic's and httpx's INFO not."""
    program = (
        "import logging\n"
        "from gui.logs import configure_logging, log_folder\n"
        "configure_logging()\n"
        "logging.getLogger('gui').info('ours')\n"
        "logging.getLogger('alembic.runtime.migration').info('Context impl SQLiteImpl.')\n"
        "logging.getLogger('httpx').info('HTTP Request: GET')\n"
        "logging.getLogger('alembic').warning('a real warning')\n"
        "print(log_folder())\n"
        "files = [h for h in logging.getLogger().handlers if hasattr(h, 'maxBytes')]\n"
        "print(type(files[0]).__name__, files[0].maxBytes, files[0].backupCount)\n"
    )
    finished = subprocess.run(
        [sys.executable, "-c", program],
        cwd=REPO,
        env=environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    where, handler = finished.stdout.splitlines()
    assert handler == "RotatingFileHandler 1000000 3"
    folder = Path(where)
    assert folder.is_relative_to(tmp_path / "state")
    text = (folder / "reading-club.log").read_text(encoding="utf-8")
    assert "ours" in text
    assert "a real warning" in text
    assert "SQLiteImpl" not in text
    assert "HTTP Request" not in text


@pytest.mark.parametrize(
    ("environ", "problem"),
    [
        ({}, "no display"),
        ({"DISPLAY": ""}, "no display"),
        ({"WAYLAND_DISPLAY": "wayland-0"}, None),
        ({"QT_QPA_PLATFORM": "offscreen"}, None),
        ({"QT_QPA_PLATFORM": "vnc"}, None),
        ({"PLATFORM": "darwin"}, None),  # macOS and Windows need no display variable
    ],
)
def test_the_display_check_reads_the_environment(
    environ: dict[str, str], problem: str | None
) -> None:
    """No DISPLAY and no WAYLAND_DISPLAY is a problem, unless QT_QPA_PLATFORM picks one."""
    from gui.app import display_problem

    environ = dict(environ)
    platform = environ.pop("PLATFORM", "linux")
    found = display_problem(environ, platform)
    assert found is None if problem is None else found is not None and found.startswith(problem)
