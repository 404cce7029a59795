"""The backward "tape": what ``backward()`` did, step by step, to check a hand computation against.

``backward()`` walks the graph in reverse topological order (the root first) and, for each node with a
non-zero gradient, adds ``local × node.grad`` to each input::

    child.grad += local_grad * node.grad        # ∂E/∂child += ∂node/∂child · ∂E/∂node

`tape(root)` replays exactly that loop, in the same order and with the same float operations, on a
private table (the graph's ``.grad`` fields are only read, never written), and records every step: the
node, its op, the gradient coming in (``∂E_total/∂node``: δ for a neuron's net input), and for each input
the local derivative, the contribution added and the input's running total. For the Mazur graph the step
for ``net_o1`` shows δ_o1 = ∂E_total/∂net_o1 = 0.138498562 and adds 0.138498562 × 0.593269992 = 0.082167041
to w5.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from autograd_mini.graph import NumberFormat, formatter, names, partial
from autograd_mini.engine import Value, topological_order

__all__ = ["tape", "Tape", "TapeStep", "Contribution"]


@dataclass(frozen=True)
class Contribution:
    """What one step added to one input: ``local × grad`` (the input's ``position`` in ``children``)."""

    child: Value = field(repr=False)
    name: str
    position: int
    local: float
    amount: float
    total_after: float


@dataclass(frozen=True)
class TapeStep:
    """One node as backward() processed it. ``skipped``: its gradient was 0, so it passed nothing on."""

    step: int
    node: Value = field(repr=False)
    name: str
    op: str
    grad: float
    contributions: tuple[Contribution, ...]

    @property
    def is_leaf(self) -> bool:
        return not self.node.children

    @property
    def skipped(self) -> bool:
        return bool(self.node.children) and self.grad == 0.0


@dataclass(frozen=True)
class Tape:
    """Every step of one ``backward()`` from ``root``, seeded with ``seed`` (∂root/∂root = 1)."""

    root_name: str
    seed: float
    steps: tuple[TapeStep, ...]
    grads: dict[int, float] = field(repr=False)
    fmt: Callable[[float], str] = field(repr=False)

    def grad_of(self, node: Value) -> float:
        """∂root/∂node as the replay computed it (what ``backward()`` leaves in ``node.grad`` after one call)."""
        try:
            return self.grads[id(node)]
        except KeyError:
            raise ValueError(f"tape: {node!r} is not in the graph of {self.root_name!r}") from None

    @property
    def mismatches(self) -> list[TapeStep]:
        """Steps whose node's ``.grad`` differs from the replay: backward() not called yet, called with another
        seed, or leaf gradients accumulated over several calls."""
        return [s for s in self.steps if s.node.grad != self.grads[id(s.node)]]

    def __str__(self) -> str:
        return self.text()

    def text(self) -> str:
        f = self.fmt
        lines = [
            f"backward tape of {self.root_name}: {len(self.steps)} nodes in the order backward() processed them "
            f"(seed {partial(self.root_name, self.root_name)} = {f(self.seed)})"
        ]
        for s in self.steps:
            head = f"{s.step:>3}. {s.name}"
            if s.is_leaf:
                lines.append(f"{head}  leaf, grad {f(s.grad)} (nothing to pass on)")
                continue
            lines.append(f"{head} = {s.op}({', '.join(c.name for c in s.contributions)})  grad {partial(self.root_name, s.name)} = {f(s.grad)}")
            if s.skipped:
                lines.append("       grad is 0: skipped, nothing passed on")
                continue
            for c in s.contributions:
                lines.append(
                    f"       → {c.name}: local {partial(s.name, c.name)} = {f(c.local)}; "
                    f"adds {_paren(f(c.local))} × {_paren(f(s.grad))} = {f(c.amount)}; {c.name}.grad = {f(c.total_after)}"
                )
        if self.mismatches:
            lines.append(
                f"note: {len(self.mismatches)} nodes' .grad differ from this replay (backward() not called, called "
                "more than once without zero_grad(), or with another seed)"
            )
        return "\n".join(lines)

    def markdown(self) -> str:
        """The tape as a Markdown table: one row per contribution (leaves and skipped nodes get one row)."""
        f = self.fmt
        rows = [
            "| step | node | op | grad in | input | local ∂ | contribution | input's grad after |",
            "|---:|---|---|---:|---|---:|---:|---:|",
        ]
        for s in self.steps:
            if s.is_leaf or s.skipped:
                what = "leaf" if s.is_leaf else "skipped (grad 0)"
                rows.append(f"| {s.step} | {_cell(s.name)} | {what} | {f(s.grad)} |  |  |  |  |")
                continue
            for i, c in enumerate(s.contributions):
                first = f"| {s.step} | {_cell(s.name)} | {_cell(s.op)} | {f(s.grad)} " if i == 0 else "|  |  |  |  "
                rows.append(first + f"| {_cell(c.name)} | {f(c.local)} | {f(c.amount)} | {f(c.total_after)} |")
        return "\n".join(rows)


def tape(root: Value, seed: float = 1.0, *, leaves: bool = True, number_format: NumberFormat = None) -> Tape:
    """Replay ``root.backward(seed)`` and record every step (see the module docstring).

    ``leaves=False`` leaves out the input, weight and constant nodes, which backward() visits but which pass
    nothing on. The graph is not modified.
    """
    if not isinstance(root, Value):
        raise TypeError(f"tape: root must be a Value (the output or loss, e.g. E_total), got {type(root).__name__}: {root!r}")
    order = topological_order(root)
    name_of = names(order)
    grads: dict[int, float] = {id(node): 0.0 for node in order}
    grads[id(root)] += float(seed)
    steps: list[TapeStep] = []
    for node in reversed(order):
        g = grads[id(node)]
        contributions = []
        for position, (child, local) in enumerate(zip(node.children, node.local_grads)):
            if g != 0.0:  # the engine skips a node whose grad is 0
                grads[id(child)] += local * g
            contributions.append(Contribution(child, name_of[id(child)], position, local, local * g, grads[id(child)]))
        if node.children or leaves:
            steps.append(TapeStep(len(steps) + 1, node, name_of[id(node)], node.op, g, tuple(contributions)))
    return Tape(name_of[id(root)], float(seed), tuple(steps), grads, formatter(number_format))


def _paren(text: str) -> str:
    return f"({text})" if text.startswith("-") else text


def _cell(text: str) -> str:
    """Text safe in a Markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
