"""Load the lexicons of patterns/lexicon/*.yaml (any number of domains) into phrase matchers."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from functools import lru_cache
from pathlib import Path
from typing import Generic, NamedTuple, TypeVar

import regex

from extract.metrics.lexiconfile import (  # noqa: F401 (the models stay importable from here)
    ActivityEntry, InstalledDevices, LabelEntry, LexiconFile, ObjectEntry, PeopleRoles, UnitClassOverride)
from extract.text.alternation import LeadingSearch
from extract.text.engine import compile_pattern
from extract.text.wordsearch import WordSearch, word_trie  # noqa: F401 (word_trie stays importable from here)
from extract.yamlfile import PATTERNS_DIR, PatternError, load_model
from schemas.labels import Activity, Audience, Channel, UnitClass

LabelT = TypeVar("LabelT")


class Hit(NamedTuple, Generic[LabelT]):
    """A lexicon word found in text."""

    start: int
    end: int
    word: str
    value: LabelT


def labels(hits: list[Hit]) -> list:
    """The labels of the hits in order of first appearance, each once."""
    seen: dict = {}
    for hit in hits:
        for label in hit.value:
            seen.setdefault(label, None)
    return list(seen)


class PhraseMatcher(Generic[LabelT]):
    """Finds the longest lexicon word at each position; regex entries match as written."""

    def __init__(self, words: dict[str, LabelT], patterns: dict[str, LabelT] | None = None) -> None:
        self._values = dict(words)
        self._patterns = dict(patterns or {})
        # The words through one automaton, each found with its (word, value) entry by index.
        self._words = WordSearch(words) if words else None
        self._entries = [(word, self._values[word]) for word in self._words.words] if self._words else []
        # The regex entries as one alternation, tried only where one of them can start (most open with
        # a word: 冻结, 受理): the engine alone tries every entry at every character.
        self._pattern = LeadingSearch(list(self._patterns)) if self._patterns else None
        self._compiled_patterns = [(compile_pattern(pattern), value) for pattern, value in self._patterns.items()]
        self._all_patterns = range(len(self._compiled_patterns))

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Hit[LabelT]]:
        """Non-overlapping hits in text[start:end], left to right."""
        end = len(text) if end is None else end
        pattern = self._pattern.search(text, start, end) if self._pattern is not None else None
        if pattern is None:
            # No pattern matches in the stretch: the hits are the words' own.
            entries = self._entries
            # tuple.__new__ builds the Hit without a Python call.
            return [tuple.__new__(Hit, (begin, stop, *entries[index]))
                    for index, begin, stop in self._words.find(text, start, end)] if self._words else []
        return self._merged(text, start, end, pattern)

    def _merged(self, text: str, start: int, end: int, pattern: regex.Match | None) -> list[Hit[LabelT]]:
        """Hits as one alternation of words, then patterns, would give them: leftmost first, a word
        before a pattern at the same position, the search resuming where a match ends. pattern is the
        patterns' first match in the stretch."""
        # The words are read off one search, which goes on where its last word ended: they are searched
        # anew only when a pattern's match ran past the next word's start.
        words = self._words.find(text, start, end) if self._words else []
        entries = self._entries
        hits: list[Hit[LabelT]] = []
        next_word = 0
        while pattern is not None:
            pattern_start = pattern.start()
            # The words up to the pattern's start come first, as one run: only the run's last word can
            # reach past that start (the words do not overlap), and then the patterns are searched anew
            # from its end.
            first = next_word
            while next_word < len(words) and words[next_word][1] <= pattern_start:
                next_word += 1
            if next_word > first:
                hits += [tuple.__new__(Hit, (begin, stop, *entries[index])) for index, begin, stop in words[first:next_word]]
                last_stop = words[next_word - 1][2]
                if pattern_start < last_stop:
                    pattern = self._pattern.search(text, last_stop, end)
                    continue
            begin, stop = pattern.span()
            hits.append(Hit(begin, stop, pattern.group(), self._value(text, pattern)))
            position = stop if stop > begin else stop + 1
            if position > end:
                return hits
            if next_word < len(words) and words[next_word][1] < position:
                if words[next_word][1] == begin and words[next_word][2] == stop:
                    next_word += 1
                else:
                    words = self._words.find(text, position, end)
                    next_word = 0
            pattern = self._pattern.search(text, position, end)
        hits += [tuple.__new__(Hit, (begin, stop, *entries[index])) for index, begin, stop in words[next_word:]]
        return hits

    def _value(self, text: str, match: regex.Match) -> LabelT:
        word = match.group()
        if word in self._values:
            return self._values[word]
        # Matched where it was found, so patterns with lookarounds (进企业 before a number) resolve; only
        # the patterns that can start there are tried (the others cannot match there), in their order.
        indexes = self._pattern.starting_at(text, match.start())
        for index in self._all_patterns if indexes is None else indexes:
            pattern, value = self._compiled_patterns[index]
            found = pattern.match(text, match.start())
            if found and found.end() == match.end():
                return value
        raise KeyError(word)

    def words(self) -> list[str]:
        """The plain words this matcher knows."""
        return list(self._values)


