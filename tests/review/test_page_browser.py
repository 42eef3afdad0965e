"""The review page in a real headless Chromium: it loads clean, marks every record, shows one on click,
runs nothing from hostile text, and marks what --against finds changed."""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cli import app
from extract.review import render_review, write_review
from schemas.records import MetricRecord, Report
from tests.conftest import DATA, RAW, ROOT

runner = CliRunner()
HOSTILE = DATA / "review_hostile.txt"


def _run(*arguments: str) -> None:
    result = runner.invoke(app, list(arguments))
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed corpus extracted once: records.jsonl and reports.jsonl in one folder."""
    folder = tmp_path_factory.mktemp("seed")
    _run("extract", str(RAW), "--out", str(folder / "records.jsonl"), "--reports", str(folder / "reports.jsonl"), "--no-progress")
    return folder


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _open(page: Any, path: Path) -> Any:
    page.goto(path.as_uri(), wait_until="load")
    return page


def test_seed_page_loads_offline_without_console_errors(page: Any, seed_run: Path, tmp_path: Path) -> None:
    out = tmp_path / "review.html"
    _run("review", "--records", str(seed_run / "records.jsonl"), "--reports", str(seed_run / "reports.jsonl"),
         "--out", str(out), "--against", str(ROOT / "corpus" / "gold"))
    _open(page, out)
    assert page.log.errors == []
    assert [url for url in page.log.requests if url != out.as_uri()] == []
    assert page.locator("section.report").count() == 61


def test_one_highlight_per_record_holding_its_raw_text(page: Any, seed_run: Path, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(HOSTILE, inbox / "hostile.txt")
    shutil.copy(RAW / "000_23cee1b953ad0199.txt", inbox)
    out = tmp_path / "review.html"
    _run("review", str(inbox), "--out", str(out))
    _open(page, out)
    data = json.loads(page.locator("#review-data").text_content())
    shown = page.eval_on_selector_all("mark[data-record]", "marks => marks.map(m => [m.dataset.record, m.textContent])")
    assert len(shown) == len(data["records"]) > 10
    # Offsets count code points; the hostile report puts astral characters (𠀀𠀁) before a record.
    assert all(text == data["records"][record]["raw"] for record, text in shown)
    assert "200余人次" in [text for _, text in shown]


def test_click_shows_the_record(page: Any, seed_run: Path, tmp_path: Path) -> None:
    out = tmp_path / "review.html"
    _run("review", "--records", str(seed_run / "records.jsonl"), "--reports", str(seed_run / "reports.jsonl"), "--out", str(out))
    _open(page, out)
    record = _jsonl(seed_run / "records.jsonl")[5]
    assert page.locator("#detail").is_hidden()
    page.locator("mark#r9").hover()
    assert page.locator("#detail").is_visible() and page.locator("#detail").get_attribute("data-record") == "r9"
    page.mouse.move(1, 1)
    assert page.locator("#detail").is_hidden()
    page.locator("mark#r6").click()
    detail = page.locator("#detail")
    assert detail.is_visible()
    text = detail.inner_text()
    assert record["raw"] in text and record["activity"] in text and record["rule"] in text
    assert page.locator("mark#r6").get_attribute("class").startswith(f"act-{record['activity']}")
    page.locator("mark#r9").hover()
    page.mouse.move(1, 1)
    assert page.locator("#detail").get_attribute("data-record") == "r6"  # a clicked record stays shown
    page.keyboard.press("Escape")
    assert page.locator("#detail").is_hidden()


def test_keyboard_and_table_link_move_between_highlights(page: Any, seed_run: Path, tmp_path: Path) -> None:
    out = tmp_path / "review.html"
    _run("review", "--records", str(seed_run / "records.jsonl"), "--reports", str(seed_run / "reports.jsonl"), "--out", str(out))
    _open(page, out)
    focused = "() => document.activeElement.dataset.record"
    page.keyboard.press("j")
    page.keyboard.press("j")
    assert page.evaluate(focused) == "r2"
    page.keyboard.press("k")
    assert page.evaluate(focused) == "r1"
    page.keyboard.press("p")
    assert page.evaluate(focused) == f"r{len(_jsonl(seed_run / 'records.jsonl'))}"
    page.locator('#record-table a.goto[href="#r40"]').click()
    assert page.evaluate(focused) == "r40"
    assert page.locator("#detail").get_attribute("data-record") == "r40"


def test_table_sorts_and_filters_and_report_list_filters(page: Any, seed_run: Path, tmp_path: Path) -> None:
    out = tmp_path / "review.html"
    _run("review", "--records", str(seed_run / "records.jsonl"), "--reports", str(seed_run / "reports.jsonl"), "--out", str(out))
    _open(page, out)
    page.locator("#record-table th", has_text="value").first.click()
    values = page.eval_on_selector_all("#record-table tbody tr", "rows => rows.map(r => r.cells[3].textContent)")
    numbers = [float(value) for value in values if value]
    assert numbers == sorted(numbers) and len(numbers) > 100
    page.locator("#activity-filter").select_option("lecture")
    activities = page.eval_on_selector_all("#record-table tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.activity)")
    assert activities and set(activities) == {"lecture"}
    page.locator("#report-filter").fill("plan")
    shown = page.eval_on_selector_all("section.report:not([hidden])", "sections => sections.length")
    plans = sum(row["doc_type"] == "plan" for row in _jsonl(seed_run / "reports.jsonl"))
    assert 0 < plans <= shown < 61


def test_hostile_text_runs_nothing_and_shows_as_text(page: Any, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(HOSTILE, inbox / 'x"><img src=x onerror=window.__pwned=1>.txt')
    out = tmp_path / "review.html"
    _run("review", str(inbox), "--out", str(out))
    hostile = HOSTILE.read_text(encoding="utf-8")
    extra = Report(doc_id="</style><script>window.__pwned=1</script>", report_id="h#1", index=1,
                   title="</textarea><img src=x onerror=window.__pwned=1>", organization="javascript:window.__pwned=1",
                   text="</script><script>window.__pwned=1</script>发放宣传单300份\u2028。")
    extra.records.append(MetricRecord(doc_id=extra.doc_id, report_id="h#1", start=44, end=50, evidence="</script>\u2029",
                                      raw="300份", value=300, object="</script><script>window.__pwned=1</script>"))
    second = tmp_path / "review2.html"
    write_review(render_review([extra], title="<script>window.__pwned=1</script>"), second)
    for path in (out, second):
        _open(page, path)
        page.locator("mark[data-record]").first.click()
        page.keyboard.press("j")
        assert page.evaluate("() => typeof window.__pwned") == "undefined"
        assert page.log.errors == []
        assert page.evaluate("() => document.querySelectorAll('main img, main script, main svg, main iframe, main a[href^=javascript], nav img').length") == 0
    _open(page, out)
    text = page.locator("section.report .report-text").first.inner_text()
    assert '<img src=x onerror="window.__pwned=1">' in text and "<script>window.__pwned=1</script>" in text
    assert "</style></textarea>" in text and "javascript:window.__pwned=1" in text and "&lt;b&gt;" in hostile and "&lt;b&gt;" in text
    _open(page, second)
    assert page.locator("section.report h2").inner_text() == "</textarea><img src=x onerror=window.__pwned=1>"
    page.locator("mark#r1").click()
    assert "</script><script>window.__pwned=1</script>" in page.locator("#detail").inner_text()


def test_against_marks_new_missing_and_changed(page: Any, seed_run: Path, tmp_path: Path) -> None:
    records = _jsonl(seed_run / "records.jsonl")
    reports = {row["report_id"]: row for row in _jsonl(seed_run / "reports.jsonl")}
    dropped, edited = records[3], records[7]
    previous = [dict(row) for row in records if row is not dropped]
    previous[previous.index(edited)] = {**edited, "activity": "drill", "object": "旧对象"}
    # A record the previous run had at a span where this run finds nothing: the first two characters of a report.
    ghost_report = next(row for row in reports.values() if not any(r["report_id"] == row["report_id"] for r in records))
    ghost = {**records[0], "report_id": ghost_report["report_id"], "doc_id": ghost_report["doc_id"],
             "start": 0, "end": 2, "raw": ghost_report["text"][:2]}
    path = tmp_path / "previous.jsonl"
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in previous + [ghost]), encoding="utf-8")
    out = tmp_path / "review.html"
    _run("review", "--records", str(seed_run / "records.jsonl"), "--reports", str(seed_run / "reports.jsonl"),
         "--out", str(out), "--against", str(path))
    _open(page, out)
    assert page.log.errors == []
    marked = page.eval_on_selector_all("mark[data-diff]", "marks => marks.map(m => [m.dataset.diff, m.textContent])")
    assert sorted(marked) == sorted([["new", dropped["raw"]], ["changed", edited["raw"]], ["missing", ghost["raw"]]])
    counts = page.locator("#diff-counts")
    assert [counts.get_attribute(f"data-{kind}") for kind in ("new", "missing", "changed")] == ["1", "1", "1"]
    assert "1 new" in counts.inner_text() and "1 missing" in counts.inner_text() and "1 changed" in counts.inner_text()
    changed_row = page.locator('#record-table tr[data-diff="changed"]')
    assert changed_row.locator("td.changed-fields").inner_text() == "changed: activity, object"
    page.locator('mark[data-diff="changed"]').click()
    detail = page.locator("#detail").inner_text()
    assert "was: drill" in detail and "was: 旧对象" in detail
    assert page.locator("mark[data-record]").count() == len(records) + 1


def test_without_a_browser_the_reason_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.review import browser

    monkeypatch.setattr(browser, "CHROMIUM", Path("/nonexistent/chromium"))
    assert "/nonexistent/chromium is not installed" in browser.missing_browser()
    monkeypatch.setenv("CI", "true")
    assert browser.in_ci()
