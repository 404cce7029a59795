"""Gradient checking: backprop's gradients against a two-sided numerical estimate (lecture 001).

For each parameter θ_i, nudge it both ways and watch the cost::

    ∂J/∂θ_i ≈ ( J(θ_1, …, θ_i + ε, …, θ_n) − J(θ_1, …, θ_i − ε, …, θ_n) ) / 2ε

then compare the vector of estimates n with backprop's gradient g by the relative difference
‖g − n‖ / ‖g + n‖ (Euclidean norms): about 1e-10 when backprop is right, around 1 when a derivative
is wrong. When the gradient itself is 0 (a minimum, or a parameter J does not depend on) that ratio
is rounding noise over noise, so an absolute difference ‖g − n‖ ≤ 1e-8 passes too.

    from autograd_mini.numerical import gradcheck
    result = gradcheck(lambda: quadratic_cost(model(x), y), model)
    print(result)                 # the per-parameter table and the verdict
    assert result.ok

It is SLOW: 2n evaluations of J for n parameters, where one backward pass gives all n gradients at
the cost of about one evaluation. As the lecture notes, it is a check of backprop, run once or for a
few iterations, never a way to train. Near a kink (relu at 0) the estimate straddles it and disagrees.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

from autograd_mini import validate
from autograd_mini.engine import Value, topological_order

__all__ = ["central_difference", "numerical_gradient", "gradcheck", "GradCheckResult", "GradCheckRow"]


def central_difference(f: Callable[..., float], *vals: float, arg: int = 0, epsilon: float = 1e-6) -> float:
    """``∂f/∂vals[arg] ≈ (f(…, x + ε, …) − f(…, x − ε, …)) / 2ε`` for a function of plain floats."""
    where = "central_difference"
    validate.function(f, where, "f")
    xs = [validate.real(v, where, f"vals[{i}]") for i, v in enumerate(vals)]
    if not xs:
        raise ValueError(f"{where}: give the point: central_difference(f, x, y, …, arg=0)")
    i = validate.integer(arg, where, f"arg (f gets {len(xs)} values, so arg=0 … {len(xs) - 1})", low=0, high=len(xs) - 1)
    eps = _check_epsilon(epsilon, where)
    up, down = list(xs), list(xs)
    up[i] += eps
    down[i] -= eps
    return _finite((_number(f(*up), where) - _number(f(*down), where)) / (2.0 * eps), where)


def _check_epsilon(epsilon: object, where: str) -> float:
    return validate.positive(epsilon, where, "epsilon (ε, a small positive number such as 1e-6)")


def _number(J: object, where: str) -> float:
    """A cost's value: a Value's data, or a real number."""
    if isinstance(J, Value):
        return J.data
    return validate.real(J, where, "the cost f()", finite=False)


def _finite(x: float, where: str) -> float:
    if not -math.inf < x < math.inf:
        raise OverflowError(f"{where}: the numerical estimate is {x!r}: the cost changed by more than a float holds "
                            "across ±ε (or is nan there); use a smaller epsilon or check the cost")
    return x


def _cost(f: Callable[[], Any], where: str) -> Value:
    J = f()
    if not isinstance(J, Value):
        raise TypeError(f"{where}: the cost function must return a Value (the cost J), got {type(J).__name__}: {J!r}")
    return J


def _named(params: Any, J: Value | None, where: str) -> list[tuple[str, Value]]:
    """``(name, parameter)`` pairs from a model, a {name: Value} dict, Values, or (None) J's leaves."""
    if params is None:
        if J is None:
            raise ValueError(f"{where}: pass the parameters to perturb")
        leaves = [v for v in topological_order(J) if not v.children and v.role != "constant"]
        pairs = [(v.label or f"θ{i + 1}", v) for i, v in enumerate(leaves)]
    elif hasattr(params, "named_parameters"):
        seen: set[int] = set()
        pairs = []
        for name, p in params.named_parameters():
            if id(p) not in seen:
                seen.add(id(p))
                pairs.append((p.label or name, p))
    elif isinstance(params, Mapping):
        pairs = list(params.items())
    else:
        if not isinstance(params, Value) and (isinstance(params, (str, bytes)) or not hasattr(params, "__iter__")):
            raise TypeError(f"{where}: params must be a model, a {{name: Value}} dict, a list of Values or None, "
                            f"got {validate.shown(params)}")
        items = [params] if isinstance(params, Value) else list(params)
        pairs = [(p.label if isinstance(p, Value) and p.label else f"θ{i + 1}", p) for i, p in enumerate(items)]
    if not pairs:
        raise ValueError(f"{where}: no parameters to check")
    for name, p in pairs:
        if not isinstance(p, Value):
            raise TypeError(f"{where}: parameter {name} must be a Value, got {validate.shown(p)}")
        if p.children:
            raise ValueError(
                f"{where}: {name} was computed by an operation ({p.op!r}); only leaves (weights, inputs) can be "
                "nudged, because the cost function recomputes everything else"
            )
    return pairs


