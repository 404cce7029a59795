"""The drawing as rendered: network order, layer boxes side by side, legibility on a 1920×1080 slide,
the slide view, fields, stale gradients; and the drawing's boundary (validation, graphviz missing, big
graphs, broken pipes, reference cycles). Positions are read from the SVG dot writes (y grows downwards)."""

from __future__ import annotations

import gc
import subprocess
import sys
import warnings

import pytest
from graph_fixtures import hand_mazur, hand_mlp, nn_mazur, require_dot, slide_px, square, svg_layout
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd_mini import Value, sum_values
from autograd_mini.drawing.clusters import assign_clusters
from autograd_mini.drawing.draw import GraphTooLargeError, GraphvizNotFoundError, RenderError, StaleGradientsWarning, draw_dot, save
from autograd_mini.engine import topological_order


def _render(root: Value, **options) -> object:
    require_dot()
    with warnings.catch_warnings():
        warnings.simplefilter("error", StaleGradientsWarning)  # these drawings have exactly one backward()
        return svg_layout(draw_dot(root, **options).pipe(format="svg").decode("utf-8"))


def _where(layout, label: str) -> tuple[float, float]:
    """Position of the node whose first text starts with ``label`` (a full-view record or a slide node)."""
    found = [layout.nodes[t] for t, texts in layout.texts.items() if texts and (texts[0] == label or texts[0].startswith(label + " "))]
    assert len(found) == 1, (label, found)
    return found[0]


def _nn_mazur() -> Value:
    return nn_mazur()[1]


def _nn_mlp() -> Value:
    from nn import MLP
    from nn.losses import quadratic_cost

    model = MLP(2, [4, 4, 1], seed=0)
    root = quadratic_cost(model([0.05, 0.1]), [0.01])
    root.backward()
    return root


# ---------------------------------------------------------------------- order and layer boxes
MAZUR_ORDER = [["i1", "i2"], ["net_h1", "net_h2"], ["w1", "w2"], ["w5", "w6"], ["w7", "w8"], ["net_o1", "net_o2"], ["E_o1", "E_o2"]]
MLP_ORDER = [["i1", "i2"], ["net_h1_1", "net_h1_2", "net_h1_3", "net_h1_4"], ["net_h2_1", "net_h2_2", "net_h2_3", "net_h2_4"]]
FLOW = ["i1", "net_h1", "net_o1", "E_o1", "E_total"]


@pytest.mark.render
@pytest.mark.parametrize("network", ["mazur", "2-4-4-1"])
@pytest.mark.parametrize("view", ["full", "slide"])
@pytest.mark.parametrize("rankdir", ["LR", "TB"])
@pytest.mark.parametrize("clusters", ["layers", "neurons", None])
def test_drawings_follow_the_network_in_index_order_never_mirrored(network, view, rankdir, clusters):
    """Left to right, each layer reads top down in index order; top to bottom, left to right."""
    root = _nn_mazur() if network == "mazur" else _nn_mlp()
    layout = _render(root, view=view, rankdir=rankdir, clusters=clusters)
    across, along = (1, 0) if rankdir == "LR" else (0, 1)
    groups = MAZUR_ORDER if network == "mazur" else MLP_ORDER
    for group in groups:
        if view == "slide" and group[0].startswith("w"):
            continue  # weights are edge labels in the slide view
        spots = [_where(layout, name)[across] for name in group]
        assert spots == sorted(spots), (group, spots)
    flow = FLOW if network == "mazur" else ["i1", "net_h1_1", "net_h2_1", "net_o1", "E_total"]
    steps = [_where(layout, name)[along] for name in flow]
    assert steps == sorted(steps), (flow, steps)


@pytest.mark.parametrize("network", ["mazur", "2-4-4-1"])
@pytest.mark.parametrize("rankdir", ["LR", "TB"])
@pytest.mark.parametrize("edge_labels", ["local", "contribution", "both"])
def test_edge_labels_keep_the_network_order(network, rankdir, edge_labels):
    """Edge labels add nodes of their own to dot's layout (the explorer draws with them): the order holds."""
    root = _nn_mazur() if network == "mazur" else _nn_mlp()
    layout = _render(root, rankdir=rankdir, edge_labels=edge_labels)
    across = 1 if rankdir == "LR" else 0
    for group in MAZUR_ORDER if network == "mazur" else MLP_ORDER:
        spots = [_where(layout, name)[across] for name in group]
        assert spots == sorted(spots), (group, spots)


