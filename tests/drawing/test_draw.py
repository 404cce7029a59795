"""draw_dot() and save(): DOT sources compared exactly for small graphs; real rendering of the Mazur graph.

Rendering tests run Graphviz's ``dot`` and FAIL when it is missing (CI installs it: see README). To skip
them on a machine without Graphviz, ask for it explicitly: ``AUTOGRAD_MINI_SKIP_RENDER=1 pytest``.
"""

from __future__ import annotations

import re

import pytest
from graph_fixtures import hand_mazur, require_dot, square

from autograd_mini import Value, sum_values
from autograd_mini.drawing.clusters import assign_clusters, clusters_by_label
from autograd_mini.drawing.draw import Drawing, GraphTooLargeError, GraphvizNotFoundError, RenderError, draw_dot, save
from autograd_mini.engine import topological_order
from nn import layer_clusters


def _node_line(source: str, node_id: str) -> str:
    (line,) = [ln.strip() for ln in source.splitlines() if ln.strip().startswith(f"{node_id} [")]
    return line


def _id_of(source: str, label: str) -> str:
    (node_id,) = re.findall(rf"^\s*(n\d+) \[label=\"{{ {re.escape(label)} \|", source, flags=re.M)
    return node_id


# ---------------------------------------------------------------------- exact sources
SQUARE_SOURCE = """digraph y {
	rankdir=LR
	newrank=true
	ordering=out
	nodesep=0.15
	ranksep=0.3
	fontname="Helvetica,Arial,sans-serif"
	remincross=false
	node [fontname="Helvetica,Arial,sans-serif" fontsize=12]
	edge [fontname="Helvetica,Arial,sans-serif" fontsize=11]
	n0 [label="{ x | data 3 | grad 6 }" fillcolor="#d4edda" shape=record style=filled]
	n1 [label="{ y | data 9 | grad 1 }" fillcolor="#ffe0b3" penwidth=2 shape=record style="filled,bold"]
	n1op [label="*" height=0.3 margin=0.02 shape=ellipse]
	n0 -> n1op [label="∂ 3\\n+= 3"]
	n0 -> n1op [label="∂ 3\\n+= 3"]
	n1op -> n1
}
"""


def test_x_times_x_source_with_both_edges_and_their_labels():
    x, y = square()
    assert draw_dot(y, edge_labels="both", legend=False).source == SQUARE_SOURCE


def test_same_graph_gives_the_same_source_and_ids_follow_topological_order():
    a, b = hand_mazur(), hand_mazur()
    assert draw_dot(a.E_total, clusters="neurons").source == draw_dot(b.E_total, clusters="neurons").source
    order = topological_order(a.E_total)
    source = draw_dot(a.E_total).source
    for i, node in enumerate(order):
        assert f"n{i} [label=" in source
        if node.children:
            assert f"n{i}op -> n{i}\n" in source


def _input_edges(source: str) -> list[tuple[str, str]]:
    """(input, op) for every input edge, in the order written: every input points at the op it feeds."""
    edges = []
    for line in source.splitlines():
        m = re.match(r"^\s*(n\d+(?:op)?) -> (n\d+(?:op)?)(.*)$", line)
        if m and m.group(2).endswith("op"):
            edges.append((m.group(1), m.group(2)))
    return edges


def test_every_edge_is_drawn_one_per_input_in_order(mazur_graph):
    g = mazur_graph
    source = draw_dot(g.E_total, legend=False).source
    edges = _input_edges(source)
    assert len(edges) == sum(len(n.children) for n in topological_order(g.E_total))
    net_o1 = _id_of(source, "net_o1")
    into = [src for src, dst in edges if dst == f"{net_o1}op"]
    assert into == [_id_of(source, name) for name in ("w5", "out_h1", "w6", "out_h2", "b2 (frozen)")]  # the inputs' order
    assert f"{_id_of(source, 'w5')} -> {net_o1}op [label=\" \"]" in source  # the weight points at the op
    assert not re.search(r"[ \[]dir=", source)  # no reversed arrow: every arrow points from an input toward the root


@pytest.mark.filterwarnings("ignore::autograd_mini.drawing.draw.StaleGradientsWarning")  # no backward(): grads 0 on purpose
def test_labels_are_escaped_and_shown_as_written():
    a, b, c = Value(1.0, "a|b"), Value(2.0, "<w>"), Value(3.0, '{x} "q" \\')
    y = a * b + c
    y.label = "y"
    source = draw_dot(y).source
    assert r'label="{ a\|b | data 1 | grad 0 }"' in source
    assert r'label="{ \<w\> | data 2 | grad 0 }"' in source
    assert r'label="{ \{x\} \"q\" \\ | data 3 | grad 0 }"' in source
    odd = Value(1.0, "x") * 2.0
    odd.label = "out"
    cluster_source = draw_dot(odd, clusters=lambda n: "<b>|c" if n is odd else None).source
    assert 'label="<b>|c"' in cluster_source  # a plain label, never HTML


