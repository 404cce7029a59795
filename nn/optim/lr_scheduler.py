"""Learning-rate schedules with PyTorch's interface: call ``scheduler.step()`` once per epoch.

    opt = SGD(model.parameters(), lr=0.5)
    sched = StepLR(opt, step_size=100, gamma=0.5)    # halve η every 100 epochs
    for epoch in range(epochs):
        ...; opt.step()
        sched.step()

Each schedule sets ``optimizer.lr``, computed as PyTorch computes it (so the sequence of rates matches
``torch.optim.lr_scheduler`` to the last bit for StepLR and ExponentialLR).
"""

from __future__ import annotations

import math
from typing import Callable

from autograd_mini import validate
from nn.optim.optimizer import Optimizer, check_hyperparameter

__all__ = ["LRScheduler", "StepLR", "ExponentialLR", "LambdaLR"]


class LRScheduler:
    """Base class: remembers the optimizer's initial rate (``base_lr``) and counts epochs (``last_epoch``)."""

    def __init__(self, optimizer: Optimizer) -> None:
        if not isinstance(optimizer, Optimizer):
            raise TypeError(f"{type(self).__name__}: optimizer must be an nn.optim optimizer, got {validate.shown(optimizer)}")
        self.optimizer = optimizer
        self.base_lr = optimizer.lr
        self.last_epoch = 0

    def step(self) -> None:
        """Advance one epoch and set the optimizer's learning rate for the next one.

        A schedule that gives a rate that is not a positive finite number raises ValueError and changes
        nothing (neither the epoch count nor the optimizer's rate)."""
        lr = self._checked(self._next_lr(self.optimizer.lr, self.last_epoch + 1), self.last_epoch + 1)
        self.last_epoch += 1
        self.optimizer.lr = lr

    def _checked(self, lr: float, epoch: int) -> float:
        where = f"{type(self).__name__}.step" if epoch else type(self).__name__
        if not (-math.inf < lr < math.inf and lr > 0.0):
            raise ValueError(f"{where}: the schedule gives a learning rate of {lr!r} for epoch {epoch}; "
                             "it must stay a positive finite number (a negative rate would climb the cost)")
        return lr

    def get_last_lr(self) -> list[float]:
        """The current learning rate, as a one-element list (PyTorch returns one per parameter group)."""
        return [self.optimizer.lr]

    def _next_lr(self, lr: float, epoch: int) -> float:  # pragma: no cover - abstract
        raise NotImplementedError


class StepLR(LRScheduler):
    """η ← γ·η every ``step_size`` epochs: η_epoch = η_0·γ^⌊epoch / step_size⌋."""

    def __init__(self, optimizer: Optimizer, step_size: int, gamma: float = 0.1) -> None:
        super().__init__(optimizer)
        self.step_size = validate.integer(step_size, "StepLR", "step_size (epochs)", low=1)
        self.gamma = check_hyperparameter("StepLR", "gamma", gamma, 0.0, low_open=True)

    def _next_lr(self, lr: float, epoch: int) -> float:
        return lr * self.gamma if epoch % self.step_size == 0 else lr


class ExponentialLR(LRScheduler):
    """η ← γ·η every epoch: η_epoch = η_0·γ^epoch."""

    def __init__(self, optimizer: Optimizer, gamma: float) -> None:
        super().__init__(optimizer)
        self.gamma = check_hyperparameter("ExponentialLR", "gamma", gamma, 0.0, low_open=True)

    def _next_lr(self, lr: float, epoch: int) -> float:
        return lr * self.gamma


class LambdaLR(LRScheduler):
    """η_epoch = η_0·λ(epoch) for a function λ you give, e.g. ``lambda e: 1 / (1 + 0.01 * e)``."""

    def __init__(self, optimizer: Optimizer, lr_lambda: Callable[[int], float]) -> None:
        super().__init__(optimizer)
        self.lr_lambda = validate.function(lr_lambda, "LambdaLR", "lr_lambda (a function of the epoch)")
        self.optimizer.lr = self._checked(self._next_lr(self.base_lr, 0), 0)

    def _next_lr(self, lr: float, epoch: int) -> float:
        where = type(self).__name__ if epoch == 0 else f"{type(self).__name__}.step"
        factor = validate.real(self.lr_lambda(epoch), where, f"lr_lambda({epoch})", finite=False)
        return self.base_lr * factor
