"""nn.losses: values from the formulas, gradients against the numerical estimate, stability, errors."""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from autograd_mini import Value
from autograd_mini.numerical import gradcheck
from nn.losses import (
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    categorical_cross_entropy,
    cross_entropy,
    exponential_cost,
    hellinger_distance,
    log_softmax,
    logistic_cost,
    logsumexp,
    mse_loss,
    quadratic_cost,
    softmax,
)

probs = st.floats(0.02, 0.98)
reals = st.floats(-4, 4)


def vals(xs, prefix="ŷ"):
    return [Value(x, f"{prefix}{k + 1}") for k, x in enumerate(xs)]


def check(f, params):
    result = gradcheck(f, params)
    assert result.ok, str(result)


# ---------------------------------------------------------------- values
def test_quadratic_cost_is_mazurs_e_total():
    out = [Value(0.75136507, "out_o1"), Value(0.772928465, "out_o2")]
    E = quadratic_cost(out, [0.01, 0.99])
    assert E.data == pytest.approx(0.298371109, abs=1e-9) and E.label == "E_total"
    terms = quadratic_cost(out, [0.01, 0.99], reduction="none")
    assert [t.label for t in terms] == ["E_o1", "E_o2"]
    assert terms[0].data == pytest.approx(0.274811083, abs=1e-9)
    E.backward()
    assert out[0].grad == pytest.approx(0.74136507, abs=1e-9)  # ∂E_total/∂out_o1 = −(target − out)
    assert quadratic_cost(out, [0.01, 0.99], reduction="mean").data == pytest.approx(0.298371109 / 2, abs=1e-9)


def test_single_output_and_numbers_are_accepted():
    assert quadratic_cost(Value(3.0), 1.0).data == 2.0
    assert quadratic_cost(3.0, [1.0]).data == 2.0
    assert mse_loss([1.0, 3.0], [0.0, 0.0]).data == 5.0
    assert mse_loss([1.0, 3.0], [0.0, 0.0], reduction="sum").data == 10.0


@pytest.mark.oracle
def test_losses_match_torch_functional():
    torch = pytest.importorskip("torch", reason="torch is not installed: the loss oracle is skipped")
    F = torch.nn.functional
    t = lambda xs: torch.tensor(xs, dtype=torch.float64)  # noqa: E731
    h, y, z = [0.2, 0.7, 0.9], [0.0, 1.0, 0.3], [2.5, -1.0, 0.3]
    assert binary_cross_entropy(h, y).data == pytest.approx(F.binary_cross_entropy(t(h), t(y), reduction="sum").item(), rel=1e-13)
    assert binary_cross_entropy_with_logits(z, y, reduction="mean").data == pytest.approx(
        F.binary_cross_entropy_with_logits(t(z), t(y)).item(), rel=1e-13)
    assert cross_entropy(z, 1).data == pytest.approx(F.cross_entropy(t([z]), torch.tensor([1])).item(), rel=1e-13)
    assert cross_entropy(z, [0.2, 0.5, 0.3]).data == pytest.approx(F.cross_entropy(t([z]), t([[0.2, 0.5, 0.3]])).item(), rel=1e-13)
    assert [p.data for p in softmax(z)] == pytest.approx(F.softmax(t(z), 0).tolist(), rel=1e-14)
    assert [p.data for p in log_softmax(z)] == pytest.approx(F.log_softmax(t(z), 0).tolist(), rel=1e-14)
    assert logsumexp(z).data == pytest.approx(torch.logsumexp(t(z), 0).item(), rel=1e-14)
    assert mse_loss(z, y).data == pytest.approx(F.mse_loss(t(z), t(y)).item(), rel=1e-14)


def test_logistic_cost_is_the_lectures_double_sum():
    H = [[0.9, 0.2, 0.1], [0.3, 0.6, 0.4]]
    Y = [[1, 0, 0], [0, 1, 1]]
    m = len(H)
    expected = -sum(y * math.log(h) + (1 - y) * math.log(1 - h)
                    for hi, yi in zip(H, Y) for h, y in zip(hi, yi)) / m
    J = logistic_cost(H, Y)
    assert J.data == pytest.approx(expected, rel=1e-14) and J.label == "J(Θ)"


def test_exponential_cost_and_hellinger_values():
    assert exponential_cost([1.0, 2.0], [0.0, 0.0], tau=5.0).data == pytest.approx(5 * math.exp(1.0), rel=1e-14)
    p, q = [0.2, 0.3, 0.5], [0.1, 0.6, 0.3]
    expected = sum((math.sqrt(a) - math.sqrt(b)) ** 2 for a, b in zip(p, q)) / math.sqrt(2)
    assert hellinger_distance(p, q).data == pytest.approx(expected, rel=1e-14)
    assert hellinger_distance(q, q).data == pytest.approx(0.0, abs=1e-15)


def test_softmax_is_stable_for_huge_logits():
    s = softmax([1000.0, 1000.0, -1000.0])
    assert [x.data for x in s] == pytest.approx([0.5, 0.5, 0.0])
    assert cross_entropy([1000.0, 0.0], 1).data == pytest.approx(1000.0)
    assert binary_cross_entropy_with_logits(800.0, 0.0).data == pytest.approx(800.0)
    assert binary_cross_entropy_with_logits(-800.0, 1.0).data == pytest.approx(800.0)


