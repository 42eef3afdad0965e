"""Read the text layer of a pdf and rejoin the lines that the layout wrapped mid-sentence."""
from __future__ import annotations

import io
import logging
from pathlib import Path
from typing import Callable

from pypdf import PdfReader
from pypdf.errors import PdfReadError

# Lines ending in one of these close a sentence or a heading, so they are never joined.
CLOSERS = "。！？；：:!?;…”」』）)"
# A line at least this share of the page's usual full line is taken to have wrapped.
FULL_LINE_SHARE = 0.8

logging.getLogger("pypdf").setLevel(logging.ERROR)


def rejoin_wrapped_lines(text: str) -> str:
    """Join lines that the layout broke mid-sentence, keeping real paragraph ends."""
    lines = [line.strip() for line in text.splitlines()]
    lengths = sorted(len(line) for line in lines if line)
    if not lengths:
        return ""
    full = lengths[int(0.9 * (len(lengths) - 1))]
    joined: list[str] = []
    carry = ""
    for line in lines:
        if not line:
            if carry:
                joined.append(carry)
                carry = ""
            continue
        carry += line
        wrapped = len(line) >= FULL_LINE_SHARE * full and not line.endswith(tuple(CLOSERS))
        if not wrapped:
            joined.append(carry)
            carry = ""
    if carry:
        joined.append(carry)
    return "\n".join(joined)


def read_pdf(data: bytes, path: Path | str, error: Callable[[Path | str, str], Exception]) -> str:
    """Return the rejoined text layer of a pdf; `error` builds the exception for a bad file."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception:  # noqa: BLE001 - pypdf raises several types for unsupported crypto
                opened = 0
            if not opened:
                raise error(path, "password-protected pdf")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as problem:
        raise error(path, f"corrupt pdf ({problem})") from None
    text = "\n".join(rejoin_wrapped_lines(page) for page in pages)
    if not text.strip():
        raise error(path, "pdf has no text layer (scanned image?); OCR is not supported")
    return text
