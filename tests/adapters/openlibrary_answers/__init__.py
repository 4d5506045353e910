"""Open Library's answers (the JSON files here, see README.md) served by a local
``pytest-httpserver``, and a fake clock for the rate limiter."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

HERE = Path(__file__).parent

FOX_ISBN = "9782859406370"  # L'île des perroquets: edition with its author and a cover
FOX_EDITION = "/books/OL8984046M"
SABRIEL_ISBN = "9780060273224"  # Sabriel: the edition names no author; its work does
SABRIEL_EDITION = "/books/OL22951843M"
UNKNOWN_ISBN = "9780000000002"


def answer(name: str) -> dict[str, Any]:
    """The stored answer ``name`` (a file name without ``.json``)."""
    loaded: dict[str, Any] = json.loads((HERE / f"{name}.json").read_text(encoding="utf-8"))
    return loaded


def serve_document(server: HTTPServer, key: str) -> None:
    """Serve the stored answer to ``{key}.json`` (e.g. ``/authors/OL1980306A``)."""
    server.expect_request(f"{key}.json").respond_with_json(answer(key.strip("/").replace("/", "_")))


def serve_isbn_redirect(server: HTTPServer, isbn: str, edition: str) -> None:
    """Answer ``/isbn/{isbn}.json`` the way Open Library does: a redirect to the edition."""
    server.expect_request(f"/isbn/{isbn}.json").respond_with_data(
        "", status=302, headers={"Location": f"{edition}.json"}
    )


def serve_fox(server: HTTPServer) -> None:
    """Serve the ISBN, edition and author answers of L'île des perroquets."""
    serve_isbn_redirect(server, FOX_ISBN, FOX_EDITION)
    serve_document(server, FOX_EDITION)
    serve_document(server, "/authors/OL1980306A")


def serve_sabriel(server: HTTPServer) -> None:
    """Serve the ISBN, edition, work and author answers of Sabriel."""
    serve_isbn_redirect(server, SABRIEL_ISBN, SABRIEL_EDITION)
    serve_document(server, SABRIEL_EDITION)
    serve_document(server, "/works/OL15832982W")
    serve_document(server, "/authors/OL382982A")


def serve_not_found(server: HTTPServer, isbn: str = UNKNOWN_ISBN) -> None:
    """Answer ``/isbn/{isbn}.json`` with Open Library's 404."""
    server.expect_request(f"/isbn/{isbn}.json").respond_with_json(answer("not_found"), status=404)


def api_paths(server: HTTPServer) -> list[str]:
    """The paths the server was asked for, in order."""
    return [request.path for request, _ in server.log]


def closed_port_url() -> str:
    """The URL of a local port nobody listens on (connections are refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


class FakeClock:
    """Monotonic time that only moves when something sleeps on it."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        """Advance the time instead of waiting."""
        self.sleeps.append(seconds)
        self.now += seconds


def recording(clock: FakeClock, times: list[float], response: Response) -> Any:
    """A server handler answering ``response`` and noting the fake time of each request."""

    def handle(_request: Request) -> Response:
        times.append(clock.now)
        return response

    return handle
