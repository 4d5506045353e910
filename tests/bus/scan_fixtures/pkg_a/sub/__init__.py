"""A subpackage that only a recursive scan finds."""
