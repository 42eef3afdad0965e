"""The people doing the outreach, who are not its audience (SPEC §5, §7): 组织网格员…, 网格员向其发放,
网格员逐店发放, 联合村干部、网格员."""
from __future__ import annotations

from dataclasses import dataclass

import regex

from extract.metrics.lexicon import Hit
from schemas.labels import Audience

# Characters before an audience word searched for a doer's marker and its modifier (动员辖区商户).
MARKER_LOOKBACK = 9
# Characters before an audience word searched for a doer it is enumerated with (民警和村干部).
ENUMERATION_LOOKBACK = 12


@dataclass(frozen=True)
class DoerRules:
    """Tells which audience words name the people doing the work."""

    # The doers' markers (lexicon doer_before) and the impersonation cues, each with an optional
    # modifier (组织辖区群众): an audience word right after one is no audience.
    marker: regex.Pattern
    recipients: regex.Pattern
    recipient_window: int
    # An audience word in one enumeration with a doer (网格员、志愿者; 民警和村干部) names a doer too.
    doer_next: regex.Pattern
    doer_last: regex.Pattern
    doer_labels: frozenset[Audience]
    doer_work: regex.Pattern
    before_recipient: regex.Pattern
    enumeration: regex.Pattern
    # A verb of passing the message on to others right after people (公职人员辐射身边人群, 学生带动家长):
    # they carry the outreach, the others receive it.
    passes_on: regex.Pattern

    def doing(self, text: str, start: int, hits: list[Hit], joined: bool = False) -> list[bool]:
        """For each hit of a stretch starting at `start`, whether it names people doing the work.

        People organised into work they take part in (joined: 组织师生开展疏散演练) join it, with the staff
        named beside them (组织养老机构工作人员和老人开展演练): neither 组织 nor a staff word makes them doers.
        """
        doing = [(not joined and (self.after_marker(text, start, hit.start) or self.with_doers(text, start, hit)))
                 or self.subject(text, hit) for hit in hits]
        # One doer makes the others of its enumeration doers too (联合村干部、网格员).
        for index in range(1, len(hits)):
            if doing[index - 1] != doing[index] and self.enumeration.fullmatch(text, hits[index - 1].end, hits[index].start):
                doing[index - 1] = doing[index] = True
        for index in range(len(hits) - 2, -1, -1):
            if doing[index + 1] and not doing[index] and self.enumeration.fullmatch(text, hits[index].end, hits[index + 1].start):
                doing[index] = True
        return doing

    def subject(self, text: str, hit: Hit) -> bool:
        """Whether the hit names people doing the work: before 向/给/为 someone or a verb of passing the
        message on (辐射, 带动), or, for people who usually do it (网格员, 柜员), before a verb of the work."""
        if self.recipients.search(text, max(0, hit.start - self.recipient_window), hit.start):
            return False  # 为企业财务人员讲解: the people the work is for
        return bool(self.before_recipient.match(text, hit.end) or self.passes_on.match(text, hit.end)
                    or (self.doer_labels.issuperset(hit.value) and self.doer_work.match(text, hit.end)))

    def after_marker(self, text: str, start: int, position: int) -> bool:
        """Whether a doer's marker or an impersonation cue (and a modifier) ends right at position."""
        return self.marker.search(text, max(start, position - MARKER_LOOKBACK), position) is not None

    def with_doers(self, text: str, start: int, hit: Hit) -> bool:
        """Whether the hit stands in one enumeration with a doer of the work, and no recipient
        marker (为, 向) just before it says the enumeration is who the work is for."""
        if not (self.doer_next.match(text, hit.end)
                or self.doer_last.search(text, max(start, hit.start - ENUMERATION_LOOKBACK), hit.start)):
            return False
        return self.recipients.search(text, max(start, hit.start - self.recipient_window), hit.start) is None
