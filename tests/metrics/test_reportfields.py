"""Report-level fields: organisation and region as named, dates on a line of their own."""
from __future__ import annotations

import pytest

from extract.pipeline import extract_text


@pytest.mark.parametrize(
    ("text", "organization", "region"),
    [
        ("韩城市公安局新城派出所四项举措在辖区内开展了防范电信诈骗宣传工作，共发放宣传单500份。", "韩城市公安局新城派出所", "韩城市"),
        ("为进一步提高辖区居民防范意识，xx派出所立足辖区实际，开展宣传活动3次。", "xx派出所", None),
        ("霍林郭勒市检察院组织干警深入社区，开展宣传活动5场。", "霍林郭勒市检察院", "霍林郭勒市"),
        ("秭归县城管局开展防范非法集资宣传，发放资料200份。", None, "秭归县"),
        ("六安分公司在全市开展打击信息诈骗专项活动，发送公益短信3万条。", "六安分公司", "六安"),
        ("认真贯彻落实驻马店市驿城区医保局要求，开展宣传活动5场。", None, "驻马店市驿城区"),
    ],
)
def test_organisation_and_region(text: str, organization: str | None, region: str | None) -> None:
    report = extract_text(text)[0]
    assert report.organization == organization
    assert report.region == region


def test_traditional_names_come_out_simplified() -> None:
    report = extract_text("韓城市公安局新城派出所開展宣傳活動，發放宣傳單500份。")[0]
    assert report.organization == "韩城市公安局新城派出所"


def test_mentioned_labels_and_date() -> None:
    text = "我行通过微信公众号和LED电子屏向老年人宣传防诈知识，并开展讲座3场。\n2021年9月15日"
    report = extract_text(text)[0]
    assert {"wechat", "led_screen"} <= {channel.value for channel in report.channels}
    assert "elderly" in {audience.value for audience in report.audiences}
    assert "lecture" in {activity.value for activity in report.activities}
    assert report.date == "2021年9月15日"


def test_case_story_channels_are_not_the_reports() -> None:
    text = "我所开展宣传讲座3场，发放宣传单500份。\n案例一：受害人李某在QQ群被骗子冒充客服，通过电话诱导下载会议软件，被骗5万元。"
    report = extract_text(text)[0]
    assert {channel.value for channel in report.channels} == {"in_person", "print"}
    assert "app_promotion" not in {activity.value for activity in report.activities}