@dataclass(frozen=True)
class Lexicon:
    """All domains' lexicons merged: activity triggers, objects, channels and audiences."""

    activities: PhraseMatcher[Activity]
    objects: PhraseMatcher[ObjectEntry]
    channels: PhraseMatcher[tuple[Channel, ...]]
    audiences: PhraseMatcher[tuple[Audience, ...]]
    defers: dict[str, tuple[frozenset[Activity], Activity | None]]
    unit_class_activities: dict[UnitClass, Activity]
    activity_unit_classes: dict[Activity, UnitClass]
    audience_free_activities: frozenset[Activity]
    counted_only_activities: frozenset[Activity]
    named_by_objects: frozenset[Activity]
    mentions: PhraseMatcher[Activity]  # report mentions in one scan: mention words, objects of named_by_objects
    channel_free_activities: frozenset[Activity]
    money_refers_back: frozenset[Activity]
    money_only: frozenset[Activity]
    views_only: frozenset[Activity]
    governed_nouns: frozenset[str]
    implied_channels: dict[Activity, tuple[Channel, ...]]
    unprinted_objects: frozenset[str]
    unit_class_overrides: dict[UnitClass, UnitClassOverride]
    unit_overrides: dict[str, UnitClassOverride]
    unit_activities: dict[str, Activity]
    class_only_units: frozenset[str]
    doer_before: tuple[str, ...]
    trigger_prefixes: frozenset[str]
    modifier_triggers: regex.Pattern
    sum_openers: regex.Pattern | None
    joined_words: re.Pattern | None
    participation: frozenset[str]
    object_verbs: frozenset[Activity]
    listing_work: frozenset[Activity]
    people_counts: frozenset[Activity]
    path_verbs: frozenset[str]
    convening_verbs: frozenset[str]
    light_verbs: regex.Pattern
    yielding: regex.Pattern | None
    people_roles: PeopleRoles
    rate_objects: regex.Pattern
    survey_shares: regex.Pattern
    respectively: regex.Pattern
    coordinators: regex.Pattern
    compared: regex.Pattern
    installed_devices: InstalledDevices

    @cached_property
    def _installed(self) -> regex.Pattern:
        """Devices and app words as one alternation, each kind in its own group."""
        devices, apps = self.installed_devices.devices, self.installed_devices.apps
        return compile_pattern(f"(?P<device>{word_trie(devices) if devices else NEVER})|(?P<app>{word_trie(apps) if apps else NEVER})")

    def installs_device(self, text: str, verb: int, end: int) -> bool:
        """Whether the installing verb at text[verb] puts in a device, not an app: of the devices and apps
        named from the window before it to `end`, the nearest to it is a device."""
        named = list(self._installed.finditer(text, max(0, verb - self.installed_devices.window), end))
        nearest = min(named, key=lambda match: abs(match.start() - verb), default=None)
        return nearest is not None and nearest.group("device") is not None

    def yields_to_total(self, text: str, hit: Hit) -> bool:
        """Whether a trigger found in text gives way to its total's activity in a sub-count (进校园)."""
        found = self.yielding.match(text, hit.start) if self.yielding else None
        return bool(found and found.end() == hit.end)

    @cached_property
    def known_words(self) -> frozenset[str]:
        """Every plain trigger and object word, to recognise a trigger glued to its object."""
        return frozenset((*self.activities.words(), *self.objects.words()))

    def words(self) -> tuple[str, ...]:
        """Every plain word of every lexicon, for the segmenter's dictionary."""
        return tuple(sorted({*self.activities.words(), *self.objects.words(), *self.channels.words(),
                             *self.audiences.words()}))


def _labels(entries: list[LabelEntry], enum: type, path: Path) -> dict[str, tuple]:
    table: dict[str, tuple] = {}
    for entry in entries:
        try:
            labels = tuple(enum(label) for label in entry.label)
        except ValueError as error:
            raise PatternError(f"{path}: {error}") from None
        for word in entry.words:
            table[word] = tuple(dict.fromkeys(table.get(word, ()) + labels))
    return table


# Sections that every lexicon file adds to by plain union (sets) or by key (mappings), in file order.
UNION_SECTIONS = ("audience_free_activities", "counted_only_activities", "named_by_objects",
                  "channel_free_activities", "money_refers_back", "money_only", "views_only", "governed_nouns",
                  "unprinted_objects", "trigger_prefixes", "participation", "object_verbs", "listing_work", "people_counts",
                  "path_verbs", "convening_verbs", "class_only_units")
