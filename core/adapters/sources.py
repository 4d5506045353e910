"""The SQL BookSource repository: rows of ``book_sources``, buffered with a batch's new books."""

from __future__ import annotations

from sqlalchemy.dialects import postgresql, sqlite

from core.domain.sources import BookSource
from core.service.source_repository import AbstractBookSourceRepository

from .rows import raw_uuid
from .tables import BOOK_SOURCES
from .writes import SqlWrites


class SqlBookSourceRepository(AbstractBookSourceRepository):
    """Links within one transaction (:class:`SqlWrites`): the link of a book added in it is
    written with it at commit; another is upserted at once."""

    def __init__(self, writes: SqlWrites) -> None:
        super().__init__()
        self.writes = writes

    async def save(self, model: BookSource) -> None:
        """Keep the link (replacing the book an existing one named)."""
        writes = self.writes
        self.seen.append(model)
        if model.book_id in writes.new_books:
            raw_id = raw_uuid(writes.dialect, model.book_id)
            writes.add_rows("book_sources", [(model.source, model.source_id, raw_id)])
            return
        await writes.before_write()
        insert = postgresql.insert if writes.dialect == "postgresql" else sqlite.insert
        statement = insert(BOOK_SOURCES).values(
            source=model.source, source_id=model.source_id, book_id=model.book_id
        )
        keys = [BOOK_SOURCES.c.source, BOOK_SOURCES.c.source_id]
        upsert = statement.on_conflict_do_update(
            index_elements=keys, set_={"book_id": statement.excluded.book_id}
        )
        await writes.session.execute(upsert)
