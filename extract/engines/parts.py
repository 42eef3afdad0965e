"""Finished chunks kept on disk (one JSON Lines part per chunk) until the outputs are assembled from them."""
from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Iterable

from extract.write import commit, temporary_beside

PART_SUFFIX = ".part.jsonl"


def parts_folder(manifest: Path) -> Path:
    """The hidden folder beside a manifest where its run keeps finished chunks."""
    return manifest.parent / f".{manifest.name.removesuffix('.jsonl')}.parts"


class PartStore:
    """Writes each finished chunk as one part file (atomically) and reads one back by name."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def write(self, lines: Iterable[str]) -> str:
        """Store the part lines (JSON, made by the workers) of a chunk's successful files; returns the part's name."""
        name = f"{uuid.uuid4().hex}{PART_SUFFIX}"
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = temporary_beside(self.folder / name)
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.writelines(line + "\n" for line in lines)
        commit(temporary, self.folder / name)
        return name

    def exists(self, name: str) -> bool:
        """Whether a part the manifest names is still on disk."""
        return (self.folder / name).is_file()

    def read(self, name: str) -> dict[str, list[dict]]:
        """The report rows (each with its records) of every file in one part, by input path."""
        found = {}
        with open(self.folder / name, encoding="utf-8") as handle:
            for line in handle:
                data = json.loads(line)
                found[data["path"]] = data["reports"]
        return found

    def prune(self, keep: set[str]) -> None:
        """Delete parts no manifest entry points at (left by a kill between a part and its manifest lines)."""
        if self.folder.is_dir():
            for path in self.folder.iterdir():
                if path.name not in keep:
                    path.unlink()
