"""Scope: channels and audiences of the outreach itself, from tests/data/scope_cases.yaml."""
from __future__ import annotations

import pytest
import yaml

from extract.metrics.activity import item_span
from extract.metrics.lexicon import load_lexicon
from extract.metrics.scope import labels, load_scope_rules
from extract.text import Span, load_normaliser
from schemas.labels import Activity, Channel, Status
from tests.conftest import DATA

CASES = yaml.safe_load((DATA / "scope_cases.yaml").read_text(encoding="utf-8"))
SCOPE = load_scope_rules(load_lexicon())


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_scope_case(case: dict) -> None:
    text = load_normaliser().shadow(case["text"]).text
    # clause_from: the clause starts at this word, as when a colon cuts a byline from its label.
    start = text.index(case["clause_from"]) if "clause_from" in case else 0
    clause = Span(start, len(text), text[start:])
    assert {label.value for label in SCOPE.channels(text, clause, Status.achieved)} == set(case["channels"])
    assert {label.value for label in SCOPE.audiences(text, clause, Activity.distribution)} == set(case["audiences"])


def test_no_channels_in_a_case_story() -> None:
    text = "骗子通过微信联系事主"
    assert SCOPE.channels(text, Span(0, len(text), text), Status.case_detail) == []


def test_no_audiences_for_non_outreach_work() -> None:
    text = "群众举报线索10条"
    assert SCOPE.audiences(text, Span(0, len(text), text), Activity.tips) == []
    assert labels(SCOPE.audience_hits(text)) != []


def _clause_and_item(text: str, raw: str) -> tuple[Span, Span | None]:
    """The whole text as one clause, and the enumeration item holding raw."""
    start = text.index(raw)
    clause = Span(0, len(text), text)
    return clause, item_span(text, clause, start, start + len(raw))


@pytest.mark.parametrize(("text", "raw", "expected"), [
    ("共走访宣传辖区银行、学校、企业单位160余家", "160余家", {"finance_staff", "students", "enterprises"}),
    ("累计走访重点企业132家、中小学幼儿园44家", "44家", {"students"}),
    ("累计走访重点企业132家、中小学幼儿园44家", "132家", {"enterprises"}),
    ("走访辖区商铺、超市200余家", "200余家", {"merchants"}),
])
def test_places_visited_name_the_audience(text: str, raw: str, expected: set[str]) -> None:
    clause, item = _clause_and_item(text, raw)
    assert {label.value for label in SCOPE.audiences(text, clause, Activity.visit, item)} == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("成功劝阻潜在受骗群众37人", {"public"}),
    ("劝阻两名老人转账", {"elderly"}),
    ("群众举报后劝阻诈骗5起", set()),
])
def test_people_stopped_are_the_audience(text: str, expected: set[str]) -> None:
    assert {label.value for label in SCOPE.audiences(text, Span(0, len(text), text), Activity.interception)} == expected


@pytest.mark.parametrize(("text", "activity", "expected"), [
    ("组织养老机构工作人员和老人开展逃生演练16次", Activity.drill, {"elderly"}),
    ("组织师生开展疏散演练", Activity.drill, {"students", "teachers"}),
    ("组织网格员开展宣传3次", Activity.event, set()),
    ("组织干部职工参加反诈培训2场", Activity.lecture, {"officials", "enterprises"}),
])
def test_people_organised_into_a_drill_take_part(text: str, activity: Activity, expected: set[str]) -> None:
    assert {label.value for label in SCOPE.audiences(text, Span(0, len(text), text), activity)} == expected


@pytest.mark.parametrize(("text", "raw", "expected"), [
    ("向群众发放宣传单300份、手册200本", "200本", {"public"}),
    ("为老年人发放宣传资料100份、赠送纪念品50份", "50份", {"elderly"}),
    ("发放宣传资料100余份、现场解答群众法律咨询10余人次", "100余份", set()),
])
def test_a_recipient_named_early_is_the_whole_enumerations(text: str, raw: str, expected: set[str]) -> None:
    clause, item = _clause_and_item(text, raw)
    assert {label.value for label in SCOPE.audiences(text, clause, Activity.distribution, item)} == expected


@pytest.mark.parametrize(("text", "raw", "expected"), [
    ("走访辖区企业30家、学校12所", "12所", {"in_person"}),
    ("累计上门走访居民800余户、商户50余家", "50余家", {"in_person"}),
    ("入户走访100户、发放资料300份", "300份", {"print"}),
    ("播放宣传片3部、张贴标语10条", "10条", {"print"}),
])
def test_a_channel_verb_of_an_enumeration_is_all_its_items(text: str, raw: str, expected: set[str]) -> None:
    clause, item = _clause_and_item(text, raw)
    activity = Activity.visit if "走访" in text[item.start:item.end] or "资料" not in text[item.start:item.end] else Activity.distribution
    found = SCOPE.channels(text, clause, Status.achieved, None if "标语" in text[item.start:item.end] else activity, item=item)
    assert {label.value for label in found} == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("为辖区居民举办防骗讲座，约50人参加", {"in_person"}),
    ("在广场大屏循环播放反诈短视频，吸引300余名群众驻足观看", {"led_screen", "video"}),
    ("发放宣传资料2000余份，受教育群众3000余人", set()),
    ("到学校举行禁毒讲座，向超过八十名师生传递禁毒信息", {"in_person"}),
])
def test_people_attending_take_the_channels_of_what_they_attended(text: str, expected: set[str]) -> None:
    cut = text.index("，")
    previous, clause = Span(0, cut, text[:cut]), Span(cut + 1, len(text), text[cut + 1:])
    found = SCOPE.channels(text, clause, Status.achieved, Activity.reach, previous=previous)
    assert {label.value for label in found} == expected


