"""The program's process tuning for imports: applied while imports run, restored after; the
garbage collector scans nothing meanwhile (what is alive is frozen between batches) and
collects the import's garbage after it; a program that manages its collector is left alone."""

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


def test_a_program_that_manages_its_collector_is_left_alone() -> None:
    """A program that runs without automatic collection, or froze objects itself, keeps
    its collector as it was: nothing frozen between batches, nothing unfrozen after."""
    gc.disable()
    try:
        tuning = ImportTuning()
        with tuning:
            tuning.between_batches()
            assert gc.get_freeze_count() == 0
        assert not gc.isenabled()
    finally:
        gc.enable()
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()  # frozen objects may still die: the count can only fall
        tuning = ImportTuning()
        with tuning:
            assert gc.isenabled()
            kept = [object() for _ in range(10)]
            tuning.between_batches()
            assert 0 < gc.get_freeze_count() <= frozen
        assert 0 < gc.get_freeze_count() <= frozen
        assert kept
    finally:
        gc.unfreeze()


async def test_no_collection_scans_during_an_import_and_its_garbage_goes_after(
    tmp_path: Path,
) -> None:
    """While the import runs no collection happens (what is alive is frozen between batches);
    after it, everything is unfrozen and a reference cycle dropped during it is collected."""
    cycles: list[weakref.ref[object]] = []
    collections: list[int] = []
    frozen: list[bool] = []

    class Cycle:
        def __init__(self) -> None:
            self.me = self

    def on_progress(_progress: object) -> None:
        collections.append(sum(stats["collections"] for stats in gc.get_stats()))
        frozen.append(gc.get_freeze_count() > 0)
        cycles.append(weakref.ref(Cycle()))  # dropped at once: only a collection frees it
        [Cycle() for _ in range(3000)]  # past the young threshold: would set off a collection

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
    assert len(collections) == 3
    assert len(set(collections)) == 1
    assert frozen == [True, True, True]
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()
    gc.collect()
    assert [ref() for ref in cycles] == [None, None, None]


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
