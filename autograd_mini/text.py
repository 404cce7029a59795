"""Text for readers: the one place that cuts a long text and escapes text for the format it goes into.

Every text that reaches HTML or Markdown passes through a function of this module (DOT's own escapers live
with the DOT builder, `autograd_mini.drawing.dot`; LaTeX's with the maths, `autograd_mini.tracing.latex`;
all of them start with `visible`). Markdown is escaped so that a notebook rendering it as *trusted* Markdown
shows a label such as ``<img src=x onerror=alert(1)>`` as written and runs nothing: ``& < >`` become HTML
entities (CommonMark reads them back as the characters), ``[ ]`` are backslash-escaped so no link is made,
``$`` so no maths is made, ``* _ ~ ` `` so no emphasis or code is made.

The one rule for characters a reader cannot see: control characters (NUL, ESC, DEL, C1), the bidirectional
overrides and isolates that reorder what a reader sees (U+202E …) are shown as
``\\uXXXX`` in every format (`visible`); a Markdown cell reads back as written (`read_markdown_cell`).
"""

from __future__ import annotations

import re

__all__ = ["cut", "visible", "html", "markdown_cell", "read_markdown_cell", "markdown_text", "markdown_code"]

#: Unseen or reordering characters: C0 controls but tab/newline/return, DEL and C1, the bidi marks, embeddings,
#: overrides and isolates. (A lone surrogate is not text at all: each writer refuses it or writes "?".)
_UNSEEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_CELL = {"|": "\\|", "&": "&amp;", "<": "&lt;", ">": "&gt;", "[": "\\[", "]": "\\]",
         "_": "\\_", "`": "\\`", "\n": " ", "\r": " "}  # fmt: skip
# ``_`` only where it could open or close emphasis: not between two letters or digits (net_h1 stays as is).
_CELL_NEEDED = re.compile(r"[\\$]+|[|&<>\[\]`\n\r]|(?<![^\W_])_|_(?![^\W_])")
# ``*`` and ``~`` make emphasis or strikethrough only in pairs of runs: a lone run (the op ``*``, ``**2``) stays.
_RUNS = {"*": re.compile(r"\*+"), "~": re.compile(r"~+")}
_CELL_BACK = re.compile(r"`([\\$]+)`|\\([!-/:-@\[-`{-~])|\\u([0-9a-f]{4})|&(amp|lt|gt);")
_ENTITY = {"amp": "&", "lt": "<", "gt": ">"}
_TEXT = re.compile(r"[\\$]+|[*_`|#\[\]~]")


def cut(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, ending in "…" when anything was left out.

    >>> cut("net_h1", 60), cut("abcdef", 4)
    ('net_h1', 'abc…')
    """
    return text if len(text) <= limit else text[: max(limit - 1, 0)] + "…"


def visible(text: str) -> str:
    r"""``text`` with every character a reader cannot see, or that reorders what they see, shown as ``\uXXXX``:
    C0 controls (NUL …) but tab, newline and return, DEL, C1 controls, the bidirectional marks, overrides
    and isolates (U+202E …). Every Markdown escaper here and the DOT and LaTeX writers start with it; HTML
    writers call it before `html`.

    >>> visible("w\x001\u202e")
    'w\\u00001\\u202e'
    """
    if not _UNSEEN.search(text):
        return text
    return _UNSEEN.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def html(text: str) -> str:
    """Text for HTML, an element's content or a quoted attribute: ``& < > " '`` as entities (exactly
    ``html.escape(text, quote=True)``). A label is passed through `visible` first by every caller that
    shows one (``html(visible(label))``), so its NUL or U+202E is shown as ``\\uXXXX``."""
    # html.escape(text, quote=True), without importing html (and html.entities) with the engine
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#x27;")


def markdown_cell(text: str) -> str:
    r"""Text for one cell of a Markdown table, shown as written and never as markup: ``\ | [ ] $ `` ` ``,
    an ``_`` that could make emphasis, and ``* ~`` when two runs of them could, backslash-escaped, ``& < >`` as entities, line breaks as spaces,
    unseen characters as ``\uXXXX`` (`visible`). `read_markdown_cell` undoes it.

    >>> markdown_cell("a|b <script>"), markdown_cell("net_h1"), markdown_cell("__init__")
    ('a\\|b &lt;script&gt;', 'net_h1', '\\_\\_init\\_\\_')
    >>> markdown_cell("**2"), markdown_cell("w1*x1 + w2*x2")
    ('**2', 'w1\\*x1 + w2\\*x2')
    """
    pairs = [ch for ch, runs in _RUNS.items() if ch in text and len(runs.findall(text)) > 1]
    if _CELL_NEEDED.search(text):
        text = _CELL_NEEDED.sub(_cell_escape, text)
    for ch in pairs:
        text = text.replace(ch, "\\" + ch)
    return visible(text)


def _cell_escape(m: re.Match) -> str:
    found = m.group()
    return f"`{found}`" if found[0] in "\\$" else _CELL[found]


def read_markdown_cell(cell: str) -> str:
    r"""The text of a cell written by `markdown_cell` (and of a hand-written cell using CommonMark's
    backslash escapes of ASCII punctuation and the entities ``&amp; &lt; &gt;``; ``\uXXXX`` as one character)."""
    if "\\" not in cell and "&" not in cell and "`" not in cell:
        return cell
    return _CELL_BACK.sub(_unescape, cell)


def _unescape(m: re.Match) -> str:
    if m.group(1) is not None:
        return m.group(1)
    if m.group(2) is not None:
        return m.group(2)
    if m.group(3) is not None:
        return chr(int(m.group(3), 16))
    return _ENTITY[m.group(4)]


def markdown_text(text: str) -> str:
    r"""Prose for Markdown, shown as written: Markdown's punctuation (``\ * _ ` | # [ ] $ ~``) backslash-escaped,
    ``& < >`` as entities (so no HTML tag is ever made), line breaks as spaces (so no new block is started),
    unseen characters as ``\uXXXX`` (`visible`).

    >>> markdown_text("out_h1 <b>")
    'out\\_h1 &lt;b&gt;'
    """
    text = _TEXT.sub(lambda m: f"`{m.group()}`" if m.group()[0] in "\\$" else "\\" + m.group(), text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", " ").replace("\n", " ")
    return visible(text)


def markdown_code(text: str) -> str:
    """``text`` as a Markdown code span, shown as written in a monospace font (no markup, no maths is made
    inside one): fenced by more backticks than it holds in a row, line breaks as spaces, unseen characters
    as ``\\uXXXX``. Not for a table cell (a ``|`` would end the cell): use `markdown_cell` there.

    >>> markdown_code("E_total"), markdown_code("a`b")
    ('`E_total`', '``a`b``')
    """
    text = visible(text.replace("\r", " ").replace("\n", " "))
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or (text.startswith(" ") and text.endswith(" ") and text.strip()) else ""
    return f"{fence}{pad}{text}{pad}{fence}"
