"""The slide view on graphs other than Mazur's, and the `Drawing` object (source, pipe, render, notebooks)."""

from __future__ import annotations

import re
import warnings

import pytest
from graph_fixtures import hand_mazur, require_dot, square

from autograd_mini import Value, dot
from autograd_mini.drawing.draw import Drawing, GraphvizNotFoundError, draw_dot, save


def _cells(source: str) -> list[str]:
    return re.findall(r"<td[^>]*>([^<]*)</td>", source)


def test_an_expression_graph_shows_each_named_value_with_its_formula():
    a, b, c, f = Value(2.0, "a", role="parameter"), Value(-3.0, "b", role="parameter"), Value(10.0, "c"), Value(-2.0, "f")
    e = a * b
    e.label = "e"
    d = e + c
    d.label = "d"
    L = d * f
    L.label = "L"
    L.backward()
    cells = _cells(draw_dot(L, view="slide").source)
    for text in ("e = a·b", "d = e + c", "L = d·f", "= -8.0000", "∂L/∂a = 6.0000", "∂L/∂L = 1.0000"):
        assert text in cells, text
    assert not any("∂L = ∂L" in c or "edge: weight" in c or "neuron:" in c for c in cells)  # the legend lists what is drawn


def test_unnamed_steps_and_constants_fold_into_the_named_value_that_uses_them():
    x = Value(3.0, "x", role="input")
    y = (x * x).relu() + x.exp() - 2.0 / x
    y.label = "y"
    y.backward()
    source = draw_dot(y, view="slide").source
    assert "y = relu(x·x) + exp(x) − 2 / x" in _cells(source)
    assert len(re.findall(r"^\s*s\d+ \[", source, flags=re.M)) == 2  # x and y, nothing else


def test_a_neuron_with_a_constant_bias_and_tanh_is_one_node():
    x = Value(0.5, "x", role="input")
    w = Value(0.3, "w", role="parameter")
    out = dot([w], [x], 0.1, "net").tanh()
    out.label = "out"
    out.backward()
    source = draw_dot(out, view="slide").source
    cells = _cells(source)
    assert "net" in cells and "out = tanh(net)" in cells and "+ 0.1000" in cells and "δ = 0.9400" in cells
    assert "from x: w = 0.3000" in cells and "∂out/∂w = 0.4700" in cells  # the weight: a row of the neuron it feeds
    assert re.search(r"^\s*s0 -> s1 \[headport=w tailport=e\]$", source, flags=re.M)  # no label to pair up


def test_a_long_chain_is_drawn_in_bounded_pieces():
    x = Value(1.0, "x", role="input")
    y = x
    for _ in range(200):
        y = y * 1.0001 + 0.001
    y.label = "y"
    y.backward()
    source = draw_dot(y, view="slide").source
    assert max(len(c) for c in _cells(source)) < 120


def test_frozen_parameters_and_number_formats_in_the_slide_view(mazur_graph):
    g = mazur_graph
    source = draw_dot(g.E_total, view="slide", number_format="{:.2f}").source
    cells = _cells(source)
    assert "+ b1 = 0.35 (frozen)" in cells and "from out_h1: w5 = 0.40" in cells and "∂E/∂w5 = 0.08" in cells
    assert "∂E/∂w1 = 0.000439" in cells and not any(c.endswith(" 0.00") for c in cells)  # 0.00043857: significant figures, never 0.00
    nine = draw_dot(g.E_total, view="slide", number_format=None).source
    assert "0.7514" in nine  # the slide's default: 4 decimals


def test_a_drawing_is_its_source_and_renders_on_demand(tmp_path, monkeypatch):
    x, y = square()
    drawing = draw_dot(y, title="square")
    assert str(drawing) == drawing.source and "square" in drawing.source and repr(drawing).startswith("<Drawing:")
    assert Drawing("digraph { a }").format == "svg"
    require_dot()
    assert drawing.pipe().startswith(b"<?xml") and drawing.pipe(format="png").startswith(b"\x89PNG")
    assert drawing._repr_svg_().lstrip().startswith("<?xml")
    assert set(drawing._repr_mimebundle_()) == {"image/svg+xml"}
    path = drawing.render(tmp_path / "out" / "square")
    assert path.name == "square.svg" and path.read_text().lstrip().startswith("<?xml")
    with pytest.raises(ValueError, match="^Drawing.pipe: format must be one of"):
        drawing.pipe(format="gif")
    with pytest.raises(TypeError, match="^Drawing.render: filename must be a str or a pathlib.Path"):
        drawing.render(5)  # type: ignore[arg-type]
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    bundle = drawing._repr_mimebundle_()
    assert list(bundle) == ["text/plain"] and "apt-get install graphviz" in bundle["text/plain"]  # notebooks say why
    with pytest.raises(GraphvizNotFoundError, match="^Drawing.render: Graphviz's 'dot' program is needed"):
        drawing.render(tmp_path / "never")


def test_titles_and_labels_with_markup_are_shown_as_written():
    x = Value(1.0, "<b>&x</b>", role="input")
    y = x * 2.0
    y.label = 'y "quoted"'
    y.backward()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for view in ("full", "slide"):
            source = draw_dot(y, view=view, title="<i>title</i> & more").source
            assert "&lt;i&gt;title&lt;/i&gt; &amp; more" in source
            if view == "slide":
                assert "&lt;b&gt;&amp;x&lt;/b&gt;" in source
            require_dot()
            svg = draw_dot(y, view=view, title="<i>title</i> & more").pipe().decode()
            assert "&lt;i&gt;title&lt;/i&gt; &amp; more" in svg


