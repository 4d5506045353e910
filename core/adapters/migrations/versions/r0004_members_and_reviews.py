"""Members, reviews and the books' ratings tally.

Revision ID: 0004
Revises: 0005
Create Date: 2026-11-29

``members`` keeps former members (``former``) so that their reviews keep a nickname; the
nickname key (folded, ``core.domain.ordering.fold``) is unique among current members only (a
partial index). ``reviews``: one per member and book. The books get the ratings read model:
``review_count``, ``rate_sum`` and their mean ``rating`` (NULL without reviews), indexed with
``id`` so that a page sorted by rating or by reviews is read from the index (on PostgreSQL
with NULLs first, as on SQLite, so that both directions walk the same index).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Create members and reviews; add and index the ratings tally of the books."""
    postgres = op.get_bind().dialect.name == "postgresql"
    key_type = sa.String(collation="C") if postgres else sa.String()
    op.create_table(
        "members",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("nickname", sa.String(), nullable=False),
        sa.Column("nickname_key", key_type, nullable=False),
        sa.Column("email", sa.String(), nullable=False, server_default=""),
        sa.Column("former", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_index(
        "ix_members_current_nickname_key",
        "members",
        ["nickname_key"],
        unique=True,
        sqlite_where=sa.text("former = 0"),
        postgresql_where=sa.text("NOT former"),
    )
    op.create_table(
        "reviews",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("member_id", sa.Uuid(), nullable=False),
        sa.Column("book_id", sa.Uuid(), nullable=False),
        sa.Column("rate", sa.SmallInteger(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False, server_default=""),
        sa.Column("written_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("member_id", "book_id", name="uq_reviews_member_book"),
    )
    op.create_index("ix_reviews_book_id_written_at", "reviews", ["book_id", "written_at"])
    op.create_index("ix_reviews_written_at", "reviews", ["written_at"])
    for name in ("review_count", "rate_sum"):
        op.add_column(
            "books", sa.Column(name, sa.Integer(), nullable=False, server_default=sa.text("0"))
        )
    op.add_column("books", sa.Column("rating", sa.Float(), nullable=True))
    rating = "rating NULLS FIRST" if postgres else "rating"
    op.create_index("ix_books_rating_id", "books", [sa.text(rating), sa.text("id")])
    op.create_index("ix_books_review_count_id", "books", ["review_count", "id"])


def downgrade() -> None:
    """Drop the tally, the reviews and the members."""
    for index in ("ix_books_review_count_id", "ix_books_rating_id"):
        op.drop_index(index, table_name="books")
    for name in ("rating", "rate_sum", "review_count"):
        op.drop_column("books", name)
    op.drop_table("reviews")
    op.drop_table("members")
