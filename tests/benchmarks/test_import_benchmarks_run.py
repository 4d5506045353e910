"""The import benchmarks still run: each on a few hundred rows, in a process of its own, ends
with its JSON line. They are not timed here (quality.md: speed is judged by the benchmarks,
never by tests); this only catches a benchmark broken by a change of the code it drives (a
new column of the message rows broke ``bench.csv_import``'s raw baseline once)."""

from __future__ import annotations

import pytest

from tests.benchmarks.running import benchmark_figures

RUNS = {
    "csv_import": (["--rows", "300", "--rounds", "1"], "bus_books_per_s"),
    "csv_read": (["--rows", "300", "--rounds", "1"], None),
    "rich_import": (["--rows", "300", "--rounds", "1", "--owned", "2"], "goodreads_books_per_s"),
    "pg_import": (["--rows", "300", "--rounds", "1"], None),
}


@pytest.mark.parametrize("name", sorted(RUNS))
def test_the_benchmark_runs_and_reports(name: str) -> None:
    """``python -m bench.NAME`` on a tiny input exits 0 and prints its figures as JSON last."""
    arguments, figure = RUNS[name]
    figures = benchmark_figures(name, arguments)
    assert figures["benchmark"] == name
    if figure is not None:
        assert figures[figure] > 0
