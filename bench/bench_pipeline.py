"""Benchmark: the whole pipeline and its matching stage against bare jieba on the same text.

Prints seconds, characters per second and ratios to `jieba.lcut` over the seed corpus, plus the
same lexicon matching done through spaCy's Chinese pipeline (jieba segmenter + PhraseMatcher),
which is how the README's choice of plain jieba + regex was measured. Run:
    python bench/bench_pipeline.py [--repeat N]
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import jieba  # noqa: E402

from extract.metrics.lexicon import PhraseMatcher as PhraseMatcherOfWords  # noqa: E402
from extract.metrics.lexicon import load_lexicon  # noqa: E402
from extract.pipeline import extract_text, load_pipeline  # noqa: E402


def _timed(function, repeat: int) -> float:
    started = time.perf_counter()
    for _ in range(repeat):
        function()
    return (time.perf_counter() - started) / repeat


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat
    texts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "corpus" / "raw").glob("*.txt"))]
    characters = sum(len(text) for text in texts)
    jieba.initialize()
    pipeline = load_pipeline()
    lexicon = load_lexicon()
    bare = _timed(lambda: [jieba.lcut(text) for text in texts], repeat)
    full = _timed(lambda: [extract_text(text, str(index), pipeline) for index, text in enumerate(texts)], repeat)
    records = sum(len(report.records) for index, text in enumerate(texts) for report in extract_text(text, str(index), pipeline))
    matching = _timed(lambda: [(lexicon.activities.find(text), lexicon.objects.find(text), lexicon.channels.find(text),
                                lexicon.audiences.find(text), pipeline.attacher.segmenter.tokens(text)) for text in texts], repeat)
    print(f"corpus: {len(texts)} documents, {characters} characters, {records} records; mean of {repeat} runs")
    print(f"bare jieba.lcut        {bare:8.3f} s  {characters / bare:12,.0f} chars/s  ratio 1.00")
    print(f"full pipeline          {full:8.3f} s  {characters / full:12,.0f} chars/s  ratio {full / bare:.2f}")
    print(f"jieba+regex matching   {matching:8.3f} s  {characters / matching:12,.0f} chars/s  ratio {matching / bare:.2f}")
    try:
        import spacy
        from spacy.matcher import PhraseMatcher
    except ImportError:
        print("spaCy not installed: skipped the spaCy comparison")
    else:
        nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
        matcher = PhraseMatcher(nlp.vocab)
        words = list(lexicon.words())
        matcher.add("LEXICON", list(nlp.tokenizer.pipe(words)))
        spacy_time = _timed(lambda: [matcher(doc) for doc in nlp.pipe(texts)], repeat)
        print(f"spaCy zh+PhraseMatcher {spacy_time:8.3f} s  {characters / spacy_time:12,.0f} chars/s  ratio {spacy_time / bare:.2f}")
        union = PhraseMatcherOfWords({word: None for word in words})
        found = missed = 0
        for doc in nlp.pipe(texts):
            spans = {(doc[start].idx, doc[end - 1].idx + len(doc[end - 1])) for _, start, end in matcher(doc)}
            for hit in union.find(doc.text):
                found += 1
                missed += (hit.start, hit.end) not in spans
        print(f"lexicon words found by regex: {found}; of these spaCy's PhraseMatcher on jieba tokens misses "
              f"{missed} ({missed / found:.0%}), where jieba cuts across the word")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory            {peak:8.1f} MB")


if __name__ == "__main__":
    main()
