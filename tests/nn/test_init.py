"""nn.init: the values each initializer sets, reproducibility, and lecture 001's symmetry point."""

from __future__ import annotations

import math
import random
import statistics

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd_mini import Value
from nn import init
from nn.layers import MLP, Layer, Neuron
from nn.losses import quadratic_cost
from nn.optim import SGD


def hidden_units(model: MLP, k: int = 0) -> list[tuple]:
    """For each unit of hidden layer k: (its incoming weights, its bias, its outgoing weights)."""
    layer, nxt = model.layers[k], model.layers[k + 1]
    return [
        (tuple(w.data for w in n.weight), None if n.bias is None else n.bias.data,
         tuple(m.weight[j].data for m in nxt.neurons))
        for j, n in enumerate(layer.neurons)
    ]


def train(model: MLP, steps: int, seed: int = 0, lr: float = 0.5) -> None:
    rng = random.Random(seed)
    nin, nout = len(model.layers[0].neurons[0].weight), len(model.layers[-1].neurons)
    X = [[rng.uniform(-1, 1) for _ in range(nin)] for _ in range(5)]
    Y = [[rng.uniform(0, 1) for _ in range(nout)] for _ in range(5)]
    opt = SGD(model.parameters(), lr=lr)
    for _ in range(steps):
        opt.zero_grad()
        for x, y in zip(X, Y):
            quadratic_cost(model(x), y).backward()
        opt.step()


# ---------------------------------------------------------------- lecture 001: symmetric weights
@pytest.mark.parametrize("activation", ["sigmoid", "tanh"])
def test_zero_init_keeps_hidden_units_identical_after_training(activation):
    model = MLP(3, [4, 2], activation=activation, seed=1)
    init.zeros_(model)
    before = [p.data for p in model.parameters()]
    train(model, 30)
    units = hidden_units(model)
    assert all(u == units[0] for u in units), "every hidden unit must still be the same"
    assert [p.data for p in model.parameters()] != before, "training must have changed the weights"


@settings(max_examples=15, deadline=None)
@given(row=st.lists(st.floats(-1, 1), min_size=2, max_size=2), bias=st.floats(-1, 1),
       out=st.lists(st.floats(-1, 1), min_size=2, max_size=2), steps=st.integers(1, 12),
       seed=st.integers(0, 10**6), activation=st.sampled_from(["sigmoid", "tanh"]))
def test_any_symmetric_init_keeps_units_identical(row, bias, out, steps, seed, activation):
    """Units with the same incoming weights, bias and outgoing weights get the same gradient, for ever."""
    model = MLP(2, [3, 2], activation=activation)
    for n in model.layers[0].neurons:
        init.constant_(n.weight[0], row[0])
        init.constant_(n.weight[1], row[1])
        init.constant_(n.bias, bias)
    for k, m in enumerate(model.layers[1].neurons):
        init.constant_(m.weight, out[k])
    train(model, steps, seed)
    units = hidden_units(model)
    assert all(u == units[0] for u in units)


def test_random_init_breaks_the_symmetry():
    model = MLP(3, [4, 2], seed=1)
    init.uniform_(model, -0.12, 0.12, seed=7)
    train(model, 30)
    units = hidden_units(model)
    assert len(set(units)) == len(units)


# ---------------------------------------------------------------- values and reproducibility
def test_zeros_constant_and_return_value():
    params = [Value(1.0), Value(2.0)]
    assert init.zeros_(params) is params and [p.data for p in params] == [0.0, 0.0]
    v = Value(3.0)
    assert init.constant_(v, -0.5) is v and v.data == -0.5


def test_uniform_in_minus_eps_eps_is_seeded():
    eps = 0.12
    a = MLP(3, [3, 1])
    b = MLP(3, [3, 1])
    init.uniform_(a, -eps, eps, seed=42)
    init.uniform_(b, -eps, eps, generator=random.Random(42))
    values = [p.data for p in a.parameters()]
    assert values == [p.data for p in b.parameters()]
    assert all(-eps <= x <= eps for x in values) and len(set(values)) == len(values)
    init.uniform_(b, -eps, eps, seed=43)
    assert values != [p.data for p in b.parameters()]


