"""explain(): δ, local derivatives with their rules, the update step, Markdown for notebooks (issues 12, 14)."""

from __future__ import annotations

import pytest

from autograd_mini import Value, sum_values
from autograd_mini.testing import assert_published
from autograd_mini.tracing.explain import explain

UPDATE_W5 = "w5⁺ = w5 − η·∂E_total/∂w5 = 0.4 − 0.5 × 0.082167041 = 0.35891648"


def test_the_update_step_ends_the_explanation(mazur_example):
    _, root = mazur_example
    result = explain(root, "w5", lr=0.5)
    assert str(result).endswith(UPDATE_W5)
    assert_published(result.updated, "0.35891648")
    w1 = explain(root, "w1", lr=0.5)
    assert_published(w1.updated, "0.149780716")
    assert str(w1).endswith("w1⁺ = w1 − η·∂E_total/∂w1 = 0.15 − 0.5 × 0.000438568 = 0.149780716")
    assert explain(root, "w5").updated is None and "⁺" not in str(explain(root, "w5"))
    assert r"w_{5}^{+} = w_{5} - \eta \cdot \frac{\partial E_{\mathrm{total}}}{\partial w_{5}} = 0.4 - 0.5 \times 0.082167041 = 0.35891648" in result.markdown()


def test_delta_is_named_with_its_number(mazur_example):
    _, root = mazur_example
    result = explain(root, "w5")
    text = str(result)
    assert "δ_o1 = ∂E_total/∂net_o1 = 0.138498562" in text
    assert "∂E_total/∂w5 = δ_o1 × out_h1 = 0.138498562 × 0.593269992 = 0.082167041" in text
    ((neuron, label, value),) = result.deltas
    assert (neuron, label) == ("o1", "net_o1")
    assert_published(value, "0.138498562")
    w1 = explain(root, "w1")
    assert [d[0] for d in w1.deltas] == ["o1", "o2", "h1"]  # output layer first, as the post
    assert "∂E_total/∂w1 = δ_h1 × i1 = " in str(w1)
    assert r"\delta_{o1} = \frac{\partial E_{\mathrm{total}}}{\partial \mathrm{net}_{o1}} = 0.138498562" in result.markdown()


def test_local_derivatives_carry_their_rule(mazur_example):
    _, root = mazur_example
    text = str(explain(root, "w1"))
    assert "∂net_o1/∂w5" not in text
    assert "∂out_o1/∂net_o1 = out_o1(1 − out_o1) = 0.186815602" in text
    assert "∂net_o1/∂out_h1 = w5 = 0.4" in text
    assert "∂net_h1/∂w1 = i1 = 0.05" in text
    result = explain(root, "w5")
    (path,) = result.paths
    assert [result.rule(f.edges[0]) for f in path.factors[1:]] == ["out_o1(1 − out_o1)", "out_h1"]
    expanded = explain(root, "w5").text(expand=True)
    assert "2·(target_o1 − out_o1)" in expanded and "½" in expanded


@pytest.mark.parametrize(
    "make, rule",
    [
        (lambda x: x.tanh(), "1 − y²"),
        (lambda x: x**2, "2·x"),
        (lambda x: x * Value(3.0, "k"), "k"),
        (lambda x: x + Value(3.0, "k"), None),  # a sum: the rule is 1, shown as the number
        (lambda x: x.exp(), "y"),
        (lambda x: x.log(), "1/x"),
    ],
)
def test_rules_of_other_ops(make, rule):
    x = Value(0.7, "x")
    y = make(x)
    y.label = "y"
    y.backward()
    result = explain(y, x)
    edge = result.paths[0].edges[0]
    if rule is None:
        assert result.rule(edge) == "1"
    else:
        assert result.rule(edge) == rule
        assert f"∂y/∂x = {rule} = " in str(result)


def test_a_2_4_4_1_network_names_its_deltas():
    from nn.layers import MLP

    model = MLP(2, [4, 4, 1], seed=1)
    (out,) = model([0.5, -0.2])
    root = sum_values([(out - 1.0) ** 2], "E_total")
    root.backward()
    w = next(p for p in model.parameters() if p.label == "w[i2→h1_3]")
    result = explain(root, w, lr=0.1)
    names = [d[0] for d in result.deltas]
    assert names[0] == "o1" and names[-1] == "h1_3" and set(names[1:-1]) == {f"h2_{k}" for k in range(1, 5)}
    assert f"∂E_total/∂{w.label} = δ_h1_3 × i2 = " in str(result)
    assert result.total == pytest.approx(w.grad, rel=1e-12)
    assert str(result).endswith(f"= {result.fmt(w.data - 0.1 * result.total)}")


def test_jupyter_displays_markdown(mazur_graph):
    g = mazur_graph
    result = explain(g.E_total, "w1")
    assert result._repr_markdown_() == result.markdown()
    assert "$$" in result._repr_markdown_()
    with pytest.raises(TypeError, match="Explanation.text: expand must be True or False"):
        result.text(expand="yes")  # type: ignore[arg-type]
