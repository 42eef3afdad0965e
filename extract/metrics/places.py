"""Places the outreach went to (进校园, 深入企业、学校, 下沉社区), read as the audiences they name (SPEC §5)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import regex

from extract.metrics.lexicon import Hit
from extract.text import Span
from extract.text.engine import compile_pattern
from schemas.labels import Audience

# Where a clause of places may end: the mark before the clause it names the places of, or a sentence end.
CLAUSE_MARKS = "，,。；;！？\n"


def word_alternation(words: Iterable[str]) -> str:
    """The words as a regex alternation, longest first (never matching when there are none)."""
    return "|".join(regex.escape(word) for word in sorted(set(words), key=len, reverse=True)) or "(?!)"


def with_places(hits: list[Hit], places: list[Hit]) -> list[Hit]:
    """The audience hits with the place hits that overlap none of them, in text order (进社区 is one word too)."""
    if not places:
        return hits
    taken = [(hit.start, hit.end) for hit in hits]
    return sorted(hits + [hit for hit in places if not any(begin < hit.end and hit.start < stop for begin, stop in taken)])


@dataclass(frozen=True)
class PlaceRules:
    """Finds the places named after a verb of going there and the audiences they stand for."""

    # A verb of going (进, 深入, 下沉) and the first place it names; then each place after it in its enumeration.
    first: regex.Pattern
    following: regex.Pattern
    audience_of: dict[str, Audience]
    # How a clause of places may end after its last place and still only say where (开展宣传).
    tail: regex.Pattern
    count_mark: regex.Pattern

    def hits(self, text: str, start: int = 0, end: int | None = None) -> list[Hit]:
        """Places named after a verb of going there (走进校园、企业; 下沉社区), each as a hit of its audience."""
        end = len(text) if end is None else end
        found: list[Hit] = []
        for match in self.first.finditer(text, start, end):
            if found and match.start() < found[-1].end:
                continue  # a place already read as part of the enumeration before (进社区、进企业)
            place = match
            while place is not None:
                word = place.group("place")
                found.append(Hit(place.start("place"), place.end("place"), word, (self.audience_of[word],)))
                place = self.following.match(text, place.end(), end)
        return found

    def carried(self, text: str, clause: Span) -> list[Hit]:
        """The places gone to in the clause before, in the same sentence, when that clause holds no
        count of its own and ends at its places (走进校园、走进企业，举办讲座15次: the lectures were
        for students and firms); a clause going on with other work (深入村居分发折页) keeps them."""
        stop = clause.start - 1
        if stop <= 0 or text[stop] not in "，,":
            return []
        begin = max(text.rfind(mark, 0, stop) for mark in CLAUSE_MARKS) + 1
        places = self.hits(text, begin, stop)
        if not places or not self.tail.fullmatch(text, places[-1].end, stop) or self.count_mark.search(text, begin, stop):
            return []
        return places


def build_place_rules(verbs: str, modifiers: str, venues: dict[Audience, list[str]], tail: str,
                      count_mark: str) -> PlaceRules:
    """PlaceRules from the verbs of going, the modifiers before a place (up to two), the places per audience and
    the clause tail (patterns/scope.yaml)."""
    places = word_alternation(word for words in venues.values() for word in words)
    return PlaceRules(
        # Up to two other places may open the enumeration (至辖内各大KTV、学校、车站): they name no audience.
        first=compile_pattern(rf"{verbs}(?:{modifiers}){{0,2}}(?:[\p{{Han}}A-Za-z]{{1,6}}?(?:、|和|及|与)){{0,2}}?(?P<place>{places})"),
        following=compile_pattern(rf"(?:、|和|及|与|以及){verbs}?(?:{modifiers}){{0,2}}(?P<place>{places})"),
        audience_of={word: label for label, words in venues.items() for word in words},
        tail=compile_pattern(tail),
        count_mark=compile_pattern(count_mark),
    )
