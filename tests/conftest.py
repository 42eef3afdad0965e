"""Shared fixtures: the repository's folders and document variants generated at test time."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "corpus" / "raw"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    """The bundled seed corpus."""
    return RAW


@pytest.fixture(scope="session")
def seed_outputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Records and reports of the seed corpus as `extract` writes them to CSV, made once per session."""
    from typer.testing import CliRunner

    from cli import app

    folder = tmp_path_factory.mktemp("seed_outputs")
    records, reports = folder / "records.csv", folder / "reports.csv"
    result = CliRunner().invoke(app, ["extract", str(RAW), "--out", str(records), "--reports", str(reports), "--no-progress"])
    assert result.exit_code == 0, result.output
    return records, reports


def docx_bytes(text: str) -> bytes:
    """A docx with one paragraph per line of text, written by python-docx."""
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def html_bytes(text: str, encoding: str = "utf-8") -> bytes:
    """An archived-page-like html document: chrome around an article of one <p> per line."""
    from html import escape

    paragraphs = "".join(f"<p>{escape(line)}</p>" for line in text.split("\n"))
    page = (
        f'<!DOCTYPE html><html><head><meta charset="{encoding}"><title>页面</title>'
        "<script>var tracker = '发放宣传单999份';</script><style>p{color:red}</style></head><body>"
        '<div class="nav"><a href="/">首页</a> &gt; <a href="/zongjie">总结</a></div>'
        '<div class="breadcrumb">当前位置：首页 &gt; 工作总结</div>'
        f'<div class="article-content">{paragraphs}</div>'
        '<div class="related"><h3>相关文章</h3><ul><li>防诈骗宣传总结04-19</li></ul></div>'
        '<div id="footer">Copyright 2022 某某网 备案号 12345</div></body></html>'
    )
    return page.encode(encoding)
