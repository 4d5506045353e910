"""The Open Library adapter's disk cache (answers, "not found" and covers), and covers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from core.adapters.openlibrary import OpenLibrary
from tests.adapters.openlibrary_answers import (
    FOX_ISBN,
    SABRIEL_ISBN,
    UNKNOWN_ISBN,
    serve_fox,
    serve_not_found,
    serve_sabriel,
)
from tests.adapters.openlibrary_answers.local import (
    FOX,
    JPEG,
    LocalOpenLibrary,
    age,
    corrupt,
)


@pytest.fixture
async def local(httpserver: HTTPServer, tmp_path: Path) -> AsyncIterator[LocalOpenLibrary]:
    """Adapters on the local server with an empty cache, closed after the test."""
    async with LocalOpenLibrary(httpserver, tmp_path / "cache") as made:
        yield made


@pytest.fixture
def source(local: LocalOpenLibrary) -> OpenLibrary:
    """An adapter on the local server, with an empty cache."""
    return local.make()


async def test_a_second_look_up_sends_no_request(
    httpserver: HTTPServer, source: OpenLibrary, local: LocalOpenLibrary
) -> None:
    """The same ISBN again, from this adapter or a new one on the same cache, sends nothing."""
    serve_sabriel(httpserver)
    first = await source.by_isbn(SABRIEL_ISBN)
    asked = len(httpserver.log)
    assert await source.by_isbn(SABRIEL_ISBN) == first
    assert await local.make().by_isbn(SABRIEL_ISBN) == first
    assert len(httpserver.log) == asked


async def test_not_found_is_kept_too(httpserver: HTTPServer, source: OpenLibrary) -> None:
    """An unknown ISBN asked twice is asked for once."""
    serve_not_found(httpserver)
    assert await source.by_isbn(UNKNOWN_ISBN) is None
    assert await source.by_isbn(UNKNOWN_ISBN) is None
    assert len(httpserver.log) == 1


async def test_kept_answers_expire(
    httpserver: HTTPServer, source: OpenLibrary, local: LocalOpenLibrary
) -> None:
    """A "not found" older than a day is asked for again."""
    serve_not_found(httpserver)
    await source.by_isbn(UNKNOWN_ISBN)
    for kept in local.kept_files():
        age(kept, 86_401)
    await source.by_isbn(UNKNOWN_ISBN)
    assert len(httpserver.log) == 2


async def test_a_corrupted_cache_file_is_ignored(
    httpserver: HTTPServer, source: OpenLibrary, local: LocalOpenLibrary
) -> None:
    """Garbage in the kept answers and covers is a miss: they are asked for again."""
    serve_fox(httpserver)
    httpserver.expect_request("/covers/b/id/990870-M.jpg").respond_with_data(JPEG)
    await source.by_isbn(FOX_ISBN)
    await source.cover(990870)
    kept = local.kept_files()
    for path in kept:
        corrupt(path)
    assert await source.by_isbn(FOX_ISBN) == FOX
    assert await source.cover(990870) == JPEG
    assert len(kept) == 3
    assert len(httpserver.log) == 8


async def test_an_unwritable_cache_still_looks_up(
    httpserver: HTTPServer, local: LocalOpenLibrary, tmp_path: Path
) -> None:
    """When the cache directory cannot be made, look-ups work, uncached."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    serve_fox(httpserver)
    assert await local.make(cache_dir=blocker / "cache").by_isbn(FOX_ISBN) == FOX


async def test_no_temporary_files_are_left_in_the_cache(
    httpserver: HTTPServer, source: OpenLibrary, local: LocalOpenLibrary
) -> None:
    """Writes go through a temporary file that is renamed: none remain."""
    serve_sabriel(httpserver)
    await source.by_isbn(SABRIEL_ISBN)
    assert sorted(path.name for path in local.kept_files()) == [
        f"{SABRIEL_ISBN}.json",
        "OL15832982W.json",
        "OL382982A.json",
    ]


# Covers


async def test_a_cover_is_fetched_without_a_default_image_and_kept(
    httpserver: HTTPServer, source: OpenLibrary, local: LocalOpenLibrary
) -> None:
    """The cover is asked for with default=false, and kept: asked for once."""
    httpserver.expect_request(
        "/covers/b/id/990870-M.jpg", query_string="default=false"
    ).respond_with_data(JPEG, content_type="image/jpeg")
    assert await source.cover(990870) == JPEG
    assert await local.make().cover(990870) == JPEG
    assert len(httpserver.log) == 1


async def test_a_cover_redirected_to_its_archive_is_followed(
    httpserver: HTTPServer, source: OpenLibrary
) -> None:
    """covers.openlibrary.org redirects to archive storage; the image is read there."""
    httpserver.expect_request("/covers/b/id/990870-L.jpg").respond_with_data(
        "", status=302, headers={"Location": "/view_archive.php?file=990870-L.jpg"}
    )
    httpserver.expect_request("/view_archive.php").respond_with_data(JPEG)
    assert await source.cover(990870, "L") == JPEG


async def test_a_missing_cover_is_none_and_kept(
    httpserver: HTTPServer, source: OpenLibrary
) -> None:
    """404 (what default=false gives) is "no cover", asked for once."""
    httpserver.expect_request("/covers/b/id/1-M.jpg").respond_with_data("", status=404)
    assert await source.cover(1) is None
    assert await source.cover(1) is None
    assert len(httpserver.log) == 1


@pytest.mark.parametrize(("cover_id", "size"), [(990870, "XL"), (0, "M"), (-1, "M")])
async def test_a_wrong_cover_size_or_id_is_refused_without_a_request(
    httpserver: HTTPServer, source: OpenLibrary, cover_id: int, size: str
) -> None:
    """Sizes are S, M and L; ids are positive (Open Library's -1 means none)."""
    with pytest.raises(ValueError, match="cover"):
        await source.cover(cover_id, size)
    assert httpserver.log == []
