"""The test tooling's browser: the system Chromium driven by Playwright, which never downloads a browser of its own."""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

CHROMIUM = Path("/usr/bin/chromium")
# Headless, and nothing that phones home: no component updates, sync or background requests.
ARGUMENTS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync"]


def missing_browser() -> str | None:
    """Why no browser test can run here, or None when Chromium and Playwright are both installed."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is not installed (apt-get install chromium; .ci/run installs it)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[dev]')"
    return None


def in_ci() -> bool:
    """CI installs the browser, so there a missing one is a failure, not a skip."""
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless system Chromium, closed on exit."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=ARGUMENTS)
        try:
            yield browser
        finally:
            browser.close()
