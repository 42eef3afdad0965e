"""Reading: formats decided by content, encodings detected, bad and hostile files refused clearly."""
from __future__ import annotations

import io
import time
import tracemalloc
import zipfile
from pathlib import Path

import opencc
import pytest

from extract.documents.read import ReadError, read_bytes, read_file, sniff_format
from extract.text.normalise import load_normaliser
from extract.text.split import load_splitter
from tests.conftest import RAW, docx_bytes, html_bytes

SEED = RAW / "004_b01f797654e47c8c.txt"


def _reports(data: bytes, name: str) -> list[tuple[str | None, str]]:
    document = read_bytes(data, name, name)
    normaliser = load_normaliser()
    return [(section.title, section.text) for section in load_splitter().split(normaliser.clean(document.text))]


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_encodings_give_the_same_reports(seed_text: str, encoding: str) -> None:
    assert _reports(seed_text.encode(encoding), f"seed.{encoding}") == _reports(seed_text.encode("utf-8"), "seed")


def test_encoding_is_detected_not_guessed_from_the_name(seed_text: str) -> None:
    document = read_bytes(seed_text.encode("gb18030"), "report.utf8.txt", "doc")
    assert document.encoding == "gb18030"
    assert document.text.replace("\r\n", "\n") == seed_text


@pytest.mark.parametrize("make", [docx_bytes, html_bytes], ids=["docx", "html"])
def test_docx_and_html_give_the_same_reports(seed_text: str, make) -> None:
    assert _reports(make(seed_text), "seed.bin") == _reports(seed_text.encode("utf-8"), "seed")


def test_html_in_gb18030_drops_scripts_menus_and_footers(seed_text: str) -> None:
    document = read_bytes(html_bytes(seed_text, "gb18030"), "page.html", "page")
    assert document.format == "html"
    for chrome in ("tracker", "首页", "当前位置", "相关文章", "Copyright"):
        assert chrome not in document.text


def test_big5_traditional_gives_same_boundaries_titles_and_shadow(seed_text: str) -> None:
    traditional = opencc.OpenCC("s2tw").convert(seed_text)
    document = read_bytes(traditional.encode("big5"), "trad.txt", "trad")
    assert document.encoding in ("big5", "cp950", "big5hkscs")
    normaliser = load_normaliser()
    simplified_reports = load_splitter().split(normaliser.clean(seed_text))
    traditional_reports = load_splitter().split(normaliser.clean(document.text))
    assert len(traditional_reports) == len(simplified_reports)
    for simple, trad in zip(simplified_reports, traditional_reports):
        assert normaliser.simplify(trad.title or "") == (simple.title or "")
        assert normaliser.shadow(trad.text).text == normaliser.shadow(simple.text).text


def test_pdf_lines_are_rejoined_and_wrapped_quantities_read_whole() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.setFont("STSong-Light", 12)
    lines = ["今年以来，共开展大型街面宣传8次，发放宣传单2000余", "份，专题讲座6次，通过抖音、微信等自媒体宣传800余", "次。", "二、下一步工作"]
    for number, line in enumerate(lines):
        page.drawString(50, 800 - 15 * number, line)
    page.save()
    document = read_bytes(buffer.getvalue(), "scan.pdf", "scan")
    assert document.format == "pdf"
    assert "发放宣传单2000余份" in document.text
    assert "自媒体宣传800余次。\n二、下一步工作" in document.text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"   \n\n", "empty file"),
        (bytes(range(256)) * 8, "binary file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "password-protected or legacy"),
        (b"PK\x03\x04" + b"\x14\x00" * 40, "corrupt docx"),
        (b"%PDF-1.4\n%broken", "corrupt pdf"),
        (b"\x81\x30\xff\xfe\xfa\x80\x81\x82" * 64 + b"\xc0\xc1\xf5\xf6\xf7" * 64, "undecodable"),
    ],
    ids=["empty", "blank", "binary", "ole-encrypted", "truncated-docx", "corrupt-pdf", "invalid-bytes"],
)
def test_bad_files_get_a_one_line_error_naming_file_and_reason(data: bytes, reason: str) -> None:
    with pytest.raises(ReadError) as caught:
        read_bytes(data, "inbox/bad.txt", "bad.txt")
    message = str(caught.value)
    assert message.startswith("inbox/bad.txt: ")
    assert reason in message
    assert "\n" not in message


def test_file_type_is_decided_by_content_not_suffix(seed_text: str) -> None:
    assert sniff_format(docx_bytes("x")[:64]) == "docx"
    assert sniff_format(html_bytes("x")[:64]) == "html"
    document = read_bytes(docx_bytes(seed_text), "looks-like.txt", "doc")
    assert document.format == "docx"


def test_size_limit_applies_to_the_file(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes("发放宣传单".encode() * 1000)
    with pytest.raises(ReadError, match="over the limit"):
        read_file(path, max_bytes=1000)


def _zip_bomb(size: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:document>" + b"0" * size + b"</w:document>")
    return buffer.getvalue()


def test_docx_zip_bomb_is_refused_fast_and_small() -> None:
    bomb = _zip_bomb(200 * 1024 * 1024)
    assert len(bomb) < 1024 * 1024
    tracemalloc.start()
    started = time.process_time()
    with pytest.raises(ReadError, match="expands"):
        read_bytes(bomb, "bomb.docx", "bomb", max_bytes=5 * 1024 * 1024)
    cpu = time.process_time() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert cpu < 1.0
    assert peak < 16 * 1024 * 1024


def test_docx_whose_declared_size_lies_is_still_bounded() -> None:
    bomb = bytearray(_zip_bomb(50 * 1024 * 1024))
    # Patch the central directory's uncompressed size of every member to a small lie.
    for offset in range(len(bomb) - 46):
        if bomb[offset:offset + 4] == b"PK\x01\x02":
            bomb[offset + 24:offset + 28] = (100).to_bytes(4, "little")
    with pytest.raises(ReadError):
        read_bytes(bytes(bomb), "liar.docx", "liar", max_bytes=1024 * 1024)


def test_standalone_xml_entity_bomb_is_refused() -> None:
    bomb = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
            "<html><body><p>&lol2;</p></body></html>").encode()
    started = time.process_time()
    with pytest.raises(ReadError, match="unsafe XML"):
        read_bytes(bomb, "bomb.xml", "bomb")
    assert time.process_time() - started < 1.0


def test_xml_entity_expansion_bomb_is_refused() -> None:
    lol = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10 if n > 1 else "&lol;" * 10}">' for n in range(1, 10))
        + ']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", lol)
    tracemalloc.start()
    started = time.process_time()
    with pytest.raises(ReadError, match="unsafe XML"):
        read_bytes(buffer.getvalue(), "lol.docx", "lol")
    cpu = time.process_time() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert cpu < 1.0
    assert peak < 8 * 1024 * 1024