KEYED_SECTIONS = ("unit_class_activities", "activity_unit_classes", "unit_class_overrides", "unit_overrides",
                  "unit_activities", "implied_channels")
# Sections holding one pattern: the last file that gives one wins; with none, a pattern that never matches.
PATTERN_SECTIONS = ("modifier_triggers", "light_verbs", "rate_objects", "survey_shares", "respectively", "coordinators",
                    "compared")
NEVER = "(?!)"


SectionT = TypeVar("SectionT", PeopleRoles, InstalledDevices)


def _merged_section(merged: SectionT, added: SectionT) -> SectionT:
    """One section (people roles, installed devices) of two files: lists joined, single values
    (doer_window, window) from the later file."""
    return type(merged)(**{name: getattr(merged, name) + getattr(added, name) if isinstance(getattr(added, name), list)
                           else getattr(added, name) for name in type(merged).model_fields})


@lru_cache(maxsize=4)
def load_lexicon(directory: Path = PATTERNS_DIR) -> Lexicon:
    """Merge every patterns/lexicon/*.yaml file into one Lexicon."""
    activity_words: dict[str, Activity] = {}
    activity_patterns: dict[str, Activity] = {}
    mention_words: dict[str, Activity] = {}
    objects: dict[str, ObjectEntry] = {}
    channels: dict[str, tuple] = {}
    audiences: dict[str, tuple] = {}
    defers: dict[str, tuple[frozenset[Activity], Activity | None]] = {}
    unions: dict[str, set] = {name: set() for name in UNION_SECTIONS}
    keyed: dict[str, dict] = {name: {} for name in KEYED_SECTIONS}
    doer_before: list[str] = []
    sum_openers: list[str] = []
    joined_words: list[str] = []
    yielding: list[str] = []
    people_roles = PeopleRoles()
    installed_devices = InstalledDevices()
    single_patterns: dict[str, str] = {}
    for path in sorted((directory / "lexicon").glob("*.yaml")):
        lexicon = load_model(path, LexiconFile)
        for entry in lexicon.activities:
            activity_words.update({word: entry.label for word in entry.words})
            activity_patterns.update({pattern: entry.label for pattern in entry.patterns})
            if entry.yields_to_total:
                yielding.extend([regex.escape(word) for word in entry.words] + entry.patterns)
            if entry.defer_to_object:
                deferral = (frozenset(entry.defer_to_object), entry.deferred_activity)
                defers.update({word: deferral for word in entry.words})
        mention_words.update({word: entry.label for entry in lexicon.mentions for word in entry.words})
        for name in UNION_SECTIONS:
            unions[name].update(getattr(lexicon, name))
        for name in KEYED_SECTIONS:
            keyed[name].update(getattr(lexicon, name))
        doer_before.extend(lexicon.doer_before)
        sum_openers.extend(lexicon.sum_openers)
        joined_words.extend(lexicon.joined_words)
        if lexicon.people_roles is not None:
            people_roles = _merged_section(people_roles, lexicon.people_roles)
        if lexicon.installed_devices is not None:
            installed_devices = _merged_section(installed_devices, lexicon.installed_devices)
        single_patterns.update({name: getattr(lexicon, name) for name in PATTERN_SECTIONS if getattr(lexicon, name)})
        for item in lexicon.objects:
            objects.update({word: item for word in item.words})
        for word, found in _labels(lexicon.channels, Channel, path).items():
            channels[word] = tuple(dict.fromkeys(channels.get(word, ()) + found))
        for word, found in _labels(lexicon.audiences, Audience, path).items():
            audiences[word] = tuple(dict.fromkeys(audiences.get(word, ()) + found))
    # The object verbs' lists go on as well (发放手册800余本，医药箱100余个): one set for the attacher to test.
    unions["listing_work"].update(unions["object_verbs"])
    return Lexicon(
        activities=PhraseMatcher(activity_words, activity_patterns),
        objects=PhraseMatcher(objects),
        mentions=PhraseMatcher({**{word: item.activity for word, item in objects.items()
                                   if item.activity in unions["named_by_objects"]}, **mention_words}),
        channels=PhraseMatcher(channels),
        audiences=PhraseMatcher(audiences),
        defers=defers,
        **{name: frozenset(words) for name, words in unions.items()},
        **(keyed | {"implied_channels": {activity: tuple(channels)
                                         for activity, channels in keyed["implied_channels"].items()}}),
        doer_before=tuple(dict.fromkeys(doer_before)),
        **{name: compile_pattern(single_patterns.get(name, NEVER)) for name in PATTERN_SECTIONS},
        sum_openers=compile_pattern(f"(?:{word_trie(sum_openers)})+") if sum_openers else None,
        joined_words=re.compile(word_trie(joined_words)) if joined_words else None,
        yielding=compile_pattern("|".join(f"(?:{item})" for item in yielding)) if yielding else None,
        people_roles=people_roles,
        installed_devices=installed_devices,
    )
