"""Revisions, oldest first: 0001 books and messages, 0002 search keys, index and count,
0003 numbered messages and folded keys."""
