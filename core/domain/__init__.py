"""The book domain: the Book aggregate, its value rules and its messages. No Qt, no SQL."""
