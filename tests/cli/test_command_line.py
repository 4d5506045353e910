"""``reading-club`` as a person meets it: help with examples, version, suggestions for a typo,
no catalogue made by mistake, quiet pipes, shell completion."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from core import cli
from core.cli.common import program_version
from tests.support.isbn import isbn13

ROOT = Path(__file__).resolve().parents[2]
COMMANDS = ("import", "export", "list", "lookup", "install-desktop", "completion")


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    """The exit code, stdout and stderr of the command line run in this process."""
    try:
        code = cli.main([str(arg) for arg in args])
    except SystemExit as leaving:  # argparse's own exits: --help, --version, usage errors
        code = int(leaving.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_help_lists_every_subcommand_with_its_summary_and_examples(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``--help`` names each subcommand with one line, then examples."""
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for name in COMMANDS:
        line = next(line for line in out.splitlines() if line.strip().startswith(name + " "))
        assert len(line.split()) > 2, f"{name} has no summary"
    assert "examples:" in out


@pytest.mark.parametrize("name", COMMANDS)
def test_each_subcommand_has_its_own_help_with_examples(
    capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """``reading-club NAME --help`` explains it and shows how it is used."""
    code, out, _ = run(capsys, name, "--help")
    assert code == 0
    assert f"usage: reading-club {name}" in out
    assert f"examples:\n  reading-club {name}" in out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    """``--version`` prints the installed version."""
    code, out, _ = run(capsys, "--version")
    assert (code, out) == (0, f"reading-club {program_version()}\n")
    assert program_version() != "unknown"


@pytest.mark.parametrize(("typo", "meant"), [("lst", "list"), ("improt", "import")])
def test_a_misspelt_subcommand_gets_a_suggestion(
    capsys: pytest.CaptureFixture[str], typo: str, meant: str
) -> None:
    """Exit 2, and the closest subcommand is named."""
    code, _, err = run(capsys, typo)
    assert code == 2
    assert f"\ndid you mean: {meant}" in err  # the closest first


@pytest.mark.parametrize("command", [["list"], ["export", "out.csv"]])
def test_list_and_export_refuse_a_catalogue_that_does_not_exist(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: list[str]
) -> None:
    """A typo in --database is an error (exit 2, one line), not a new empty catalogue."""
    missing = tmp_path / "typo" / "library.sqlite3"
    code, _, err = run(capsys, *command, "--database", missing)
    assert code == 2
    assert err.startswith(f"reading-club: there is no catalogue at {missing}")
    assert err.count("\n") == 1
    assert not (tmp_path / "typo").exists()


def test_import_creates_the_catalogue(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """``import`` may create the catalogue; ``list`` then finds the book."""
    books = tmp_path / "books.csv"
    books.write_text(f"title,author,isbn\nDune,Frank Herbert,{isbn13(1)}\n", encoding="utf-8")
    database = tmp_path / "new" / "library.sqlite3"
    assert run(capsys, "import", books, "--database", database)[0] == 0
    code, out, _ = run(capsys, "list", "--database", database)
    assert code == 0
    assert out.startswith("Dune\tFrank Herbert\t")


def test_a_closed_pipe_exits_zero_quietly(tmp_path: Path) -> None:
    """``reading-club list | head -1``: the reader leaving early is no error."""
    books = tmp_path / "books.csv"
    rows = "".join(f"Title {n},Author {n},{isbn13(n)}\n" for n in range(3000))
    books.write_text("title,author,isbn\n" + rows, encoding="utf-8")
    database = tmp_path / "library.sqlite3"
    command = [sys.executable, "-m", "core.cli"]
    imported = [*command, "import", books, "--database", database]
    subprocess.run(imported, check=True, cwd=ROOT, capture_output=True)
    with subprocess.Popen(
        [*command, "list", "--database", database],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    ) as listing:
        assert listing.stdout is not None
        assert listing.stderr is not None
        first = listing.stdout.readline()
        listing.stdout.close()  # what head does after its line
        err = listing.stderr.read()
        assert listing.wait(timeout=60) == 0, err
    assert first.startswith(b"Title ")
    assert err == b""


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_completion_scripts_know_the_subcommands(
    capsys: pytest.CaptureFixture[str], shell: str
) -> None:
    """The completion script offers every subcommand."""
    code, out, _ = run(capsys, "completion", shell)
    assert code == 0
    assert all(name in out for name in COMMANDS)


def test_postgresql_without_the_extra_says_how_to_install_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without asyncpg (``sys.modules`` entry ``None``: not importable), a postgresql://
    catalogue is one line naming the ``postgres`` extra, exit 2."""
    monkeypatch.setitem(sys.modules, "asyncpg", None)
    code, _, err = run(capsys, "list", "--database", "postgresql://club@127.0.0.1:1/books")
    assert code == 2
    assert err == (
        "reading-club: PostgreSQL support is not installed; pip install 'reading-club[postgres]'\n"
    )
