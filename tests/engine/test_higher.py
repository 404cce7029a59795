"""grad(output, inputs, create_graph=…) and hessian(): derivatives as Values, to any order (issue 22)."""

from __future__ import annotations

import math
import pickle
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd_mini import Value, dot, grad, hessian, sum_values, topological_order
from autograd_mini.testing import assert_published


def cube_at(x0: float = 1.0):
    x = Value(x0, "x")
    y = x * x * x
    y.label = "y"
    return x, y


# ---------------------------------------------------------------- published figures
def test_tensorflow_gradient_tape_guide_x_cubed():
    """TensorFlow's "Advanced automatic differentiation" guide (higher-order gradients): y = x·x·x at
    x = 1 prints dy_dx: 3.0 and d2y_dx2: 6.0."""
    x, y = cube_at(1.0)
    [dy_dx] = grad(y, [x], create_graph=True)
    [d2y_dx2] = grad(dy_dx, [x])
    assert_published(dy_dx.data, "3.0", "dy_dx")
    assert_published(d2y_dx2.data, "6.0", "d2y_dx2")


def tanh_derivatives(x0: float, order: int, jax_readme_form: bool = False) -> list[float]:
    x = Value(x0, "x")
    if jax_readme_form:  # the README's own tanh: y = e^(−2x); (1 − y)/(1 + y)
        e = (-2.0 * x).exp()
        f = (1.0 - e) / (1.0 + e)
    else:
        f = x.tanh()
    out = []
    for _ in range(order):
        [f] = grad(f, [x], create_graph=True)
        out.append(f.data)
    return out


def test_jax_readme_tanh_derivatives():
    """The JAX README: ``grad(tanh)(1.0)`` prints 0.4199743 and ``grad(grad(grad(tanh)))(1.0)`` prints
    0.62162673, with its tanh written as (1 − e^(−2x))/(1 + e^(−2x)). JAX computes in float32: the first
    figure holds at the precision printed; the second prints float32's shortest repr, one float32 step
    (6e-8) from the exact 0.6216266807…, so it holds to 7 decimals, and rounded to float32 ours is the
    neighbour of the printed float32."""
    np = pytest.importorskip("numpy")
    for form in (True, False):
        d1, _, d3 = tanh_derivatives(1.0, 3, jax_readme_form=form)
        assert_published(d1, "0.4199743", "grad(tanh)(1.0)")
        assert_published(d3, "0.6216267", "grad(grad(grad(tanh)))(1.0)")
        printed = np.float32("0.62162673")
        assert abs(np.float32(d3) - printed) <= np.spacing(printed)
    assert math.isclose(d3, 0.621626680771296, rel_tol=1e-14)  # mpmath, 30 digits: 0.621626680771296…


def test_jax_autodiff_cookbook_tanh_derivatives():
    """The JAX Autodiff Cookbook prints, for ``jnp.tanh`` at 2.0: grad 0.070650935, grad-of-grad
    -0.13621889, third 0.2526544. Those float32 figures sit 1.1e-7 … 2e-7 from the exact values
    (0.0706508248…, −0.1362186874…, 0.2526540650…: mpmath), so they hold to 5 significant digits only,
    which is what is asserted (the exact values to 1e-14)."""
    d1, d2, d3 = tanh_derivatives(2.0, 3)
    for got, printed, exact in ((d1, "0.070651", 0.0706508248531645), (d2, "-0.13622", -0.136218687427113), (d3, "0.25265", 0.252654065098063)):
        assert_published(got, printed)
        assert math.isclose(got, exact, rel_tol=1e-14)


