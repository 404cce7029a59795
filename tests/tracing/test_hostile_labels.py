"""Every rich output with hostile labels (issue 19, defect 1): Markdown rendered by a real Markdown renderer
(markdown-it, raw HTML on and its link filter off, as a trusted notebook cell) makes no tag, link or
attribute of the label's; LaTeX maths holds only the commands the product writes; HTML and DOT show the
label as text. The same outputs in a real browser: tests/explorer/test_hostile_labels_browser.py."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from graph_fixtures import require_dot
from hostile import HOSTILE, MARKDOWN_TAGS, OUTPUTS, graph, markdown_to_html, parse_html, shown

from autograd_mini import check_worksheet, draw_dot, explain, explore, summary, tape, worksheet
from autograd_mini.drawing.dot import MAX_LABEL
from autograd_mini.text import cut, visible

MARKDOWN = [name for name, (fmt, _) in OUTPUTS.items() if fmt == "markdown"]
#: Outputs whose table cells name every node (the explanation names them only in maths).
CELLS = ["tape", "worksheet", "worksheet.answer_key", "summary", "check_worksheet"]
#: Every LaTeX command the product itself writes; a label's backslash is never one of these.
COMMANDS = {
    "frac", "partial", "mathrm", "delta", "sigma", "left", "right", "cdot", "times", "eta", "sum", "text", "ln",
    "le", "gt", "lt", "lbrack", "rbrack", "vert", "backslash", "hat", "sim", "grave", ",",
}  # fmt: skip
_CODE = re.compile(r"(?<![`\\])(`+)(?!`).+?(?<!`)\1(?!`)")
_MATHS = re.compile(r"(?<!\\)\$\$?(.+?)(?<!\\)\$\$?", re.S)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def rendered():
    """label name -> output name -> the text a reader is shown."""
    out = {}
    for key, label in HOSTILE.items():
        y, w = graph(label)
        out[key] = {name: fn(y, w) for name, (_, fn) in OUTPUTS.items()}
    return out


@pytest.mark.parametrize("output", MARKDOWN)
@pytest.mark.parametrize("key", list(HOSTILE))
def test_markdown_makes_no_tag_link_or_attribute_from_a_label(rendered, key, output):
    page = markdown_to_html(rendered[key][output])
    for tag, attrs in parse_html(page).tags:
        assert tag in MARKDOWN_TAGS, f"{output} with label {key!r} made <{tag}>"
        for name, _ in attrs:
            assert (tag, name) in {("td", "style"), ("th", "style"), ("ol", "start")}, f"{output}: <{tag} {name}=…> from {key!r}"


@pytest.mark.parametrize("output", CELLS)
@pytest.mark.parametrize("key", list(HOSTILE))
def test_a_table_cell_shows_the_label_as_written(rendered, key, output):
    text = _squash("".join(parse_html(markdown_to_html(rendered[key][output])).text))
    assert _squash(shown(HOSTILE[key])) in text


@pytest.mark.parametrize("output", ["tape", "worksheet", "summary", "explain", "explain.expand", "check_worksheet"])
@pytest.mark.parametrize("key", list(HOSTILE))
def test_latex_maths_holds_only_the_products_commands(rendered, key, output):
    prose = _CODE.sub("", rendered[key][output])  # a code span is shown as written: no maths is made in one
    found = _MATHS.findall(prose)
    assert found, f"{output} has no maths"
    for maths in found:
        commands = set(re.findall(r"\\([A-Za-z]+|.)", maths))
        unknown = commands - COMMANDS - set("{}#$%&_")
        assert not unknown, f"{output} with label {key!r}: LaTeX commands {sorted(unknown)} in {maths[:200]!r}"
        unescaped = re.sub(r"\\.", "", maths)
        assert unescaped.count("{") == unescaped.count("}"), maths[:200]
        assert not set("<>[]|`\n\r") & set(unescaped), f"{output}: Markdown or HTML markup inside maths from {key!r}"


@pytest.mark.parametrize("key", list(HOSTILE))
def test_repr_html_shows_the_label_as_text(rendered, key):
    parsed = parse_html(rendered[key]["repr_html"])
    assert {tag for tag, _ in parsed.tags} <= {"code", "b", "i"} and not any(attrs for _, attrs in parsed.tags)
    assert visible(HOSTILE[key]) in "".join(parsed.text)


@pytest.mark.render
@pytest.mark.parametrize("output", ["draw_dot", "draw_dot.slide"])
@pytest.mark.parametrize("key", list(HOSTILE))
def test_a_drawing_renders_and_shows_the_label_as_text(key, output):
    """Graphviz lays out every hostile label (a NUL used to fail as 'Graphviz could not write .svg'); the SVG
    is well-formed XML whose text holds the label as written (cut to the drawing's limit, unseen characters
    as \\uXXXX) and no element or attribute of the label's."""
    require_dot()
    y, w = graph(HOSTILE[key])
    drawing = draw_dot(y, view=output.partition(".")[2] or "full", title=w.label)
    svg = drawing.pipe(format="svg").decode("utf-8")
    root = ET.fromstring(svg)
    tags = {el.tag.rpartition("}")[2] for el in root.iter()}
    assert tags <= {"svg", "g", "title", "text", "path", "polygon", "ellipse", "polyline", "a", "defs"}, tags
    assert not any(name.startswith("on") or "href" in name for el in root.iter() for name in el.attrib)
    texts = _squash(" ".join("".join(el.itertext()) for el in root.iter() if el.tag.endswith("text")))
    label = shown(HOSTILE[key]).strip()
    assert _squash(cut(label, 24 if output.endswith("slide") else MAX_LABEL)).strip()[:20] in texts


