"""Report-level fields: mentioned labels, the printed date as ISO and the year of the work."""
from __future__ import annotations

from extract.pipeline import extract_text


def test_mentioned_labels_and_date() -> None:
    text = "我行通过微信公众号和LED电子屏向老年人宣传防诈知识，并开展讲座3场。\n2021年9月15日"
    report = extract_text(text)[0]
    assert {"wechat", "led_screen"} <= {channel.value for channel in report.channels}
    assert "elderly" in {audience.value for audience in report.audiences}
    assert "lecture" in {activity.value for activity in report.activities}
    assert report.date == "2021-09-15"
    assert report.year == 2021


def test_year_of_the_work_without_a_printed_date() -> None:
    report = extract_text("根据《2019年工作方案》要求，2022年以来，我所开展宣传讲座3场。")[0]
    assert report.date is None
    assert report.year == 2022


def test_masked_date_is_no_date() -> None:
    report = extract_text("我所开展宣传讲座3场。\n20xx年x月x日")[0]
    assert report.date is None
    assert report.year is None


def test_case_story_channels_are_not_the_reports() -> None:
    text = "我所开展宣传讲座3场，发放宣传单500份。\n案例一：受害人李某在QQ群被骗子冒充客服，通过电话诱导下载会议软件，被骗5万元。"
    report = extract_text(text)[0]
    assert {channel.value for channel in report.channels} == {"in_person", "print"}
    assert "app_promotion" not in {activity.value for activity in report.activities}


def test_case_story_people_are_not_the_audience() -> None:
    text = "我所为老年人开展宣传讲座3场。\n案例一：受害人李某是一名教师，在QQ群被骗子冒充客服诱导转账，被骗5万元。"
    report = extract_text(text)[0]
    assert {audience.value for audience in report.audiences} == {"elderly"}


def test_visits_make_the_report_face_to_face() -> None:
    report = extract_text("民警入企业开展宣传，累计走访辖区商户120家，发放宣传单500份。")[0]
    assert "in_person" in {channel.value for channel in report.channels}


def test_staff_of_a_bank_are_the_reports_audience() -> None:
    report = extract_text("州消防支队对州农业银行中心运行工作人员进行消防安全授课。")[0]
    assert "finance_staff" in {audience.value for audience in report.audiences}


def test_reach_and_passing_words_are_listed_only_when_counted() -> None:
    report = extract_text("民警深入社区，广泛动员群众参与反诈宣传，提高知晓率。")[0]
    activities = {activity.value for activity in report.activities}
    assert not activities & {"reach", "rate", "visit"}
    # 深入 alone (often "deeply": 深入开展) names no face-to-face work; a visit word does (adjudication C9)
    assert "in_person" not in {channel.value for channel in report.channels}
    visited = extract_text("民警走访社区，广泛动员群众参与反诈宣传，提高知晓率。")[0]
    assert "in_person" in {channel.value for channel in visited.channels}


def test_reach_is_listed_when_a_record_counts_it() -> None:
    report = extract_text("开展讲座3场，受教育群众500余人次。")[0]
    assert {"lecture", "reach"} <= {activity.value for activity in report.activities}


def test_objects_and_mention_words_name_work_that_is_not_counted() -> None:
    report = extract_text("广场上的展板和横幅格外醒目，民警向居民耐心讲解防骗知识。")[0]
    assert {"display", "banner", "lecture"} <= {activity.value for activity in report.activities}
