"""The explorer page (`autograd_mini.explorer.explore`), without a browser: self-contained, safe embedding, size, errors.

The browser tests (`test_explore_browser.py`) drive the same pages in headless Chromium.
"""

from __future__ import annotations

import html
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from graph_fixtures import require_dot

from autograd_mini import GraphTooLargeError, Value, explain, tape
from autograd_mini.engine import topological_order
from autograd_mini.examples import get_example
from autograd_mini.explorer.explore import explore
from autograd_mini.graph import names, post_format

pytestmark = pytest.mark.render  # Graphviz's dot draws the page's SVG

#: tests whose call fails before anything is rendered: they need no Graphviz
_NO_DOT = {
    "test_root_must_be_a_value", "test_path_must_be_a_str_or_path", "test_path_must_end_in_html", "test_a_folder_is_not_a_file",
    "test_bad_options", "test_a_label_that_is_not_unicode_text_is_refused", "test_import_autograd_mini_explore_does_not_import_graphviz",
}  # fmt: skip


@pytest.fixture(autouse=True)
def _dot(request):
    """Rendering tests fail without Graphviz's dot (skip with AUTOGRAD_MINI_SKIP_RENDER=1), as test_draw's do."""
    if request.function.__name__ not in _NO_DOT:
        require_dot()


class _Page(HTMLParser):
    """Every element's tag and attributes, and the text of each <script>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self._in_script: dict[str, str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = {k: v or "" for k, v in attrs}
        self.tags.append((tag, attributes))
        if tag == "script":
            self._in_script = attributes
            self.scripts.append((attributes, ""))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None

    def handle_data(self, data):
        if self._in_script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def embedded(page: _Page) -> dict:
    (text,) = [t for attrs, t in page.scripts if attrs.get("type") == "application/json"]
    return json.loads(text)


@pytest.fixture(scope="module")
def mazur_page(tmp_path_factory):
    root = get_example("mazur").build()
    path = explore(root, tmp_path_factory.mktemp("explore") / "mazur.html")
    return root, path


def expression() -> Value:
    """L = (a*b + c)*f, Karpathy's lecture expression (the bundled example), after backward()."""
    return get_example("karpathy-expression").build()


# ---------------------------------------------------------------------- self-contained
def test_returns_the_path_and_writes_one_html_file(mazur_page):
    _, path = mazur_page
    assert path.name == "mazur.html" and path.is_file()
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in path.parent.iterdir()) == ["mazur.html"]  # no temporary file left behind


def test_the_page_references_nothing_outside_itself(mazur_page):
    _, path = mazur_page
    text = path.read_text(encoding="utf-8")
    assert "http://" not in text and "https://" not in text
    assert not re.search(r"""\b(?:src|href|xlink:href|action)\s*=\s*["']?(?!data:|#)""", text, re.I)
    assert not re.search(r"url\(\s*['\"]?(?!data:|#)", text)
    assert "@import" not in text
    page = parse(path)
    assert not [t for t, _ in page.tags if t in ("link", "iframe", "img", "object", "embed", "base")]
    assert all("src" not in attrs for _, attrs in page.scripts)
    csp = [a for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0]["content"]  # the browser itself refuses any request


def test_two_scripts_the_data_and_the_code(mazur_page):
    _, path = mazur_page
    page = parse(path)
    assert [attrs.get("type") for attrs, _ in page.scripts] == ["application/json", None]


def test_mazur_page_is_under_500_kb(mazur_page):
    _, path = mazur_page
    assert path.stat().st_size < 500_000


def test_every_value_has_a_data_node_in_both_layouts(mazur_page):
    root, path = mazur_page
    order = topological_order(root)
    name_of = names(order)
    text = path.read_text(encoding="utf-8")
    for layout in ("LR", "TB"):
        svg = text.split(f'<template id="svg-{layout}">')[1].split("</template>")[0]
        tagged = {int(i): html.unescape(n) for n, i in re.findall(r'data-node="([^"]*)" data-index="(\d+)"', svg)}
        assert tagged == {i: name_of[id(node)] for i, node in enumerate(order)}
        edges = re.findall(r'class="edge input" data-parent="(\d+)" data-position="(\d+)"', svg)
        assert sorted(edges) == sorted((str(i), str(k)) for i, node in enumerate(order) for k in range(len(node.children)))


# ---------------------------------------------------------------------- the numbers
def test_the_data_holds_explain_and_the_tape(mazur_page):
    root, path = mazur_page
    data = embedded(parse(path))
    order = topological_order(root)
    by_name = {n["name"]: n for n in data["nodes"]}
    assert by_name["w1"]["explain"] == explain(root, "w1", max_paths=16).text()
    assert "0.000438568" in by_name["w1"]["explain"] and "out_o1" in by_name["w1"]["explain"] and "out_o2" in by_name["w1"]["explain"]
    assert by_name["w5"]["grad"] == post_format(order[[n["name"] for n in data["nodes"]].index("w5")].grad) == "0.082167041"
    replay = tape(root)
    assert [order[i] for i, _ in data["steps"]] == [s.node for s in replay.steps]
    for node, entry in zip(order, data["nodes"]):
        assert entry["grad"] == entry["replay"] == post_format(node.grad)
        assert entry["data"] == post_format(node.data)
        assert [c for c, _, _ in entry["inputs"]] == [order.index(child) for child in node.children]
    assert data["mismatches"] == []
    assert data["rootName"] == "E_total"


