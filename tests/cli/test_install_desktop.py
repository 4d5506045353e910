"""``reading-club install-desktop [--uninstall]`` into a throwaway XDG data directory."""

from __future__ import annotations

import shlex
from pathlib import Path
from xml.etree import ElementTree

import pytest

from core import cli
from resources import APP_ID


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``$XDG_DATA_HOME`` for this test only."""
    home = tmp_path / "share"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home


def entry(path: Path) -> dict[str, str]:
    """The keys of a .desktop file's [Desktop Entry] group."""
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if "=" in line)


def test_install_writes_the_entry_the_icon_and_the_metainfo(
    data_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Three files in the XDG places; the entry starts this installation's window script."""
    assert cli.main(["install-desktop"]) == 0
    desktop = data_home / "applications" / f"{APP_ID}.desktop"
    icon = data_home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    metainfo = data_home / "metainfo" / f"{APP_ID}.metainfo.xml"
    assert capsys.readouterr().out.split() == [
        word for path in (desktop, icon, metainfo) for word in ("installed", str(path))
    ]
    keys = entry(desktop)
    assert keys["Icon"] == APP_ID
    assert keys["Type"] == "Application"
    program = Path(shlex.split(keys["Exec"])[0])
    assert program.is_absolute()
    assert program.exists()
    assert icon.read_text(encoding="utf-8").lstrip().startswith(("<svg", "<?xml"))
    component = ElementTree.parse(metainfo).getroot()
    assert component.findtext("id") == APP_ID
    assert component.findtext("launchable") == f"{APP_ID}.desktop"


def test_uninstall_removes_them_and_installing_twice_is_harmless(
    data_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Install twice, uninstall: nothing of ours is left; a second uninstall changes nothing."""
    assert cli.main(["install-desktop"]) == 0
    assert cli.main(["install-desktop"]) == 0
    assert cli.main(["install-desktop", "--uninstall"]) == 0
    # update-desktop-database, where installed, leaves its own mimeinfo.cache: not ours.
    assert [path for path in data_home.rglob("*") if APP_ID in path.name] == []
    capsys.readouterr()
    assert cli.main(["install-desktop", "--uninstall"]) == 0
    assert capsys.readouterr().out == ""
