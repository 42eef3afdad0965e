"""Split report text into sentences and clauses with offsets, joining hard-wrapped lines."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

# Marks that end a sentence (SPEC §1); the shadow text has full-width ！？； folded to !?;.
SENTENCE_ENDS = "。！？；!?;"
# Marks that end a clause inside a sentence.
CLAUSE_ENDS = "，,：:"
# A line ending in one of these closes its paragraph even when the line is long.
CLOSERS = SENTENCE_ENDS + "：:…”」』）)"
# A line at least this share of the report's usual long line, not closed, wrapped mid-sentence.
WRAP_SHARE = 0.8
MIN_WRAP_CHARS = 20
# Text counts as hard-wrapped only when this share of its lines (and at least 3) are full lines.
WRAPPED_LINES_SHARE = 0.3
# What may end a sentence (its marks or a line break) and a clause (a line break never does: one left
# inside a sentence is a wrapped one).
SENTENCE_CUTS = re.compile(f"[{re.escape(SENTENCE_ENDS)}\n]")
CLAUSE_CUTS = re.compile(f"[{re.escape(CLAUSE_ENDS)}]")


@dataclass(frozen=True)
class Span:
    """A stretch [start, end) of a text, with its characters."""

    start: int
    end: int
    text: str


def wrapped_breaks(text: str) -> set[int]:
    """Offsets of line breaks that fall inside a sentence of hard-wrapped text."""
    lines = text.split("\n")
    lengths = sorted(len(line) for line in lines if line)
    if len(lengths) < 2:
        return set()
    full = lengths[int(0.9 * (len(lengths) - 1))]
    full_lines = sum(1 for length in lengths if length >= WRAP_SHARE * full)
    if full_lines < max(3, WRAPPED_LINES_SHARE * len(lengths)):
        return set()
    breaks: set[int] = set()
    offset = 0
    for line in lines[:-1]:
        offset += len(line)
        stripped = line.rstrip()
        if len(stripped) >= max(MIN_WRAP_CHARS, WRAP_SHARE * full) and not stripped.endswith(tuple(CLOSERS)):
            breaks.add(offset)
        offset += 1
    return breaks


def _cut(text: str, start: int, end: int, marks: re.Pattern, joined: set[int]) -> list[Span]:
    spans: list[Span] = []
    begin = start
    # Only the marks and line breaks can end a span: the search jumps from one to the next instead of
    # testing every character in Python.
    for found in marks.finditer(text, start, end):
        index = found.start()
        if text[index] == "\n":
            if index in joined:
                continue
        # A mark joins numbers (1,500 and 9:00) only right after a digit: most marks skip both tests.
        elif index and text[index - 1].isdigit() and (_thousands_comma(text, index) or _clock_colon(text, index)):
            continue
        # A piece always holds its mark, so it is blank only when all of it is white space.
        piece = text[begin:index + 1]
        if not piece.isspace():
            spans.append(Span(begin, index + 1, piece))
        begin = index + 1
    if begin < end and not (piece := text[begin:end]).isspace():
        spans.append(Span(begin, end, piece))
    return spans


def _thousands_comma(text: str, index: int) -> bool:
    """True for the comma of 1,500: a digit before it and exactly three digits after it."""
    if text[index] not in ",，" or index == 0 or not text[index - 1].isdigit():
        return False
    after = text[index + 1:index + 5]
    return len(after) >= 3 and after[:3].isdigit() and not (len(after) > 3 and after[3].isdigit())


def _clock_colon(text: str, index: int) -> bool:
    """True for the colon of 9:00, which joins a clock time rather than ending a clause."""
    return text[index] in ":：" and 0 < index < len(text) - 1 and text[index - 1].isdigit() and text[index + 1].isdigit()


def sentences(text: str) -> list[Span]:
    """Sentences of a report: cut at 。！？；and paragraph breaks, hard-wrapped lines joined."""
    return _cut(text, 0, len(text), SENTENCE_CUTS, wrapped_breaks(text))


def clauses(text: str, sentence: Span) -> list[Span]:
    """Clauses of one sentence, cut at commas and colons, with offsets into the report text."""
    return _cut(text, sentence.start, sentence.end, CLAUSE_CUTS, set())


@lru_cache(maxsize=4)
def _line_starts(text: str) -> list[int]:
    """Where each line of a text starts (cached: a report's text is asked once per sentence or record)."""
    starts = [0]
    position = text.find("\n")
    while position >= 0:
        starts.append(position + 1)
        position = text.find("\n", position + 1)
    return starts


def line_bounds(text: str, position: int) -> tuple[int, int]:
    """The [start, end) of the line holding `position`, by bisection: no scan back or forth per call,
    which on a page flattened to one line would cost the whole page each time."""
    starts = _line_starts(text)
    index = bisect_right(starts, position)
    return starts[index - 1], starts[index] - 1 if index < len(starts) else len(text)