# ---------------------------------------------------------------- what grad returns
def test_first_derivatives_equal_backward_and_never_touch_grad():
    a, b = Value(-4.0, "a"), Value(2.0, "b")
    c = a * b + b**3 + (b - a).relu() + (a * 0.1).tanh() / (b + 7.0)
    before = [n.grad for n in topological_order(c)]
    for create_graph in (False, True):
        ga, gb = grad(c, [a, b], create_graph=create_graph)
        assert [n.grad for n in topological_order(c)] == before  # all 0.0: nothing written
        assert ga.is_leaf != create_graph or create_graph
    c.backward()
    plain = grad(c, (a, b))
    assert [g.data for g in plain] == [a.grad, b.grad]  # bit for bit: the same floats in the same order
    assert all(g.is_leaf for g in plain)
    built = grad(c, [a, b], create_graph=True)
    assert [g.data for g in built] == pytest.approx([a.grad, b.grad], rel=1e-15)
    assert (a.grad, b.grad) == (plain[0].data, plain[1].data)  # still what backward() left


def test_inner_nodes_the_output_itself_and_independent_inputs():
    x, w, unused = Value(0.5, "x"), Value(-1.5, "w"), Value(3.0, "unused")
    net = x * w
    out = net.tanh()
    for create_graph in (False, True):
        d_net, d_out, d_unused, d_x = grad(out, [net, out, unused, x], create_graph=create_graph)
        assert d_net.data == pytest.approx(1 - math.tanh(-0.75) ** 2, rel=1e-15)
        assert d_out.data == 1.0 and d_unused.data == 0.0 and d_unused.is_leaf
        assert d_x.data == pytest.approx(w.data * d_net.data, rel=1e-15)
    [same] = grad(x, [x], create_graph=True)  # a leaf as the output: ∂x/∂x = 1, a new node
    assert same.data == 1.0 and same is not x


def test_a_result_is_never_a_node_of_the_original_graph():
    a, b = Value(2.0, "a"), Value(3.0, "b")
    y = a * b
    da, db = grad(y, [a, b], create_graph=True)  # ∂(a·b)/∂a is b itself: returned as a new node equal to it
    assert da is not b and db is not a and (da.data, db.data) == (3.0, 2.0)
    assert grad(da, [a, b])[1].data == 1.0  # ∂²y/∂a∂b


def test_create_graph_results_differentiate_to_any_order():
    x = Value(0.3, "x")
    f = x.sin() * x.exp()
    derivs = []
    g = f
    for _ in range(6):
        [g] = grad(g, [x], create_graph=True)
        derivs.append(g.data)
    # d^k/dx^k e^x sin x = 2^(k/2) e^x sin(x + kπ/4)
    for k, d in enumerate(derivs, start=1):
        assert d == pytest.approx(2 ** (k / 2) * math.exp(0.3) * math.sin(0.3 + k * math.pi / 4), rel=1e-13)


def test_gradient_penalty_backward_fills_every_weight():
    """P = (∂L/∂x)²: P.backward() reaches every weight through the derivative graph."""
    w1, w2, b = Value(0.4, "w1"), Value(-0.7, "w2"), Value(0.1, "b")
    x = Value(0.9, "x")
    L = (dot([w1, w2], [x, x * x], b).sigmoid() - 1.0) ** 2
    [dL_dx] = grad(L, [x], create_graph=True)
    P = dL_dx**2
    P.backward()
    for w in (w1, w2, b):
        assert w.grad != 0.0 and math.isfinite(w.grad)
    # against central differences of P(w1)
    def penalty(v1: float) -> float:
        w = Value(v1)
        xx = Value(0.9)
        loss = (dot([w, Value(-0.7)], [xx, xx * xx], 0.1).sigmoid() - 1.0) ** 2
        return grad(loss, [xx])[0].data ** 2
    h = 1e-6
    assert w1.grad == pytest.approx((penalty(0.4 + h) - penalty(0.4 - h)) / (2 * h), rel=1e-6)


