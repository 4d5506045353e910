"""Smoke test of the built bundle (``make bundle`` runs it; not part of ``make test``).

Runs ``dist/reading-club/reading-club`` as a user would, offscreen, in a temporary folder:
``--version``, ``--help``, ``import`` of a small CSV into a new catalogue, ``list``, and the
window on that catalogue in French, closed by SIGTERM. Prints one line per step, then the
bundle's size; exits non-zero at the first failure.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path


def main(folder: Path) -> int:
    """Check the bundle in ``folder``; 0 when every step passed."""
    program = folder / ("reading-club.exe" if os.name == "nt" else "reading-club")
    with tempfile.TemporaryDirectory() as scratch:
        home = Path(scratch)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(home / "config"))
        env |= {"XDG_STATE_HOME": str(home / "state"), "XDG_DATA_HOME": str(home / "data")}
        env.pop("READING_CLUB_DATABASE", None)
        database = str(home / "library.sqlite3")
        books = home / "books.csv"
        books.write_text(
            "title,author,isbn\nDune,Frank Herbert,9780441172719\nEmma,Jane Austen,9780141439587\n",
            encoding="utf-8",
        )

        def run(*arguments: str) -> str:
            started = time.perf_counter()
            done = subprocess.run(
                [str(program), *arguments], env=env, capture_output=True, text=True, timeout=120
            )
            took = time.perf_counter() - started
            if done.returncode != 0:
                raise SystemExit(f"FAILED {' '.join(arguments)}: {done.returncode}\n{done.stderr}")
            print(f"ok  {took:5.2f} s  reading-club {' '.join(arguments)}")
            return done.stdout

        assert run("--version").startswith("reading-club ")
        usage = run("--help")
        assert all(name in usage for name in ("import", "export", "list", "lookup")), usage
        run("import", str(books), "--database", database)
        listed = run("list", "--database", database)
        assert listed.startswith("Dune\tFrank Herbert") or "\nDune\t" in listed, listed
        assert "Emma\tJane Austen" in listed, listed
        run("install-desktop", "--uninstall")
        _window(program, env, database)
    files = [path for path in folder.rglob("*") if path.is_file() and not path.is_symlink()]
    size = sum(path.stat().st_size for path in files)
    print(f"bundle: {size / 2**20:.0f} MiB in {len(files)} files ({folder})")
    return 0


def _window(program: Path, env: dict[str, str], database: str) -> None:
    """The window opens on the catalogue (in French) and closes on SIGTERM, exit 0."""
    started = time.perf_counter()
    with subprocess.Popen(
        [str(program), "--database", database, "--lang", "fr"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    ) as child:
        assert child.stderr is not None
        watchdog = threading.Timer(90, child.kill)  # a hung child ends the wait
        watchdog.daemon = True
        watchdog.start()
        seen = []
        for line in child.stderr:
            seen.append(line)
            if "the window is shown" in line:
                break
        else:
            raise SystemExit("FAILED the window never showed:\n" + "".join(seen))
        shown = time.perf_counter() - started
        child.send_signal(signal.SIGTERM)
        rest = child.stderr.read()
        watchdog.cancel()
        if child.wait(timeout=60) != 0:
            raise SystemExit(f"FAILED the window's exit: {child.returncode}\n{''.join(seen)}{rest}")
    print(f"ok  {shown:5.2f} s  the window shown offscreen, closed by SIGTERM")


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "dist/reading-club")))
