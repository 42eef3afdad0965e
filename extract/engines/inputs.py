"""Which files a run reads: inputs expanded, the run's own outputs left out, non-documents skipped."""
from __future__ import annotations

import glob
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterable

import regex

from extract.documents.read import sniff_format
from extract.manifest import DATASET_MANIFEST, MANIFEST_SUFFIX, written_by

GLOB_CHARACTERS = "*?["
# A file of these suffixes is a document unless its content says otherwise; no suffix counts as text.
DOCUMENT_SUFFIXES = frozenset({"", ".txt", ".text", ".htm", ".html", ".xhtml", ".shtml", ".shtm", ".docx", ".pdf",
                               ".doc", ".asp", ".aspx", ".php", ".jsp"})
# Content that is never a document whatever the suffix: images, archives, Parquet, SQLite, gzip.
OTHER_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"RIFF", b"PAR1", b"SQLite format", b"\x1f\x8b",
               b"7z\xbc\xaf", b"Rar!", b"\x00\x00\x01\x00", b"II*\x00", b"MM\x00*")


@dataclass(frozen=True)
class Candidate:
    """A file found from the inputs; `named` when the user gave its path itself (always read, never skipped)."""

    path: Path
    doc_id: str
    named: bool = False


def _doc_id(path: Path, root: Path) -> str:
    try:
        relative = path.relative_to(root)
    except ValueError:
        relative = Path(path.name)
    return relative.as_posix() if relative.parts else path.name


def _matches(doc_id: str, patterns: Iterable[str]) -> bool:
    # PurePath.match matches from the right, so `*.txt` matches at any depth and `sub/*.txt` in sub/.
    path = PurePosixPath(doc_id)
    return any(path.match(pattern) for pattern in patterns)


def _walk(inputs: Iterable[str]) -> dict[Path, Candidate]:
    found: dict[Path, Candidate] = {}
    for item in inputs:
        path = Path(item)
        if any(char in item for char in GLOB_CHARACTERS) and not path.exists():
            prefix = regex.split(r"[*?\[]", item)[0]
            # The folder part before the first wildcard: doc_ids are relative to it.
            root = Path(prefix) if prefix.endswith(("/", "\\")) else Path(prefix).parent
            for match in sorted(Path(match) for match in glob.glob(item, recursive=True)):
                if match.is_file():
                    found.setdefault(match, Candidate(match, _doc_id(match, root)))
        elif path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not any(part.startswith(".") for part in child.relative_to(path).parts):
                    found.setdefault(child, Candidate(child, _doc_id(child, path)))
        else:
            found[path] = Candidate(path, path.name, named=True)
    return found


def _own_outputs(found: Iterable[Path], outputs: Iterable[Path]) -> set[Path]:
    """Outputs of this run, and of any run whose manifest lies among the inputs, as resolved paths."""
    own = {Path(output).resolve() for output in outputs}
    for path in found:
        if path.name.endswith(MANIFEST_SUFFIX) or path.name == DATASET_MANIFEST:
            written = written_by(path)
            if written:
                own.add(path.resolve())
                own.update(output.resolve() for output in written)
    return own


def find_inputs(inputs: Iterable[str], outputs: Iterable[Path] = (), include: Iterable[str] = (),
                exclude: Iterable[str] = ()) -> list[Candidate]:
    """Expand files, folders (recursively) and globs into candidates in a stable order, leaving out the
    outputs given, outputs named by manifests found among the inputs, and files the globs filter out."""
    include, exclude = list(include), list(exclude)
    found = _walk(inputs)
    own = _own_outputs(found, outputs)
    kept = []
    for path, candidate in found.items():
        resolved = path.resolve()
        if resolved in own or any(parent in own for parent in resolved.parents):
            continue
        if (include and not _matches(candidate.doc_id, include)) or _matches(candidate.doc_id, exclude):
            continue
        kept.append(candidate)
    return kept


def collect_inputs(inputs: Iterable[str]) -> list[tuple[Path, str]]:
    """Expand files, folders (recursively) and globs into (path, doc_id) pairs, in a stable order."""
    return [(candidate.path, candidate.doc_id) for candidate in find_inputs(inputs)]


def is_document(candidate: Candidate, data: bytes) -> bool:
    """Whether a file is a document to read: by its content first, its suffix as the hint for plain text."""
    if candidate.named:
        return True
    head = data[:4096]
    suffix = candidate.path.suffix.lower()
    if head.startswith(OTHER_MAGIC):
        return False
    kind = sniff_format(head)
    if kind == "docx":
        if suffix == ".docx":
            return True  # a broken docx is still a document, and its error says why
        try:
            return "word/document.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist()
        except (zipfile.BadZipFile, ValueError, EOFError):
            return False
    if kind in ("pdf", "ole") or (kind == "html" and not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<?xml")):
        return True  # an archived page is html whatever its suffix (.asp, .php, none); other XML goes by suffix
    return suffix in DOCUMENT_SUFFIXES
