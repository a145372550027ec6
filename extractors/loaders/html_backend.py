"""HTML: the article, without menus, sidebars, footers and scripts.

A small readability heuristic: the biggest <article> (else <main>), else the element whose
paragraphs hold the most text (a paragraph's length counts fully for its parent, half for the
grandparent).  The page's <h1> is kept when it sits outside the chosen element (news sites put
the title above the body).  One page.
"""

from __future__ import annotations

import re

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


def _text_len(el) -> int:
    return len(el.get_text(" ", strip=True))


def _drop_chrome(soup) -> None:
    for el in soup.find_all(_ALWAYS_DROP):
        el.decompose()
    for el in soup.find_all(["header", "footer"]):
        if el.find_parent(["article", "main"]) is None:
            el.decompose()
    total = _text_len(soup)
    for el in soup.find_all(True):
        if el.decomposed or el.name in ("html", "body", "main", "article"):
            continue
        hint = " ".join([*(el.get("class") or []), el.get("id") or "", el.get("role") or ""])
        if hint.strip() and _CHROME_HINT.search(hint) and _text_len(el) < 0.5 * total:
            el.decompose()


def _content_root(soup):
    articles = soup.find_all("article")
    if articles:
        return max(articles, key=_text_len)
    main = soup.find("main") or soup.find(attrs={"role": "main"})
    if main is not None:
        return main
    scores: dict[int, tuple[float, object]] = {}
    for p in soup.find_all(["p", "pre", "blockquote"]):
        length = _text_len(p)
        for weight, ancestor in ((1.0, p.parent), (0.5, p.parent.parent if p.parent else None)):
            if ancestor is not None and ancestor.name not in (None, "[document]"):
                score, _ = scores.get(id(ancestor), (0.0, ancestor))
                scores[id(ancestor)] = (score + weight * length, ancestor)
    if not scores:
        return soup.body or soup
    return max(scores.values(), key=lambda item: item[0])[1]


def _render(root) -> str:
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
        stack.extend(reversed(list(item.children)))
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
    _drop_chrome(soup)
    root = _content_root(soup)
    text = _render(root)
    if title_text and title_text not in text:
        text = f"{title_text}\n{text}"
    return Extracted([text])
