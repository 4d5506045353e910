"""Where the Open Library adapter's settings come from: the environment, the package's
metadata and the platform's user cache directory. Read when called, never at import."""

from __future__ import annotations

import os
from importlib import metadata
from pathlib import Path

import platformdirs

from core.adapters.openlibrary.adapter import COVERS_URL, OPEN_LIBRARY_URL, OpenLibrary

API_URL_VARIABLE = "READING_CLUB_OPENLIBRARY_URL"
COVERS_URL_VARIABLE = "READING_CLUB_COVERS_URL"
DISTRIBUTION = "reading-club"
FALLBACK_VERSION = "0+unknown"
FALLBACK_HOMEPAGE = "https://github.com/reading-club/reading-club"


def open_library_from_environment(cache_dir: Path | None = None) -> OpenLibrary:
    """Open Library at ``$READING_CLUB_OPENLIBRARY_URL`` / ``$READING_CLUB_COVERS_URL`` (or
    the public addresses), caching in ``cache_dir`` or the user cache directory."""
    return OpenLibrary(
        cache_dir=cache_dir or default_cache_dir(),
        user_agent=user_agent(),
        api_url=os.environ.get(API_URL_VARIABLE) or OPEN_LIBRARY_URL,
        covers_url=os.environ.get(COVERS_URL_VARIABLE) or COVERS_URL,
    )


def default_cache_dir() -> Path:
    """The Open Library cache in the platform's user cache directory."""
    return platformdirs.user_cache_path("reading-club") / "openlibrary"


def user_agent() -> str:
    """``ReadingClub/<version> (+<homepage>)``: Open Library asks clients to say who they are."""
    try:
        package = metadata.metadata(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return f"ReadingClub/{FALLBACK_VERSION} (+{FALLBACK_HOMEPAGE})"
    return f"ReadingClub/{package['Version'] or FALLBACK_VERSION} (+{_homepage(package)})"


def _homepage(package: metadata.PackageMetadata) -> str:
    entries: list[str] = package.get_all("Project-URL") or []
    for entry in entries:
        label, _, url = entry.partition(",")
        if label.strip().lower() == "homepage" and url.strip():
            return url.strip()
    return FALLBACK_HOMEPAGE
