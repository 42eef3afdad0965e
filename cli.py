"""Command line: extract metric records from Chinese work-summary documents, and evaluate them."""
from __future__ import annotations

import atexit
import gc
import json
import os
import signal
from importlib import metadata
from pathlib import Path
from typing import List, Optional

# numpy's only work here (MinHash fingerprints) is elementwise and never calls BLAS: one BLAS thread
# spares this process and its workers OpenBLAS's thread pool, whose start is a tenth of a second of a
# small run. Set before anything imports numpy; a value the user set is kept.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import typer
from rich import box
from rich.console import Console
from typer.core import TyperCommand, TyperGroup
from rich.table import Table

from extract.batch import NoInputs, Outputs, check_outputs, cores, report_error, run_batch, run_extract
from extract.documents import DEFAULT_MAX_BYTES
from extract.documents.sizes import format_size, parse_size
from extract.evaluation import (
    GOLD_DIR,
    RAW_DIR,
    GoldError,
    check_gate,
    load_gold,
    load_thresholds,
    predictions_from_files,
    rule_table,
)
from extract.engines.progress import ProgressBar
from extract.evaluation import evaluate as score_reports
from extract.manifest import manifest_path
from extract.yamlfile import PATTERNS_DIR, PatternError
from schemas.records import Report

DISTRIBUTION = "outreach-metrics"


class _WordsHelp:
    """Help that names values in words (INPUT..., FILE, SIZE), never <list[str]>, {inputs} or <bool>."""

    def get_params(self, ctx):  # noqa: ANN001, ANN201 - click's own signature
        """The command's parameters, each shown by its metavar (flags by nothing) instead of its Python type."""
        params = super().get_params(ctx)  # type: ignore[misc]
        for param in params:
            words = param.metavar or ""
            if param.param_type_name == "argument":
                param.display_type_rich = lambda ctx=None: ""
                param.get_usage_pieces = lambda ctx, words=words: [words]
            else:
                param.display_type_rich = lambda ctx=None, words=words: words
        return params


class WordsCommand(_WordsHelp, TyperCommand):
    """A typer command with help in words."""


class WordsGroup(_WordsHelp, TyperGroup):
    """The typer command group with help in words."""


app = typer.Typer(
    cls=WordsGroup,
    add_completion=False,
    no_args_is_help=True,
    help="Turn the counts in Chinese work-summary reports into typed, traceable records.",
)


def _version() -> str:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:  # a clone run without pip install
        return "unknown (not installed)"


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"{DISTRIBUTION} {_version()}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True, metavar="",
                                 help="Print the version and exit."),
) -> None:
    """Turn the counts in Chinese work-summary reports into typed, traceable records."""
    # The interpreter's last garbage collections at exit walk every object still alive (the loaded
    # patterns, lexicons and gazetteer): a fifth of a second of a small run. Frozen first, they are
    # skipped, and still freed as usual. Unregistered first, so a second command adds no second hook.
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)


def _size(text: str | int) -> int:
    if isinstance(text, int):  # the default, already in bytes
        return text
    try:
        return parse_size(text)
    except ValueError as problem:
        raise typer.BadParameter(str(problem)) from None


def progress_bar(enabled: bool) -> ProgressBar:
    """The progress bar of extract, drawn on stderr (and only when stderr is a terminal), so stdout
    carries only what a command prints."""
    return ProgressBar(enabled)


