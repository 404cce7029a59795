"""Training by gradient descent: full-batch, mini-batch and stochastic, in one small loop.

Lecture 001's backpropagation algorithm, for a training set (x^(1), y^(1)), …, (x^(m), y^(m))::

    set Δ = 0                                    optimizer.zero_grad()
    for i = 1 to m:
        forward x^(i), back-propagate δ          loss_fn(model(x_i), y_i).backward()
        Δ := Δ + a·δ                             (backward ADDS into every weight's .grad)
    D = Δ / m = ∂J(Θ)/∂Θ                         p.grad /= m
    Θ := Θ − α·D                                 optimizer.step()

`train` runs exactly that per batch: the whole set (full batch, ``batch_size=None``), k examples at a
time (mini-batch) or one (stochastic, ``batch_size=1``), where J is then the mean cost over the batch.
Each example's graph is built, back-propagated and dropped on its own, so memory stays small.
"""

from __future__ import annotations

import random
import sys
import time
from typing import Any, Callable, Sequence, TextIO

from autograd_mini import validate
from autograd_mini.engine import Value, sum_values

__all__ = ["train", "dataset_cost"]

LossFn = Callable[[Any, Any], Value]


def _examples(data: object, what: str, fn: str) -> list[Any]:
    """One entry per example: a list/tuple, or a numpy array (a 2-D array's rows are the examples)."""
    if getattr(data, "ndim", None) == 2:
        data = list(data)  # type: ignore[call-overload]
    return validate.sequence(data, fn, what)


def _check_data(model: Any, loss_fn: Any, inputs: object, targets: object, fn: str) -> tuple[list[Any], list[Any]]:
    if not callable(model) or not hasattr(model, "parameters"):
        raise TypeError(f"{fn}: model must be callable and have parameters() (an nn.MLP), got {validate.shown(model)}")
    if not callable(loss_fn):
        raise TypeError(f"{fn}: loss_fn must be a function (outputs, targets) -> Value, e.g. nn.losses.quadratic_cost, "
                        f"got {validate.shown(loss_fn)}")
    xs, ys = _examples(inputs, "inputs", fn), _examples(targets, "targets", fn)
    if len(xs) != len(ys):
        raise ValueError(f"{fn}: {len(xs)} inputs but {len(ys)} targets; give one target per example")
    if not xs:
        raise ValueError(f"{fn}: the training set is empty; J(Θ) averages over m ≥ 1 examples")
    return xs, ys


def _loss(loss_fn: LossFn, model: Any, x: Any, y: Any, fn: str) -> Value:
    J = loss_fn(model(x), y)
    if not isinstance(J, Value):
        raise TypeError(f"{fn}: loss_fn returned {type(J).__name__}, not a Value; use a cost from nn.losses "
                        "(with reduction 'sum' or 'mean', not 'none')")
    return J


def dataset_cost(model: Any, loss_fn: LossFn, inputs: Sequence[Any], targets: Sequence[Any]) -> Value:
    """J(Θ) = (1/m)·Σ_i loss(model(x^(i)), y^(i)) over the whole set, as ONE graph (for gradcheck, search).

    Its gradient is the D = Δ/m that full-batch `train` computes example by example.
    """
    xs, ys = _check_data(model, loss_fn, inputs, targets, "dataset_cost")
    total = sum_values([_loss(loss_fn, model, x, y, "dataset_cost") for x, y in zip(xs, ys)], "Σ_i J^(i)")
    J = total / Value(float(len(xs)), "m", role="constant")
    J.label = "J(Θ)"
    return J


