"""The one text cutter and the escapers for HTML and Markdown (autograd_mini.text)."""

from __future__ import annotations

import doctest

from hypothesis import given
from hypothesis import strategies as st

import autograd_mini.text as text
from autograd_mini.text import cut, html, markdown_cell, markdown_text, read_markdown_cell


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


@given(st.text())
def test_html_is_the_standard_librarys_escape_with_quotes(s):
    import html as stdlib_html

    assert html(s) == stdlib_html.escape(s, quote=True)
    assert stdlib_html.unescape(html(s)) == s
