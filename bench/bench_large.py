"""Benchmark: one large document on a single line (a flattened page), 5, 10 and 20 MB by default.

Builds the document from the seed reports' text joined without any line break, writes it to a
temporary .txt file and runs `extract_file` on it in a fresh process per size, printing the seconds,
the peak resident memory of that process, and the reports and records found. Time per MB should stay
flat as the size doubles (linear time) and peak memory stay under 600 MB at 20 MB. Run:
    python bench/bench_large.py [SIZE_MB ...] [--indented]
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def one_line_document(megabytes: float, indented: bool) -> str:
    """The seed reports joined on one line (with paragraph indentation kept, if asked), repeated to size."""
    from extract.evaluation.gold import report_texts

    separator = "\u3000\u3000" if indented else ""
    unit = separator.join(separator.join(text.split("\n"))
                          for path in sorted((ROOT / "corpus" / "raw").glob("*.txt")) for text in report_texts(path))
    target = int(megabytes * 1024 * 1024)
    text = unit * (target // len(unit.encode("utf-8")) + 1)
    return text[: len(text) * target // len(text.encode("utf-8"))]


def measure(megabytes: float, indented: bool) -> dict:
    """Extract one document of the given size in this process; its figures as a dict."""
    from extract.pipeline import extract_file, load_pipeline

    pipeline = load_pipeline()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "large.txt"
        path.write_text(one_line_document(megabytes, indented), encoding="utf-8")
        size = path.stat().st_size
        started = time.perf_counter()
        reports = extract_file(path, max_bytes=size + 1, pipeline=pipeline)
        seconds = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    return {"mb": megabytes, "bytes": size, "seconds": round(seconds, 1), "peak_mb": round(peak_kb / 1024),
            "reports": len(reports), "records": sum(len(report.records) for report in reports)}


def main() -> None:
    """Run each size in its own process so each peak is that size's own."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=float, default=[5, 10, 20], help="document sizes in MB")
    parser.add_argument("--indented", action="store_true", help="keep paragraph indentation between paragraphs")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.one:
        print(json.dumps(measure(arguments.sizes[0], arguments.indented)))
        return
    print(f"{'MB':>5} {'seconds':>8} {'s/MB':>6} {'peak MB':>8} {'reports':>8} {'records':>8}")
    for megabytes in arguments.sizes:
        command = [sys.executable, __file__, str(megabytes), "--one"] + (["--indented"] if arguments.indented else [])
        figures = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
        print(f"{figures['mb']:>5g} {figures['seconds']:>8} {figures['seconds'] / figures['mb']:>6.1f} "
              f"{figures['peak_mb']:>8} {figures['reports']:>8} {figures['records']:>8}")


if __name__ == "__main__":
    main()
