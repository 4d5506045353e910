"""The GUI test harness relies on one private name of pytest-asyncio: say so loudly if it goes."""

from __future__ import annotations

import asyncio

import pytest_asyncio.plugin
import qasync

from tests.gui.conftest import LOOP_FACTORY_FIXTURE


def test_pytest_asyncio_still_has_the_loop_factory_fixture_the_harness_parametrizes() -> None:
    """``_asyncio_loop_factory`` is still pytest-asyncio's fixture (else: update
    tests/gui/conftest.py and the pin in pyproject.toml)."""
    fixture = getattr(pytest_asyncio.plugin, LOOP_FACTORY_FIXTURE, None)
    assert fixture is not None, (
        f"pytest-asyncio no longer defines {LOOP_FACTORY_FIXTURE!r}: the sync GUI tests would "
        "run on a default loop; see tests/gui/conftest.py"
    )


def test_sync_gui_tests_run_inside_the_qasync_loop(qasync_loop: qasync.QEventLoop) -> None:
    """A sync test with ``qtbot`` runs its body while the session's qasync loop runs."""
    assert asyncio.get_running_loop() is qasync_loop
