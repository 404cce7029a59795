"""Cost functions J: how far a network's outputs ŷ are from the targets y, as a `Value` to back-propagate.

Lecture 000 names four: the quadratic cost (sum of squared errors), cross-entropy, the exponential
cost and the Hellinger distance; lecture 001 writes the multi-class cross-entropy J(Θ). Each function
takes ONE example's outputs (a list of Values, e.g. ``model(x)``, or a single Value) and its targets
(numbers), and returns the cost as a Value; `logistic_cost` averages over a batch of m examples.

    out = model([0.05, 0.10])
    E_total = quadratic_cost(out, [0.01, 0.99])      # Σ ½(y − ŷ)², Mazur's E_total
    E_total.backward()

Bad input raises at once, naming the function and what was wrong: outputs and targets of different
lengths, an empty list, a string or None where numbers belong, a probability outside [0, 1].
"""

from __future__ import annotations

import math
import numbers
from typing import Sequence, Union

from autograd_mini.engine import Value, sum_values

__all__ = [
    "quadratic_cost", "mse_loss", "binary_cross_entropy", "binary_cross_entropy_with_logits", "logistic_cost",
    "softmax", "log_softmax", "logsumexp", "cross_entropy", "categorical_cross_entropy", "exponential_cost",
    "hellinger_distance",
]

Scalar = Union[Value, int, float]
Outputs = Union[Scalar, Sequence[Scalar]]
Targets = Union[int, float, Sequence[float]]
REDUCTIONS = ("sum", "mean", "none")
PROBABILITY_SUM_TOLERANCE = 1e-6


# ---------------------------------------------------------------- input checks
def _is_number(x: object) -> bool:
    return isinstance(x, numbers.Real) and not isinstance(x, bool)


def _items(x: object, what: str, fn: str) -> list:
    """``x`` as a list: a single Value or number becomes a one-element list."""
    if isinstance(x, Value) or _is_number(x):
        return [x]
    if isinstance(x, (str, bytes, dict)) or not hasattr(x, "__iter__"):
        raise TypeError(f"{fn}: {what} must be a Value, a number or a list of them, got {type(x).__name__}: {x!r}")
    items = list(x)
    if not items:
        raise ValueError(f"{fn}: no {what} given (an empty list); pass at least one")
    return items


def _outputs(outputs: object, fn: str) -> list[Value]:
    """The outputs ŷ as Values (numbers become constant leaves)."""
    out = []
    for k, o in enumerate(_items(outputs, "outputs", fn)):
        if isinstance(o, Value):
            out.append(o)
        elif _is_number(o) and math.isfinite(o):
            out.append(Value(float(o), role="constant"))
        else:
            raise TypeError(f"{fn}: output {k} must be a Value or a finite number, got {type(o).__name__}: {o!r}")
    return out


def _targets(targets: object, n: int, fn: str) -> list[float]:
    """The targets y as floats, one per output (a Value target is read as the constant it holds)."""
    ys = []
    for k, y in enumerate(_items(targets, "targets", fn)):
        if isinstance(y, Value):
            y = y.data
        if not _is_number(y) or not math.isfinite(y):
            raise TypeError(f"{fn}: target {k} must be a finite number, got {type(y).__name__}: {y!r}")
        ys.append(float(y))
    if len(ys) != n:
        raise ValueError(f"{fn}: {n} outputs but {len(ys)} targets; give exactly one target per output")
    return ys


def _pairs(outputs: object, targets: object, fn: str) -> tuple[list[Value], list[float]]:
    outs = _outputs(outputs, fn)
    return outs, _targets(targets, len(outs), fn)


def _check_range(values: Sequence[float], low: float, high: float, what: str, fn: str, hint: str = "") -> None:
    for k, v in enumerate(values):
        if not low <= v <= high:
            raise ValueError(f"{fn}: {what} {k} is {v!r}, outside [{low:g}, {high:g}]{hint}")


def _reduce(terms: list[Value], reduction: str, fn: str, label: str) -> Value | list[Value]:
    if reduction == "none":
        return terms
    if reduction not in REDUCTIONS:
        raise ValueError(f"{fn}: reduction must be one of {list(REDUCTIONS)}, got {reduction!r}")
    total = sum_values(terms, label)
    if reduction == "mean" and len(terms) > 1:
        total = total / len(terms)
        total.label = label
    return total


def _term_label(output: Value, k: int) -> str:
    """``E_o1`` for the output labelled ``out_o1`` (Mazur's names), else ``E_1``."""
    name = output.label
    return "E_" + name[4:] if name.startswith("out_") else f"E_{k + 1}"


