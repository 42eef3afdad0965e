"""Channels and audiences of the outreach a record counts (SPEC §4, §5, §7)."""
from __future__ import annotations

from dataclasses import dataclass

from extract.metrics.lexicon import Hit, Lexicon
from extract.text import Span
from schemas.labels import Activity, Audience, Channel, Status


def labels(hits: list[Hit]) -> list:
    """The labels of the hits in order of first appearance, each once."""
    seen: dict = {}
    for hit in hits:
        for label in hit.value:
            seen.setdefault(label, None)
    return list(seen)


@dataclass(frozen=True)
class ScopeRules:
    """Finds the channels and audiences named in a record's clause."""

    lexicon: Lexicon

    def channels(self, text: str, clause: Span, status: Status) -> list[Channel]:
        """Channels named in the clause; none inside a scam's story (SPEC §4)."""
        if status == Status.case_detail:
            return []
        return labels(self.lexicon.channels.find(text, clause.start, clause.end))

    def audiences(self, text: str, clause: Span, activity: Activity) -> list[Audience]:
        """Audiences named in the clause, without the people doing the work; none for non-outreach work."""
        if activity in self.lexicon.audience_free_activities:
            return []
        return labels([hit for hit in self.lexicon.audiences.find(text, clause.start, clause.end)
                       if not text[max(clause.start, hit.start - 4):hit.start].endswith(self.lexicon.doer_before)])
