"""PyTorch's double backward as the oracle for `grad(create_graph=True)` and `hessian` (issue 22).

Every expression of the shared table (tests/expressions.py: + − × ÷ with Values and numbers on either
side, ** with a number and a Value exponent, exp, log, sqrt, tanh, sigmoid, relu, sin, cos, sum, dot),
random compositions of them, and an `nn.MLP` loss: second and third derivatives, mixed partials
included, agree with ``torch.autograd.grad(create_graph=True)`` in float64 to 1e-12 relative.
"""

from __future__ import annotations

import math
import random

import pytest
from expressions import EXPRESSIONS, ours, torch_lib
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd_mini import Value, grad, hessian, sum_values

torch = pytest.importorskip("torch", reason="PyTorch is not installed: pip install torch==2.13.0 to run the oracle tests")
pytestmark = pytest.mark.oracle

REL, ABS = 1e-12, 1e-12


def close(mine: float, theirs: float, what: str) -> None:
    assert math.isclose(mine, theirs, rel_tol=REL, abs_tol=ABS), f"{what}: ours {mine!r}, torch {theirs!r}"


def t(x: float):
    return torch.tensor(x, dtype=torch.float64, requires_grad=True)


def torch_grads(y, xs, create_graph: bool):
    """torch.autograd.grad that treats "does not depend on" (None, or a constant) as 0."""
    if not y.requires_grad:
        return [torch.zeros((), dtype=torch.float64) for _ in xs]
    gs = torch.autograd.grad(y, xs, create_graph=create_graph, retain_graph=True, allow_unused=True)
    return [g if g is not None else torch.zeros((), dtype=torch.float64) for g in gs]


def derivatives_ours(f, xs: list[float], order: int) -> dict[tuple[int, ...], float]:
    """Every partial derivative of ``f`` up to ``order`` (index tuples), with our engine."""
    leaves = [Value(x) for x in xs]
    out: dict[tuple[int, ...], float] = {}
    frontier = {(): f(*leaves)}
    for k in range(1, order + 1):
        nxt = {}
        for idx, node in frontier.items():
            gs = grad(node, leaves, create_graph=k < order)
            for i, g in enumerate(gs):
                nxt[idx + (i,)] = g
                out[idx + (i,)] = g.data
        frontier = nxt
    return out


def derivatives_torch(f, xs: list[float], order: int) -> dict[tuple[int, ...], float]:
    leaves = [t(x) for x in xs]
    out: dict[tuple[int, ...], float] = {}
    frontier = {(): f(*leaves)}
    for k in range(1, order + 1):
        nxt = {}
        for idx, node in frontier.items():
            gs = torch_grads(node, leaves, create_graph=k < order)
            for i, g in enumerate(gs):
                nxt[idx + (i,)] = g
                out[idx + (i,)] = g.item()
        frontier = nxt
    return out


def compare(f_ours, f_torch, xs: list[float], order: int, name: str) -> None:
    mine, theirs = derivatives_ours(f_ours, xs, order), derivatives_torch(f_torch, xs, order)
    assert mine.keys() == theirs.keys()
    for idx in mine:
        close(mine[idx], theirs[idx], f"{name} at {xs}: ∂^{len(idx)}/∂{idx}")


OURS, THEIRS = ours(), torch_lib()


@pytest.mark.parametrize("name", sorted(EXPRESSIONS))
@pytest.mark.parametrize("seed", range(4))
def test_every_op_second_and_third_derivatives_and_mixed_partials_match_torch(name, seed):
    rng = random.Random(hash((name, seed)) & 0xFFFF)
    xs = [rng.uniform(-2.0, 2.0) for _ in range(3)]
    f = EXPRESSIONS[name]
    compare(lambda a, b, c: f(OURS, a, b, c), lambda a, b, c: f(THEIRS, a, b, c), xs, 3, name)


def test_numbers_on_either_side_of_every_binary_op():
    """a op 2.5 and 2.5 op a for + − × ÷ **, and the Value exponent on its own: third derivatives."""
    for op in (lambda a, b: a + b, lambda a, b: a - b, lambda a, b: a * b, lambda a, b: a / b):
        for xs in ([0.7], [-1.3]):
            right, left = (lambda a, op=op: op(a, 2.5) * a), (lambda a, op=op: op(2.5, a) * a)
            compare(right, right, xs, 3, "value op number")
            compare(left, left, xs, 3, "number op value")
    for n in (2, 3, 0.5, -1.5, 1e-3):
        power = lambda a, n=n: (a * a + 0.3) ** n  # noqa: E731
        compare(power, power, [0.8], 3, f"** {n}")
    compare(lambda a: 2.5**a, lambda a: 2.5**a, [0.6], 3, "2.5 ** a")
    compare(lambda a, b: a**b, lambda a, b: a**b, [1.7, -0.4], 3, "a ** b")


