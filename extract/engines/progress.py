"""Progress on stderr: a live bar only when stderr is a terminal, error lines once, one summary line at the end."""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

MEGABYTE = 1024 * 1024


@dataclass
class Tally:
    """The counts of a run, shown live and in the summary line."""

    files: int = 0
    read: int = 0
    skipped: int = 0
    failed: int = 0
    resumed: int = 0
    without_reports: int = 0  # read without error, but no report in them (all chrome, say)
    reports: int = 0
    records: int = 0
    bytes: int = 0
    started: float = field(default_factory=time.monotonic)

    def megabytes_per_second(self) -> float:
        """Input processed per second of wall time since the run started."""
        return self.bytes / MEGABYTE / max(time.monotonic() - self.started, 1e-9)

    def summary(self, written: str) -> str:
        """The run's one summary line."""
        seconds = time.monotonic() - self.started
        parts = [f"{self.read} of {self.files} files read"]
        if self.resumed:
            parts.append(f"{self.resumed} taken from the manifest")
        parts.append(f"{self.skipped} skipped (not documents)")
        parts.append(f"{self.failed} failed")
        if self.without_reports:
            parts.append(f"{self.without_reports} read but without any report")
        return (", ".join(parts) + f"; {self.reports} reports, {self.records} records{written}"
                f" in {seconds:.1f} s ({self.megabytes_per_second():.2f} MB/s)")


class ProgressBar:
    """The live bar (drawn only on a terminal) and the error lines, all on stderr."""

    def __init__(self, enabled: bool, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True, highlight=False)
        self.live = enabled and self.console.is_terminal
        self.bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("files · {task.fields[reports]} reports · {task.fields[records]} records · "
                                       "{task.fields[speed]:.2f} MB/s · {task.fields[errors]} errors"),
                            TimeRemainingColumn(), console=self.console, transient=True, disable=not self.live,
                            auto_refresh=False)  # no refresh thread: worker processes can be forked safely
        self.task = None

    def __enter__(self) -> "ProgressBar":
        self.bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.__exit__(*exc)

    def start(self, total: int, done: int) -> None:
        """Show the bar for `total` files, `done` of them already finished (resumed)."""
        self.task = self.bar.add_task("extracting", total=total, completed=done, reports=0, records=0, speed=0.0, errors=0)
        self.bar.refresh()

    def update(self, tally: Tally, advance: int) -> None:
        """Move the bar on after a chunk."""
        if self.task is not None:
            self.bar.update(self.task, advance=advance, reports=tally.reports, records=tally.records,
                            speed=tally.megabytes_per_second(), errors=tally.failed, refresh=True)

    def error(self, line: str) -> None:
        """One error line on stderr, above the bar when there is one."""
        if self.live:
            self.bar.console.print(line, style="red", markup=False, highlight=False, soft_wrap=True)
        else:
            print(line, file=sys.stderr, flush=True)
