"""A child process that holds a SQLite write lock until its stdin closes.

``python -m tests.reliability.lock_holder DATABASE IMMEDIATE|EXCLUSIVE`` begins a transaction
of that kind, prints ``locked`` and waits; closing its stdin rolls back and ends it. It plays
"another program is writing to the catalogue".
"""

from __future__ import annotations

import sqlite3
import sys
from contextlib import closing


def main() -> None:
    """Take the lock, say so, wait for stdin to close, let go."""
    database, kind = sys.argv[1], sys.argv[2]
    with closing(sqlite3.connect(database, isolation_level=None)) as connection:
        connection.execute(f"BEGIN {kind}")
        if kind == "EXCLUSIVE":
            connection.execute("CREATE TABLE IF NOT EXISTS held (x)")  # a real pending write
        print("locked", flush=True)
        sys.stdin.read()
        connection.execute("ROLLBACK")


if __name__ == "__main__":
    main()