def test_a_count_of_people_covers_the_kinds_enumerated_after_it() -> None:
    text = "共有1400余名高校师生、海淀网友、辖区群众代表等参加"
    start = text.index("1400余名")
    clause = Span(0, len(text), text)
    item = item_span(text, clause, start, start + len("1400余名"))
    assert {label.value for label in SCOPE.audiences(text, clause, Activity.reach, item)} == {"students", "teachers", "public"}


def test_places_name_no_audience_of_other_work() -> None:
    text = "在银行网点张贴海报"
    assert SCOPE.audiences(text, Span(0, len(text), text), Activity.posting) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("利用“金钟罩”成功阻止诈骗案件7起", {Channel.app}),
    ("民警上门劝阻群众12人", {Channel.in_person}),
    ("拦截诈骗短信300条", set()),
])
def test_a_stop_takes_the_medium_it_was_made_through(text: str, expected: set[Channel]) -> None:
    assert set(SCOPE.channels(text, Span(0, len(text), text), Status.achieved, Activity.interception)) == expected


def test_app_promotion_is_the_app_channel() -> None:
    text = "注册用户数11701人"
    assert SCOPE.channels(text, Span(0, len(text), text), Status.achieved, Activity.app_promotion) == [Channel.app]


def test_consultations_are_face_to_face_and_visits_say_so_in_their_words() -> None:
    assert SCOPE.implied_by_work([Activity.visit, Activity.distribution]) == []
    assert SCOPE.implied_by_work([Activity.consultation]) == [Channel.in_person]
    text = "民警走访辖区商户"
    assert [hit.value for hit in SCOPE.channel_hits(text)] == [(Channel.in_person,)]
    assert SCOPE.implied_by_work([Activity.online_post, Activity.lecture]) == []


def test_give_aways_take_only_their_own_items_channels() -> None:
    text = "发放禁毒宣传资料4000余份、购物袋5000余个"
    start = text.index("5000余个")
    clause = Span(0, len(text), text)
    item = item_span(text, clause, start, start + 6)
    assert SCOPE.channels(text, clause, Status.achieved, Activity.distribution, "纪念品", item) == []
    assert SCOPE.channels(text, clause, Status.achieved, Activity.distribution, "宣传资料", item) == [Channel.print]


@pytest.mark.parametrize(("text", "raw", "channels"), [
    ("向骑行群众赠送安全头盔200顶", "200顶", []),
    ("发放宣传单500份、反光贴300个", "300个", []),
    ("发放宣传单500份、反光贴300个", "500份", [Channel.print]),
    ("发放禁毒标语环保袋800个", "800个", []),
    ("印制反诈宣传扇子3000把", "3000把", [Channel.print]),
    ("发放宣传手册800余本、医药箱100余个", "100余个", []),
    ("发放宣传手册800余本、医药箱100余个", "800余本", [Channel.print]),
])
def test_goods_the_lexicon_does_not_know_are_no_print(text: str, raw: str, channels: list) -> None:
    clause, item = _clause_and_item(text, raw)
    assert SCOPE.channels(text, clause, Status.achieved, Activity.distribution, None, item) == channels


@pytest.mark.parametrize(("raw", "channels", "audiences"), [
    ("100余份", [Channel.print], []),
    ("10余人次", [Channel.in_person], ["public"]),
])
def test_other_counted_items_keep_their_words(raw: str, channels: list, audiences: list) -> None:
    text = "活动共发放宣传资料100余份、现场解答群众法律咨询10余人次"
    clause, item = _clause_and_item(text, raw)
    activity = Activity.distribution if raw == "100余份" else Activity.consultation
    assert SCOPE.channels(text, clause, Status.achieved, activity, None, item) == channels
    assert [label.value for label in SCOPE.audiences(text, clause, activity, item)] == audiences


def test_a_named_number_is_no_count_of_its_own() -> None:
    text = "在“93反诈”微信公众号、抖音号等新媒体平台推送宣传信息56次"
    start = text.index("56次")
    clause = Span(0, len(text), text)
    item = item_span(text, clause, start, start + 3)
    assert set(SCOPE.channels(text, clause, Status.achieved, Activity.online_post, None, item)) == {Channel.wechat, Channel.douyin}


def test_makers_are_the_audience_only_of_their_own_count() -> None:
    text = "接收2000余名学生提交的作品1235件"
    clause = Span(0, len(text), text)
    people_end = text.index("学生")
    assert SCOPE.audiences(text, clause, Activity.reach, counted_end=people_end) == ["students"]
    assert SCOPE.audiences(text, clause, Activity.production, counted_end=len(text)) == []


MEDIA_CASES = yaml.safe_load((DATA / "scope_media_cases.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", MEDIA_CASES, ids=[case["id"] for case in MEDIA_CASES])
def test_counted_media_and_calls_keep_their_channel(case: dict) -> None:
    clause, item = _clause_and_item(case["text"], case["raw"])
    found = SCOPE.channels(case["text"], clause, Status.achieved, Activity(case["activity"]), None, item)
    assert [channel.value for channel in found] == case["channels"]
