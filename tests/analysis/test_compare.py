"""The comparison table: one group's figures against sums worked out by hand, and what sums leave out."""
from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest
import yaml
from typer.testing import CliRunner

from cli import app
from extract.analysis.compare import compare, counted_reports, group_labels
from extract.analysis.tables import read_table
from tests.conftest import DATA

EXPECTED = yaml.safe_load((DATA / "compare_expected.yaml").read_text(encoding="utf-8"))
runner = CliRunner()


def _rows(table: pd.DataFrame, by: str) -> dict[str, dict]:
    return {str(row[by]): row for row in table.to_dict("records")}


def _same(actual: object, expected: object) -> bool:
    if expected is None:
        return actual is None or (isinstance(actual, float) and math.isnan(actual))
    if isinstance(expected, bool):
        return bool(actual) is expected
    return actual is not None and math.isclose(float(actual), float(expected))


def _check(table: pd.DataFrame, by: str, expected: dict) -> None:
    rows = _rows(table, by)
    for group, figures in expected.items():
        assert group in rows, f"no group {group!r} in {sorted(rows)}"
        for column, value in figures.items():
            assert column in rows[group], f"{group}: no column {column}"
            assert _same(rows[group][column], value), f"{group} {column}: {rows[group][column]!r} != {value!r}"


CASES = [(by, kind) for by in ("province", "county", "organization_type", "year")
         for kind in ("csv", "jsonl", "parquet", "dataset")]


@pytest.mark.parametrize("by, kind", CASES, ids=[f"{by}-{kind}" for by, kind in CASES])
def test_figures_match_the_hand_computed_ones(handmade_files: dict, by: str, kind: str) -> None:
    """Every format read gives the figures worked out by hand in tests/data/compare_expected.yaml."""
    records, reports = handmade_files[kind]
    result = compare(read_table(records, ("report_id",)), read_table(reports, ("report_id",)), by)
    _check(result.table, by, EXPECTED[f"by_{by}"])


def test_case_details_planned_and_recurring_counts_make_no_totals(handmade_files: dict) -> None:
    """A loss told only inside a case story gives no loss column; a plan adds nothing to a total."""
    records, reports = handmade_files["jsonl"]
    table = compare(read_table(records, ()), read_table(reports, ()), "province").table
    assert not [column for column in table.columns if column.startswith("loss.")]


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".xlsx"])
def test_cli_writes_each_table_format(handmade_files: dict, tmp_path: Path, suffix: str) -> None:
    """compare writes the table in the format of --out's suffix, with the hand-computed figures."""
    records, reports = handmade_files["csv"]
    out = tmp_path / f"table{suffix}"
    result = runner.invoke(app, ["compare", str(records), "--reports", str(reports), "--by", "province", "--out", str(out)])
    assert result.exit_code == 0, result.output
    table = {".csv": lambda: pd.read_csv(out, encoding="utf-8-sig"), ".parquet": lambda: pd.read_parquet(out),
             ".xlsx": lambda: pd.read_excel(out)}[suffix]()
    _check(table, "province", {"陕西省": EXPECTED["by_province"]["陕西省"]})


def test_activity_option_keeps_only_those_activities(handmade_files: dict, tmp_path: Path) -> None:
    """--activity narrows the measure columns; shares and counts stay."""
    records, reports = handmade_files["jsonl"]
    out = tmp_path / "table.csv"
    result = runner.invoke(app, ["compare", str(records), "--reports", str(reports), "--by", "province",
                                 "--activity", "lecture", "--out", str(out)])
    assert result.exit_code == 0, result.output
    columns = pd.read_csv(out, encoding="utf-8-sig").columns
    assert "lecture.events.sum" in columns and "channel.wechat" in columns
    assert not [column for column in columns if column.startswith("distribution.")]


def test_a_copy_whose_original_is_absent_is_counted() -> None:
    """When the original is not in the input, the copy is the only count of its text."""
    reports = pd.DataFrame({"report_id": ["a#1", "b#1", "c#1"], "duplicate_of": [None, "a#1", "zz#9"]})
    assert counted_reports(reports).tolist() == [True, False, True]


def test_group_labels_name_a_county_with_its_city_and_province() -> None:
    """Two 朝阳区 in different cities stay apart; a missing level is unknown."""
    reports = pd.DataFrame({"province": ["北京市", "吉林省", "吉林省"], "city": ["北京市", "长春市", None],
                            "county": ["朝阳区", "朝阳区", None]})
    assert group_labels(reports, "county").tolist() == ["北京市北京市朝阳区", "吉林省长春市朝阳区", "unknown"]
    assert group_labels(reports, "city").tolist() == ["北京市北京市", "吉林省长春市", "unknown"]


