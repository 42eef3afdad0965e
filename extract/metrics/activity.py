"""What a quantity counts: the activity that governs it, the object counted and its unit class."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Container

# item_span stays importable from here, where the record assembly has always found it.
from extract.metrics.items import in_aside, in_title, item_break, item_span, item_start, paired_item  # noqa: F401
from extract.metrics.lexicon import Hit, Lexicon, ObjectEntry
from extract.metrics.objects import counted_object, modifies
from extract.metrics.roles import PeopleRoles
from extract.text import Segmenter, Span
from schemas.labels import Activity, UnitClass
from schemas.quantity import Quantity

# Words of this length or less must start and end on jieba word boundaries to count as a trigger
# (派出 inside 派出所 is no trigger).
SHORT_WORD = 2
# How far a modifying trigger may stand after the verb that governs its noun phrase (发放反诈提醒宣传折页).
MODIFIER_GAP = 2
# The rule name of a count labelled from its measure word alone: no trigger, object or neighbour spoke.
FALLBACK_RULE = "quantity"
# The word that closes a noun list into one object (宣传页、宣传画等材料).
LIST_SUMMARY = "等"
# A count after a trigger: a digit, or a Chinese numeral before a measure word.
OWN_COUNT = re.compile(r"[0-9０-９]|[一二两三四五六七八九十百千万]+[余多]?(?:个|场|次|份|张|条|名|人|户|家|期|篇|块|幅|处|起|件|本|册)")
# The particle that closes a modifier of a noun (即将被骗的资金).
RELATIVE = "的"
# The markers that put an object before its verb (将4万份宣传资料送到市民手中, 把500份传单发到群众手中).
DISPOSAL = ("将", "把")


@dataclass(frozen=True)
class Counted:
    """What one quantity counts."""

    activity: Activity
    object: ObjectEntry | None  # a named object (not a hint-only noun)
    unit_class: UnitClass
    rule: str
    yields: bool = False  # the trigger gives way to a total's activity in a sub-count (进校园)


@dataclass(frozen=True)
class ActivityRules:
    """Chooses the governing trigger and the counted object of a quantity from the lexicon."""

    lexicon: Lexicon
    segmenter: Segmenter | None = None  # for the parts of speech of a count with no trigger

    @cached_property
    def roles(self) -> PeopleRoles:
        """The rules for the role of counted people."""
        return PeopleRoles(self.lexicon)

    def counted(self, text: str, clause: Span, quantity: Quantity, start: int, end: int,
                boundaries: Container[int], previous: Span | None = None) -> Counted:
        """The activity, object and unit class of the quantity text[start:end] in its clause; `previous`
        is the clause before it in its sentence."""
        first = item_start(text, clause.start, start, self.lexicon.joined_words)
        # 讲座、座谈会分别为12场、5场: each count is of the item in the same place of the list before 分别.
        paired = paired_item(text, clause, start, self.lexicon.respectively, self.lexicon.joined_words)
        if paired is not None:
            first, start, end = paired.start, paired.end, paired.end
        hit = self.trigger(text, clause, first, start, end, boundaries, quantity.unit_class == UnitClass.items)
        if hit is not None and hit.end <= start and quantity.unit_class != UnitClass.people:
            # 发放宣传资料并签订承诺书300份: 签订 governs the count (and what it names), and it is no outreach verb.
            phrase = self._other_verb_after(text, hit.end, start)
            if phrase is not None:
                hit, first = None, phrase
        if hit is not None and hit.word in self.lexicon.path_verbs:
            hit = self._past_path(text, clause, hit, quantity)
        found = counted_object(self.lexicon, text, first, start, end, clause.end)
        named = found if found and not found.hint_only else None
        # A clause that only sums up (发放反诈宣传资料，共计3000余份) counts what the clause before it names.
        if hit is None and named is None and previous is not None and self._continues(text, clause, start, end):
            last = item_start(text, previous.start, previous.end, self.lexicon.joined_words)
            hit = self._work_before(text, previous, boundaries)
            found = counted_object(self.lexicon, text, last, previous.end, previous.end, previous.end) or found
            named = found if found and not found.hint_only else None
        # A verbless thing counted after a handing-out, checking or punishing clause (发放手册800余本，医药箱100余个;
        # 检查经营户15户，餐馆8家) is one more of its objects; people (发放传单3000份，群众500人) are not.
        if hit is None and named is None and previous is not None and quantity.unit_class != UnitClass.people \
                and self._verbless(text, first, start):
            work = self._work_before(text, previous, boundaries, counts_items=True)
            hit = work if work is not None and work.value in self.lexicon.listing_work else None
        # A sum of money is not the card or account it sits in (将银行卡中的20万元转出): those name no work.
        if quantity.unit_class == UnitClass.money and named is not None \
                and named.unit_class not in (None, UnitClass.money):
            named = None
        # A trigger of an earlier item does not govern an item that names its own counted thing
        # (每月一次国旗下讲话、每学期一封提醒书信: the letters are handed out), unless the item is its object.
        if hit is not None and hit.end <= first and named is not None and named.activity is not None \
                and not self._still_governed(text, hit, first, start, named, clause.start):
            hit = None
        if hit is not None and named is not None and named.activity not in (None, hit.value):
            hit = self._coordinated(text, clause, hit, named.activity)
        activity = self.activity_of(quantity, hit, named)
        # 安装 puts in a smoke alarm as often as an app (累计安装住警器10万户): the nearer thing named decides.
        if activity == Activity.app_promotion and hit is not None and self.lexicon.installs_device(text, hit.start, clause.end):
            activity = Activity.other
        # The share of people holding a view (82%的群众认为) is a survey result, not an outreach rate.
        if activity == Activity.rate and self.lexicon.survey_shares.match(text, end):
            activity = Activity.other
        # A sum that names its own kind of money (攔阻獎金198萬元, 宣导经费252万元) is that money.
        if quantity.unit_class == UnitClass.money and named is not None and named.unit_class == UnitClass.money \
                and named.activity is not None:
            activity = named.activity
        unit_class = self.unit_class(quantity, named, found, activity)
        # Work that counts only money (loss) counts nothing else: 被骗98人 is a statistic.
        if activity in self.lexicon.money_only and unit_class != UnitClass.money:
            activity = Activity.other
        # Sessions counted under a verb that counts people (组织师生观看教育片50余场) are events.
        if activity in self.lexicon.people_counts and unit_class == UnitClass.events:
            activity = self.lexicon.unit_class_activities.get(unit_class, activity)
        if unit_class == UnitClass.people:
            activity = self.roles.role(text, clause, first, start, end, hit, activity)
            if activity == Activity.other and hit is None and named is None:
                # The work of the clause before, when the people have no verb of their own (救助旅客800余人 has).
                work = None if previous is None or not self._verbless(text, first, start) \
                    else self._work_before(text, previous, boundaries)
                if self.roles.audience_at_outreach(text, first, start, end, work):
                    activity = Activity.reach
        # Views are counted as views, whether in times, people or of a named video (观看量8.2万人次, 影片点阅2万次).
        if activity in self.lexicon.views_only:
            unit_class = self.lexicon.activity_unit_classes.get(activity, unit_class)
        for override in (self.lexicon.unit_class_overrides.get(unit_class),
                         self.lexicon.unit_overrides.get(quantity.unit or self._measure_after(text, end))):
            if override is None:
                continue
            if (activity in override.over or activity in override.over_when_named and any(
                    other.value == override.activity for other in self.lexicon.activities.find(text, (previous or clause).start, start))) \
                    and not (activity in override.kept_for_firms and any(firm in text[first:end] for firm in override.firms)):
                activity = override.activity
            # Words right after a count can say what it counts: vehicles for the screens they carry (9637辆出租车的
            # 顶灯LED屏) show the message; a body's measures (采取三项举措) are no work of their own.
            if override.followed_by is not None and override.followed_by.matches(text, end, clause.end):
                activity = override.followed_by.activity
        if activity == Activity.other and hit is None and named is None and quantity.unit in self.lexicon.unit_activities \
                and self._verbless(text, first, start):
            # No verb at all before the count (市区40000本): its measure word says what was done with it.
            activity = self.lexicon.unit_activities[quantity.unit]
        rule = f"activity:{hit.word}" if hit else (f"object:{named.name}" if named else FALLBACK_RULE)
        # People and their views are no event or item: those near a named one (讲座共180名长者参与) count none.
        if unit_class in (UnitClass.people, UnitClass.views) and named is not None and named.unit_class != UnitClass.people:
            named = None
        return Counted(activity, named, unit_class, rule, bool(hit) and self.lexicon.yields_to_total(text, hit))

    def activity_of(self, quantity: Quantity, hit: Hit[Activity] | None, object_entry: ObjectEntry | None) -> Activity:
        """The trigger's activity, the object's when the trigger defers to it, else a default."""
        activity = hit.value if hit else (object_entry.activity if object_entry else None)
        deferral = self.lexicon.defers.get(hit.word) if hit else None
        if deferral and object_entry and object_entry.activity in deferral[0]:
            activity = deferral[1] or object_entry.activity
        if quantity.unit_class == UnitClass.rate:
            return Activity.rate
        if activity is None and quantity.unit_class is not None:
            activity = self.lexicon.unit_class_activities.get(quantity.unit_class)
        return activity or Activity.other

    def unit_class(self, quantity: Quantity, object_entry: ObjectEntry | None, found: ObjectEntry | None,
                   activity: Activity) -> UnitClass:
        """A named object's class beats a measure word's (横幅30条 counts items, not messages),
        except for money and rates, and people near a named event or item (讲座共180名长者参与,
        组织120名外卖骑手配送传单 count people);
        hint-only nouns come after the activity's own class."""
        fixed = quantity.unit_class in (UnitClass.money, UnitClass.rate) or quantity.unit in self.lexicon.class_only_units \
            or (quantity.unit in self.lexicon.people_roles.people_only_units and object_entry is not None
                and object_entry.unit_class in (UnitClass.events, UnitClass.items, UnitClass.cases, UnitClass.money))
        if object_entry is not None and object_entry.unit_class is not None and not fixed:
            return object_entry.unit_class
        return quantity.unit_class or self.lexicon.activity_unit_classes.get(activity) \
            or (found.unit_class if found else None) or UnitClass.other

    def trigger(self, text: str, clause: Span, first: int, start: int, end: int,
                boundaries: Container[int], counts_items: bool = False) -> Hit[Activity] | None:
        """The trigger nearest before the quantity in its clause, else the nearest after it."""
        objects = self.lexicon.objects.find(text, clause.start, clause.end)
        # A trigger inside an object's name (禁毒宣传 in 禁毒宣传资料) is part of the object, not a verb.
        hits = [hit for hit in self._word_hits(text, clause, boundaries)
                if not any(item.start <= hit.start and hit.end <= item.end and item.word != hit.word
                            and item.value.activity != hit.value for item in objects)]
        # A topic trigger right before an object's name modifies the object (展出法治宣传展板, 发送禁毒宣传
        # 短信, 禁毒宣传鼠标垫500个): the governing verb, or the object, decides. One that is itself a verb
        # of the object (制作宣传展板) does so only after another trigger of the same item.
        hits = [hit for hit in hits
                if not ((hit.end < start or hit.start >= end) and self._modifies(hit)
                        and any(hit.start < item.start <= hit.end < item.end and not item.value.hint_only
                                for item in objects)
                        and (hit.value not in self.lexicon.object_verbs  # 制作宣传展板 keeps its verb
                             or any(first <= other.start and 0 <= hit.start - other.end <= MODIFIER_GAP
                                    for other in hits)))]
        # A trigger inside a document's title (《爱国爱教禁毒我参与》折页) names the document; one inside
        # an aside closed before the count (宣传活动（含讲座）45场) does not govern it.
        hits = [hit for hit in hits if not in_title(text, clause.start, hit.start)
                and not (hit.end <= start and in_aside(text, clause.start, hit, start))]
        before = [hit for hit in hits if hit.end <= start]
        own_item = self._governed([hit for hit in before if hit.start >= first], objects, start, counts_items)
        # A trigger closed by 的 after another trigger of its item tells of the noun the first one governs
        # (成功拦截了该女子即将被骗的资金175万元 is interception).
        own_item = own_item[:1] + [hit for hit in own_item[1:] if RELATIVE not in text[hit.end:hit.end + 2]]
        # So does one whose relative clause holds a list (展示由青少年、爱好者创作的60幅漫画): a verb that takes
        # the noun as its object before it, in an earlier item, governs.
        if len(own_item) == 1 and RELATIVE in text[own_item[0].end:own_item[0].end + 2]:
            head = next((hit for hit in reversed(before) if hit.end <= first and hit.value in self.lexicon.object_verbs), None)
            own_item = [head] if head is not None else own_item
        if own_item:
            # A trigger that is a noun (诈骗金额) is governed by a verb before it (拦阻诈骗金额440万元).
            if len(own_item) > 1 and own_item[-1].word in self.lexicon.governed_nouns:
                return own_item[-2]
            # A venue campaign after another trigger of its item names where that was held (开展知识讲座进学校4场次).
            if len(own_item) > 1 and self.lexicon.yields_to_total(text, own_item[-1]):
                return own_item[-2]
            following = next((hit for hit in hits if hit.start >= end), None)
            # A count put before its verb by 将/把 is that verb's object, whatever the verb before it did.
            if following is not None and start > clause.start and text[start - 1] in DISPOSAL \
                    and not item_break(text, end, following.start, self.lexicon.joined_words):
                return following
            # A verb that only convenes gives way to the event noun right after the count (召开一次班会课).
            if own_item[-1].word in self.lexicon.convening_verbs and following is not None \
                    and not item_break(text, end, following.start, self.lexicon.joined_words):
                return following
            return own_item[-1]
        after = [hit for hit in hits if hit.start >= end]
        if after and not item_break(text, end, after[0].start, self.lexicon.joined_words):
            return self._head_after(after)
        if before:
            # A noun list summed up by 等 (发放交通安全、法律援助…等方面的宣传资料4000余份) is the object of the
            # verb before it: earlier items' triggers are its topics.
            if LIST_SUMMARY in text[first:start]:
                return next((hit for hit in reversed(before) if hit.value in self.lexicon.object_verbs), before[-1])
            # A noun trigger of an earlier item (查扣手机、赃款及3部车辆) is one of the verb's objects, not a verb.
            return next((hit for hit in reversed(before) if hit.word not in self.lexicon.governed_nouns), before[-1])
        # A verb after a list of counts governs them all (6个行政村、24家企业…进行走访), but not when it
        # has a count of its own (开展宣传120场次、发放资料2万份: 发放 counts the material).
        if after and not OWN_COUNT.search(text, after[0].end, clause.end):
            return after[0]
        return None

    def _word_hits(self, text: str, clause: Span, boundaries: Container[int]) -> list[Hit[Activity]]:
        """The triggers of a clause that are words of the text: a short one across a word edge is no
        trigger, and the search goes on inside it, so 访视 is found in 居家访视 (家访 straddles two words)."""
        hits: list[Hit[Activity]] = []
        position = clause.start
        while position < clause.end:
            found = self.lexicon.activities.find(text, position, clause.end)
            rejected = next((index for index, hit in enumerate(found) if len(hit.word) <= SHORT_WORD
                             and not self._on_word_edges(text, hit, boundaries)), None)
            if rejected is None:
                return hits + found
            hits += found[:rejected]
            position = found[rejected].start + 1
        return hits

    def _governed(self, hits: list[Hit[Activity]], objects: list[Hit[ObjectEntry]], start: int,
                  counts_items: bool) -> list[Hit[Activity]]:
        """Drop the triggers inside the noun phrase of a verb that takes the counted thing as its object:
        those after the verb that a named thing follows before the count, or any when items are counted
        (发放反诈培训手册300本, 张贴举报电话海报50张: the verb governs the phrase, 培训 and 举报 modify it)."""
        verbs = self.lexicon.object_verbs
        verb = next((hit for hit in hits if hit.value in verbs), None)
        if verb is None:
            return hits
        return [hit for hit in hits if hit.start <= verb.start or hit.value in verbs or not (
            counts_items or any(hit.end <= item.start and item.end <= start and not item.value.hint_only
                                for item in objects))]

    def _coordinated(self, text: str, clause: Span, hit: Hit[Activity], wanted: Activity) -> Hit[Activity]:
        """Of two verbs coordinated before one object (张贴、悬挂宣传标语), the one whose activity is the
        object's own."""
        if hit.value not in self.lexicon.object_verbs:
            return hit
        for other in self.lexicon.activities.find(text, max(clause.start, hit.start - 4), hit.end + 4):
            if other.value == wanted and (0 <= hit.start - other.end <= 1 or 0 <= other.start - hit.end <= 1) \
                    and not text[min(hit.end, other.end):max(hit.start, other.start)].strip("、和及与并"):
                return other
        return hit

    def _past_path(self, text: str, clause: Span, hit: Hit[Activity], quantity: Quantity) -> Hit[Activity] | None:
        """A verb of going somewhere (深入, 走进) only names where the work was done: a trigger after a light
        verb (开展, 进行) decides (深入181个行政村进行宣讲 is lecture), and for sessions counted any trigger
        after the path (30余次走进社区宣讲); with none, sessions counted are the events held
        (走进社区开展反诈宣传20余次, 深入社区宣传20余次)."""
        light = self.lexicon.light_verbs.search(text, hit.end, clause.end)
        later = self.lexicon.activities.find(text, light.end(), clause.end) if light else []
        if not later and quantity.unit_class == UnitClass.events:
            later = [other for other in self.lexicon.activities.find(text, hit.end, clause.end)
                     if other.word not in self.lexicon.path_verbs
                     and not item_break(text, hit.end, other.start, self.lexicon.joined_words)]
        if later:
            return later[0]
        return None if quantity.unit_class == UnitClass.events else hit

    def _other_verb_after(self, text: str, begin: int, start: int) -> int | None:
        """Where the phrase of a verb of no lexicon's, coordinated after the trigger (并, 同时, 还), starts
        when it governs the count: jieba tags it a verb, and it is no trigger or word the lexicon knows."""
        coordinator = self.lexicon.coordinators.search(text, begin, start)
        if coordinator is None or self.segmenter is None:
            return None
        words = self.segmenter.tags(text[coordinator.end():start])
        verb = words[0][0] if words and words[0][1] == "v" else ""
        if len(verb) > 1 and verb not in self.lexicon.known_words and not self.lexicon.activities.find(verb):
            return coordinator.end()
        return None

    def _still_governed(self, text: str, hit: Hit[Activity], first: int, start: int, named: ObjectEntry,
                        clause_start: int) -> bool:
        """Whether the item text[first:start] is still the object of a trigger of an earlier item: a noun
        list summed up by 等 (张贴宣传页、宣传画等材料3200余份), an item opening with a relative clause
        (展示由青少年、爱好者创作的60幅漫画), or one opening with its count that names a thing of the kind
        the verb took before it (制作3部微视频、1部微动漫; not 张贴海报30张、20条横幅, which were hung)."""
        opening = text[first:start]
        if LIST_SUMMARY in opening or RELATIVE in opening:
            return True
        # Bare nouns before it, none with a count of its own, share its count: they are one list the
        # verb takes (播放警示教育片、消防宣传片10部, 发放宣传单、手册、海报15000余份).
        if opening.strip() and not OWN_COUNT.search(text, item_start(text, clause_start, hit.start, self.lexicon.joined_words), first):
            return True
        return not opening.strip() and any(item.value.activity == named.activity
                                           for item in self.lexicon.objects.find(text, hit.end, first))

    def _measure_after(self, text: str, end: int) -> str | None:
        """A measure word of the overrides right after a count the number parser left without one (8类)."""
        return next((word for word in self._override_measures if text.startswith(word, end)), None)

    @cached_property
    def _override_measures(self) -> list[str]:
        """The measure words of the unit overrides, longest first (sorted once, not once per count)."""
        return sorted(self.lexicon.unit_overrides, key=len, reverse=True)

    def _work_before(self, text: str, previous: Span, boundaries: Container[int], counts_items: bool = False) -> Hit[Activity] | None:
        """The trigger of the last item of the clause before, which a count with no work of its own may take."""
        last = item_start(text, previous.start, previous.end, self.lexicon.joined_words)
        return self.trigger(text, previous, last, previous.end, previous.end, boundaries, counts_items)

    def _verbless(self, text: str, first: int, start: int) -> bool:
        """Whether the item holds no verb before the count but summing words (收回问卷848份 has one)."""
        if self.segmenter is None:
            return False
        plain = self.lexicon.sum_openers
        return not any(tag.startswith("v") and not (plain and plain.fullmatch(word))
                       for word, tag in self.segmenter.tags(text[first:start]))

    def _continues(self, text: str, clause: Span, start: int, end: int) -> bool:
        """Whether the clause holds nothing but its count, or the count after summing words (共计, 累计达)
        or after the name of a channel alone (推送公众号文章15篇，抖音2期: the verb goes on)."""
        opening = text[clause.start:start].strip()
        if not opening:
            return not text[end:clause.end].strip(" ，,。；;、")
        channels = self.lexicon.channels.find(opening)
        if channels and channels[0].start == 0:
            opening = opening[channels[-1].end:] if all(
                left.end == right.start for left, right in zip(channels, channels[1:])) else opening
            if not opening:
                return True
        return bool(self.lexicon.sum_openers and self.lexicon.sum_openers.fullmatch(opening))

    def _head_after(self, after: list[Hit[Activity]]) -> Hit[Activity]:
        """The first trigger after the count, or the noun it modifies right after it: a compound ends in its
        head (15场食安宣导说明会 is a 说明会)."""
        head = after[0]
        for hit in after[1:]:
            if hit.start != head.end or not self._modifies(head):
                break
            head = hit
        return head

    def _modifies(self, hit: Hit) -> bool:
        """Whether a trigger can be the first half of a compound noun (禁毒宣传 in 禁毒宣传短信)."""
        return modifies(self.lexicon, hit)

    def _on_word_edges(self, text: str, hit: Hit, boundaries: Container[int]) -> bool:
        """A short trigger is a word of its own, the end of one that only an adverb precedes (共出动), or
        the start of one whose rest is a lexicon word (审理案件)."""
        if hit.end not in boundaries:
            # 审理案件 segmented as one word: a verb glued to the object it governs still counts.
            following = next((end for end in range(hit.end + 1, hit.end + 6) if end in boundaries), None)
            return hit.start in boundaries and following is not None \
                and text[hit.end:following] in self.lexicon.known_words
        if hit.start in boundaries or any(
                hit.start - size in boundaries and text[hit.start - size:hit.start] in self.lexicon.trigger_prefixes
                for size in (1, 2)):
            return True
        # The head of a longer word: Chinese compounds end in their head (专题讲座 is a 讲座, 安全检查 a
        # 检查), so a trigger that ends its word, with no word edge inside it, names what the word is.
        return not any(position in boundaries for position in range(hit.start + 1, hit.end))
