"""Junk into every public nn function (random types, nan/inf, huge and tiny floats, wrong lengths, numpy
arrays): only the documented exception types may come out — TypeError, ValueError, an ArithmeticError,
or an OSError for a path — with a message that starts with the call; never an AttributeError, KeyError,
IndexError, RecursionError or UnicodeDecodeError. A parameter is never left nan/inf."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from autograd_mini import Value
from autograd_mini.numerical import central_difference, gradcheck
from nn import MLP, SGD, Adadelta, Adagrad, Adam, AdaMax, Layer, NAdam, Neuron, RMSprop, RuderNadam, dataset_cost, init, losses, train
from nn.examples import mazur
from nn.optim import ExponentialLR, LambdaLR, StepLR
from nn.search import grid_search, grid_size, grid_values, monte_carlo_search

np = pytest.importorskip("numpy")

ALLOWED = (TypeError, ValueError, ArithmeticError, OSError)
numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True), st.integers(-(10 ** 400), 10 ** 400), st.booleans(),
    st.sampled_from([0, 1, 2, -1, 1e-320, 1e308, -1e308, 0.5]),
)
scalars = st.one_of(numbers, st.none(), st.text(max_size=3), st.just(b"x"), st.just(complex(1, 1)), st.just(Value(0.5)))
junk = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.tuples(inner, inner), st.dictionaries(st.text(max_size=2), inner, max_size=2),
                            st.lists(st.floats(allow_nan=True), max_size=3).map(np.array)),
    max_leaves=6,
)


def m() -> MLP:
    return MLP(2, [2, 1], seed=0)


def step_with(g: object) -> None:
    p = Value(1.0, "w")
    p.grad = g
    for make in (SGD, Adam, Adagrad, RMSprop, Adadelta, AdaMax, NAdam, RuderNadam):
        try:
            make([p], lr=0.1).step()
        except ALLOWED:
            pass
    assert math.isfinite(p.data)


CALLS = {
    "MLP": lambda a, b: MLP(a, b), "MLP options": lambda a, b: MLP(2, [2], activation=a, bias=b),
    "MLP weights": lambda a, b: MLP(2, [2], weights=a, biases=b), "MLP names": lambda a, b: MLP(2, [2], names=a, seed=b),
    "Layer": lambda a, b: Layer(a, b), "Neuron": lambda a, b: Neuron(2, weights=a, bias=b),
    "forward": lambda a, b: m()(a), "freeze": lambda a, b: m().freeze(a), "load_state_dict": lambda a, b: m().load_state_dict(a),
    "load_state_dict entry": lambda a, b: m().load_state_dict({**m().state_dict(), "layers.0.weight": a}),
    "SGD": lambda a, b: SGD(a, lr=b), "SGD options": lambda a, b: SGD(m().parameters(), lr=0.1, momentum=a, weight_decay=b),
    "Adam": lambda a, b: Adam(m().parameters(), betas=a, eps=b), "step": lambda a, b: step_with(a),
    "StepLR": lambda a, b: StepLR(SGD(m().parameters(), lr=0.1), a, b),
    "ExponentialLR": lambda a, b: ExponentialLR(SGD(m().parameters(), lr=0.1), a).step(),
    "LambdaLR": lambda a, b: LambdaLR(SGD(m().parameters(), lr=0.1), lambda e: a).step(),
    "uniform_": lambda a, b: init.uniform_(m(), a, b), "normal_": lambda a, b: init.normal_(m(), a, b),
    "xavier_uniform_": lambda a, b: init.xavier_uniform_(m(), a), "kaiming_normal_": lambda a, b: init.kaiming_normal_(m(), a, b),
    "calculate_gain": lambda a, b: init.calculate_gain(a, b),
    "quadratic_cost": lambda a, b: losses.quadratic_cost(a, b), "binary_cross_entropy": lambda a, b: losses.binary_cross_entropy(a, b),
    "cross_entropy": lambda a, b: losses.cross_entropy(a, b), "exponential_cost": lambda a, b: losses.exponential_cost(a, b),
    "hellinger_distance": lambda a, b: losses.hellinger_distance(a, b), "logistic_cost": lambda a, b: losses.logistic_cost(a, b),
    "softmax": lambda a, b: losses.softmax(a),
    "grid_values": lambda a, b: grid_values(a, b, 0.5), "grid_size": lambda a, b: grid_size(a, b),
    "grid_search": lambda a, b: grid_search(lambda: 1.0, [Value(0.0)], a, max_evaluations=100),
    "monte_carlo_search": lambda a, b: monte_carlo_search(lambda: 1.0, [Value(0.0)], 3, a, b),
    "train": lambda a, b: train(m(), losses.quadratic_cost, a, b, SGD(m().parameters(), lr=0.1), 1),
    "dataset_cost": lambda a, b: dataset_cost(m(), losses.quadratic_cost, a, b),
    "Mazur.node": lambda a, b: mazur().node(a), "Mazur.parameter": lambda a, b: mazur().parameter(a),
    "gradcheck": lambda a, b: gradcheck(lambda: Value(2.0) * 1.0, a, epsilon=b),
    "central_difference": lambda a, b: central_difference(lambda x: x * 2.0, a, epsilon=b),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", CALLS)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(a=junk, b=junk)
def test_junk_gives_only_documented_errors(name, a, b):
    try:
        CALLS[name](a, b)
    except ALLOWED as e:
        assert str(e) and ":" in str(e)[:60], f"{type(e).__name__} without the call's name: {e}"


# ---------------------------------------------------------------------- issue 19: labels of any network, parameters that are leaves
@settings(max_examples=40, deadline=None)
@given(nin=st.integers(1, 4), sizes=st.lists(st.integers(1, 4), min_size=1, max_size=3),
       activations=st.lists(st.sampled_from(["sigmoid", "tanh", "relu", "linear"]), min_size=3, max_size=3), seed=st.integers(0, 100))
def test_every_neuron_of_any_network_has_net_and_out_labels(nin, sizes, activations, seed):
    from autograd_mini import topological_order

    model = MLP(nin, sizes, activation=activations[: len(sizes)], seed=seed)
    outs = model([0.5] * nin)
    labels = {n.label for n in topological_order(losses.quadratic_cost(outs, [0.0] * len(outs)))}
    for layer in model.layers:
        for neuron in layer.neurons:
            assert {f"net_{neuron.name}", f"out_{neuron.name}"} <= labels, (neuron.name, layer)
    assert all(o.label.startswith("out_") for o in outs)


@settings(max_examples=40, deadline=None)
@given(position=st.integers(0, 9), op=st.sampled_from(["*", "+", "tanh"]))
def test_optimizers_refuse_a_computed_parameter_anywhere_in_the_list(position, op):
    model = MLP(2, [2, 1], seed=0)
    params = model.parameters()
    leaf = params[position % len(params)]
    computed = leaf * 2.0 if op == "*" else leaf + 1.0 if op == "+" else leaf.tanh()
    before = model.state_dict()
    for make in (lambda ps: SGD(ps, lr=0.1), lambda ps: Adam(ps, lr=0.1), lambda ps: init.uniform_(ps)):
        with pytest.raises(ValueError, match="must be leaves"):
            make(params[:position] + [computed] + params[position:])
    assert model.state_dict() == before
