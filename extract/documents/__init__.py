"""Bytes to text: read a file by its content (txt in any Chinese encoding, docx, html, pdf) within limits."""

from __future__ import annotations

from extract.documents.read import DEFAULT_MAX_BYTES, ReadError, read_file

__all__ = ["DEFAULT_MAX_BYTES", "ReadError", "read_file"]
