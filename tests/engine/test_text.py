"""The one text cutter and the escapers for HTML and Markdown (autograd_mini.text)."""

from __future__ import annotations

import doctest
import html as html_module
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

import autograd_mini.text as text
from autograd_mini.text import cut, html, markdown_cell, markdown_code, markdown_text, read_markdown_cell, visible


def test_the_docstring_examples_hold():
    assert doctest.testmod(text).failed == 0


def test_cut_keeps_short_texts_and_marks_what_it_leaves_out():
    assert cut("w1", 60) == "w1"
    assert cut("x" * 100, 10) == "x" * 9 + "…" and len(cut("x" * 100, 10)) == 10


@given(st.text())
def test_a_markdown_cell_reads_back_as_written_and_holds_no_markup(s):
    cell = markdown_cell(s)
    assert read_markdown_cell(cell) == s.replace("\n", " ").replace("\r", " ")  # a cell is one line
    assert "<" not in cell and ">" not in cell and "\n" not in cell
    unescaped_pipes = cell.replace("\\\\", "").count("|") - cell.replace("\\\\", "").count("\\|")
    assert unescaped_pipes == 0


@given(st.text())
def test_markdown_text_and_html_make_no_tag(s):
    assert "<" not in markdown_text(s) and "<" not in html(s) and '"' not in html(s)


def test_a_hostile_label_is_shown_not_run():
    label = '<img src=x onerror="alert(1)">'
    assert markdown_cell(label) == '&lt;img src=x onerror="alert(1)"&gt;'
    assert markdown_text("[a](javascript:alert(1))") == "\\[a\\](javascript:alert(1))"


def test_unseen_characters_are_shown_as_u_escapes_in_every_escaper():
    """NUL, ESC, DEL, C1 and the bidi overrides are one rule: shown as \\uXXXX, never passed on."""
    label = "a\x00\x1b\x7f\x85\u202e\u2066z"
    expected = "a\\u0000\\u001b\\u007f\\u0085\\u202e\\u2066z"
    assert visible(label) == expected and visible("tab\tkept é ∂") == "tab\tkept é ∂"
    assert html(visible(label)) == expected and html(label) == label and markdown_text(label) == expected
    assert markdown_cell(label) == expected and read_markdown_cell(markdown_cell(label)) == label
    assert markdown_code(label) == f"`{expected}`"


def test_a_cell_reads_back_a_literal_backslash_u_apart_from_an_unseen_character():
    for label in ("\\u0000", "\x00", "\\\x00", "a\\\\u202e"):
        assert read_markdown_cell(markdown_cell(label)) == label


def test_a_cell_escapes_emphasis_only_where_it_could_be_made():
    assert markdown_cell("net_h1") == "net_h1" and markdown_cell("*") == "*" and markdown_cell("**2") == "**2"
    assert markdown_cell("_u_") == "\\_u\\_" and markdown_cell("a*b*c") == "a\\*b\\*c" and markdown_cell("~s~") == "\\~s\\~"
    assert markdown_cell("$x$") == "`$`x`$`" and markdown_cell("`c`") == "\\`c\\`"


@given(st.text())
def test_a_code_span_holds_the_text_whatever_its_backticks(s):
    span = markdown_code(s)
    rendered = _RENDERER.renderInline(span)
    if s:  # (an empty text makes no span; a name is never empty)
        assert rendered.startswith("<code>") and rendered.endswith("</code>")
        assert html_module.unescape(rendered[6:-7]) == visible(s.replace("\r", " ").replace("\n", " "))


def test_markdown_text_makes_no_new_block():
    assert "\n" not in markdown_text("a\n# b\r\n    c") and markdown_text("$x$") == "`$`x`$`"


_SPECIAL = st.text(alphabet="`\\$|*_~[]<>&#!()ab \n\x00\u202e", max_size=12)


_RENDERER = MarkdownIt("commonmark", {"html": True}).enable("table")


@settings(deadline=None)  # rendering, not timing, is under test
@given(_SPECIAL)
def test_a_cell_rendered_by_a_real_markdown_renderer_shows_the_text_as_written(s):
    """markdown-it (CommonMark + GFM tables, as a notebook) renders a cell of any mix of Markdown's special
    characters as exactly the text (trimmed at the cell's edges, line breaks as spaces, unseen characters
    as \\uXXXX), with no tag but code spans around ``$`` and ``\\`` (which no maths renderer typesets)."""
    page = _RENDERER.render(f"| a | b |\n|---|---|\n| x | {markdown_cell(s)} |\n")
    cell = page.split("<td>")[2].split("</td>")[0]
    assert re.sub(r"</?code>", "", cell).count("<") == 0
    assert html_module.unescape(re.sub(r"</?code>", "", cell)) == visible(s.replace("\n", " ")).strip(" ")


@settings(deadline=None)
@given(_SPECIAL)
def test_prose_rendered_by_a_real_markdown_renderer_shows_the_text_as_written(s):
    page = _RENDERER.render("Text: " + markdown_text(s) + " end")
    body = page.strip()[len("<p>") : -len("</p>")]
    assert re.sub(r"</?code>", "", body).count("<") == 0
    assert html_module.unescape(re.sub(r"</?code>", "", body)) == "Text: " + visible(s.replace("\n", " ")) + " end"


@given(st.text())
def test_html_is_the_standard_librarys_escape_with_quotes(s):
    import html as stdlib_html

    assert html(s) == stdlib_html.escape(s, quote=True)
    assert stdlib_html.unescape(html(s)) == s