# ---------------------------------------------------------------- quadratic cost
def quadratic_cost(outputs: Outputs, targets: Targets, reduction: str = "sum") -> Value | list[Value]:
    """The quadratic cost (sum of squared errors) of lecture 000 and Mazur's E_total::

        J = Σ_k ½·(y_k − ŷ_k)²          ∂J/∂ŷ_k = −(y_k − ŷ_k)

    ``reduction="mean"`` divides by the number of outputs K; ``"none"`` returns the list of terms
    E_k = ½(y_k − ŷ_k)² (labelled ``E_o1``… after outputs labelled ``out_o1``…).
    """
    fn = "quadratic_cost"
    outs, ys = _pairs(outputs, targets, fn)
    terms = []
    for k, (o, y) in enumerate(zip(outs, ys)):
        e = 0.5 * (y - o) ** 2
        e.label = _term_label(o, k)
        terms.append(e)
    return _reduce(terms, reduction, fn, "E_total" if reduction == "sum" else "J")


def mse_loss(outputs: Outputs, targets: Targets, reduction: str = "mean") -> Value | list[Value]:
    """PyTorch's ``mse_loss``: ``(1/K)·Σ_k (ŷ_k − y_k)²`` (no ½; ``reduction="sum"`` drops the 1/K).

    Twice `quadratic_cost` with ``reduction="mean"``; offered under PyTorch's name and convention.
    """
    fn = "mse_loss"
    outs, ys = _pairs(outputs, targets, fn)
    return _reduce([(o - y) ** 2 for o, y in zip(outs, ys)], reduction, fn, "J")


# ---------------------------------------------------------------- binary cross-entropy
def binary_cross_entropy(probabilities: Outputs, targets: Targets, reduction: str = "sum") -> Value | list[Value]:
    """Cross-entropy of K independent yes/no outputs h_k = P(y_k = 1) (sigmoid outputs)::

        J = −Σ_k [ y_k·log h_k + (1 − y_k)·log(1 − h_k) ]          ∂J/∂h_k = (h_k − y_k) / (h_k(1 − h_k))

    This is one example's term of lecture 001's J(Θ) (see `logistic_cost`). Outputs and targets must
    lie in [0, 1]. A term whose coefficient is 0 is left out (y·log h with y = 0 is 0 even at h = 0),
    so h = 0 or 1 is fine when the target agrees; when it does not, the cost is infinite and a
    ValueError says so: use `binary_cross_entropy_with_logits` on the net input instead, which never
    saturates. PyTorch defaults to ``reduction="mean"``; here the lectures' Σ is the default.
    """
    fn = "binary_cross_entropy"
    hs, ys = _pairs(probabilities, targets, fn)
    _check_range([h.data for h in hs], 0.0, 1.0, "output", fn, "; pass probabilities (e.g. sigmoid outputs) or use binary_cross_entropy_with_logits")
    _check_range(ys, 0.0, 1.0, "target", fn)
    terms = []
    for k, (h, y) in enumerate(zip(hs, ys)):
        parts = []
        for coeff, arg, side in ((y, h, "h"), (1.0 - y, 1.0 - h, "1 − h")):
            if coeff == 0.0:
                continue
            if arg.data == 0.0:
                raise ValueError(
                    f"{fn}: output {k} is h = {h.data!r} with target {y!r}, so log({side}) = log 0 and the cost is "
                    "infinite; the sigmoid saturated: compute the cost from the net input with "
                    "binary_cross_entropy_with_logits, which stays finite"
                )
            parts.append(coeff * arg.log())
        term = -sum_values(parts)
        term.label = _term_label(h, k)
        terms.append(term)
    return _reduce(terms, reduction, fn, "J")


def binary_cross_entropy_with_logits(logits: Outputs, targets: Targets, reduction: str = "sum") -> Value | list[Value]:
    """`binary_cross_entropy` of h_k = σ(z_k), computed from the logits z_k in a form that cannot overflow::

        J = Σ_k [ softplus(z_k) − y_k·z_k ],   softplus(z) = log(1 + e^z) = max(z, 0) + log(1 + e^(−|z|))

        ∂J/∂z_k = σ(z_k) − y_k

    Finite for every finite z (σ(40) rounds to 1.0, but log(1 + e^(−40)) does not): prefer it to
    sigmoid-then-`binary_cross_entropy` when training. Targets must lie in [0, 1].
    """
    fn = "binary_cross_entropy_with_logits"
    zs, ys = _pairs(logits, targets, fn)
    _check_range(ys, 0.0, 1.0, "target", fn)
    terms = []
    for k, (z, y) in enumerate(zip(zs, ys)):
        if z.data >= 0.0:  # z + log(1 + e^(−z)) − y·z
            term = (1.0 - y) * z + (1.0 + (-z).exp()).log()
        else:  # log(1 + e^z) − y·z
            term = (1.0 + z.exp()).log() - y * z
        term.label = _term_label(z, k)
        terms.append(term)
    return _reduce(terms, reduction, fn, "J")


