"""A file found in a folder is a document by its content, with its suffix as the hint."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
import yaml

from extract.engines.inputs import Candidate, is_document
from tests.conftest import DATA, docx_bytes

CASES = yaml.safe_load((DATA / "document_kinds.yaml").read_text(encoding="utf-8"))


def _bytes(text: str) -> bytes:
    # Characters below 256 stand for single bytes (the YAML escapes); the rest is UTF-8 text.
    return b"".join(bytes([ord(char)]) if ord(char) < 256 else char.encode("utf-8") for char in text)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["name"])
def test_document_by_content_and_suffix(case: dict) -> None:
    assert is_document(Candidate(Path(case["name"]), case["name"]), _bytes(case["head"])) is case["document"]


def test_zip_archives_are_documents_only_when_they_hold_a_word_document() -> None:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("xl/workbook.xml", "<workbook/>")
    assert is_document(Candidate(Path("renamed.zip"), "renamed.zip"), docx_bytes("发放宣传单3000份。")) is True
    assert is_document(Candidate(Path("sheet.xlsx"), "sheet.xlsx"), archive.getvalue()) is False
    assert is_document(Candidate(Path("sheet.xlsx"), "sheet.xlsx", named=True), archive.getvalue()) is True
