"""Each op of `Value`: its value and its local derivative at several points, edges of the domain included."""

import math
from fractions import Fraction

import mpmath
import numpy as np
import pytest

from autograd_mini import Value, dot, sum_values


def grad_of(f, x: float) -> tuple[float, float]:
    """(f(x).data, ∂f/∂x) computed by the engine."""
    v = Value(x, "x")
    out = f(v)
    out.backward()
    return out.data, v.grad


# ------------------------------------------------------------------ construction
@pytest.mark.parametrize("data", [3, 3.0, np.float64(3.0), np.int64(3), np.float32(3.0), Fraction(3, 1)])
def test_value_accepts_real_numbers_and_stores_float(data):
    v = Value(data, "x")
    assert type(v.data) is float and v.data == 3.0
    assert v.grad == 0.0 and type(v.grad) is float
    assert v.label == "x" and v.op == "" and v.children == () and v.local_grads == () and v.is_leaf


@pytest.mark.parametrize("bad, name", [("1.0", "str"), (None, "NoneType"), (1j, "complex"), ([1.0], "list"),
                                       (True, "bool"), (Value(1.0), "Value")])
def test_value_rejects_non_real_data_naming_the_type(bad, name):
    with pytest.raises(TypeError, match=rf"got {name}\b"):
        Value(bad)


def test_bool_is_rejected_with_a_hint():
    with pytest.raises(TypeError, match="write 1.0 or 0.0"):
        Value(False)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_value_rejects_non_finite_data(bad):
    with pytest.raises(ValueError, match=r"finite.*label='w'|label='w'.*finite"):
        Value(bad, "w")


def test_repr_shows_label_data_grad():
    v = Value(0.15, "w1")
    v.grad = 0.5
    assert repr(v) == "Value(label='w1', data=0.15, grad=0.5)"
    assert repr(Value(2.0)) == "Value(data=2.0, grad=0.0)"


def test_identity_semantics_no_value_equality():
    a, b = Value(1.0), Value(1.0)
    assert a != b and a == a
    assert len({a, b}) == 2
    assert hash(a) != hash(b)


# ------------------------------------------------------------------ binary ops with numbers on either side
@pytest.mark.parametrize("x", [-2.5, -1.0, 0.0, 0.3, 4.0])
def test_add_sub_mul_with_numbers(x):
    assert grad_of(lambda v: v + 2, x) == (x + 2, 1.0)
    assert grad_of(lambda v: 2 + v, x) == (2 + x, 1.0)
    assert grad_of(lambda v: v - 2, x) == (x - 2, 1.0)
    assert grad_of(lambda v: 2 - v, x) == (2 - x, -1.0)
    assert grad_of(lambda v: v * 3, x) == (x * 3, 3.0)
    assert grad_of(lambda v: 3 * v, x) == (3 * x, 3.0)
    assert grad_of(lambda v: -v, x) == (-x, -1.0)


def test_ops_record_op_children_and_local_grads():
    a, b = Value(2.0, "a"), Value(-3.0, "b")
    c = a * b
    assert c.op == "*" and c.children == (a, b) and c.local_grads == (-3.0, 2.0)
    d = a - b
    assert d.op == "-" and d.local_grads == (1.0, -1.0)
    e = a / b
    assert e.op == "/" and e.local_grads == (1.0 / -3.0, -2.0 / 9.0)
    k = a + 1
    assert k.children[1].role == "constant" and k.children[1].data == 1.0
    assert (a ** 2).op == "**2" and (2 ** a).op == "2**" and (a ** Value(2.0)).op == "**"


@pytest.mark.parametrize("x", [-3.0, -0.5, 0.25, 2.0])
def test_division_is_a_primitive_exact_quotient(x):
    assert grad_of(lambda v: v / 7, x) == (x / 7, 1 / 7)
    out, g = grad_of(lambda v: 7 / v, x)
    assert out == 7 / x  # exact quotient, not 7 * x**-1
    assert g == pytest.approx(-7 / x**2, rel=1e-15)