@app.command(cls=WordsCommand)
def extract(
    inputs: List[str] = typer.Argument(..., metavar="INPUT...", help="Files, folders (searched recursively) or globs: txt (UTF-8, GB18030, Big5), docx, html, pdf."),
    out: str = typer.Option(..., "--out", metavar="FILE|DIR/", help="Metric records, one row per counted quantity: .csv, .parquet or .jsonl; a folder (DIR/) for a Parquet dataset."),
    reports: Optional[str] = typer.Option(None, "--reports", metavar="FILE|DIR/", help="One row per report with its report-level fields and text (a file, or DIR/ for a dataset)."),
    errors: Optional[str] = typer.Option(None, "--errors", metavar="FILE", help="One row per input that failed, with the reason."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", metavar="SIZE", parser=_size, show_default=False,
                                  help=f"Largest file, or docx expansion, that is read: bytes, or with KB, MB, GB (powers of 1024). Default: {format_size(DEFAULT_MAX_BYTES)}."),
    workers: Optional[int] = typer.Option(None, "--workers", min=1, metavar="N", help="Worker processes (default: the cores this process may use)."),
    engine: str = typer.Option("local", "--engine", metavar="local|dask", help="local (processes on this machine) or dask (Dask distributed)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", metavar="ADDRESS", help="Dask scheduler address (tcp://HOST:8786); without it a LocalCluster is started."),
    send_bytes: bool = typer.Option(False, "--send-bytes", metavar="", help="Read inputs here and send their bytes with each task, for Dask workers that cannot see the files."),
    resume: bool = typer.Option(False, "--resume", metavar="", help="Skip inputs the manifest says are done (same content), retry failed and changed ones."),
    partition_by: List[str] = typer.Option([], "--partition-by", metavar="FIELD", help="Partition a dataset output by a report-level field (doc_type, province, year ...); repeatable."),
    include: List[str] = typer.Option([], "--include", metavar="GLOB", help="Only read files whose path (relative to the input folder) matches this glob; repeatable."),
    exclude: List[str] = typer.Option([], "--exclude", metavar="GLOB", help="Leave out files whose relative path matches this glob; repeatable."),
    chunk_files: Optional[int] = typer.Option(None, "--chunk-files", min=1, metavar="N", help="Files per task (default: up to 32, fewer for small batches)."),
    progress: bool = typer.Option(True, "--progress/--no-progress", metavar="", help="Progress bar on stderr, drawn only when stderr is a terminal (stdout stays free for output)."),
    patterns: Path = typer.Option(PATTERNS_DIR, "--patterns", metavar="DIR", help="Folder of pattern YAML files (lexicons, units, rules)."),
    rules_only: bool = typer.Option(False, "--rules-only", metavar="", help="Switch off the learned models: every activity and doc type comes from a rule in patterns/."),
) -> None:
    """Read documents, split them into reports and write their metric records.

    Example: python cli.py extract corpus/raw --out out/records.csv --reports out/reports.csv
    A bad file is reported on one line on stderr and skipped; files that are not documents are skipped;
    the exit code is 1 when any input failed. A manifest beside --out records every input, so an
    interrupted run continues with --resume.
    """
    outputs = Outputs(records=out, reports=reports, errors=errors, partition_by=list(partition_by))
    try:
        check_outputs(outputs)
        if engine not in ("local", "dask"):
            raise ValueError(f"--engine {engine}: use local or dask")
        if scheduler and engine != "dask":
            raise ValueError("--scheduler needs --engine dask")
    except ValueError as problem:
        typer.echo(f"error: {problem}", err=True)
        raise typer.Exit(2) from None
    # SIGTERM stops the run like Ctrl-C: finished chunks stay in the manifest for --resume.
    signal.signal(signal.SIGTERM, _interrupt)
    workers = workers or cores()
    runner = None
    try:
        with progress_bar(progress) as bar:
            if engine == "dask":
                from extract.engines.cluster import DaskEngine

                runner = DaskEngine(workers, scheduler)
            tally = run_extract(inputs, outputs, engine=runner, workers=workers, resume=resume, max_bytes=max_bytes,
                                patterns=patterns, rules_only=rules_only, include=include, exclude=exclude, send_bytes=send_bytes,
                                chunk_files=chunk_files, progress=bar)
    except PatternError as problem:
        typer.echo(f"error: {problem}", err=True)
        raise typer.Exit(2) from None
    except NoInputs as problem:
        typer.echo(f"error: {problem}", err=True)
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        typer.echo(f"interrupted: finished files are in {manifest_path(out)}; run again with --resume to go on", err=True)
        raise typer.Exit(130) from None
    finally:
        if runner is not None:
            runner.close()
    typer.echo(tally.summary(f" written to {out}"), err=True)
    if tally.failed:
        raise typer.Exit(1)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _predicted(pred: Optional[Path], pred_reports: Optional[Path], raw: Path, patterns: Path,
               rules_only: bool = False) -> list[Report]:
    if pred is not None:
        return predictions_from_files(pred, pred_reports)
    try:
        return run_batch([str(raw)], patterns=patterns, rules_only=rules_only).reports
    except PatternError as problem:
        typer.echo(f"error: {problem}", err=True)
        raise typer.Exit(2) from None


