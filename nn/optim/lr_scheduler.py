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

from typing import Callable

from nn.optim.optimizer import Optimizer, check_hyperparameter

__all__ = ["LRScheduler", "StepLR", "ExponentialLR", "LambdaLR"]


class LRScheduler:
    """Base class: remembers the optimizer's initial rate (``base_lr``) and counts epochs (``last_epoch``)."""

    def __init__(self, optimizer: Optimizer) -> None:
        if not isinstance(optimizer, Optimizer):
            raise TypeError(f"{type(self).__name__}: expected an nn.optim optimizer, got {type(optimizer).__name__}")
        self.optimizer = optimizer
        self.base_lr = optimizer.lr
        self.last_epoch = 0

    def step(self) -> None:
        """Advance one epoch and set the optimizer's learning rate for the next one."""
        self.last_epoch += 1
        lr = self._next_lr(self.optimizer.lr)
        if not lr > 0.0:
            raise ValueError(f"{type(self).__name__}: the schedule gave a learning rate of {lr!r}; it must stay positive")
        self.optimizer.lr = lr

    def get_last_lr(self) -> list[float]:
        """The current learning rate, as a one-element list (PyTorch returns one per parameter group)."""
        return [self.optimizer.lr]

    def _next_lr(self, lr: float) -> float:  # pragma: no cover - abstract
        raise NotImplementedError


class StepLR(LRScheduler):
    """η ← γ·η every ``step_size`` epochs: η_epoch = η_0·γ^⌊epoch / step_size⌋."""

    def __init__(self, optimizer: Optimizer, step_size: int, gamma: float = 0.1) -> None:
        super().__init__(optimizer)
        if isinstance(step_size, bool) or not isinstance(step_size, int) or step_size < 1:
            raise ValueError(f"StepLR: step_size must be a positive int (epochs), got {step_size!r}")
        self.step_size = step_size
        self.gamma = check_hyperparameter("StepLR", "gamma", gamma, 0.0, low_open=True)

    def _next_lr(self, lr: float) -> float:
        return lr * self.gamma if self.last_epoch % self.step_size == 0 else lr


class ExponentialLR(LRScheduler):
    """η ← γ·η every epoch: η_epoch = η_0·γ^epoch."""

    def __init__(self, optimizer: Optimizer, gamma: float) -> None:
        super().__init__(optimizer)
        self.gamma = check_hyperparameter("ExponentialLR", "gamma", gamma, 0.0, low_open=True)

    def _next_lr(self, lr: float) -> float:
        return lr * self.gamma


class LambdaLR(LRScheduler):
    """η_epoch = η_0·λ(epoch) for a function λ you give, e.g. ``lambda e: 1 / (1 + 0.01 * e)``."""

    def __init__(self, optimizer: Optimizer, lr_lambda: Callable[[int], float]) -> None:
        super().__init__(optimizer)
        if not callable(lr_lambda):
            raise TypeError(f"LambdaLR: lr_lambda must be a function of the epoch, got {lr_lambda!r}")
        self.lr_lambda = lr_lambda
        self.optimizer.lr = self.base_lr * float(lr_lambda(0))

    def _next_lr(self, lr: float) -> float:
        return self.base_lr * float(self.lr_lambda(self.last_epoch))
