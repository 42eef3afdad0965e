"""Per group of reports (province, city, county, body type, year): counted reports, achieved totals, shares."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from schemas.labels import Activity, Audience, Channel, UnitClass

# Which report columns make up a group's label, coarsest first: a county is named with its city
# and province so that two 朝阳区 never fall into one group.
GROUPINGS: dict[str, tuple[str, ...]] = {
    "province": ("province",),
    "city": ("province", "city"),
    "county": ("province", "city", "county"),
    "organization_type": ("organization_type",),
    "year": ("year",),
}
UNKNOWN = "unknown"
# A sum that includes one of these is a lower bound of the true total (3千余, 约500, 数百, 不少于).
LOWER_BOUND_QUALIFIERS = {"more_than", "about", "vague", "at_least"}
# Percentages do not add up; their totals are left empty, their medians kept.
NOT_SUMMED = {UnitClass.rate.value}
RECORD_COLUMNS = ("report_id", "value", "qualifier", "unit_class", "masked", "activity", "status", "part_of")
REPORT_COLUMNS = ("report_id", "duplicate_of", "channels", "audiences")
STATISTICS = ("sum", "median", "reports", "masked", "lower_bound")


@dataclass
class Comparison:
    """The table (one row per group) and what the charts need to read it."""

    table: pd.DataFrame
    by: str
    measures: list[tuple[str, str]] = field(default_factory=list)  # (activity, unit_class) pairs, in column order
    channels: list[str] = field(default_factory=list)
    audiences: list[str] = field(default_factory=list)
    orphan_records: int = 0  # records whose report is not in the reports table


def _label(row: pd.Series, columns: tuple[str, ...]) -> str:
    parts = []
    for column in columns:
        cell = row.get(column)
        if cell is None or pd.isna(cell) or str(cell).strip() == "":  # None, NaN and pandas' NA alike
            return UNKNOWN
        parts.append(str(int(cell)) if isinstance(cell, float) else str(cell))
    return "".join(parts)


def group_labels(reports: pd.DataFrame, by: str) -> pd.Series:
    """Each report's group label; a report whose finest level is null is in the group 'unknown'."""
    columns = GROUPINGS[by]
    frame = reports.reindex(columns=list(columns))
    return frame.apply(lambda row: _label(row, columns), axis=1) if len(frame) else pd.Series([], dtype=str)


def counted_reports(reports: pd.DataFrame) -> pd.Series:
    """True for each report counted once: not a copy, or a copy whose original is not in the table."""
    originals = reports["duplicate_of"].where(reports["duplicate_of"].notna() & (reports["duplicate_of"] != ""))
    return originals.isna() | ~originals.isin(set(reports["report_id"]))


def _ordered(seen: set[str], vocabulary: type) -> list[str]:
    order = [member.value for member in vocabulary]
    return [label for label in order if label in seen] + sorted(seen - set(order))


def _shares(reports: pd.DataFrame, column: str, labels: list[str], prefix: str) -> pd.DataFrame:
    flags = pd.DataFrame({f"{prefix}.{label}": reports[column].map(lambda cell, label=label: label in cell)
                          for label in labels}, index=reports.index)
    return flags.groupby(reports["group"]).mean() if labels else pd.DataFrame(index=reports["group"].unique())


def _measures(records: pd.DataFrame, activities: list[str] | None) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
    """Statistics per (group, activity, unit_class) over achieved totals, sub-counts left out."""
    eligible = records[(records["status"] == "achieved") & records["part_of"].isna()]
    if activities:
        eligible = eligible[eligible["activity"].isin(activities)]
    summed = eligible[~eligible["masked"] & eligible["value"].notna()]
    keys = ["group", "activity", "unit_class"]
    per_report = summed.groupby(keys + ["report_id"])["value"].sum()
    statistics = pd.DataFrame({
        "sum": per_report.groupby(level=keys).sum(),
        "median": per_report.groupby(level=keys).median(),
        "reports": per_report.groupby(level=keys).size(),
    })
    masked = eligible[eligible["masked"]].groupby(keys).size().rename("masked")
    bounded = (eligible["qualifier"].isin(LOWER_BOUND_QUALIFIERS) | eligible["masked"]
               | eligible.get("value_max", pd.Series(index=eligible.index, dtype=float)).notna())
    lower = bounded.groupby([eligible[key] for key in keys]).any().rename("lower_bound")
    statistics = statistics.join(masked, how="outer").join(lower, how="left")
    statistics["reports"] = statistics["reports"].fillna(0).astype(int)
    statistics["masked"] = statistics["masked"].fillna(0).astype(int)
    statistics["lower_bound"] = statistics["lower_bound"].fillna(False).astype(bool)
    statistics.loc[statistics.index.get_level_values("unit_class").isin(NOT_SUMMED), "sum"] = None
    activity_order = {member.value: number for number, member in enumerate(Activity)}
    unit_order = {member.value: number for number, member in enumerate(UnitClass)}
    pairs = sorted({(activity, unit) for _, activity, unit in statistics.index},
                   key=lambda pair: (activity_order.get(pair[0], 99), unit_order.get(pair[1], 99), pair))
    return statistics, pairs


def _wide(statistics: pd.DataFrame, pairs: list[tuple[str, str]], groups: pd.Index) -> pd.DataFrame:
    columns = {}
    for activity, unit in pairs:
        for name in STATISTICS:
            key = (activity, unit)
            try:
                part = statistics[name].xs(key, level=("activity", "unit_class"))
            except KeyError:
                part = pd.Series(dtype=float)
            column = part.reindex(groups)
            if name in ("reports", "masked"):
                column = column.fillna(0).astype(int)
            elif name == "lower_bound":
                column = column.fillna(False).astype(bool)
            columns[f"{activity}.{unit}.{name}"] = column
    return pd.DataFrame(columns, index=groups)


def compare(records: pd.DataFrame, reports: pd.DataFrame, by: str, activities: list[str] | None = None) -> Comparison:
    """The comparison table: one row per group, reports counted once, achieved totals and shares."""
    if by not in GROUPINGS:
        raise ValueError(f"--by must be one of {', '.join(GROUPINGS)}, not {by!r}")
    reports = reports.drop_duplicates("report_id").copy()
    reports["group"] = group_labels(reports, by)
    counted = reports[counted_reports(reports)]
    copies = reports[~counted_reports(reports)]
    known = records["report_id"].isin(set(reports["report_id"]))
    records = records[records["report_id"].isin(set(counted["report_id"]))].copy()
    records["group"] = records["report_id"].map(counted.set_index("report_id")["group"])
    groups = pd.Index(sorted(set(counted["group"])), name="group")
    statistics, pairs = _measures(records, activities)
    channels = _ordered({label for cell in counted["channels"] for label in cell}, Channel)
    audiences = _ordered({label for cell in counted["audiences"] for label in cell}, Audience)
    table = pd.DataFrame({
        "reports": counted.groupby("group").size(),
        "copies_left_out": copies.groupby("group").size(),
        "records": records.groupby("group").size(),
    }).reindex(groups).fillna(0).astype(int)
    table = table.join(_wide(statistics, pairs, groups))
    table = table.join(_shares(counted, "channels", channels, "channel"))
    table = table.join(_shares(counted, "audiences", audiences, "audience"))
    table = table.sort_values(["reports", "records"], ascending=False, kind="stable")
    table = table.reset_index().rename(columns={"group": by})
    return Comparison(table=table, by=by, measures=pairs, channels=channels, audiences=audiences,
                      orphan_records=int((~known).sum()))
