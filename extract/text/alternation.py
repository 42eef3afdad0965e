"""An alternation of patterns searched part by part: the same matches as one `(?:a)|(?:b)|…` pattern, faster.

The `regex` engine skips ahead to a literal that every match of a pattern must hold (来源, .jpg); an
alternation of unlike parts has no such literal, so the engine tries every part at every character.
Searched apart, each part keeps its skip, and merging their matches the way the alternation takes them
(leftmost start, the earlier part at the same start, the search going on where a match ends) gives the
alternation's own matches. After an empty match the engine's rules are subtler (the next match may start
at the same place, if it is not empty): from the first empty match on, the compiled alternation takes over.
"""
from __future__ import annotations

from heapq import heapify, heappop, heappush
from typing import Any, Iterator, Sequence

import regex


class Alternation:
    """Patterns searched as one alternation of them, in order."""

    def __init__(self, patterns: Sequence[str], flags: int = 0) -> None:
        self.parts = [regex.compile(pattern, flags) for pattern in patterns]
        self.pattern = "|".join(f"(?:{pattern})" for pattern in patterns)
        self._flags = flags
        self._whole: Any = None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Any]:
        """The alternation's non-overlapping matches in text[pos:endpos], left to right."""
        end = len(text) if endpos is None else min(endpos, len(text))
        if end - pos <= len(self.parts) // 2:
            # A stretch shorter than half the parts (a title): one compiled search beats one per part.
            yield from self._compiled_from(text, pos, end, 0)
            return
        # The parts' next matches, leftmost first and the earlier part first at the same start: the
        # alternation's next match is on top.
        waiting = [(match.start(), index, match) for index, part in enumerate(self.parts)
                   if (match := part.search(text, pos, end)) is not None]
        heapify(waiting)
        yielded = 0
        while waiting:
            best = waiting[0][2]
            if best.end() == best.start():
                yield from self._compiled_from(text, pos, end, yielded)
                return
            yield best
            yielded += 1
            position = best.end()
            while waiting and waiting[0][0] < position:
                index = heappop(waiting)[1]
                match = self.parts[index].search(text, position, end)
                if match is not None:
                    heappush(waiting, (match.start(), index, match))

    def _compiled_from(self, text: str, pos: int, end: int, skip: int) -> Iterator[Any]:
        """The compiled alternation's matches after its first `skip` ones (those already yielded)."""
        if self._whole is None:
            self._whole = regex.compile(self.pattern, self._flags)
        for index, match in enumerate(self._whole.finditer(text, pos, end)):
            if index >= skip:
                yield match

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        """The alternation's first match in text[pos:endpos], or None."""
        return next(self.finditer(text, pos, endpos), None)

    def count(self, text: str) -> int:
        """How many non-overlapping matches the alternation has in text (len of its findall)."""
        return sum(1 for _ in self.finditer(text))
