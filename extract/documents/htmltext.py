"""Take the article text out of an html page: no scripts, menus, breadcrumbs, related lists or footers."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from bs4 import BeautifulSoup, Tag
from pydantic import BaseModel, ConfigDict

from extract.yamlfile import PATTERNS_DIR, load_model


class HtmlRules(BaseModel):
    """Which elements are chrome and which hold the article (patterns/html.yaml)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    invisible_tags: tuple[str, ...]
    drop_tags: tuple[str, ...]
    drop_markers: tuple[str, ...]
    content_markers: tuple[str, ...]
    block_tags: tuple[str, ...]
    wrapper_share: float


@lru_cache(maxsize=4)
def load_html_rules(directory: Path = PATTERNS_DIR) -> HtmlRules:
    """Load and validate patterns/html.yaml once per directory."""
    return load_model(directory / "html.yaml", HtmlRules)


def _markers(element: Tag) -> str:
    attributes = getattr(element, "attrs", None) or {}
    classes = attributes.get("class") or []
    if isinstance(classes, str):
        classes = [classes]
    return " ".join([str(attributes.get("id") or ""), *map(str, classes)]).lower()


def _is_chrome(element: Tag, rules: HtmlRules) -> bool:
    words = _markers(element).replace("_", "-").split()
    for word in words:
        for marker in rules.drop_markers:
            if word == marker or word.startswith(marker) or word.endswith(marker):
                if not any(word.startswith(content) for content in rules.content_markers):
                    return True
    return False


def _main_element(soup: BeautifulSoup, rules: HtmlRules) -> Tag:
    """The <article>, else the element marked as content holding the most text, else <body>."""
    article = soup.find("article")
    if isinstance(article, Tag):
        return article
    candidates = [
        element for element in soup.find_all(True)
        if any(marker in _markers(element) for marker in rules.content_markers)
    ]
    body = soup.body or soup
    if candidates:
        best = max(candidates, key=lambda element: len(element.get_text()))
        # Only trust a marked element that holds most of the page's text.
        if len(best.get_text()) >= 0.5 * len(body.get_text()):
            return best
    return body


def article_text(markup: str, rules: HtmlRules | None = None) -> str:
    """Return the article text of an html page, one paragraph per line; nothing is fetched."""
    rules = rules or load_html_rules()
    soup = BeautifulSoup(markup, "html.parser")
    for element in soup.find_all(list(rules.invisible_tags)):
        element.decompose()
    page_chars = len((soup.body or soup).get_text(strip=True))

    def wrapper(element: Tag) -> bool:
        return element.name in ("html", "body") or \
            len(element.get_text(strip=True)) >= rules.wrapper_share * page_chars > 0

    for element in soup.find_all(list(rules.drop_tags)):
        if not element.decomposed and not wrapper(element):
            element.decompose()
    for element in soup.find_all(True):
        if not element.decomposed and _is_chrome(element, rules) and not wrapper(element):
            element.decompose()
    main = _main_element(soup, rules)
    for element in main.find_all(list(rules.block_tags)):
        element.insert_before("\n")
        element.insert_after("\n")
    lines = (line.strip(" \t\r") for line in main.get_text().split("\n"))
    return "\n".join(line for line in lines if line)
