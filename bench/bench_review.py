"""Benchmark: the review page of the whole seed corpus — its size, and how long Chromium takes to open it.

Builds the page as `python cli.py review corpus/raw --against corpus/gold` does, prints its size
(the issue's bound: under 5 MB) and the time the system Chromium takes from navigation to the load
event (bound: under 2 s), median of N fresh tabs. With --screenshot it also saves the page as a
reader sees it, a highlight clicked. Run:
    python bench/bench_review.py [--repeat N] [--screenshot docs/review.png]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.batch import run_batch  # noqa: E402
from extract.review import compare_with, render_review, write_review  # noqa: E402
from tests.review.browser import chromium, missing_browser  # noqa: E402

SCREENSHOT_RECORD = "r8"  # a record of the seed page's first long report, with a changed field against gold


def _open_seconds(browser, url: str) -> tuple[float, float]:
    """Wall time from goto to the load event, and the page's own navigation-to-loadEventEnd time."""
    page = browser.new_page()
    started = time.perf_counter()
    page.goto(url, wait_until="load")
    wall = time.perf_counter() - started
    timing = page.evaluate("() => { const n = performance.getEntriesByType('navigation')[0]; return n.loadEventEnd; }")
    page.close()
    return wall, timing / 1000


def main() -> None:
    """Print the figures (and save a screenshot when asked)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--screenshot", type=Path)
    arguments = parser.parse_args()
    started = time.perf_counter()
    reports = run_batch([str(ROOT / "corpus" / "raw")]).reports
    comparison = compare_with(ROOT / "corpus" / "gold")
    comparison.source = "corpus/gold"  # as typed on the command line, not this machine's path
    html = render_review(reports, comparison, title="Review of corpus/raw")
    built = time.perf_counter() - started
    size = len(html.encode("utf-8"))
    records = sum(len(report.records) for report in reports)
    print(f"seed corpus: {len(reports)} reports, {records} records; page built in {built:.2f} s (extraction included)")
    print(f"page size: {size:,} bytes = {size / 1e6:.2f} MB (bound: under 5 MB)")
    reason = missing_browser()
    if reason:
        print(f"open time: not measured, {reason}")
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "review.html"
        write_review(html, path)
        with chromium() as browser:
            _open_seconds(browser, path.as_uri())  # warm-up: the first tab pays for the renderer process
            figures = [_open_seconds(browser, path.as_uri()) for _ in range(arguments.repeat)]
            wall = statistics.median(figure[0] for figure in figures)
            own = statistics.median(figure[1] for figure in figures)
            print(f"open in Chromium: {wall:.3f} s to the load event, wall clock (page's own timing "
                  f"{own:.3f} s), median of {arguments.repeat} (bound: under 2 s)")
            if arguments.screenshot:
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                page.goto(path.as_uri(), wait_until="load")
                page.locator(f"mark#{SCREENSHOT_RECORD}").click()
                page.evaluate(f"() => document.getElementById('{SCREENSHOT_RECORD}').scrollIntoView({{block: 'center'}})")
                arguments.screenshot.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(arguments.screenshot))
                print(f"screenshot: {arguments.screenshot}")


if __name__ == "__main__":
    main()
