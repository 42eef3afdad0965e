"""Trap patterns searched only where a match can start.

The trap patterns (dates, clock times, ages …) are some thirty alternatives in one stdlib pattern.
Most open with a lookbehind, so the engine cannot skip ahead to a likely start and tries every
alternative at every position of a number's window. Read off the parsed pattern, the class of the
characters a match can begin with (digits, numerals, 第, 篇, brackets …) lets a plain class search
find the few positions where a match may start, and the pattern is tried only there: the same
matches, found as the pattern's own search finds them (leftmost position, its own choice there).
A few alternatives (file names, addresses) may start at any word character; each needs a character
(., @, h, w) that a number's window seldom holds, and while the window holds none of them they cannot
match there and are left out of the alternation, which changes no other alternative's matches.
"""
from __future__ import annotations

import functools
import re
from typing import Any

try:  # Python 3.11+ names the stdlib's regex parser re._parser; 3.10 has it as sre_parse.
    import re._constants as constants
    import re._parser as parser
except ImportError:  # pragma: no cover - depends on the interpreter
    import sre_constants as constants  # type: ignore[no-redef]
    import sre_parse as parser  # type: ignore[no-redef]

# How the parser names the escapes a class may hold.
CATEGORIES = {
    constants.CATEGORY_DIGIT: r"\d", constants.CATEGORY_NOT_DIGIT: r"\D",
    constants.CATEGORY_SPACE: r"\s", constants.CATEGORY_NOT_SPACE: r"\S",
    constants.CATEGORY_WORD: r"\w", constants.CATEGORY_NOT_WORD: r"\W",
}


class TrapSearch:
    """One alternation of trap patterns, with the start class of its narrow form (see the module)."""

    def __init__(self, alternatives: list[str]) -> None:
        self._alternatives = alternatives
        narrow, broad, needs, starts = [], [], set(), set()
        for alternative in alternatives:
            parsed = _parse(alternative)
            members, required = _start_members(parsed), _required_chars(parsed)
            if members is None or members & BROAD:
                if required is None:
                    narrow, broad = [], alternatives  # an alternative with neither: always search the whole
                    break
                broad.append(alternative)
                needs |= required
            else:
                narrow.append(alternative)
                starts |= members
        self._needs = re.compile("[" + "".join(map(re.escape, sorted(needs))) + "]") if needs else None
        self._narrow = re.compile("|".join(narrow)) if narrow else None
        # The start class of an alternation is the union of its alternatives' start classes.
        self._starts = re.compile("[" + "".join(sorted(starts)) + "]") if narrow else None

    @functools.cached_property
    def pattern(self) -> re.Pattern:
        """The whole alternation, compiled on first use: most windows never need it."""
        return re.compile("|".join(self._alternatives) or "(?!)")

    def overlaps(self, folded: str, low: int, start: int, end: int, high: int) -> bool:
        """Whether a match starting in folded[low:end], searched up to high, ends inside the number (after start)."""
        if self._starts is None or (self._needs is not None and self._needs.search(folded, low, high)):
            return _overlaps(self.pattern, folded, low, start, end, high)
        position = low
        while position < end:
            possible = self._starts.search(folded, position, end)
            if possible is None:
                return False
            match = self._narrow.match(folded, possible.start(), high)
            if match is None:
                position = possible.start() + 1
                continue
            if match.end() > start and match.end() > match.start():
                return True
            position = match.start() + 1
        return False


def _overlaps(trap: re.Pattern, folded: str, low: int, start: int, end: int, high: int) -> bool:
    position = low
    while position < end:
        match = trap.search(folded, position, high)
        if match is None or match.start() >= end:
            return False
        if match.end() > start and match.end() > match.start():
            return True
        position = match.start() + 1  # overlapping: a later trap may still reach the number
    return False


def _parse(pattern: str) -> Any:
    """The stdlib parser's reading of a pattern; None when it cannot be read."""
    try:
        return parser.parse(pattern)
    except (re.error, RecursionError):
        return None


def required_chars(pattern: str) -> frozenset[str] | None:
    """A set of characters of which every match consumes one; None when none is known."""
    return _required_chars(_parse(pattern))


def _required_chars(parsed: Any) -> frozenset[str] | None:
    if parsed is None or parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    return _required(list(parsed))