def test_grads_not_from_one_backward_are_flagged_and_the_graph_is_unchanged(tmp_path):
    a, b = Value(2.0, "a"), Value(3.0, "b")
    y = a * b
    y.label = "y"  # backward() never called: every grad is 0
    before = [(n.data, n.grad, n.label) for n in topological_order(y)]
    with pytest.warns(UserWarning, match="explore"):
        path = explore(y, tmp_path / "y.html")
    assert [(n.data, n.grad, n.label) for n in topological_order(y)] == before
    data = embedded(parse(path))
    assert sorted(data["mismatches"]) == ["a", "b", "y"]
    assert {n["name"]: n["replay"] for n in data["nodes"]} == {"a": "3", "b": "2", "y": "1"}


def test_number_format_and_title(tmp_path):
    path = explore(expression(), tmp_path / "L.htm", number_format="{:.2f}", title="Lecture 1 <expression>")
    text = path.read_text(encoding="utf-8")
    assert "<title>Lecture 1 &lt;expression&gt;</title>" in text
    nodes = {n["name"]: n for n in embedded(parse(path))["nodes"]}
    assert nodes["a"]["grad"] == "6.00" and nodes["L"]["data"] == "-8.00"


# ---------------------------------------------------------------------- hostile labels
HOSTILE = ["</script><script>alert(1)</script>", "\"quote' & <b>bold</b>", "∂ü😀 \u2028 sep", "<!-- x -->", "]]> {{x}} @@DATA@@"]


def test_hostile_labels_stay_text(tmp_path):
    leaves = [Value(float(i + 1), label) for i, label in enumerate(HOSTILE)]
    y = leaves[0] * leaves[1] + leaves[2] * leaves[3] * leaves[4]
    y.label = "</title></template><script>alert(2)</script>"
    y.backward()
    path = explore(y, tmp_path / "hostile.html")
    page = parse(path)
    assert len(page.scripts) == 2  # no label opened a script element
    assert [t for t, _ in page.tags].count("template") == 2
    data = embedded(page)
    assert {n["name"] for n in data["nodes"]} >= set(HOSTILE) | {y.label}
    assert {a["data-node"] for t, a in page.tags if "data-node" in a} >= set(HOSTILE) | {y.label}
    raw = path.read_text(encoding="utf-8")
    assert "alert(1)</script>" not in raw and "<script>alert" not in raw
    assert "@@" not in raw.split('<script type="application/json"')[0].split("<body>")[1].replace("@@DATA@@", "")  # no marker re-expanded


def test_a_single_value_and_repeated_inputs(tmp_path):
    x = Value(3.0, "x")
    x.grad = 1.0  # as after x.backward()
    data = embedded(parse(explore(x, tmp_path / "x.html")))
    assert [n["name"] for n in data["nodes"]] == ["x"] and len(data["steps"]) == 1
    assert data["nodes"][0]["explain"] == explain(x, x, max_paths=16).text()
    x = Value(3.0, "x")
    y = x * x + x**x  # x twice in one op; x ** x has two different local derivatives
    y.label = "y"
    y.backward()
    text = explore(y, tmp_path / "y.html").read_text(encoding="utf-8")
    order = topological_order(y)
    power = next(i for i, n in enumerate(order) if n.op == "**")
    for position, local in enumerate(order[power].local_grads):
        group = text.split(f'data-parent="{power}" data-position="{position}">')[1].split("</g>")[0]
        assert f">∂ {post_format(local)}</text>" in group  # each edge tagged with its own input position


def test_a_label_that_is_not_unicode_text_is_refused(tmp_path):
    x = Value(1.0, "bad\ud800")
    y = x * 2.0
    with pytest.raises(ValueError, match=r"explore: .*not valid Unicode"):
        explore(y, tmp_path / "bad.html")
    assert not list(tmp_path.iterdir())


# ---------------------------------------------------------------------- size
@pytest.mark.slow
def test_a_long_labelled_chain_stays_small(tmp_path):
    """1,000 values whose paths to the root are long: the deep ones get a summary, not every factor."""
    y = Value(0.5, "x")
    for i in range(249):
        y = y * 1.0001 + 0.001
        y.label = f"y{i}"
    y.backward()
    assert len(topological_order(y)) == 997
    path = explore(y, tmp_path / "chain.html")
    nodes = {n["name"]: n for n in embedded(parse(path))["nodes"]}
    assert sum(len(n["explain"]) for n in nodes.values()) < 1_200_000  # not 997 chains of up to 250 factors
    assert "not spelled out" in nodes["x"]["explain"] and post_format(topological_order(y)[0].grad) in nodes["x"]["explain"]
    assert nodes["y240"]["explain"] == explain(y, "y240", max_paths=16).text()


