"""The body and region of whole reports: from the body's name, else the first place in the text; every
region the seed reports name resolves or says why not."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from extract.evaluation.gold import load_gold
from extract.pipeline import extract_file, extract_text
from extract.regions import load_resolver
from tests.conftest import DATA, RAW

BODY_REGION_CASES = yaml.safe_load((DATA / "body_region_cases.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("text", "organization", "region", "code"), [
    ("韩城市公安局新城派出所四项举措在辖区内开展了防范电信诈骗宣传工作，共发放宣传单500份。", "韩城市公安局新城派出所", "韩城市", "610581"),
    ("为进一步提高辖区居民防范意识，xx派出所立足辖区实际，开展宣传活动3次。", "xx派出所", None, None),
    ("霍林郭勒市检察院组织干警深入社区，开展宣传活动5场。", "霍林郭勒市检察院", "霍林郭勒市", "150581"),
    ("六安分公司在全市开展打击信息诈骗专项活动，发送公益短信3万条。", "六安分公司", "六安", "341500"),
    ("认真贯彻落实驻马店市驿城区医保局要求，开展宣传活动5场。", None, "驻马店市驿城区", "411702"),
    ("近期，峨桥派出所开展宣传。", "峨桥派出所", "峨桥", "340203"),
    ("xx县公安局开展宣传活动3场，县城南部的闽清县群众参加。", "xx县公安局", None, None),
    ("案例一：一事主在家中接到电话，告知事主在昆明市装有一部电话并欠费3600元。", None, None, None),
    ("根据《崇仁县打击治理电信网络诈骗工作实施意见》，制定相山镇实施方案。", None, "相山镇", "361024"),
])
def test_body_and_region(text: str, organization: str | None, region: str | None, code: str | None) -> None:
    report = extract_text(text)[0]
    assert (report.organization, report.region, report.region_code) == (organization, region, code)


@pytest.mark.parametrize("case", BODY_REGION_CASES, ids=[case["id"] for case in BODY_REGION_CASES])
def test_region_a_body_names(case: dict) -> None:
    report = extract_text(case["text"])[0]
    assert (report.organization, report.region) == (case["organization"], case["region"])


def test_ambiguous_region_keeps_its_name_and_a_note() -> None:
    report = extract_text("东区开展了防范通讯网络新型违法犯罪宣传月活动，发放资料300份。")[0]
    assert report.region == "东区" and report.province is None
    assert report.region_note.startswith("东区: ") and "ambiguous" in report.region_note


def test_town_stem_is_a_place_only_in_a_town_named_body() -> None:
    assert extract_text("我们白鹤社区开展宣传活动3场。")[0].region is None


@pytest.fixture(scope="module")
def seed_reports() -> list:
    return [report for path in sorted(RAW.glob("*.txt")) for report in extract_file(path, doc_id=path.name)]


def test_every_seed_region_resolves_or_says_why(seed_reports: list) -> None:
    named = [report for report in seed_reports if report.region]
    assert len(named) >= 15
    for report in named:
        assert report.province or report.region_note, (report.report_id, report.region)


def test_every_gold_region_label_resolves_or_says_why() -> None:
    resolver = load_resolver()
    labels = {report.region for document in load_gold().values() for report in document.reports if report.region}
    assert labels
    for label in sorted(labels):
        found = resolver.resolve(label)
        assert found.province or found.region_note, label


def test_seed_regions_resolve_to_their_provinces(seed_reports: list) -> None:
    provinces = {report.region: report.province for report in seed_reports if report.region}
    assert provinces["韩城市"] == "陕西省"
    assert provinces["驻马店市驿城区"] == "河南省"
    assert provinces["霍林郭勒市"] == "内蒙古自治区"
    assert provinces["相山镇"] == "江西省"
    assert provinces["秭归县"] == "湖北省"


def test_region_fields_in_written_reports(tmp_path: Path) -> None:
    """The resolved fields reach the reports file (CSV) as columns."""
    from extract.write import write_models  # noqa: PLC0415 - only this test writes
    from schemas.records import Report  # noqa: PLC0415

    reports = extract_text("霍林郭勒市检察院组织干警深入社区，开展宣传活动5场。")
    out = tmp_path / "reports.csv"
    write_models(reports, out, Report)
    header = out.read_text(encoding="utf-8-sig").splitlines()[0]
    assert {"province", "city", "county", "region_code", "region_note", "organization_type", "year"} <= set(header.split(","))