def test_number_format_and_rankdir():
    x, y = square()
    assert 'label="{ x | data 3.00 | grad 6.00 }"' in draw_dot(y, number_format="{:.2f}").source
    tb = draw_dot(y, rankdir="TB").source
    assert "rankdir=TB" in tb and 'label="x | data 3 | grad 6"' in tb
    with pytest.raises(ValueError, match=r"^draw_dot: rankdir .* must be one of 'LR', 'TB'"):
        draw_dot(y, rankdir="sideways")
    with pytest.raises(ValueError, match="number_format"):
        draw_dot(y, number_format="{0} {1}")


def test_edge_labels_local_and_contribution(mazur_graph):
    g = mazur_graph
    source = draw_dot(g.E_total, edge_labels="local").source
    w5, net_o1 = _id_of(source, "w5"), _id_of(source, "net_o1")
    assert f'{w5} -> {net_o1}op [label="∂ 0.593269992"]' in source
    contribution = draw_dot(g.E_total, edge_labels="contribution").source
    assert f'{w5} -> {net_o1}op [label="+= 0.082167041"]' in contribution
    assert "edge labels: ∂ local ∂parent/∂input; += local × parent grad</td>" in contribution
    with pytest.raises(ValueError, match="edge_labels must be"):
        draw_dot(g.E_total, edge_labels="all")  # type: ignore[arg-type]


# ---------------------------------------------------------------------- roles and legend
def test_roles_are_styled_and_the_legend_lists_those_present(mazur_graph):
    g = mazur_graph
    source = draw_dot(g.E_total).source
    assert 'fillcolor="#cfe2ff"' in _node_line(source, _id_of(source, "w5"))
    frozen = _node_line(source, _id_of(source, "b1 (frozen)"))
    assert 'style="filled,dashed"' in frozen
    assert 'fillcolor="#d4edda"' in _node_line(source, _id_of(source, "i1"))
    assert 'style="filled,dotted"' in _node_line(source, _id_of(source, "0.01"))  # the unlabelled target, named by its number
    assert 'style="filled,bold"' in _node_line(source, _id_of(source, "E_total"))
    for role in ("parameter", "frozen parameter", "input", "constant", "computed value", "output / loss"):
        assert f">{role}</td>" in source  # one strip of coloured cells in the caption
    x, y = square()
    small = draw_dot(y).source
    assert ">input</td>" in small and ">parameter</td>" not in small and ">frozen parameter</td>" not in small
    assert "<table" not in draw_dot(y, legend=False).source


# ---------------------------------------------------------------------- clusters
def test_layer_presets_box_the_mazur_graph_with_weights_and_loss_pieces_inherited(mazur_graph):
    g = mazur_graph
    order = topological_order(g.E_total)
    boxes = assign_clusters(order, "layers")
    where = {n.label or f"#{i}": boxes.get(id(n)) for i, n in enumerate(order)}
    assert where["w1"] == where["b1"] == where["net_h1"] == where["out_h2"] == ("hidden layer",)
    assert where["w5"] == where["b2"] == where["out_o2"] == ("output layer",)
    assert where["E_o1"] == where["E_total"] == ("loss",)
    assert where["#0"] == ("loss",)  # the unlabelled target constant goes with the error it feeds
    assert where["i1"] is None  # inputs never inherit
    neurons = assign_clusters(order, "neurons")
    assert neurons[id(g.w1)] == neurons[id(g.out_h1)] == ("hidden layer", "h1")
    assert neurons[id(g.b1)] == ("hidden layer",)  # shared by h1 and h2: the layer, not a neuron
    assert assign_clusters(order, "layers", inherit=False).get(id(g.w1)) is None


def test_clusters_are_nested_subgraphs_in_the_source(mazur_example):
    ex, root = mazur_example
    source = draw_dot(root, clusters=layer_clusters(ex.model, by="neuron")).source
    assert "subgraph cluster_0 {" in source
    labels = re.findall(r"subgraph (cluster_[\d_]+) \{\n\s*style=\"rounded,dashed\"\n\s*color=\"#888888\"\n\s*fontsize=13\n\s*label=\"?([^\"\n]+?)\"?\n", source)
    names = dict(labels)
    assert set(names.values()) == {"loss", "output layer", "hidden layer", "o1", "o2", "h1", "h2"}
    inner = {v: k for k, v in names.items()}
    assert inner["h1"].startswith(inner["hidden layer"] + "_")
    block = source.split(f"subgraph {inner['o1']} {{")[1].split("\n\t\t}")[0]
    assert "{ w5 |" in block and "{ net_o1 |" in block and "{ out_o1 |" in block and "{ w7 |" not in block


