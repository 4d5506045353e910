"""The sibling package whose name starts with ``pkg_a``."""
