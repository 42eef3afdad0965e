"""Benchmark parse_quantities against cn2an, each pair timed on the same input.

Two comparisons, both sides given exactly the same strings:
  - numerals: every numeral string that parse_quantities finds in the raw corpus (3000, 一万二千,
    十余) read on its own by parse_quantities and by cn2an.cn2an(numeral, "smart"); also how often
    the two agree on the value;
  - sentences: the raw corpus split into sentences, read by parse_quantities and by
    cn2an.transform(sentence, "cn2an") (which rewrites the numerals of a sentence as digits).
Plus bare jieba.lcut over the same sentences, as a scale for the other benchmarks.
Run:
    python bench/bench_numbers.py [--repetitions 5]
"""
from __future__ import annotations

import argparse
import logging
import sys
import time
import warnings
from pathlib import Path
from typing import Callable

import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.numbers.quantities import load_number_patterns, parse_quantities  # noqa: E402

SENTENCE_END = regex.compile(r"[。！？；\n]")
NUMERAL_RUN = regex.compile(r"[0-9０-９.．,，零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億兩]+")
CN2AN_ERRORS = (ValueError, KeyError, IndexError, TypeError)


def corpus_sentences() -> list[str]:
    """The raw corpus split into sentences on 。！？；and line breaks."""
    sentences: list[str] = []
    for path in sorted((ROOT / "corpus" / "raw").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        sentences.extend(part for part in SENTENCE_END.split(text) if part.strip())
    return sentences


def timed(action: Callable[[], object], repetitions: int) -> float:
    """Seconds per repetition of `action`."""
    started = time.perf_counter()
    for _ in range(repetitions):
        action()
    return (time.perf_counter() - started) / repetitions


def _cn2an_value(cn2an, numeral: str) -> float | None:
    try:
        return float(cn2an.cn2an(numeral, "smart"))
    except CN2AN_ERRORS:
        return None


def _cn2an_transform(cn2an, sentence: str) -> str:
    try:
        return cn2an.transform(sentence, "cn2an")
    except CN2AN_ERRORS:
        return sentence


def main() -> None:
    """Print both comparisons with their ratios, and jieba over the same sentences."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repetitions", type=int, default=5)
    repetitions = parser.parse_args().repetitions
    import cn2an
    import jieba

    # cn2an.transform warns about every bare 百/千/万 it cannot read; the count is not the point here.
    warnings.filterwarnings("ignore", category=UserWarning, module="cn2an")

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    patterns = load_number_patterns()
    sentences = corpus_sentences()
    found = [quantity for sentence in sentences for quantity in parse_quantities(sentence, patterns)]
    numerals = [match.group() for quantity in found if (match := NUMERAL_RUN.search(quantity.raw))]
    characters = sum(map(len, sentences))
    print(f"corpus/raw: {len(sentences)} sentences, {characters} characters; {len(found)} quantities found "
          f"({sum(quantity.masked for quantity in found)} masked); {len(numerals)} numeral strings; "
          f"mean of {repetitions} runs")

    ours = timed(lambda: [parse_quantities(numeral, patterns) for numeral in numerals], repetitions)
    theirs = timed(lambda: [_cn2an_value(cn2an, numeral) for numeral in numerals], repetitions)
    agree = sum(1 for numeral in numerals
                if (mine := parse_quantities(numeral, patterns)) and mine[0].value == _cn2an_value(cn2an, numeral))
    print(f"numerals   parse_quantities {ours * 1000:7.1f} ms  cn2an.cn2an(smart) {theirs * 1000:7.1f} ms  "
          f"cn2an / ours = {theirs / ours:.2f}x   same value on {agree} of {len(numerals)}")

    ours = timed(lambda: [parse_quantities(sentence, patterns) for sentence in sentences], repetitions)
    theirs = timed(lambda: [_cn2an_transform(cn2an, sentence) for sentence in sentences], repetitions)
    print(f"sentences  parse_quantities {ours * 1000:7.1f} ms  cn2an.transform    {theirs * 1000:7.1f} ms  "
          f"cn2an / ours = {theirs / ours:.2f}x   ({characters / ours / 1e6:.2f} M chars/s)")

    segmenter = timed(lambda: [jieba.lcut(sentence) for sentence in sentences], max(1, repetitions // 2))
    print(f"sentences  jieba.lcut       {segmenter * 1000:7.1f} ms  (jieba / parse_quantities = {segmenter / ours:.2f}x)")


if __name__ == "__main__":
    main()
