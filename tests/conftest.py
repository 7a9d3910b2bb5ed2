"""Fixtures shared by several test files."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fixtures.web_server import WebServer, serve


@pytest.fixture
def web_server() -> Iterator[WebServer]:
    """A real HTTP server on 127.0.0.1 serving the routes the test sets."""
    with serve() as server:
        yield server
