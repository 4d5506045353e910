"""A database password never appears in a log record or an error message."""

from __future__ import annotations

import logging

import pytest

from core.bootstrap import CatalogueOpenError, open_catalogue

PASSWORD = "s3cret-Pa55"
URLS = [
    f"postgresql+asyncpg://club:{PASSWORD}@127.0.0.1:1/club",  # nobody listening
    f"postgresql+asyncpg://no_such_role:{PASSWORD}@127.0.0.1:5432/no_such_database",
]


@pytest.mark.parametrize("url", URLS, ids=["refused", "login-rejected"])
async def test_a_failed_opening_logs_and_says_nothing_of_the_password(
    url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Every log record (DEBUG and up) and the error's text leave the password out."""
    caplog.set_level(logging.DEBUG)
    with pytest.raises(CatalogueOpenError) as caught:
        async with open_catalogue(url):
            pass

    assert PASSWORD not in str(caught.value)
    assert PASSWORD not in repr(caught.value)
    assert PASSWORD not in caplog.text
    assert all(PASSWORD not in str(record.args) for record in caplog.records)
