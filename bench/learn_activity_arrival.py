"""Experiment: each dev batch's activity labels from the rules as they stood when the batch arrived.

The rules of today were tuned on every dev batch, so their figure on a held-out batch is optimistic. For
each batch this takes the newest commit of main that had not yet seen the batch (the parent of its first
chunk when the batch was committed on main, else main's side of the merge that brought it in), unpacks
that commit's tree under --work with `git archive` (no worktree is touched), runs its own `cli.py extract`
on a copy of the batch's dev-split raw files only, and matches the records to today's gold as evaluate
does. Output rows: doc, report, gold_start, arrival_label, arrival_rule, commit.

Run: python bench/learn_activity_arrival.py --work /tmp/learn/arrival --out /tmp/learn/arrival.jsonl
"""
from __future__ import annotations

import argparse
import io
import json
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.learn_activity_data import batch_of, dev_files
from extract.evaluation.evaluate import match_records
from extract.evaluation.gold import read_gold_file

ROOT = Path(__file__).resolve().parents[1]


def git(*arguments: str) -> str:
    """Output of a git command run in this worktree."""
    return subprocess.run(["git", *arguments], cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()


def rules_commit(batch: str, first_parents: list[str]) -> str:
    """The newest commit of main that had not seen the batch."""
    first = git("log", "--diff-filter=A", "--format=%H", "main", "--", f"corpus/dev/raw/{batch}[0-9]*.txt").split()[-1]
    if first in set(first_parents):
        return git("rev-parse", f"{first}^1")
    merge = next(commit for commit in first_parents
                 if subprocess.run(["git", "merge-base", "--is-ancestor", first, commit], cwd=ROOT, check=False).returncode == 0)
    return git("rev-parse", f"{merge}^1")


def unpack(commit: str, work: Path) -> Path:
    """The commit's tree under work/<commit>, unpacked once."""
    target = work / commit[:10]
    if not target.exists():
        archive = subprocess.run(["git", "archive", commit, "cli.py", "extract", "patterns", "schemas", "pyproject.toml"],
                                 cwd=ROOT, check=True, capture_output=True).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(target, filter="data")
    return target


def main() -> None:
    """Extract every dev batch with its on-arrival rules and write matched rows."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    arguments = parser.parse_args()
    dev = dev_files()
    first_parents = git("rev-list", "--first-parent", "--reverse", "main").split()
    rows = []
    for batch in sorted({batch_of(name) for name in dev}):
        commit = rules_commit(batch, first_parents)
        tree = unpack(commit, arguments.work)
        raw = arguments.work / f"raw_{batch}"
        shutil.rmtree(raw, ignore_errors=True)
        raw.mkdir(parents=True)
        names = [name for name in dev if batch_of(name) == batch]
        for name in names:
            shutil.copy(ROOT / "corpus/dev/raw" / name, raw / name)
        out = arguments.work / f"records_{batch}.jsonl"
        # Rules only: from the commit that shipped the activity model on, extract has to be told.
        rules_only = ["--rules-only"] if "--rules-only" in (tree / "cli.py").read_text(encoding="utf-8") else []
        # The reports too: their doc types on arrival are what a learned doc-type experiment compares with.
        reports = arguments.work / f"reports_{batch}.jsonl"
        done = subprocess.run([sys.executable, "cli.py", "extract", str(raw), "--out", str(out), "--reports", str(reports),
                               "--workers", "1", "--no-progress", *rules_only], check=False, cwd=tree, capture_output=True, text=True)
        if done.returncode != 0 or not out.exists():
            print(f"{batch} at {commit[:10]}: extract failed: {done.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
            continue
        predicted: dict[str, list] = {}
        for line in out.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            predicted.setdefault(item["report_id"], []).append(SimpleNamespace(**item))
        matched = 0
        for name in names:
            document = read_gold_file(ROOT / "corpus/dev/gold/dev" / name.replace(".txt", ".jsonl"))
            for report in document.reports:
                gold = [metric for metric in document.metrics if metric.report == report.report]
                for item, record in match_records(gold, predicted.get(document.report_id(report.report), [])):
                    if item is not None and record is not None and not item.doubtful:
                        matched += 1
                        rows.append({"doc": name, "report": report.report, "gold_start": item.start,
                                     "arrival_label": record.activity, "arrival_rule": record.rule,
                                     "commit": commit[:10]})
        print(f"{batch}: rules at {commit[:10]} ({git('log', '-1', '--format=%ad', '--date=format:%m-%d %H:%M', commit)}), "
              f"{len(names)} files, {matched} matched records")
    arguments.out.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")


if __name__ == "__main__":
    main()
