"""The role of counted people: reached by the outreach, trained by it, doing the work, or joining it."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import regex

from extract.metrics.lexicon import Hit, Lexicon
from extract.text import Span
from schemas.labels import Activity

# How far after a count of people their own verb of watching may start (3万人次在线观看).
VIEWER_GAP = 2
# How long the people's noun between a mobilising verb and their count may be (安排巡河人员50名).
MOBILISED_NOUN = 8
# What joins the nouns of a list of people (民警、辅警和网格员等).
LIST_PIECES = regex.compile("[、和及与]|等")
# How many characters of place (社区, 辖区) may stand between a count or a verb and the audience noun.
AUDIENCE_GAP = 4


@dataclass(frozen=True)
class PeopleRoles:
    """Decides what a count of people counts from the words around it and the trigger that governs it."""

    lexicon: Lexicon

    @cached_property
    def reached_after(self) -> regex.Pattern | None:
        """The words after which counted people are the people reached (共宣传3000余人次)."""
        words = self.lexicon.people_roles.reached_after
        return regex.compile(words) if words else None

    def role(self, text: str, clause: Span, first: int, start: int, end: int, hit: Hit[Activity] | None,
             activity: Activity) -> Activity:
        """The activity of a count of people: mobilisation for doers, lecture for trainees, the
        activity of what they join (参加会议 is meeting), else reach."""
        roles = self.lexicon.people_roles
        # People a training verb governs are trainees, even when they are doers elsewhere (培训网格员50人).
        if hit and hit.end <= start and any(word in hit.word for word in roles.trained_by):
            return Activity.lecture
        # Also when the trigger nearest the count is the doers' own noun or a word of taking part, after a
        # training word (培训志愿者150名, 参加培训的网格员120名).
        if hit and hit.end <= start and (hit.word in roles.doers or hit.word in self.lexicon.participation) \
                and any(word in text[first:start] for word in roles.trained_by):
            return Activity.lecture
        # People who take the training named after them (300余名网格员接受培训, 50名保安员接受防骗培训)
        # are trainees too: the trigger opens with a word of taking and holds a training word.
        if hit and hit.start >= end and hit.word.startswith(tuple(roles.trainees)) \
                and any(word in hit.word for word in roles.trained_by):
            return Activity.lecture
        # So are people who take part in a training, whoever they are (组织网格员200余人参加培训); people
        # who take part in a meeting sit in it (民警30人参加会议).
        if hit and hit.word in self.lexicon.participation:
            joined = self.lexicon.activities.find(text, hit.end, clause.end)
            if joined and any(word in joined[0].word for word in roles.trained_by):
                return Activity.lecture
            if joined and joined[0].value in roles.sat_in:
                return joined[0].value
        # People who watch a video or a livestream are its views (直播观看人数达1.2万人次).
        # (直播吸引3万人次在线观看: the watching verb right after the count is the people's own)
        watching = (hit is not None and hit.word in roles.viewing) \
            or any(text.find(word, end, end + VIEWER_GAP + len(word)) >= 0 for word in roles.viewing)
        if watching and any(word in text[clause.start:end] for word in roles.online):
            return Activity.online_view
        # People counted at a meeting sit in it, whoever they are (与25名网格员开展座谈).
        if hit and hit.value in roles.sat_in:
            return hit.value
        if self._doer_near(text, first, start, end) or self._mobilised(text, clause.start, first, start, end) \
                or self._subject_of_work(text, first, start, hit):
            return Activity.mobilisation
        if hit and hit.word in self.lexicon.participation:
            return Activity.reach
        if activity in roles.reached_under and not (hit and any(word in hit.word for word in roles.trained_by)):
            return Activity.reach
        return activity

    def audience_at_outreach(self, text: str, first: int, start: int, end: int, work: Hit[Activity] | None) -> bool:
        """People named as an audience with no verb of their own, at outreach work: `work`, the trigger of
        the clause before, names it, or their own words do (开展反诈讲座，现场群众300余人; 活动现场群众达800余人)."""
        roles = self.lexicon.people_roles
        # People counted right after the word for outreach itself (共宣传3000余人次) are those it reached.
        if self.reached_after is not None and self.reached_after.search(text, first, start):
            return True
        # So are people a verb of teaching takes as its object, named right before their count
        # (警示教育青少年学生1000余人, 宣传辖区群众500人).
        if self._taught(text, first, start):
            return True
        if not [found for found in self.lexicon.audiences.find(text, first, min(end + AUDIENCE_GAP + 6, len(text)))
                if found.start - end <= AUDIENCE_GAP]:
            return False
        if any(word in text[first:start] for word in roles.outreach_context):
            return True
        # A recipient marker before the count, the audience after it (为300余名老年人讲解防骗知识; not the
        # copula of 学生溺毙人数为11人).
        # (为50余名社区老年人: the audience noun may open after a place word of up to AUDIENCE_GAP characters)
        if any(marker in text[max(0, first - 1):start] for marker in roles.recipient_markers) \
                and any(found.start - end <= AUDIENCE_GAP for found in self.lexicon.audiences.find(
                    text, end, min(end + AUDIENCE_GAP + 6, len(text)))):
            return True
        return work is not None and work.value in roles.reached_under

    def _taught(self, text: str, first: int, start: int) -> bool:
        """Whether the count's item holds a verb of teaching whose object, an audience noun, ends right
        before the count (教育青少年学生1000余人; not 教育局50人, which names no audience)."""
        verbs = self.lexicon.people_roles.teaching_verbs
        opening = text[first:start].rstrip()
        verb = max((opening.rfind(word) + len(word) for word in verbs if word in opening), default=-1)
        if verb < 0:
            return False
        found = self.lexicon.audiences.find(text, first + verb, first + len(opening))
        return bool(found) and found[-1].end == first + len(opening) and found[0].start - (first + verb) <= AUDIENCE_GAP

    def _subject_of_work(self, text: str, first: int, start: int, hit: Hit[Activity] | None) -> bool:
        """People counted before the verb of the work they do (干部150人开展入户宣传, 200余名党员走上街头发放
        资料): the first trigger after the count is outreach work, not training, and no recipient marker
        (为, 向, 对) puts the people on its receiving end."""
        roles = self.lexicon.people_roles
        if hit is None or hit.start < start or hit.value not in roles.work_done_by_subject \
                or any(word in hit.word for word in roles.trained_by):
            return False
        # From the item's separator on: 与 both separates items and marks partners (与现场30余位师生).
        if any(marker in text[max(0, first - 1):start] for marker in roles.recipient_markers):
            return False
        # An audience holding an event takes part in it (200余名学生开展反诈知识竞赛).
        return not (hit.value in roles.joined_by_audience and self.lexicon.audiences.find(text, first, hit.start))

    def _mobilised(self, text: str, opening: int, first: int, start: int, end: int) -> bool:
        """People a mobilising verb puts to work (组织120名外卖骑手配送), unless the noun after the
        count names an audience (组织200名群众观看); also with the people's noun between the verb and the
        count when it names a workforce (安排巡河人员50名, 发动党员干部200余名; not 组织辖区群众300余人),
        or a list of such nouns from the clause's `opening` on (组织所长、律师、法律服务工作者10余人)."""
        before = text[max(first, start - 3):start]
        if any(before.endswith(word) for word in self.lexicon.people_roles.mobilisers):
            return not self.lexicon.audiences.find(text, end, min(len(text), end + 4))
        verb = max((found + len(word) for word in self.lexicon.people_roles.mobilisers
                    if (found := text.rfind(word, opening, start)) >= 0), default=-1)
        noun = text[verb:start]
        # A list of such nouns (组织司法所所长、律师、法律服务工作者10余人) counts them all: each is short.
        # (邀请代表、干部、人民群众等50人次旁听: a piece naming an audience only, 群众, is no workforce)
        workforce = self.lexicon.people_roles.workforce
        pieces = [piece for piece in LIST_PIECES.split(noun) if piece]
        return verb >= 0 and bool(pieces) and all(len(piece) <= MOBILISED_NOUN for piece in pieces) \
            and any(word in noun for word in workforce) and not any(
                self.lexicon.audiences.find(piece) and not any(word in piece for word in workforce) for piece in pieces) \
            and not self.lexicon.audiences.find(text, end, min(len(text), end + 4))

    def _doer_near(self, text: str, first: int, start: int, end: int) -> bool:
        """A doer noun starts within doer_window characters after the count, or ends within them
        before it (40多名法治副校长深入校园: the five-character noun starts right after)."""
        window = self.lexicon.people_roles.doer_window
        for doer in self.lexicon.people_roles.doers:
            if 0 <= text.find(doer, end, end + window + len(doer)) - end <= window:
                return True
            found = text.rfind(doer, max(first, start - window - len(doer)), start)
            # unless the people counted are named between (联同义工探访长者300人次: the elderly visited), or
            # a recipient marker makes them the doers' receivers (民警为200多名学生上课)
            between = text[found + len(doer):start]
            if found >= 0 and start - (found + len(doer)) <= window \
                    and not self.lexicon.audiences.find(text, found + len(doer), start) \
                    and not any(marker in between for marker in self.lexicon.people_roles.recipient_markers):
                return True
        return False
