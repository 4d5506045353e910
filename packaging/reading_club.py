"""The bundle's entry point: ``reading-club`` with or without a subcommand, as installed."""

from core.cli import run

run()
