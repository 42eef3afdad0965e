"""Browser fixtures for the review page tests: one Chromium per session, a fresh page per test."""
from __future__ import annotations

from typing import Any, Iterator

import pytest

from tests.review.browser import chromium, in_ci, missing_browser


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """The system Chromium; skipped with the reason where none can be installed, a failure in CI."""
    reason = missing_browser()
    if reason is not None:
        if in_ci():
            pytest.fail(f"browser tests cannot run in CI: {reason}")
        pytest.skip(f"no browser: {reason}")
    with chromium() as launched:
        yield launched


class PageLog:
    """Console errors, uncaught exceptions and requests a page made."""

    def __init__(self, page: Any) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))
        page.on("request", lambda request: self.requests.append(request.url))


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    """A new page in a 1400×900 viewport with its log at `page.log`."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    opened = context.new_page()
    opened.log = PageLog(opened)
    yield opened
    context.close()