def test_a_nul_in_a_label_is_drawn_as_u0000_not_a_graphviz_failure():
    require_dot()
    y, w = graph("w\x00")
    svg = draw_dot(y).pipe(format="svg").decode("utf-8")
    assert "w\\u0000" in svg and "\x00" not in svg
    assert "w\\\\u0000" in draw_dot(y).source  # escaped for DOT: a backslash, then u0000


@pytest.mark.parametrize("key", list(HOSTILE))
def test_a_worksheet_with_hostile_labels_grades_after_a_round_trip(key):
    """check_worksheet reads each cell back with read_markdown_cell: the answer key of a graph whose labels
    hold | \\ < & $ NUL U+202E … grades all correct."""
    y, _ = graph(HOSTILE[key])
    sheet = worksheet(y, blank="grads")
    result = check_worksheet(y, sheet.answer_key)
    assert result.exit_code == 0 and result.status == "correct" and len(result.rows) == len(sheet.rows)
    assert len(result.correct) == result.max_score == sum(r.blank_grad for r in sheet.rows) > 0


def test_unseen_characters_are_one_rule_across_outputs():
    """NUL, ESC, DEL and U+202E are shown as \\uXXXX in Markdown, LaTeX, HTML and DOT alike."""
    y, w = graph("a\x00\u202e")
    assert "a\\u0000\\u202e" in tape(y).markdown()
    assert r"a\backslash{}u0000\backslash{}u202e" in explain(y, w).markdown()
    assert "a\\u0000\\u202e" in w._repr_html_()
    assert "\x00" not in draw_dot(y).source and "\u202e" not in draw_dot(y).source


class _BrokenStr:
    def __str__(self) -> str:
        raise RuntimeError("broken __str__")

    __repr__ = __str__


class _StrWithBrokenStr(str):
    def __str__(self) -> str:
        raise RuntimeError("broken __str__")


CALLS = {
    "tape": lambda y, w, tmp: tape(y).markdown(),
    "worksheet": lambda y, w, tmp: str(worksheet(y)),
    "summary": lambda y, w, tmp: summary(y).markdown(),
    "explain": lambda y, w, tmp: explain(y, y).markdown(),
    "check_worksheet": lambda y, w, tmp: check_worksheet(y, "| # |"),
    "draw_dot": lambda y, w, tmp: draw_dot(y).source,
    "explore": lambda y, w, tmp: explore(y, tmp / "x.html"),
}