def test_saturated_and_zero_probabilities():
    assert binary_cross_entropy([1.0, 0.0], [1.0, 0.0]).data == 0.0  # the terms with coefficient 0 are left out
    with pytest.raises(ValueError, match="with_logits"):
        binary_cross_entropy(1.0, 0.0)
    assert categorical_cross_entropy([0.0, 1.0], 1).data == 0.0
    with pytest.raises(ValueError, match="infinite"):
        categorical_cross_entropy([0.0, 1.0], 0)
    x = Value(0.0)
    J = hellinger_distance([x], [0.0])  # y = 0: the term is ŷ itself, slope finite
    J.backward()
    assert x.grad == pytest.approx(1 / math.sqrt(2))
    with pytest.raises(ValueError, match="−∞"):
        hellinger_distance([0.0, 1.0], [0.5, 0.5])


# ---------------------------------------------------------------- gradients, checked numerically
@settings(max_examples=25, deadline=None)
@given(h=st.lists(probs, min_size=1, max_size=4), data=st.data())
def test_gradients_of_probability_losses(h, data):
    y = data.draw(st.lists(st.floats(0, 1), min_size=len(h), max_size=len(h)))
    hv = vals(h)
    check(lambda: binary_cross_entropy(hv, y), hv)
    check(lambda: quadratic_cost(hv, y, reduction="mean"), hv)
    check(lambda: hellinger_distance(hv, y), hv)
    check(lambda: exponential_cost(hv, y, tau=0.7), hv)


@settings(max_examples=25, deadline=None)
@given(z=st.lists(reals, min_size=2, max_size=4), data=st.data())
def test_gradients_of_logit_losses(z, data):
    y = data.draw(st.lists(st.floats(0, 1), min_size=len(z), max_size=len(z)))
    k = data.draw(st.integers(0, len(z) - 1))
    zv = vals(z, "z")
    check(lambda: binary_cross_entropy_with_logits(zv, y), zv)
    check(lambda: cross_entropy(zv, k), zv)
    check(lambda: logsumexp(zv), zv)
    check(lambda: categorical_cross_entropy(softmax(zv), k), zv)
    check(lambda: mse_loss(zv, y), zv)


@settings(max_examples=25, deadline=None)
@given(z=st.lists(reals, min_size=1, max_size=4), data=st.data())
def test_logits_form_equals_sigmoid_then_bce_with_gradient_sigma_minus_y(z, data):
    y = data.draw(st.lists(st.floats(0, 1), min_size=len(z), max_size=len(z)))
    zv = vals(z, "z")
    J = binary_cross_entropy_with_logits(zv, y)
    J.backward()
    direct = binary_cross_entropy([v.sigmoid() for v in vals(z)], y)
    assert J.data == pytest.approx(direct.data, rel=1e-9, abs=1e-12)
    for v, t in zip(zv, y):
        assert v.grad == pytest.approx(1 / (1 + math.exp(-v.data)) - t, abs=1e-12)


@settings(max_examples=25, deadline=None)
@given(z=st.lists(reals, min_size=2, max_size=5))
def test_softmax_sums_to_one_and_cross_entropy_gradient_is_p_minus_y(z):
    assume(max(z) - min(z) < 30)
    s = [p.data for p in softmax(z)]
    assert sum(s) == pytest.approx(1.0, abs=1e-12) and all(p > 0 for p in s)
    zv = vals(z, "z")
    cross_entropy(zv, 0).backward()
    assert [v.grad for v in zv] == pytest.approx([p - (k == 0) for k, p in enumerate(s)], abs=1e-12)


def test_logistic_cost_gradient():
    w = [Value(0.3, "w1"), Value(-0.2, "w2")]
    X, Y = [[0.5, 1.0], [1.5, -0.5], [-1.0, 0.2]], [[1.0], [0.0], [1.0]]
    f = lambda: logistic_cost([[(w[0] * x[0] + w[1] * x[1]).sigmoid()] for x in X], Y)  # noqa: E731
    check(f, w)


# ---------------------------------------------------------------- errors
@pytest.mark.parametrize("call, error, message", [
    (lambda: quadratic_cost([1.0, 2.0], [1.0]), ValueError, "2 outputs but 1 targets"),
    (lambda: quadratic_cost([], []), ValueError, "no outputs"),
    (lambda: quadratic_cost("ab", [1.0]), TypeError, "outputs must be"),
    (lambda: quadratic_cost([None], [1.0]), TypeError, "output 0"),
    (lambda: quadratic_cost([1.0], [True]), TypeError, "target 0"),
    (lambda: quadratic_cost([1.0], [float("nan")]), ValueError, "^quadratic_cost: target 0 must be a finite number"),
    (lambda: quadratic_cost([1.0], [1.0], reduction="avg"), ValueError, "reduction"),
    (lambda: binary_cross_entropy([1.2], [1.0]), ValueError, r"output 0 is 1.2, outside \[0, 1\]"),
    (lambda: binary_cross_entropy([0.5], [-0.1]), ValueError, "target 0"),
    (lambda: binary_cross_entropy_with_logits([0.5], [2.0]), ValueError, "target 0"),
    (lambda: cross_entropy([1.0, 2.0], 2), ValueError, "out of range"),
    (lambda: cross_entropy([1.0, 2.0], [0.5, 0.6]), ValueError, "sum to"),
    (lambda: categorical_cross_entropy([0.5, 0.6], 0), ValueError, "apply softmax"),
    (lambda: exponential_cost([1.0], [1.0], tau=0), ValueError, "tau"),
    (lambda: hellinger_distance([-0.1], [0.5]), ValueError, "non-negative"),
    (lambda: logistic_cost([], []), ValueError, "empty batch"),
    (lambda: logistic_cost([[0.5]], [[1.0], [0.0]]), ValueError, "1 examples of outputs but 2"),
    (lambda: logistic_cost(0.5, [1.0]), TypeError, "one entry per example"),
    (lambda: exponential_cost([40.0], [0.0], tau=1.0), OverflowError, "exp"),
])
def test_bad_input_gets_a_clear_error(call, error, message):
    with pytest.raises(error, match=message):
        call()
