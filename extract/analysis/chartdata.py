"""What the charts show: one activity's totals per group and each group's channel shares, labelled in Chinese."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from extract.analysis.compare import Comparison
from extract.analysis.names import DisplayNames, load_names

# More groups than this do not fit a paper's figure: the charts keep the groups with most reports.
MAX_GROUPS = 30
NOTE = ("报告数为去重后的篇数；合计只含已完成的数量，不含计划、常态化频次和案例金额，“其中”分项不重复计入；"
        "≥ 表示合计为下限（含“余”“约”“数百”或遮蔽的数值）。")


@dataclass
class ChartData:
    """Rows in drawing order with their Chinese labels, the chosen measure, and the share matrix."""

    by: str
    grouping: str  # Chinese name of the grouping
    activity: str
    unit_class: str
    title: str  # e.g. 发放宣传品（件）
    groups: list[str]  # Chinese group labels with their report counts
    totals: list[float]
    medians: list[float | None]
    reports_with: list[int]
    lower_bound: list[bool]
    masked: list[int]
    channels: list[str]  # Chinese channel names
    shares: list[list[float]]  # one row per group, one column per channel
    left_out: int  # groups beyond MAX_GROUPS
    note: str = NOTE


def choose_measure(comparison: Comparison, activity: str | None) -> tuple[str, str]:
    """The (activity, unit_class) to chart: the given activity, else the one most reports count."""
    table = comparison.table
    candidates = [pair for pair in comparison.measures if activity is None or pair[0] == activity]
    if not candidates:
        known = ", ".join(sorted({pair[0] for pair in comparison.measures})) or "none"
        which = f"of activity {activity!r} " if activity else ""
        raise ValueError(f"no achieved totals {which}to chart (activities with totals: {known})")
    return max(candidates, key=lambda pair: (table[f"{pair[0]}.{pair[1]}.reports"].sum(), pair[1] == "items"))


def _number(cell: object) -> float | None:
    return None if cell is None or pd.isna(cell) else float(cell)


def chart_data(comparison: Comparison, activity: str | None = None, names: DisplayNames | None = None) -> ChartData:
    """The data of both charts for a comparison; `activity` picks the bar chart's activity."""
    names = names or load_names()
    chosen, unit = choose_measure(comparison, activity)
    table = comparison.table.head(MAX_GROUPS)
    prefix = f"{chosen}.{unit}"
    rows = sorted(table.to_dict("records"), key=lambda row: -(_number(row[f"{prefix}.sum"]) or 0.0))
    return ChartData(
        by=comparison.by,
        grouping=names.groupings.get(comparison.by, comparison.by),
        activity=chosen,
        unit_class=unit,
        title=f"{names.activity(chosen)}（{names.unit_class(unit)}）",
        groups=[f"{names.group(comparison.by, str(row[comparison.by]))}（{row['reports']}篇）" for row in rows],
        totals=[_number(row[f"{prefix}.sum"]) or 0.0 for row in rows],
        medians=[_number(row[f"{prefix}.median"]) for row in rows],
        reports_with=[int(row[f"{prefix}.reports"]) for row in rows],
        lower_bound=[bool(row[f"{prefix}.lower_bound"]) for row in rows],
        masked=[int(row[f"{prefix}.masked"]) for row in rows],
        channels=[names.channel(label) for label in comparison.channels],
        shares=[[float(row[f"channel.{label}"]) for label in comparison.channels] for row in rows],
        left_out=max(0, len(comparison.table) - MAX_GROUPS),
    )


def total_text(value: float, lower_bound: bool) -> str:
    """A total as printed on a bar: thousands separated, ≥ before a lower bound."""
    text = f"{value:,.0f}" if value >= 1 or value == 0 else f"{value:.2f}"
    return ("≥" if lower_bound else "") + text
