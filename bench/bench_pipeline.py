"""Benchmark: the CLI's `extract --workers 1`, end to end, against bare `jieba.lcut` on the same files.

Builds a corpus of at least --size-mb MB from the seed reports (corpus/raw/*.txt) in a temporary
folder. Every copy has its Arabic numbers changed, and one Han character changed in each line
without a number, so no two files and no two lines are the same text and no cache gets free hits.
Then, in one run and on the same files:
  - bare `jieba.lcut` over every file, reading included, in a subprocess (its dictionary load is
    timed apart and left out of its rate, which makes the comparison stricter on the pipeline);
  - `python cli.py extract FOLDER --workers 1 --out records.jsonl --reports reports.jsonl
    --no-progress`, wall time of the subprocess: start-up, reading and writing included;
  - the ratio pipeline MB/s ÷ jieba MB/s (at least 1.0 means one worker keeps up with bare jieba);
  - the peak RSS of both subprocesses;
  - each stage's share of the time, from an in-process run over the first --stage-mb MB of the
    same files with a clock around every stage (time inside a nested stage counts for that stage).
Run:
    python bench/bench_pipeline.py [--size-mb 50] [--stage-mb 5] [--rounds 1]
"""
from __future__ import annotations

import argparse
import functools
import json
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ARABIC = re.compile(r"\d+")
HAN = re.compile(r"[\u4e00-\u9fff]")
# Four-digit numbers that look like years stay years (20xx), so date rules still see dates.
YEAR = re.compile(r"(?:19|20)\d\d")

JIEBA_SCRIPT = """
import logging, pathlib, sys, time
started = time.perf_counter()
import jieba
jieba.setLogLevel(logging.WARNING)
jieba.initialize()
loaded, cpu = time.perf_counter(), time.process_time()
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.txt")):
    jieba.lcut(path.read_text(encoding="utf-8"))
print(loaded - started, time.perf_counter() - loaded, time.process_time() - cpu)
"""

WRAPPER = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
wall = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "peak_kb": usage.ru_maxrss,
                  "code": done.returncode, "stdout": done.stdout, "stderr": done.stderr[-2000:]}))
"""

# Tagging stays in the list the issue asked for: since bodies and regions come from the gazetteer,
# no part of speech is tagged any more and its share is nil.
STAGES = ("reading", "cleaning", "splitting", "segmentation", "tagging", "numbers", "attachment",
          "report fields", "learned models", "duplicates", "writing", "other")


def _vary_number(rng: random.Random, written: str) -> str:
    if YEAR.fullmatch(written):
        return written[:2] + f"{rng.randrange(100):02d}"
    digits = [str(rng.randrange(10)) for _ in written]
    if written[0] != "0" and len(written) > 1:
        digits[0] = str(rng.randrange(1, 10))
    return "".join(digits)


def _vary(text: str, rng: random.Random, han: str) -> str:
    """The text with its numbers changed, and one Han character changed in each line without a number."""
    lines = []
    for line in ARABIC.sub(lambda match: _vary_number(rng, match.group()), text).split("\n"):
        places = [match.start() for match in HAN.finditer(line)] if not ARABIC.search(line) else []
        if places:
            place = rng.choice(places)
            line = line[:place] + rng.choice(han) + line[place + 1:]
        lines.append(line)
    return "\n".join(lines)


def build_corpus(folder: Path, size_mb: float) -> list[Path]:
    """Write varied copies of the seed reports into `folder` until they hold size_mb MB of UTF-8."""
    seeds = [(path.name, path.read_text(encoding="utf-8")) for path in sorted((ROOT / "corpus" / "raw").glob("*.txt"))]
    han = "".join(sorted({char for _, text in seeds for char in HAN.findall(text)}))
    files: list[Path] = []
    written = 0
    copy = 0
    while written < size_mb * 1e6:
        for name, text in seeds:
            path = folder / f"{copy:05d}_{name}"
            data = _vary(text, random.Random(f"{copy}/{name}"), han).encode("utf-8")
            path.write_bytes(data)
            files.append(path)
            written += len(data)
        copy += 1
    return files


def _run(command: list[str]) -> tuple[str, float, float, float]:
    """Run a command under a small wrapper; return its stdout, wall seconds, CPU seconds and peak RSS in MB.

    The wrapper's only child is the command, so its RUSAGE_CHILDREN peak is the command's own.
    """
    completed = subprocess.run([sys.executable, "-c", WRAPPER, *command], cwd=ROOT, capture_output=True, text=True, check=True)
    outcome = json.loads(completed.stdout)
    if outcome["code"]:
        raise SystemExit(f"{' '.join(command)} failed:\n{outcome['stderr']}")
    return outcome["stdout"], outcome["wall"], outcome["cpu"], outcome["peak_kb"] / 1024


class StageClock:
    """Exclusive time per stage: a stage called inside another is charged to itself, not its caller."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self._stack: list[str] = ["other"]
        self._mark = time.perf_counter()

    def _switch(self, push: str | None) -> None:
        now = time.perf_counter()
        self.seconds[self._stack[-1]] += now - self._mark
        self._mark = now
        if push is None:
            self._stack.pop()
        else:
            self._stack.append(push)

    def wrap(self, owner: Any, name: str, stage: str) -> None:
        """Replace owner.name by a version that charges its time to `stage`."""
        original: Callable = getattr(owner, name)

        @functools.wraps(original)
        def timed(*args: Any, **kwargs: Any) -> Any:
            self._switch(stage)
            try:
                return original(*args, **kwargs)
            finally:
                self._switch(None)

        setattr(owner, name, timed)


