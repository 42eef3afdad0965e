"""A record's status (achieved, planned, recurring, case_detail), its period and distant qualifier."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex
from pydantic import BaseModel, ConfigDict

from extract.text import Span, line_bounds
from extract.text.engine import compile_pattern
from extract.yamlfile import PATTERNS_DIR, load_model
from schemas.labels import Activity, DocType, Qualifier, Status
from schemas.quantity import Quantity


# A pattern that matches nowhere: the alternation of no cues.
NEVER = "(?!)"
# Titles 《…》, closed or running to the end of the window.
TITLES = compile_pattern(r"《[^》]*(?:》|$)")


class StatusCues(BaseModel):
    """patterns/status.yaml: cue regexes for status, period and sub-counts."""

    model_config = ConfigDict(extra="forbid")

    aggregate: list[str]
    case_detail: list[str]
    case_person: list[str] = []
    case_paragraph: list[str]
    advice: list[str] = []
    advice_window: int = 0
    back_reference: str
    story: list[str]
    story_cues_needed: int
    savings: list[str] = []
    recurring: list[str]
    recurring_window: int
    recurring_stops: list[str] = []
    planned: list[str]
    plan_scope: list[str]
    plan_heading: str | None = None
    section_heading: str | None = None
    plan_section: list[str] = []
    plan_section_not: list[str] = []
    finished: list[str]
    background: list[Activity] = []
    kinds_units: list[str] = []
    period: list[str]
    distant_qualifiers: dict[Qualifier, list[str]]
    qualifier_window: int
    sub_count: list[str]


def alternation(words: list[str], scanned: bool = False) -> regex.Pattern:
    """One compiled pattern matching any of the given regexes; none given, one that never matches.
    scanned: searched through long stretches, where `regex` skips ahead to a literal every match holds
    (方案, 应) and `re` tries every character; the others are matched at a place or in short windows,
    where a call into `re` costs less."""
    pattern = "|".join(f"(?:{word})" for word in words) or NEVER
    return regex.compile(pattern) if scanned else compile_pattern(pattern)


@dataclass(frozen=True)
class StatusRules:
    """Decides status, period and distant qualifiers from the cues around a quantity."""

    aggregate: regex.Pattern
    case_detail: regex.Pattern
    case_person: regex.Pattern
    case_paragraph: regex.Pattern
    advice: regex.Pattern
    advice_window: int
    back_reference: regex.Pattern
    story: regex.Pattern
    story_cues_needed: int
    savings: regex.Pattern
    recurring: regex.Pattern
    recurring_window: int
    recurring_stops: regex.Pattern
    planned: regex.Pattern
    plan_scope: regex.Pattern
    plan_heading: regex.Pattern | None
    section_heading: regex.Pattern | None
    plan_section: regex.Pattern
    plan_section_not: regex.Pattern
    finished: regex.Pattern
    background: frozenset[Activity]
    kinds_units: frozenset[str]
    periods: regex.Pattern
    distant_qualifiers: tuple[tuple[Qualifier, regex.Pattern], ...]
    qualifier_window: int
    sub_count: regex.Pattern

    def status(self, doc_type: DocType, text: str, sentence: Span, clause: Span, start: int,
               money: bool = False, activity: Activity | None = None, unit: str | None = None) -> Status:
        """The status of the quantity starting at `start` inside `clause` of `sentence`."""
        # A frequency word inside a title names the document (转发《每日电诈警情》2000余次), not the count; one
        # before a total's word (每月开展一次，全年累计开展24场) frequents the work, not the total.
        window = TITLES.sub("", text[max(clause.start, start - self.recurring_window):start])
        stop = max((match.end() for match in self.recurring_stops.finditer(window)), default=0)
        if self.recurring.search(window, stop):
            return Status.recurring
        # A count of kinds (诈骗手段…30余种) sums up many cases, even where it names a scam's words.
        if unit not in self.kinds_units and self.aggregate.search(text, clause.start, clause.end) is None and (
                self._in_story(text, sentence, clause) or self.in_case_paragraph(text, start)
                or (money and self.aggregate.search(text, sentence.start, sentence.end) is None
                    and (self.in_story_paragraph(text, start)
                         # someone's savings (保住自己积攒的2万元养老钱) are one person's money
                         or self.savings.search(text, start, clause.end) is not None
                         # a sum after one person's story in its sentence (陈姓妇人遭假冒检察官诈骗，损失200万元)
                         or self.case_person.search(text, sentence.start, clause.start) is not None))):
            return Status.case_detail
        if self.planned.search(text, clause.start, start) or self.plan_scope.search(text, sentence.start, start):
            return Status.planned
        # A paragraph or section of next steps holds targets, but a sentence in it that reports work done
        # is done (下一步，……。截至目前开展宣传活动30次).
        if ((self.plan_heading is not None and self.plan_heading.match(text, line_bounds(text, start)[0]))
                or self.in_plan_section(text, start)) and not self.finished.search(text, sentence.start, start):
            return Status.planned
        # A plan counts its targets, but a sentence that reports work done is done (今年以来共发放…).
        # A plan's background figures (损失金额为80万余元) are facts, not targets.
        if doc_type == DocType.plan and activity not in self.background \
                and not self.finished.search(text, sentence.start, start):
            return Status.planned
        return Status.achieved

    def in_plan_section(self, text: str, start: int) -> bool:
        """Whether the nearest section heading before `start` names targets or next steps
        (一、活动目标 over the lines 1、…覆盖率达到100%)."""
        if self.section_heading is None:
            return False
        headings = _section_headings(self.section_heading, self.plan_section, self.plan_section_not, text)
        index = bisect_right(headings, (start,)) - 1
        return index >= 0 and headings[index][1]

    def _in_story(self, text: str, sentence: Span, clause: Span) -> bool:
        """The clause tells a case, or refers back (其, 该男子) to a case told earlier in its sentence."""
        if self._tells_case(text, clause.start, clause.end):
            return True
        return bool(self.back_reference.search(text, clause.start, clause.end)
                    and self._tells_case(text, sentence.start, clause.start))

    def _tells_case(self, text: str, begin: int, end: int) -> bool:
        """Whether a case cue stands between `begin` and `end` that no advice word just before it turns
        into prevention talk (防止被骗, 不要向陌生账户转账, 揭露骗子伎俩)."""
        for match in self.case_detail.finditer(text, begin, end):
            # one person named (避免陈女士被骗) is a story whatever stands before
            if self.case_person.match(text, match.start()) \
                    or not self.advice.search(text, max(begin, match.start() - self.advice_window), match.start()):
                return True
        return False

    def in_story_paragraph(self, text: str, start: int) -> bool:
        """Whether the paragraph holding `start` narrates one incident (一位老人…柜员…及时…): its
        amounts of money are that case's, not totals."""
        paragraph_start = text.rfind("\n", 0, start) + 1
        paragraph_end = text.find("\n", start)
        paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
        cues = {match.group() for match in self.story.finditer(text, paragraph_start, paragraph_end)}
        return len(cues) >= self.story_cues_needed

    def in_case_paragraph(self, text: str, start: int) -> bool:
        """Whether the paragraph holding `start` opens as a case story (案例一：…)."""
        return bool(self.case_paragraph.match(text, line_bounds(text, start)[0]))

    def period(self, text: str, sentence: Span, start: int) -> str | None:
        """The time words nearest before the quantity in its sentence."""
        found = [match.group() for match in self.periods.finditer(text, sentence.start, start)]
        return found[-1] if found else None

    def qualifier(self, text: str, clause: Span, quantity: Quantity, start: int) -> Qualifier:
        """The number's own qualifier, else one standing before the clause's verb (至少张挂一幅)."""
        if quantity.qualifier != Qualifier.exact:
            return quantity.qualifier
        window = text[max(clause.start, start - self.qualifier_window):start]
        for qualifier, pattern in self.distant_qualifiers:
            if pattern.search(window):
                return qualifier
        return quantity.qualifier

    def sub_count_starts(self, text: str, sentence: Span) -> list[int]:
        """Where the sub-count cues (其中) of a sentence end."""
        return [match.end() for match in self.sub_count.finditer(text, sentence.start, sentence.end)]