def test_hessian_symmetric_by_construction_and_right():
    x, y = Value(0.5, "x"), Value(-1.2, "y")
    f = x * x * y + (x * y).sin() + y**3
    H = hessian(f, [x, y])
    c, s = math.cos(-0.6), math.sin(-0.6)
    want = [[2 * -1.2 - (-1.2) ** 2 * s, 2 * 0.5 + c - 0.5 * -1.2 * s], [0.0, -(0.5**2) * s + 6 * -1.2]]
    want[1][0] = want[0][1]
    assert all(type(v) is float for row in H for v in row)
    assert H[0][1] == H[1][0]
    for i in range(2):
        for j in range(2):
            assert H[i][j] == pytest.approx(want[i][j], rel=1e-13)
    assert hessian(x * 2.0 + y, [x, y]) == [[0.0, 0.0], [0.0, 0.0]]  # linear: no curvature
    assert x.grad == y.grad == 0.0


def test_relu_second_derivative_is_zero_and_the_kink_is_pytorchs():
    x = Value(1.5)
    [d] = grad((x * x).relu(), [x], create_graph=True)
    assert d.data == 3.0 and grad(d, [x])[0].data == 2.0
    z = Value(0.0)
    assert grad(z.relu(), [z], create_graph=True)[0].data == 0.0


@pytest.mark.slow
def test_a_chain_of_a_hundred_thousand_nodes_works_without_recursion():
    x = Value(0.5, "x")
    y = x
    for _ in range(50_000):  # 100,000 op nodes: ·c, sin
        y = (y * 1.00001).sin()
    [d] = grad(y, [x], create_graph=True)
    [d2] = grad(d, [x])
    y.backward()
    assert d.data == pytest.approx(x.grad, rel=1e-12) and math.isfinite(d2.data) and d2.data != 0.0


def test_the_work_is_linear_in_the_size_of_the_graph():
    """The derivative graph grows like the graph (counted in nodes, not timed)."""
    def sizes(n: int) -> tuple[int, int]:
        x = Value(0.3, "x")
        y = x
        for _ in range(n):
            y = (y * x).sin() + y
        [d] = grad(y, [x], create_graph=True)
        return len(topological_order(y)), len(topological_order(d))
    (g1, d1), (g2, d2) = sizes(500), sizes(1000)
    assert d1 < 6 * g1 and d2 < 6 * g2
    assert d2 / d1 == pytest.approx(g2 / g1, rel=0.05)


def test_only_the_paths_to_the_inputs_are_built():
    a, b = Value(0.5, "a"), Value(0.25, "b")
    side = b
    for _ in range(1000):
        side = (side * 1.001).tanh()  # b's subgraph: not on a path to a
    y = a * a + side
    [d] = grad(y, [a], create_graph=True)
    assert len(topological_order(d)) < 10 and d.data == 1.0


def test_derivative_graphs_pickle_and_nest():
    x = Value(0.7, "x")
    [d] = grad(x.tanh() * x, [x], create_graph=True)
    back = pickle.loads(pickle.dumps(d))
    assert back.data == d.data
    [x2] = [n for n in topological_order(back) if n.label == "x"]
    assert grad(back, [x2])[0].data == grad(d, [x])[0].data


# ---------------------------------------------------------------- the error rule
@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda x: grad(2.0, [x]), TypeError, "grad: output must be a Value"),
        (lambda x: grad(x, x), TypeError, "grad: inputs must be a list or tuple of Values, got one Value; write [x]"),
        (lambda x: grad(x, {x}), TypeError, "grad: inputs must be a list or tuple"),
        (lambda x: grad(x, []), ValueError, "grad: inputs is empty"),
        (lambda x: grad(x, [x, 3.0]), TypeError, "grad: inputs[1] must be a Value, got float"),
        (lambda x: grad(x, [x], create_graph=1), TypeError, "grad: create_graph must be True or False"),
        (lambda x: grad(x, [x], True), TypeError, "positional"),
        (lambda x: hessian(x, x), TypeError, "hessian: inputs must be a list or tuple"),
        (lambda x: hessian("y", [x]), TypeError, "hessian: output must be a Value"),
        (lambda x: grad(Value.from_op(1.0, (x,), (2.0,), "softplus"), [x], create_graph=True), ValueError,
         "grad: the op 'softplus' of a Value (data=1.0) has no rule"),
    ],
)
def test_bad_calls(call, error, words):
    x = Value(1.0, "x")
    y = x * x
    with pytest.raises(error, match=None) as caught:
        call(x)
    assert words in str(caught.value)
    assert y.grad == x.grad == 0.0


