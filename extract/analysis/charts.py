"""Charts of a comparison: a figure for papers (PNG or SVG, Chinese labels) and an offline HTML page."""
from __future__ import annotations

from pathlib import Path

from extract.analysis.chartdata import ChartData, total_text
from extract.analysis.fonts import matplotlib_family
from extract.write import atomic_write

PAPER_SUFFIXES = (".png", ".svg")
PAGE_SUFFIXES = (".html",)
DPI = 200
EXACT_COLOUR, BOUND_COLOUR = "#2171b5", "#9ecae1"


def chart_paths(chart: Path) -> list[Path]:
    """The files one --chart value names: its own suffix, or both a .png and an .html without one."""
    suffix = chart.suffix.lower()
    if suffix in PAPER_SUFFIXES + PAGE_SUFFIXES:
        return [chart]
    if suffix == "":
        return [chart.with_suffix(".png"), chart.with_suffix(".html")]
    raise ValueError(f"{chart}: unknown chart suffix {chart.suffix!r}; use .png, .svg, .html or none for both")


def _bar_panel(axes, data: ChartData) -> None:  # noqa: ANN001 - a matplotlib Axes
    from matplotlib.patches import Patch
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    positions = list(range(len(data.groups)))
    colours = [BOUND_COLOUR if bound else EXACT_COLOUR for bound in data.lower_bound]
    axes.barh(positions, data.totals, color=colours, edgecolor="#08306b", linewidth=0.6)
    axes.set_yticks(positions, data.groups)
    axes.invert_yaxis()
    largest = max(data.totals, default=0) or 1
    for position, total, bound, masked in zip(positions, data.totals, data.lower_bound, data.masked):
        label = total_text(total, bound) + (f"（另{masked}处遮蔽）" if masked else "")
        axes.text(total + largest * 0.01, position, label, va="center", fontsize=8)
    axes.set_xlim(0, largest * 1.3)
    # Few ticks, so large totals (1,200,000) never run into each other.
    axes.xaxis.set_major_locator(MaxNLocator(nbins=4))
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))
    axes.set_xlabel(f"合计（{data.title.split('（')[-1].rstrip('）')}）")
    axes.set_title(f"(a) {data.title}：各{data.grouping}合计", loc="left", fontsize=11)
    axes.spines[["top", "right"]].set_visible(False)
    if any(data.lower_bound):
        axes.legend(handles=[Patch(color=EXACT_COLOUR, label="确数之和"), Patch(color=BOUND_COLOUR, label="下限（≥）")],
                    loc="lower right", fontsize=8, frameon=False)
    axes.grid(axis="x", linewidth=0.4, alpha=0.5)


def _heatmap_panel(figure, axes, data: ChartData) -> None:  # noqa: ANN001 - matplotlib Figure and Axes
    if not data.channels:
        axes.text(0.5, 0.5, "报告未提及任何宣传渠道", ha="center", va="center", transform=axes.transAxes)
        axes.set_axis_off()
        return
    image = axes.imshow(data.shares, cmap="YlGnBu", vmin=0, vmax=1, aspect="auto")
    axes.set_xticks(range(len(data.channels)), data.channels, rotation=45, ha="right")
    axes.set_yticks(range(len(data.groups)), data.groups)
    for row, shares in enumerate(data.shares):
        for column, share in enumerate(shares):
            axes.text(column, row, f"{share:.0%}", ha="center", va="center", fontsize=7,
                      color="white" if share > 0.6 else "#222222")
    axes.set_title(f"(b) 各{data.grouping}使用各宣传渠道的报告占比", loc="left", fontsize=11)
    colourbar = figure.colorbar(image, ax=axes, fraction=0.04, pad=0.02)
    colourbar.set_label("报告占比")


def write_paper_figure(data: ChartData, path: Path) -> None:
    """Both panels side by side in one figure, every label set in Noto Sans SC; written atomically."""
    import matplotlib
    from matplotlib.figure import Figure

    height = max(4.0, 0.38 * len(data.groups) + 2.2)
    width = 8 + 0.45 * max(len(data.channels), 6)
    with matplotlib.rc_context({"font.family": "sans-serif", "font.sans-serif": [matplotlib_family()],
                                "axes.unicode_minus": False, "svg.fonttype": "path"}):
        figure = Figure(figsize=(width, height), layout="constrained")
        bar_axes, heat_axes = figure.subplots(1, 2, width_ratios=[1, 1.1])
        _bar_panel(bar_axes, data)
        _heatmap_panel(figure, heat_axes, data)
        more = f"（另有{data.left_out}组未画出）" if data.left_out else ""
        figure.suptitle(f"按{data.grouping}比较{more}", fontsize=13)
        figure.text(0.01, 0.0, data.note, fontsize=7, color="#555555", wrap=True, va="bottom")
        figure.get_layout_engine().set(h_pad=0.25)
        suffix = path.suffix.lower().lstrip(".")
        atomic_write(path, lambda target: figure.savefig(target, format=suffix, dpi=DPI))


def write_charts(data: ChartData, chart: Path) -> list[Path]:
    """Write the file(s) --chart names; returns the paths written."""
    from extract.analysis.interactive import write_page

    written = []
    for path in chart_paths(chart):
        if path.suffix.lower() in PAGE_SUFFIXES:
            write_page(data, path)
        else:
            write_paper_figure(data, path)
        written.append(path)
    return written