def stage_shares(files: list[Path], out: Path) -> dict[str, float]:
    """Seconds per stage of an in-process run over `files`, writing JSON Lines like the CLI."""
    import extract.metrics.attach as attach
    from extract.documents import read_file
    from extract.metrics.activitymodel import ActivityModel
    from extract.metrics.attach import Attacher
    from extract.metrics.doctypemodel import DocTypeModel
    from extract.metrics.doctype import DocTypeClassifier
    from extract.duplicates import DuplicateFinder
    from extract.metrics.reportfields import ReportFields
    from extract.pipeline import load_pipeline
    from extract.regions import PlaceFinder
    from extract.text.normalise import Normaliser
    from extract.text.segment import Segmenter
    from extract.text.split import Splitter
    from extract.write import write_models
    from schemas.records import MetricRecord, Report

    pipeline = load_pipeline()
    clock = StageClock()
    for owner, name, stage in [(Normaliser, "clean", "cleaning"), (Normaliser, "shadow", "cleaning"),
                               (Splitter, "split", "splitting"), (Segmenter, "boundaries", "segmentation"),
                               (attach, "parse_quantities", "numbers"), (PlaceFinder, "fill", "report fields"),
                               (Attacher, "fill", "attachment"), (ReportFields, "describe", "report fields"),
                               (DocTypeClassifier, "classify", "report fields"),
                               (ActivityModel, "relabel", "learned models"), (DocTypeModel, "decide", "learned models")]:
        clock.wrap(owner, name, stage)
    reports = []
    for path in files:
        clock._switch("reading")
        document = read_file(path, path.name)
        clock._switch(None)
        reports.extend(pipeline.reports(document.text, document.doc_id))
    clock._switch("duplicates")
    reports = list(DuplicateFinder().mark_all(reports))
    clock._switch(None)
    clock._switch("writing")
    write_models((record for report in reports for record in report.records), out / "stage_records.jsonl", MetricRecord)
    write_models(reports, out / "stage_reports.jsonl", Report)
    clock._switch(None)
    clock._switch(None)  # closes "other"
    return dict(clock.seconds)


def first_megabytes(files: list[Path], megabytes: float) -> list[Path]:
    """The first files that together hold at least `megabytes` MB (all of them if fewer)."""
    taken, total = [], 0
    for path in files:
        if total >= megabytes * 1e6:
            break
        taken.append(path)
        total += path.stat().st_size
    return taken


def segmenter_rates(files: list[Path]) -> dict[str, float]:
    """MB/s of the candidate segmenters and taggers over the same files, in-process, dictionaries loaded."""
    import logging

    import jieba
    import jieba.posseg
    import rjieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    texts = [path.read_text(encoding="utf-8") for path in files]
    size = sum(path.stat().st_size for path in files) / 1e6
    private = rjieba.Jieba()
    private.cut(texts[0])
    candidates = {
        "jieba.lcut (HMM)": lambda text: jieba.lcut(text),
        "jieba.posseg.lcut (HMM)": lambda text: jieba.posseg.lcut(text),
        "rjieba cut (HMM)": lambda text: private.cut(text, True),
        "rjieba tag (HMM)": lambda text: private.tag(text, True),
    }
    rates = {}
    for name, segment in candidates.items():
        started = time.perf_counter()
        for text in texts:
            segment(text)
        rates[name] = size / (time.perf_counter() - started)
    return rates


