"""explain(): the chain rule path by path, checked against the Mazur post and against backward()."""

from __future__ import annotations

import math
import random

import pytest
from graph_fixtures import assert_published, hand_mazur, square
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd_mini import Value, dot, sum_values
from autograd_mini.graph import post_format
from autograd_mini.tracing.explain import count_paths, explain
from autograd_mini.tracing.latex import latex_name

# The post's line, character for character (its numbers are the post's printed figures).
POST_W5 = (
    "∂E_total/∂w5 = ∂E_total/∂out_o1 × ∂out_o1/∂net_o1 × ∂net_o1/∂w5"
    " = 0.74136507 × 0.186815602 × 0.593269992 = 0.082167041"
)


# ---------------------------------------------------------------------- the Mazur post
def test_w5_reads_like_the_post_on_the_nn_example(mazur_example):
    ex, root = mazur_example
    result = explain(root, ex.parameter("w5"))
    assert str(result).splitlines()[0] == POST_W5  # then δ, the local rules (issue 14)
    assert result.path_count == 1
    factors = result.paths[0].factors
    assert [f.symbol for f in factors] == ["∂E_total/∂out_o1", "∂out_o1/∂net_o1", "∂net_o1/∂w5"]
    for factor, printed in zip(factors, ["0.74136507", "0.186815602", "0.593269992"]):
        assert_published(factor.value, printed)
    assert_published(result.total, "0.082167041")
    assert result.matches_grad and result.total == pytest.approx(ex.parameter("w5").grad, rel=1e-12)


def test_w5_reads_like_the_post_on_a_hand_built_graph_with_unlabelled_loss_nodes(mazur_graph):
    g = mazur_graph
    assert str(explain(g.E_total, g.w5)).splitlines()[0] == POST_W5
    assert str(explain(g.E_total, "w5")).splitlines()[0] == POST_W5  # by label


def test_w1_shows_both_paths_their_sum_and_the_posts_factored_form(mazur_example):
    ex, root = mazur_example
    result = explain(root, "w1")
    assert result.path_count == 2 and result.listed
    via_o1, via_o2 = result.paths
    assert "out_o1" in via_o1.route and "out_o2" in via_o2.route
    assert via_o1.route.startswith("w1 → net_h1 → out_h1 → net_o1") and via_o1.route.endswith("E_total")
    assert [f.symbol for f in via_o1.factors] == [
        "∂E_total/∂out_o1", "∂out_o1/∂net_o1", "∂net_o1/∂out_h1", "∂out_h1/∂net_h1", "∂net_h1/∂w1",
    ]  # fmt: skip
    for factor, printed in zip(via_o1.factors, ["0.74136507", "0.186815602", "0.40", "0.241300709", "0.05"]):
        assert_published(factor.value, printed)
    assert_published(via_o1.factors[0].value * via_o1.factors[1].value, "0.138498562")  # ∂E_o1/∂net_o1 = δ_o1
    # the post: ∂E_total/∂w1 = ∂E_total/∂out_h1 × ∂out_h1/∂net_h1 × ∂net_h1/∂w1
    assert result.head == ()
    assert [f.symbol for f in result.tail] == ["∂out_h1/∂net_h1", "∂net_h1/∂w1"]
    assert result.middle_name == ("E_total", "out_h1")
    from_o1, from_o2 = (math.prod(f.value for f in m) for m in result.middles)
    assert_published(from_o1, "0.055399425")  # ∂E_o1/∂out_h1
    # the post prints ∂E_o2/∂out_h1 = −0.019049119 after rounding an intermediate (its slip):
    # the exact value −0.0190491182583 agrees to 1e-9, not to half a unit in the last place.
    assert from_o2 == pytest.approx(-0.019049119, abs=1e-9)
    assert abs(from_o2 - -0.019049119) > 0.5e-9
    assert_published(from_o1 + from_o2, "0.036350306")  # ∂E_total/∂out_h1
    assert_published(result.total, "0.000438568")
    assert result.total == pytest.approx(ex.parameter("w1").grad, rel=1e-12)
    text = str(result)
    assert (
        "∂E_total/∂w1 = ∂E_total/∂out_h1 × ∂out_h1/∂net_h1 × ∂net_h1/∂w1"
        " = 0.036350306 × 0.241300709 × 0.05 = 0.000438568"
    ) in text
    assert "∂E_total/∂w1 = path 1 + path 2 = 0.000668396 + (-0.000229828) = 0.000438568" in text


