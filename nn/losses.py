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
from typing import Any, Literal, Sequence, Union, get_args, overload

from autograd_mini import validate
from autograd_mini.engine import Value, sum_values

__all__ = [
    "quadratic_cost", "mse_loss", "binary_cross_entropy", "binary_cross_entropy_with_logits", "logistic_cost",
    "softmax", "log_softmax", "logsumexp", "cross_entropy", "categorical_cross_entropy", "exponential_cost",
    "hellinger_distance",
]

Scalar = Union[Value, int, float]
Outputs = Union[Scalar, Sequence[Scalar]]
Targets = Union[int, float, Sequence[float]]
#: ``"sum"`` and ``"mean"`` give one Value; ``"none"`` the list of terms.
Reduction = Literal["sum", "mean", "none"]
REDUCTIONS: tuple[Reduction, ...] = get_args(Reduction)
PROBABILITY_SUM_TOLERANCE = 1e-6


# ---------------------------------------------------------------- input checks and names
def _items(x: object, what: str, fn: str) -> list[Any]:
    """``x`` as a list: a single Value or number becomes a one-element list; numpy 1-D arrays are lists."""
    if isinstance(x, Value) or validate.is_real(x):
        return [x]
    items = validate.sequence(x, fn, what)
    if not items:
        raise ValueError(f"{fn}: no {what} given (an empty list); pass at least one")
    return items


def _outputs(outputs: object, fn: str) -> list[Value]:
    """The outputs ŷ as Values (numbers become constant leaves labelled ŷ_1, ŷ_2, …)."""
    return [o if isinstance(o, Value) else Value(validate.real(o, fn, f"output {k}"), f"ŷ_{k + 1}", role="constant")
            for k, o in enumerate(_items(outputs, "outputs", fn))]


def _targets(targets: object, n: int, fn: str) -> list[float]:
    """The targets y as floats, one per output (a Value target is read as the constant it holds)."""
    ys = [y.data if isinstance(y, Value) else validate.real(y, fn, f"target {k}")
          for k, y in enumerate(_items(targets, "targets", fn))]
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


def _name(output: Value, k: int) -> tuple[str, str]:
    """(the output's suffix, its name in labels): ``out_o1`` → ("o1", "out_o1") as in Mazur's post,
    ``net_o1`` → ("o1", "net_o1"), another label L → (L, L), none → ("1", "ŷ_1")."""
    label = output.label
    if label.startswith(("out_", "net_")) and len(label) > 4:
        return label[4:], label
    if label.startswith("ŷ_") and len(label) > 2:  # a number output, made a constant by `_outputs`
        return label[2:], label
    return (label, label) if label else (str(k + 1), f"ŷ_{k + 1}")


def _const(x: float, label: str) -> Value:
    """A labelled constant leaf (a target, ½, τ): every node a cost makes has a name."""
    return Value(x, label, role="constant")


def _named(v: Value, label: str) -> Value:
    v.label = label
    return v


def _reduce(terms: list[Value], reduction: object, fn: str, label: str) -> Value | list[Value]:
    reduction = validate.choice(reduction, REDUCTIONS, fn, "reduction")
    if reduction == "none":
        return terms
    if reduction == "mean" and len(terms) > 1:
        return _named(sum_values(terms, "Σ " + label) / _const(float(len(terms)), "K"), label)
    return sum_values(terms, label)


