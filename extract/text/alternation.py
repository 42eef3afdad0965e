"""An alternation of patterns searched part by part: the same matches as one `(?:a)|(?:b)|…` pattern, faster.

The `regex` engine skips ahead to a literal that every match of a pattern must hold (来源, .jpg); an
alternation of unlike parts has no such literal, so the engine tries every part at every character.
Searched apart, each part keeps its skip, and merging their matches the way the alternation takes them
(leftmost start, the earlier part at the same start, the search going on where a match ends) gives the
alternation's own matches. After an empty match the engine's rules are subtler (the next match may start
at the same place, if it is not empty): from the first empty match on, the compiled alternation takes over.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from heapq import heapify, heappop, heappush
from typing import Any, Collection, Iterator, Sequence

import regex

from extract.text.engine import compile_pattern
from extract.text.wordsearch import word_trie

try:  # Python 3.11 and later
    from re import _constants as constants, _parser as parser  # type: ignore[attr-defined]
except ImportError:  # Python 3.10
    import sre_constants as constants  # type: ignore[no-redef]
    import sre_parse as parser  # type: ignore[no-redef]

# Where a `regex`-only class stands for the Han script, the standard parser reads a class of its range.
HAN_CLASS = "[\u4e00-\u9fff]"
# What the standard parser would read otherwise than `regex` does: flags, a script class inside a set,
# POSIX classes, graphemes, version and reverse flags.
UNREADABLE = re.compile(r"\(\?[a-zA-Z]*[ixVr]|\[[^\]]*\\[pP]\{|\[:|\\X")
# A class wider than this tells nothing useful about where a match may start.
WIDEST_START_CLASS = 64
# More leading strings than this make a screen no cheaper than trying the patterns.
MOST_LEADING_STRINGS = 512
# LeadingSearch screens by the strings a match may start with, up to this many characters, else by the
# first two.
LEADING_CHARS = 6
SCREEN_CHARS = 2


class Alternation:
    """Patterns searched as one alternation of them, in order."""

    def __init__(self, patterns: Sequence[str], flags: int = 0) -> None:
        self.parts = [regex.compile(pattern, flags) for pattern in patterns]
        self.pattern = "|".join(f"(?:{pattern})" for pattern in patterns)
        self._flags = flags
        self._whole: Any = None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None,
                 only: Collection[int] | None = None) -> Iterator[Any]:
        """The alternation's non-overlapping matches in text[pos:endpos], left to right. `only`, when
        given, holds the indexes of every part that may match in text (a screen's verdict): the others,
        never matching, cannot change the alternation's matches and are not searched."""
        end = len(text) if endpos is None else min(endpos, len(text))
        if end - pos <= len(self.parts) // 2:
            # A stretch shorter than half the parts (a title): one compiled search beats one per part.
            yield from self._compiled_from(text, pos, end, 0)
            return
        # The parts' next matches, leftmost first and the earlier part first at the same start: the
        # alternation's next match is on top.
        parts = self.parts
        waiting = [(match.start(), index, match) for index in (range(len(parts)) if only is None else only)
                   if (match := parts[index].search(text, pos, end)) is not None]
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

    def count(self, text: str, only: Collection[int] | None = None) -> int:
        """How many non-overlapping matches the alternation has in text (len of its findall); `only`
        as in finditer."""
        return sum(1 for _ in self.finditer(text, only=only))


def first_characters(pattern: str) -> frozenset[str] | None:
    """The characters every match of a pattern starts with, or None when they cannot be told
    (an optional start, a wide class, flags, syntax the standard parser does not read)."""
    return leading_strings(pattern, 1)


def leading_strings(pattern: str, length: int) -> frozenset[str] | None:
    """Strings of up to `length` characters, one of which every match of a pattern starts with (受理 for
    受理(?=…), 向/为/对 for (?:向|为|对)\\p{Han}{1,6}宣传), or None when they cannot be told."""
    if UNREADABLE.search(pattern):
        return None
    try:
        tree = parser.parse(pattern.replace("\\p{Han}", HAN_CLASS))
    except Exception:  # regex-only syntax: no screen, the pattern is searched as it is
        return None
    found = _sequence_strings(list(tree), length)
    if found is None or "" in found[0]:
        return None
    return frozenset(found[0])


def _sequence_strings(items: list, length: int) -> tuple[set[str], bool] | None:
    """The leading strings of a sequence of items, and whether they are all it matches (not cut short)."""
    strings = {""}
    for operator, argument in items:
        if operator in (constants.ASSERT, constants.ASSERT_NOT, constants.AT):
            continue  # zero-width: the match starts with what follows
        if all(len(string) >= length for string in strings):
            return strings, False
        item = _item_strings(operator, argument, length)
        if item is None:
            return strings, False  # what is known so far still leads every match
        extensions, whole = item
        strings = {(string + extension)[:length] if len(string) < length else string
                   for string in strings for extension in extensions}
        if len(strings) > MOST_LEADING_STRINGS:
            return None
        if not whole:
            return strings, False
    return strings, True


def _item_strings(operator: Any, argument: Any, length: int) -> tuple[set[str], bool] | None:
    if operator == constants.LITERAL:
        return {chr(argument)}, True
    if operator == constants.SUBPATTERN:
        return _sequence_strings(list(argument[-1]), length)
    if operator == constants.BRANCH:
        branches = [_sequence_strings(list(branch), length) for branch in argument[1]]
        if any(branch is None for branch in branches):
            return None
        return set().union(*(strings for strings, _ in branches)), all(whole for _, whole in branches)
    if operator == constants.IN:
        characters: set[str] = set()
        for kind, value in argument:
            if kind == constants.LITERAL:
                characters.add(chr(value))
            elif kind == constants.RANGE and value[1] - value[0] < WIDEST_START_CLASS:
                characters.update(chr(code) for code in range(value[0], value[1] + 1))
            else:
                return None
        return characters, True
    if operator in (constants.MAX_REPEAT, constants.MIN_REPEAT) and argument[0] >= 1:
        repeated = _sequence_strings(list(argument[2]), length)
        # Only a part matched exactly once is matched whole; otherwise its first round leads.
        return None if repeated is None else (repeated[0], repeated[1] and argument[0] == argument[1] == 1)
    return None


class LeadingSearch:
    """search() of one alternation of patterns, tried only where one of them can start: a scan for the
    strings their matches must start with, as long as the patterns tell them (反诈课 for
    (?:反诈|防诈…)课, 受理 for 受理(?=…); one character where the second is open, 向 before any Han
    character), then at each such place the alternation of the patterns whose leading strings are found
    there, in their order. The same match as the alternation's own search."""

    def __init__(self, patterns: Sequence[str]) -> None:
        self.whole = regex.compile("|".join(f"(?:{pattern})" for pattern in patterns))
        # The longest leading strings the patterns tell, else their first two characters (the longer
        # strings multiply out past what a screen takes).
        leading = [leading_strings(pattern, LEADING_CHARS) or leading_strings(pattern, SCREEN_CHARS)
                   for pattern in patterns]
        self._screen: Any = None
        # The last text screened, with the places where a leading string starts and the longest one
        # there (one tuple, so that a reader never pairs a text with another one's places).
        self._places: tuple[str | None, list[int], list[str]] = (None, [], [])
        if patterns and all(strings is not None for strings in leading):
            every = frozenset().union(*leading)
            # Zero-width, so that every place where some leading string starts is a candidate; the group
            # holds the longest leading string there, which every other one found there begins.
            self._screen = re.compile(f"(?=({word_trie(every)}))")
            # The patterns that can start at a place led by a string: those with a leading string that
            # begins it, in their order, as one alternation and as indexes.
            self._indexes = {place: [index for index, strings in enumerate(leading)
                                     if any(place.startswith(string) for string in strings)] for place in every}
            # Matched at one place each: there a call into `re` costs less, where the engines read alike.
            self._at = {place: compile_pattern("|".join(f"(?:{patterns[index]})" for index in indexes))
                        for place, indexes in self._indexes.items()}

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        """The alternation's first match in text[pos:endpos], or None."""
        end = len(text) if endpos is None else endpos
        if self._screen is None:
            return self.whole.search(text, pos, end)
        # The rules search one report's text clause by clause, a few dozen times: the screen reads the
        # whole text once, and each search takes the places inside its stretch.
        cached = self._places
        if cached[0] is not text:
            starts, leads = [], []
            for candidate in self._screen.finditer(text):
                starts.append(candidate.start())
                leads.append(candidate.group(1))
            cached = self._places = (text, starts, leads)
        _, starts, leads = cached
        at = self._at
        for index in range(bisect_left(starts, pos), len(starts)):
            start = starts[index]
            if start >= end:
                break
            # Where the stretch ends inside the leading string read in the whole text, the screen of the
            # stretch would read a shorter one there, or none: the patterns that string leads are those
            # of the shorter one and some that need characters past the end, which cannot match.
            found = at[leads[index]].match(text, start, end)
            if found is not None:
                return found
        return None

    def starting_at(self, text: str, position: int) -> Sequence[int] | None:
        """Indexes, in order, of the patterns that can match at text[position] (every other one cannot),
        or None when the patterns are not screened."""
        if self._screen is None:
            return None
        place = self._screen.match(text, position)
        return self._indexes[place.group(1)] if place is not None else ()