def test_a_2_4_4_1_keeps_its_neurons_in_order_and_each_layer_in_its_own_box_side_by_side():
    g = hand_mlp()
    layout = _render(g.E_total, clusters="layers")
    for layer in g.neurons:
        ys = [_where(layout, f"net_{n}")[1] for n in layer]
        assert ys == sorted(ys), layer
    boxes = sorted(layout.clusters.values())
    assert len(boxes) == 4  # hidden layer 1, hidden layer 2, output layer, loss
    for left, right in zip(boxes, boxes[1:]):
        assert left[2] <= right[0], "layer boxes overlap or form a staircase"
    assert "hidden layer 1" in layout.all_text and "hidden layer 2" in layout.all_text


def test_top_to_bottom_the_layer_boxes_stack_without_overlapping(mazur_graph):
    g = mazur_graph
    layout = _render(g.E_total, clusters="layers", rankdir="TB")
    boxes = sorted(layout.clusters.values(), key=lambda b: b[1])
    for top, below in zip(boxes, boxes[1:]):
        assert top[3] <= below[1]


def test_presets_give_each_layer_its_own_box_at_any_depth():
    from nn import MLP, layer_clusters

    g = hand_mlp(2, (4, 4, 3, 1))
    order = topological_order(g.E_total)
    boxes = assign_clusters(order, "layers")
    by_label = {n.label: boxes.get(id(n)) for n in order if n.label}
    assert by_label["net_h1_2"] == by_label["w[i1→h1_2]"] == by_label["b[h1_2]"] == ("hidden layer 1",)
    assert by_label["out_h2_4"] == ("hidden layer 2",) and by_label["net_h3_1"] == ("hidden layer 3",)
    assert by_label["out_o1"] == ("output layer",) and by_label["E_total"] == ("loss",)
    neurons = assign_clusters(order, "neurons")
    assert neurons[id(g.parameters[0])] == ("hidden layer 1", "h1_1")
    model = MLP(2, [4, 4, 3, 1], seed=0)
    from_model = layer_clusters(model)
    out = model([0.1, 0.2])[0]
    assert from_model(out) == ("output layer",)
    assert assign_clusters(topological_order(out), from_model) == assign_clusters(topological_order(out), "layers")
    with pytest.raises(TypeError, match="^layer_clusters: expected an nn.MLP"):
        layer_clusters(object())
    with pytest.raises(ValueError, match="^layer_clusters: by must be one of"):
        layer_clusters(model, by="layers")


# ---------------------------------------------------------------------- legibility and the slide view
@pytest.mark.render
def test_the_slide_view_of_mazur_is_legible_on_a_1920x1080_slide():
    root = _nn_mazur()
    full, slide = _render(root), _render(root, view="slide")
    assert slide_px(slide) >= 12 > slide_px(full)
    for text in ("∂E/∂w5 = 0.0822", "out_o1", "E_total = E_o1 + E_o2", "0.7514", "δ = 0.1385", "w5 = 0.4000"):
        assert text in slide.all_text, text
    assert "E_o1 = ½·(target_o1 − out_o1)²" in slide.all_text  # constants folded into the expression that uses them
    assert "E_o1 = ½·(0.01 − out_o1)²" in _render(hand_mazur().E_total, view="slide").all_text  # unlabelled: the number
    assert not any(t.startswith("#") for texts in slide.texts.values() for t in texts)  # no unnamed nodes
    assert len(slide.nodes) == 2 + 4 + 3  # i1 i2, four neurons, E_o1 E_o2 E_total: nothing else


@pytest.mark.render
def test_the_slide_view_of_a_2_4_4_1_is_legible_and_in_order():
    root = _nn_mlp()
    layout = _render(root, view="slide")
    assert slide_px(layout) >= 9
    for text in ("out_o1", "E_total", "∂E/∂w[h2_1→o1]"):
        assert text in layout.all_text
    for layer in (["h1_1", "h1_2", "h1_3", "h1_4"], ["h2_1", "h2_2", "h2_3", "h2_4"]):
        ys = [_where(layout, f"net_{n}")[1] for n in layer]
        assert ys == sorted(ys)
    boxed = _render(root, view="slide", clusters="layers")
    assert slide_px(boxed) >= 9
    boxes = sorted(boxed.clusters.values())
    assert len(boxes) == 4
    for left, right in zip(boxes, boxes[1:]):
        assert left[2] <= right[0]


def test_fields_data_draws_the_forward_pass_without_any_gradient():
    g = hand_mazur(backward=False)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no gradients shown: no stale-gradient warning either
        full = draw_dot(g.E_total, fields=("data",)).source
        slide = draw_dot(g.E_total, view="slide", fields=("data",)).source
    for source in (full, slide):
        assert "grad" not in source and "∂" not in source and "δ" not in source
    assert "0.75136507" in full and "w5 = 0.4000" in slide
    grads = draw_dot(hand_mazur().E_total, fields=["grad"]).source
    assert 'label="{ w5 | grad 0.082167041 }"' in grads


