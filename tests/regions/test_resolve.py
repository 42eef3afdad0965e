"""Region resolution on held-out place names (tests/data/region_cases.yaml): right where it answers, silent
where a name is ambiguous, and a wrong answer rarer than an abstention, with province precision ≥ 0.97."""
from __future__ import annotations

import pytest
import yaml

from extract.regions import Resolution, load_resolver
from tests.conftest import DATA

CASES = yaml.safe_load((DATA / "region_cases.yaml").read_text(encoding="utf-8"))
MIN_PROVINCE_PRECISION = 0.97


def verdict(case: dict, found: Resolution) -> str:
    """right, wrong or abstained: an answer for an ambiguous name or a non-place is wrong."""
    if case.get("ambiguous") or case.get("place") is False:
        return "wrong" if found.province else "abstained"
    if not found.province:
        return "abstained"
    for field in ("province", "city", "county"):
        if case.get(field) and getattr(found, field) and case[field] != getattr(found, field):
            return "wrong"
    if case.get("code") and found.region_code != case["code"]:
        return "wrong"
    return "right"


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_each_held_out_name(case: dict) -> None:
    found = load_resolver().resolve(case["name"])
    if case.get("ambiguous"):
        assert found.province is None and found.county is None
        assert found.region_note and found.region_note.count(",") >= 1, found.region_note
    elif case.get("place") is False:
        assert found.province is None and found.region_note
    else:
        assert verdict(case, found) == "right", found


def test_wrong_is_rarer_than_abstaining_and_province_precision() -> None:
    resolver = load_resolver()
    results = [(case, resolver.resolve(case["name"])) for case in CASES]
    verdicts = [verdict(case, found) for case, found in results]
    answered = [(case, found) for case, found in results if found.province]
    right_province = [case for case, found in answered if case.get("province") == found.province]
    precision = len(right_province) / len(answered)
    assert len(CASES) >= 60
    assert verdicts.count("wrong") < verdicts.count("abstained")
    assert precision >= MIN_PROVINCE_PRECISION, precision


def test_the_table_covers_every_kind() -> None:
    kinds = {case["kind"] for case in CASES}
    assert {"ambiguous", "old", "traditional", "hk_mo_tw", "county_city", "suffixless", "county"} <= kinds


def test_ambiguous_note_lists_candidates_with_codes() -> None:
    assert load_resolver().resolve("朝阳区").region_note == "朝阳区: 北京市朝阳区 110105, 长春市朝阳区 220104 (ambiguous)"


@pytest.mark.parametrize(("context", "province", "code"), [
    ("北京市公安局朝阳分局在辖区开展宣传", "北京市", "110105"),
    ("根据长春市公安局的部署", "吉林省", "220104"),
])
def test_context_decides_an_ambiguous_name(context: str, province: str, code: str) -> None:
    found = load_resolver().resolve("朝阳区", context=context)
    assert (found.province, found.region_code, found.region_note) == (province, code, None)


def test_context_naming_both_candidates_decides_nothing() -> None:
    found = load_resolver().resolve("朝阳区", context="北京和长春两地")
    assert found.province is None and "ambiguous" in found.region_note


def test_the_spec_example() -> None:
    found = load_resolver().resolve("韩城市")
    assert (found.province, found.city, found.county, found.region_code, found.region_note) == \
        ("陕西省", "渭南市", "韩城市", "610581", None)


def test_hong_kong_district_takes_the_code_of_its_region() -> None:
    found = load_resolver().resolve("湾仔区")
    assert (found.province, found.county, found.region_code) == ("香港特别行政区", "湾仔区", "810000")


def test_partly_resolved_when_candidates_share_a_parent() -> None:
    """桥西区 is a district of three cities of 河北省: the province is decided, the county is not."""
    found = load_resolver().resolve("桥西区")
    assert (found.province, found.city, found.county, found.region_code) == ("河北省", None, None, "130000")
    assert found.region_note.startswith("桥西区: ") and "ambiguous" in found.region_note


def test_masked_and_empty() -> None:
    assert load_resolver().resolve("xx县").region_note == "xx县: masked in the source"
    assert load_resolver().resolve(None) == Resolution()