# ---------------------------------------------------------------- quadratic cost
@overload
def quadratic_cost(outputs: Outputs, targets: Targets, reduction: Literal["sum", "mean"] = ...) -> Value: ...
@overload
def quadratic_cost(outputs: Outputs, targets: Targets, reduction: Literal["none"]) -> list[Value]: ...
@overload
def quadratic_cost(outputs: Outputs, targets: Targets, reduction: str) -> Value | list[Value]: ...
def quadratic_cost(outputs: Outputs, targets: Targets, reduction: str = "sum") -> Value | list[Value]:
    """The quadratic cost (sum of squared errors) of lecture 000 and Mazur's E_total::

        J = Σ_k ½·(y_k − ŷ_k)²          ∂J/∂ŷ_k = −(y_k − ŷ_k)

    ``reduction="mean"`` divides by the number of outputs K; ``"none"`` returns the list of terms
    E_k = ½(y_k − ŷ_k)² (labelled ``E_o1``… after outputs labelled ``out_o1``…).
    """
    fn = "quadratic_cost"
    reduction = validate.choice(reduction, REDUCTIONS, fn, "reduction")  # first: an array here must not reach `==`
    outs, ys = _pairs(outputs, targets, fn)
    terms = []
    for k, (o, y) in enumerate(zip(outs, ys)):
        s, out = _name(o, k)  # the post's labels: target_o1, target_o1 − out_o1, (target_o1 − out_o1)², ½, E_o1
        diff = _named(_const(y, f"target_{s}") - o, f"target_{s} − {out}")
        terms.append(_named(_const(0.5, "½") * _named(diff ** 2, f"({diff.label})²"), f"E_{s}"))
    return _reduce(terms, reduction, fn, "E_total" if reduction == "sum" else "J")


@overload
def mse_loss(outputs: Outputs, targets: Targets, reduction: Literal["sum", "mean"] = ...) -> Value: ...
@overload
def mse_loss(outputs: Outputs, targets: Targets, reduction: Literal["none"]) -> list[Value]: ...
@overload
def mse_loss(outputs: Outputs, targets: Targets, reduction: str) -> Value | list[Value]: ...
def mse_loss(outputs: Outputs, targets: Targets, reduction: str = "mean") -> Value | list[Value]:
    """PyTorch's ``mse_loss``: ``(1/K)·Σ_k (ŷ_k − y_k)²`` (no ½; ``reduction="sum"`` drops the 1/K).

    Twice `quadratic_cost` with ``reduction="mean"``; offered under PyTorch's name and convention.
    """
    fn = "mse_loss"
    reduction = validate.choice(reduction, REDUCTIONS, fn, "reduction")  # first: an array here must not reach `==`
    outs, ys = _pairs(outputs, targets, fn)
    terms = []
    for k, (o, y) in enumerate(zip(outs, ys)):
        s, out = _name(o, k)
        diff = _named(o - _const(y, f"target_{s}"), f"{out} − target_{s}")
        terms.append(_named(diff ** 2, f"({diff.label})²"))
    return _reduce(terms, reduction, fn, "J")


# ---------------------------------------------------------------- binary cross-entropy
@overload
def binary_cross_entropy(probabilities: Outputs, targets: Targets, reduction: Literal["sum", "mean"] = ...) -> Value: ...
@overload
def binary_cross_entropy(probabilities: Outputs, targets: Targets, reduction: Literal["none"]) -> list[Value]: ...
@overload
def binary_cross_entropy(probabilities: Outputs, targets: Targets, reduction: str) -> Value | list[Value]: ...
def binary_cross_entropy(probabilities: Outputs, targets: Targets, reduction: str = "sum") -> Value | list[Value]:
    """Cross-entropy of K independent yes/no outputs h_k = P(y_k = 1) (sigmoid outputs)::

        J = −Σ_k [ y_k·log h_k + (1 − y_k)·log(1 − h_k) ]          ∂J/∂h_k = (h_k − y_k) / (h_k(1 − h_k))

    This is one example's term of lecture 001's J(Θ) (see `logistic_cost`). Outputs and targets must
    lie in [0, 1]. A term whose coefficient is 0 is left out (y·log h with y = 0 is 0 even at h = 0),
    so h = 0 or 1 is fine when the target agrees; when it does not, the cost is infinite and a
    ValueError says so: use `binary_cross_entropy_with_logits` on the net input instead, which never
    saturates. PyTorch defaults to ``reduction="mean"``; here the lectures' Σ is the default.
    """
    return _binary_cross_entropy(probabilities, targets, reduction, "binary_cross_entropy")