@pytest.mark.parametrize("bad", [None, 5, b"w1", float("nan"), _BrokenStr()], ids=["None", "int", "bytes", "nan", "broken-str"])
@pytest.mark.parametrize("call", list(CALLS))
def test_a_label_set_to_a_non_str_later_is_a_type_error_naming_the_call(tmp_path, call, bad):
    """``v.label = None`` after construction: every rich output says so (no AttributeError from deep inside)."""
    y, w = graph("w")
    w.label = bad
    with pytest.raises(TypeError, match=rf"^{call}: the label of value #\d+ \(data=0.15\) is \w+: .*not a str"):
        CALLS[call](y, w, tmp_path)
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("bad", [None, 5, b"<b>", _BrokenStr()], ids=["None", "int", "bytes", "broken-str"])
def test_repr_html_of_a_value_with_a_non_str_label_still_shows(bad):
    y, w = graph("w")
    w.label = bad
    parsed = parse_html(w._repr_html_())
    assert {tag for tag, _ in parsed.tags} <= {"code", "b", "i"} and "data=0.15" in "".join(parsed.text)


def test_a_str_subclass_label_is_read_as_its_plain_text(tmp_path):
    require_dot()
    y, w = graph("w")
    w.label = _StrWithBrokenStr("<b>w</b>")
    for call in CALLS.values():
        if call is not CALLS["check_worksheet"]:
            call(y, w, tmp_path)
    assert "| &lt;b&gt;w&lt;/b&gt; |" in tape(y).markdown()


@pytest.mark.parametrize(
    "output",
    [
        lambda y, w, f: tape(y, number_format=f).markdown(),
        lambda y, w, f: worksheet(y, number_format=f).exercise,
        lambda y, w, f: summary(y, lr=0.5, number_format=f).markdown(),
        lambda y, w, f: explain(y, w, number_format=f).markdown(),
    ],
    ids=["tape", "worksheet", "summary", "explain"],
)
def test_a_number_formats_own_text_is_escaped_too(output):
    """A number_format function's text (``<img …>``, ``|``, ``$``) is shown as written, in cells and in maths."""
    y, w = graph("w")
    text = output(y, w, lambda v: f"<img src=x onerror=1>{v:.3f}|$\\href{{x}}{{y}}$")
    parsed = parse_html(markdown_to_html(text))
    assert {tag for tag, _ in parsed.tags} <= MARKDOWN_TAGS
    for maths in _MATHS.findall(_CODE.sub("", text)):
        assert "href" not in set(re.findall(r"\\([A-Za-z]+)", maths))


def test_a_long_name_is_cut_in_maths_and_shown_in_full_in_the_table():
    """MathJax refuses maths over 5,000 characters: a 100,000-character name is cut with "…" in the LaTeX,
    while the table's node column shows it whole."""
    from autograd_mini.tracing.latex import MAX_NAME, latex_name

    assert latex_name("L" * 100_000) == r"\mathrm{" + "L" * (MAX_NAME - 1) + "…}" and latex_name("w5") == "w_{5}"
    y, _ = graph("L" * 100_000)
    text = tape(y).markdown()
    assert "| " + "L" * 100_000 + " |" in text
    assert all(len(maths) < 5000 for maths in _MATHS.findall(text))


@pytest.mark.render
def test_the_explorer_page_holds_no_unseen_character_and_no_markup_from_a_label(tmp_path):
    """The page's data (shown with textContent) has a NUL or U+202E as \\uXXXX, like its drawing; the label's
    markup is text in the title and the SVG."""
    import json

    require_dot()
    label = HOSTILE["img"] + "\x00\u202e"
    y, w = graph(label)
    page = explore(y, tmp_path / "x.html", title=label).read_text(encoding="utf-8")
    assert "\u202e" not in page and "\x00" not in page
    data = json.loads(page.split('id="graph-data">')[1].split("</script>")[0])
    assert data["rootName"] == visible(label) + "E"
    parsed = parse_html(page)
    assert not any(tag == "img" for tag, _ in parsed.tags)
    assert visible(label) in "".join(parsed.text)
