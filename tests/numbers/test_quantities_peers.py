"""Outside check: the peer cases from Recognizers-Text and cn2an (tests/data/peer_specs, MIT, see its README)."""
from __future__ import annotations

import json
import math

import pytest
from pydantic import BaseModel, ConfigDict

from extract.numbers.quantities import parse_quantities
from extract.yamlfile import load_model
from tests.conftest import DATA

# A copy of ../shared/peer-specs kept in the repository (with its licence notes), so that a clone
# anywhere runs the same outside check.
PEER_DIR = DATA / "peer_specs"
SKIPS_FILE = DATA / "peer_skips.yaml"
MAX_SKIP_SHARE = 0.05


class PeerSkip(BaseModel):
    """A peer case this project does not support, and why."""

    model_config = ConfigDict(extra="forbid")

    input: str
    reason: str


class PeerSkips(BaseModel):
    """tests/data/peer_skips.yaml."""

    model_config = ConfigDict(extra="forbid")

    skips: list[PeerSkip]


def _read_peer_cases() -> list[dict]:
    if not PEER_DIR.is_dir():
        raise FileNotFoundError(f"peer specs not found at {PEER_DIR}: the peer test cannot run without them")
    cases = []
    for name in ("numbers.jsonl", "numbers_negatives.jsonl"):
        lines = (PEER_DIR / name).read_text(encoding="utf-8").splitlines()
        cases.extend(json.loads(line) for line in lines if line.strip())
    return cases


PEER_CASES = _read_peer_cases()
SKIPS = {skip.input: skip.reason for skip in load_model(SKIPS_FILE, PeerSkips).skips}


def _passes(case: dict) -> bool:
    found = parse_quantities(case["input"])
    if case["expected"] is None:
        return not found
    expected = float(case["expected"])
    return any(
        quantity.value is not None and math.isclose(quantity.value, expected, rel_tol=1e-9, abs_tol=1e-9)
        for quantity in found
    )


def test_peer_cases_are_present() -> None:
    assert len(PEER_CASES) >= 350


def test_skips_are_few_and_name_real_cases() -> None:
    inputs = {case["input"] for case in PEER_CASES}
    assert set(SKIPS) <= inputs, sorted(set(SKIPS) - inputs)
    assert len(SKIPS) <= MAX_SKIP_SHARE * len(PEER_CASES)


@pytest.mark.parametrize(
    "case", PEER_CASES, ids=[f"{index}:{case['input'][:20]}" for index, case in enumerate(PEER_CASES)]
)
def test_peer_case(case: dict) -> None:
    if case["input"] in SKIPS:
        assert not _passes(case), f"stale skip: {case['input']!r} now passes; remove it from peer_skips.yaml"
        return
    assert _passes(case), (case["input"], case["expected"], case["note"], parse_quantities(case["input"]))