def _gold(gold: Path) -> dict:
    """The gold corpus, or exit 2 naming the folder: scoring against no gold proves nothing."""
    try:
        return load_gold(gold)
    except GoldError as problem:
        typer.echo(f"error: {problem}", err=True)
        raise typer.Exit(2) from None


@app.command(cls=WordsCommand)
def evaluate(
    gold: Path = typer.Option(GOLD_DIR, "--gold", metavar="DIR", help="Folder of gold JSON Lines files (one per document)."),
    pred: Optional[Path] = typer.Option(None, "--pred", metavar="FILE", help="Predicted records (.jsonl) instead of running the extractor."),
    pred_reports: Optional[Path] = typer.Option(None, "--pred-reports", metavar="FILE", help="Predicted reports (.jsonl) that go with --pred."),
    raw: Path = typer.Option(RAW_DIR, "--raw", metavar="DIR", help="Folder of the raw documents the gold labels describe."),
    as_json: bool = typer.Option(False, "--json", metavar="", help="Print the figures as JSON."),
    show_errors: bool = typer.Option(False, "--show-errors", metavar="", help="List every false positive and false negative with its evidence."),
    old_errors: bool = typer.Option(False, "--errors", metavar="", hidden=True, help="Deprecated name of --show-errors."),
    min_f1: Optional[float] = typer.Option(None, "--min-f1", metavar="F1", help="Fail (exit 1) when quantity detection F1 is below this."),
    gate: Optional[Path] = typer.Option(None, "--gate", metavar="FILE", help="Thresholds file (YAML); fail when any gated figure is below it."),
    patterns: Path = typer.Option(PATTERNS_DIR, "--patterns", metavar="DIR", help="Folder of pattern YAML files to evaluate."),
    rules_only: bool = typer.Option(False, "--rules-only", metavar="", help="Score the rules alone, with the learned models (activity, doc type) switched off."),
) -> None:
    """Score the extractor against the gold corpus: detection P/R/F1 and per-field accuracy.

    Example: python cli.py evaluate --gold corpus/gold --gate corpus/thresholds.yaml
    """
    if old_errors:
        # --errors names a file in extract; here it was a switch, so it was renamed.
        typer.echo("note: evaluate --errors is deprecated, use --show-errors", err=True)
    result = score_reports(_gold(gold), _predicted(pred, pred_reports, raw, patterns, rules_only))
    figures = result.as_dict()
    if as_json:
        typer.echo(json.dumps(figures, ensure_ascii=False, indent=2))
    else:
        typer.echo(format_table(figures))
    if show_errors or old_errors:
        for mismatch in result.errors + result.field_errors:
            typer.echo(f"{mismatch.kind}\t{mismatch.report_id}\t{mismatch.raw}\t{mismatch.detail}\t{mismatch.evidence}")
    thresholds = load_thresholds(gate) if gate else {}
    if min_f1 is not None:
        thresholds["quantity_f1"] = min_f1
    failures = check_gate(figures, thresholds)
    for failure in failures:
        typer.echo(f"gate: {failure}", err=True)
    if failures:
        raise typer.Exit(1)


