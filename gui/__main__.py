"""``python -m gui`` opens the Reading Club window."""

from gui.app import run

run()