def test_uniform_and_normal_statistics():
    params = [Value(0.0) for _ in range(20000)]
    init.uniform_(params, -0.5, 1.5, seed=0)
    xs = [p.data for p in params]
    assert min(xs) >= -0.5 and max(xs) <= 1.5
    assert statistics.fmean(xs) == pytest.approx(0.5, abs=0.02)
    init.normal_(params, 1.0, 0.1, seed=0)
    xs = [p.data for p in params]
    assert statistics.fmean(xs) == pytest.approx(1.0, abs=0.005) and statistics.stdev(xs) == pytest.approx(0.1, rel=0.03)


@pytest.mark.parametrize("fn, expected_std", [
    (lambda L: init.xavier_uniform_(L, seed=0), math.sqrt(2.0 / (200 + 100))),
    (lambda L: init.xavier_normal_(L, seed=0), math.sqrt(2.0 / (200 + 100))),
    (lambda L: init.xavier_uniform_(L, gain=init.calculate_gain("tanh"), seed=0), 5 / 3 * math.sqrt(2.0 / 300)),
    (lambda L: init.kaiming_uniform_(L, seed=0), math.sqrt(2.0 / 200)),
    (lambda L: init.kaiming_normal_(L, nonlinearity="relu", seed=0), math.sqrt(2.0 / 200)),
    (lambda L: init.kaiming_normal_(L, mode="fan_out", nonlinearity="relu", seed=0), math.sqrt(2.0 / 100)),
])
@pytest.mark.slow
def test_xavier_and_kaiming_use_the_layers_fans(fn, expected_std):
    layer = Layer(200, 100, biases=[0.25] * 100)
    fn(layer)
    ws = [w.data for n in layer.neurons for w in n.weight]
    assert statistics.pstdev(ws) == pytest.approx(expected_std, rel=0.03)
    assert all(n.bias.data == 0.25 for n in layer.neurons), "biases are left alone"


def test_xavier_uniform_bound_per_layer_of_an_mlp():
    model = MLP(4, [6, 2])
    init.xavier_uniform_(model, seed=3)
    for layer, (fan_in, fan_out) in zip(model.layers, [(4, 6), (6, 2)]):
        bound = math.sqrt(6 / (fan_in + fan_out))
        ws = [w.data for n in layer.neurons for w in n.weight]
        assert max(abs(w) for w in ws) <= bound and max(abs(w) for w in ws) > bound / 2
    assert init.fans(model.layers[0]) == (4, 6) and init.fans(Neuron(5)) == (5, 1)


@pytest.mark.oracle
def test_gains_match_torch():
    torch = pytest.importorskip("torch", reason="torch is not installed: the gain oracle is skipped")
    for name in ["linear", "sigmoid", "tanh", "relu"]:
        assert init.calculate_gain(name) == pytest.approx(torch.nn.init.calculate_gain(name), rel=1e-15)
    assert init.calculate_gain("leaky_relu", 0.2) == pytest.approx(torch.nn.init.calculate_gain("leaky_relu", 0.2), rel=1e-15)
    assert init.calculate_gain("leaky_relu") == pytest.approx(torch.nn.init.calculate_gain("leaky_relu"), rel=1e-15)


@pytest.mark.parametrize("call, error, message", [
    (lambda: init.uniform_([Value(0.0)], 1.0, -1.0), ValueError, "empty"),
    (lambda: init.uniform_([Value(0.0)], seed=1, generator=random.Random(1)), ValueError, "not both"),
    (lambda: init.uniform_([Value(0.0)], seed=True), TypeError, "^uniform_: seed must be a whole number"),
    (lambda: init.uniform_([Value(0.0)], generator=3), TypeError, "random.Random"),
    (lambda: init.constant_([Value(0.0)], "1"), TypeError, "val"),
    (lambda: init.zeros_([1.0]), TypeError, "zeros_: target must be Values"),
    (lambda: init.zeros_(None), TypeError, "zeros_: target must be a model, a Value or a list of Values"),
    (lambda: init.normal_([Value(0.0)], std=-1.0), ValueError, "std"),
    (lambda: init.xavier_uniform_([Value(0.0)]), TypeError, "fan-in and fan-out"),
    (lambda: init.kaiming_uniform_(Layer(2, 2), mode="fan"), ValueError, "mode"),
    (lambda: init.calculate_gain("softmax"), ValueError, "^calculate_gain: nonlinearity must be one of .*leaky_relu"),
    (lambda: init.fans(MLP(2, [2, 1])), ValueError, "one layer at a time"),
])
def test_errors(call, error, message):
    with pytest.raises(error, match=message):
        call()
