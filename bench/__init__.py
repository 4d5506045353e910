"""Benchmarks: not tests; each module runs alone (``python -m bench.NAME``) or via ``make bench``."""
