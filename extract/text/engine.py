"""Compile a pattern with the standard library's engine where it reads the pattern as `regex` does.

A call into `re` costs less than half of one into `regex` (0.27 against 0.65 µs for a class search),
and the rules make some hundreds of thousands of calls per 2 MB of reports, most of them on patterns of
literal words and classes that both engines read alike. A pattern holding anything the two may read
otherwise stays with `regex`: Unicode classes and properties (\\d, \\w, \\s, \\p{Han}: the engines'
Unicode tables are of different versions), word boundaries, POSIX classes, braces that are no counted
repeat (fuzzy matching in `regex`), inline flags, back-references, groups other than plain, named,
atomic and lookaround ones, nested sets and set operations, a pattern that may match empty (the
engines step past empty matches differently), and any pattern `re` refuses (a lookbehind of varying
width, say).
"""
from __future__ import annotations

import re
from typing import Any

import regex

try:  # Python 3.11+ names the stdlib's regex parser re._parser; 3.10 has it as sre_parse.
    import re._parser as parser
except ImportError:  # pragma: no cover - depends on the interpreter
    import sre_parse as parser  # type: ignore[no-redef]

# Escapes read alike: punctuation, and control characters and code points written in hex.
PLAIN_ESCAPE = re.compile(r"\\(?:[^0-9A-Za-z]|[ntrfv]|x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})")
# Groups read alike: plain, lookarounds, atomic, named (not a named back-reference).
PLAIN_GROUP = re.compile(r"\(\?(?::|=|!|<=|<!|>|P<)")
COUNTED_REPEAT = re.compile(r"\{\d*(?:,\d*)?\}")
# Sets inside sets and set operations, read by `regex` (version 1) otherwise; POSIX classes.
SET_SYNTAX = ("[[", "[:", "--", "&&", "~~", "||")


def readable_alike(pattern: str) -> bool:
    """Whether `re` reads the pattern as `regex` (version 0) does, by the rules of the module docstring."""
    if any(syntax in pattern for syntax in SET_SYNTAX):
        return False
    rest = PLAIN_ESCAPE.sub("", pattern)
    if "\\" in rest:
        return False
    if rest.count("(?") != len(PLAIN_GROUP.findall(rest)):
        return False
    if rest.count("{") != len(COUNTED_REPEAT.findall(rest)):
        return False
    try:
        minimum = parser.parse(pattern).getwidth()[0]
        re.compile(pattern)  # the parser reads a lookbehind of varying width, the compiler refuses it
    except Exception:  # the standard library refuses it: `regex` it is
        return False
    return minimum > 0


def compile_pattern(pattern: str) -> Any:
    """The pattern compiled by `re` when both engines read it alike, else by `regex`."""
    return re.compile(pattern) if readable_alike(pattern) else regex.compile(pattern)