def numerical_gradient(f: Callable[[], Value | float], params: Iterable[Value] | Any, epsilon: float = 1e-6) -> list[float]:
    """The two-sided estimate (J(θ + ε) − J(θ − ε)) / 2ε for each parameter, in order.

    ``f`` takes no arguments and recomputes J from the parameters' current ``data`` (a closure running
    the forward pass). Each parameter is restored exactly afterwards.
    """
    where = "numerical_gradient"
    validate.function(f, where, "f")
    return _estimates(f, _named(params, None, where), _check_epsilon(epsilon, where), where)


def _estimates(f: Callable[[], Value | float], pairs: list[tuple[str, Value]], eps: float, where: str) -> list[float]:
    """The two-sided estimate for each parameter of ``pairs``; errors name ``where`` (the public call)."""
    estimates = []
    for _, p in pairs:
        x = p.data
        try:
            p.data = x + eps
            up = _number(f(), where)
            p.data = x - eps
            down = _number(f(), where)
        finally:
            p.data = x
        estimates.append(_finite((up - down) / (2.0 * eps), where))
    return estimates


@dataclass
class GradCheckRow:
    """One parameter's line of the table: its value, backprop's ∂J/∂θ and the numerical estimate."""

    name: str
    value: float
    backprop: float
    numerical: float

    @property
    def difference(self) -> float:
        """|g − n|"""
        return abs(self.backprop - self.numerical)

    @property
    def relative(self) -> float:
        """|g − n| / (|g| + |n|), 0 when both are 0."""
        scale = abs(self.backprop) + abs(self.numerical)
        return self.difference / scale if scale > 0 else 0.0


@dataclass
class GradCheckResult:
    """The outcome of `gradcheck`: a row per parameter and the overall relative difference."""

    rows: list[GradCheckRow]
    relative_difference: float
    tolerance: float
    epsilon: float
    evaluations: int = field(default=0)
    absolute_difference: float = field(default=0.0)
    atol: float = field(default=1e-8)
    source: str = field(default="backprop")  # what g is: "backprop", or "given" gradients

    @property
    def ok(self) -> bool:
        """True when ‖g − n‖ / ‖g + n‖ ≤ tolerance, or ‖g − n‖ ≤ atol (a zero gradient)."""
        return self.relative_difference <= self.tolerance or self.absolute_difference <= self.atol

    @property
    def verdict(self) -> str:
        n = len(self.rows)
        who, agree, disagree = (("backprop", "agrees", "disagrees") if self.source == "backprop"
                                else ("the given gradients", "agree", "disagree"))
        stats = f"ε = {self.epsilon:g}, {n} parameter{'s' * (n != 1)}, {self.evaluations} cost evaluations"
        if self.relative_difference > self.tolerance and self.ok:
            return (f"PASS: {who} {agree} with the numerical estimate: ‖g − n‖ = {self.absolute_difference:.3g} "
                    f"≤ {self.atol:g} (the gradient is ~0, so the relative difference is noise; {stats})")
        if self.ok:
            return (f"PASS: {who} {agree} with the numerical estimate: ‖g − n‖/‖g + n‖ = "
                    f"{self.relative_difference:.3g} ≤ {self.tolerance:g} ({stats})")
        worst = sorted(self.rows, key=lambda r: r.relative, reverse=True)[:3]
        names = ", ".join(f"{r.name} ({self.source} {r.backprop:.10g}, numerical {r.numerical:.10g})" for r in worst)
        return (f"FAIL: {who} {disagree} with the numerical estimate: ‖g − n‖/‖g + n‖ = "
                f"{self.relative_difference:.3g} > {self.tolerance:g} ({stats}); worst: {names}")

    def table(self) -> str:
        """The per-parameter table, one row per parameter."""
        width = max([9] + [len(r.name) for r in self.rows])
        head = f"{'parameter':<{width}}  {'value':>14}  {self.source:>16}  {'numerical':>16}  {'|g − n|':>9}  {'relative':>9}"
        lines = [head, "-" * len(head)]
        for r in self.rows:
            flag = "  <-- differs" if r.relative > self.tolerance and r.difference > self.atol else ""
            lines.append(f"{r.name:<{width}}  {r.value:>14.8g}  {r.backprop:>16.10g}  {r.numerical:>16.10g}  "
                         f"{r.difference:>9.2e}  {r.relative:>9.2e}{flag}")
        return "\n".join(lines)

    def assert_ok(self) -> None:
        """Raise AssertionError with the table and verdict unless the check passed (for tests)."""
        if not self.ok:
            raise AssertionError(f"{self.verdict}\n{self.table()}")

    def __str__(self) -> str:
        return f"{self.table()}\n{self.verdict}"


