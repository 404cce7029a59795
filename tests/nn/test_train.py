"""nn.training (nn.train): full batch is the lecture's Δ/m, mini-batch and stochastic visit every example once per
epoch, seeds repeat a run exactly, progress and schedules work, bad input is refused."""

from __future__ import annotations

import io
import math
import random

import pytest

from autograd_mini import Value
from nn.examples import mazur
from nn.layers import MLP
from nn.losses import binary_cross_entropy, quadratic_cost
from nn.optim import SGD, Adam, StepLR
from nn.training import dataset_cost, train

XOR_X = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
XOR_Y = [[0.0], [1.0], [1.0], [0.0]]


def data(m=7, seed=0):
    rng = random.Random(seed)
    X = [[rng.uniform(-1, 1), rng.uniform(-1, 1)] for _ in range(m)]
    return X, [[0.5 + 0.4 * math.sin(x[0] + 2 * x[1])] for x in X]


class CountingSGD(SGD):
    steps = 0

    def step(self, closure=None):
        CountingSGD.steps += 1
        return super().step(closure)


def test_one_full_batch_epoch_on_mazur_is_the_posts_update():
    net = mazur()
    history = train(net.model, quadratic_cost, [net.inputs], [net.targets], SGD(net.model.parameters(), lr=0.5), 1)
    assert history == [pytest.approx(0.298371109, abs=1e-9)]
    assert net.parameter("w5").data == pytest.approx(0.35891648, abs=1e-8)
    assert net.parameter("w1").data == pytest.approx(0.149780716, abs=1e-9)
    assert net.parameter("b1").data == 0.35 and net.parameter("b2").data == 0.6  # frozen


def test_full_batch_gradient_is_delta_over_m():
    """D = Δ/m from per-example backward passes equals ∂J/∂Θ of the one-graph mean cost."""
    X, Y = data()
    a, b = MLP(2, [3, 1], seed=5), MLP(2, [3, 1], seed=5)
    dataset_cost(b, quadratic_cost, X, Y).backward()
    expected = [p.data - 0.3 * p.grad for p in b.parameters()]
    history = train(a, quadratic_cost, X, Y, SGD(a.parameters(), lr=0.3), 1)
    assert [p.data for p in a.parameters()] == pytest.approx(expected, abs=1e-15)
    b.zero_grad()
    assert history[0] == pytest.approx(dataset_cost(MLP(2, [3, 1], seed=5), quadratic_cost, X, Y).data, rel=1e-14)


@pytest.mark.parametrize("batch_size, steps_per_epoch", [(None, 1), (1, 7), (3, 3), (7, 1), (100, 1)])
def test_steps_per_epoch_and_every_example_once(batch_size, steps_per_epoch):
    X, Y = data()
    seen = []

    def loss(out, y):
        seen.append(id(y))
        return quadratic_cost(out, y)

    model = MLP(2, [3, 1], seed=1)
    CountingSGD.steps = 0
    train(model, loss, X, Y, CountingSGD(model.parameters(), lr=0.1), 2, batch_size=batch_size, seed=0)
    assert CountingSGD.steps == 2 * steps_per_epoch
    assert sorted(seen[:7]) == sorted(id(y) for y in Y) and sorted(seen[7:]) == sorted(id(y) for y in Y)


def test_stochastic_epoch_is_m_single_example_updates_in_the_shuffled_order():
    X, Y = data(m=4)
    a, b = MLP(2, [2, 1], seed=2), MLP(2, [2, 1], seed=2)
    train(a, quadratic_cost, X, Y, SGD(a.parameters(), lr=0.2), 1, batch_size=1, seed=9)
    order = list(range(4))
    random.Random(9).shuffle(order)
    opt = SGD(b.parameters(), lr=0.2)
    for i in order:
        opt.zero_grad()
        quadratic_cost(b(X[i]), Y[i]).backward()
        opt.step()
    assert [p.data for p in a.parameters()] == [p.data for p in b.parameters()]


def test_seeds_repeat_a_run_exactly():
    X, Y = data()

    def run(seed):
        model = MLP(2, [3, 1], seed=4)
        h = train(model, quadratic_cost, X, Y, Adam(model.parameters(), lr=0.05), 5, batch_size=2, seed=seed)
        return h, [p.data for p in model.parameters()]

    assert run(1) == run(1)
    assert run(1) != run(2)


def test_training_learns_xor():
    model = MLP(2, [4, 1], activation=["tanh", "sigmoid"], seed=3)
    history = train(model, binary_cross_entropy, XOR_X, XOR_Y, Adam(model.parameters(), lr=0.1), 150)
    assert history[-1] < 0.05 < history[0]
    assert [round(model(x)[0].data) for x in XOR_X] == [0, 1, 1, 0]


def test_progress_goes_to_the_stream():
    X, Y = data()
    model = MLP(2, [2, 1], seed=0)
    out = io.StringIO()
    train(model, quadratic_cost, X, Y, SGD(model.parameters(), lr=0.1), 10, progress=4, stream=out)
    lines = out.getvalue().splitlines()
    assert [line.split()[1] for line in lines] == ["4/10", "8/10", "10/10"] and "J = " in lines[0]
    out = io.StringIO()
    train(model, quadratic_cost, X, Y, SGD(model.parameters(), lr=0.1), 20, progress=True, stream=out)
    assert len(out.getvalue().splitlines()) == 10
    out = io.StringIO()
    train(model, quadratic_cost, X, Y, SGD(model.parameters(), lr=0.1), 3, stream=out)
    assert out.getvalue() == ""


def test_scheduler_is_stepped_once_per_epoch():
    X, Y = data()
    model = MLP(2, [2, 1], seed=0)
    opt = SGD(model.parameters(), lr=0.4)
    train(model, quadratic_cost, X, Y, opt, 6, batch_size=2, scheduler=StepLR(opt, step_size=2, gamma=0.5))
    assert opt.lr == pytest.approx(0.05)


@pytest.mark.parametrize("kwargs, error, message", [
    (dict(inputs=[[0.0, 0.0]], targets=[]), ValueError, "1 inputs but 0 targets"),
    (dict(inputs=[], targets=[]), ValueError, "empty"),
    (dict(inputs="ab"), TypeError, "inputs must be a list"),
    (dict(epochs=0), ValueError, "epochs"),
    (dict(batch_size=0), ValueError, "batch_size"),
    (dict(optimizer=object()), TypeError, "step"),
    (dict(loss_fn=lambda o, y: quadratic_cost(o, y, reduction="none")), TypeError, "not a Value"),
    (dict(loss_fn=3), TypeError, "loss_fn"),
    (dict(model=object()), TypeError, "model"),
    (dict(progress=-1), ValueError, "progress"),
])
def test_errors(kwargs, error, message):
    model = MLP(2, [1], seed=0)
    args = dict(model=model, loss_fn=quadratic_cost, inputs=[[0.0, 1.0]], targets=[[1.0]],
                optimizer=SGD(model.parameters(), lr=0.1), epochs=1)
    args.update(kwargs)
    with pytest.raises(error, match=message):
        train(**args)


def test_dataset_cost_is_the_mean_and_labelled():
    X, Y = data(m=3)
    model = MLP(2, [2, 1], seed=0)
    J = dataset_cost(model, quadratic_cost, X, Y)
    each = [quadratic_cost(model(x), y).data for x, y in zip(X, Y)]
    assert J.data == pytest.approx(sum(each) / 3, rel=1e-15) and J.label == "J(Θ)"
    with pytest.raises(TypeError, match="not a Value"):
        dataset_cost(model, lambda o, y: 1.0, X, Y)
    assert isinstance(J, Value)
