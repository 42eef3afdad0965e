"""Sizes for --max-bytes: 20MB in, bytes out; bytes shown back as 20MB."""
from __future__ import annotations

import pytest
import yaml

from extract.documents.sizes import format_size, parse_size
from tests.conftest import DATA

CASES = yaml.safe_load((DATA / "size_cases.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[case["text"] or "empty" for case in CASES])
def test_parse_size(case: dict) -> None:
    if case.get("error"):
        with pytest.raises(ValueError, match="size"):
            parse_size(case["text"])
    else:
        assert parse_size(case["text"]) == case["bytes"]


@pytest.mark.parametrize(("size", "shown"), [(20971520, "20MB"), (524288, "512KB"), (1610612736, "1.5GB"),
                                              (1000, "1000B"), (2147483648, "2GB")])
def test_format_size_round_trips(size: int, shown: str) -> None:
    assert format_size(size) == shown
    assert parse_size(shown) == size
