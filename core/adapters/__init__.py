"""Adapters: SQL persistence (SQLModel tables, repositories, unit of work, message store),
schema migrations and event stream transports. Nothing here runs at import time."""