def _binary_cross_entropy(probabilities: Outputs, targets: Targets, reduction: object, fn: str) -> Value | list[Value]:
    """`binary_cross_entropy`, its messages starting with ``fn`` (``logistic_cost: example 2``)."""
    reduction = validate.choice(reduction, REDUCTIONS, fn, "reduction")
    hs, ys = _pairs(probabilities, targets, fn)
    _check_range([h.data for h in hs], 0.0, 1.0, "output", fn, "; pass probabilities (e.g. sigmoid outputs) or use binary_cross_entropy_with_logits")
    _check_range(ys, 0.0, 1.0, "target", fn)
    for k, (h, y) in enumerate(zip(hs, ys)):
        for coeff, arg, side in ((y, h.data, "h"), (1.0 - y, 1.0 - h.data, "1 − h")):
            if coeff != 0.0 and arg == 0.0:
                raise ValueError(
                    f"{fn}: output {k} is h = {h.data!r} with target {y!r}, so log({side}) = log 0 and the cost is "
                    "infinite; the sigmoid saturated: compute the cost from the net input with "
                    "binary_cross_entropy_with_logits, which stays finite"
                )
    validate.choice(reduction, REDUCTIONS, fn, "reduction")
    terms = []
    for k, (h, y) in enumerate(zip(hs, ys)):
        s, out = _name(h, k)
        parts = []
        if y != 0.0:  # y·log h
            parts.append(_named(_const(y, f"target_{s}") * _named(h.log(), f"log {out}"), f"target_{s}·log {out}"))
        if y != 1.0:  # (1 − y)·log(1 − h)
            rest = _named(_const(1.0, "1") - h, f"1 − {out}")
            parts.append(_named(_const(1.0 - y, f"1 − target_{s}") * _named(rest.log(), f"log({rest.label})"),
                                f"(1 − target_{s})·log({rest.label})"))
        terms.append(_named(-sum_values(parts, f"−E_{s}"), f"E_{s}"))
    return _reduce(terms, reduction, fn, "J")


@overload
def binary_cross_entropy_with_logits(logits: Outputs, targets: Targets, reduction: Literal["sum", "mean"] = ...) -> Value: ...
@overload
def binary_cross_entropy_with_logits(logits: Outputs, targets: Targets, reduction: Literal["none"]) -> list[Value]: ...
@overload
def binary_cross_entropy_with_logits(logits: Outputs, targets: Targets, reduction: str) -> Value | list[Value]: ...
def binary_cross_entropy_with_logits(logits: Outputs, targets: Targets, reduction: str = "sum") -> Value | list[Value]:
    """`binary_cross_entropy` of h_k = σ(z_k), computed from the logits z_k in a form that cannot overflow::

        J = Σ_k [ softplus(z_k) − y_k·z_k ],   softplus(z) = log(1 + e^z) = max(z, 0) + log(1 + e^(−|z|))

        ∂J/∂z_k = σ(z_k) − y_k

    Finite for every finite z (σ(40) rounds to 1.0, but log(1 + e^(−40)) does not): prefer it to
    sigmoid-then-`binary_cross_entropy` when training. Targets must lie in [0, 1].
    """
    fn = "binary_cross_entropy_with_logits"
    reduction = validate.choice(reduction, REDUCTIONS, fn, "reduction")  # first: an array here must not reach `==`
    zs, ys = _pairs(logits, targets, fn)
    _check_range(ys, 0.0, 1.0, "target", fn)
    validate.choice(reduction, REDUCTIONS, fn, "reduction")
    terms = []
    for k, (z, y) in enumerate(zip(zs, ys)):
        s, name = _name(z, k)
        if z.data >= 0.0:  # (1 − y)·z + log(1 + e^(−z))
            e = _named(_named(-z, f"−{name}").exp(), f"exp(−{name})")
            soft = _named(_named(_const(1.0, "1") + e, f"1 + {e.label}").log(), f"log(1 + {e.label})")
            term = _named(_const(1.0 - y, f"1 − target_{s}") * z, f"(1 − target_{s})·{name}") + soft
        else:  # log(1 + e^z) − y·z
            e = _named(z.exp(), f"exp({name})")
            soft = _named(_named(_const(1.0, "1") + e, f"1 + {e.label}").log(), f"log(1 + {e.label})")
            term = soft - _named(_const(y, f"target_{s}") * z, f"target_{s}·{name}")
        terms.append(_named(term, f"E_{s}"))
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
    costs: list[Value] = []
    for i, (h, y) in enumerate(zip(outs, ys)):
        J_i = _binary_cross_entropy(h, y, "sum", f"{fn}: example {i + 1}")
        assert isinstance(J_i, Value)  # reduction "sum"
        costs.append(_named(J_i, f"J^({i + 1})"))
    return _named(sum_values(costs, "Σ_i J^(i)") / _const(float(len(outs)), "m"), "J(Θ)")


