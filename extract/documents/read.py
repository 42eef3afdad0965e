"""Read one input file (txt, docx, html, pdf) into a Document, with the type decided by content."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from schemas.records import Document

# charset-normalizer, defusedxml, pypdf and BeautifulSoup are imported by the readers that need them:
# together they cost about half a second of start-up that a folder of UTF-8 text never uses.

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_WORD_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENTITY_DECLARATION = re.compile(r"<!ENTITY", re.IGNORECASE)
_UNICODE_BOMS = {b"\xef\xbb\xbf": "utf-8-sig", b"\xff\xfe": "utf-16", b"\xfe\xff": "utf-16"}


class ReadError(ValueError):
    """A file that cannot be read; str(error) is one line naming the file and the reason."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


def sniff_format(head: bytes) -> str:
    """Name the format of a file from its first bytes: docx, pdf, ole, html, binary or txt."""
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "docx"
    if head.lstrip().startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(_OLE_MAGIC):
        return "ole"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "txt"  # UTF-16 text has NUL bytes, so it must be recognised before the binary check
    if b"\x00" in head:
        return "binary"
    lowered = head[:2048].lower().lstrip(b"\xef\xbb\xbf \t\r\n")
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in lowered or b"<head" in lowered:
        return "html"
    return "txt"


def decode_text(data: bytes, path: Path | str) -> tuple[str, str]:
    """Decode bytes of Chinese text, detecting UTF-8/GB18030/Big5/UTF-16; return text and encoding."""
    for bom, encoding in _UNICODE_BOMS.items():
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as error:
                raise ReadError(path, f"invalid {encoding} bytes at offset {error.start}") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "big5", "utf_16", "utf_8"]).best()
    if best is None:
        raise ReadError(path, "undecodable bytes: not UTF-8, GB18030, Big5 or UTF-16 text")
    encoding = "gb18030" if best.encoding in ("gbk", "gb2312") else best.encoding
    text = str(best)
    if not _looks_like_chinese(text):
        raise ReadError(path, f"undecodable bytes: decoding as {encoding} does not give Chinese text")
    return text, encoding


def _looks_like_chinese(text: str) -> bool:
    """True when most non-ASCII letters are CJK ideographs or CJK punctuation."""
    non_ascii = [char for char in text if ord(char) > 127 and not char.isspace()]
    if not non_ascii:
        return bool(text.strip())
    cjk = sum(1 for char in non_ascii if "\u3000" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef")
    return cjk / len(non_ascii) >= 0.8


def read_docx(data: bytes, path: Path | str, max_bytes: int) -> str:
    """Return the paragraphs of a docx, refusing archives that expand past max_bytes."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = {info.filename: info for info in archive.infolist()}
    except (zipfile.BadZipFile, EOFError, ValueError) as error:
        raise ReadError(path, f"corrupt docx (not a readable zip archive: {error})") from None
    if "word/document.xml" not in members:
        raise ReadError(path, "not a docx: zip archive without word/document.xml")
    declared = sum(info.file_size for info in members.values())
    if declared > max_bytes:
        raise ReadError(path, f"docx expands to {declared} bytes, over the limit of {max_bytes}")
    try:
        with archive.open("word/document.xml") as member:
            # The declared size can lie, so the read itself is bounded too.
            xml = member.read(max_bytes + 1)
    except (zipfile.BadZipFile, EOFError, OSError, RuntimeError) as error:
        raise ReadError(path, f"corrupt docx ({error})") from None
    if len(xml) > max_bytes:
        raise ReadError(path, f"docx expands past the limit of {max_bytes} bytes")
    return _docx_paragraphs(xml, path)


def _docx_paragraphs(xml: bytes, path: Path | str) -> str:
    from defusedxml import ElementTree as SafeTree
    from defusedxml.common import DefusedXmlException

    try:
        root = SafeTree.fromstring(xml, forbid_dtd=True)
    except DefusedXmlException as error:
        raise ReadError(path, f"refused unsafe XML in docx ({type(error).__name__})") from None
    except SafeTree.ParseError as error:
        raise ReadError(path, f"corrupt docx (bad XML: {error})") from None
    paragraphs = []
    for paragraph in root.iter(f"{_WORD_NS}p"):
        parts = []
        for node in paragraph.iter():
            if node.tag == f"{_WORD_NS}t" and node.text:
                parts.append(node.text)
            elif node.tag == f"{_WORD_NS}tab":
                parts.append("\t")
            elif node.tag in (f"{_WORD_NS}br", f"{_WORD_NS}cr"):
                parts.append("\n")
        paragraphs.append("".join(parts))
    return "\n".join(paragraphs)


def read_bytes(data: bytes, path: Path | str, doc_id: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Turn the bytes of one file into a Document, or raise ReadError."""
    if not data.strip():
        raise ReadError(path, "empty file")
    kind = sniff_format(data[:4096])
    encoding: str | None = None
    if kind == "docx":
        text = read_docx(data, path, max_bytes)
    elif kind == "pdf":
        from extract.documents import pdftext

        text = pdftext.read_pdf(data, path, ReadError)
    elif kind == "ole":
        raise ReadError(path, "password-protected or legacy binary Office file (OLE container); save as docx")
    elif kind == "binary":
        raise ReadError(path, "binary file, not a text, docx, html or pdf document")
    elif kind == "html":
        markup, encoding = decode_text(data, path)
        if _ENTITY_DECLARATION.search(markup[:65536]):
            # html.parser would not expand them, but a page that declares entities is an attack, not a report.
            raise ReadError(path, "refused unsafe XML: the document declares entities (<!ENTITY)")
        from extract.documents import htmltext

        text = htmltext.article_text(markup)
    else:
        text, encoding = decode_text(data, path)
    if not text.strip():
        raise ReadError(path, f"no text found in {kind} file")
    return Document(doc_id=doc_id, path=str(path), format="txt" if kind == "txt" else kind, encoding=encoding, text=text)


def read_file(path: Path, doc_id: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read a file from disk into a Document, refusing files over max_bytes."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ReadError(path, f"file of {size} bytes is over the limit of {max_bytes} (--max-bytes)")
        data = path.read_bytes()
    except OSError as error:
        raise ReadError(path, f"cannot read file ({error.strerror or error})") from None
    return read_bytes(data, path, doc_id or path.name, max_bytes)
