"""Batch at scale: MB/s on one worker and on all cores, peak memory at half and full corpus, Dask against local.

Builds a corpus of --size-mb (default 100) from the seed reports in corpus/raw, every number varied so
no two files are the same, then runs `cli.py extract` as a separate process for each figure and samples
the memory of its whole process tree (the main process and its workers).

    python bench/bench_scale.py                 # the full benchmark (tens of minutes on 2 cores)
    python bench/bench_scale.py --size-mb 4 --speed-mb 1 --rounds 1  # a quick run
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.engines.work import cores  # noqa: E402

RAW = ROOT / "corpus" / "raw"
MEGABYTE = 1024 * 1024
DIGITS = regex.compile(r"\d+")


def build_corpus(folder: Path, size_mb: float, seed: int = 7) -> list[Path]:
    """Write varied copies of the seed reports until the folder holds size_mb; returns the files in order."""
    rng = random.Random(seed)
    seeds = [path.read_text(encoding="utf-8") for path in sorted(RAW.glob("*.txt"))]
    folder.mkdir(parents=True, exist_ok=True)
    files, total, index = [], 0, 0
    while total < size_mb * MEGABYTE:
        text = seeds[index % len(seeds)]
        # Same number of digits, a different number: the same text shape, so the same work per file.
        varied = DIGITS.sub(lambda match: str(rng.randrange(10 ** (len(match.group()) - 1), 10 ** len(match.group())))
                            if len(match.group()) > 1 else str(rng.randrange(1, 10)), text)
        path = folder / f"{index // 1000:03d}" / f"report_{index:06d}.txt"
        path.parent.mkdir(exist_ok=True)
        data = varied.encode("utf-8")
        path.write_bytes(data)
        files.append(path)
        total += len(data)
        index += 1
    return files


def subset(files: list[Path], folder: Path, size_mb: float) -> Path:
    """Link the first files (in order) that add up to size_mb into a folder of their own."""
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for path in files:
        if total >= size_mb * MEGABYTE:
            break
        target = folder / path.parent.name / path.name
        target.parent.mkdir(exist_ok=True)
        target.hardlink_to(path)
        total += path.stat().st_size
    return folder


def load() -> str:
    """The machine's load averages, as uptime shows them."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def folder_size(folder: Path) -> int:
    """Bytes of every file under a folder."""
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def run(arguments: list[str], out: Path) -> dict:
    """Run `cli.py extract` in its own process; wall time and peak memory of its process tree."""
    command = [sys.executable, str(ROOT / "cli.py"), "extract", *arguments, "--out", str(out), "--no-progress"]
    peaks = {"rss": 0, "pss": 0, "main": 0}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    process = psutil.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            try:
                tree = [process] + process.children(recursive=True)
                rss = pss = 0
                for member in tree:
                    try:
                        info = member.memory_full_info()
                        rss, pss = rss + info.rss, pss + info.pss
                        if member.pid == process.pid:
                            peaks["main"] = max(peaks["main"], info.rss)
                    except (psutil.NoSuchProcess, psutil.AccessDenied):
                        pass
                peaks["rss"], peaks["pss"] = max(peaks["rss"], rss), max(peaks["pss"], pss)
            except psutil.NoSuchProcess:
                return
            stop.wait(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    seconds = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the run and its workers, once all are waited for
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    stop.set()
    sampler.join()
    if process.returncode not in (0, 1):
        raise SystemExit(f"extract failed ({process.returncode}): {stderr}")
    return {"seconds": seconds, "cpu": cpu, **peaks, "summary": stderr.strip().splitlines()[-1]}


def main() -> None:
    """Build the corpus, run every measurement and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=100.0, help="full corpus size (the half is measured too)")
    parser.add_argument("--speed-mb", type=float, default=10.0, help="sample used for the MB/s comparisons")
    parser.add_argument("--keep", type=Path, default=None, help="build the corpus here and keep it")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of 1 worker and all cores, alternated; best of each")
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench_scale_"))
    corpus = options.keep or work / "corpus"
    try:
        files = build_corpus(corpus, options.size_mb)
        half = subset(files, work / "half", options.size_mb / 2)
        sample = subset(files, work / "sample", options.speed_mb)
        all_cores = cores()
        print(f"corpus: {len(files)} files, {folder_size(corpus) / MEGABYTE:.1f} MB from {len(list(RAW.glob('*.txt')))} "
              f"seeds; sample {folder_size(sample) / MEGABYTE:.1f} MB; cores this process may use: {all_cores}")
        # Other processes on the machine take cores from the workers: the figures mean little under load.
        print(f"load average before the runs (1, 5, 15 min): {load()}")

        def speed(label: str, folder: Path, arguments: list[str], out: Path) -> dict:
            figures = run([str(folder), *arguments], out)
            rate = folder_size(folder) / MEGABYTE / figures["seconds"]
            # The run's own figure leaves out interpreter start-up and loading the patterns.
            in_run = float(regex.search(r"\(([\d.]+) MB/s\)", figures["summary"]).group(1))
            # Cores busy (CPU seconds of the process tree per second): under 2 with 2 workers on a quiet
            # machine means a serial share; well under it, that other processes took the cores.
            print(f"{label:<34}{in_run:8.3f} MB/s in the run, {rate:.3f} MB/s wall ({figures['seconds']:.1f} s, "
                  f"{figures['cpu'] / figures['seconds']:.2f} cores busy)")
            return {**figures, "rate": rate, "in_run": in_run}

        def best(runs: list[dict]) -> dict:
            return max(runs, key=lambda figures: figures["in_run"])

        def ratio(label: str, numerator: dict, denominator: dict, note: str = "") -> None:
            print(f"{label:<34}{numerator['in_run'] / denominator['in_run']:8.2f} x in the run, "
                  f"{numerator['rate'] / denominator['rate']:.2f} x wall{note}")

        # Alternated, and each side's best round compared: the round least disturbed by other processes.
        ones, fulls = [], []
        for _ in range(options.rounds):
            ones.append(speed("local, 1 worker", sample, ["--workers", "1"], work / "one.jsonl"))
            fulls.append(speed(f"local, all cores ({all_cores} workers)", sample, [], work / "all.jsonl"))
        ratio("speed-up, all cores / 1 worker", best(fulls), best(ones),
              f" (best of {options.rounds} rounds each)" if options.rounds > 1 else "")
        local2 = speed("local, 2 workers", sample, ["--workers", "2"], work / "local2.jsonl")
        dask2 = speed("dask LocalCluster, 2 workers", sample, ["--engine", "dask", "--workers", "2"], work / "dask2.jsonl")
        ratio("dask / local (2 workers each)", dask2, local2)
        same = (work / "local2.jsonl").read_bytes() == (work / "dask2.jsonl").read_bytes()
        print(f"{'records identical, dask and local':<34}{same}")
        print("peak memory, all cores (process tree: RSS summed; PSS counts shared pages once; main process RSS):")
        for label, folder in (("half", half), ("full", corpus)):
            figures = run([str(folder)], work / f"{label}.csv")
            print(f"  {label} corpus {folder_size(folder) / MEGABYTE:6.1f} MB: RSS {figures['rss'] / MEGABYTE:7.1f} MB  "
                  f"PSS {figures['pss'] / MEGABYTE:7.1f} MB  main {figures['main'] / MEGABYTE:7.1f} MB  "
                  f"({folder_size(folder) / MEGABYTE / figures['seconds']:.3f} MB/s)")
            print(f"    {figures['summary']}")
        print(f"load average after the runs (1, 5, 15 min): {load()}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
