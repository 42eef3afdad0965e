"""Charts: the figure's every character has a glyph in the packaged font; the HTML page loads nothing."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import regex

from extract.analysis.chartdata import (
    MAX_GROUPS,
    chart_data,
    choose_measure,
    total_text,
)
from extract.analysis.charts import chart_paths, write_charts
from extract.analysis.compare import compare
from extract.analysis.fonts import font_path, matplotlib_family
from extract.analysis.interactive import page_html
from extract.analysis.tables import read_table


@pytest.fixture(scope="module")
def comparison(handmade_files: dict):  # noqa: ANN201 - a Comparison
    """The hand-made reports compared by province."""
    records, reports = handmade_files["jsonl"]
    return compare(read_table(records, ()), read_table(reports, ()), "province")


def test_font_is_the_packaged_file_not_a_system_font() -> None:
    """matplotlib resolves the registered family to the file inside the font package."""
    from matplotlib import font_manager

    assert "site-packages" in str(font_path()) or "dist-packages" in str(font_path())
    family = matplotlib_family()
    found = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    assert Path(found) == font_path()


def test_every_chart_character_has_a_glyph(comparison) -> None:  # noqa: ANN001
    """No tofu: the font used covers every Han character the charts print."""
    from matplotlib.ft2font import FT2Font

    data = chart_data(comparison)
    text = "".join([data.title, data.grouping, data.note, *data.groups, *data.channels])
    covered = FT2Font(str(font_path())).get_charmap()
    missing = {character for character in regex.findall(r"\p{Han}", text) if ord(character) not in covered}
    assert not missing


def test_bar_chart_shows_the_chosen_activity_in_chinese(comparison) -> None:  # noqa: ANN001
    """The bar chart's measure is the activity asked for, else the one most reports count."""
    assert choose_measure(comparison, None) == ("distribution", "items")
    data = chart_data(comparison, "lecture")
    assert (data.activity, data.unit_class) == ("lecture", "events")
    assert data.title == "讲座培训（场次）"
    assert data.groups[0] == "陕西省（4篇）" and data.totals[0] == 5
    assert "未知（1篇）" in data.groups
    with pytest.raises(ValueError, match="loss"):
        chart_data(comparison, "loss")


def test_heatmap_rows_are_channel_shares(comparison) -> None:  # noqa: ANN001
    """One row per group, one column per channel named in Chinese, shares between 0 and 1."""
    data = chart_data(comparison)
    shaanxi = data.groups.index("陕西省（4篇）")
    assert data.shares[shaanxi][data.channels.index("微信")] == 0.5
    assert all(0 <= share <= 1 for row in data.shares for share in row)


def test_lower_bounds_print_with_a_sign() -> None:
    """≥ before a total that includes 余, 约, 数百 or a masked value."""
    assert total_text(5500, True) == "≥5,500"
    assert total_text(5, False) == "5"


def test_png_svg_and_html_are_written(comparison, tmp_path: Path) -> None:  # noqa: ANN001
    """A path without suffix writes both the PNG and the HTML page; .svg and .png alone write one file."""
    data = chart_data(comparison)
    written = write_charts(data, tmp_path / "chart")
    assert written == [tmp_path / "chart.png", tmp_path / "chart.html"]
    assert (tmp_path / "chart.png").read_bytes().startswith(b"\x89PNG")
    assert write_charts(data, tmp_path / "figure.svg") == [tmp_path / "figure.svg"]
    assert "<svg" in (tmp_path / "figure.svg").read_text(encoding="utf-8")[:500]
    assert not list(tmp_path.glob(".*.tmp"))


def test_html_page_works_offline(comparison) -> None:  # noqa: ANN001
    """No script, style sheet or font is loaded from anywhere: plotly and the font subset are inline."""
    page = page_html(chart_data(comparison))
    assert not regex.search(r"<script[^>]+src=", page)
    # Outside the inlined scripts (whose code only names addresses for map tiles, never used here):
    markup = regex.sub(r"<script\b[^>]*>.*?</script>", "", page, flags=regex.DOTALL)
    assert not regex.search(r"<link[^>]+href=|<img[^>]+src=|<iframe", markup)
    assert not regex.search(r"@import|url\(\s*(?![\"']?data:)", markup)
    assert "Plotly.newPlot" in page and "data:font/otf;base64," in page
    # plotly writes the data with orjson when it is installed, else with json's \u escapes.
    label = "陕西省（4篇）"
    assert label in page or json.dumps(label)[1:-1] in page


def test_many_groups_are_cut_to_what_a_figure_holds(comparison) -> None:  # noqa: ANN001
    """Past MAX_GROUPS the groups with fewest reports are left out, and the chart says how many."""
    import pandas as pd

    table = pd.concat([comparison.table] * (MAX_GROUPS // len(comparison.table) + 2), ignore_index=True)
    many = type(comparison)(table=table, by="province", measures=comparison.measures, channels=comparison.channels)
    data = chart_data(many)
    assert len(data.groups) == MAX_GROUPS and data.left_out == len(table) - MAX_GROUPS


def test_unknown_chart_suffix_is_refused() -> None:
    """Only .png, .svg, .html or no suffix."""
    with pytest.raises(ValueError, match="gif"):
        chart_paths(Path("chart.gif"))
