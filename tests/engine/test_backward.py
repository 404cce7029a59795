"""backward(): fan-in, reuse through two paths, depth, width, repeated calls, resetting."""

import pytest

from autograd_mini import Value, topological_order, zero_grad


def micrograd_readme_expression():
    """The expression of micrograd's README; its published results are g = 24.7041, ∂g/∂a = 138.8338,
    ∂g/∂b = 645.5773."""
    a, b = Value(-4.0, "a"), Value(2.0, "b")
    c = a + b
    d = a * b + b**3
    c += c + 1
    c += 1 + c + (-a)
    d += d * 2 + (b + a).relu()
    d += 3 * d + (b - a).relu()
    e = c - d
    f = e**2
    g = f / 2.0
    g += 10.0 / f
    return a, b, g


def test_micrograd_readme_numbers():
    a, b, g = micrograd_readme_expression()
    g.backward()
    assert f"{g.data:.4f}" == "24.7041"
    assert f"{a.grad:.4f}" == "138.8338" and f"{b.grad:.4f}" == "645.5773"


def test_second_backward_doubles_every_leaf_grad_exactly():
    a, b, g = micrograd_readme_expression()
    g.backward()
    first = (a.grad, b.grad)
    inner = {id(n): n.grad for n in topological_order(g) if n.children}
    g.backward()
    assert (a.grad, b.grad) == (2 * first[0], 2 * first[1])
    # intermediates are recomputed, not compounded
    assert {id(n): n.grad for n in topological_order(g) if n.children} == inner


def test_fan_in_same_node_twice():
    a = Value(3.0, "a")
    s = a + a
    assert s.children == (a, a)
    s.backward()
    assert a.grad == 2.0
    x = Value(3.0, "x")
    y = x * x
    assert y.children == (x, x) and y.local_grads == (3.0, 3.0)
    y.backward()
    assert x.grad == 6.0


def test_node_reused_through_two_paths():
    x = Value(2.0, "x")
    h = x * 3  # used by both branches
    y = h.tanh() + h * h
    y.backward()
    import math
    t = math.tanh(6.0)
    assert x.grad == pytest.approx(3 * ((1 - t * t) + 2 * 6.0), rel=1e-15)
    assert h.grad == pytest.approx((1 - t * t) + 12.0, rel=1e-15)


@pytest.mark.slow
def test_deep_chain_of_a_million_nodes():
    x = Value(1.0, "x")
    y = x
    for _ in range(1_000_000):
        y = y * 1.0
    y.backward()
    assert x.grad == 1.0 and y.data == 1.0


@pytest.mark.slow
def test_wide_sum_of_a_hundred_thousand_terms():
    xs = [Value(float(i)) for i in range(100_000)]
    total = xs[0]
    for v in xs[1:]:
        total = total + v  # a chain of 100,000 binary additions
    total.backward()
    assert total.data == sum(range(100_000))
    assert all(v.grad == 1.0 for v in xs)


def test_leaf_root_accumulates_seed():
    x = Value(5.0)
    x.backward()
    x.backward()
    assert x.grad == 2.0


def test_backward_with_a_custom_seed():
    x = Value(2.0)
    y = x * x
    y.backward(0.5)
    assert x.grad == 2.0 and y.grad == 0.5


def test_topological_order_inputs_first_each_node_once():
    a, b = Value(1.0, "a"), Value(2.0, "b")
    c = a * b
    d = c + a
    order = topological_order(d)
    assert order == [a, b, c, d]
    assert topological_order(d) == order  # deterministic


def test_zero_grad_of_graph_and_of_parameters():
    a, b, g = micrograd_readme_expression()
    g.backward()
    zero_grad([a])
    assert a.grad == 0.0 and b.grad != 0.0
    g.zero_grad()
    assert all(n.grad == 0.0 for n in topological_order(g))
    g.backward()
    assert f"{a.grad:.4f}" == "138.8338"  # a fresh, not compounded, gradient after the reset
    zero_grad(g)
    assert b.grad == 0.0


def test_backward_into_a_subgraph_only_touches_that_subgraph():
    x, y = Value(2.0, "x"), Value(3.0, "y")
    u = x * y
    v = u + y
    u.backward()
    assert (x.grad, y.grad, v.grad) == (3.0, 2.0, 0.0)
