"""The batch: a document that yields no report is named in the result, not lost silently."""
from __future__ import annotations

from pathlib import Path

from extract.batch import run_batch
from tests.conftest import RAW


def test_document_without_reports_is_listed(tmp_path: Path) -> None:
    (tmp_path / "chrome.txt").write_text("我要投稿\n本文地址：http://example.com/1.html\n", encoding="utf-8")
    (tmp_path / "good.txt").write_text((RAW / "004_b01f797654e47c8c.txt").read_text(encoding="utf-8"), encoding="utf-8")
    result = run_batch([str(tmp_path)])
    assert result.errors == []
    assert result.without_reports == [str(tmp_path / "chrome.txt")]
    assert {report.doc_id for report in result.reports} == {"good.txt"}