def test_fold_labels_keeps_every_labelled_node_and_none_every_edge(mazur_example):
    ex, root = mazur_example
    labels = explain(root, "w5", fold="labels").paths[0].factors
    assert [f.symbol for f in labels] == [
        "∂E_total/∂E_o1", "∂E_o1/∂((target_o1 − out_o1)²)", "∂((target_o1 − out_o1)²)/∂(target_o1 − out_o1)",
        "∂(target_o1 − out_o1)/∂out_o1", "∂out_o1/∂net_o1", "∂net_o1/∂w5",
    ]  # fmt: skip
    out_o1 = ex.node("out_o1").data
    assert [f.value for f in labels[:4]] == pytest.approx([1.0, 0.5, 2 * (0.01 - out_o1), -1.0])
    g = hand_mazur()
    edges = explain(g.E_total, "w5", fold="none").paths[0].factors
    assert len(edges) == 6 and all(len(f.edges) == 1 for f in edges)
    assert any(f.bottom.startswith("#") for f in edges)  # unlabelled nodes by their position


def test_expand_spells_out_folded_factors_edge_by_edge(mazur_graph):
    g = mazur_graph
    text = explain(g.E_total, "w5").text(expand=True)
    assert text.startswith(POST_W5)
    assert "∂E_total/∂out_o1 = ∂E_total/∂E_o1 × " in text
    assert "= 1 × 0.5 × (-1.482730139) × (-1) = 0.74136507" in text


def test_markdown_has_latex_fractions_and_the_numbers(mazur_example):
    _, root = mazur_example
    md = explain(root, "w5").markdown()
    assert md.startswith(r"$$\frac{\partial E_{\mathrm{total}}}{\partial w_{5}} = ")
    assert r"\frac{\partial \mathrm{out}_{o1}}{\partial \mathrm{net}_{o1}}" in md
    assert r"0.74136507 \times 0.186815602 \times 0.593269992 = 0.082167041$$" in md
    md1 = explain(root, "w1").markdown()
    assert "0.000668396 - 0.000229828 = 0.000438568" in md1
    assert r"\left(-0.217071535\right)" in md1
    assert r"\frac{\partial E_{\mathrm{total}}}{\partial \mathrm{out}_{h1}}" in md1


@pytest.mark.parametrize(
    "name, latex",
    [("w5", "w_{5}"), ("net_o1", r"\mathrm{net}_{o1}"), ("E_total", r"E_{\mathrm{total}}"), ("x", "x"), ("a|b#", r"\mathrm{a\vert{}b\#}")],
)
def test_latex_names(name, latex):
    assert latex_name(name) == latex


@pytest.mark.parametrize(
    "x, text",
    [(0.7413650700, "0.74136507"), (0.4, "0.4"), (-0.0, "0"), (2.0, "2"), (0.000438568, "0.000438568"), (3.51085481e-5, "0.000035109"), (1.5e-8, "1.5e-08"), (-1.5, "-1.5")],
)
def test_post_format(x, text):
    assert post_format(x) == text


# ---------------------------------------------------------------------- repeated edges, many paths
def test_x_times_x_has_two_paths_one_per_edge():
    x, y = square()
    result = explain(y, x)
    assert result.path_count == 2
    assert [p.edges[0].position for p in result.paths] == [0, 1]
    assert [p.product for p in result.paths] == [3.0, 3.0]
    assert result.total == x.grad == 6.0


def test_many_paths_are_counted_and_summed_not_enumerated():
    x = Value(1.0, "x")
    y = x
    for _ in range(60):  # y_{k+1} = y_k · y_k: 2^60 paths from x
        y = y * y
    y.label = "y"
    y.backward()
    assert count_paths(y, x) == 2**60
    result = explain(y, x, max_paths=10)
    assert not result.listed and result.paths == ()
    assert result.total == x.grad == 2.0**60
    text = str(result)
    assert "1,152,921,504,606,846,976 paths" in text and "max_paths=10" in text
    assert r"\sum_{\text{1152921504606846976 paths}}" in result.markdown()