@lru_cache(maxsize=4)
def _section_headings(heading: regex.Pattern, plan: regex.Pattern, not_plan: regex.Pattern,
                      text: str) -> list[tuple[int, bool]]:
    """Where each section heading line of a text ends, and whether it names targets or next steps
    (cached: a report's text is asked once per record)."""
    headings = []
    for match in heading.finditer(text):
        line = match.group()
        headings.append((match.end(), bool(plan.search(line)) and not not_plan.search(line)))
    return headings


def load_status_rules(directory: Path = PATTERNS_DIR) -> StatusRules:
    """Build StatusRules from patterns/status.yaml."""
    cues = load_model(directory / "status.yaml", StatusCues)
    return StatusRules(
        aggregate=alternation(cues.aggregate),
        case_detail=alternation(cues.case_detail + cues.case_person),
        case_person=alternation(cues.case_person),
        case_paragraph=compile_pattern("|".join(cues.case_paragraph)),
        advice=alternation(cues.advice),
        advice_window=cues.advice_window,
        back_reference=compile_pattern(cues.back_reference),
        story=alternation(cues.story),
        story_cues_needed=cues.story_cues_needed,
        savings=alternation(cues.savings),
        recurring=alternation(cues.recurring),
        recurring_window=cues.recurring_window,
        recurring_stops=alternation(cues.recurring_stops),
        planned=alternation(cues.planned, scanned=True),
        plan_scope=alternation(cues.plan_scope, scanned=True),
        plan_heading=compile_pattern(cues.plan_heading) if cues.plan_heading else None,
        section_heading=regex.compile(cues.section_heading, regex.MULTILINE) if cues.section_heading else None,
        plan_section=alternation(cues.plan_section),
        plan_section_not=alternation(cues.plan_section_not),
        finished=alternation(cues.finished),
        background=frozenset(cues.background),
        kinds_units=frozenset(cues.kinds_units),
        periods=alternation(cues.period),
        distant_qualifiers=tuple((qualifier, alternation(words))
                                 for qualifier, words in cues.distant_qualifiers.items()),
        qualifier_window=cues.qualifier_window,
        sub_count=alternation(cues.sub_count),
    )
