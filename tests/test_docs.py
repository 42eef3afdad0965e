"""The repository documents itself: every README link works in a clone, the contract is in docs/."""
from __future__ import annotations

import regex

from schemas.records import MetricRecord
from tests.conftest import ROOT

LINK = regex.compile(r"\]\(([^)\s]+)\)")


def test_readme_links_resolve_to_files_in_the_repository() -> None:
    targets = [target for target in LINK.findall((ROOT / "README.md").read_text(encoding="utf-8"))
               if not target.startswith(("http://", "https://", "mailto:", "#"))]
    assert "docs/SPEC.md" in targets
    for target in targets:
        path = (ROOT / target.split("#")[0]).resolve()
        assert path.is_relative_to(ROOT), target
        assert path.exists(), target


def test_spec_names_every_record_field() -> None:
    spec = (ROOT / "docs" / "SPEC.md").read_text(encoding="utf-8")
    for name, info in MetricRecord.model_fields.items():
        if not info.exclude:
            # Field tables name each field in their first column: "| doc_id, report_id | str | ...".
            assert regex.search(rf"(?m)^\|[^|\n]*\b{name}\b[^|\n]*\|", spec), name
