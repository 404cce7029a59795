"""nn.matrix: lecture 000's matrix-form backprop equals the scalar engine's per-weight gradients."""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nn.examples import mazur
from nn.layers import MLP
from nn.losses import quadratic_cost
from nn.matrix import MatrixMLP, engine_gradients


def engine_pass(model, X, Y):
    """J = Σ_i Σ_k ½(y − ŷ)² over the batch, back-propagated by the scalar engine."""
    model.zero_grad()
    J = 0.0
    for x, y in zip(X, Y):
        E = quadratic_cost(model(x), y)
        E.backward()
        J += E.data
    return J


def assert_same_gradients(model, X, Y):
    J = engine_pass(model, X, Y)
    matrix = MatrixMLP.from_mlp(model).backward(X, Y)
    assert matrix.J == pytest.approx(J, rel=1e-13)
    dW, db = engine_gradients(model)
    for k in dW:
        np.testing.assert_allclose(matrix.dW[k], dW[k], rtol=0, atol=1e-12, err_msg=f"∂J/∂W{k}")
        if db[k] is None:
            assert matrix.db[k] is None
        else:
            np.testing.assert_allclose(matrix.db[k], db[k], rtol=0, atol=1e-12, err_msg=f"∂J/∂b{k}")
    return matrix


def test_mazur_in_matrix_form():
    net = mazur()
    p = assert_same_gradients(net.model, [net.inputs], [net.targets])
    assert p.J == pytest.approx(0.298371109, abs=1e-9)
    assert p.a[2][0].tolist() == pytest.approx([0.593269992, 0.596884378], abs=1e-9)    # out_h1, out_h2
    assert p.a[3][0].tolist() == pytest.approx([0.75136507, 0.772928465], abs=1e-8)     # ŷ
    assert p.delta[3][0, 0] == pytest.approx(0.138498562, abs=1e-9)                      # δ_o1
    assert p.dW[2][0, 0] == pytest.approx(0.082167041, abs=1e-9)                          # ∂E/∂w5 = (a2ᵀδ3)[h1, o1]
    assert p.dW[1][0, 0] == pytest.approx(0.000438568, abs=1e-9)                          # ∂E/∂w1 = (Xᵀδ2)[i1, h1]
    assert p.dW[1][1, 0] == pytest.approx(0.000877135, abs=1e-9)                          # ∂E/∂w2


def test_the_lectures_two_layer_form_without_biases():
    """z2 = XW1, a2 = f(z2), z3 = a2W2, ŷ = f(z3), δ3 = −(y − ŷ)f'(z3), ∂J/∂W2 = a2ᵀδ3,
    δ2 = δ3W2ᵀ ∘ f'(z2), ∂J/∂W1 = Xᵀδ2, written out literally and compared."""
    rng = random.Random(0)
    model = MLP(3, [4, 2], bias="none", seed=1)
    X = np.array([[rng.uniform(-1, 1) for _ in range(3)] for _ in range(6)])
    y = np.array([[rng.uniform(0, 1) for _ in range(2)] for _ in range(6)])
    mm = MatrixMLP.from_mlp(model)
    f = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    W1, W2 = mm.W[1], mm.W[2]
    z2 = X @ W1
    a2 = f(z2)
    z3 = a2 @ W2
    y_hat = f(z3)
    d3 = -(y - y_hat) * y_hat * (1 - y_hat)
    d2 = (d3 @ W2.T) * a2 * (1 - a2)
    p = mm.backward(X, y)
    np.testing.assert_allclose(p.dW[2], a2.T @ d3, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(p.dW[1], X.T @ d2, rtol=1e-12, atol=1e-15)
    assert_same_gradients(model, X.tolist(), y.tolist())


@settings(max_examples=20, deadline=None)
@given(sizes=st.lists(st.integers(1, 4), min_size=1, max_size=3), nin=st.integers(1, 3), m=st.integers(1, 5),
       acts=st.lists(st.sampled_from(["sigmoid", "tanh", "relu", "linear"]), min_size=3, max_size=3),
       bias=st.sampled_from(["neuron", "shared", "none"]), seed=st.integers(0, 1000))
def test_any_mlp_matches_the_scalar_engine_to_1e12(sizes, nin, m, acts, bias, seed):
    rng = random.Random(seed)
    model = MLP(nin, sizes, activation=acts[:len(sizes)], bias=bias, seed=seed,
                biases=None if bias == "none" else [rng.uniform(-0.5, 0.5) if bias == "shared" else
                                                    [rng.uniform(-0.5, 0.5) for _ in range(k)] for k in sizes])
    X = [[rng.uniform(-2, 2) for _ in range(nin)] for _ in range(m)]
    Y = [[rng.uniform(-1, 1) for _ in range(sizes[-1])] for _ in range(m)]
    p = assert_same_gradients(model, X, Y)
    outputs = [[o.data for o in model(x)] for x in X]
    np.testing.assert_allclose(p.a[len(sizes) + 1], outputs, rtol=1e-13, atol=1e-15)


def test_errors():
    mm = MatrixMLP.from_mlp(MLP(2, [3, 1], seed=0))
    with pytest.raises(ValueError, match="2 columns"):
        mm.forward([[1.0, 2.0, 3.0]])
    with pytest.raises(ValueError, match="y has 2"):
        mm.backward([[1.0, 2.0]], [[1.0], [0.0]])
    with pytest.raises(ValueError, match="no rows"):
        mm.forward(np.zeros((0, 2)))
    with pytest.raises(TypeError, match="nn.MLP"):
        MatrixMLP.from_mlp(object())
    with pytest.raises(ValueError, match="unknown activation"):
        MatrixMLP([np.eye(2)], [None], ["softplus"])
    with pytest.raises(ValueError, match="W1 has 2 columns but W2 has 3 rows"):
        MatrixMLP([np.eye(2), np.ones((3, 1))], [None, None], ["tanh", "tanh"])
    assert mm.L == 3 and mm.forward([1.0, 2.0])[1][3].shape == (1, 1)