def test_graphs_above_max_nodes_are_refused_and_nothing_is_written(tmp_path):
    target = tmp_path / "big.html"
    target.write_text("old")
    L = expression()
    with pytest.raises(GraphTooLargeError, match=r"explore: .*7 values, more than max_nodes=6.*max_nodes=7") as caught:
        explore(L, target, max_nodes=6)
    assert isinstance(caught.value, ValueError)
    assert target.read_text() == "old"
    assert explore(L, target, max_nodes=7) == target and target.read_text().startswith("<!DOCTYPE")


# ---------------------------------------------------------------------- bad arguments
@pytest.mark.parametrize("root", [None, 3.0, "L", [Value(1.0)]])
def test_root_must_be_a_value(root, tmp_path):
    with pytest.raises(TypeError, match=r"^explore: root must be a Value"):
        explore(root, tmp_path / "x.html")


@pytest.mark.parametrize("path", [None, 3, b"x.html", ["x.html"]])
def test_path_must_be_a_str_or_path(path):
    with pytest.raises(TypeError, match=r"^explore: path must be"):
        explore(expression(), path)


@pytest.mark.parametrize("name", ["x.svg", "x", "x.html.txt", "", "x.HTML~"])
def test_path_must_end_in_html(name, tmp_path):
    with pytest.raises(ValueError, match=r"^explore: .*\.html"):
        explore(expression(), str(tmp_path / name) if name else name)
    assert not list(tmp_path.iterdir())


def test_a_folder_is_not_a_file(tmp_path):
    (tmp_path / "d.html").mkdir()
    with pytest.raises(ValueError, match=r"^explore: .*folder"):
        explore(expression(), tmp_path / "d.html")


@pytest.mark.parametrize(
    "options, error, words",
    [
        ({"max_nodes": 0}, ValueError, "max_nodes"),
        ({"max_nodes": True}, TypeError, "max_nodes"),
        ({"max_nodes": 10.0}, TypeError, "max_nodes"),
        ({"max_nodes": None}, TypeError, "max_nodes"),
        ({"max_paths": 0}, ValueError, "max_paths"),
        ({"max_paths": "3"}, TypeError, "max_paths"),
        ({"max_paths": float("nan")}, TypeError, "max_paths"),
        ({"title": 3}, TypeError, "title"),
        ({"number_format": 3}, TypeError, "number_format"),
        ({"number_format": "{:.2f} {}"}, ValueError, "number_format"),
        ({"number_format": lambda v: v}, TypeError, "number_format"),
    ],
)
def test_bad_options(options, error, words, tmp_path):
    target = tmp_path / "x.html"
    with pytest.raises(error, match=rf"^explore: .*{words}") as caught:
        explore(expression(), target, **options)
    assert not str(caught.value).startswith("explore: explore:")
    assert not target.exists()


def test_a_write_error_names_the_file_and_leaves_the_old_one(tmp_path):
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder")
    bad = blocker / "x.html"
    with pytest.raises(OSError, match=r"explore: cannot write .*file\.txt"):
        explore(expression(), bad)
    assert blocker.read_text() == "not a folder"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can write into a read-only folder")
def test_a_read_only_folder_leaves_the_old_page(tmp_path):
    target = tmp_path / "ro" / "page.html"
    target.parent.mkdir()
    target.write_text("old page")
    target.parent.chmod(0o500)
    try:
        with pytest.raises(PermissionError, match=r"explore: cannot write .*page\.html"):
            explore(expression(), target)
        assert target.read_text() == "old page"
        assert [p.name for p in target.parent.iterdir()] == ["page.html"]
    finally:
        target.parent.chmod(0o700)


def test_a_file_name_too_long_is_an_os_error_naming_it(tmp_path):
    with pytest.raises(OSError, match=r"^explore: cannot write .*x{20}"):
        explore(expression(), tmp_path / ("x" * 300 + ".html"))


def test_a_failed_write_leaves_the_old_page_and_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "page.html"
    target.write_text("old page")

    def full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(OSError, match=r"^explore: cannot write .*page\.html.*No space left"):
        explore(expression(), target)
    assert target.read_text() == "old page"
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]


def test_without_graphviz_the_error_says_how_to_install_it(tmp_path, monkeypatch):
    from autograd_mini import GraphvizNotFoundError

    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    with pytest.raises(GraphvizNotFoundError, match=r"^explore: .*(?i:install)") as caught:
        explore(expression(), tmp_path / "page.html")
    assert "Drawing.pipe" not in str(caught.value)
    assert not (tmp_path / "page.html").exists()


def test_missing_folders_are_created_and_the_file_is_readable(tmp_path):
    path = explore(expression(), tmp_path / "a" / "b" / "L.html")
    assert path.is_file()
    if os.name == "posix":
        assert path.stat().st_mode & 0o444 == 0o444 & ~_umask()


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_import_autograd_mini_explore_does_not_import_graphviz():
    import subprocess
    import sys

    code = "import sys, autograd_mini, autograd_mini.explorer.explore; print('graphviz' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