def train(
    model: Any,
    loss_fn: LossFn,
    inputs: Sequence[Any],
    targets: Sequence[Any],
    optimizer: Any,
    epochs: int,
    *,
    batch_size: int | None = None,
    shuffle: bool = True,
    seed: int | None = None,
    scheduler: Any = None,
    progress: bool | int = False,
    stream: TextIO | None = None,
) -> list[float]:
    """Train ``model`` for ``epochs`` passes over the data; return the loss history, one float per epoch.

    Args:
        model: an `nn.MLP` (anything callable with ``parameters()``).
        loss_fn: ``loss_fn(model(x), y) -> Value`` for one example, e.g. `nn.losses.quadratic_cost`.
        inputs, targets: the m training examples x^(i) and their targets y^(i).
        optimizer: an `nn.optim` optimizer over (some of) the model's parameters.
        batch_size: None = full batch (one step per epoch: the lecture's Δ, D = Δ/m); 1 = stochastic
            (m steps per epoch); k = mini-batches of k (the last may be smaller).
        shuffle: visit the examples in a new random order each epoch (mini-batch and stochastic only).
        seed: seeds that order (``random.Random(seed)``): the same seed and initial weights give the
            same run, bit for bit.
        scheduler: an `nn.optim.lr_scheduler` schedule, stepped once per epoch.
        progress: print ``epoch e/E  J = …`` to ``stream`` (default stderr): True about 10 times in the
            run, an int n every n epochs.

    ``history[e]`` is the mean of the m per-example costs computed during epoch e + 1 (each before the
    update its batch made); for full batch that is J(Θ) at the start of the epoch.
    """
    fn = "train"
    inputs, targets = _check_data(model, loss_fn, inputs, targets, fn)
    epochs = validate.integer(epochs, fn, "epochs", low=1, high=1_000_000_000)
    size = _batch_size(batch_size, len(inputs), fn)
    shuffle = validate.boolean(shuffle, fn, "shuffle")
    _check_stepper(optimizer, scheduler, fn)
    every = _progress_interval(progress, epochs, fn)
    stream = stream if stream is not None else sys.stderr
    if not callable(getattr(stream, "write", None)):
        raise TypeError(f"{fn}: stream must be a text stream with write(), got {validate.shown(stream)}")
    rng = random.Random(None if seed is None else validate.integer(seed, fn, "seed"))
    params = list(model.parameters())
    _check_own(optimizer, params, fn)
    order = list(range(len(inputs)))
    history: list[float] = []
    start = time.perf_counter()
    for epoch in range(1, epochs + 1):
        if shuffle and size < len(order):
            rng.shuffle(order)
        history.append(_epoch(model, loss_fn, inputs, targets, optimizer, params, order, size) / len(order))
        if scheduler is not None:
            scheduler.step()
        if every and (epoch % every == 0 or epoch == epochs):
            print(f"epoch {epoch:>{len(str(epochs))}}/{epochs}  J = {history[-1]:.6g}  ({time.perf_counter() - start:.1f}s)", file=stream, flush=True)
    return history


def _check_own(optimizer: Any, params: list[Value], fn: str) -> None:
    """Refuse another model's optimizer: it would step parameters this training never touches."""
    own, theirs = set(params), getattr(optimizer, "params", None)
    foreign = [p for p in theirs if p not in own] if isinstance(theirs, list) else []
    if foreign:
        raise ValueError(f"{fn}: the optimizer updates {len(foreign):,} parameter{'s' if len(foreign) > 1 else ''} that "
                         f"{'are' if len(foreign) > 1 else 'is'} not the model's (first: {validate.shown(foreign[0], 60)}); "
                         "make it over this model's parameters: SGD(model.parameters(), lr=…)")


def _epoch(model: Any, loss_fn: LossFn, inputs: list[Any], targets: list[Any], optimizer: Any, params: list[Value], order: list[int], size: int) -> float:
    """One pass over the examples in ``order``, one optimizer step per batch of ``size``; the sum of the
    per-example costs (each computed before its batch's update)."""
    total = 0.0
    for first in range(0, len(order), size):
        batch = order[first:first + size]
        optimizer.zero_grad()                      # Δ = 0
        for i in batch:
            J_i = _loss(loss_fn, model, inputs[i], targets[i], "train")
            J_i.backward()                         # Δ := Δ + ∂J_i/∂Θ
            total += J_i.data
        for p in params:
            p.grad /= len(batch)                   # D = Δ / m
        optimizer.step()                           # Θ := Θ − α·D (or another rule)
    return total


def _batch_size(batch_size: object, m: int, fn: str) -> int:
    """The examples per step: all m for None (full batch), else the given size (at most m)."""
    if batch_size is None:
        return m
    return min(validate.integer(batch_size, fn, "batch_size (None for full batch)", low=1), m)


def _check_stepper(optimizer: object, scheduler: object, fn: str) -> None:
    if not (callable(getattr(optimizer, "step", None)) and callable(getattr(optimizer, "zero_grad", None))):
        raise TypeError(f"{fn}: optimizer must have step() and zero_grad() (an nn.optim optimizer), got {validate.shown(optimizer)}")
    if scheduler is not None and not callable(getattr(scheduler, "step", None)):
        raise TypeError(f"{fn}: scheduler must have step() (an nn.optim.lr_scheduler schedule), got {validate.shown(scheduler)}")


def _progress_interval(progress: object, epochs: int, fn: str) -> int:
    if progress is True:
        return max(1, epochs // 10)
    if progress is False or progress is None:
        return 0
    return validate.integer(progress, fn, "progress (True, False or report every n epochs)", low=1)
