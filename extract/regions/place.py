"""A report's body and region: the body named in its head, the region in the body's name or else its text.

The body is found by extract/metrics/organisation.py, told by the gazetteer which name parts are places.

韩城市公安局新城派出所 → 韩城市; 峨桥派出所 → 峨桥 (the town 峨桥镇); a report whose body names no place
takes the first division named in full in its head (驻马店市驿城区, 重庆市), skipping document titles,
fraud-case stories and the body's own name. A report that masks its place (xx县公安局, xx市) has none.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import regex

from extract.metrics.organisation import OrganisationFinder, load_organisation_finder
from extract.regions.gazetteer import Gazetteer, load_gazetteer
from extract.regions.resolve import Resolution, Resolver, load_resolver
from extract.regions.rules import RegionRules, load_region_rules
from extract.text.engine import compile_pattern
from extract.text import Shadow
from extract.yamlfile import PATTERNS_DIR
from schemas.records import Report

# How much of a report's start is searched for a place, and the longest full name tried.
HEAD_CHARS = 2500
MAX_NAME = 12


@dataclass
class PlaceFinder:
    """Finds the body and the region string of a report and resolves the region."""

    gazetteer: Gazetteer
    resolver: Resolver
    rules: RegionRules
    organisations: OrganisationFinder

    def __post_init__(self) -> None:
        self._endings = compile_pattern("|".join(regex.escape(item) for item in self.rules.admin_endings))
        self._stop = frozenset(self.rules.text_stoplist) | frozenset(self.rules.generic_names)
        self._short_levels = tuple(sorted(self.rules.admin_endings, key=len, reverse=True))
        self._cases = compile_pattern("|".join(regex.escape(item) for item in self.rules.case_cues))
        self._masked = compile_pattern(self.rules.masked_place)
        self._hidden = compile_pattern(r"《[^《》\n]{0,80}》")
        self._sentence = compile_pattern(r"[^。！？!?；;\n]+")
        bare = self.rules.territory_names + self.rules.missing_divisions
        self._territories = frozenset(bare + self.rules.territory_prefixes)
        self._territory = compile_pattern("|".join(map(regex.escape, sorted(bare, key=len, reverse=True))))
        self._town_body = regex.compile(rf"(\p{{Han}}{{2,{self.rules.tail_chars}}}?)"
                                        rf"(?:{'|'.join(map(regex.escape, self.rules.town_body_endings))})")
        stem = rf"\p{{Han}}{{1,{self.rules.tail_chars}}}?"
        self._tail = regex.compile(rf"{stem}(?:{'|'.join(map(regex.escape, self.rules.zone_endings))})|{stem}"
                                   rf"(?:{'|'.join(map(regex.escape, self.rules.tail_endings))})"
                                   rf"(?={'|'.join(map(regex.escape, self.rules.tail_followers))}|$)")

    def _is_place(self, key: str, town_stems: bool) -> bool:
        if key in self._territories:
            return True
        found = self.gazetteer.lookup(key)
        return bool(found) and key not in self._stop and (town_stems or any(item.level <= 2 for item in found)
                                                           or key in self.gazetteer.by_name)

    @cached_property
    def _full_names_known(self) -> frozenset[str]:
        """The gazetteer's full names that running text names a place by (made on first use): one set
        look-up per candidate length where a name is read backwards from its ending."""
        return frozenset(self.gazetteer.by_name).difference(self._stop)

    @cached_property
    def _lengths_by_tail(self) -> dict[str, tuple[int, ...]]:
        """The lengths, longest first, of the known full names by their last two characters."""
        lengths: dict[str, set[int]] = {}
        for name in self._full_names_known:
            if 2 <= len(name) <= MAX_NAME:
                lengths.setdefault(name[-2:], set()).add(len(name))
        return {tail: tuple(sorted(found, reverse=True)) for tail, found in lengths.items()}

    @cached_property
    def _names(self) -> frozenset[str]:
        """Every full name, alias and former name the gazetteer knows (made on first use)."""
        return frozenset(self.gazetteer.by_name).union(self.gazetteer.by_alias, self.gazetteer.renamed)

    def starts_with_place(self, name: str) -> bool:
        """True when a name begins with a division (韩城市公安局新城 → 韩城市; 峨桥; 哈尔滨农村商业银行)."""
        # A town's bare stem counts only as the whole name (峨桥 of 峨桥派出所): as a prefix, stems such as
        # 联合 or 新华 begin too many ordinary words. A prefix no index holds is no place: one set look-up.
        names = self._names
        return self._is_place(name, town_stems=True) or any(
            self._is_place(prefix, town_stems=False) for length in range(min(MAX_NAME, len(name)), 1, -1)
            if (prefix := name[:length]) in names)

    def from_organisation(self, organisation: str) -> str | None:
        """The places a body's name names (韩城市, 驻马店市驿城区, 六安, 峨桥, 平罗县城关镇, 重庆两江新区), at its
        start or after a bank's, insurer's or firm's own name (邮储银行义乌市青口支行 → 义乌市), if any."""
        town_named = organisation.endswith(tuple(self.rules.town_body_endings))
        for offset in range(len(organisation) - 1):
            if offset and not organisation[:offset].endswith(tuple(self.rules.brand_endings)):
                continue
            names = self._places_from(organisation, offset, town_named)
            if names:
                return "".join(names)
        return None

    def _places_from(self, organisation: str, position: int, town_named: bool) -> list[str]:
        """The places named one after another from position: the first as the index allows (a bare stem only
        at the start), then full names, short names within the one before, a zone and a town's tail."""
        names: list[str] = []
        found: list = []
        while position < len(organisation):
            for length in range(min(MAX_NAME, len(organisation) - position), 1, -1):
                key = organisation[position:position + length]
                rest = organisation[position + length:]
                if names:
                    # After the first place a full name joins it (驻马店市 + 驿城区, 平罗县 + 城关镇), or a short
                    # name of a division inside the one before (黑龙江省 + 齐齐哈尔), not 韩城市 + 公安 the county.
                    # A short name right before a branch's ending names the branch (洛阳市 + 涧西支行), not a place.
                    allowed = key not in self.rules.generic_names and (key in self.gazetteer.by_name or self._inside(
                        key, found) and not rest.startswith(tuple(self.rules.branch_endings)))
                elif position:
                    # After a brand only a division named in full or a city or county's short name, not a word
                    # that is also a place (平安人寿, 公安局).
                    allowed = key not in self._stop and key not in self.rules.word_stems and (
                        key in self.gazetteer.by_name or key in self.gazetteer.by_alias and self._is_place(key, False))
                else:
                    allowed = self._is_place(key, town_named and rest in self.rules.town_body_endings) \
                        and key not in self._stop and key not in self.rules.word_stems
                # A body that is a place (怀柔区开展……) is its own region.
                if allowed and (rest or key in self._names):
                    found = self.gazetteer.lookup(key)
                    position += length
                    # A short name written with its level (无为市, renamed after the index was made) keeps it.
                    level = next((ending for ending in self._short_levels if rest.startswith(ending)), "") \
                        if key not in self.gazetteer.by_name else ""
                    names.append(key + level)
                    position += len(level)
                    break
            else:
                break
        tail = self._tail.match(organisation, position)
        if tail and (names or tail.end() == len(organisation)) and tail.group() not in self._stop:
            names.append(tail.group())  # 重庆 + 两江新区, 怀柔区 + 杨宋镇, 凤岭街道: a zone or town the index lacks
        return names

    def _inside(self, key: str, before: list) -> bool:
        """True when key names a division inside one the place before it may be (湖北 + 襄阳)."""
        return any(parent.name == item.name and parent.level == item.level for division in self.gazetteer.lookup(key)
                   if division.level <= 2 for parent in division.chain()[:-1] for item in before)

    def _full_names(self, text: str) -> list[tuple[int, int]]:
        """Spans of divisions named in full (with their suffix), longest at each end, left to right."""
        spans: list[tuple[int, int]] = []
        known, lengths = self._full_names_known, self._lengths_by_tail
        for match in self._endings.finditer(text):
            end = match.end()
            # Only the lengths of the names that end as the text does here, longest first (most endings,
            # 区 of 社区, 市 of 城市, end no name at all).
            for length in lengths.get(text[end - 2:end], ()) if end >= 2 else ():
                if length > end:
                    continue
                key = text[end - length:end]
                if key in known:
                    if spans and spans[-1][1] > end - length:
                        spans.pop()  # a longer name overlapping an earlier one (吉林省 then 吉林省吉林市)
                    spans.append((end - length, end))
                    break
        return spans

    def from_text(self, text: str, organisation: str | None) -> str | None:
        """The first place named in full outside titles, case stories and the body's name; adjoining names join."""
        hidden = self._hidden.sub(lambda match: "□" * len(match.group()), text)
        if organisation:
            hidden = hidden.replace(organisation, "□" * len(organisation))
        for sentence in self._sentence.finditer(hidden):
            if self._cases.search(sentence.group()):
                continue
            spans = self._full_names(sentence.group())
            # Territories written bare (澳门, 新界南) count as named in full, unless inside a longer name.
            spans = sorted(spans + [match.span() for match in self._territory.finditer(sentence.group())
                                    if not any(begin <= match.start() < end for begin, end in spans)])
            if spans:
                start, end = spans[0]
                for next_start, next_end in spans[1:]:
                    if next_start != end:
                        break
                    end = next_end  # 驻马店市 + 驿城区
                return sentence.group()[start:end]
        return None

    def region_of(self, text: str, organisation: str | None) -> str | None:
        """The region a report names: in its body's name, else in its head; None when the place is masked."""
        if organisation and self._masked.search(organisation):
            return None
        named = self.from_organisation(organisation) if organisation else None
        if named:
            return named
        own = self._town_body.fullmatch(organisation or "")
        if own and own.group(1) not in self._stop and not any(word in own.group(1) for word in self.rules.station_own_stops):
            return own.group(1)  # 东岗西路派出所 → 东岗西路: a station is named after the place it serves
        head = text[:HEAD_CHARS]
        found = self.from_text(head, organisation)
        masked = self._masked.search(head)
        if found and masked and masked.start() < head.find(found):
            return None  # the report hides its own place (成立xx市……领导小组) before naming a parent one
        return found

    def fill(self, report: Report, shadow: Shadow, title: Shadow | None = None) -> Report:
        """The report with its body, body type, region (as named) and the region's resolution filled.

        Names are found on the normalised shadows of the title and text, so traditional and simplified
        reports agree (the title often names the body: 韩城市公安局2022年反诈宣传工作总结), and are
        given back as the report writes them (臺中市政府警察局 stays traditional).
        """
        title_text = title.text if title else ""
        head = f"{title_text}\n{shadow.text[:HEAD_CHARS]}"
        body = self.organisations.reporter(head, self.starts_with_place)
        organisation = body.name if body else None
        region = self.region_of(head, organisation)
        resolution = self.resolver.resolve(region, context=head) if region else Resolution()
        return report.model_copy(update={"organization": _written_form(organisation, head, report, shadow, title),
                                         "organization_type": body.type if body else None,
                                         "region": _written_form(region, head, report, shadow, title),
                                         **resolution.as_fields()})


def _written_form(found: str | None, head: str, report: Report, shadow: Shadow, title: Shadow | None) -> str | None:
    """The characters the report writes for a name found in its shadow head (the title's shadow, a line
    break, the text's), character by character, so a pinyin gloss deleted inside it stays out
    (嘉峪關(guān)市 → 嘉峪關市); the found form when there is no written text to read it from."""
    if not found:
        return found
    position = head.find(found)
    if position < 0:
        return found
    text_offset = len(title.text) + 1 if title else 1
    if position < text_offset:
        if title is None or report.title is None:
            return found
        source, written, start = title, report.title, position
    else:
        source, written, start = shadow, report.text, position - text_offset
    # Each shadow character comes from one written character (simplifying keeps lengths).
    return "".join(written[source.to_written(index, index + 1)[0]] for index in range(start, start + len(found)))


@lru_cache(maxsize=4)
def load_place_finder(directory: Path = PATTERNS_DIR) -> PlaceFinder:
    """Build the finder from the gazetteer and patterns/regions.yaml (once per directory)."""
    return PlaceFinder(load_gazetteer(), load_resolver(directory), load_region_rules(directory),
                       load_organisation_finder(directory))
