"""Cut a cleaned document into reports: bundles of summaries, page chrome dropped."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict

from extract.text.literals import Screen
from extract.text.engine import compile_pattern
from extract.text.normalise import Normaliser, Shadow, load_normaliser
from extract.yamlfile import PATTERNS_DIR, load_model

# A line this short with no sentence punctuation reads as a heading, not a paragraph.
HEADING_MAX_CHARS = 40
SENTENCE_MARKS = "。！？；，,!?;"
# A section with fewer body characters than this holds no report (a title with chrome under it).
MIN_REPORT_CHARS = 20
# Headings, titles and report openers sit at the start of a short line: a line's matching key is the
# shadow of its first KEY_CHARS characters only, and a longer line is never a heading. This keeps a
# page flattened to one line from being normalised again for every check.
KEY_CHARS = 200
# A sentence of a line's shadow (full-width marks folded): up to its end marks and closing quotes.
SENTENCE_UNIT = compile_pattern(r'[^。!?]*[。!?]+[”」』’"）)]*|[^。!?]+')
CHINESE_COUNTS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


class NamedPattern(BaseModel):
    """A named regex with the reason it exists."""

    model_config = ConfigDict(extra="forbid")

    name: str
    pattern: str
    why: str


class ChromePattern(NamedPattern):
    """A chrome cue: it cuts its sentence, or with scope paragraph the whole (paragraph-sized) line."""

    scope: Literal["sentence", "paragraph"] = "sentence"


class SplitRules(BaseModel):
    """patterns/split.yaml: report headings, chrome lines, tail markers and report openers."""

    model_config = ConfigDict(extra="forbid")

    report_headings: list[NamedPattern]
    paragraph_max_chars: int
    chrome_lines: list[ChromePattern]
    tail_markers: list[NamedPattern]
    report_openers: list[str]


@dataclass
class Section:
    """A stretch of lines that forms one report: its heading title and body lines."""

    title: str | None
    lines: list[str] = field(default_factory=list)
    announced: int = 1

    @property
    def text(self) -> str:
        """The report text: body paragraphs joined by line breaks."""
        return "\n".join(self.lines)


class Splitter:
    """Cuts cleaned document text into report sections using compiled patterns/split.yaml rules."""

    def __init__(self, rules: SplitRules, normaliser: Normaliser) -> None:
        # Rules are written in simplified half-width text and matched against each line's shadow,
        # so traditional and full-width pages split the same way.
        self._normaliser = normaliser
        # A short line's shadow serves both its chrome checks and its key: worked out once.
        self._short_shadow = lru_cache(maxsize=4096)(lambda line: normaliser.shadow(line))
        self._key = lru_cache(maxsize=4096)(lambda line: normaliser.shadow_text(line[:KEY_CHARS]))
        self._headings = [compile_pattern(rule.pattern) for rule in rules.report_headings]
        self._chrome = [compile_pattern(rule.pattern) for rule in rules.chrome_lines]
        self._paragraph_chrome = [compile_pattern(rule.pattern) for rule in rules.chrome_lines if rule.scope == "paragraph"]
        self._paragraph_max = rules.paragraph_max_chars
        self._tail = [compile_pattern(rule.pattern) for rule in rules.tail_markers]
        self._openers = tuple(rules.report_openers)
        # Most lines hold none of the strings every chrome or tail cue needs: they are kept whole
        # without cutting them into sentences and trying each cue on each sentence.
        self._screen = Screen([rule.pattern for rule in [*rules.chrome_lines, *rules.tail_markers]])

    def _line_shadow(self, line: str) -> Shadow:
        return self._short_shadow(line) if len(line) <= KEY_CHARS else self._normaliser.shadow(line)

    def _sentences(self, line: str) -> list[tuple[int, int, str]]:
        """The sentences of a line as (written start, written end, shadow text) for matching cues."""
        shadow = self._line_shadow(line)
        return [(*shadow.to_written(unit.start(), unit.end()), unit.group().strip())
                for unit in SENTENCE_UNIT.finditer(shadow.text)]

    def strip_chrome(self, line: str) -> str:
        """The line without its page chrome: each sentence holding a chrome cue is cut out, the rest kept."""
        return self._strip(line, self._sentences(line))

    def _strip(self, line: str, sentences: list[tuple[int, int, str]]) -> str:
        cuts: list[tuple[int, int]] = []
        for start, end, piece in sentences:
            if not any(pattern.search(piece) for pattern in self._chrome):
                continue
            # A paragraph cue (an editor's blurb) condemns its paragraph, unless the line is a whole flattened page.
            if len(line) <= self._paragraph_max and any(pattern.search(piece) for pattern in self._paragraph_chrome):
                return ""
            cuts.append((start, end))
        if not cuts:
            return line
        kept, position = [], 0
        for start, end in cuts:
            kept.append(line[position:start])
            position = end
        kept.append(line[position:])
        return "".join(kept).strip()

    def heading(self, line: str) -> tuple[str, int] | None:
        """The (title, announced report count) of a report heading line, else None."""
        if len(line) > KEY_CHARS:
            return None
        key = self._key(line)
        for pattern in self._headings:
            match = pattern.match(key)
            if match:
                count = match.groupdict().get("count")
                announced = int(count) if count and count.isdigit() else CHINESE_COUNTS.get(count or "", 1)
                title = line[match.start("title"):match.end("title")] if len(key) == len(line) else match.group("title")
                return title.strip(), announced
        return None

    def _body_of_page(self, lines: list[str]) -> list[str]:
        """The lines up to the first tail marker (which may cut a line at its sentence), rid of chrome."""
        kept = []
        for line in lines:
            if not self._screen.may_match(self._normaliser.shadow_text(line)):
                kept.append(line)  # no cue can match in any of its sentences (lines here are never blank)
                continue
            sentences = self._sentences(line)
            tail = next((start for start, _, piece in sentences if any(pattern.search(piece) for pattern in self._tail)), None)
            if tail is not None:
                line, sentences = line[:tail], [sentence for sentence in sentences if sentence[1] <= tail]
            if stripped := self._strip(line, sentences):
                kept.append(stripped)
            if tail is not None:
                break
        return kept

    def split(self, text: str) -> list[Section]:
        """Cut cleaned document text into report sections, in order."""
        lines = self._body_of_page([line for line in text.split("\n") if line.strip()])
        sections = self._by_headings(lines)
        if sections is None:
            sections = self._by_repeated_title(lines)
        reports: list[Section] = []
        for section in sections:
            reports.extend(self._divide_announced(section))
        kept = [section for section in reports if _body_chars(section) >= MIN_REPORT_CHARS]
        # A short text of one report (a single sentence passed to the API) is still a report.
        return kept or [section for section in reports if section.lines]

    def _by_headings(self, lines: list[str]) -> list[Section] | None:
        """Sections that start at explicit report headings; None when the page has none."""
        starts = [(index, found) for index, line in enumerate(lines) if (found := self.heading(line))]
        if not starts:
            return None
        preamble = Section(None, lines[: starts[0][0]])
        sections = [preamble] if _body_lines(preamble) >= 2 else []
        for position, (index, (title, announced)) in enumerate(starts):
            end = starts[position + 1][0] if position + 1 < len(starts) else len(lines)
            sections.append(Section(title, lines[index + 1:end], announced))
        return sections

    def _by_repeated_title(self, lines: list[str]) -> list[Section]:
        """Sections that start where the page's title line recurs; one section when it never does."""
        # The title is the first line, when it reads as a heading (chrome above it is already gone).
        title = lines[0] if lines and _is_heading_like(lines[0]) else None
        starts = [index for index, line in enumerate(lines) if title is not None and self._key(line) == self._key(title)]
        if len(starts) < 2:
            body = [line for line in lines if title is None or self._key(line) != self._key(title)]
            # A text that is nothing but its title line (one short line, no sentence mark) is its own body.
            return [Section(title, body)] if body else [Section(None, lines)]
        sections = []
        for position, index in enumerate(starts):
            end = starts[position + 1] if position + 1 < len(starts) else len(lines)
            sections.append(Section(title, lines[index + 1:end]))
        return sections

    def _divide_announced(self, section: Section) -> list[Section]:
        """Cut a section whose heading announced N reports where report openings start paragraphs."""
        if section.announced < 2:
            return [section]
        cuts = [index for index, line in enumerate(section.lines) if index and self._key(line).startswith(self._openers)]
        if len(cuts) < section.announced - 1:
            return [section]
        cuts = cuts[: section.announced - 1]
        bounds = [0, *cuts, len(section.lines)]
        return [Section(section.title, section.lines[bounds[i]:bounds[i + 1]]) for i in range(len(bounds) - 1)]


def _is_heading_like(line: str) -> bool:
    return len(line) <= HEADING_MAX_CHARS and not any(mark in line for mark in SENTENCE_MARKS)


def _body_lines(section: Section) -> int:
    return sum(1 for line in section.lines if not _is_heading_like(line))


def _body_chars(section: Section) -> int:
    return sum(len(line) for line in section.lines if not _is_heading_like(line))


@lru_cache(maxsize=4)
def load_splitter(directory: Path = PATTERNS_DIR) -> Splitter:
    """Build a Splitter from patterns/split.yaml once per directory."""
    return Splitter(load_model(directory / "split.yaml", SplitRules), load_normaliser(directory))
