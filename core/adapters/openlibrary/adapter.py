"""Open Library (openlibrary.org) as the book information source.

An ISBN costs ``GET /isbn/{isbn}.json`` (a redirect to ``/books/OL…M.json``, both
rate-limited), then one ``/authors/OL…A.json`` per author, or first ``/works/OL…W.json`` when
the edition names none. Every answer, "not found" included, is kept on disk, so looking the
same book up again sends nothing; authors shared by several books are asked for once.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from pathlib import Path

import httpx

from core.adapters.openlibrary.disk_cache import MISS, DiskCache
from core.adapters.openlibrary.documents import (
    AUTHOR_KEY,
    WORK_KEY,
    Document,
    author_ids,
    author_name,
    parse_document,
    read_edition,
    redirect_id,
)
from core.adapters.openlibrary.manners import RateLimiter, Sleep
from core.adapters.openlibrary.polite_client import DEADLINE, TIMEOUT, Answer, PoliteClient
from core.domain.isbn import canonical_isbn
from core.service.book_info import (
    OPEN_LIBRARY,
    AbstractBookInformation,
    BookInfo,
    BookInfoUnavailable,
    UnavailableReason,
)

OPEN_LIBRARY_URL = "https://openlibrary.org"
COVERS_URL = "https://covers.openlibrary.org"
MAX_ANSWER_BYTES = 2 * 1024 * 1024  # the largest real edition documents are a few kB
MAX_COVER_BYTES = 5 * 1024 * 1024
COVER_SIZES = ("S", "M", "L")
REQUESTS_PER_SECOND = 3
_JSON = "application/json"


class OpenLibrary(AbstractBookInformation):
    """Book details and covers from Open Library, politely and with a disk cache.

    ``user_agent`` names the application (see :func:`user_agent`); ``limiter`` defaults to
    3 requests a second (covers are not limited); ``sleep`` is what waits for a short
    ``Retry-After``. Tests pass short timeouts, a fake clock's limiter and sleep.
    """

    name = OPEN_LIBRARY

    def __init__(
        self,
        *,
        cache_dir: Path,
        user_agent: str,
        api_url: str = OPEN_LIBRARY_URL,
        covers_url: str = COVERS_URL,
        timeout: httpx.Timeout = TIMEOUT,
        deadline: float = DEADLINE,
        limiter: RateLimiter | None = None,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self._api_url = api_url.rstrip("/")
        self._covers_url = covers_url.rstrip("/")
        self._cache = DiskCache(cache_dir)
        client = httpx.AsyncClient(
            headers={"User-Agent": user_agent}, timeout=timeout, follow_redirects=False
        )
        self._client = PoliteClient(
            client,
            limiter or RateLimiter(REQUESTS_PER_SECOND, 1.0),
            sleep=sleep,
            deadline=deadline,
        )

    async def by_isbn(self, isbn: str) -> BookInfo | None:
        """See :meth:`AbstractBookInformation.by_isbn`."""
        isbn13 = canonical_isbn(isbn)
        doc = await self._document("isbn", isbn13, check=read_edition)
        if doc is None:
            return None
        edition = read_edition(doc)
        ids = edition.author_ids or await self._work_author_ids(edition.work_id)
        names = [await self._author_name(author_id) for author_id in ids]
        return edition.book_info(isbn13, tuple(name for name in names if name))

    async def cover(self, cover_id: int, size: str = "M") -> bytes | None:
        """See :meth:`AbstractBookInformation.cover`."""
        if size not in COVER_SIZES:
            raise ValueError(f"a cover size is one of {', '.join(COVER_SIZES)}, not {size!r}")
        if isinstance(cover_id, bool) or not isinstance(cover_id, int) or cover_id < 1:
            raise ValueError(f"a cover id is a positive integer, not {cover_id!r}")
        cached = self._cache.cover(cover_id, size)
        if cached is not MISS:
            return cached
        url = httpx.URL(f"{self._covers_url}/b/id/{cover_id}-{size}.jpg?default=false")
        answer = await self._client.get(url, limited=False, cap=MAX_COVER_BYTES, accept="image/*")
        image = None if answer.status in (404, 410) else _ok_body(answer)
        self._cache.keep_cover(cover_id, size, image)
        return image

    async def aclose(self) -> None:
        """See :meth:`AbstractBookInformation.aclose`."""
        await self._client.aclose()

    async def _document(
        self, kind: str, name: str, check: Callable[[Document], object] = lambda doc: None
    ) -> Document | None:
        """The JSON document ``/{kind}/{name}.json``, or ``None`` when it does not exist;
        from the cache when kept there, else asked for and kept (when ``check`` accepts it)."""
        cached = self._cache.answer(kind, name)
        if cached is not MISS:
            return cached
        url = httpx.URL(f"{self._api_url}/{kind}/{name}.json")
        answer = await self._client.get(url, limited=True, cap=MAX_ANSWER_BYTES, accept=_JSON)
        doc = None if answer.status in (404, 410) else parse_document(_ok_body(answer))
        if doc is not None:
            check(doc)
        self._cache.keep_answer(kind, name, doc)
        return doc

    async def _followed(self, kind: str, name: str, key: re.Pattern[str]) -> Document | None:
        """The document, or the one a merged record points to (one hop)."""
        doc = await self._document(kind, name)
        target = redirect_id(doc, key) if doc is not None else None
        if target is not None and target != name:
            doc = await self._document(kind, target)
        return doc

    async def _work_author_ids(self, work_id: str | None) -> tuple[str, ...]:
        work = await self._followed("works", work_id, WORK_KEY) if work_id else None
        return author_ids(work.get("authors")) if work is not None else ()

    async def _author_name(self, author_id: str) -> str:
        author = await self._followed("authors", author_id, AUTHOR_KEY)
        return author_name(author) if author is not None else ""


def _ok_body(answer: Answer) -> bytes:
    """The body of a 200 answer; any other final status is the source's failure."""
    if answer.status == 200 and answer.body:
        return answer.body
    if answer.status >= 500:
        reason = UnavailableReason.SERVER_ERROR
    else:
        reason = UnavailableReason.BAD_ANSWER
    raise BookInfoUnavailable(reason, detail=f"status {answer.status}, {len(answer.body)} bytes")