# ---------------------------------------------------------------------- stale gradients
def test_never_run_or_twice_run_backward_is_noted_in_the_drawing_and_warned():
    g = hand_mazur(backward=False)
    with pytest.warns(StaleGradientsWarning, match="backward\\(\\) was never run"):
        drawing = draw_dot(g.E_total, view="slide")
    assert "backward() was never run" in drawing.source and drawing.notes
    g.E_total.backward()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert not draw_dot(g.E_total).notes
    g.E_total.backward()  # leaf grads now doubled
    with pytest.warns(StaleGradientsWarning, match="ran more than once without zero_grad"):
        drawing = draw_dot(g.E_total)
    assert "not from exactly one backward()" in drawing.source
    assert issubclass(StaleGradientsWarning, UserWarning)


# ---------------------------------------------------------------------- the boundary
def test_import_needs_no_graphviz_and_rendering_says_how_to_install_it(tmp_path):
    code = (
        "import sys; sys.modules['graphviz'] = None\n"
        "import autograd_mini, nn\n"
        "from autograd_mini import Value, draw_dot, save, GraphvizNotFoundError\n"
        "x = Value(3.0, 'x'); y = x * x; y.label = 'y'; y.backward()\n"
        "d = draw_dot(y); assert d.source.startswith('digraph y {')\n"
        f"save(d, {str(tmp_path / 'y.dot')!r})\n"
        "try:\n"
        f"    save(d, {str(tmp_path / 'y.svg')!r})\n"
        "except GraphvizNotFoundError as e:\n"
        "    print('refused:', e)\n"
        "print(d._repr_mimebundle_()['text/plain'].splitlines()[-1][:60])\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "refused: save: rendering a drawing needs the 'graphviz' Python package" in run.stdout
    assert "pip install graphviz" in run.stdout
    assert (tmp_path / "y.dot").exists() and not (tmp_path / "y.svg").exists()
    assert issubclass(GraphvizNotFoundError, RuntimeError) and issubclass(RenderError, RuntimeError)


def test_a_huge_label_is_cut_and_a_broken_pipe_is_a_render_error(tmp_path, monkeypatch):
    x = Value(2.0, "x" * 100_000)
    y = x * x
    y.backward()
    source = draw_dot(y).source
    assert len(source) < 5_000 and "…" in source
    if require_dot() is None:
        assert save(y, tmp_path / "long.svg").read_text().count("x") < 1000
    import graphviz

    def broken(*args, **kwargs):
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(graphviz, "pipe", broken)
    (tmp_path / "keep.svg").write_text("old")
    with pytest.raises(RenderError, match="^save: Graphviz's dot stopped before reading the whole drawing .*keep.svg.*Shorten very long labels"):
        save(y, tmp_path / "keep.svg")
    assert (tmp_path / "keep.svg").read_text() == "old"


@pytest.mark.slow
def test_graphs_with_too_many_edges_are_refused():
    leaves = [Value(float(k), f"x{k}") for k in range(899)]
    wide = sum_values(leaves * 16, "wide")  # 900 values, 14,384 edges
    with pytest.raises(GraphTooLargeError, match=r"^draw_dot: the graph of 'wide' has 900 values and 14,384 edges, more than max_edges=3,000.*max_edges=14384"):
        draw_dot(wide)
    with pytest.raises(GraphTooLargeError, match="^save: "):
        save(wide, "never-written.svg")
    assert "n899 [label=" in draw_dot(wide, max_edges=None, fields=("data",), legend=False).source


BAD_CALLS = [
    (dict(highlight=5), TypeError, "draw_dot: highlight must be a Value, a label (str) or a list"),
    (dict(highlight=[5]), TypeError, "draw_dot: highlight must be"),
    (dict(rankdir=5), TypeError, "draw_dot: rankdir"),
    (dict(rankdir="up"), ValueError, "draw_dot: rankdir"),
    (dict(view="poster"), ValueError, "draw_dot: view must be one of 'full', 'slide'"),
    (dict(fields="data"), TypeError, "draw_dot: fields must be a tuple"),
    (dict(fields=()), ValueError, "draw_dot: fields must have at least 1"),
    (dict(fields=("data", "value")), ValueError, "draw_dot: each of fields must be one of 'data', 'grad'"),
    (dict(fields=("data", "data")), ValueError, "draw_dot: fields lists a field twice"),
    (dict(edge_labels="all"), ValueError, "draw_dot: edge_labels"),
    (dict(edge_labels="both", fields=("data",)), ValueError, "draw_dot: edge_labels='both' shows gradient"),
    (dict(edge_labels="local", view="slide"), ValueError, "draw_dot: edge_labels='local' is for the full view"),
    (dict(legend="yes"), TypeError, "draw_dot: legend must be True or False"),
    (dict(inherit_clusters=1), TypeError, "draw_dot: inherit_clusters must be True or False"),
    (dict(title=5), TypeError, "draw_dot: title must be a str"),
    (dict(format="bmp"), ValueError, "draw_dot: format must be one of 'svg', 'png', 'pdf'"),
    (dict(max_nodes=1.5), TypeError, "draw_dot: max_nodes must be a whole number"),
    (dict(max_nodes=0), ValueError, "draw_dot: max_nodes must be ≥ 1"),
    (dict(max_edges=-1), ValueError, "draw_dot: max_edges must be ≥ 1"),
    (dict(max_nodes=True), TypeError, "draw_dot: max_nodes must be a whole number"),
    (dict(number_format="{0.real.foo}"), ValueError, "draw_dot: number_format"),
    (dict(number_format=round), TypeError, "draw_dot: number_format must return a str"),
    (dict(number_format=3), TypeError, "draw_dot: number_format must be a format string"),
    (dict(clusters="layer"), ValueError, "draw_dot: the clusters preset 'layer' is unknown"),
    (dict(clusters=3), TypeError, "draw_dot: clusters must be"),
    (dict(highlight="w9"), ValueError, "draw_dot: highlight: no node labelled 'w9'"),
]


@pytest.mark.parametrize(("options", "error", "words"), BAD_CALLS)
def test_every_argument_is_validated_with_a_message_naming_it(options, error, words, mazur_graph):
    g = mazur_graph
    with pytest.raises(error) as caught:
        draw_dot(g.E_total, **options)
    assert str(caught.value).startswith(words)


def test_save_validates_its_arguments_and_names_the_file_it_cannot_write(tmp_path):
    x, y = square()
    with pytest.raises(TypeError, match="^draw_dot: root must be a Value"):
        draw_dot(3.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="^save: path must be a str or a pathlib.Path"):
        save(y, 5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="^save: unknown drawing options \\['colour'\\]"):
        save(y, tmp_path / "y.dot", colour="red")
    with pytest.raises(ValueError, match="^save: rankdir"):
        save(y, tmp_path / "y.dot", rankdir="up")
    with pytest.raises(TypeError, match="^save: expected a drawing from draw_dot"):
        save("digraph {}", tmp_path / "y.dot")
    assert save(y, tmp_path / "new" / "deeper" / "y.dot").exists()  # missing folders are created
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(OSError, match=f"^save: cannot write '{blocker / 'y.dot'}'"):
        save(y, blocker / "y.dot")




@pytest.mark.slow
def test_drawing_and_saving_leave_no_reference_cycles(collector_paused, tmp_path):
    def build():
        g = hand_mazur()
        for view in ("full", "slide"):
            drawing = draw_dot(g.E_total, view=view, clusters="neurons", highlight="w5", title="Mazur")
            save(drawing, tmp_path / f"{view}.dot")
        save(g.E_total, tmp_path / "again.dot", rankdir="TB")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                draw_dot(g.E_total, highlight=5)
            except TypeError:
                pass

    build()  # the first call imports and compiles what it needs
    gc.collect()
    build()
    assert gc.collect() == 0


_JUNK = st.one_of(
    st.none(), st.booleans(), st.integers(-10**30, 10**30), st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30),
    st.lists(st.one_of(st.text(max_size=5), st.integers()), max_size=3), st.tuples(st.text(max_size=5)),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2), st.just(object()), st.just(Value(1.0, "stranger")),
    st.sampled_from(["LR", "TB", "slide", "full", "data", "grad", "layers", "neurons", "local", "both", "svg", "w5", "{:.3f}", "{0.real.foo}"]),
)
_DRAW_ARGUMENTS = ["view", "fields", "rankdir", "number_format", "edge_labels", "clusters", "inherit_clusters", "highlight", "legend", "max_nodes", "max_edges", "format", "title"]


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(name=st.sampled_from(_DRAW_ARGUMENTS), junk=_JUNK)
def test_junk_arguments_give_only_type_or_value_errors_naming_draw_dot(name, junk):
    g = _FUZZ_GRAPH
    try:
        drawing = draw_dot(g.E_total, **{name: junk})
    except (TypeError, ValueError) as error:
        assert str(error).startswith("draw_dot: "), str(error)
    else:
        assert drawing.source.startswith("digraph E_total {")


_FUZZ_GRAPH = hand_mazur()
