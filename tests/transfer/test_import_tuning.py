"""The program's process tuning for imports: applied while imports run, restored after, and
never taking over objects someone else froze."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from core.bootstrap import open_catalogue
from core.transfer.catalogue_files import open_import
from core.tuning import GC_YOUNG_THRESHOLD, SWITCH_INTERVAL_S, ImportTuning
from tests.transfer.conftest import books_csv


def _settings() -> tuple[float, tuple[int, int, int], int]:
    return sys.getswitchinterval(), gc.get_threshold(), gc.get_freeze_count()


def test_the_settings_come_back_when_the_last_import_ends() -> None:
    """Switch interval and GC threshold are tuned while imports run, overlapping ones
    included, and everything is as before once the last one ends."""
    before = _settings()
    tuning = ImportTuning()
    first, second = tuning.__enter__(), tuning.__enter__()
    tuned = (sys.getswitchinterval(), gc.get_threshold()[0])
    first.__exit__(None, None, None)
    still = (sys.getswitchinterval(), gc.get_threshold()[0])
    second.__exit__(None, None, None)
    assert tuned == still == (SWITCH_INTERVAL_S, GC_YOUNG_THRESHOLD)
    assert _settings() == before


def test_objects_someone_else_froze_stay_frozen() -> None:
    """When the program had frozen objects itself, the tuning neither adds to them nor
    unfreezes them."""
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()  # frozen objects may still die: the count can only fall
        with ImportTuning():
            assert 0 < gc.get_freeze_count() <= frozen
        assert 0 < gc.get_freeze_count() <= frozen
    finally:
        gc.unfreeze()


async def test_an_import_runs_inside_the_tuning_it_is_given(tmp_path: Path) -> None:
    """The import enters the program's tuning while it runs and leaves it after."""
    seen: list[float] = []
    before = _settings()
    async with open_catalogue(tmp_path / "library.sqlite3") as catalogue:
        job = open_import(
            catalogue,
            books_csv(tmp_path / "b.csv", 30),
            lambda _progress: seen.append(sys.getswitchinterval()),
            batch_size=10,
            tuning=ImportTuning(),
        )
        report = await job.run()
    assert report.imported == 30
    assert seen == [SWITCH_INTERVAL_S] * 3
    assert _settings() == before