def test_division_result_is_correctly_rounded_where_reciprocal_times_is_not():
    # 3 * (1/5) != 3/5 in floating point: micrograd's a * b**-1 loses the last bit here
    assert 3.0 * (1.0 / 5.0) != 3.0 / 5.0
    assert (Value(3.0) / Value(5.0)).data == 3.0 / 5.0 == 0.6


@pytest.mark.parametrize("x, n", [(2.0, 2), (2.0, 3), (-2.0, 3), (-2.0, 2), (4.0, 0.5), (3.0, -1), (0.0, 2), (5.0, 0), (5.0, 1), (0.0, 0)])
def test_pow_constant_exponent(x, n):
    out, g = grad_of(lambda v: v ** n, x)
    assert out == pytest.approx(x ** n, rel=1e-15)
    expected = 0.0 if n == 0 else n * x ** (n - 1)
    assert g == pytest.approx(expected, rel=1e-15)


def test_pow_value_exponent_and_number_base():
    a, b = Value(2.0, "a"), Value(3.0, "b")
    c = a ** b
    c.backward()
    assert c.data == 8.0
    assert a.grad == pytest.approx(3 * 2.0**2) and b.grad == pytest.approx(8.0 * math.log(2.0))
    out, g = grad_of(lambda v: 2 ** v, 3.0)
    assert out == 8.0 and g == pytest.approx(8.0 * math.log(2.0), rel=1e-15)


# ------------------------------------------------------------------ unary ops
@pytest.mark.parametrize("x", [-5.0, -1.0, 0.0, 0.5, 3.0])
def test_exp(x):
    out, g = grad_of(Value.exp, x)
    assert out == math.exp(x) and g == math.exp(x)


@pytest.mark.parametrize("x", [1e-300, 0.5, 1.0, 10.0, 1e300])
def test_log(x):
    out, g = grad_of(Value.log, x)
    assert out == math.log(x) and g == 1 / x


@pytest.mark.parametrize("x", [1e-12, 0.25, 4.0])
def test_sqrt(x):
    out, g = grad_of(Value.sqrt, x)
    assert out == math.sqrt(x) and g == pytest.approx(0.5 / math.sqrt(x), rel=1e-15)


@pytest.mark.parametrize("x", [-1000.0, -20.0, -1.0, 0.0, 0.7, 20.0, 1000.0, 1e308])
def test_tanh_is_stable_everywhere(x):
    out, g = grad_of(Value.tanh, x)
    # the exact slope sech² x (1 − tanh² x rounds to 0.0 from |x| ≈ 19 on, where sech²(20) = 1.7e-17)
    assert out == math.tanh(x) and g == pytest.approx(float(mpmath.sech(x) ** 2), rel=1e-14, abs=1e-320)
    assert 0.0 <= g <= 1.0


@pytest.mark.parametrize("x", [-1e308, -1000.0, -745.0, -30.0, -1.0, 0.0, 1.0, 30.0, 1000.0, 1e308])
def test_sigmoid_is_stable_everywhere(x):
    out, g = grad_of(Value.sigmoid, x)
    expected = 1 / (1 + math.exp(-x)) if x > -700 else math.exp(x)  # e^x/(1+e^x) ≈ e^x far left
    assert out == pytest.approx(expected, rel=1e-15, abs=1e-320)
    exact = float(mpmath.exp(-abs(mpmath.mpf(x))) / (1 + mpmath.exp(-abs(mpmath.mpf(x)))) ** 2)  # σ(1 − σ), exactly
    assert 0.0 <= out <= 1.0 and g == pytest.approx(exact, rel=1e-14, abs=1e-320)


def test_sigmoid_matches_the_post():
    # σ(net_h1 = 0.3775) = out_h1 = 0.593269992 (Mazur), at the printed precision
    assert abs(Value(0.3775).sigmoid().data - 0.593269992) <= 0.5e-9