def _required(items: list) -> frozenset[str] | None:
    """Every item of a sequence is consumed: the smallest of their requirements will do."""
    found = [needed for code, argument in items if (needed := _needed(code, argument)) is not None]
    return min(found, key=len) if found else None


def _needed(code: Any, argument: Any) -> frozenset[str] | None:
    if code is constants.LITERAL:
        return frozenset(chr(argument))
    if code is constants.IN:
        if all(kind is constants.LITERAL for kind, _ in argument):
            return frozenset(chr(value) for _, value in argument)
        return None
    if code in (constants.MAX_REPEAT, constants.MIN_REPEAT, constants.POSSESSIVE_REPEAT):
        return _required(list(argument[2])) if argument[0] >= 1 else None
    if code is constants.SUBPATTERN:
        return None if argument[1] & re.IGNORECASE else _required(list(argument[3]))
    if code is constants.BRANCH:
        branches = [_required(list(branch)) for branch in argument[1]]
        return None if any(branch is None for branch in branches) else frozenset().union(*branches)
    return None  # anchors, lookarounds, any character …


# Start classes that hold nearly every character of Chinese text: no use in skipping ahead.
BROAD = {r"\w", r"\W", r"\S", r"\D"}


class Unknown(Exception):
    """A construct whose first characters are not worked out here: the pattern gets no start class."""


def start_class(pattern: str) -> re.Pattern | None:
    """A class search that finds every position where a match of the (stdlib) pattern may start;
    None when the pattern may match empty or holds a construct not read here."""
    members = start_members(pattern)
    return re.compile("[" + "".join(sorted(members)) + "]") if members else None


def start_members(pattern: str) -> set[str] | None:
    """The members of the class of start_class, as written in a class; None as there."""
    return _start_members(_parse(pattern))


def _start_members(parsed: Any) -> set[str] | None:
    try:
        if parsed is None or parsed.state.flags & (re.IGNORECASE | re.VERBOSE | re.MULTILINE | re.DOTALL):
            raise Unknown("flags")
        members, nullable = _first(list(parsed))
    except (Unknown, RecursionError):
        return None
    return None if nullable or not members else members


def _first(items: list) -> tuple[set[str], bool]:
    """The class members a sequence's first consumed character may be, and whether it may consume nothing."""
    members: set[str] = set()
    for code, argument in items:
        found, nullable = _item(code, argument)
        members |= found
        if not nullable:
            return members, False
    return members, True


def _item(code: Any, argument: Any) -> tuple[set[str], bool]:
    if code is constants.LITERAL:
        return {_escape(argument)}, False
    if code is constants.IN:
        return _class(argument), False
    if code in (constants.MAX_REPEAT, constants.MIN_REPEAT, constants.POSSESSIVE_REPEAT):
        low, _, body = argument
        members, nullable = _first(list(body))
        return members, nullable or low == 0
    if code is constants.SUBPATTERN:
        _, add_flags, _, body = argument
        if add_flags & (re.IGNORECASE | re.VERBOSE | re.MULTILINE | re.DOTALL):
            raise Unknown("flags")
        return _first(list(body))
    if code is constants.ATOMIC_GROUP:
        return _first(list(argument))
    if code is constants.BRANCH:
        members: set[str] = set()
        nullable = False
        for branch in argument[1]:
            found, empty = _first(list(branch))
            members |= found
            nullable = nullable or empty
        return members, nullable
    if code in (constants.AT, constants.ASSERT, constants.ASSERT_NOT):
        return set(), True  # consumes nothing: the first character comes after it
    raise Unknown(code)  # any character, a negated literal, a back-reference …


def _class(entries: list) -> set[str]:
    members: set[str] = set()
    for code, argument in entries:
        if code is constants.LITERAL:
            members.add(_escape(argument))
        elif code is constants.RANGE:
            members.add(f"{_escape(argument[0])}-{_escape(argument[1])}")
        elif code is constants.CATEGORY and argument in CATEGORIES:
            members.add(CATEGORIES[argument])
        else:
            raise Unknown(code)  # a negated class, or a class inside a class
    return members


def _escape(code: int) -> str:
    return re.escape(chr(code))
