"""Start-up of `extract` on one small file: wall and CPU time of the whole command, and where it goes.

    python bench/bench_startup.py [--runs 10] [--file corpus/raw/004_….txt]

Runs `python cli.py extract FILE --out TMP/records.csv --workers 1 --no-progress` as a subprocess
`--runs` times and prints the median and best wall time and the median CPU time (user + system of the
child). Then, in three more subprocesses, it times the phases: importing the CLI, loading the pipeline
(patterns, lexicons, segmenter dictionary, gazetteer).

Python compiles each module's source on import unless a bytecode file (__pycache__) is there; the
README's set-up command writes them once (compileall), since this machine sets
PYTHONDONTWRITEBYTECODE=1 and Python would otherwise compile every module on every start.
"""
from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FILE = next(iter(sorted((ROOT / "corpus" / "raw").glob("004_*.txt"))), None)

PHASES = """
import time
started = time.perf_counter()
import cli
from extract.pipeline import load_pipeline
imported = time.perf_counter()
load_pipeline()
loaded = time.perf_counter()
print(imported - started, loaded - imported)
"""


def child_cpu() -> float:
    """CPU seconds (user + system) used so far by finished children."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    """Time the command and its phases; print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    arguments = parser.parse_args()
    if arguments.file is None or not arguments.file.is_file():
        sys.exit("bench_startup: no small input file; give one with --file")
    walls, cpus = [], []
    with tempfile.TemporaryDirectory() as folder:
        command = [sys.executable, str(ROOT / "cli.py"), "extract", str(arguments.file),
                   "--out", str(Path(folder) / "records.csv"), "--workers", "1", "--no-progress"]
        subprocess.run(command, check=True, capture_output=True, cwd=ROOT)  # warm the file cache and the gazetteer cache
        for _ in range(arguments.runs):
            cpu, started = child_cpu(), time.perf_counter()
            subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
            walls.append(time.perf_counter() - started)
            cpus.append(child_cpu() - cpu)
        phases = [[float(value) for value in subprocess.run(
            [sys.executable, "-c", PHASES], check=True, capture_output=True, text=True, cwd=ROOT).stdout.split()]
            for _ in range(3)]
    imported, loaded = (statistics.median(values) for values in zip(*phases))
    compiled = any((ROOT / "extract" / "__pycache__").glob("batch.*.pyc"))
    print(f"file                      {arguments.file.name} ({arguments.file.stat().st_size / 1000:.1f} kB)")
    print(f"bytecode cached           {'yes' if compiled else 'no (every module compiled from source)'}")
    print(f"extract, wall             median {statistics.median(walls):.2f} s, best {min(walls):.2f} s "
          f"({arguments.runs} runs)")
    print(f"extract, CPU              median {statistics.median(cpus):.2f} s")
    print(f"phases (median of 3)      imports {imported:.2f} s, loading the pipeline {loaded:.2f} s")


if __name__ == "__main__":
    main()
