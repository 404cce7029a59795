"""Hostile labels and every rich output they reach, for the escaping tests (tests/tracing/test_hostile_labels.py
and tests/explorer/test_hostile_labels_browser.py).

A label reaches a reader through Markdown (tape, worksheet, summary, explain, the worksheet check), LaTeX
maths inside that Markdown, HTML (``Value._repr_html_``, the explorer) and DOT/SVG (drawings). Each output
here is built from one small neuron graph whose every name holds the hostile label.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from autograd_mini import Value, check_worksheet, draw_dot, explain, summary, tape, worksheet
from autograd_mini.engine import dot
from autograd_mini.text import visible
from autograd_mini.tracing.worksheet import BLANK

#: Labels that would run script, make a link or maths, reorder text or break a parser if passed through raw.
HOSTILE = {
    "img": '<img src=x onerror="window.__x=1">',
    "script": "<script>window.__x=1</script>",
    "link": "[a](javascript:window.__x=1)",
    "autolink": "<javascript:window.__x=1>",
    "href": r"\href{javascript:window.__x=1}{x}",
    "maths": r"$\href{javascript:window.__x=1}{x}$",
    "html_maths": r"\(\class{x}{\style{color:red}{y}}\)",
    "entity": "&lt;img src=x onerror=window.__x=1&gt; &amp;",
    "pipes": "a|b\\|c` *em* _u_ ~s~ # h",
    "latex": r"{}$&#^_%~\\ end",
    "rtl": "abc\u202edef\u202c",
    "nul": "w\x00\x1b[31m\x7f",
    "newline": "a\nb\r\n# heading",
    "long": "L" * 100_000,
}


def graph(label: str) -> tuple[Value, Value]:
    """One sigmoid neuron and a squared error, every name built from ``label`` (the neuron is ``net_<label>``):
    (root after backward(), the weight)."""
    x = Value(0.05, label + "x", role="input")
    w = Value(0.15, label, role="parameter")
    b = Value(0.35, label + "b", role="parameter")
    net = dot([w], [x], b, label="net_" + label)
    out = net.sigmoid()
    out.label = "out_" + label
    loss = (out - 0.01) ** 2
    loss.label = label + "E"
    loss.backward()
    return loss, w


#: name -> (format, function of (root, weight) giving the text a reader is shown)
OUTPUTS = {
    "tape": ("markdown", lambda y, w: tape(y)._repr_markdown_()),
    "tape.markdown": ("markdown", lambda y, w: tape(y).markdown()),
    "worksheet": ("markdown", lambda y, w: worksheet(y)._repr_markdown_()),
    "worksheet.answer_key": ("markdown", lambda y, w: worksheet(y).answer_key),
    "worksheet.title": ("markdown", lambda y, w: str(worksheet(y, title=w.label))),
    "summary": ("markdown", lambda y, w: summary(y, lr=0.5)._repr_markdown_()),
    "explain": ("markdown", lambda y, w: explain(y, w).markdown()),
    "explain.expand": ("markdown", lambda y, w: explain(y, w).markdown(expand=True)),
    "check_worksheet": ("markdown", lambda y, w: check_worksheet(y, worksheet(y, blank="grads").exercise.replace(BLANK, "9.1")).markdown()),
    "repr_html": ("html", lambda y, w: w._repr_html_() + y._repr_html_()),
    "draw_dot": ("dot", lambda y, w: draw_dot(y, title=w.label).source),
    "draw_dot.slide": ("dot", lambda y, w: draw_dot(y, view="slide", title=w.label).source),
}


class Tags(HTMLParser):
    """The tags and attributes of an HTML text, and its text as a browser shows it (entities decoded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse_html(text: str) -> Tags:
    parser = Tags()
    parser.feed(text)
    parser.close()
    return parser


def markdown_to_html(text: str) -> str:
    """Markdown as a notebook renders *trusted* Markdown: CommonMark with tables and strikethrough, raw HTML
    allowed, and every link target allowed (markdown-it's own ``javascript:`` filter off, as in renderers
    that have none), so only the escaping stands between a label and the page."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md.render(text)


def shown(label: str) -> str:
    """The label as a reader sees it in a cell: unseen characters as \\uXXXX, line breaks as spaces."""
    return visible(label).replace("\r", " ").replace("\n", " ")


#: Tags a Markdown output may make by itself (tables, emphasis, code, lists, headings): anything else came from a label.
MARKDOWN_TAGS = {"table", "thead", "tbody", "tr", "th", "td", "p", "strong", "em", "code", "ul", "ol", "li", "h2", "blockquote", "br", "hr"}


def escape_html(text: str) -> str:
    return html.escape(text, quote=True)


MATHJAX = "/usr/share/javascript/mathjax/MathJax.js"  # Debian's libjs-mathjax (MathJax 2.7, as the classic notebook)
_PLACE = re.compile(r"@@(\d+)@@")
_CODE_OR_MATHS = re.compile(r"(?P<code>(?<![`\\])(`+)(?!`).+?(?<!`)\2(?!`))|(?P<maths>(?<!\\)\$\$?.+?(?<!\\)\$\$?)", re.S)


def notebook_page_with_maths(texts: list[str], only_maths: bool = True) -> str:
    """A page showing each Markdown text as a notebook does: its maths taken out before the Markdown is
    rendered (as Jupyter's removeMath does; code spans keep theirs), put back HTML-escaped, then typeset
    by MathJax with the notebook's delimiters. ``only_maths``: only the maths is typeset (``processClass``),
    so a test sees what the LaTeX writer's escaping lets through; else the whole page is, as a notebook
    typesets a whole cell (so ``$…$`` or ``\\(…\\)`` left as text in a table cell would be typeset too).
    ``body[data-mathjax=done]`` once MathJax has finished."""
    maths: list[str] = []

    def keep(m: re.Match) -> str:
        if m.group("maths") is None:
            return m.group(0)
        maths.append(m.group("maths"))
        return f"@@{len(maths) - 1}@@"

    def put_back(m: re.Match) -> str:
        return f'<span class="math">{html.escape(maths[int(m.group(1))], quote=False)}</span>'

    parts = ["<div>" + _PLACE.sub(put_back, markdown_to_html(_CODE_OR_MATHS.sub(keep, text))) + "</div>" for text in texts]
    where = ", processClass: 'math', ignoreClass: 'page'" if only_maths else ""
    config = (
        "MathJax.Hub.Config({tex2jax: {inlineMath: [['$','$'], ['\\\\(','\\\\)']], displayMath: [['$$','$$'], ['\\\\[','\\\\]']], "
        "processEscapes: true" + where + "}, messageStyle: 'none', showMathMenu: false});"
        "MathJax.Hub.Register.StartupHook('End', function () { document.body.setAttribute('data-mathjax', 'done'); });"
    )
    return (
        f'<!doctype html><html><head><meta charset="utf-8"><script type="text/x-mathjax-config">{config}</script>'
        f'<script src="file://{MATHJAX}?config=TeX-AMS_CHTML"></script></head><body class="page">{"".join(parts)}</body></html>'
    )
