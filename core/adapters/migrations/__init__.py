"""Alembic migrations of the catalogue's schema, shipped with the package."""
