"""PyTorch's autograd as an oracle: random graphs of the shared expressions (tests/expressions.py), both engines, float64.

Values and every leaf gradient must agree to 1e-12 relative. torch is an optional test dependency
(the README's test command installs it); without it these tests are skipped with a printed reason.
"""

import math
import random

import pytest
from expressions import EXPRESSIONS, ours, torch_lib

from autograd_mini import Value, sum_values

torch = pytest.importorskip("torch", reason="PyTorch is not installed: pip install torch==2.13.0 to run the oracle tests")
pytestmark = pytest.mark.oracle

OPS = sorted(EXPRESSIONS)  # the table shared with the property tests (tests/expressions.py)


def build(engine: str, xs: list[float], seed: int, size: int):
    """A random graph of `size` expressions from the shared table, in either engine, same choices."""
    rng = random.Random(seed)
    lib = torch_lib() if engine == "torch" else ours()
    if engine == "torch":
        leaves = [torch.tensor(x, dtype=torch.float64, requires_grad=True) for x in xs]
    else:
        leaves = [Value(x) for x in xs]
    nodes = list(leaves)
    for _ in range(size):
        op = rng.choice(OPS)
        a, b, c = (rng.choice(nodes[-6:] + leaves) for _ in range(3))
        out = EXPRESSIONS[op](lib, a, b, c)
        while abs(float(out.data if engine != "torch" else out.item())) > 100.0:  # keep magnitudes tame
            out = out * 0.01
        nodes.append(out)
    tail = nodes[len(leaves):]
    root = torch.stack(tail).sum() if engine == "torch" else sum_values(tail)
    return leaves, root


@pytest.mark.parametrize("seed", range(60))
def test_random_graphs_match_torch(seed):
    rng = random.Random(1000 + seed)
    xs = [rng.uniform(-2.0, 2.0) for _ in range(rng.randint(1, 5))]
    size = rng.randint(5, 40)
    ours_leaves, ours = build("ours", xs, seed, size)
    torch_leaves, theirs = build("torch", xs, seed, size)
    ours.backward()
    theirs.backward()
    assert math.isclose(ours.data, theirs.item(), rel_tol=1e-12, abs_tol=1e-300)
    for mine, ref in zip(ours_leaves, torch_leaves):
        expected = ref.grad.item() if ref.grad is not None else 0.0
        assert math.isclose(mine.grad, expected, rel_tol=1e-12, abs_tol=1e-13), (mine.grad, expected)


def test_micrograd_readme_expression_matches_torch_twice():
    def expr(a, b, relu):
        c = a + b
        d = a * b + b**3
        c = c + c + 1
        c = c + 1 + c + (-a)
        d = d + d * 2 + relu(b + a)
        d = d + 3 * d + relu(b - a)
        e = c - d
        f = e**2
        g = f / 2.0
        return g + 10.0 / f

    a, b = Value(-4.0), Value(2.0)
    ta = torch.tensor(-4.0, dtype=torch.float64, requires_grad=True)
    tb = torch.tensor(2.0, dtype=torch.float64, requires_grad=True)
    g, tg = expr(a, b, Value.relu), expr(ta, tb, torch.relu)
    for _ in range(2):  # leaf gradients accumulate in both engines
        g.backward()
        tg.backward(retain_graph=True)
        assert math.isclose(a.grad, ta.grad.item(), rel_tol=1e-12) and math.isclose(b.grad, tb.grad.item(), rel_tol=1e-12)
