"""Audiences a record takes from words that are not audience words (SPEC §5): the schools its work was
held in (全校中、小学开展…覆盖率 reaches pupils), and the kind of people a statistic counts (学生人数4317人),
unless they were harmed (学生溺亡人数为11人: victims are no audience)."""
from __future__ import annotations

from dataclasses import dataclass

import regex

from extract.metrics.items import items_between_commas
from extract.metrics.lexicon import Hit, PhraseMatcher
from extract.text import Span
from schemas.labels import Audience


# What joins the people after a count to more people (300多名毕业生和群众) or to the next count.
JOINERS = "和及与"


def before_next_count(text: str, item: Span | None, counted_end: int | None, count_mark: regex.Pattern) -> Span | None:
    """The item cut before a later count of its own that 和/及 joins to it (50余名师生及家长和移动公司200余名
    职工: the staff are the second count's people, not the first's)."""
    if item is None or counted_end is None:
        return item
    following = count_mark.search(text, counted_end, item.end)
    if following is None:
        return item
    cut = max(text.rfind(joiner, counted_end, following.start()) for joiner in JOINERS)
    return Span(item.start, cut, text[item.start:cut]) if cut > counted_end else item


def enumerated_after(text: str, clause: Span, item: Span, hits: list[Hit], count_mark: regex.Pattern) -> list[Hit]:
    """The hits of the items after a count of people that hold no count of their own: the kinds of
    people it counts (1400余名师生、海淀网友、辖区群众代表等参加)."""
    found: list[Hit] = []
    after = [other for other in items_between_commas(text, clause) if other.start > item.end]
    if not after or after[0].start != item.end + 1:
        return found  # no 、 right after the item
    for other in after:
        if count_mark.search(text, other.start, other.end):
            break
        found += [hit for hit in hits if other.start <= hit.start and hit.end <= other.end]
    return found


@dataclass(frozen=True)
class RecipientRules:
    """Tells which audiences a record takes from the schools its clause names or the people it counts."""

    # Schools and classes a clause names as the site of its work (全园小学, 班级, 各大中专院校).
    sites: PhraseMatcher
    # What may follow a site word and make it no site of work for pupils (学校工作人员, 班级群).
    not_site_after: regex.Pattern
    # Words between an audience word and a count of its people (学生人数4317人, 学生多达10人).
    linked_count: regex.Pattern
    # Harm done to the people a statistic counts (溺亡, 受伤, 被骗): they are victims, no audience.
    harm: regex.Pattern

    def sites_of(self, text: str, clause: Span) -> list[Hit]:
        """School words of the clause naming where its work was done, read as its pupils (students)."""
        return [hit for hit in self.sites.find(text, clause.start, clause.end)
                if hit.value and not self.not_site_after.match(text, hit.end, clause.end)]

    def counted_people(self, text: str, clause: Span, span: Span, hits: list[Hit], before: regex.Pattern) -> list[Hit]:
        """The hits of span naming the kind of people a count of no outreach work counts (学生人数4317人,
        近20万名师生), none when its clause tells of harm to them (学生溺亡人数为11人, 师生共有13人被骗)."""
        if self.harm.search(text, clause.start, clause.end):
            return []
        return [hit for hit in hits
                if self.linked_count.match(text, hit.end, span.end) or before.search(text, span.start, hit.start)]


def build_recipient_rules(sites: dict[Audience, list[str]], not_sites: list[str], not_site_after: str,
                          linked_count: str, harm: str) -> RecipientRules:
    """RecipientRules from the cues of patterns/scope.yaml."""
    return RecipientRules(
        # Words holding a school word that name no school (集中学习 holds 中学) are found as hits of no label.
        sites=PhraseMatcher({**{word: () for word in not_sites},
                             **{word: (label,) for label, words in sites.items() for word in words}}),
        not_site_after=regex.compile(not_site_after),
        linked_count=regex.compile(linked_count),
        harm=regex.compile(harm),
    )
