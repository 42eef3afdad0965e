"""The page as written: one file, nothing loaded from elsewhere, text escaped, data unable to end its script element."""
from __future__ import annotations

import base64
import hashlib
import html
import json
import re

import regex
from typer.testing import CliRunner

from cli import app
from extract.review import compare_with, render_review
from extract.review.page import build_views
from schemas.records import MetricRecord, Report
from tests.conftest import DATA, RAW

runner = CliRunner()


def _hostile_page() -> str:
    text = "</script><script>alert(1)</script>发放宣传单300份\u2028<!--"
    report = Report(doc_id="<b>d</b>", report_id="d#1", index=1, title="</style>", text=text)
    report.records.append(MetricRecord(doc_id="d", report_id="d#1", start=40, end=44, raw="300份", value=300,
                                       evidence="</script>\u2029&amp;", object="<!--</script>"))
    return render_review([report], title="<title>")


def test_document_text_is_escaped() -> None:
    page = _hostile_page()
    assert "<script>alert(1)" not in page and "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>d</b>" not in page and "&lt;/style&gt;" in page and "&lt;title&gt;" in page
    assert "300份" in page.split('data-record="r1"')[1][:60]


def test_embedded_json_cannot_end_its_element_and_reads_back() -> None:
    page = _hostile_page()
    body = re.search(r'<script type="application/json" id="review-data">(.*?)</script>', page, re.S).group(1)
    assert not any(character in body for character in "<>&\u2028\u2029")
    record = json.loads(body)["records"]["r1"]
    assert record["evidence"] == "</script>\u2029&amp;" and record["object"] == "<!--</script>"


def test_inline_script_and_style_are_the_only_ones_the_policy_allows() -> None:
    page = _hostile_page()
    policy = html.unescape(re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page).group(1))
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy
    for tag, directive in (("script", "script-src"), ("style", "style-src")):
        sources = re.findall(rf"<{tag}>(.*?)</{tag}>", page, re.S)
        assert len(sources) == 1
        digest = base64.b64encode(hashlib.sha256(sources[0].encode("utf-8")).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in policy


def test_cli_page_loads_nothing_from_elsewhere(tmp_path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "hostile.txt").write_bytes((DATA / "review_hostile.txt").read_bytes())
    out = tmp_path / "review.html"
    result = runner.invoke(app, ["review", str(RAW), str(inbox), "--out", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert not regex.search(r"""<(?:link|script|img|iframe)[^>]*\s(?:src|href)\s*=\s*["']?+(?!data:|#)""", page)
    assert "@import" not in page and "url(" not in page
    assert not list(tmp_path.glob("inbox/.*.tmp")) and not list(tmp_path.glob(".*.tmp"))


def test_records_need_their_reports(tmp_path) -> None:
    result = runner.invoke(app, ["review", "--records", str(tmp_path / "r.jsonl"), "--out", str(tmp_path / "x.html")])
    assert result.exit_code == 2 and "--reports" in result.output
    result = runner.invoke(app, ["review", "--records", str(tmp_path / "r.jsonl"), "--reports", str(tmp_path / "p.jsonl"),
                                 "--out", str(tmp_path / "x.html")])
    assert result.exit_code == 2 and "p.jsonl" in result.output and not (tmp_path / "x.html").exists()


def test_missing_record_whose_text_moved_is_shown_at_its_raw(tmp_path) -> None:
    text = "开展讲座3次，发放宣传单300份，再开展讲座3次。"
    report = Report(doc_id="a.txt", report_id="a.txt#1", index=1, text=text)
    # The previous run saw 3次 at a place that now holds other text; the nearest 3次 is the second one.
    gone = MetricRecord(doc_id="a.txt", report_id="a.txt#1", start=18, end=20, evidence="", raw="3次", value=3)
    path = tmp_path / "previous.jsonl"
    path.write_text(gone.model_dump_json() + "\n", encoding="utf-8")
    [(_, [view])], entries = build_views([report], compare_with(path))
    [token] = [token for token in view.tokens if token.kind == "open"]
    assert (token.span.id, token.span.diff, token.span.start, token.span.end) == ("m1", "missing", 22, 24)
    assert text[22:24] == "3次" and entries[0].diff == "missing"