def main() -> None:
    """Build the corpus, run bare jieba and the CLI on it, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=50.0, help="corpus size in MB of UTF-8 text (default 50)")
    parser.add_argument("--stage-mb", type=float, default=5.0, help="MB timed stage by stage in-process (default 5)")
    parser.add_argument("--segmenter-mb", type=float, default=1.0, help="MB for the segmenter comparison (default 1)")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each side, alternated; medians are printed (default 3: single runs move with the machine)")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_pipeline_") as temporary:
        folder = Path(temporary) / "corpus"
        folder.mkdir()
        files = build_corpus(folder, arguments.size_mb)
        size = sum(path.stat().st_size for path in files) / 1e6
        characters = sum(len(path.read_text(encoding="utf-8")) for path in files)
        print(f"corpus: {len(files)} files, {size:.1f} MB UTF-8, {characters:,} characters, "
              f"{len({path.read_bytes() for path in files})} distinct texts")
        jieba_rates, jieba_cpu_rates, jieba_loads, jieba_peaks = [], [], [], []
        cli_rates, cli_cpu_rates, cli_walls, cli_peaks = [], [], [], []
        records, reports = Path(temporary) / "records.jsonl", Path(temporary) / "reports.jsonl"
        for _ in range(arguments.rounds):
            stdout, _, _, peak = _run([sys.executable, "-c", JIEBA_SCRIPT, str(folder)])
            load, seconds, cpu = map(float, stdout.split())
            jieba_rates.append(size / seconds)
            jieba_cpu_rates.append(size / cpu)
            jieba_loads.append(load)
            jieba_peaks.append(peak)
            _, wall, cpu, peak = _run([sys.executable, "cli.py", "extract", str(folder), "--workers", "1", "--out", str(records),
                                       "--reports", str(reports), "--no-progress"])
            cli_rates.append(size / wall)
            cli_cpu_rates.append(size / cpu)
            cli_walls.append(wall)
            cli_peaks.append(peak)
        jieba_rate, cli_rate = statistics.median(jieba_rates), statistics.median(cli_rates)
        with open(records, encoding="utf-8") as handle:
            record_count = sum(1 for _ in handle)
        print(f"bare jieba.lcut            {jieba_rate:6.2f} MB/s  ({size / jieba_rate:6.1f} s; dictionary load "
              f"{statistics.median(jieba_loads):.1f} s not counted)  peak RSS {max(jieba_peaks):6.0f} MB")
        print(f"extract --workers 1 (CLI)  {cli_rate:6.2f} MB/s  ({statistics.median(cli_walls):6.1f} s wall, start-up, "
              f"reading and writing included; {record_count:,} records)  peak RSS {max(cli_peaks):6.0f} MB")
        print(f"ratio pipeline / jieba     {cli_rate / jieba_rate:6.2f}   (wall time; median of {arguments.rounds} round(s))")
        print(f"ratio on CPU time          {statistics.median(cli_cpu_rates) / statistics.median(jieba_cpu_rates):6.2f}   "
              f"(jieba {statistics.median(jieba_cpu_rates):.2f} MB/s, pipeline {statistics.median(cli_cpu_rates):.2f} MB/s "
              "of CPU: steadier than wall time when other processes share the cores)")
        sample = first_megabytes(files, arguments.stage_mb)
        taken = sum(path.stat().st_size for path in sample)
        seconds = stage_shares(sample, Path(temporary))
        total = sum(seconds.values())
        print(f"stage shares, in-process over the first {len(sample)} files ({taken / 1e6:.1f} MB, "
              f"{taken / 1e6 / total:.2f} MB/s without start-up):")
        for stage in STAGES:
            print(f"  {stage:<14}{seconds.get(stage, 0.0) / total:6.1%}  {seconds.get(stage, 0.0):7.2f} s")
        sample = first_megabytes(files, arguments.segmenter_mb)
        print(f"segmenters and taggers, in-process over the first {len(sample)} files "
              f"({sum(path.stat().st_size for path in sample) / 1e6:.1f} MB):")
        for name, rate in segmenter_rates(sample).items():
            print(f"  {name:<24}{rate:6.2f} MB/s")


if __name__ == "__main__":
    main()