def logistic_cost(outputs: Sequence[Outputs], targets: Sequence[Targets]) -> Value:
    """Lecture 001's cost for a batch of m examples with K sigmoid outputs each::

        J(Θ) = −(1/m) Σ_{i=1..m} Σ_{k=1..K} [ y_k^(i)·log h_Θ(x^(i))_k + (1 − y_k^(i))·log(1 − h_Θ(x^(i))_k) ]

    ``outputs[i]`` is h_Θ(x^(i)) (e.g. ``model(x_i)``) and ``targets[i]`` is y^(i); each example's inner
    sum is `binary_cross_entropy`, and J is their mean.
    """
    fn = "logistic_cost"
    outs = _batch(outputs, "outputs", fn)
    ys = _batch(targets, "targets", fn)
    if len(outs) != len(ys):
        raise ValueError(f"{fn}: {len(outs)} examples of outputs but {len(ys)} of targets; give one target vector per example")
    total = sum_values([binary_cross_entropy(h, y) for h, y in zip(outs, ys)])
    J = total / len(outs)
    J.label = "J(Θ)"
    return J


def _batch(x: object, what: str, fn: str) -> list:
    if isinstance(x, (str, bytes, dict, Value)) or _is_number(x) or not hasattr(x, "__iter__"):
        raise TypeError(f"{fn}: {what} must be a list with one entry per example, got {type(x).__name__}: {x!r}")
    items = list(x)
    if not items:
        raise ValueError(f"{fn}: an empty batch of {what}; J(Θ) averages over m ≥ 1 examples")
    return items


# ---------------------------------------------------------------- softmax and categorical cross-entropy
def logsumexp(values: Outputs) -> Value:
    """``log Σ_k e^(z_k)``, computed as ``m + log Σ_k e^(z_k − m)`` with m = max z, so no e^z overflows.

    m is a constant in the graph; this is exact, since log Σ e^z = m + log Σ e^(z − m) for any m.
    ∂/∂z_k = softmax(z)_k.
    """
    zs = _outputs(values, "logsumexp")
    m = max(z.data for z in zs)
    out = sum_values([(z - m).exp() for z in zs]).log() + m
    out.label = "logsumexp"
    return out


def log_softmax(logits: Outputs) -> list[Value]:
    """``log softmax(z)_k = z_k − log Σ_j e^(z_j)``, stable for any finite logits."""
    zs = _outputs(logits, "log_softmax")
    lse = logsumexp(zs)
    return [z - lse for z in zs]


def softmax(logits: Outputs) -> list[Value]:
    """``softmax(z)_k = e^(z_k) / Σ_j e^(z_j)``, computed with the maximum subtracted (never overflows);
    the outputs are positive and sum to 1. ∂softmax_k/∂z_j = s_k(δ_kj − s_j)."""
    zs = _outputs(logits, "softmax")
    m = max(z.data for z in zs)
    exps = [(z - m).exp() for z in zs]
    total = sum_values(exps)
    return [e / total for e in exps]


def _class_targets(target: object, K: int, fn: str) -> list[float]:
    """A class index (0 … K−1) as a one-hot vector, or a probability vector checked to be one."""
    if isinstance(target, numbers.Integral) and not isinstance(target, bool):
        if not 0 <= target < K:
            raise ValueError(f"{fn}: class index {target} is out of range for {K} classes (0 … {K - 1})")
        return [1.0 if k == target else 0.0 for k in range(K)]
    ys = _targets(target, K, fn)
    _check_range(ys, 0.0, 1.0, "target", fn)
    if abs(sum(ys) - 1.0) > PROBABILITY_SUM_TOLERANCE:
        raise ValueError(f"{fn}: the targets sum to {sum(ys)!r}, not 1; pass a class index or a probability vector (one-hot)")
    return ys


def cross_entropy(logits: Outputs, target: int | Sequence[float]) -> Value:
    """Categorical cross-entropy from logits (PyTorch's ``cross_entropy``), for one example::

        J = −Σ_k y_k·log softmax(z)_k = logsumexp(z) − Σ_k y_k·z_k         ∂J/∂z_k = softmax(z)_k − y_k

    ``target`` is a class index (0-based, as in PyTorch) or a probability vector over the K classes.
    Stable for any finite logits (see `logsumexp`).
    """
    fn = "cross_entropy"
    zs = _outputs(logits, fn)
    ys = _class_targets(target, len(zs), fn)
    lse = logsumexp(zs)
    J = sum_values([y * (lse - z) for y, z in zip(ys, zs) if y != 0.0])
    J.label = "J"
    return J


