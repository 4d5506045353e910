"""Open Library's answers and covers kept on disk, so a book looked up twice costs one visit.

Layout under the root: ``answers/<kind>/<name>.json`` (``{"found": true, "doc": {...}}`` or
``{"found": false}``) and ``covers/<id>-<size>.img`` (a BLAKE2 digest, then the image; no image
means "no cover"). Ages come from the files' modification times. Every write goes to a
temporary file first and is renamed over the old one; a file that cannot be read, parsed or
verified is a miss; a cache that cannot be written is no cache (the look-up still works).

Not hishel (the maintained HTTP cache for httpx): it implements RFC 9111, so what it keeps and
for how long follows the server's Cache-Control headers and is keyed by URL. Here "asked once,
not asked again for a month", "not found" kept for a day, the ``/isbn/`` redirect folded into
one entry per ISBN, and files that tolerate corruption are the point: a hundred lines, and no
dependency to add.
"""

from __future__ import annotations

import enum
import hashlib
import json
import os
import re
import tempfile
import time
from pathlib import Path
from typing import Any, Literal

from core.adapters.openlibrary.manners import Clock

DAY = 86_400.0
_NAME = re.compile(r"[A-Za-z0-9]+")
_DIGEST_SIZE = 16

type Document = dict[str, Any]


class Miss(enum.Enum):
    """Nothing usable in the cache (absent, expired or corrupted)."""

    MISS = enum.auto()


MISS = Miss.MISS


class DiskCache:
    """Answers (a JSON document, or "not found") and cover images, each kept for a while."""

    def __init__(
        self,
        root: Path,
        *,
        now: Clock = time.time,
        found_for: float = 30 * DAY,
        missing_for: float = 1 * DAY,
        covers_for: float = 365 * DAY,
    ) -> None:
        self.root = root
        self._now = now
        self._found_for = found_for
        self._missing_for = missing_for
        self._covers_for = covers_for

    def answer(self, kind: str, name: str) -> Document | Literal[Miss.MISS] | None:
        """The kept document, ``None`` for a kept "not found", or :data:`MISS`."""
        path = self._answer_path(kind, name)
        try:
            age = self._now() - path.stat().st_mtime
            entry = json.loads(path.read_bytes())
        except (OSError, ValueError):
            return MISS
        if not isinstance(entry, dict) or not isinstance(entry.get("found"), bool):
            return MISS
        if age > (self._found_for if entry["found"] else self._missing_for):
            return MISS
        if not entry["found"]:
            return None
        doc = entry.get("doc")
        return doc if isinstance(doc, dict) else MISS

    def keep_answer(self, kind: str, name: str, doc: Document | None) -> None:
        """Keep ``doc`` (or "not found" when ``None``) as the answer for ``kind/name``."""
        entry = {"found": False} if doc is None else {"found": True, "doc": doc}
        data = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()
        _write_atomically(self._answer_path(kind, name), data)

    def cover(self, cover_id: int, size: str) -> bytes | Literal[Miss.MISS] | None:
        """The kept image, ``None`` for a kept "no cover", or :data:`MISS`."""
        path = self._cover_path(cover_id, size)
        try:
            age = self._now() - path.stat().st_mtime
            data = path.read_bytes()
        except OSError:
            return MISS
        digest, image = data[:_DIGEST_SIZE], data[_DIGEST_SIZE:]
        if len(digest) != _DIGEST_SIZE or digest != _digest(image):
            return MISS
        if age > (self._covers_for if image else self._missing_for):
            return MISS
        return image or None

    def keep_cover(self, cover_id: int, size: str, image: bytes | None) -> None:
        """Keep ``image`` (or "no cover" when ``None``) for cover ``cover_id`` in ``size``."""
        payload = image or b""
        _write_atomically(self._cover_path(cover_id, size), _digest(payload) + payload)

    def _answer_path(self, kind: str, name: str) -> Path:
        if not (_NAME.fullmatch(kind) and _NAME.fullmatch(name)):
            raise ValueError(f"not a cache name: {kind}/{name}")
        return self.root / "answers" / kind / f"{name}.json"

    def _cover_path(self, cover_id: int, size: str) -> Path:
        if not _NAME.fullmatch(size):
            raise ValueError(f"not a cover size: {size}")
        return self.root / "covers" / f"{int(cover_id)}-{size}.img"


def _digest(payload: bytes) -> bytes:
    return hashlib.blake2b(payload, digest_size=_DIGEST_SIZE).digest()


def _write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one rename; give up quietly when the disk refuses."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".part")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
