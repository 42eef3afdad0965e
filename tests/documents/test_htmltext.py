"""Html article text: chrome dropped, paragraphs kept, inline markup joined."""
from __future__ import annotations

from extract.documents.htmltext import article_text


def test_inline_markup_does_not_break_a_paragraph() -> None:
    page = '<html><body><div class="content"><p>发放<b>宣传单</b>3千余张，<a href="#">详情</a>。</p><p>第二段</p></div></body></html>'
    assert article_text(page) == "发放宣传单3千余张，详情。\n第二段"


def test_menus_breadcrumbs_related_and_footer_are_dropped() -> None:
    page = ('<html><body><nav>首页 栏目</nav><div id="breadcrumb">当前位置</div><article><p>正文一</p></article>'
            '<div class="relate-list">相关文章</div><footer>版权所有</footer></body></html>')
    assert article_text(page) == "正文一"


def test_no_fetching_of_external_resources() -> None:
    page = '<html><head><link rel="stylesheet" href="http://127.0.0.1:9/x.css"><script src="http://127.0.0.1:9/x.js"></script></head><body><p>正文<img src="http://127.0.0.1:9/a.png"></p></body></html>'
    assert article_text(page) == "正文"


def test_a_chrome_marker_on_a_wrapper_does_not_drop_the_article() -> None:
    pages = [
        '<html><body class="has-sidebar"><div class="nav">首页</div><p>民警发放宣传单300份。</p><p>开展讲座3场。</p></body></html>',
        '<html><body><div id="page-wrapper" class="menu-open"><div class="nav">首页</div>'
        '<div class="content"><p>民警发放宣传单300份。</p><p>开展讲座3场。</p></div></div></body></html>',
        # ASP.NET pages wrap the whole page in one <form>.
        '<html><body><form id="form1"><div class="nav">首页</div><p>民警发放宣传单300份。</p><p>开展讲座3场。</p></form></body></html>',
    ]
    for page in pages:
        assert article_text(page) == "民警发放宣传单300份。\n开展讲座3场。", page


def test_a_script_holding_most_of_the_page_text_is_still_dropped() -> None:
    page = f'<html><body><script>var s = "{"发放宣传单999份" * 50}";</script><p>开展讲座3场。</p></body></html>'
    assert article_text(page) == "开展讲座3场。"
