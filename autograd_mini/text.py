"""Text for readers: the one place that cuts a long text and escapes text for the format it goes into.

Every text that reaches HTML or Markdown passes through a function of this module (DOT's own escapers live
with the DOT builder, `autograd_mini.drawing.dot`; LaTeX's with the maths, `autograd_mini.tracing.latex`).
Markdown is escaped so that a notebook rendering it as *trusted* Markdown shows a label such as
``<img src=x onerror=alert(1)>`` as written and runs nothing: ``& < >`` become HTML entities (CommonMark
reads them back as the characters), and ``[ ]`` are backslash-escaped so no link is made.
"""

from __future__ import annotations

import re

__all__ = ["cut", "html", "markdown_cell", "read_markdown_cell", "markdown_text"]

_CELL = {"\\": "\\\\", "|": "\\|", "&": "&amp;", "<": "&lt;", ">": "&gt;", "[": "\\[", "]": "\\]", "\n": " ", "\r": " "}
_CELL_NEEDED = re.compile(r"[\\|&<>\[\]\n\r]")
_CELL_BACK = re.compile(r"\\([\\|\[\]])|&(amp|lt|gt);")
_ENTITY = {"amp": "&", "lt": "<", "gt": ">"}
_TEXT = re.compile(r"[\\*_`|#\[\]]")


def cut(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, ending in "…" when anything was left out.

    >>> cut("net_h1", 60), cut("abcdef", 4)
    ('net_h1', 'abc…')
    """
    return text if len(text) <= limit else text[: max(limit - 1, 0)] + "…"


def html(text: str) -> str:
    """Text for HTML, an element's content or a quoted attribute: ``& < > " '`` as entities."""
    # html.escape(text, quote=True), without importing html (and html.entities) with the engine
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#x27;")


def markdown_cell(text: str) -> str:
    r"""Text for one cell of a Markdown table, shown as written and never as markup: ``\ | [ ]``
    backslash-escaped, ``& < >`` as entities, line breaks as spaces. `read_markdown_cell` undoes it.

    >>> markdown_cell("a|b <script>")
    'a\\|b &lt;script&gt;'
    """
    if not _CELL_NEEDED.search(text):
        return text
    return "".join(_CELL.get(ch, ch) for ch in text)


def read_markdown_cell(cell: str) -> str:
    """The text of a cell written by `markdown_cell` (and of a hand-written cell using the same escapes)."""
    if "\\" not in cell and "&" not in cell:
        return cell
    return _CELL_BACK.sub(lambda m: m.group(1) if m.group(1) is not None else _ENTITY[m.group(2)], cell)


def markdown_text(text: str) -> str:
    r"""Prose for Markdown, shown as written: Markdown's punctuation (``\ * _ ` | # [ ]``) backslash-escaped,
    ``& < >`` as entities (so no HTML tag is ever made).

    >>> markdown_text("out_h1 <b>")
    'out\\_h1 &lt;b&gt;'
    """
    text = _TEXT.sub(lambda m: "\\" + m.group(0), text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
