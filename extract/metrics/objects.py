"""The thing a quantity counts, named beside it (宣传资料 of 发放宣传资料300份), and what a percentage measures."""
from __future__ import annotations

from extract.metrics.items import item_break
from extract.metrics.lexicon import Hit, Lexicon, ObjectEntry
from extract.text import Span
from schemas.labels import UnitClass
from schemas.quantity import Quantity


def modifies(lexicon: Lexicon, hit: Hit) -> bool:
    """Whether a trigger can be the first half of a compound noun (禁毒宣传 in 禁毒宣传短信)."""
    return lexicon.modifier_triggers.search(hit.word) is not None


def counted_object(lexicon: Lexicon, text: str, first: int, start: int, end: int, clause_end: int) -> ObjectEntry | None:
    """The counted thing named in the quantity's own item: before it, else right after it.

    Hint-only nouns (群众, 单位) are returned only when no named object is found.
    """
    before = [hit.value for hit in lexicon.objects.find(text, first, start)][::-1]
    after = lexicon.objects.find(text, end, clause_end)
    # A noun after the number is its own only when no verb comes between (30余名干警参加集中宣传活动).
    # (a topic trigger right before the noun modifies it: 300余个禁毒宣传手袋)
    nearby = before + ([after[0].value] if after and not item_break(text, end, after[0].start, lexicon.joined_words)
                       and not [hit for hit in lexicon.activities.find(text, end, after[0].start)
                                if not (hit.end == after[0].start and modifies(lexicon, hit))] else [])
    named = [entry for entry in nearby if not entry.hint_only]
    return (named or nearby or [None])[0]


def rate_object(lexicon: Lexicon, text: str, clause: Span, quantity: Quantity, start: int) -> str | None:
    """What a percentage measures, named right before it (知晓率达到90% → 知晓率); it beats other objects."""
    if quantity.unit_class != UnitClass.rate:
        return None
    match = lexicon.rate_objects.search(text, clause.start, start)
    return match.group("object") if match else None
