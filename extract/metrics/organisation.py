"""The reporting body of a report and its type, found in plain text by the endings of body names.

A body is the first name in the report's title or head that ends with a body ending (派出所, 支行, 城管局),
has a name of its own before the ending (韩城市公安局新城派出所, xx派出所; not a bare 派出所), and is not
named as a partner or authority (联合闽清县公安局, 根据县医保局……, 在建设银行中轴路支行) or inside a
document title (《长泰县公安局……细则》). A town acting as subject (xx镇“四举措”……) is a body too, and a
known city, county or district (怀柔区积极开展……). Units named right after a body join it (警察局 + 关山分局);
a name opening a clause with an action after it is a body whatever its own name (东岗西路派出所紧盯……).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import regex
from pydantic import BaseModel, ConfigDict, Field

from extract.text.engine import compile_pattern
from extract.text.wordsearch import word_trie
from extract.yamlfile import PATTERNS_DIR, load_model
from schemas.labels import OrganizationType


class OrganisationType(BaseModel):
    """One organization_type with the endings and inner cues that name it."""

    model_config = ConfigDict(extra="forbid")

    type: OrganizationType
    endings: list[str]
    contains: list[str] = Field(default_factory=list)


class OrganisationRules(BaseModel):
    """patterns/organisations.yaml: body endings by type, name characters, breaks, partner cues, date line."""

    model_config = ConfigDict(extra="forbid")

    organisation_types: list[OrganisationType]
    mask_pattern: str
    name_chars: str
    name_max_chars: int
    name_breaks: list[str]
    count_pattern: str
    place_breaks: list[str]
    partner_leads: list[str]
    agent_leads: list[str]
    bare_levels: list[str]
    proper_prefixes: list[str]
    self_references: dict[str, OrganizationType]
    place_body_endings: list[str]
    place_body_actions: list[str]
    place_body_type: OrganizationType
    place_body_divisions: list[str]
    place_body_chars: int
    place_body_own_chars: int
    place_body_stoplist: list[str]
    organisation_stoplist: list[str]
    standalone_bodies: list[str]
    title_heads: list[str]
    not_units: list[str]
    unit_endings: list[str]
    clause_marks: str
    subject_own_chars: int
    subject_actions: list[str]
    subject_verbs: list[str]
    unit_gap_chars: int
    unit_brackets: dict[str, str]
    date_pattern: str


@dataclass(frozen=True)
class Body:
    """A body named in a text: its name as written, its type, and where the name starts."""

    name: str
    type: OrganizationType | None
    start: int


# The longest line read as an address line (……公安局:) rather than a sentence that ends in a colon.
ADDRESS_LINE_CHARS = 60


def _alternation(words: list[str]) -> str:
    return "|".join(regex.escape(word) for word in sorted(set(words), key=len, reverse=True))


class OrganisationFinder:
    """Finds the reporting body in plain text; compiled once from the rules."""

    def __init__(self, rules: OrganisationRules) -> None:
        self._rules = rules
        endings = [ending for kind in rules.organisation_types for ending in kind.endings]
        # The endings as one trie-shaped standard-library pattern: the longest ending at the leftmost
        # place, as the alternation sorted longest first takes it, several times faster.
        self._endings = re.compile(word_trie(set(endings)))
        self._name_char = regex.compile(rules.name_chars)
        # Whether each character met is a name character, asked of the pattern once: names are read
        # character by character, and a dict look-up costs a tenth of a call into the engine.
        self._name_chars: dict[str, bool] = {}
        self._mask = compile_pattern(rules.mask_pattern)
        # A count (9家, 20xx年) is in no name either: it breaks one like a word.
        self._breaks = regex.compile(f"{_alternation(rules.name_breaks)}|{rules.count_pattern}")
        self._partner_leads = frozenset(rules.partner_leads)
        self._stoplist = frozenset(rules.organisation_stoplist)
        self._standalone = frozenset(rules.standalone_bodies)
        self._title_heads = tuple(rules.title_heads)
        self._titles = compile_pattern(r"《[^《》\n]{0,80}》")
        self._self = compile_pattern(_alternation(list(rules.self_references)))
        place_endings = _alternation(rules.place_body_endings + rules.place_body_divisions)
        place_actions = _alternation(rules.place_body_actions + rules.subject_actions)
        self._place_body = regex.compile(
            rf"(?:^|(?<=[，,。；;：:！!？?\n]))({rules.name_chars}{{1,{rules.place_body_chars}}}?(?:{place_endings}))"
            rf"(?={place_actions})", regex.MULTILINE)
        # Every such name holds an ending followed by an action: where none is, there is no name to look for.
        self._place_body_cue = compile_pattern(rf"(?:{place_endings})(?={place_actions})")
        self._divisions = tuple(rules.place_body_divisions)
        self._break_words = tuple(word for word in rules.name_breaks if word)
        self._ending_lengths = sorted({len(ending) for ending in endings}, reverse=True)
        self._ending_set = frozenset(endings)
        self._actions = compile_pattern(_alternation(rules.place_body_actions + rules.subject_verbs))
        self._subject_actions = compile_pattern(_alternation(rules.place_body_actions + rules.subject_actions))
        self._generic_units = frozenset(rules.unit_endings)
        # An ending listed under two types takes the later one, as the longest-ending rule did.
        self._type_by_ending = {ending: kind.type for kind in rules.organisation_types for ending in kind.endings}
        self._units = re.compile(word_trie(set(endings) | set(rules.unit_endings)))
        brackets = "".join(rules.unit_brackets) + "".join(rules.unit_brackets.values())
        self._gap = regex.compile(rf"(?:{rules.name_chars}|[{regex.escape(brackets)}])*")
        # A unit's own name is counted without a bracketed or quoted other name (骨伤医院, 星火志愿服务队).
        self._opened = compile_pattern(f"[{regex.escape(''.join(rules.unit_brackets))}].*$")
        self._bracketed = compile_pattern("|".join(f"{regex.escape(opening)}[^{regex.escape(opening + close)}]*"
                                                 f"{regex.escape(close)}" for opening, close in rules.unit_brackets.items()))

    def _is_name_char(self, char: str) -> bool:
        known = self._name_chars.get(char)
        if known is None:
            known = self._name_chars[char] = self._name_char.match(char) is not None
        return known

    def _longest_ending(self, name: str) -> str:
        """The longest body ending the name ends with, or "" (looked up by length, not by trying every ending)."""
        for length in self._ending_lengths:
            if length <= len(name) and name[len(name) - length:] in self._ending_set:
                return name[len(name) - length:]
        return ""

    def type_of(self, name: str) -> OrganizationType | None:
        """The organization_type a body's name says: an inner cue of an earlier type, else the last ending in
        it that is not a generic unit (消防局第三大队 is a fire service, 检察院第三检察部 a procuratorate)."""
        for kind in self._rules.organisation_types:
            if any(cue in name for cue in kind.contains):
                return kind.type
        endings = [match.group() for match in self._endings.finditer(name)]
        if last := self._longest_ending(name):
            endings.append(last)
        specific = [ending for ending in endings if ending not in self._generic_units]
        chosen = specific[-1] if specific else endings[-1] if endings else None
        return self._type_by_ending.get(chosen) if chosen else None

    def _name_before(self, text: str, start: int, end: int,
                     is_place: Callable[[str], bool] = lambda name: False) -> tuple[str, str, int]:
        """The name ending at end whose ending starts at start, the word that leads into it, and where it starts."""
        left = start
        while left > 0 and start - left < self._rules.name_max_chars and self._is_name_char(text[left - 1]):
            left -= 1
        run = text[left:start]
        lead = text[left - 1] if left > 0 else "\n"
        cut = 0
        for match in self._breaks.finditer(run, overlapped=True):
            if match.end() >= cut:
                cut, lead = match.end(), match.group()
        # A place may hold a break character (本溪市, 和平区, 进贤县): the longest place-led name that
        # starts the run or follows a break word wins over the cut.
        for start_at in range(0, cut):
            before = run[:start_at]
            # One endswith over all the breaks first: the longest one is looked for only where a place starts.
            if before and not before.endswith(self._break_words) or not is_place(run[start_at:]):
                continue
            if any(len(word.group()) > 1 or word.group() in self._rules.place_breaks
                   for word in self._breaks.finditer(run, start_at)):
                continue  # a word of two characters (or 及) is in no place name: 清城区凤城街道人大工委联合 + 松岗派出所
            ending_break = max((word for word in self._break_words if before.endswith(word)), key=len, default="")
            lead = ending_break or (text[left - 1] if left > 0 else "\n")
            cut = start_at
            break
        return text[left + cut:end], lead, left + cut

    def _is_title(self, text: str, match: re.Match) -> bool:
        """True when an ending found in text is the head of an official's title (分局长, 公安局长)."""
        return text.startswith("长", match.end()) and match.group().endswith(self._title_heads)

    def _units_after(self, text: str, end: int) -> int:
        """Where a body's name ends once the units named right after it join it: 台东县警察局 + 关山分局 +
        第二大队, 人民检察院 + 第二检察部, 卫生服务中心 + (骨伤医院), 公安局 + “移动警务室”."""
        while True:
            unit = self._units.search(text, end, min(len(text), end + self._rules.unit_gap_chars * 3))
            if not unit or unit.start() == end and (len(unit.group()) < 2 or unit.group() in self._ending_set):
                return end  # a bare body ending right after a body names no unit of it (公安局派出所)
            gap = text[end:unit.start()]
            # The unit's own name outside a quoted or bracketed other name holds no word that starts a predicate.
            bare = self._opened.sub("", self._bracketed.sub("", gap))
            if self._gap.fullmatch(gap) is None or self._breaks.search(gap) or self._subject_actions.search(bare) \
                    or self._actions.search(bare) or not self._brackets_open(gap) or len(bare) > self._rules.unit_gap_chars:
                return end
            lead = self._breaks.match(text, unit.start())
            if lead and lead.end() > unit.end():
                return end  # the ending begins a word that cannot be in a name
            closing = unit.end()
            for opening, close in self._rules.unit_brackets.items():
                # A bracket or quote opened in the gap closes right after the unit: it is part of the name.
                if gap.count(opening) > gap.count(close) and text.startswith(close, closing):
                    closing += len(close)
            if not self._brackets_open(text[end:closing], closed=True):
                return end
            end = closing

    def _brackets_open(self, gap: str, closed: bool = False) -> bool:
        """True when no bracket in gap closes before it opens (and, with closed, every one is closed)."""
        for opening, close in self._rules.unit_brackets.items():
            depth = 0
            for char in gap:
                depth += (char == opening) - (char == close)
                if depth < 0:
                    return False
            if closed and depth:
                return False
        return True

    def _is_proper(self, own: str, is_place: Callable[[str], bool]) -> bool:
        """True when what stands before a body's ending is a name: a place it starts with (韩城市…, 峨桥), a
        mask (xx), another body (…银行ⅩⅩ), or a bare level (县公安局); not a verb phrase (积极发挥派出所)."""
        return bool(self._mask.search(own)) or own in self._rules.bare_levels or is_place(own) \
            or any(own.startswith(prefix) for prefix in self._rules.proper_prefixes) \
            or bool(self._endings.search(own))

    def _is_subject(self, text: str, start: int, end: int, own: str) -> bool:
        """True when a name opens its clause and something other than a list goes on after it (东岗西路派出所
        紧盯……, 工行广水支行积极行动): the clause's subject, whatever its own name, unless that holds a verb."""
        opens = start == 0 or text[start - 1] in self._rules.clause_marks
        acts = self._subject_actions.match(text, end) is not None
        return opens and acts and (not own or 2 <= len(own) <= self._rules.subject_own_chars) \
            and self._actions.search(own) is None

    def _is_reporter(self, text: str, name: str, lead: str, start: int, titles: list[tuple[int, int]],
                     is_place: Callable[[str], bool], whole_end: int) -> bool:
        ending = self._endings.search(name)
        own = name[:ending.start()] if ending else ""
        if name in self._stoplist or lead in self._partner_leads:
            return False
        if not own:
            # A body its territory has only one of, named bare and acting (警务处于11月展开……, 教育部表示……).
            return ending is not None and ending.group() in self._standalone and self._is_subject(text, start, whole_end, "") \
                and not any(begin <= start < finish for begin, finish in titles)
        # The own name is what stands before the first ending, or a place before the last when a word holds an
        # ending (山海关区人民法院: 海关 is no body).
        last = self._longest_ending(name)
        proper = self._is_proper(own, is_place) or is_place(name[:len(name) - len(last)])
        if lead not in self._rules.agent_leads and not proper and not self._is_subject(text, start, whole_end, own):
            return False
        if any(begin <= start < finish for begin, finish in titles):
            return False  # inside 《…》: a document's title, not who acts
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", start)
        line = text[line_start:line_end if line_end >= 0 else len(text)].rstrip()
        # An address line (市防范……办公室、市公安局:) names the readers, not the writer.
        return not (line.endswith((":", "：")) and len(line) <= ADDRESS_LINE_CHARS and start - line_start < ADDRESS_LINE_CHARS)

    def bodies(self, text: str, is_place: Callable[[str], bool] = lambda name: False,
               first_only: bool = False) -> list[Body]:
        """Every body named as an actor in text, in order of appearance (nested names give the longest).

        is_place says whether a name starts with a place (韩城市…); the gazetteer lives in a later stage.
        With first_only, the search stops once no later name can start before the first one found.
        """
        titles = [match.span() for match in self._titles.finditer(text)]
        found: dict[int, Body] = {}
        for match in self._endings.finditer(text):
            if first_only and found and match.start() - self._rules.name_max_chars > min(found):
                break
            end = match.end()
            if self._is_title(text, match):
                continue  # 分局长, 公安局长: an official's title, not the body
            # Swallow a unit named inside the body: 公安局 + 网安大队, 公安局 + 新城派出所.
            following = self._endings.search(text, end, min(len(text), end + 8))
            # A community right after a body (派出所社区民警) is where its officers work, not a unit of it.
            if following and not self._is_title(text, following) \
                    and not (following.start() == end and following.group() in self._rules.not_units) and all(map(self._is_name_char, text[end:following.start()])) \
                    and not self._breaks.search(text[end:following.start()]):
                continue  # the longer name is found from the later ending
            name, lead, start = self._name_before(text, match.start(), end, is_place)
            whole_end = self._units_after(text, end)
            if self._is_reporter(text, name, lead, start, titles, is_place, whole_end):
                whole = text[start:whole_end]
                found.setdefault(start, Body(whole, self.type_of(whole), start))
        for match in self._place_bodies(text):
            if first_only and found and match.start() > min(found):
                break
            name = match.group(1)
            cut = max((item.end() for item in self._breaks.finditer(name, overlapped=True)), default=0)
            name = name[cut:]
            # A city, county or district acting (怀柔区开展……) is a body when the index knows it as a place; a
            # town or village by a name of its own (张村镇) or led by a place (濮阳市台前县吴坝镇), not a phrase
            # (法律法规纳入农村); a district named by its direction only (东区) is a part of town, not a body.
            if name.endswith(self._divisions) and not is_place(name) or name in self._rules.place_body_stoplist \
                    or len(name) > self._rules.place_body_own_chars + 2 and not is_place(name):
                continue
            if len(name) > 1 and not any(begin <= match.start(1) < finish for begin, finish in titles):
                found.setdefault(match.start(1) + cut, Body(name, self._rules.place_body_type, match.start(1) + cut))
        return [found[start] for start in sorted(found)]

    def _place_bodies(self, text: str) -> Iterator[regex.Match]:
        """The place_body pattern's matches in text, in order: tried only at the start of the run of name
        characters before each ending followed by an action, the only places where one can start."""
        starts = set()
        for cue in self._place_body_cue.finditer(text):
            start = cue.start()
            while start > 0 and cue.start() - start <= self._rules.place_body_chars and self._is_name_char(text[start - 1]):
                start -= 1
            if 0 < cue.start() - start <= self._rules.place_body_chars:
                starts.add(start)
        for start in sorted(starts):
            if match := self._place_body.match(text, start):
                yield match

    def reporter(self, text: str, is_place: Callable[[str], bool] = lambda name: False) -> Body | None:
        """The reporting body: the first body named as an actor, unless the report speaks as an unnamed body
        of another type before it (我校 … 市公安局刑事支队召开协调会, 与我校合作)."""
        bodies = self.bodies(text, is_place, first_only=True)
        if not bodies:
            return None
        first = bodies[0]
        for match in self._self.finditer(text, 0, first.start):
            if self._rules.self_references[match.group()] != first.type:
                return None
        return first


def load_organisation_rules(directory: Path = PATTERNS_DIR) -> OrganisationRules:
    """patterns/organisations.yaml, validated."""
    return load_model(directory / "organisations.yaml", OrganisationRules)


def load_organisation_finder(directory: Path = PATTERNS_DIR) -> OrganisationFinder:
    """Build the finder from patterns/organisations.yaml."""
    return OrganisationFinder(load_organisation_rules(directory))
