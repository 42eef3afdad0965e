"""Strings that every match of a pattern must hold, read off the parsed pattern: one search for them
tells that a stretch of text holds no match of any of the patterns, without trying each one.

Every match of the pattern contains at least one of its required strings; a text that contains none
of them holds no match of it anywhere, nor in any piece of it. Patterns whose parse is not read here
(flags, classes of escapes, `regex`-only syntax the standard parser refuses) have no required strings,
and a screen built over them lets every text through.
"""
from __future__ import annotations

import re
from typing import Any, Iterable

from ahocorasick_rs import AhoCorasick

try:  # Python 3.11+ names the stdlib's regex parser re._parser; 3.10 has it as sre_parse.
    import re._constants as constants
    import re._parser as parser
except ImportError:  # pragma: no cover - depends on the interpreter
    import sre_constants as constants  # type: ignore[no-redef]
    import sre_parse as parser  # type: ignore[no-redef]

REPEATS = (constants.MAX_REPEAT, constants.MIN_REPEAT, getattr(constants, "POSSESSIVE_REPEAT", None))
FLAGS_NOT_READ = re.IGNORECASE | re.VERBOSE
# A run of literals multiplied out by the alternatives after it stays below this many strings.
MAX_CHOICES = 64
# A Unicode property (\p{Han}) matches one character of no known literal, as a category does: read
# as \w (an unescaped \p only), so the rest of a `regex` pattern is still read.
PROPERTY = re.compile(r"(?<!\\)((?:\\\\)*)\\[pP]\{[^{}]*\}")
# Syntax the standard parser would read as plain characters where `regex` reads something else: a
# brace that is no counted repeat ({e<=1} is fuzzy matching there) and POSIX classes ([[:alpha:]]).
UNREAD_SYNTAX = re.compile(r"\\\{|\{(?!\d*(?:,\d*)?\})|\[:\^?\w+:\]")


def required_strings(pattern: str) -> frozenset[str] | None:
    """Strings of which every match of the pattern contains one; None when none are known."""
    pattern = PROPERTY.sub(lambda match: match.group(1) + r"\w", pattern)
    if UNREAD_SYNTAX.search(pattern):
        return None
    try:
        parsed = parser.parse(pattern)
    except (re.error, RecursionError, OverflowError):
        return None
    if parsed.state.flags & FLAGS_NOT_READ:
        return None
    return _sequence(list(parsed))


def _score(strings: frozenset[str]) -> tuple[int, int]:
    """Longer shortest strings first, then fewer of them: the rarer the requirement, the better it screens."""
    return min(len(string) for string in strings), -len(strings)


def _sequence(items: list) -> frozenset[str] | None:
    """Every item of a sequence is matched in turn: a run of literals (and of small alternations of
    literals, 相关(?:推荐|文章)) is one set of required strings, and the best requirement of any run
    or item will do."""
    found: list[frozenset[str]] = []
    run: list[str] = []
    for code, argument in items:
        choices = _choices(code, argument)
        if choices is not None and len(run or [""]) * len(choices) <= MAX_CHOICES:
            run = [before + after for before in run or [""] for after in choices]
            continue
        if run:
            found.append(frozenset(run))
            run = []
        needed = _item(code, argument)
        if needed is not None:
            found.append(needed)
        if choices is not None:  # too many to join the run: it starts the next one
            run = list(choices)
    if run:
        found.append(frozenset(run))
    return max(found, key=_score) if found else None


def _choices(code: Any, argument: Any) -> list[str] | None:
    """The strings an item matches when it is a literal, a class of literals or a group of
    alternatives made of literals only; None for anything else."""
    if code is constants.LITERAL:
        return [chr(argument)]
    if code is constants.IN:
        return [chr(value) for _, value in argument] if all(kind is constants.LITERAL for kind, _ in argument) else None
    if code is constants.SUBPATTERN and not argument[1] & FLAGS_NOT_READ:
        items = list(argument[3])
        if len(items) == 1 and items[0][0] is constants.BRANCH:
            return _choices(*items[0])
        if items and all(kind is constants.LITERAL for kind, _ in items):
            return ["".join(chr(value) for _, value in items)]
        return None
    if code is constants.BRANCH:
        branches = [list(branch) for branch in argument[1]]
        if all(branch and all(kind is constants.LITERAL for kind, _ in branch) for branch in branches):
            return ["".join(chr(value) for _, value in branch) for branch in branches]
    return None


def _item(code: Any, argument: Any) -> frozenset[str] | None:
    if code is constants.IN:
        if all(kind is constants.LITERAL for kind, _ in argument):
            return frozenset(chr(value) for _, value in argument)
        return None
    if code in REPEATS:
        return _sequence(list(argument[2])) if argument[0] >= 1 else None
    if code is constants.SUBPATTERN:
        return None if argument[1] & FLAGS_NOT_READ else _sequence(list(argument[3]))
    if code is constants.ATOMIC_GROUP:
        return _sequence(list(argument))
    if code is constants.BRANCH:
        branches = [_sequence(list(branch)) for branch in argument[1]]
        return None if any(branch is None for branch in branches) else frozenset().union(*branches)
    return None  # anchors, lookarounds, any character, categories …


class Screen:
    """One search for the required strings of several patterns: None from it means no pattern matches."""

    def __init__(self, patterns: Iterable[str]) -> None:
        strings: set[str] = set()
        self._search = None
        for pattern in patterns:
            required = required_strings(pattern)
            if required is None:
                return  # a pattern that may match anything: the screen lets every text through
            strings |= required
        if strings:
            self._search = re.compile("|".join(map(re.escape, sorted(strings)))).search

    def may_match(self, text: str) -> bool:
        """False only when no pattern of the screen can match anywhere in text."""
        return self._search is None or self._search(text) is not None


class PartScreen:
    """Which of several patterns may match a text, from one pass of an automaton over their required
    strings: a pattern none of whose required strings the text holds has no match in it."""

    def __init__(self, patterns: Iterable[str]) -> None:
        patterns = list(patterns)
        requirements = [required_strings(pattern) for pattern in patterns]
        # Patterns with no known requirement are always tried.
        self._always = frozenset(index for index, required in enumerate(requirements) if required is None)
        strings = sorted({string for required in requirements if required is not None for string in required})
        self._parts = [frozenset(index for index, required in enumerate(requirements)
                                 if required is not None and string in required) for string in strings]
        # Overlapping matches: a string inside or across another is found too.
        self._automaton = AhoCorasick(strings) if strings else None

    def possible(self, text: str) -> frozenset[int]:
        """Indexes of the patterns that may match somewhere in text (all the others surely do not)."""
        if self._automaton is None:
            return self._always
        found = {index for index, _, _ in self._automaton.find_matches_as_indexes(text, overlapping=True)}
        return self._always.union(*(self._parts[index] for index in found))
