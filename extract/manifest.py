"""The run manifest beside the output: per input its content hash, status, counts and error, appended as files finish."""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Iterable, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from extract.write import commit, is_dataset, temporary_beside

MANIFEST_SUFFIX = ".manifest.jsonl"
DATASET_MANIFEST = "_manifest.jsonl"  # pyarrow and pandas skip files starting with "_" in a dataset folder
MANIFEST_KIND = "outreach-metrics manifest"


class Entry(BaseModel):
    """What happened to one input: done (with its counts and the part holding its rows), failed or skipped."""

    model_config = ConfigDict(extra="forbid")

    path: str
    doc_id: str
    hash: str
    status: Literal["done", "failed", "skipped"]
    reports: int = 0
    records: int = 0
    error: str | None = None
    part: str | None = None


class Header(BaseModel):
    """The manifest's first line: the outputs the run writes and a fingerprint of its settings."""

    model_config = ConfigDict(extra="forbid")

    kind: str = MANIFEST_KIND
    outputs: list[str]
    settings: str


def manifest_path(out: str | Path) -> Path:
    """Where the manifest of a run writing `out` lives: inside a dataset folder, else beside the file."""
    return Path(out) / DATASET_MANIFEST if is_dataset(out) else Path(f"{out}{MANIFEST_SUFFIX}")


def content_hash(data: bytes) -> str:
    """The content hash that tells an unchanged input from a changed one."""
    return hashlib.sha256(data).hexdigest()


def settings_fingerprint(patterns: Path, max_bytes: int, rules_only: bool = False) -> str:
    """A hash of everything besides the input that decides the output: pattern files (the YAML and the
    learned models' weights), the size limit and whether the models are switched off."""
    digest = hashlib.sha256(f"max_bytes={max_bytes}\n".encode() + (b"rules_only\n" if rules_only else b""))
    for path in sorted([*patterns.rglob("*.yaml"), *patterns.rglob("*.json")]):
        digest.update(path.relative_to(patterns).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def read_manifest(path: Path) -> tuple[Header | None, dict[str, Entry]]:
    """The header and the latest entry per input path; a line cut short by a crash is ignored."""
    header: Header | None = None
    entries: dict[str, Entry] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None, {}
    for number, line in enumerate(lines):
        try:
            data = json.loads(line)
            if number == 0:
                header = Header.model_validate(data)
            else:
                entry = Entry.model_validate(data)
                entries[entry.path] = entry
        except (ValueError, ValidationError):
            # Only the last line can be torn by a kill; anything else unreadable means this is not our manifest.
            if number == 0:
                return None, {}
    return header, entries


def written_by(path: Path) -> list[Path]:
    """The outputs a manifest file says its run wrote (empty when it is no manifest of ours)."""
    header, _ = read_manifest(path) if path.name.endswith((MANIFEST_SUFFIX, DATASET_MANIFEST)) else (None, {})
    return [Path(output) for output in header.outputs] if header else []


class Manifest:
    """An append-only manifest: started with a header and the entries kept from before, then one line per input."""

    def __init__(self, path: Path, header: Header, kept: Iterable[Entry] = ()) -> None:
        self.path = path
        temporary = temporary_beside(path)
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(header.model_dump_json() + "\n")
            for entry in kept:
                handle.write(entry.model_dump_json() + "\n")
        commit(temporary, path)
        self.handle = open(path, "a", encoding="utf-8")

    def append(self, entries: Iterable[Entry]) -> None:
        """Add entries and push them to disk, so a kill right after loses none of them."""
        for entry in entries:
            self.handle.write(entry.model_dump_json() + "\n")
        self.handle.flush()
        os.fsync(self.handle.fileno())

    def close(self) -> None:
        """Close the file; every line is already on disk."""
        self.handle.close()
