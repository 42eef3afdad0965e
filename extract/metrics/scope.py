"""Channels and audiences of the outreach a record counts (SPEC §4, §5, §7)."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import pairwise
from typing import Iterable
from pathlib import Path

import regex

from extract.metrics.doers import DoerRules
from extract.metrics.items import coordinated, items_between_commas, joined_before, leads_enumeration
from extract.metrics.lexicon import Hit, Lexicon, PhraseMatcher, labels
from extract.metrics.media import MediumRules, build_medium_rules
from extract.metrics.places import PlaceRules, build_place_rules, with_places, word_alternation
from extract.metrics.recipients import RecipientRules, before_next_count, build_recipient_rules, enumerated_after
from extract.metrics.scopecues import ScopeCues
from extract.text import Span, engine
from extract.text.alternation import Alternation
from extract.yamlfile import PATTERNS_DIR, load_model
from schemas.labels import Activity, Audience, Channel, Status

# Characters before a clause searched for a byline label (来源：, 记者：) whose span runs into it.
BYLINE_LOOKBACK = 12


@dataclass(frozen=True)
class ScopeRules:
    """Finds the channels and audiences of the outreach named in a stretch of text."""

    lexicon: Lexicon
    content_channels: frozenset[Channel]
    not_channel_before: regex.Pattern
    not_channel_after: regex.Pattern
    channel_window: int
    not_channel_spans: Alternation
    not_audience_spans: regex.Pattern
    recipients: regex.Pattern
    recipient_window: int
    shared_recipient: regex.Pattern
    modifiers: frozenset[str]
    served_words: frozenset[str]
    served_before: regex.Pattern
    doers: DoerRules
    not_audience_after: regex.Pattern
    one_person_before: regex.Pattern
    visit_activities: frozenset[Activity]
    venues: PhraseMatcher
    places: PlaceRules
    counted_audience_activities: frozenset[Activity]
    joined_activities: frozenset[Activity]
    people_after: regex.Pattern
    people_before: regex.Pattern
    count_mark: regex.Pattern
    played_before: regex.Pattern
    staff_of: PhraseMatcher
    staff_after: regex.Pattern
    report_implied_channels: dict[Channel, frozenset[Activity]]
    recipients_of: RecipientRules
    statistic_activities: frozenset[Activity]
    owner_between: regex.Pattern
    means_activities: frozenset[Activity]
    means_after: regex.Pattern
    means_before: regex.Pattern
    media_counted_activities: frozenset[Activity]
    media_counted_unless: regex.Pattern
    rate_channels: dict[Activity, PhraseMatcher]
    carried_activities: frozenset[Activity]
    attendance: regex.Pattern
    maker_after: regex.Pattern
    media: MediumRules

    def channel_hits(self, text: str, start: int = 0, end: int | None = None) -> list[Hit]:
        """Channel words in text[start:end] that name a channel the outreach used."""
        end = len(text) if end is None else end
        excluded = self._excluded_spans(text, start, end)
        return self._channels_kept(text, self.lexicon.channels.find(text, start, end), excluded)

    def _excluded_spans(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """Byline and file-name spans reaching into text[start:end]; searched from a little before
        start, since a clause may begin inside a byline (来源：平安某某微信公众号 is cut at the colon)."""
        return [(match.start(), match.end())
                for match in self.not_channel_spans.finditer(text, max(0, start - BYLINE_LOOKBACK), end)
                if match.end() > start]

    def implied_by_work(self, activities: Iterable[Activity]) -> list[Channel]:
        """Channels a report used because it names work done through them (lectures are face to face)."""
        named = set(activities)
        return [channel for channel, work in self.report_implied_channels.items() if named & work]

    def _channels_kept(self, text: str, hits: list[Hit], excluded: list[tuple[int, int]]) -> list[Hit]:
        """The channel hits outside the excluded spans (disjoint, in order) that are not a scam's medium."""
        if excluded:
            # The spans are disjoint and sorted: only the last one starting at or before a hit can hold it.
            starts = [begin for begin, _ in excluded]
            hits = [hit for hit in hits
                    if (index := bisect_right(starts, hit.start) - 1) < 0 or hit.start >= excluded[index][1]]
        return [hit for hit in hits if not (self.content_channels.intersection(hit.value) and self._is_content(text, hit))
                and not self.media.names_no_medium(text, hit)]

    def _is_content(self, text: str, hit: Hit) -> bool:
        """Whether a channel word names the medium of a scam or the subject of a warning (诈骗短信)."""
        return bool(self.not_channel_before.search(text[max(0, hit.start - self.channel_window):hit.start])
                    or self.not_channel_after.match(text, hit.end))

    def channels(self, text: str, clause: Span, status: Status, activity: Activity | None = None,
                 counted_object: str | None = None, item: Span | None = None, previous: Span | None = None) -> list[Channel]:
        """Channels named in the clause; none inside a scam's story (SPEC §4) or for work that reaches nobody through a
        channel (破获, 出动民警) but a medium counted itself (微信群177个); print for material handed out or put up when the clause
        names no medium, unless it is a give-away (纪念品), which takes only the channels of its own enumeration item
        (资料4000余份、购物袋5000余个: the bags are no print). Warnings and dissuasions (means_activities) take only the
        medium they were given through (上门预警, 拨打预警电话); people who attended (carried_activities) take the
        channels of the clause before, which names the event."""
        if status == Status.case_detail:
            return []
        if activity in self.means_activities:
            return labels([hit for hit in self.channel_hits(text, clause.start, clause.end) if self.means_after.match(text, hit.end)
                           or self.means_before.search(text, clause.start, hit.start)])
        if activity in self.lexicon.channel_free_activities:
            if activity not in self.media_counted_activities or item is None or self.media_counted_unless.search(text, item.start, item.end):
                return []
            return labels(self.channel_hits(text, item.start, item.end))
        hits = self._shown(text, self.channel_hits(text, clause.start, clause.end))
        # Goods the lexicon knows no object for are found by their words (赠送安全头盔100顶).
        unknown_goods = counted_object is None and self.media.names_goods(text, item or clause)
        if counted_object in self.lexicon.unprinted_objects or unknown_goods:
            item = coordinated(text, clause, item, self.count_mark)
            return labels([hit for hit in hits if (item is None or item.start <= hit.start and hit.end <= item.end)
                           and not self.media.printed_on(text, hit)])
        named = labels(self._not_foreign(text, clause, item, hits, verbs=True))
        # Handing out or putting up material is print even when the clause names no medium (发放资料300份);
        # a rate of registrations (注册率) is the app's.
        if named:
            return named
        if activity in self.carried_activities and previous is not None and self.attendance.search(text, clause.start, clause.end):
            return labels(self._shown(text, self.channel_hits(text, previous.start, previous.end)))
        if activity in self.rate_channels:
            return labels(self.rate_channels[activity].find(text, clause.start, clause.end))
        return list(self.lexicon.implied_channels.get(activity, ()))

    def _shown(self, text: str, hits: list[Hit]) -> list[Hit]:
        """Printed matter that is played (滚动播放标语) is shown on a screen: its print hit is the
        screen, or nothing when the clause names another medium."""
        played = [hit for hit in hits if Channel.print in hit.value
                  and self.played_before.search(text[max(0, hit.start - self.channel_window - 4):hit.start])]
        if not played:
            return hits
        others = any(Channel.print not in hit.value for hit in hits)
        return [hit if hit not in played else hit._replace(value=(Channel.led_screen,))
                for hit in hits if hit not in played or not others]

    def audience_hits(self, text: str, start: int = 0, end: int | None = None, joined: bool = False) -> list[Hit]:
        """Audience words in text[start:end] naming who the outreach is for.

        Left out: words inside a channel's name (公众 in 公众号) or a byline, a word that only
        modifies the audience after it (学生 in 学生家长), and the people doing
        the work (组织网格员…, 网格员向老年人…).
        """
        end = len(text) if end is None else end
        covered = [(hit.start, hit.end) for hit in self.lexicon.channels.find(text, start, end)]
        covered += self._excluded_spans(text, start, end) + self._titles(text, start, end)
        markers = list(self.recipients.finditer(text, start, end))
        return self._kept(text, start, self.lexicon.audiences.find(text, start, end), covered, markers, joined)

    def report_hits(self, text: str, spans: list[Span]) -> tuple[list[Hit], list[Hit]]:
        """channel_hits of the whole text and the audience hits of each sentence, each lexicon searched once for both."""
        channels = self.lexicon.channels.find(text)
        excluded = self._excluded_spans(text, 0, len(text))
        audiences = self._with_staff(text, Span(0, len(text), text),
                                     self._audiences_by_sentence(text, spans, channels, excluded + self._titles(text)))
        return self._channels_kept(text, channels, excluded), with_places(audiences, self.places.hits(text))

    def _titles(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        """Spans of titles (《未成年人保护法》, 《致外出务工人员的一封信》): their people name a law or a text, no audience."""
        return [match.span() for match in self.not_audience_spans.finditer(text, start, len(text) if end is None else end)]

    def _audiences_by_sentence(self, text: str, spans: list[Span], channels: list[Hit],
                               excluded: list[tuple[int, int]]) -> list[Hit]:
        all_hits = self.lexicon.audiences.find(text)
        if not all_hits:
            return []  # no audience word: nothing to exclude
        covered = sorted([(hit.start, hit.end) for hit in channels] + excluded)
        markers = list(self.recipients.finditer(text))
        found: list[Hit] = []
        hit_index = marker_index = cover_index = 0
        hit_count, cover_count, marker_count = len(all_hits), len(covered), len(markers)
        for span in spans:
            if hit_index >= hit_count:
                break  # the sentences after the last audience word keep none
            span_start, span_end = span.start, span.end
            while hit_index < hit_count and all_hits[hit_index].start < span_start:
                hit_index += 1
            if hit_index >= hit_count or all_hits[hit_index].end > span_end:
                continue  # no audience word inside this sentence
            hits = []
            while hit_index < hit_count and all_hits[hit_index].end <= span_end:
                hits.append(all_hits[hit_index])
                hit_index += 1
            while cover_index < cover_count and covered[cover_index][1] <= span_start:
                cover_index += 1
            while marker_index < marker_count and markers[marker_index].start() < span_start:
                marker_index += 1
            nearby = []
            for item in covered[cover_index:cover_index + 64]:
                if item[0] >= span_end:
                    break
                nearby.append(item)
            # Indexed, not sliced: a slice would copy every later marker for every sentence.
            in_span = []
            for index in range(marker_index, marker_count):
                if markers[index].end() > span_end:
                    break
                in_span.append(markers[index])
            found += self._kept(text, span_start, hits, nearby, in_span)
        return found

    def _kept(self, text: str, start: int, hits: list[Hit], covered: list[tuple[int, int]],
              markers: list, joined: bool = False) -> list[Hit]:
        """The audience hits of a stretch starting at `start` left after the exclusions audience_hits describes."""
        if covered:
            hits = [hit for hit in hits if not any(begin < hit.end and hit.start < stop for begin, stop in covered)]
        if not hits:
            return []
        starts = {hit.start for hit in hits}
        marker = next((match for match in markers
                       if any(0 <= hit.start - match.end() <= self.recipient_window for hit in hits)), None) \
            if markers else None
        owners: set[Hit] = set()
        # From the last hit back, so that an owner's enumeration (中小学、幼儿园的…) are owners too.
        for hit, following in reversed(list(pairwise(hits))):
            if self.owner_between.fullmatch(text, hit.end, following.start) or (
                    following in owners and self.doers.enumeration.fullmatch(text, hit.end, following.start)):
                owners.add(hit)
        hits = [hit for hit in hits
                if hit not in owners and not (hit.word in self.modifiers and hit.end in starts)
                and not (hit.word in self.served_words and not self._served(text, start, hit))
                and not self.not_audience_after.match(text, hit.end)
                and not self.one_person_before.search(text, max(start, hit.start - 3), hit.start)
                and not (marker is not None and hit.end <= marker.start())]
        doing = self.doers.doing(text, start, hits, joined)
        return [hit for hit, doer in zip(hits, doing) if not doer]

    def _served(self, text: str, start: int, hit: Hit) -> bool:
        """Whether the text before a served word (客户) says the work is for them (向客户发放, 引导100名客户)."""
        before = max(start, hit.start - self.recipient_window - 4)
        return bool(self.served_before.search(text, before, hit.start) or self.people_before.search(text, before, hit.start))

    def audiences(self, text: str, clause: Span, activity: Activity, item: Span | None = None,
                  counted_end: int | None = None) -> list[Audience]:
        """Audiences named in the quantity's own enumeration item, else in its clause, else the pupils of the
        schools it names; none for non-outreach work (SPEC §5). 走访企业132家、学校44家: each count has its own.
        counted_end is where the quantity ends: people it counts are never the makers of the work."""
        if activity in self.lexicon.audience_free_activities:
            return self._counted(text, clause, item, activity) if activity in self.counted_audience_activities else []
        # A school word inside a title or inside a word for people (小学 of 小学生) names no site.
        covered = self._titles(text, clause.start, clause.end) + [
            (hit.start, hit.end) for hit in self.lexicon.audiences.find(text, clause.start, clause.end)]
        return self._named(text, clause, activity, item, counted_end) or labels(
            [hit for hit in self.recipients_of.sites_of(text, clause) if not any(begin <= hit.start < end for begin, end in covered)])

    def _named(self, text: str, clause: Span, activity: Activity, item: Span | None, counted_end: int | None) -> list[Audience]:
        """Audiences named in the item or clause, or in the places gone to in the clause before; not the
        makers of works (青少年创作的60幅漫画, 2000余名学生提交的作品1235件) unless the count is of them."""
        hits = [hit for hit in self.audience_hits(text, clause.start, clause.end, activity in self.joined_activities)
                if not self.maker_after.match(text, hit.end, clause.end)
                or (counted_end is not None and 0 <= hit.start - counted_end <= 1)]
        places = self.places.hits(text, clause.start, clause.end)
        if activity in self.visit_activities:
            places += self.venues.find(text, clause.start, clause.end)
        hits = with_places(hits, places)
        hits = self._with_staff(text, clause, hits)
        item = before_next_count(text, coordinated(text, clause, item, self.count_mark), counted_end, self.count_mark)
        item = joined_before(text, clause, item, hits, self.count_mark)
        own = [hit for hit in hits if item is not None and item.start <= hit.start and hit.end <= item.end]
        if own and self.people_after.search(text, item.start, item.end):
            own += enumerated_after(text, clause, item, hits, self.count_mark)
        return labels(own or self._not_foreign(text, clause, item, hits, shared=True)) or labels(self.places.carried(text, clause))

    def _counted(self, text: str, clause: Span, item: Span | None, activity: Activity) -> list[Audience]:
        """The audience of the people a count of no outreach work counts (劝阻受骗群众37人, 劝阻两名群众);
        for a statistic (学生人数4317人), only people not harmed (SPEC §5: victims are no audience)."""
        span = item or clause
        if activity in self.statistic_activities:
            hits = self.audience_hits(text, span.start, span.end)
            return labels(self.recipients_of.counted_people(text, clause, span, hits, self.people_before))
        return labels([hit for hit in self.audience_hits(text, span.start, span.end)
                       if self.people_after.match(text, hit.end, span.end)
                       or self.people_before.search(text, span.start, hit.start)])

    def _not_foreign(self, text: str, clause: Span, item: Span | None, hits: list[Hit], shared: bool = False,
                     verbs: bool = False) -> list[Hit]:
        """The hits outside the clause's other enumeration items that hold a count of their own
        (发放资料100余份、现场解答群众咨询10余人次: 群众 asked the questions, they took no leaflet);
        with shared, the recipients an earlier item names (向群众发放宣传单300份、手册200本) are all its items';
        with verbs, so is a channel word that is the verb of an earlier item when the item has no verb of its own
        (走访企业132家、学校44家: the schools were visited too)."""
        if item is None:
            return hits
        foreign = [(other.start, other.end) for other in items_between_commas(text, clause)
                   if (other.end <= item.start or other.start >= item.end)
                   and self.count_mark.search(text, other.start, other.end)]
        governed = verbs and not self.lexicon.activities.find(text, item.start, item.end)
        return [hit for hit in hits if not any(low <= hit.start and hit.end <= high for low, high in foreign)
                or (shared and hit.end <= item.start and self.shared_recipient.search(text, clause.start, hit.start))
                or (governed and hit.end <= item.start and leads_enumeration(text, clause, hit, self.lexicon.activities, self.count_mark))]

    def _with_staff(self, text: str, clause: Span, hits: list[Hit]) -> list[Hit]:
        """The hits, each staff noun after a body's name (银行…工作人员) read as that body's staff."""
        staff = []
        for body in self.staff_of.find(text, clause.start, clause.end):
            noun = self.staff_after.match(text, body.end, clause.end)
            if noun is None or self.doers.after_marker(text, clause.start, body.start):
                continue
            found = Hit(body.start, noun.end(), text[body.start:noun.end()], body.value)
            if self.doers.with_doers(text, clause.start, found):
                continue
            # The noun's own hit (员工 → enterprises) gives way; staff doing the work (网点员工察觉到异常) are none.
            hits = [hit for hit in hits if not (noun.start() <= hit.start and hit.end <= noun.end())]
            staff += [] if self.doers.subject(text, found) else [found]
        return sorted(hits + staff) if staff else hits


def load_scope_rules(lexicon: Lexicon, directory: Path = PATTERNS_DIR) -> ScopeRules:
    """Build ScopeRules from patterns/scope.yaml and the merged lexicon."""
    cues = load_model(directory / "scope.yaml", ScopeCues)
    doers = word_alternation(lexicon.people_roles.doers)
    markers = word_alternation([*lexicon.doer_before, *cues.impersonated_before])
    recipients = engine.compile_pattern(cues.recipients)
    return ScopeRules(
        lexicon=lexicon,
        content_channels=frozenset(cues.content_channels),
        not_channel_before=engine.compile_pattern(cues.not_channel_before),
        not_channel_after=engine.compile_pattern(cues.not_channel_after),
        channel_window=cues.channel_window,
        not_channel_spans=Alternation(cues.not_channel_spans),
        not_audience_spans=engine.compile_pattern("|".join(f"(?:{span})" for span in cues.not_audience_spans) or "(?!)"),
        recipients=recipients,
        recipient_window=cues.recipient_window,
        shared_recipient=engine.compile_pattern(rf"{cues.shared_recipient}$"),
        modifiers=frozenset(cues.modifiers),
        served_words=frozenset(cues.served_words),
        served_before=engine.compile_pattern(cues.served_before),
        doers=DoerRules(
            marker=engine.compile_pattern(rf"(?:{markers}){cues.doer_modifiers}?$"),
            recipients=recipients,
            recipient_window=cues.recipient_window,
            doer_next=engine.compile_pattern(rf"(?:、|和|与|及|以及)(?:{doers})"),
            doer_last=engine.compile_pattern(rf"(?:{doers})(?:、|和|与|及|以及)$"),
            doer_labels=frozenset(cues.doer_labels),
            doer_work=engine.compile_pattern(cues.doer_work),
            passes_on=engine.compile_pattern(cues.passes_on),
            before_recipient=engine.compile_pattern(cues.before_recipient),
            enumeration=engine.compile_pattern(cues.doer_enumeration),
        ),
        not_audience_after=engine.compile_pattern(cues.not_audience_after),
        one_person_before=engine.compile_pattern(rf"(?:{cues.one_person_before})$"),
        visit_activities=frozenset(cues.visit_activities),
        venues=PhraseMatcher({word: (label,) for label, words in cues.venue_audiences.items() for word in words}),
        places=build_place_rules(cues.path_verbs, cues.path_modifiers, cues.path_venues, cues.venue_clause_tail,
                                 cues.count_mark),
        counted_audience_activities=frozenset(cues.counted_audience_activities),
        joined_activities=frozenset(cues.joined_activities),
        people_after=engine.compile_pattern(rf"\s*{cues.people_count}"),
        people_before=engine.compile_pattern(rf"{cues.people_count}\s*$"),
        count_mark=engine.compile_pattern(cues.count_mark),
        played_before=engine.compile_pattern(cues.played_before),
        staff_of=PhraseMatcher({word: (label,) for label, words in cues.staff_of.items() for word in words}),
        report_implied_channels={channel: frozenset(work) for channel, work in cues.report_implied_channels.items()},
        staff_after=engine.compile_pattern(rf"[^，。；,;、]{{0,{cues.staff_window}}}?{cues.staff_nouns}"),
        recipients_of=build_recipient_rules(cues.school_sites, cues.not_sites, cues.not_site_after, cues.linked_count, cues.harm),
        statistic_activities=frozenset(cues.statistic_activities),
        owner_between=engine.compile_pattern(cues.owner_between),
        means_activities=frozenset(cues.means_activities),
        means_after=engine.compile_pattern(cues.means_after),
        means_before=engine.compile_pattern(rf"(?:{cues.means_before})$"),
        media_counted_activities=frozenset(cues.media_counted_activities),
        media_counted_unless=engine.compile_pattern(cues.media_counted_unless),
        maker_after=engine.compile_pattern(cues.maker_after),
        media=build_medium_rules(cues.not_medium_before, cues.not_medium_after, cues.channel_window, cues.goods,
                                 cues.printing_words),
        carried_activities=frozenset(cues.carried_channel_activities),
        attendance=engine.compile_pattern(cues.attendance),
        rate_channels={activity: PhraseMatcher({word: (channel,) for channel, words in by_channel.items() for word in words})
                       for activity, by_channel in cues.worded_channels.items()},
    )