def _batch(x: object, what: str, fn: str) -> list[Any]:
    if isinstance(x, Value) or validate.is_real(x):
        raise TypeError(f"{fn}: {what} must be a list with one entry per example, got {validate.shown(x)}")
    items = validate.sequence(x, fn, f"{what} (one entry per example)")
    if not items:
        raise ValueError(f"{fn}: an empty batch of {what}; J(Θ) averages over m ≥ 1 examples")
    return items


# ---------------------------------------------------------------- softmax and categorical cross-entropy
def _spread(zs: list[Value], fn: str) -> None:
    """Logits further apart than float64 can subtract (1e308 and −1e308): a clear error, not an overflow deep inside."""
    hi, lo = max(z.data for z in zs), min(z.data for z in zs)
    if not hi - lo < math.inf:
        raise ValueError(f"{fn}: the logits {hi!r} and {lo!r} are too far apart for float64 (their difference "
                         "overflows); scale them down, e.g. divide them all by the same large number")


def logsumexp(values: Outputs) -> Value:
    """``log Σ_k e^(z_k)``, computed as ``m + log Σ_k e^(z_k − m)`` with m = max z, so no e^z overflows.

    m is a constant in the graph; this is exact, since log Σ e^z = m + log Σ e^(z − m) for any m.
    ∂/∂z_k = softmax(z)_k.
    """
    zs = _outputs(values, "logsumexp")
    _spread(zs, "logsumexp")
    m = _const(max(z.data for z in zs), "max z")
    exps = [_named(_named(z - m, f"{_name(z, k)[1]} − max z").exp(), f"exp({_name(z, k)[1]} − max z)") for k, z in enumerate(zs)]
    return _named(_named(sum_values(exps, "Σ exp(z − max z)").log(), "log Σ exp(z − max z)") + m, "logsumexp")


def log_softmax(logits: Outputs) -> list[Value]:
    """``log softmax(z)_k = z_k − log Σ_j e^(z_j)``, stable for any finite logits."""
    zs = _outputs(logits, "log_softmax")
    _spread(zs, "log_softmax")
    lse = logsumexp(zs)
    return [_named(z - lse, f"log softmax_{_name(z, k)[0]}") for k, z in enumerate(zs)]


def softmax(logits: Outputs) -> list[Value]:
    """``softmax(z)_k = e^(z_k) / Σ_j e^(z_j)``, computed with the maximum subtracted (never overflows);
    the outputs are positive and sum to 1. ∂softmax_k/∂z_j = s_k(δ_kj − s_j)."""
    zs = _outputs(logits, "softmax")
    _spread(zs, "softmax")
    m = _const(max(z.data for z in zs), "max z")
    names = [_name(z, k) for k, z in enumerate(zs)]
    exps = [_named(_named(z - m, f"{out} − max z").exp(), f"exp({out} − max z)") for z, (_, out) in zip(zs, names)]
    total = sum_values(exps, "Σ exp(z − max z)")
    return [_named(e / total, f"softmax_{s}") for e, (s, _) in zip(exps, names)]


