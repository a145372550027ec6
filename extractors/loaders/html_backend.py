"""HTML: the article, without menus, sidebars, footers and scripts.

A small readability heuristic: the biggest <article> (else <main>), else the element whose
paragraphs hold the most text (a paragraph's length counts fully for its parent, half for the
grandparent).  The page's <h1> is kept when it sits outside the chosen element (news sites put
the title above the body).  One page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from vanban.errors import UnsupportedFormatError
from vanban.extractors.loaders.base import Extracted, Source
from vanban.extractors.loaders.pdf_layout import CELL_SEPARATOR
from vanban.extractors.loaders.text_decoding import NotText, decode

_ALWAYS_DROP = ("script", "style", "noscript", "template", "iframe", "svg", "canvas", "form",
                "button", "select", "nav", "aside", "menu", "object", "embed")
_CHROME_HINT = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|menu|sidebar|side-bar|footer|breadcrumbs?|comments?|share|social|"
    r"banner|advert|ads|related|widget|cookie|popup|toolbar|pagination|tags)(?:[-_\s]|$)", re.I)
_BLOCKS = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul",
           "ol", "table", "tr", "blockquote", "pre", "dd", "dt", "dl", "figure", "figcaption",
           "address", "hr", "center", "header", "footer", "tbody", "thead"}
_CELL = "\x00"
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)|<\?xml[^>]+encoding=["']([\w-]+)""", re.I)


def _decode(source: Source) -> str:
    declared = _CHARSET.search(source.data[:4096])
    if declared:
        name = (declared.group(1) or declared.group(2)).decode("ascii")
        try:
            return source.data.decode(name, errors="replace")
        except LookupError:
            pass
    try:
        return decode(source.data)[0]
    except NotText as exc:
        raise UnsupportedFormatError(source.path, f"unsupported format: {exc}") from None


def _tags(root, dropped: set[int], inside: bool = False) -> Iterator[tuple[object, bool]]:
    """Every element under ``root`` (itself included) in document order, with whether it sits
    inside an <article> or <main>, never entering a dropped one. A walk of our own, without
    recursion: bs4's searches and its ``decomposed`` check cost a search per element, quadratic on
    deeply nested pages."""
    from bs4 import Tag

    stack = [(root, inside)]
    while stack:
        el, inside = stack.pop()
        yield el, inside
        inside = inside or el.name in ("article", "main")
        stack.extend((child, inside) for child in reversed(el.contents)
                     if isinstance(child, Tag) and id(child) not in dropped)


def _text_lengths(root, dropped: set[int]) -> dict[int, int]:
    """The length of each element's ``get_text(" ", strip=True)``, all in one bottom-up pass."""
    from bs4 import CData, NavigableString, Tag

    sums: dict[int, tuple[int, int]] = {}  # id -> (characters, pieces of text)
    for el, _ in reversed(list(_tags(root, dropped))):
        chars = pieces = 0
        for child in el.contents:
            if isinstance(child, Tag):
                child_chars, child_pieces = sums.get(id(child), (0, 0))
                chars, pieces = chars + child_chars, pieces + child_pieces
            elif type(child) in (NavigableString, CData):
                stripped = len(child.strip())
                if stripped:
                    chars, pieces = chars + stripped, pieces + 1
        sums[id(el)] = (chars, pieces)
    return {key: chars + max(0, pieces - 1) for key, (chars, pieces) in sums.items()}


def _chrome(soup) -> set[int]:
    """Ids of the elements that are not the article: scripts, forms, menus, and header, footer or
    hinted elements (class, id, role) holding under half of the page's text."""
    dropped: set[int] = set()
    for el, inside in _tags(soup, dropped):
        if el.name in _ALWAYS_DROP or (el.name in ("header", "footer") and not inside):
            dropped.add(id(el))
    lengths = _text_lengths(soup, dropped)
    total = lengths[id(soup)]
    for el, _ in _tags(soup, dropped):
        if el.name in ("html", "body", "main", "article", "[document]"):
            continue
        hint = " ".join([*(el.get("class") or []), el.get("id") or "", el.get("role") or ""])
        if hint.strip() and _CHROME_HINT.search(hint) and lengths[id(el)] < 0.5 * total:
            dropped.add(id(el))  # _tags does not enter it: its descendants go with it
    return dropped


def _content_root(soup, dropped: set[int]):
    lengths = _text_lengths(soup, dropped)
    tags = [el for el, _ in _tags(soup, dropped)]
    articles = [el for el in tags if el.name == "article"]
    if articles:
        return max(articles, key=lambda el: lengths[id(el)])
    main = next((el for el in tags if el.name == "main"), None) or next(
        (el for el in tags if el.get("role") == "main"), None)
    if main is not None:
        return main
    scores: dict[int, tuple[float, object]] = {}
    for p in tags:
        if p.name not in ("p", "pre", "blockquote"):
            continue
        for weight, ancestor in ((1.0, p.parent), (0.5, p.parent.parent if p.parent else None)):
            if ancestor is not None and ancestor.name not in (None, "[document]"):
                score, _ = scores.get(id(ancestor), (0.0, ancestor))
                scores[id(ancestor)] = (score + weight * lengths[id(p)], ancestor)
    if not scores:
        return soup.body or soup
    return max(scores.values(), key=lambda item: item[0])[1]


def _render(root, dropped: set[int]) -> str:
    """Text with a line per block and " | " between table cells, walked without recursion."""
    from bs4 import NavigableString
    from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

    out: list[str] = []
    stack: list[object] = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, str) and not isinstance(item, NavigableString):
            out.append(item)  # a marker pushed below: the end of a block or cell
            continue
        if isinstance(item, NavigableString):
            if not isinstance(item, (Comment, Declaration, Doctype, ProcessingInstruction)):
                out.append(str(item))
            continue
        name = item.name
        if name == "br":
            out.append("\n")
            continue
        end = _CELL if name in ("td", "th") else "\n" if name in _BLOCKS else ""
        if name in _BLOCKS:
            out.append("\n")
        if end:
            stack.append(end)
        stack.extend(child for child in reversed(item.contents) if id(child) not in dropped)
    lines = []
    for line in "".join(out).split("\n"):
        cells = [" ".join(c.split()) for c in line.split(_CELL)]
        while cells and not cells[-1]:
            cells.pop()
        text = CELL_SEPARATOR.join(cells)
        if text.strip():
            lines.append(text)
    return "\n".join(lines)


def extract(source: Source) -> Extracted:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(_decode(source), "lxml")
    title = soup.find("h1")
    title_text = " ".join(title.get_text(" ").split()) if title is not None else ""
    dropped = _chrome(soup)
    root = _content_root(soup, dropped)
    text = _render(root, dropped)
    if title_text and title_text not in text:
        text = f"{title_text}\n{text}"
    return Extracted([text])
