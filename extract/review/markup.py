"""A report's text cut into text, mark-open and mark-close tokens, so a template can escape every piece."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """One highlight: `text[start:end]` in Python code points, which is what record offsets count."""

    id: str
    start: int
    end: int
    activity: str
    diff: str | None = None


@dataclass(frozen=True)
class Token:
    """A piece of marked-up text: plain text, a mark opening (perhaps continuing a cut one) or a mark closing."""

    kind: str  # text, open, close
    text: str = ""
    span: Span | None = None
    continued: bool = False


def mark_tokens(text: str, spans: list[Span]) -> list[Token]:
    """Tokens that mark every span in `text`; overlapping spans nest, a span cut by another is reopened as a continuation."""
    for span in spans:
        if not 0 <= span.start <= span.end <= len(text):
            raise ValueError(f"span {span.id} [{span.start}:{span.end}] outside a text of {len(text)} characters")
    opening: dict[int, list[Span]] = defaultdict(list)
    for span in sorted(spans, key=lambda span: (span.start, -span.end, span.id)):
        opening[span.start].append(span)
    positions = sorted({0, len(text)} | {span.start for span in spans} | {span.end for span in spans})
    tokens: list[Token] = []
    stack: list[Span] = []
    cursor = 0
    for position in positions:
        if position > cursor:
            tokens.append(Token("text", text[cursor:position]))
            cursor = position
        _close_ending(position, stack, tokens)
        for span in opening[position]:
            tokens.append(Token("open", span=span))
            if span.end == span.start:
                tokens.append(Token("close", span=span))
            else:
                stack.append(span)
    return tokens


def _close_ending(position: int, stack: list[Span], tokens: list[Token]) -> None:
    """Close the spans ending here; spans opened inside them that go on are closed too and reopened after."""
    reopen: list[Span] = []
    while any(span.end == position for span in stack):
        top = stack.pop()
        tokens.append(Token("close", span=top))
        if top.end != position:
            reopen.append(top)
    for span in reversed(reopen):
        tokens.append(Token("open", span=span, continued=True))
        stack.append(span)