def test_custom_cluster_rules_mappings_and_errors(mazur_graph):
    g = mazur_graph
    order = topological_order(g.E_total)
    rules = clusters_by_label([(r"(net|out)_(\w)(\d)", (r"layer \2", r"neuron \2\3"))])
    boxes = assign_clusters(order, rules, inherit=False)
    assert boxes[id(g.net_o2)] == ("layer o", "neuron o2")
    assert assign_clusters(order, {g.w5: "mine"}, inherit=False) == {id(g.w5): ("mine",)}
    with pytest.raises(ValueError, match="preset 'layer' is unknown"):
        draw_dot(g.E_total, clusters="layer")
    with pytest.raises(ValueError, match="not a valid regular expression"):
        clusters_by_label({"(": "x"})
    with pytest.raises(TypeError, match="must be a name, a tuple of names or None"):
        draw_dot(g.E_total, clusters=lambda n: 3)  # type: ignore[arg-type,return-value]
    with pytest.raises(TypeError, match="expected an nn.MLP"):
        layer_clusters(object())


# ---------------------------------------------------------------------- highlight
def test_highlight_marks_exactly_the_paths_from_the_parameter_to_the_root(mazur_graph):
    g = mazur_graph
    source = draw_dot(g.E_total, highlight="w5", legend=False).source
    red = {m for m in re.findall(r"^\s*(n\d+) \[[^\n]*color=\"#d62728\"", source, flags=re.M)}
    on_path = {_id_of(source, name) for name in ("w5", "net_o1", "out_o1", "E_o1", "E_total")}
    assert on_path <= red
    assert _id_of(source, "w1") not in red and _id_of(source, "out_o2") not in red
    assert len(red) == len(on_path) + 2  # and the two unlabelled loss nodes (0.01 − out_o1, its square)
    red_edges = re.findall(r"^\s*(n\d+(?:op)?) -> (n\d+(?:op)?) \[(?:label=\" \" )?color=\"#d62728\"", source, flags=re.M)
    assert (_id_of(source, "w5"), _id_of(source, "net_o1") + "op") in red_edges  # from w5 toward the root
    assert len(red_edges) == 2 * (len(red) - 1)  # input -> op and op -> result along the chain of 7
    both = draw_dot(g.E_total, highlight=["w5", g.w1]).source
    assert "on a path from w5, w1 to E_total" in both
    with pytest.raises(ValueError, match="highlight: no node labelled 'w9'"):
        draw_dot(g.E_total, highlight="w9")


# ---------------------------------------------------------------------- size limit
@pytest.mark.filterwarnings("ignore::autograd_mini.drawing.draw.StaleGradientsWarning")  # no backward(): grads 0 on purpose
def test_max_nodes_refuses_big_graphs_with_a_clear_message():
    x = Value(1.0, "x")
    y = x
    for _ in range(1000):
        y = y + 1.0
    y.label = "big"
    with pytest.raises(GraphTooLargeError) as error:
        draw_dot(y)  # 2,001 values: over the default 1000
    message = str(error.value)
    assert "'big' has 2,001 values and 2,000 edges, more than max_nodes=1,000" in message
    assert "raise the limit: draw_dot(root, max_nodes=2001, max_edges=3000)" in message and "sum_values()" in message
    assert isinstance(error.value, ValueError)
    assert "n2000 [label=" in draw_dot(y, max_nodes=None, legend=False).source
    small = sum_values([Value(float(k)) for k in range(5)], "s")
    with pytest.raises(GraphTooLargeError, match="6 values"):
        draw_dot(small, max_nodes=5)
    with pytest.raises(ValueError, match="draw_dot: max_nodes must be ≥ 1"):
        draw_dot(small, max_nodes=0)


# ---------------------------------------------------------------------- saving, missing dot
def test_draw_dot_returns_a_digraph_in_svg_by_default():
    x, y = square()
    g = draw_dot(y)
    assert isinstance(g, Drawing) and g.format == "svg" and g.source.startswith("digraph y {")
    assert draw_dot(y, format="png").format == "png"


def test_save_dot_source_needs_no_graphviz_and_bad_suffixes_are_refused(tmp_path, monkeypatch):
    x, y = square()
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no dot anywhere
    path = save(y, tmp_path / "sub" / "square.dot", legend=False)
    assert path.read_text() == SQUARE_SOURCE.replace(' [label="∂ 3\\n+= 3"]', "")
    with pytest.raises(ValueError, match=r"cannot tell the format of .*square\.bmp.*\.svg, \.png, \.pdf"):
        save(y, tmp_path / "square.bmp")
    with pytest.raises(TypeError, match="need a root Value"):
        save(draw_dot(y), tmp_path / "x.dot", legend=False)