@pytest.mark.parametrize("x, expected_grad", [(-2.0, 0.0), (0.0, 0.0), (3.0, 1.0)])
def test_relu_with_zero_slope_at_the_kink(x, expected_grad):
    out, g = grad_of(Value.relu, x)
    assert out == max(0.0, x) and g == expected_grad


# ------------------------------------------------------------------ n-ary nodes
def test_sum_values_is_one_node_with_unit_local_grads():
    a, b, c = Value(1.0, "a"), Value(2.0, "b"), Value(3.0, "c")
    s = sum_values([a, b, c, 4], "total")
    assert s.data == 10.0 and s.op == "sum" and s.label == "total" and s.children[:3] == (a, b, c)
    assert s.local_grads == (1.0, 1.0, 1.0, 1.0)
    s.backward()
    assert (a.grad, b.grad, c.grad) == (1.0, 1.0, 1.0)


def test_dot_is_a_neurons_net_input_with_the_lecture_partials():
    w1, w2, b1 = Value(0.15, "w1"), Value(0.20, "w2"), Value(0.35, "b1")
    i1, i2 = Value(0.05, "i1"), Value(0.10, "i2")
    net_h1 = dot([w1, w2], [i1, i2], b1, "net_h1")
    assert net_h1.data == 0.15 * 0.05 + 0.20 * 0.10 + 0.35  # 0.3775 in the post
    assert net_h1.children == (w1, i1, w2, i2, b1)
    assert net_h1.local_grads == (0.05, 0.15, 0.10, 0.20, 1.0)  # ∂net_h1/∂w1 = i1, ∂net_h1/∂i1 = w1, ...
    net_h1.backward()
    assert (w1.grad, w2.grad, b1.grad, i1.grad) == (0.05, 0.10, 1.0, 0.15)
    assert dot([w1], [2.0]).data == 0.3  # inputs may be numbers; no bias


def test_dot_and_sum_errors():
    with pytest.raises(ValueError, match="2 weights but 1 inputs"):
        dot([Value(1.0), Value(2.0)], [1.0])
    with pytest.raises(ValueError, match="0 weights but 0 inputs; give one weight per input .at least one."):
        dot([], [])
    with pytest.raises(ValueError, match="no terms"):
        sum_values([])
    with pytest.raises(TypeError, match="got str"):
        sum_values([Value(1.0), "2"])
    with pytest.raises(TypeError, match=r"dot: the operand \(a Value or a number\) must be a real number .*got NoneType"):
        dot([Value(1.0)], [None])


# ------------------------------------------------------------------ ops of your own
def test_from_op_builds_a_node_backward_understands():
    import math as m
    x = Value(0.5, "x")
    y = Value.from_op(m.log1p(m.exp(0.5)), (x,), (1 / (1 + m.exp(-0.5)),), "softplus", "y")
    z = y * x  # usable like any node
    z.backward()
    assert (y.op, y.children, y.label) == ("softplus", (x,), "y")
    assert x.grad == pytest.approx(y.data + 0.5 * (1 / (1 + m.exp(-0.5))), rel=1e-15)


@pytest.mark.parametrize("args, error, message", [
    (((Value(1.0),), (1.0, 2.0), "f"), ValueError, "1 children but 2 local_grads"),
    ((Value(1.0), (1.0,), "f"), TypeError, "children must be a sequence of Values, got Value"),
    (((1.0,), (1.0,), "f"), TypeError, "children must be Values, got float"),
    (((Value(1.0),), ("1",), "f"), TypeError, r"local_grads of 'f' must be a real number \(int or float\), got str"),
    (((Value(1.0),), (float("inf"),), "f"), ValueError, "local_grads of 'f' must be a finite number"),
    (((Value(1.0),), (1.0,), ""), ValueError, "op must be a non-empty name"),
])
def test_from_op_rejects_bad_input(args, error, message):
    with pytest.raises(error, match=message):
        Value.from_op(1.0, *args)
