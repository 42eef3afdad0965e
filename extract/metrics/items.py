"""The items of an enumeration inside a clause, and the brackets and titles that hold words apart."""
from __future__ import annotations

from typing import Pattern

from extract.metrics.lexicon import Hit, PhraseMatcher
from extract.text import Span

# Separators of the items of an enumeration inside one clause.
ITEM_SEPARATORS = "、及和与"
# The separators that join two nouns into one counted group rather than list items.
JOINERS = "及和与"
TITLE_OPEN, TITLE_CLOSE = "《", "》"
ASIDE_OPEN, ASIDE_CLOSE = "（(", "）)"


def separates(text: str, index: int, joined: Pattern | None = None) -> bool:
    """Whether text[index] separates enumeration items: 、, or 及/和/与 outside a word that holds it
    (`joined` matches such words: 普及, 参与, 和平)."""
    if text[index] not in ITEM_SEPARATORS:
        return False
    return joined is None or not any(match.start() <= index < match.end()
                                     for match in joined.finditer(text, max(0, index - 3), index + 4))


def item_start(text: str, clause_start: int, start: int, joined: Pattern | None = None) -> int:
    """Where the enumeration item holding `start` begins (after the last 、 before it)."""
    position = start
    while position > clause_start and not separates(text, position - 1, joined):
        position -= 1
    return position


def item_span(text: str, clause: Span, start: int, end: int) -> Span:
    """The enumeration item holding text[start:end] inside its clause (between 、 separators);
    after the count it runs on over 和/及 (300多名高校毕业生和群众 is one item)."""
    first = item_start(text, clause.start, start)
    last = end
    while last < clause.end and text[last] != "、":
        last += 1
    return Span(first, last, text[first:last])


def items_between_commas(text: str, clause: Span) -> list[Span]:
    """The stretches of a clause between its 、 (及 and 和 do not cut them here), in order."""
    items = []
    begin = clause.start
    while begin < clause.end:
        stop = text.find("、", begin, clause.end)
        stop = clause.end if stop < 0 else stop
        items.append(Span(begin, stop, text[begin:stop]))
        begin = stop + 1
    return items


def in_title(text: str, clause_start: int, position: int) -> bool:
    """Whether `position` lies inside a 《…》 title opened in its clause."""
    opened = text.rfind(TITLE_OPEN, clause_start, position)
    return opened >= 0 and text.find(TITLE_CLOSE, opened, position) < 0


def in_aside(text: str, clause_start: int, hit: Hit, start: int) -> bool:
    """Whether `hit` lies inside brackets that close before `start`."""
    opened = max(text.rfind(mark, clause_start, hit.start) for mark in ASIDE_OPEN)
    if opened < 0 or any(text.find(mark, opened, hit.start) >= 0 for mark in ASIDE_CLOSE):
        return False
    return any(text.find(mark, hit.end, start) >= 0 for mark in ASIDE_CLOSE)


def item_break(text: str, begin: int, end: int, joined: Pattern | None = None) -> bool:
    """Whether an enumeration separator lies in text[begin:end]."""
    return any(separates(text, index, joined) for index in range(begin, end))


def leads_enumeration(text: str, clause: Span, hit: Hit, triggers: PhraseMatcher, count_mark: Pattern) -> bool:
    """Whether a word lies inside a trigger of work (`triggers`) before the first count of its clause
    (`count_mark`): the verb that leads the clause's enumeration of counts (走访 of 走访企业132家、学校44家)."""
    first_count = count_mark.search(text, clause.start, clause.end)
    return (first_count is None or hit.end <= first_count.start()) and any(
        trigger.start <= hit.start and hit.end <= trigger.end
        for trigger in triggers.find(text, max(clause.start, hit.start - 4), hit.end + 4))


def paired_item(text: str, clause: Span, start: int, respectively: Pattern, joined: Pattern | None = None) -> Span | None:
    """The item of a list before 分别 that pairs with the count at `start` in the list of counts after it, by
    place (from the end when the lists differ in length); None when the count is in no such list."""
    found = respectively.search(text, clause.start, start)
    if found is None:
        return None
    counts = text[found.end():clause.end].split("、")
    if len(counts) < 2:
        return None
    place = text[found.end():start].count("、")
    bounds, position = [], clause.start
    for index in range(clause.start, found.start()):
        if separates(text, index, joined):
            bounds.append((position, index))
            position = index + 1
    bounds.append((position, found.start()))
    pairs = bounds[-len(counts):] if len(bounds) >= len(counts) else None
    return Span(pairs[place][0], pairs[place][1], text[pairs[place][0]:pairs[place][1]]) if pairs else None


def coordinated(text: str, clause: Span, item: Span | None, count_mark: Pattern) -> Span | None:
    """The item, widened back over the enumeration items before it that hold no count of their own."""
    if item is None:
        return None
    before = [other for other in items_between_commas(text, clause) if other.end < item.start]
    if not before or before[-1].end != item.start - 1:
        return item  # the item does not open right after a 、
    begin = item.start
    for other in reversed(before):
        if count_mark.search(text, other.start, other.end):
            break
        begin = other.start
    return item if begin == item.start else Span(begin, item.end, text[begin:item.end])


def joined_before(text: str, clause: Span, item: Span | None, hits: list[Hit], count_mark: Pattern) -> Span | None:
    """The item, widened back over the hits joined to its opening by 和, 及 or 与 (师生和居民2万余人: the
    count is of both), unless a count before them in the same enumeration item is theirs
    (80余名师生及家长和30余名职工)."""
    if item is None:
        return None
    begin = item.start
    for hit in reversed(hits):
        if hit.end == begin - 1 and text[begin - 1] in JOINERS:
            begin = hit.start
    if begin == item.start:
        return item
    opening = max((other.start for other in items_between_commas(text, clause) if other.start <= begin), default=clause.start)
    if count_mark.search(text, opening, begin):
        return item
    return Span(begin, item.end, text[begin:item.end])
