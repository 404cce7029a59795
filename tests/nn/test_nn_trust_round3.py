"""Issue 19, nn's part: a linear network's outputs are labelled out_… (defect 9), the cost functions'
clear errors, optimizers and train refusing what they cannot update, and Module.load's cap and BOM."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from autograd_mini import Value, explain, topological_order
from nn import MLP, SGD, train
from nn.examples import mazur
from nn.losses import binary_cross_entropy, cross_entropy, log_softmax, logistic_cost, logsumexp, quadratic_cost, softmax


def test_a_linear_2_2_1_network_is_labelled_as_every_other():
    """Every neuron's output is out_…, its net input net_…; the numbers are the plain sums."""
    model = MLP(2, [2, 1], activation="linear", weights=[[[0.15, 0.20], [0.25, 0.30]], [[0.40, 0.45]]], biases=[[0.35, 0.35], [0.60]])
    (out,) = model([0.05, 0.10])
    E = quadratic_cost([out], [0.01])
    E.backward()
    nodes = {n.label: n for n in topological_order(E) if n.label}
    net_h1 = 0.15 * 0.05 + 0.20 * 0.10 + 0.35
    net_h2 = 0.25 * 0.05 + 0.30 * 0.10 + 0.35
    for label, expected in [("net_h1", net_h1), ("out_h1", net_h1), ("net_h2", net_h2), ("out_h2", net_h2),
                            ("net_o1", 0.40 * net_h1 + 0.45 * net_h2 + 0.60), ("out_o1", 0.40 * net_h1 + 0.45 * net_h2 + 0.60)]:
        assert nodes[label].data == pytest.approx(expected, rel=1e-15), label
    assert out.label == "out_o1" and out.op == "linear"
    δ_o1 = out.data - 0.01  # ∂E/∂net_o1 = (out_o1 − target)·1
    assert nodes["net_o1"].grad == pytest.approx(δ_o1, rel=1e-15)
    w5 = model.layers[1].neurons[0].weight[0]
    assert w5.grad == pytest.approx(δ_o1 * net_h1, rel=1e-15)
    text = str(explain(E, w5))
    assert "out_o1" in text and "net_o1" in text


def test_mazur_numbers_are_unchanged_by_the_linear_label():
    net = mazur()
    outs = net.model(net.inputs)
    assert [o.label for o in outs] == ["out_o1", "out_o2"]
    assert round(outs[0].data, 9) == 0.75136507  # the post's out_o1, at its printed precision


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: cross_entropy([Value(1.0), Value(2.0), Value(0.5)], 1.0), TypeError, r"^cross_entropy: target must be a class index \(an int, 0 … 2\)"),
        (lambda: cross_entropy([1.0, 2.0], np.float64(1.0)), TypeError, r"^cross_entropy: target must be a class index"),
        (lambda: softmax([1e308, -1e308]), ValueError, r"^softmax: the logits 1e\+308 and -1e\+308 are too far apart"),
        (lambda: log_softmax([1e308, -1e308]), ValueError, r"^log_softmax: the logits .* too far apart"),
        (lambda: logsumexp([-1e308, 1e308]), ValueError, r"^logsumexp: the logits .* too far apart"),
        (lambda: cross_entropy([1e308, -1e308], 0), ValueError, r"^cross_entropy: the logits .* too far apart"),
        (lambda: logistic_cost([[0.5], [1.0]], [[1.0], [0.0]]), ValueError, r"^logistic_cost: example 2: output 0 is h = 1\.0"),
        (lambda: logistic_cost([[0.5], [1.5]], [[1.0], [0.0]]), ValueError, r"^logistic_cost: example 2: output 0 is 1\.5, outside \[0, 1\]"),
        (lambda: quadratic_cost([0.5], [1.0], reduction=np.ones((2, 2))), TypeError, r"^quadratic_cost: reduction must be one of 'sum', 'mean', 'none', got ndarray: array\(\[\[1\., 1\.\], \[1\., 1\.\]\]\)$"),
        (lambda: binary_cross_entropy([0.5], [1.0], reduction=np.ones(2)), TypeError, r"^binary_cross_entropy: reduction must be one of"),
    ],
)
def test_cost_functions_say_what_is_wrong(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_softmax_of_far_but_representable_logits_still_works():
    s = softmax([1e307, -1e307])
    assert [v.data for v in s] == [1.0, 0.0]


def test_an_optimizer_refuses_a_computed_node_and_changes_nothing():
    w = Value(0.5, "w")
    with pytest.raises(ValueError, match=r"^SGD: parameters must be leaves .*'w'|^SGD: parameters must be leaves"):
        SGD([w, w * 2.0], lr=0.1)


def test_train_refuses_another_models_optimizer_and_changes_nothing():
    model, other = MLP(2, [2, 1], seed=0), MLP(2, [2, 1], seed=1)
    before = (model.state_dict(), other.state_dict())
    with pytest.raises(ValueError, match=r"^train: the optimizer updates 9 parameters that are not the model's"):
        train(model, quadratic_cost, [[0.0, 1.0]], [[1.0]], SGD(other.parameters(), lr=0.5), epochs=3)
    assert (model.state_dict(), other.state_dict()) == before
    train(model, quadratic_cost, [[0.0, 1.0]], [[1.0]], SGD(model.parameters()[:3], lr=0.5), epochs=1)  # some of its own: fine


def test_load_reads_a_checkpoint_with_a_utf8_bom(tmp_path):
    model = MLP(2, [2, 1], seed=0)
    model.save(tmp_path / "m.json")
    (tmp_path / "bom.json").write_bytes(b"\xef\xbb\xbf" + (tmp_path / "m.json").read_bytes())
    other = MLP(2, [2, 1], seed=5)
    other.load(tmp_path / "bom.json")
    assert other.state_dict() == model.state_dict()


def test_load_caps_what_it_reads(tmp_path):
    model = MLP(2, [2, 1], seed=0)
    before = model.state_dict()
    huge = tmp_path / "huge.json"
    huge.write_text(json.dumps(before, indent=1) + " " * 5_000_000)  # valid JSON, but no checkpoint of 9 parameters is 5 MB
    with pytest.raises(ValueError, match=r"^MLP.load: '.*huge.json' is larger than [\d,]+ bytes, far more than a checkpoint of this model \(9 parameters\)"):
        model.load(huge)
    with pytest.raises(ValueError, match=r"^MLP.load: '/dev/zero' is larger than"):
        model.load("/dev/zero")
    assert model.state_dict() == before


def test_load_names_the_file_for_a_5000_digit_number(tmp_path):
    model = MLP(2, [2, 1], seed=0)
    before = model.state_dict()
    text = json.dumps(before)
    first = text.index("[", text.index(":"))
    (tmp_path / "digits.json").write_text(text[: first + 1] + "7" * 5000 + ", " + text[first + 1 :].lstrip("[").split(",", 1)[1])
    with pytest.raises(ValueError, match=r"^MLP.load: '.*digits.json' holds a number with more digits than Python reads"):
        model.load(tmp_path / "digits.json")
    assert model.state_dict() == before
    assert math.isfinite(model.parameters()[0].data)