def random_composition(lib, leaves, seed: int, size: int):
    rng = random.Random(seed)
    names = sorted(EXPRESSIONS)
    nodes = list(leaves)
    for _ in range(size):
        a, b, c = (rng.choice(nodes[-4:] + list(leaves)) for _ in range(3))
        out = EXPRESSIONS[rng.choice(names)](lib, a, b, c)
        scale = abs(float(out.data if isinstance(out, Value) else out.item()))
        if scale > 10.0:  # keep magnitudes tame, as the first-order oracle does
            out = out * (1.0 / scale)
        nodes.append(out)
    tail = nodes[len(leaves):]
    return sum_values(tail) if lib is OURS else torch.stack(tail).sum()


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10**6), size=st.integers(2, 12), xs=st.lists(st.floats(-1.5, 1.5).filter(lambda x: abs(x) > 1e-3), min_size=2, max_size=3))
def test_random_compositions_hessians_match_torch(seed, size, xs):
    """(Inputs exactly 0 are left out: there PyTorch's pow backward masks ∂/∂a of a ** b with
    ``where(b == 0, 0, …)``, which drops the mixed partial ∂²(a^b)/∂a∂b = a^(b−1) at b = 0 and makes its
    Hessian asymmetric; ours keeps it.)"""
    mine = [Value(x) for x in xs]
    H = hessian(random_composition(OURS, mine, seed, size), mine)
    leaves = [t(x) for x in xs]
    first = torch_grads(random_composition(THEIRS, leaves, seed, size), leaves, create_graph=True)
    for i, g in enumerate(first):
        row = torch_grads(g, leaves, create_graph=False)
        for j, r in enumerate(row):
            close(H[i][j], r.item(), f"H[{i}][{j}] seed {seed}")
            close(H[i][j], H[j][i], "symmetry")


def test_mlp_loss_second_derivatives_match_torch():
    """A 3-4-4-2 nn.MLP (tanh, sigmoid, linear), squared error on three points: the Hessian over some
    weights, and the gradient penalty Σ(∂L/∂x)² back-propagated to every weight."""
    from nn import MLP

    rng = random.Random(7)
    sizes = [4, 4, 2]
    W, B, nin = [], [], 3
    for nout in sizes:
        W.append([[rng.uniform(-1, 1) for _ in range(nin)] for _ in range(nout)])
        B.append([rng.uniform(-0.5, 0.5) for _ in range(nout)])
        nin = nout
    X = [[rng.uniform(-1, 1) for _ in range(3)] for _ in range(3)]
    Y = [[rng.uniform(-1, 1) for _ in range(2)] for _ in range(3)]
    acts = ["tanh", "sigmoid", "linear"]

    model = MLP(3, sizes, activation=acts, weights=W, biases=B)
    params = model.parameters()
    xs = [[Value(v) for v in row] for row in X]
    loss = sum_values([(o - y) ** 2 for row, ys in zip(xs, Y) for o, y in zip(model(row), ys)])
    some = params[:5] + params[-4:]
    H = hessian(loss, some)
    input_grads = grad(loss, [v for row in xs for v in row], create_graph=True)
    penalty = sum_values([g * g for g in input_grads])
    penalty.backward()

    tW = [[[t(w) for w in row] for row in Wl] for Wl in W]
    tB = [[t(b) for b in Bl] for Bl in B]
    tparams = [p for Wl, Bl in zip(tW, tB) for p in [w for row in Wl for w in row] + Bl]  # nn's order: a layer's weights, then its biases
    assert len(tparams) == len(params)
    tX = [[t(v) for v in row] for row in X]

    def forward(row):
        h = row
        for k, (Wl, Bl) in enumerate(zip(tW, tB)):
            nets = [sum((w * x for w, x in zip(wr, h)), torch.zeros((), dtype=torch.float64)) + b for wr, b in zip(Wl, Bl)]
            h = [getattr(torch, acts[k])(n) if acts[k] != "linear" else n for n in nets]
        return h

    tloss = sum((o - y) ** 2 for row, ys in zip(tX, Y) for o, y in zip(forward(row), ys))
    assert math.isclose(loss.data, tloss.item(), rel_tol=1e-13)
    tsome = tparams[:5] + tparams[-4:]
    first = torch.autograd.grad(tloss, tsome, create_graph=True)
    for i, g in enumerate(first):
        for j, r in enumerate(torch_grads(g, tsome, create_graph=False)):
            close(H[i][j], r.item(), f"MLP H[{i}][{j}]")
    tin = torch.autograd.grad(tloss, [v for row in tX for v in row], create_graph=True)
    tpenalty = sum(g * g for g in tin)
    tpenalty.backward()
    assert math.isclose(penalty.data, tpenalty.item(), rel_tol=REL)
    for p, tp in zip(params, tparams):
        close(p.grad, tp.grad.item() if tp.grad is not None else 0.0, f"penalty gradient of {p.label}")