@pytest.mark.parametrize("arguments, message", [
    (["--by", "town"], "--by"),
    (["--by", "province", "--activity", "dancing"], "dancing"),
    (["--by", "province", "--out", "table.json"], "table.json"),
    (["--by", "province", "--chart", "chart.gif"], "chart.gif"),
])
def test_bad_options_are_refused_with_a_reason(handmade_files: dict, tmp_path: Path, arguments: list, message: str) -> None:
    """A bad grouping, activity or suffix stops the command before any reading, naming the problem."""
    records, reports = handmade_files["jsonl"]
    if "--out" not in arguments:
        arguments = arguments + ["--out", str(tmp_path / "t.csv")]
    result = runner.invoke(app, ["compare", str(records), "--reports", str(reports), *arguments])
    assert result.exit_code == 2
    assert message in result.output


def test_unreadable_input_is_one_line_naming_the_file(tmp_path: Path) -> None:
    """A missing column or a missing file: exit 2 and one line that names the file."""
    broken = tmp_path / "records.csv"
    broken.write_text("report_id,value\nx#1,3\n", encoding="utf-8")
    result = runner.invoke(app, ["compare", str(broken), "--reports", str(tmp_path / "none.csv"),
                                 "--by", "year", "--out", str(tmp_path / "t.csv")])
    assert result.exit_code == 2
    assert str(broken) in result.output and "missing column" in result.output


@pytest.mark.parametrize("by", ["province", "organization_type", "year"])
def test_seed_corpus_gives_a_table_and_both_charts(seed_outputs: tuple[Path, Path], tmp_path: Path, by: str) -> None:
    """On the seeds: 61 reports, 12 republished copies counted once, whatever the grouping; PNG and HTML."""
    records, reports = seed_outputs
    out = tmp_path / "table.xlsx"
    result = runner.invoke(app, ["compare", str(records), "--reports", str(reports), "--by", by,
                                 "--out", str(out), "--chart", str(tmp_path / "chart")])
    assert result.exit_code == 0, result.output
    table = pd.read_excel(out)
    assert table["reports"].sum() == 49 and table["copies_left_out"].sum() == 12
    assert (tmp_path / "chart.png").stat().st_size > 10_000
    assert "Plotly.newPlot" in (tmp_path / "chart.html").read_text(encoding="utf-8")


def test_readme_example_files_are_the_hand_made_reports(handmade_files: dict) -> None:
    """docs/example (the README's chart) holds exactly the reports of tests/data/compare_reports.yaml."""
    from tests.conftest import ROOT

    records, reports = handmade_files["csv"]
    assert (ROOT / "docs" / "example" / "records.csv").read_bytes() == records.read_bytes()
    assert (ROOT / "docs" / "example" / "reports.csv").read_bytes() == reports.read_bytes()


def test_records_without_a_report_are_left_out_with_a_warning(tmp_path: Path) -> None:
    """A record whose report is not in the reports file is named in a warning, not put in a group."""
    records, reports = tmp_path / "records.csv", tmp_path / "reports.csv"
    records.write_text("report_id,value,qualifier,unit_class,masked,activity,status,part_of\n"
                       "y#1,5,exact,items,False,distribution,achieved,\n", encoding="utf-8")
    reports.write_text("report_id,duplicate_of,channels,audiences,province\nx#1,,,,\n", encoding="utf-8")
    result = runner.invoke(app, ["compare", str(records), "--reports", str(reports), "--by", "province",
                                 "--out", str(tmp_path / "t.csv"), "--chart", str(tmp_path / "c.png")])
    assert "1 record(s) have no report" in result.output
    assert "no achieved totals to chart" in result.output and result.exit_code == 1
    assert pd.read_csv(tmp_path / "t.csv", encoding="utf-8-sig")["records"].tolist() == [0]


def test_a_dataset_partitioned_by_province_reads_the_same(handmade_files: dict, tmp_path: Path) -> None:
    """Reports written as province=…/ folders (nulls in the default partition) give the same groups."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    records, reports = handmade_files["parquet"]
    pq.write_to_dataset(pa.Table.from_pandas(pd.read_parquet(reports)), tmp_path / "reports", partition_cols=["province"])
    result = compare(read_table(records, ()), read_table(tmp_path / "reports", ()), "province")
    _check(result.table, "province", EXPECTED["by_province"])
