"""ONE table of expressions, shared by the property tests and the PyTorch oracle (minitorch style).

Each expression is ``f(lib, a, b, c)`` over three scalars of any engine whose values support
``+ - * / **``, unary ``-`` and the methods ``exp log sqrt tanh sigmoid relu sin cos`` (autograd-mini
`Value`s and torch tensors both do); ``lib`` supplies what is spelled differently (a sum node, a
dot node). Arguments are shifted away from kinks and singularities (``log(a·a + 0.1)``, a relu
whose kinks lie outside [−5, 5]), so every expression is smooth for every finite a, b, c.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable


@dataclass(frozen=True)
class Lib:
    """What each engine spells its own way."""

    sum: Callable[[list[Any]], Any]
    dot: Callable[[list[Any], list[Any], Any], Any]


Expression = Callable[[Lib, Any, Any, Any], Any]

EXPRESSIONS: dict[str, Expression] = {
    "add": lambda L, a, b, c: a + b,
    "radd": lambda L, a, b, c: 2.5 + a,
    "sub": lambda L, a, b, c: a - b,
    "rsub": lambda L, a, b, c: 1.5 - a,
    "mul": lambda L, a, b, c: a * b,
    "mul_constant": lambda L, a, b, c: a * -3.0,
    "div": lambda L, a, b, c: a / (b * b + 0.5),
    "rdiv": lambda L, a, b, c: 4.0 / (a * a + 1.0),
    "neg": lambda L, a, b, c: -a,
    "square": lambda L, a, b, c: a**2,
    "cube": lambda L, a, b, c: a**3,
    "pow_half": lambda L, a, b, c: (a * a + 0.25) ** 0.5,
    "pow_negative": lambda L, a, b, c: (a * a + 0.25) ** -1.5,
    "vpow": lambda L, a, b, c: (a * a + 0.5) ** (b * 0.25),
    "rpow": lambda L, a, b, c: 1.5 ** (a * 0.5),
    "exp": lambda L, a, b, c: (a * 0.3).exp(),
    "log": lambda L, a, b, c: (a * a + 0.1).log(),
    "sqrt": lambda L, a, b, c: (a * a + 0.2).sqrt(),
    "tanh": lambda L, a, b, c: a.tanh(),
    "sigmoid": lambda L, a, b, c: a.sigmoid(),
    "relu": lambda L, a, b, c: (a + 5.5).relu() + (a - 5.5).relu(),
    "sin": lambda L, a, b, c: (a * 1.3).sin(),
    "cos": lambda L, a, b, c: (a - b).cos(),
    "rdiv_value": lambda L, a, b, c: b / (a * a + 1.0),
    "vpow_mixed": lambda L, a, b, c: (a * a + 1.0) ** (b.sin()),
    "product_of_two": lambda L, a, b, c: (a * b).tanh() * (b - c).exp() * 0.5,
    "self_mul": lambda L, a, b, c: a * a,
    "self_add": lambda L, a, b, c: a + a,
    "sum": lambda L, a, b, c: L.sum([a, b, c]),
    "dot": lambda L, a, b, c: L.dot([a, c], [b, a], b),
}


def ours() -> Lib:
    """The autograd-mini spelling: one `sum_values` node, one `dot` node."""
    from autograd_mini import dot, sum_values

    return Lib(sum=sum_values, dot=dot)


def torch_lib() -> Lib:
    """PyTorch's spelling of the same sums (float64 scalar tensors)."""
    import torch

    return Lib(sum=lambda xs: torch.stack(xs).sum(), dot=lambda ws, xs, b: sum((w * x for w, x in zip(ws, xs)), b))
