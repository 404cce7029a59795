"""autograd_mini.numerical: the two-sided estimate, the table and verdict, subsets, models, errors."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd_mini import Value
from autograd_mini.numerical import GradCheckResult, central_difference, gradcheck, numerical_gradient
from autograd_mini.testing import assert_published
from nn.examples import mazur
from nn.losses import quadratic_cost


def sigmoid_with_wrong_derivative(x: Value) -> Value:
    """A hand-made op whose local derivative is wrong: s instead of s(1 − s)."""
    s = 1.0 / (1.0 + math.exp(-x.data))
    return Value.from_op(s, (x,), (s,), "sigmoid", "bad_sigmoid")


def test_central_difference_minitorch_style():
    f = lambda x, y: x * y + math.sin(y)  # noqa: E731
    assert central_difference(f, 2.0, 3.0, arg=0) == pytest.approx(3.0, abs=1e-8)
    assert central_difference(f, 2.0, 3.0, arg=1) == pytest.approx(2.0 + math.cos(3.0), abs=1e-8)
    with pytest.raises(ValueError, match="^central_difference: arg .* must be between 0 and 1, got 2"):
        central_difference(f, 2.0, 3.0, arg=2)
    with pytest.raises(ValueError, match="epsilon"):
        central_difference(f, 2.0, 3.0, epsilon=0.0)


def test_mazur_network_passes_with_a_row_per_parameter():
    net = mazur()
    model = net.model
    result = gradcheck(lambda: quadratic_cost(model(net.inputs), net.targets), model)
    assert result.ok and result.relative_difference < 1e-8
    assert [r.name for r in result.rows] == ["w1", "w2", "w3", "w4", "b1", "w5", "w6", "w7", "w8", "b2"]
    w5 = result.rows[5]
    assert w5.backprop == pytest.approx(0.082167041, abs=1e-9) and w5.numerical == pytest.approx(0.082167041, abs=1e-9)
    text = str(result)
    assert text.startswith("parameter") and "PASS" in text and "22 cost evaluations" in text
    assert result.evaluations == 2 * 10 + 2  # 2n nudges, J, and J again at the original point


def test_leaves_data_and_grads_untouched():
    net = mazur()
    model = net.model
    params = model.parameters()
    for i, p in enumerate(params):
        p.grad = float(i)
    before = [(p.data, p.grad) for p in params]
    gradcheck(lambda: quadratic_cost(model(net.inputs), net.targets), model)
    assert [(p.data, p.grad) for p in params] == before


def test_a_broken_derivative_is_caught_and_named():
    w, v = Value(0.3, "w"), Value(-0.7, "v")
    f = lambda: (sigmoid_with_wrong_derivative(w * 2.0) - 1.0) ** 2 + v * v  # noqa: E731
    result = gradcheck(f, [w, v])
    assert not result.ok and result.relative_difference > 0.1
    assert "FAIL" in result.verdict and "w (backprop" in result.verdict
    assert "<-- differs" in result.table().splitlines()[2]  # w's row is flagged, v's is not
    assert "<-- differs" not in result.table().splitlines()[3]
    with pytest.raises(AssertionError, match="FAIL"):
        result.assert_ok()


def test_subset_default_leaves_and_dict_names():
    a, b = Value(1.5, "a"), Value(-2.0, "b")
    f = lambda: a * b + (a * 3.0).exp() / 10.0  # noqa: E731
    assert [r.name for r in gradcheck(f, [b]).rows] == ["b"]
    assert [r.name for r in gradcheck(f).rows] == ["a", "b"]  # constants 3.0 and 10.0 are not leaves to check
    rows = gradcheck(f, {"first": a}).rows
    assert rows[0].name == "first" and rows[0].backprop == pytest.approx(-2.0 + 0.3 * math.exp(4.5))


def test_hand_derived_gradients_can_be_checked():
    x = Value(0.8, "x")
    f = lambda: x.tanh() * x  # noqa: E731
    right = math.tanh(0.8) + 0.8 * (1 - math.tanh(0.8) ** 2)
    assert gradcheck(f, [x], gradients=[right]).ok
    assert not gradcheck(f, [x], gradients=[math.tanh(0.8)]).ok  # forgot the product rule
    with pytest.raises(ValueError, match="2 gradients given for 1"):
        gradcheck(f, [x], gradients=[1.0, 2.0])


def test_numerical_gradient_restores_values():
    x = Value(2.0)
    assert numerical_gradient(lambda: x ** 3, [x]) == pytest.approx([12.0], abs=1e-6)
    assert x.data == 2.0


@pytest.mark.parametrize("call, error, message", [
    (lambda: gradcheck(lambda: 1.0, []), TypeError, "must return a Value"),
    (lambda: gradcheck(lambda: Value(1.0), []), ValueError, "no parameters"),
    (lambda: gradcheck(lambda: Value(1.0), ["w"]), TypeError, "must be a Value"),
    (lambda: gradcheck(lambda: Value(1.0), [Value(1.0) * 2]), ValueError, "only leaves"),
    (lambda: gradcheck(lambda: Value(1.0), [Value(1.0)], epsilon=-1), ValueError, "epsilon"),
    (lambda: gradcheck(lambda: Value(1.0), [Value(1.0)], tolerance=0), ValueError, "tolerance"),
])
def test_errors(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_a_stored_node_instead_of_a_function_is_refused():
    w = Value(1.0)
    J = w * w
    with pytest.raises(ValueError, match="recompute"):
        gradcheck(lambda: J, [w])


@settings(max_examples=40, deadline=None)
@given(a=st.floats(-2, 2), b=st.floats(0.1, 3), c=st.floats(-2, 2))
def test_backprop_passes_for_smooth_compositions(a, b, c):
    x, y, z = Value(a, "x"), Value(b, "y"), Value(c, "z")
    f = lambda: (x * y).tanh() + y.log() * z.sigmoid() + (x - z) ** 2 / y + (z / 3).exp()  # noqa: E731
    result = gradcheck(f, [x, y, z])
    assert isinstance(result, GradCheckResult) and result.ok, str(result)


def test_a_zero_gradient_passes_on_the_absolute_difference():
    x = Value(0.5, "x")
    result = gradcheck(lambda: (x - 0.5) ** 2 + Value(0.1) * 0.0, [x])  # ∂J/∂x = 0 at the minimum
    assert result.ok and "~0" in result.verdict
    assert not gradcheck(lambda: (x - 0.5) ** 2, [x], gradients=[1e-3]).ok
    with pytest.raises(ValueError, match="atol"):
        gradcheck(lambda: x * x, [x], atol=-1.0)


def test_given_gradients_are_named_as_such():
    x = Value(0.8, "x")
    result = gradcheck(lambda: x * x, [x], gradients=[1.0])
    assert result.source == "given" and result.verdict.startswith("FAIL: the given gradients disagree")
    assert "given" in result.table().splitlines()[0]


def test_a_cached_graph_is_the_original_one_after_gradcheck():
    """The trap of issue 14: Mazur keeps the graph of its last forward(); gradcheck's last evaluation
    must be at the original weights (not at w8 − ε), back-propagated like the original."""
    net = mazur()
    E = net.forward()
    E.backward()
    before = {name: (net.node(name).data, net.node(name).grad) for name in ("out_o1", "out_h1", "net_o1", "E_total")}
    leaf_grads = [p.grad for p in net.model.parameters()]
    result = gradcheck(lambda: net.forward(), net.model)
    assert result.ok
    assert_published(net.node("out_o1").data, "0.75136507")
    assert_published(net.node("E_total").data, "0.298371109")
    assert_published(net.node("out_h1").grad, "0.036350306")  # ∂E_total/∂out_h1, from the fresh graph
    assert {name: (net.node(name).data, net.node(name).grad) for name in before} == before
    assert [p.grad for p in net.model.parameters()] == leaf_grads


def test_a_cached_graph_is_not_back_propagated_when_the_gradients_were_given():
    net = mazur()
    grads = [p.grad for p in net.model.parameters()]
    gradcheck(lambda: net.forward(), net.model, gradients=[0.0] * 10)
    assert_published(net.node("out_o1").data, "0.75136507")
    assert net.node("out_o1").grad == 0.0 and [p.grad for p in net.model.parameters()] == grads


@pytest.mark.parametrize("call, error, message", [
    (lambda: gradcheck(5), TypeError, "^gradcheck: f .* must be a function"),
    (lambda: gradcheck(lambda: Value(1.0), 5), TypeError, "^gradcheck: params must be a model"),
    (lambda: gradcheck(lambda: Value(1.0), [Value(1.0)], epsilon=float("nan")), ValueError, "^gradcheck: epsilon .* finite"),
    (lambda: gradcheck(lambda: Value(1.0), [Value(1.0)], tolerance="1e-6"), TypeError, "^gradcheck: tolerance"),
    (lambda: gradcheck(lambda: Value(1.0), [Value(1.0)], gradients=[float("inf")]), ValueError, r"^gradcheck: gradients\[0\] must be a finite"),
    (lambda: gradcheck(lambda: Value(1.0), [Value(1.0)], gradients="1"), TypeError, "^gradcheck: gradients must be a list"),
    (lambda: central_difference(lambda x: x, float("nan")), ValueError, r"^central_difference: vals\[0\] must be a finite"),
    (lambda: central_difference(lambda x: x), ValueError, "^central_difference: give the point"),
    (lambda: central_difference(lambda x: x, 1.0, arg=1.0), TypeError, "^central_difference: arg"),
    (lambda: central_difference(lambda x: 1e308 if x > 0 else -1e308, 0.0, epsilon=1e-300), OverflowError, "^central_difference: the numerical estimate is inf"),
    (lambda: numerical_gradient(lambda: float("nan"), [Value(1.0)]), OverflowError, "^numerical_gradient: the numerical estimate is nan"),
    (lambda: numerical_gradient(lambda: "J", [Value(1.0)]), TypeError, "^numerical_gradient: the cost f"),
])
def test_bad_arguments_name_the_call(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_numpy_gradients_are_accepted():
    np = pytest.importorskip("numpy")
    x = Value(2.0, "x")
    assert gradcheck(lambda: x * x, [x], gradients=np.array([4.0])).ok


def test_two_parameters_with_the_same_label_are_both_checked():
    a, b = Value(1.0, "w"), Value(2.0, "w")
    result = gradcheck(lambda: a * b * b, [a, b])
    assert len(result.rows) == 2 and result.ok
    assert [r.numerical for r in result.rows] == pytest.approx([4.0, 4.0], abs=1e-6)