def test_a_from_op_node_still_has_first_derivatives_and_a_stale_graph_is_refused():
    x = Value(1.0, "x")
    soft = Value.from_op(math.log1p(math.e), (x,), (1 / (1 + math.exp(-1.0)),), "softplus")
    assert grad(soft * 2.0, [x])[0].data == pytest.approx(2 / (1 + math.exp(-1.0)))
    y = x * x
    x.data = 3.0
    with pytest.raises(ValueError, match="^grad: the stored local derivative .* rebuild the graph"):
        grad(y, [x], create_graph=True)


def test_a_second_derivative_beyond_the_float_range_is_an_arithmetic_error():
    x = Value(1e-200)
    y = x.log()  # 1/x = 1e200 fits; −1/x² = −1e400 does not
    assert grad(y, [x])[0].data == pytest.approx(1e200)
    with pytest.raises(ArithmeticError):
        grad(y, [x], create_graph=True)
    tiny = Value(1e-300, "tiny")
    y = (tiny * 1e300) * 1e300  # y = 1e300 fits; ∂y/∂tiny = 1e600 does not
    with pytest.raises(OverflowError, match="^grad: the derivative with respect to 'tiny' .* is inf"):
        grad(y, [tiny])
    with pytest.raises(OverflowError):
        grad(y, [tiny], create_graph=True)
    assert tiny.grad == 0.0


def test_the_mixed_partial_of_a_power_at_exponent_zero_is_kept():
    """∂²(a^b)/∂a∂b = a^(b−1)(1 + b·ln a) = 1/a at b = 0, from either side (PyTorch's pow backward
    masks it to 0 there with ``where(b == 0, …)``; the table's rule has no such mask)."""
    a, b = Value(2.0, "a"), Value(0.0, "b")
    H = hessian(a**b, [a, b])
    assert H[0][1] == H[1][0] == pytest.approx(0.5, rel=1e-15)
    assert H[1][1] == pytest.approx(math.log(2.0) ** 2, rel=1e-15) and H[0][0] == 0.0


# ---------------------------------------------------------------- property tests (no PyTorch needed)
@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10**6), size=st.integers(1, 8), xs=st.lists(st.floats(-1.5, 1.5), min_size=2, max_size=3))
def test_random_compositions_hessian_is_the_central_difference_of_the_gradient(seed, size, xs):
    """For random compositions of the shared expressions: H[i][j] = (∂f/∂x_j(x + h·e_i) − ∂f/∂x_j(x − h·e_i)) / 2h,
    H is symmetric, and create_graph=True's first derivatives equal backward()'s."""
    from expressions import EXPRESSIONS, ours

    lib = ours()

    def build(values):
        rng = random.Random(seed)
        leaves = [Value(v) for v in values]
        nodes = list(leaves)
        for _ in range(size):
            a, b, c = (rng.choice(nodes[-3:] + leaves) for _ in range(3))
            out = EXPRESSIONS[rng.choice(sorted(EXPRESSIONS))](lib, a, b, c)
            nodes.append(out.tanh())  # tame magnitudes with a smooth function (a value-dependent scale would not be)
        return leaves, sum_values(nodes[len(leaves):])

    leaves, f = build(xs)
    H = hessian(f, leaves)
    built = grad(f, leaves, create_graph=True)
    f.backward()
    assert [g.data for g in built] == pytest.approx([v.grad for v in leaves], rel=1e-12, abs=1e-12)
    h = 1e-5
    for i in range(len(xs)):
        up, down = list(xs), list(xs)
        up[i] += h
        down[i] -= h
        gu, gd = (grad(*build(p)[::-1]) for p in (up, down))
        for j in range(len(xs)):
            assert H[i][j] == H[j][i]
            assert H[i][j] == pytest.approx((gu[j].data - gd[j].data) / (2 * h), rel=1e-4, abs=1e-5)