@app.command(cls=WordsCommand)
def rules(
    gold: Path = typer.Option(GOLD_DIR, "--gold", metavar="DIR", help="Folder of gold JSON Lines files."),
    raw: Path = typer.Option(RAW_DIR, "--raw", metavar="DIR", help="Folder of the raw documents the gold labels describe."),
    patterns: Path = typer.Option(PATTERNS_DIR, "--patterns", metavar="DIR", help="Folder of pattern YAML files."),
) -> None:
    """Per rule id: records produced, how many matched gold, precision; then gold records no rule found."""
    rows, missed = rule_table(_gold(gold), _predicted(None, None, raw, patterns))
    # rich measures cell width, so rule names in Chinese (two columns a character) still line up.
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("rule", no_wrap=True)
    for name in ("records", "matched", "precision"):
        table.add_column(name, justify="right")
    for row in rows:
        table.add_row(row["rule"], str(row["records"]), str(row["matched"]), f"{row['precision']:.3f}")
    console = Console(soft_wrap=True, highlight=False)
    console.print(table)
    doubtful = sum(mismatch.doubtful for mismatch in missed)
    typer.echo(f"\n{len(missed)} gold records found by no rule ({doubtful} of them doubtful: labelled, but "
               f"whether they count is uncertain, see their why):")
    for mismatch in missed:
        note = f"\tdoubtful: {mismatch.detail}" if mismatch.doubtful else ""
        typer.echo(f"  {mismatch.report_id}\t{mismatch.raw}\t{mismatch.evidence}{note}")


@app.command(cls=WordsCommand)
def review(
    inputs: Optional[List[str]] = typer.Argument(None, metavar="[INPUT...]", help="Files, folders or globs to extract (or give --records and --reports)."),
    out: Path = typer.Option(..., "--out", metavar="FILE", help="The review page: one self-contained, offline HTML file."),
    records: Optional[Path] = typer.Option(None, "--records", metavar="FILE", help="Records already written by extract (.csv, .jsonl, .parquet)."),
    reports: Optional[Path] = typer.Option(None, "--reports", metavar="FILE", help="The reports file written with --records (it holds the texts)."),
    against: Optional[Path] = typer.Option(None, "--against", metavar="FILE|DIR", help="A previous run's records file, or a gold folder: mark new, missing and changed records."),
    patterns: Path = typer.Option(PATTERNS_DIR, "--patterns", metavar="DIR", help="Folder of pattern YAML files (when extracting)."),
) -> None:
    """Write an HTML page with every record highlighted in its report text, and a table of the records.

    Example: python cli.py review corpus/raw --out review.html --against corpus/gold
    """
    if bool(inputs) == bool(records or reports):
        raise typer.BadParameter("give INPUT... to extract, or --records with --reports, not both")
    if (records is None) != (reports is None):
        raise typer.BadParameter("--records and --reports go together: the reports file holds the texts")
    # Imported here: the review reads Parquet (pyarrow) and renders a template, which extract never needs.
    from extract.review import ReviewInputError, compare_with, read_reports_with_records, render_review, write_review

    try:
        comparison = compare_with(against) if against is not None else None
        if records is not None and reports is not None:
            found = read_reports_with_records(records, reports)
            failed = 0
        else:
            result = run_batch(inputs or [], patterns=patterns)
            for error in result.errors:
                report_error(error)
            found, failed = result.reports, len(result.errors)
    except (ReviewInputError, PatternError) as problem:
        typer.echo(f"error: {problem}", err=True)
        raise typer.Exit(2) from None
    title = "Review of " + ", ".join(inputs or [str(records)])
    write_review(render_review(found, comparison, title=title), out)
    typer.echo(f"{len(found)} reports, {sum(len(report.records) for report in found)} records: review page written to {out}", err=True)
    if failed:
        typer.echo(f"{failed} input(s) failed", err=True)
        raise typer.Exit(1)