def categorical_cross_entropy(probabilities: Outputs, target: int | Sequence[float]) -> Value:
    """Categorical cross-entropy from probabilities (softmax outputs), for one example::

        J = −Σ_k y_k·log p_k

    The p_k must lie in [0, 1] and sum to 1 (within 1e-6). Terms with y_k = 0 are left out, so p_k = 0
    is fine there; p_k = 0 where y_k > 0 makes J infinite and raises a ValueError (use `cross_entropy`
    on the logits instead, which is also the more accurate route).
    """
    fn = "categorical_cross_entropy"
    ps = _outputs(probabilities, fn)
    _check_range([p.data for p in ps], 0.0, 1.0, "output", fn, "; pass softmax outputs or use cross_entropy on logits")
    total = sum(p.data for p in ps)
    if abs(total - 1.0) > PROBABILITY_SUM_TOLERANCE:
        raise ValueError(f"{fn}: the outputs sum to {total!r}, not 1; apply softmax first, or use cross_entropy on logits")
    ys = _class_targets(target, len(ps), fn)
    parts = []
    for k, (p, y) in enumerate(zip(ps, ys)):
        if y == 0.0:
            continue
        if p.data == 0.0:
            raise ValueError(f"{fn}: output {k} is p = 0 but its target is {y!r}: log 0, an infinite cost; use cross_entropy on the logits")
        parts.append(y * p.log())
    J = -sum_values(parts)
    J.label = "J"
    return J


# ---------------------------------------------------------------- exponential cost and Hellinger distance
def exponential_cost(outputs: Outputs, targets: Targets, tau: float = 1.0) -> Value:
    """The exponential cost with temperature τ > 0::

        J = τ·exp( (1/τ)·Σ_k (ŷ_k − y_k)² )          ∂J/∂ŷ_k = 2(ŷ_k − y_k)·exp((1/τ)·Σ_j (ŷ_j − y_j)²)

    Large errors cost exponentially more; a small τ sharpens that. When the exponent passes ~709.78
    the engine raises OverflowError (raise τ or scale the targets).
    """
    fn = "exponential_cost"
    if not _is_number(tau) or not math.isfinite(tau) or tau <= 0:
        raise ValueError(f"{fn}: tau (τ) must be a positive finite number, got {tau!r}")
    outs, ys = _pairs(outputs, targets, fn)
    squared = sum_values([(o - y) ** 2 for o, y in zip(outs, ys)])
    J = tau * (squared / tau).exp()
    J.label = "J"
    return J


def hellinger_distance(outputs: Outputs, targets: Targets) -> Value:
    """The Hellinger distance cost between non-negative outputs and targets (e.g. two distributions)::

        J = (1/√2)·Σ_k (√ŷ_k − √y_k)²          ∂J/∂ŷ_k = (1/√2)·(1 − √y_k/√ŷ_k)

    This is the form listed among neural-network costs; it is √2·H², where H(P, Q) = (1/√2)·‖√P − √Q‖₂ is
    the Hellinger distance of probability theory, so minimising either is the same.

    √ŷ has an infinite slope at ŷ = 0 (the engine's sqrt raises there), so ŷ_k = 0 is handled:
    where y_k = 0 the term (√ŷ − 0)² is written as ŷ itself, exact and with slope 1/√2 everywhere;
    where y_k > 0 and ŷ_k = 0 the gradient really is −∞, and a ValueError says so (keep outputs
    positive, e.g. with softmax or sigmoid). Outputs and targets must be ≥ 0.
    """
    fn = "hellinger_distance"
    outs, ys = _pairs(outputs, targets, fn)
    _check_range([o.data for o in outs], 0.0, math.inf, "output", fn, "; the square root needs non-negative outputs (probabilities)")
    _check_range(ys, 0.0, math.inf, "target", fn)
    terms = []
    for k, (o, y) in enumerate(zip(outs, ys)):
        if y == 0.0:
            terms.append(o)  # (√ŷ − 0)² = ŷ
        elif o.data == 0.0:
            raise ValueError(
                f"{fn}: output {k} is 0 while its target is {y!r}; ∂/∂ŷ (√ŷ − √y)² = 1 − √y/√ŷ is −∞ there. "
                "Keep the outputs positive (softmax or sigmoid outputs are)"
            )
        else:
            terms.append((o.sqrt() - math.sqrt(y)) ** 2)
    J = sum_values(terms) * (1.0 / math.sqrt(2.0))
    J.label = "J"
    return J
