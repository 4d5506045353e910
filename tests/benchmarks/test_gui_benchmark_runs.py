"""The desktop benchmark still runs: ``bench.gui`` on a catalogue of 300 books, one process,
one Enter, in a process of its own with its cache and settings in a temporary folder. Not
timed here (quality.md: speed is judged by the benchmarks, never by tests); this catches a
change of the window or of start-up that the benchmark's clocks no longer see (its start-up
clock watches the start-up shell's list area, ``bench.gui_driver._timed_shell``)."""

from __future__ import annotations

from pathlib import Path

from tests.benchmarks.running import benchmark_figures


def test_the_desktop_benchmark_runs_and_reports_every_figure(tmp_path: Path) -> None:
    """Every figure of a run is there and positive: the window and the list painted, the
    keystrokes of every word, the Enter, the peak memory."""
    environment = {
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    arguments = ["--runs", "1", "--books", "300", "--enter", "1"]
    figures = benchmark_figures("gui", arguments, environment)
    size = figures["sizes"]["300"]
    for name in ("bare_start_s", "window_painted_s", "start_s", "real_list_painted_s"):
        assert size[name] > 0, name
    assert size["window_painted_s"] <= size["start_s"] <= size["real_list_painted_s"]
    keystrokes = [key for key in size if key.startswith("search_keystrokes_")]
    assert len(keystrokes) == 8
    assert all(ms > 0 for key in keystrokes for ms in size[key])
    assert size["enter_ms"] > 0
    assert size["vmhwm_mib"] > 0
