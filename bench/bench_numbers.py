"""Benchmark parse_quantities on the raw corpus against cn2an and bare jieba as references."""
from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.numbers.quantities import load_number_patterns, parse_quantities  # noqa: E402

REPETITIONS = 5
SENTENCE_END = regex.compile(r"[。！？；\n]")
NUMERAL_RUN = regex.compile(r"[0-9０-９.．,，零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億兩]+")


def corpus_sentences() -> list[str]:
    """The raw corpus split into sentences on 。！？；and line breaks."""
    sentences: list[str] = []
    for path in sorted((ROOT / "corpus" / "raw").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        sentences.extend(part for part in SENTENCE_END.split(text) if part.strip())
    return sentences


def timed(action, repetitions: int = REPETITIONS) -> float:
    """Seconds per repetition of `action`."""
    started = time.perf_counter()
    for _ in range(repetitions):
        action()
    return (time.perf_counter() - started) / repetitions


def main() -> None:
    """Print quantities found, throughput, and the cn2an / jieba reference ratios."""
    import cn2an
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    load_number_patterns()
    sentences = corpus_sentences()
    found = [quantity for sentence in sentences for quantity in parse_quantities(sentence)]
    ours = timed(lambda: [parse_quantities(sentence) for sentence in sentences])
    numerals = [match.group() for quantity in found if (match := NUMERAL_RUN.search(quantity.raw))]

    def run_cn2an() -> None:
        for numeral in numerals:
            try:
                cn2an.cn2an(numeral, "smart")
            except (ValueError, KeyError, IndexError, TypeError):
                pass

    reference = timed(run_cn2an)
    segmenter = timed(lambda: [jieba.lcut(sentence) for sentence in sentences], repetitions=2)
    characters = sum(map(len, sentences))
    print(f"sentences: {len(sentences)}  characters: {characters}  repetitions: {REPETITIONS}")
    print(f"quantities found: {len(found)}  (masked: {sum(quantity.masked for quantity in found)})")
    print(f"parse_quantities: {ours * 1000:.1f} ms per pass, {len(sentences) / ours:,.0f} sentences/s, "
          f"{len(found) / ours:,.0f} quantities/s, {characters / ours / 1e6:.2f} M chars/s")
    print(f"cn2an.cn2an(smart) over the {len(numerals)} numeral strings found: {reference * 1000:.1f} ms "
          f"(parse_quantities over all sentences / cn2an over numerals only = {ours / reference:.1f}x)")
    print(f"jieba.lcut over the same sentences: {segmenter * 1000:.1f} ms "
          f"(parse_quantities / jieba = {ours / segmenter:.2f}x)")


if __name__ == "__main__":
    main()