def gradcheck(f: Callable[[], Value], params: Any = None, *, epsilon: float = 1e-6,
              tolerance: float = 1e-6, atol: float = 1e-8, gradients: Iterable[float] | None = None) -> GradCheckResult:
    """Compare backprop's gradient of ``J = f()`` with the two-sided numerical estimate.

    Args:
        f: a function of no arguments returning the cost J as a `Value`, recomputed from the
            parameters' current ``data`` each call: ``lambda: quadratic_cost(model(x), y)``.
        params: what to check: a model (its ``named_parameters()``), a ``{name: Value}`` dict, a list
            of Values (a chosen subset), or None for every leaf of J's graph that is not a constant.
        epsilon: the nudge ε (1e-6: small enough for the O(ε²) error, large enough for rounding).
        tolerance: the largest ‖g − n‖/‖g + n‖ that passes.
        atol: an absolute ‖g − n‖ that passes anyway (for a gradient that is 0).
        gradients: the gradients g to check, one per parameter in order (e.g. derived by hand or
            in matrix form); default: backprop's, from ``f().backward()``.

    Every parameter's ``data`` and every leaf's ``grad`` are left as they were, and so is any graph
    ``f`` caches: the last evaluation is at the original parameters (and, when J was back-propagated
    here, its graph is back-propagated the same way, leaf gradients restored), so an object that keeps
    the graph of its last forward pass (``mazur().node("out_o1")``) shows the original numbers, not
    those at the last nudge. Costs 2n + 2 evaluations of J and two backward passes: a check, not a
    training path.
    """
    where = "gradcheck"
    validate.function(f, where, "f (a function of no arguments returning the cost J)")
    epsilon = _check_epsilon(epsilon, where)
    tolerance = validate.positive(tolerance, where, "tolerance (such as 1e-6)")
    atol = validate.non_negative(atol, where, "atol (such as 1e-8)")
    J = _cost(f, where)
    pairs = _named(params, J, where)
    if gradients is not None:
        backprop = _given(gradients, len(pairs), where)
    else:
        backprop = _backprop(J, pairs)

    def again() -> Value:
        J2 = _cost(f, where)
        if J2 is J:
            raise ValueError(f"{where}: f returned the same node twice; it must recompute J from the parameters "
                             "(run the forward pass inside f), or every nudge is invisible")
        return J2

    numerical = _estimates(again, pairs, epsilon, where)
    J_end = again()  # at the original parameters: a cached graph is the original one again
    if gradients is None:
        _backprop(J_end, pairs)  # the same grads on its inner nodes as J had; leaves restored
    rows = [GradCheckRow(name, p.data, g, n) for (name, p), g, n in zip(pairs, backprop, numerical)]
    diff = math.sqrt(sum((g - n) ** 2 for g, n in zip(backprop, numerical)))
    total = math.sqrt(sum((g + n) ** 2 for g, n in zip(backprop, numerical)))
    rel = diff / total if total > 0 else (0.0 if diff == 0 else math.inf)
    return GradCheckResult(rows, rel, float(tolerance), float(epsilon), evaluations=2 * len(pairs) + 2,
                           absolute_difference=diff, atol=float(atol),
                           source="backprop" if gradients is None else "given")


def _given(gradients: Iterable[float], n: int, where: str) -> list[float]:
    if not isinstance(gradients, (str, bytes, Sequence)) and not hasattr(gradients, "ndim") and hasattr(gradients, "__iter__"):
        gradients = list(gradients)  # a generator of gradients
    values = validate.numbers_list(gradients, where, "gradients")
    if len(values) != n:
        raise ValueError(f"{where}: {len(values)} gradients given for {n} parameters; give one per parameter, in order")
    return values


def _backprop(J: Value, pairs: list[tuple[str, Value]]) -> list[float]:
    """∂J/∂p for each parameter by one backward pass, leaving every leaf's grad as it was."""
    leaves = [v for v in topological_order(J) if not v.children]
    saved = {id(v): v.grad for v in leaves} | {id(p): p.grad for _, p in pairs}
    for _, p in pairs:
        p.grad = 0.0
    for v in leaves:
        v.grad = 0.0
    try:
        J.backward()
        backprop = [p.grad for _, p in pairs]
    finally:
        for v in leaves:
            v.grad = saved[id(v)]
        for _, p in pairs:
            p.grad = saved[id(p)]
    return backprop
