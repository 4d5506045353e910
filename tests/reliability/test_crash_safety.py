"""A process killed with SIGKILL at random moments never corrupts the file or loses a book
whose registration it acknowledged."""

from __future__ import annotations

import os
import random
import signal
from pathlib import Path

import pytest

from tests.reliability.conftest import create_catalogue, integrity_check, read_rows, writer

KILLS = int(os.environ.get("READING_CLUB_SOAK_KILLS", "20"))
"""How many times the writer is killed: 20 in ``make test``, 200 in ``make soak``."""
MAX_ACKS_BEFORE_KILL = 25


def _kill_after_acknowledgements(database: Path, acks_wanted: int) -> set[str]:
    """Start a writer, read ``acks_wanted`` acknowledged ISBNs, SIGKILL it mid-work and
    return every ISBN it acknowledged before dying."""
    child = writer(database, 1, "--resume")
    assert child.stdout is not None
    acknowledged: set[str] = set()
    try:
        while len(acknowledged) < acks_wanted:
            line = child.stdout.readline()
            if not line:
                pytest.fail(f"the writer stopped by itself: {child.communicate()[1]}")
            acknowledged.add(line.split()[1])
    finally:
        child.send_signal(signal.SIGKILL)
        out, _err = child.communicate(timeout=30)
    acknowledged.update(line.split()[1] for line in out.splitlines())  # sent before the kill
    assert child.returncode == -signal.SIGKILL
    return acknowledged


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX only")
def test_a_writer_killed_at_random_moments_loses_no_acknowledged_book(tmp_path: Path) -> None:
    """Killed KILLS times after a random number of acknowledged registrations, the writer
    leaves a sound file holding every book it acknowledged."""
    database = tmp_path / "library.sqlite3"
    create_catalogue(database)
    seed = int(os.environ.get("READING_CLUB_SOAK_SEED") or random.randrange(2**32))
    chance = random.Random(seed)
    acknowledged: set[str] = set()
    for kill in range(KILLS):
        acknowledged |= _kill_after_acknowledgements(
            database, chance.randint(1, MAX_ACKS_BEFORE_KILL)
        )
        assert integrity_check(database) == "ok", f"after kill {kill + 1} (seed {seed})"
        stored = {row[0] for row in read_rows(database, "SELECT isbn FROM books")}
        missing = acknowledged - stored
        assert not missing, f"kill {kill + 1} (seed {seed}) lost {len(missing)} acknowledged books"
    counted = read_rows(database, "SELECT n FROM book_count")[0][0]
    assert counted == len(read_rows(database, "SELECT isbn FROM books"))