def test_the_root_itself(mazur_graph):
    g = mazur_graph
    assert str(explain(g.E_total, g.E_total)) == "∂E_total/∂E_total = 1 (the root itself) = 1"


# ---------------------------------------------------------------------- the engine's grad
def test_a_note_when_grad_does_not_match_the_sum_over_paths():
    g = hand_mazur(backward=False)
    before = explain(g.E_total, "w5")
    assert not before.matches_grad and before.grad == 0.0
    assert "note: w5.grad is 0" in str(before) and "backward()" in str(before)
    g.E_total.backward()
    g.E_total.backward()  # leaves accumulate: w5.grad is now twice ∂E_total/∂w5
    twice = explain(g.E_total, "w5")
    assert not twice.matches_grad and "zero_grad()" in twice.text()
    assert "note:" in twice.markdown()


def _random_network(rng: random.Random) -> tuple[Value, list[Value]]:
    """A random small network: dot neurons, mixed activations, fan-out, a repeated input (x*x)."""
    xs = [Value(rng.uniform(-1, 1), f"i{k}", role="input") for k in range(rng.randint(1, 3))]
    params: list[Value] = []
    layer = xs
    for depth in range(rng.randint(1, 3)):
        outs = []
        for j in range(rng.randint(1, 3)):
            ws = [Value(rng.uniform(-1, 1), f"w{depth}{j}{k}", role="parameter") for k in range(len(layer))]
            b = Value(rng.uniform(-1, 1), f"b{depth}{j}", role="parameter")
            params += ws + [b]
            net = dot(ws, layer, b, f"net{depth}{j}")
            outs.append(getattr(net, rng.choice(["sigmoid", "tanh", "relu"]))())
        layer = outs
    extra = layer[0] * layer[0] if rng.random() < 0.5 else layer[0]  # a repeated edge
    root = sum_values([o * o for o in layer] + [extra], "E")
    return root, params


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=2**32))
def test_sum_over_paths_equals_grad_for_every_parameter_of_random_networks(seed):
    root, params = _random_network(random.Random(seed))
    root.backward()
    for p in params:
        result = explain(root, p, max_paths=10_000)
        assert result.listed
        assert math.fsum(path.product for path in result.paths) == pytest.approx(p.grad, rel=1e-9, abs=1e-12)
        assert result.total == pytest.approx(p.grad, rel=1e-9, abs=1e-12)
        assert result.matches_grad


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_sum_over_paths_equals_grad_on_nn_mlps(seed):
    from nn.layers import MLP

    model = MLP(3, [4, 3, 2], activation="tanh", seed=seed)
    outs = model([0.3, -0.2, 0.9])
    root = sum_values([o * o for o in outs], "E")
    root.backward()
    for name, p in model.named_parameters():
        result = explain(root, p)
        assert result.total == pytest.approx(p.grad, rel=1e-9, abs=1e-12), name


# ---------------------------------------------------------------------- errors
def test_errors_name_what_was_wrong(mazur_graph):
    g = mazur_graph
    stranger = Value(1.0, "w9")
    with pytest.raises(ValueError, match=r"'w9'.*not in the graph of 'E_total'"):
        explain(g.E_total, stranger)
    with pytest.raises(ValueError, match=r"no node labelled 'w9'.*labelled nodes: E_o1"):
        explain(g.E_total, "w9")
    with pytest.raises(ValueError, match="fold must be one of"):
        explain(g.E_total, "w5", fold="sometimes")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="explain: max_paths must be between 1 and 10,000"):
        explain(g.E_total, "w5", max_paths=0)
    with pytest.raises(TypeError, match="explain: root must be a Value"):
        explain(0.5, "w5")  # type: ignore[arg-type]
    a, b = Value(1.0, "x"), Value(2.0, "x")
    with pytest.raises(ValueError, match="2 nodes are labelled 'x'.*pass the Value"):
        explain(a * b, "x")
