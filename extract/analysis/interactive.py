"""The comparison as one HTML page for exploring: plotly with its script inlined, the font subset inlined."""
from __future__ import annotations

import html
import json
from pathlib import Path

from extract.analysis.chartdata import ChartData, total_text
from extract.analysis.charts import BOUND_COLOUR, EXACT_COLOUR
from extract.analysis.fonts import CSS_FAMILY, font_face_css
from extract.write import atomic_write

FONT_STACK = f'"{CSS_FAMILY}", sans-serif'


def _figures(data: ChartData) -> list:
    import plotly.graph_objects as go

    hover = [f"{group}<br>合计 {total_text(total, bound)}<br>每篇中位数 {'' if median is None else f'{median:,.0f}'}"
             f"<br>有此数的报告 {count} 篇<br>遮蔽的数值 {masked} 处"
             for group, total, bound, median, count, masked in zip(
                 data.groups, data.totals, data.lower_bound, data.medians, data.reports_with, data.masked)]
    bar = go.Figure(go.Bar(
        x=data.totals, y=data.groups, orientation="h", hovertext=hover, hoverinfo="text",
        text=[total_text(total, bound) for total, bound in zip(data.totals, data.lower_bound)],
        textposition="outside",
        marker_color=[BOUND_COLOUR if bound else EXACT_COLOUR for bound in data.lower_bound]))
    bar.update_layout(title=f"{data.title}：各{data.grouping}合计", yaxis={"autorange": "reversed"}, xaxis={"tickformat": ","},
                      height=max(360, 28 * len(data.groups) + 160))
    heat = go.Figure(go.Heatmap(
        z=data.shares, x=data.channels, y=data.groups, zmin=0, zmax=1, colorscale="YlGnBu",
        text=[[f"{share:.0%}" for share in row] for row in data.shares], texttemplate="%{text}",
        hovertemplate="%{y}<br>%{x}：%{z:.0%}<extra></extra>", colorbar={"title": {"text": "报告占比"}}))
    heat.update_layout(title=f"各{data.grouping}使用各宣传渠道的报告占比", yaxis={"autorange": "reversed"},
                       height=max(360, 28 * len(data.groups) + 200))
    for figure in (bar, heat):
        figure.update_layout(font={"family": FONT_STACK}, margin={"l": 220}, template="plotly_white")
    return [bar, heat]


def page_html(data: ChartData) -> str:
    """The whole page: no script, style or font is fetched from anywhere."""
    figures = _figures(data)
    parts = [figure.to_html(full_html=False, include_plotlyjs=(number == 0), config={"displaylogo": False})
             for number, figure in enumerate(figures)]
    title = f"按{data.grouping}比较：{data.title}"
    visible = title + data.note + json.dumps([figure.to_plotly_json() for figure in figures], ensure_ascii=False)
    return (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"<style>{font_face_css(visible)} body {{ font-family: {FONT_STACK}; margin: 2em; }}</style></head>"
            f"<body><h1>{html.escape(title)}</h1><p>{html.escape(data.note)}</p>{''.join(parts)}</body></html>\n")


def write_page(data: ChartData, path: Path) -> None:
    """Write the HTML page atomically."""
    text = page_html(data)
    atomic_write(path, lambda target: target.write_text(text, encoding="utf-8"))