def test_missing_dot_raises_an_error_saying_how_to_install_it(tmp_path, monkeypatch):
    x, y = square()
    monkeypatch.setenv("PATH", str(tmp_path))  # no dot anywhere
    g = draw_dot(y)
    assert g.source.startswith("digraph y {")  # building and the source still work
    for render in (lambda: save(g, tmp_path / "y.svg"), lambda: g.pipe(), lambda: g.render(tmp_path / "y")):
        with pytest.raises(GraphvizNotFoundError) as error:
            render()
        message = str(error.value)
        assert "apt-get install graphviz" in message and "brew install graphviz" in message and "graphviz-pure" in message
        assert isinstance(error.value, RuntimeError)
    assert not (tmp_path / "y.svg").exists()


def test_save_reports_unwritable_files(tmp_path):
    x, y = square()
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(OSError, match="save: cannot write"):
        save(y, blocker / "y.dot")


# ---------------------------------------------------------------------- real rendering
@pytest.mark.render
def test_render_mazur_svg_shows_the_published_numbers(tmp_path, mazur_example):
    require_dot()
    _, root = mazur_example
    path = save(draw_dot(root, clusters="layers", highlight="w1"), tmp_path / "mazur.svg")
    svg = path.read_text(encoding="utf-8")
    texts = " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg))
    published = [
        "0.3775", "0.593269992", "0.596884378", "1.105905967", "0.75136507", "0.772928465",
        "0.274811083", "0.023560026", "0.298371109", "0.74136507", "0.138498562",
        "0.082167041", "0.036350306", "0.000438568",
    ]  # fmt: skip
    for figure in published:
        assert figure in texts, figure
    for title in ("hidden layer", "output layer", "loss", "parameter", "E_total", "w5"):
        assert title in texts


@pytest.mark.render
def test_render_mazur_png(tmp_path, mazur_example):
    require_dot()
    _, root = mazur_example
    png = save(root, tmp_path / "mazur.png", rankdir="TB").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000


@pytest.mark.render
def test_render_mazur_pdf(tmp_path, mazur_example):
    require_dot()
    _, root = mazur_example
    if not dot_writes("pdf"):  # Debian's and Homebrew's Graphviz do; the graphviz-pure wheel does not
        pytest.skip("this machine's dot has no PDF writer (graphviz-pure?); .svg and .png are tested")
    pdf = save(root, tmp_path / "mazur.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")


def dot_writes(fmt: str) -> bool:
    import subprocess
    run = subprocess.run(["dot", f"-T{fmt}"], input=b"digraph { a }", capture_output=True)
    return run.returncode == 0 and bool(run.stdout)


@pytest.mark.filterwarnings("ignore::autograd_mini.drawing.draw.StaleGradientsWarning")  # no backward(): grads 0 on purpose
def test_a_format_dot_cannot_write_is_a_clear_error(tmp_path, monkeypatch):
    import graphviz

    def refuse(engine, format, data, **kwargs):
        raise graphviz.CalledProcessError(1, ["dot", f"-T{format}"], stderr=b'Format: "pdf" not recognized. Use one of: png svg')

    monkeypatch.setattr(graphviz, "pipe", refuse)
    x = Value(2.0, "x")
    with pytest.raises(RenderError, match=r"could not write \.pdf .*Format: \"pdf\" not recognized.*Try \.svg or \.png"):
        save(x * x, tmp_path / "g.pdf")


@pytest.mark.render
@pytest.mark.filterwarnings("ignore::autograd_mini.drawing.draw.StaleGradientsWarning")  # no backward(): grads 0 on purpose
def test_render_escaped_labels_show_as_written():
    require_dot()
    a, b, c = Value(1.0, "a|b"), Value(2.0, "<w>"), Value(3.0, '{x} "q" \\n')
    y = a * b + c
    y.label = "y"
    svg = draw_dot(y).pipe(format="svg").decode("utf-8")
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert "a|b" in texts and "&lt;w&gt;" in texts and "{x} &quot;q&quot; \\n" in texts


def test_the_readme_shows_a_rendered_mazur_graph_with_the_published_numbers():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert '<img src="docs/mazur.svg"' in readme and '<img src="docs/mazur-slide.svg"' in readme  # side by side
    # regenerate: save(draw_dot(E_total, clusters="layers", highlight="w1"), "docs/mazur.svg") and the same
    # with view="slide" into docs/mazur-slide.svg (the README's "Drawing" snippet)
    svg = (root / "docs" / "mazur.svg").read_text(encoding="utf-8")
    for figure in ("0.593269992", "0.75136507", "0.298371109", "0.082167041", "0.000438568"):
        assert figure in svg
    slide = (root / "docs" / "mazur-slide.svg").read_text(encoding="utf-8")
    for figure in ("w5 = 0.4000", "∂E/∂w5 = 0.0822", "δ = 0.1385", "0.7514", "E_total = E_o1 + E_o2", "0.2984"):
        assert figure in slide