@app.command(cls=WordsCommand)
def compare(
    records: Path = typer.Argument(..., metavar="RECORDS", help="Metric records: .csv, .jsonl, .parquet, or a folder of Parquet files."),
    reports: Path = typer.Option(..., "--reports", metavar="FILE|DIR", help="The reports of the same run (any output format or a Parquet folder)."),
    by: str = typer.Option(..., "--by", metavar="FIELD", help="Group reports by: province, city, county, organization_type or year."),
    activity: Optional[List[str]] = typer.Option(None, "--activity", metavar="ACTIVITY", help="Only these activities (repeat); the first is charted."),
    out: Path = typer.Option(..., "--out", metavar="FILE", help="The table, one row per group: .csv, .parquet or .xlsx."),
    chart: Optional[List[Path]] = typer.Option(None, "--chart", metavar="FILE", help="Chart file(s): .png or .svg (paper), .html (offline page), no suffix for both."),
) -> None:
    """Compare groups of reports: counted reports (copies once), achieved totals and medians, channel and audience shares.

    Example: python cli.py compare out/records.csv --reports out/reports.csv --by province --out out/compare.xlsx --chart out/compare
    """
    from extract.analysis import compare as comparison
    from extract.analysis.chartdata import chart_data
    from extract.analysis.charts import chart_paths, write_charts
    from extract.analysis.tables import TableError, read_table, write_table
    from schemas.labels import Activity

    if by not in comparison.GROUPINGS:
        raise typer.BadParameter(f"use one of {', '.join(comparison.GROUPINGS)}", param_hint="--by")
    unknown = [name for name in activity or [] if name not in {member.value for member in Activity}]
    if unknown:
        raise typer.BadParameter(f"unknown activity {', '.join(unknown)}", param_hint="--activity")
    try:
        for path in chart or []:
            chart_paths(path)
        if out.suffix.lower() not in (".csv", ".parquet", ".xlsx"):
            raise ValueError(f"{out}: unknown table suffix {out.suffix!r}; use .csv, .parquet or .xlsx")
    except ValueError as problem:
        raise typer.BadParameter(str(problem)) from None
    try:
        record_table = read_table(records, comparison.RECORD_COLUMNS)
        report_table = read_table(reports, comparison.REPORT_COLUMNS)
    except TableError as problem:
        typer.echo(f"error: {problem}", err=True)
        raise typer.Exit(2) from None
    result = comparison.compare(record_table, report_table, by, activity or None)
    write_table(result.table, out)
    typer.echo(f"{len(result.table)} groups, {int(result.table['reports'].sum())} reports counted "
               f"({int(result.table['copies_left_out'].sum())} copies left out), table written to {out}", err=True)
    if result.orphan_records:
        typer.echo(f"warning: {result.orphan_records} record(s) have no report in {reports} and are left out", err=True)
    for path in chart or []:
        try:
            written = write_charts(chart_data(result, (activity or [None])[0]), path)
        except ValueError as problem:
            typer.echo(f"error: {problem}", err=True)
            raise typer.Exit(1) from None
        typer.echo(f"chart written to {', '.join(map(str, written))}", err=True)


def format_table(figures: dict) -> str:
    """The evaluate figures as a plain-text table."""
    quantity = figures["quantity"]
    lines = [f"reports: {figures['reports']}   matched records: {figures['matched']}",
             f"{'quantity detection':<24}P {quantity['precision']:.3f}  R {quantity['recall']:.3f}  F1 {quantity['f1']:.3f}"
             f"   (tp {quantity['tp']}, fp {quantity['fp']}, fn {quantity['fn']})",
             f"{'doubtful gold':<24}found {figures['doubtful']['tp']} of {figures['doubtful']['tp'] + figures['doubtful']['fn']}",
             "", "field accuracy on matched records:"]
    lines += [f"  {name:<22}{value:.3f}" for name, value in figures["fields"].items()]
    lines += ["", "label sets on matched records (each label counted):"]
    lines += [f"  {name:<22}P {score['precision']:.3f}  R {score['recall']:.3f}  F1 {score['f1']:.3f}"
              for name, score in figures.get("label_sets", {}).items()]
    lines += ["", "report fields:"]
    for name, score in figures["report_fields"].items():
        if "f1" in score:
            lines.append(f"  {name:<22}P {score['precision']:.3f}  R {score['recall']:.3f}  F1 {score['f1']:.3f}")
        else:
            lines.append(f"  {name:<22}accuracy {score['accuracy']:.3f}")
    return "\n".join(lines)


if __name__ == "__main__":
    app()
