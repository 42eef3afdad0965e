"""The fixed label vocabularies of the extraction contract (SPEC.md §2-§5)."""
from __future__ import annotations

from enum import Enum


class Qualifier(str, Enum):
    """How the written number relates to the true count."""

    exact = "exact"
    more_than = "more_than"
    about = "about"
    at_least = "at_least"
    at_most = "at_most"
    vague = "vague"


class UnitClass(str, Enum):
    """What kind of thing a quantity counts."""

    items = "items"
    people = "people"
    households = "households"
    events = "events"
    organizations = "organizations"
    places = "places"
    messages = "messages"
    cases = "cases"
    money = "money"
    views = "views"
    rate = "rate"
    other = "other"


class Activity(str, Enum):
    """What was done to produce the count (SPEC.md §3)."""

    distribution = "distribution"
    posting = "posting"
    banner = "banner"
    display = "display"
    lecture = "lecture"
    meeting = "meeting"
    event = "event"
    visit = "visit"
    consultation = "consultation"
    app_promotion = "app_promotion"
    production = "production"
    online_post = "online_post"
    online_view = "online_view"
    reach = "reach"
    mobilisation = "mobilisation"
    inspection = "inspection"
    drill = "drill"
    tips = "tips"
    interception = "interception"
    enforcement = "enforcement"
    loss = "loss"
    rate = "rate"
    other = "other"


class Channel(str, Enum):
    """Medium through which outreach reached people (SPEC.md §4)."""

    wechat = "wechat"
    douyin = "douyin"
    weibo = "weibo"
    qq = "qq"
    sms = "sms"
    phone = "phone"
    tv = "tv"
    broadcast = "broadcast"
    led_screen = "led_screen"
    app = "app"
    website = "website"
    press = "press"
    print = "print"
    in_person = "in_person"
    video = "video"


class Audience(str, Enum):
    """Who the outreach was for (SPEC.md §5)."""

    public = "public"
    elderly = "elderly"
    students = "students"
    parents = "parents"
    teachers = "teachers"
    women = "women"
    workers = "workers"
    merchants = "merchants"
    enterprises = "enterprises"
    finance_staff = "finance_staff"
    officials = "officials"
    medical = "medical"
    community_staff = "community_staff"
    youth = "youth"


class Status(str, Enum):
    """Whether a count was achieved, planned, recurring or part of a case story."""

    achieved = "achieved"
    planned = "planned"
    recurring = "recurring"
    case_detail = "case_detail"


class DocType(str, Enum):
    """The genre of a report."""

    summary = "summary"
    plan = "plan"
    news = "news"
    other = "other"


class OrganizationType(str, Enum):
    """The kind of body that wrote a report (SPEC §2)."""

    police = "police"
    procuratorate = "procuratorate"
    court = "court"
    government = "government"
    community = "community"
    school = "school"
    bank = "bank"
    insurance = "insurance"
    enterprise = "enterprise"
    hospital = "hospital"
    media = "media"
    other = "other"