def test_a_label_that_is_not_valid_unicode_is_drawn_with_a_question_mark(tmp_path):
    x = Value(1.0, "\ud800x", role="input")
    y = x * 2.0
    y.label = "y"
    y.backward()
    assert "?x" in save(y, tmp_path / "y.dot").read_text(encoding="utf-8")
    require_dot()
    assert save(draw_dot(y, view="slide"), tmp_path / "y.svg").read_bytes().startswith(b"<?xml")


def test_slide_numbers_keep_significant_figures_and_never_a_signed_zero():
    from autograd_mini.drawing.slide import keep_figures, slide_number

    assert [slide_number(x) for x in (0.082167041, 0.75136507, -0.0381, 0.000438568, 1.51e-5, -3.84e-6, 0.0, -0.0)] == [
        "0.0822", "0.7514", "-0.0381", "0.000439", "1.51e-5", "-3.84e-6", "0.0000", "0.0000",
    ]  # fmt: skip
    assert slide_number(1e300) == "1e+300" and slide_number(float("nan")) == "nan"
    two = keep_figures("{:.2f}".format)
    assert [two(x) for x in (0.0822, 0.0038, -0.0004, -0.0, 0.0, -1e-300)] == ["0.08", "0.0038", "-0.0004", "0.00", "0.00", "-1e-300"]


def test_every_number_on_a_users_slide_is_its_value_to_three_figures():
    """A 2-4-4-1 tanh net: its first layer's gradients are ~1e-6, the lecture's point; none reads as 0."""
    from nn import MLP
    from nn.losses import quadratic_cost

    model = MLP(2, [4, 4, 1], activation="tanh", seed=0)
    root = quadratic_cost(model([0.05, 0.1]), [0.01])
    root.backward()
    cells = _cells(draw_dot(root, view="slide").source)
    grads = dict(c.removeprefix("∂E/∂").split(" = ") for c in cells if c.startswith("∂E/∂w["))
    assert len(grads) == 2 * 4 + 4 * 4 + 4
    for p in model.parameters():
        if p.label.startswith("w["):
            shown = float(grads[p.label])
            assert shown != 0.0 and abs(shown - p.grad) <= 0.005 * abs(p.grad), (p.label, shown, p.grad)
    numbers = re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", " ".join(cells))
    assert not [n for n in numbers if n.startswith("-") and float(n) == 0.0]  # no -0.0000


def test_a_larger_network_leaves_its_weights_out_and_says_so():
    """Over 4 neurons a layer: no weight rows but the highlighted weight's; over 8: first 6 and the last."""
    from nn import MLP
    from nn.losses import quadratic_cost

    model = MLP(2, [5, 1], seed=0)
    root = quadratic_cost(model([0.05, 0.1]), [0.01])
    root.backward()
    cells = _cells(draw_dot(root, view="slide").source)
    assert not any(c.startswith("w[") for c in cells) and "15 weights not shown" in draw_dot(root, view="slide").source
    lit = _cells(draw_dot(root, view="slide", highlight="w[i2→h3]").source)
    w = next(q for q in model.parameters() if q.label == "w[i2→h3]")
    assert [c for c in lit if c.startswith("w[")] == [f"w[i2→h3] = {w.data:.4f}"]
    small = MLP(2, [4, 1], seed=0)
    small_root = quadratic_cost(small([0.05, 0.1]), [0.01])
    small_root.backward()
    assert "weights not shown" not in draw_dot(small_root, view="slide").source
    wide = MLP(2, [12, 1], seed=0)
    wide_root = quadratic_cost(wide([0.05, 0.1]), [0.01])
    wide_root.backward()
    source = draw_dot(wide_root, view="slide").source
    cells = _cells(source)
    shown = [c for c in cells if re.fullmatch(r"net_h\d+", c)]
    assert shown == ["net_h1", "net_h2", "net_h3", "net_h4", "net_h5", "net_h6", "net_h12"]
    assert "⋮ 5 more: out_h7 … out_h11" in cells and "5 inputs and neurons not shown" in source


def test_slide_cells_are_as_wide_as_their_text_drawn_in_a_browser():
    from autograd_mini.drawing.metrics import text_width

    assert text_width("aaaa", 10) == pytest.approx(4 * 5.56 * 1.05)
    assert text_width("W", 14) > text_width("i", 14) and text_width("∂→", 10) == pytest.approx((0.5 + 1.0) * 10 * 1.05)
    assert text_width("\u4e2d", 10) == pytest.approx(10 * 1.05)  # anything unknown: a full em
    source = draw_dot(hand_mazur().E_total, view="slide").source
    cell = re.search(r'<td width="(\d+)">∂E/∂w5 = 0.0822</td>', source)
    assert cell and int(cell.group(1)) >= text_width("∂E/∂w5 = 0.0822", 14)


def test_a_weight_on_an_unnamed_input_says_it_by_its_expression_and_a_plain_dot_keeps_its_bias_in_the_formula():
    a, b = Value(2.0, "a", role="input"), Value(3.0, "b", role="input")
    w, v, c = Value(0.5, "w", role="parameter"), Value(0.25, "v", role="parameter"), Value(1.0, "c", role="parameter")
    y = dot([w, v], [a * b, a], c, "y")
    y.backward()
    cells = _cells(draw_dot(y, view="slide").source)
    assert "from a·b: w = 0.5000" in cells and "from a: v = 0.2500" in cells and "y = w·a·b + v·a + c" in cells
    assert not any(cell.startswith("+ c") for cell in cells)  # c is a node of its own, not also a row
