"""The program's process tuning for imports: applied while imports run, restored after; the
garbage collector's automatic runs are replaced by one collection of the young generations
between batches, and a program that turned it off itself keeps it off."""

from __future__ import annotations

import gc
import sys
import weakref
from pathlib import Path

from core.bootstrap import open_catalogue
from core.transfer.catalogue_files import open_import
from core.tuning import SWITCH_INTERVAL_S, ImportTuning
from tests.transfer.conftest import books_csv


def _settings() -> tuple[float, tuple[int, int, int], bool, int]:
    return sys.getswitchinterval(), gc.get_threshold(), gc.isenabled(), gc.get_freeze_count()


def test_the_settings_come_back_when_the_last_import_ends() -> None:
    """Switch interval and automatic collection are tuned while imports run, overlapping
    ones included, and everything is as before once the last one ends."""
    before = _settings()
    assert gc.isenabled()
    tuning = ImportTuning()
    first, second = tuning.__enter__(), tuning.__enter__()
    tuned = (sys.getswitchinterval(), gc.isenabled())
    first.__exit__(None, None, None)
    still = (sys.getswitchinterval(), gc.isenabled())
    second.__exit__(None, None, None)
    assert tuned == still == (SWITCH_INTERVAL_S, False)
    assert _settings() == before


def test_a_program_that_turned_the_collector_off_keeps_it_off() -> None:
    """A program that runs without automatic collection is left so: no collection between
    batches either, and still off after the import."""
    gc.disable()
    try:
        tuning = ImportTuning()
        with tuning:
            before = gc.get_stats()[1]["collections"]
            tuning.between_batches()
            assert gc.get_stats()[1]["collections"] == before
        assert not gc.isenabled()
    finally:
        gc.enable()


async def test_cyclic_garbage_of_a_batch_is_collected_before_the_next(tmp_path: Path) -> None:
    """With automatic collection off during the import, a reference cycle dropped while one
    batch is handled is collected before the next batch's progress: memory does not grow
    with the file."""
    alive: list[bool] = []
    cycles: list[weakref.ref[object]] = []

    class Cycle:
        def __init__(self) -> None:
            self.me = self

    def on_progress(_progress: object) -> None:
        alive.extend(ref() is not None for ref in cycles)
        cycles.clear()
        cycles.append(weakref.ref(Cycle()))  # dropped at once: only a collection frees it
        alive.append(gc.isenabled())

    async with open_catalogue(tmp_path / "library.sqlite3") as catalogue:
        job = open_import(
            catalogue,
            books_csv(tmp_path / "b.csv", 30),
            on_progress,
            batch_size=10,
            tuning=ImportTuning(),
        )
        report = await job.run()
    assert report.imported == 30
    # each progress: the cycle of the one before is gone, automatic collection is off
    assert alive == [False, False, False, False, False]
    assert gc.isenabled()


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
