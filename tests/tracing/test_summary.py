"""summary(): per layer (output first) per neuron δ, per weight ∂E/∂w = δ × input and w⁺ (issue 14)."""

from __future__ import annotations

import pytest

from autograd_mini import Value, sum_values
from autograd_mini.testing import assert_published
from autograd_mini.tracing.summary import summary

UPDATES = {"w1": "0.149780716", "w2": "0.19956143", "w3": "0.24975114", "w4": "0.29950229",
           "w5": "0.35891648", "w6": "0.408666186", "w7": "0.511301270", "w8": "0.561370121"}  # fmt: skip


def test_mazur_summary_matches_the_post(mazur_example):
    _, root = mazur_example
    s = summary(root, lr=0.5)
    assert [layer.name for layer in s.layers] == ["o", "h"]  # the post's order: output layer first
    assert [n.name for n in s.layers[0].neurons] == ["o1", "o2"]
    assert [n.name for n in s.layers[1].neurons] == ["h1", "h2"]
    o1 = s.layers[0].neurons[0]
    assert_published(o1.delta, "0.138498562")
    weights = {w.name: w for layer in s.layers for n in layer.neurons for w in n.weights}
    assert_published(weights["w5"].gradient, "0.082167041")
    assert_published(weights["w1"].gradient, "0.000438568")
    for name, printed in UPDATES.items():
        assert_published(weights[name].updated, printed, name=name)
    assert weights["b1"].frozen and weights["b1"].updated is None
    text = s.text()
    assert "δ_o1 = ∂E_total/∂net_o1 = 0.138498562" in text
    assert "∂E_total/∂w5 = δ_o1 × out_h1 = 0.138498562 × 0.593269992 = 0.082167041; w5⁺ = 0.4 − 0.5 × 0.082167041 = 0.35891648" in text
    assert text.index("layer o") < text.index("layer h")
    md = s.markdown()
    assert r"$\delta_{o1}$ = 0.138498562" in md and "| w5 | out_h1 = 0.593269992 | 0.082167041 | 0.35891648 |" in md
    assert s._repr_markdown_() == md and str(s) == text


def test_without_lr_there_is_no_update_column(mazur_example):
    _, root = mazur_example
    s = summary(root)
    assert "⁺" not in s.text() and "w^{+}" not in s.markdown()
    assert all(w.updated is None for layer in s.layers for n in layer.neurons for w in n.weights)


def test_a_2_4_4_1_network_gets_three_layers_in_order_with_indexed_neurons():
    from nn.layers import MLP

    model = MLP(2, [4, 4, 1], seed=0)
    (out,) = model([0.5, -0.2])
    root = sum_values([(out - 1.0) ** 2], "E_total")
    s = summary(root, lr=0.1)
    assert [layer.name for layer in s.layers] == ["o", "h2", "h1"]
    assert [n.name for n in s.layers[2].neurons] == ["h1_1", "h1_2", "h1_3", "h1_4"]
    assert [n.name for n in s.layers[1].neurons] == ["h2_1", "h2_2", "h2_3", "h2_4"]
    root.backward()
    for name, p in model.named_parameters():
        assert any(w.total_grad == pytest.approx(p.grad, rel=1e-12, abs=1e-15) for layer in s.layers for n in layer.neurons for w in n.weights if w.name == p.label), name


def test_a_graph_without_neurons_says_so():
    x = Value(2.0, "x")
    y = x * x
    y.label = "y"
    s = summary(y)
    assert s.layers == () and "no neurons" in s.text()


@pytest.mark.parametrize(
    "root, kwargs, error, words",
    [
        (None, {}, TypeError, "summary: root must be a Value"),
        ("E", {}, TypeError, "summary: root must be a Value"),
        (Value(1.0), dict(lr=float("nan")), ValueError, "summary: lr must be a finite number"),
        (Value(1.0), dict(lr=0.0), ValueError, "summary: lr must be a positive number"),
        (Value(1.0), dict(lr="0.5"), TypeError, "summary: lr must be a real number"),
        (Value(1.0), dict(number_format="{0.real.foo}"), ValueError, "summary: number_format"),
        (Value(1.0), dict(number_format=lambda v: v), TypeError, "summary: number_format must return a str"),
    ],
)
def test_bad_arguments(root, kwargs, error, words):
    with pytest.raises(error, match=words):
        summary(root, **kwargs)
