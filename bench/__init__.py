"""Benchmarks, not tests: each runs alone (``python -m bench.NAME``) or with ``make bench``."""
