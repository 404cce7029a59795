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

from autograd_mini.engine import Value, sum_values

__all__ = ["train", "dataset_cost"]

LossFn = Callable[[Any, Any], Value]


def _check_data(model: Any, loss_fn: Any, inputs: Sequence, targets: Sequence, fn: str) -> int:
    if not callable(model) or not hasattr(model, "parameters"):
        raise TypeError(f"{fn}: model must be callable and have parameters() (an nn.MLP), got {type(model).__name__}")
    if not callable(loss_fn):
        raise TypeError(f"{fn}: loss_fn must be a function (outputs, targets) -> Value, e.g. nn.losses.quadratic_cost")
    for what, data in (("inputs", inputs), ("targets", targets)):
        if isinstance(data, (str, bytes)) or not hasattr(data, "__len__"):
            raise TypeError(f"{fn}: {what} must be a list with one entry per example, got {type(data).__name__}")
    if len(inputs) != len(targets):
        raise ValueError(f"{fn}: {len(inputs)} inputs but {len(targets)} targets; give one target per example")
    if len(inputs) == 0:
        raise ValueError(f"{fn}: the training set is empty; J(Θ) averages over m ≥ 1 examples")
    return len(inputs)


def _loss(loss_fn: LossFn, model: Any, x: Any, y: Any, fn: str) -> Value:
    J = loss_fn(model(x), y)
    if not isinstance(J, Value):
        raise TypeError(f"{fn}: loss_fn returned {type(J).__name__}, not a Value; use a cost from nn.losses "
                        "(with reduction 'sum' or 'mean', not 'none')")
    return J


def dataset_cost(model: Any, loss_fn: LossFn, inputs: Sequence, targets: Sequence) -> Value:
    """J(Θ) = (1/m)·Σ_i loss(model(x^(i)), y^(i)) over the whole set, as ONE graph (for gradcheck, search).

    Its gradient is the D = Δ/m that full-batch `train` computes example by example.
    """
    m = _check_data(model, loss_fn, inputs, targets, "dataset_cost")
    J = sum_values([_loss(loss_fn, model, x, y, "dataset_cost") for x, y in zip(inputs, targets)]) / m
    J.label = "J(Θ)"
    return J


def train(
    model: Any,
    loss_fn: LossFn,
    inputs: Sequence,
    targets: Sequence,
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
    m = _check_data(model, loss_fn, inputs, targets, fn)
    if isinstance(epochs, bool) or not isinstance(epochs, int) or epochs < 1:
        raise ValueError(f"{fn}: epochs must be a positive int, got {epochs!r}")
    if batch_size is not None and (isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1):
        raise ValueError(f"{fn}: batch_size must be None (full batch) or a positive int, got {batch_size!r}")
    if not (callable(getattr(optimizer, "step", None)) and callable(getattr(optimizer, "zero_grad", None))):
        raise TypeError(f"{fn}: optimizer must have step() and zero_grad() (an nn.optim optimizer), got {type(optimizer).__name__}")
    every = _progress_interval(progress, epochs, fn)
    stream = stream if stream is not None else sys.stderr
    size = m if batch_size is None else min(batch_size, m)
    rng = random.Random(seed)
    params = list(model.parameters())
    order = list(range(m))
    history: list[float] = []
    start = time.perf_counter()
    for epoch in range(1, epochs + 1):
        if shuffle and size < m:
            rng.shuffle(order)
        total = 0.0
        for first in range(0, m, size):
            batch = order[first:first + size]
            optimizer.zero_grad()                      # Δ = 0
            for i in batch:
                J_i = _loss(loss_fn, model, inputs[i], targets[i], fn)
                J_i.backward()                         # Δ := Δ + ∂J_i/∂Θ
                total += J_i.data
            for p in params:
                p.grad /= len(batch)                   # D = Δ / m
            optimizer.step()                           # Θ := Θ − α·D (or another rule)
        history.append(total / m)
        if scheduler is not None:
            scheduler.step()
        if every and (epoch % every == 0 or epoch == epochs):
            width = len(str(epochs))
            print(f"epoch {epoch:>{width}}/{epochs}  J = {history[-1]:.6g}  ({time.perf_counter() - start:.1f}s)",
                  file=stream, flush=True)
    return history


def _progress_interval(progress: bool | int, epochs: int, fn: str) -> int:
    if progress is True:
        return max(1, epochs // 10)
    if progress is False or progress is None:
        return 0
    if isinstance(progress, int) and progress >= 1:
        return progress
    raise ValueError(f"{fn}: progress must be True, False or a positive int (report every n epochs), got {progress!r}")
