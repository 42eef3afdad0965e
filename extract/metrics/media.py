"""Channel words that name no medium of the outreach: parts of words for other things, and goods (SPEC §4)."""
from __future__ import annotations

from dataclasses import dataclass

import regex

from extract.metrics.lexicon import Hit
from extract.text import Span
from schemas.labels import Channel


@dataclass(frozen=True)
class MediumRules:
    """Tells a channel word used for a medium from one inside a word for something else (LED闪光灯, 新媒体)
    and finds goods handed out that are no printed matter (安全头盔, 反光条)."""

    not_before: dict[Channel, regex.Pattern]
    not_after: dict[Channel, regex.Pattern]
    window: int
    goods: regex.Pattern
    printed_on_goods: regex.Pattern
    printing_words: frozenset[str]

    def names_no_medium(self, text: str, hit: Hit) -> bool:
        """Whether a channel word is part of a word for something else (LED of LED闪光灯, 媒体 of 新媒体)."""
        for channel in hit.value:
            before = self.not_before.get(channel)
            if before is not None and before.search(text[max(0, hit.start - self.window):hit.start]):
                return True
            after = self.not_after.get(channel)
            if after is not None and after.match(text, hit.end):
                return True
        return False

    def names_goods(self, text: str, span: Span) -> bool:
        """Whether the span names goods that are no printed matter (安全头盔, 反光条, 日常用品)."""
        return self.goods.search(text, span.start, span.end) is not None

    def printed_on(self, text: str, hit: Hit) -> bool:
        """Whether a print word only says what is printed on the goods after it (标语宣传手提袋), not the printing."""
        return Channel.print in hit.value and hit.word not in self.printing_words \
            and self.printed_on_goods.match(text, hit.end) is not None


def build_medium_rules(not_before: dict[Channel, str], not_after: dict[Channel, str], window: int,
                       goods: str, printing_words: list[str]) -> MediumRules:
    """Compile the not_medium, goods and printing_words cues of patterns/scope.yaml."""
    return MediumRules(
        not_before={channel: regex.compile(rf"(?:{pattern})$") for channel, pattern in not_before.items()},
        not_after={channel: regex.compile(pattern) for channel, pattern in not_after.items()},
        window=window,
        goods=regex.compile(goods),
        # Only within the goods' own noun phrase: no punctuation and a few characters at most.
        printed_on_goods=regex.compile(rf"[^，。；,;、]{{0,6}}?(?:{goods})"),
        printing_words=frozenset(printing_words),
    )
