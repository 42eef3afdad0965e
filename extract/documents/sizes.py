"""Byte sizes written for people: 20MB in, 20971520 out, and back again."""
from __future__ import annotations

import regex

# K, M, G count powers of 1024 whether written K, KB or KiB: a file-size limit, not a disk label.
UNITS = {"": 1, "K": 1024, "M": 1024 ** 2, "G": 1024 ** 3, "T": 1024 ** 4}
SIZE = regex.compile(r"(?P<number>\d+(?:\.\d+)?)\s*(?P<unit>[KMGT]?)(?:I?B)?", regex.IGNORECASE)


def parse_size(text: str) -> int:
    """The number of bytes of a size such as 1000, 512KB, 20MB, 20MiB or 1.5G; ValueError otherwise."""
    match = SIZE.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"not a size: {text!r} (write bytes, or a number with KB, MB or GB, such as 20MB)")
    size = int(float(match["number"]) * UNITS[match["unit"].upper()])
    if size <= 0:
        raise ValueError(f"not a size above zero: {text!r}")
    return size


def format_size(size: int) -> str:
    """A byte count in the largest unit that keeps it readable: 20971520 -> 20MB, 1000 -> 1000B."""
    for unit in ("T", "G", "M", "K"):
        scaled = size / UNITS[unit]
        if scaled >= 1 and round(scaled, 1) * UNITS[unit] == size:
            return f"{scaled:g}{unit}B"
    return f"{size}B"