def _class_targets(target: object, K: int, fn: str) -> list[float]:
    """A class index (0 … K−1) as a one-hot vector, or a probability vector checked to be one."""
    if validate.is_real(target) and not isinstance(target, numbers.Integral):
        raise TypeError(f"{fn}: target must be a class index (an int, 0 … {K - 1}) or a probability vector of {K} "
                        f"entries, got {validate.shown(target)}; write e.g. {min(K - 1, 1)} for class {min(K - 1, 1)}")
    if isinstance(target, numbers.Integral) and not isinstance(target, bool):
        target = int(target)
        if not 0 <= target < K:
            shown = f"{target}" if abs(target) < 10**60 else f"of about {int(abs(target).bit_length() * 0.30103) + 1:,} digits"
            raise ValueError(f"{fn}: class index {shown} is out of range for {K} classes (0 … {K - 1})")
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
    _spread(zs, fn)
    lse = logsumexp(zs)
    parts = []
    for k, (y, z) in enumerate(zip(ys, zs)):
        if y != 0.0:
            s, name = _name(z, k)
            diff = _named(lse - z, f"logsumexp − {name}")
            parts.append(_named(_const(y, f"target_{s}") * diff, f"target_{s}·({diff.label})"))
    return sum_values(parts, "J")


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
        s, name = _name(p, k)
        parts.append(_named(_const(y, f"target_{s}") * _named(p.log(), f"log {name}"), f"target_{s}·log {name}"))
    return _named(-sum_values(parts, "Σ target·log p"), "J")


# ---------------------------------------------------------------- exponential cost and Hellinger distance
def exponential_cost(outputs: Outputs, targets: Targets, tau: float = 1.0) -> Value:
    """The exponential cost with temperature τ > 0::

        J = τ·exp( (1/τ)·Σ_k (ŷ_k − y_k)² )          ∂J/∂ŷ_k = 2(ŷ_k − y_k)·exp((1/τ)·Σ_j (ŷ_j − y_j)²)

    Large errors cost exponentially more; a small τ sharpens that. When the exponent passes ~709.78
    the engine raises OverflowError (raise τ or scale the targets).
    """
    fn = "exponential_cost"
    t = _const(validate.positive(tau, fn, "tau (τ)"), "τ")
    outs, ys = _pairs(outputs, targets, fn)
    squares = []
    for k, (o, y) in enumerate(zip(outs, ys)):
        s, out = _name(o, k)
        diff = _named(o - _const(y, f"target_{s}"), f"{out} − target_{s}")
        squares.append(_named(diff ** 2, f"({diff.label})²"))
    exponent = _named(sum_values(squares, "Σ (ŷ − y)²") / t, "Σ (ŷ − y)²/τ")
    return _named(t * _named(exponent.exp(), "exp(Σ (ŷ − y)²/τ)"), "J")


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
    for k, (o, y) in enumerate(zip(outs, ys)):
        if y != 0.0 and o.data == 0.0:
            raise ValueError(
                f"{fn}: output {k} is 0 while its target is {y!r}; ∂/∂ŷ (√ŷ − √y)² = 1 − √y/√ŷ is −∞ there. "
                "Keep the outputs positive (softmax or sigmoid outputs are)"
            )
    terms = []
    for k, (o, y) in enumerate(zip(outs, ys)):
        s, out = _name(o, k)
        if y == 0.0:
            terms.append(o)  # (√ŷ − 0)² = ŷ
        else:
            diff = _named(_named(o.sqrt(), f"√{out}") - _const(math.sqrt(y), f"√target_{s}"), f"√{out} − √target_{s}")
            terms.append(_named(diff ** 2, f"({diff.label})²"))
    return _named(sum_values(terms, "Σ (√ŷ − √y)²") * _const(1.0 / math.sqrt(2.0), "1/√2"), "J")
