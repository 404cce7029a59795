"""The backward "tape": what ``backward()`` did, step by step, to check a hand computation against.

``backward()`` walks the graph in reverse topological order (the root first) and, for each node with a
non-zero gradient, adds ``local × node.grad`` to each input::

    child.grad += local_grad * node.grad        # ∂E/∂child += ∂node/∂child · ∂E/∂node

`tape(root)` replays exactly that loop, in the same order and with the same float operations, on a
private table (the graph's ``.grad`` fields are only read, never written), and records every step: the
node and its op as infix maths (``net_o1 = w5·out_h1 + w6·out_h2 + b2``), the gradient coming in
(``∂E_total/∂node``; for a neuron's net input that is δ: ``δ_o1 = ∂E_total/∂net_o1 = 0.138498562``), and
for each input the local derivative with its rule (``∂net_o1/∂w5 = out_h1 = 0.593269992``), the
contribution added (0.593269992 × 0.138498562 = 0.082167041) and the input's running total.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Callable, Optional, overload

from autograd_mini import validate
from autograd_mini.engine import Value, topological_order
from autograd_mini.graph import (
    ByNode,
    NumberFormat,
    cached,
    check_root,
    differing,
    formatter,
    is_expression,
    names,
    operand,
    partial,
    paused_gc,
    post_format,
)
from autograd_mini.text import markdown_cell
from autograd_mini.tracing import maths as m
from autograd_mini.tracing.latex import latex_name
from autograd_mini.tracing.rules import formula, local_rule, neuron_of

__all__ = ["tape", "Tape", "TapeStep", "Contribution"]


@dataclass(frozen=True, slots=True)
class Contribution:
    """What one step added to one input: ``local × grad`` (the input's ``position`` in ``children``)."""

    child: Value = field(repr=False)
    name: str
    position: int
    local: float
    amount: float
    total_after: float


@dataclass(frozen=True, slots=True)
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

    @property
    def neuron(self) -> Optional[str]:
        """``"o1"`` when the node is labelled ``net_o1``: its gradient is then δ_o1."""
        return neuron_of(self.node.label)

    @property
    def formula(self) -> str:
        """The op as infix maths over the inputs' names: ``w5·out_h1 + w6·out_h2 + b2`` (``""`` for a leaf)."""
        return m.text(self._formula(), _plain) if self.node.children else ""

    def rule(self, contribution: Contribution) -> Optional[str]:
        """The local derivative of one input as a rule in names (``"out_h1"`` for w5 of net_o1), or None."""
        term = self._rule(contribution)
        return None if term is None else m.text(term, _plain)

    def _formula(self) -> m.Term:
        return formula(self.node, [c.name for c in self.contributions])

    def _rule(self, contribution: Contribution) -> Optional[m.Term]:
        return local_rule(self.node, contribution.position, self._namer)

    def _namer(self, v: Value) -> str:
        if v is self.node:
            return self.name
        for c in self.contributions:
            if c.child is v:
                return c.name
        return v.label or "#?"


class _Steps(Sequence[TapeStep]):
    """The tape's steps, each `TapeStep` made on first access and kept (so identity is stable).

    The replay records only what it computes (the node, the gradient coming in, each input's running
    total); a 1e6-node tape then renders its text straight from those, without 2e6 record objects.
    Behaves as the tuple it stands for: ``len``, indexing, slicing, iteration, ``index``, ``==``.
    """

    __slots__ = ("nodes", "grads_in", "totals", "name_of", "made")

    def __init__(self, nodes: list[Value], grads_in: list[float], totals: list[tuple[float, ...]], name_of: dict[int, str]) -> None:
        self.nodes, self.grads_in, self.totals, self.name_of = nodes, grads_in, totals, name_of
        self.made: list[Optional[TapeStep]] = [None] * len(nodes)

    def __len__(self) -> int:
        return len(self.nodes)

    @overload
    def __getitem__(self, i: int) -> TapeStep: ...
    @overload
    def __getitem__(self, i: slice) -> tuple[TapeStep, ...]: ...
    def __getitem__(self, i: int | slice) -> TapeStep | tuple[TapeStep, ...]:
        if isinstance(i, slice):
            return tuple(self[k] for k in range(*i.indices(len(self))))
        if i < 0:
            i += len(self.nodes)
        if not 0 <= i < len(self.nodes):
            raise IndexError("tape step index out of range")
        made = self.made[i]
        if made is None:
            made = self.made[i] = self._make(i)
        return made

    def __iter__(self) -> Iterator[TapeStep]:
        for i in range(len(self.nodes)):
            yield self[i]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (_Steps, tuple, list)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(tuple(self))

    def _make(self, i: int) -> TapeStep:
        node, g, totals, name_of = self.nodes[i], self.grads_in[i], self.totals[i], self.name_of
        contributions = []
        for position, (child, local) in enumerate(zip(node.children, node.local_grads)):
            c = _new(Contribution)
            for setter, value in zip(_C_SET, (child, name_of[id(child)], position, local, local * g, totals[position])):
                setter(c, value)
            contributions.append(c)
        step = _new(TapeStep)
        for setter, value in zip(_S_SET, (i + 1, node, name_of[id(node)], node.op, g, tuple(contributions))):
            setter(step, value)
        return step


def _plain(x: float) -> str:
    return post_format(x)


@dataclass(frozen=True)
class Tape:
    """Every step of one ``backward()`` from ``root``, seeded with ``seed`` (∂root/∂root = 1).
    ``str()`` is the plain text; `markdown` (also what Jupyter shows) a table with LaTeX maths."""

    root_name: str
    seed: float
    steps: tuple[TapeStep, ...]
    grads: dict[int, float] = field(repr=False)
    fmt: Callable[[float], str] = field(repr=False)

    def grad_of(self, node: Value) -> float:
        """∂root/∂node as the replay computed it (what ``backward()`` leaves in ``node.grad`` after one call)."""
        if not isinstance(node, Value):
            raise TypeError(f"Tape.grad_of: node must be a Value, got {validate.shown(node)}")
        try:
            return self.grads[id(node)]
        except KeyError:
            raise ValueError(f"Tape.grad_of: {node!r} is not in the graph of {self.root_name!r}"[:300]) from None

    @property
    def mismatches(self) -> list[TapeStep]:
        """Steps whose node's ``.grad`` differs from the replay: backward() not called yet, called with another
        seed, or leaf gradients accumulated over several calls."""
        steps = self.steps
        nodes = steps.nodes if isinstance(steps, _Steps) else [s.node for s in steps]  # without making every step
        off = {id(node) for node in differing(nodes, self.grads)}  # graph.mismatches' comparison, on this replay
        return [steps[i] for i, node in enumerate(nodes) if id(node) in off] if off else []

    def __str__(self) -> str:
        return self.text()

    def _repr_markdown_(self) -> str:
        return self.markdown()

    def _grad_term(self, s: TapeStep) -> m.Term:
        """``δ_o1 = ∂E_total/∂net_o1 = 0.138498562`` or ``∂E_total/∂out_o1 = 0.74136507``."""
        parts: list[m.Term] = [("partial", self.root_name, s.name), m.num(s.grad)]
        n = s.neuron
        return m.eq(("delta", n), *parts) if n is not None else m.eq(*parts)

    def text(self) -> str:
        """The tape as plain text, one line per step and one per input it passes a gradient to."""
        with paused_gc():
            return self._text()

    def _records(self) -> Iterator[tuple[int, Value, float, str, list[tuple[Value, str, float, float, float]]]]:
        """(index, node, grad in, name, [(input, its name, local, amount, total after)]) per step, read
        from the compact record when there is one (no step objects made)."""
        steps = self.steps
        if isinstance(steps, _Steps):
            name_of = steps.name_of
            for i, (node, g, totals) in enumerate(zip(steps.nodes, steps.grads_in, steps.totals)):
                contributions = [(c, name_of[id(c)], local, local * g, t) for c, local, t in zip(node.children, node.local_grads, totals)]
                yield i, node, g, name_of[id(node)], contributions
            return
        for i, s in enumerate(steps):
            yield i, s.node, s.grad, s.name, [(c.child, c.name, c.local, c.amount, c.total_after) for c in s.contributions]

    def _text(self) -> str:
        f = cached(self.fmt)  # for the locals, which repeat (1, the weights)
        g = self.fmt  # for the running totals, which rarely do
        root = self.root_name
        lines = [
            f"backward tape of {root}: {len(self.steps)} nodes in the order backward() processed them "
            f"(seed {partial(root, root)} = {f(self.seed)})"
        ]
        add = lines.append
        d_root = f"∂{operand(root)}/∂"
        text = m.text
        for i, node, grad_in, name, contributions in self._records():
            grad = g(grad_in)
            if not node.children:
                add(f"{i + 1:>3}. {name}  leaf, grad {grad} (nothing to pass on)")
                continue
            me = operand(name) if node.label else name  # "#i" (an unlabelled node) is never an expression
            n = neuron_of(node.label)
            delta = f"δ_{n} = " if n is not None else ""
            fast = _binary_parts(node.op, contributions, f)  # + - * of two inputs without the maths tree
            step = None if fast else self.steps[i]
            add(f"{i + 1:>3}. {name} = {fast[0] if fast else text(step._formula(), f)}  {delta}{d_root}{me} = {grad}")  # type: ignore[union-attr]
            if grad_in == 0.0:
                add("       grad is 0: skipped, nothing passed on")
                continue
            pgrad = f"({grad})" if grad.startswith("-") else grad
            d_me = f"∂{me}/∂"
            for k, (child, cname, local_value, amount_value, total) in enumerate(contributions):
                if fast:
                    said = fast[1][k]
                else:
                    rule = step._rule(step.contributions[k])  # type: ignore[union-attr]
                    if rule is None or rule[0] == "num":
                        said = ""
                    elif rule[0] == "name":
                        said = f"{rule[1]} = "
                    else:
                        said = f"{text(rule, f)} = "
                local = f(local_value)
                amount = g(amount_value)
                after = amount if total == amount_value else g(total)  # a node with one parent: the same number
                add(
                    f"       → {cname}: local {d_me}{operand(cname) if child.label else cname} = {said}{local}; "
                    f"adds {f'({local})' if local.startswith('-') else local} × {pgrad} = {amount}; {cname}.grad = {after}"
                )
        bad = self.mismatches
        if bad:
            add(
                f"note: {len(bad)} nodes' .grad differ from this replay (backward() not called, called "
                "more than once without zero_grad(), or with another seed)"
            )
        return "\n".join(lines)

    def markdown(self) -> str:
        """The tape as a Markdown table with LaTeX maths: one row per contribution (leaves and skipped
        nodes get one row); the op as infix maths, δ named, each local derivative with its rule."""
        f = cached(self.fmt)  # numbers in maths (escaped by the LaTeX writer)
        n = cached(lambda x: markdown_cell(self.fmt(x)))  # numbers in cells: a number_format's own text escaped
        rows = [
            "| step | node | op | grad in | input | local ∂ | contribution | input's grad after |",
            "|---:|---|---|---:|---|---:|---:|---:|",
        ]
        for s in self.steps:
            grad_in = n(s.grad) if s.neuron is None else f"${m.latex(('delta', s.neuron), f)}$ = {n(s.grad)}"
            if s.is_leaf or s.skipped:
                what = "leaf" if s.is_leaf else "skipped (grad 0)"
                rows.append(f"| {s.step} | {markdown_cell(s.name)} | {what} | {grad_in} |  |  |  |  |")
                continue
            op = f"${latex_name(s.name)} = {m.latex(s._formula(), f)}$"  # escaped LaTeX holds no | and no line break
            for i, c in enumerate(s.contributions):
                first = f"| {s.step} | {markdown_cell(s.name)} | {op} | {grad_in} " if i == 0 else "|  |  |  |  "
                rule = s._rule(c)
                local = n(c.local) if rule is None or rule[0] == "num" else f"${m.latex(rule, f)}$ = {n(c.local)}"
                rows.append(first + f"| {markdown_cell(c.name)} | {local} | {n(c.amount)} | {n(c.total_after)} |")
        if self.mismatches:
            rows += ["", f"> note: {len(self.mismatches)} nodes' .grad differ from this replay (backward() not called, "
                     "called more than once without zero_grad(), or with another seed)"]  # fmt: skip
        return "\n".join(rows)


_new = object.__new__


def tape(root: Value, seed: float = 1.0, *, leaves: bool = True, number_format: NumberFormat = None) -> Tape:
    """Replay ``root.backward(seed)`` and record every step (see the module docstring).

    ``leaves=False`` leaves out the input, weight and constant nodes, which backward() visits but which pass
    nothing on. The graph is not modified.

    Raises:
        TypeError: ``root`` is not a Value, ``seed`` not a number, ``leaves`` not a bool, a bad ``number_format``.
        ValueError: ``seed`` is nan or infinite.
    """
    check_root(root, "tape")
    seed = validate.real(seed, "tape", "seed")
    leaves = validate.boolean(leaves, "tape", "leaves")
    fmt = formatter(number_format, "tape")
    with paused_gc():
        return _replay(root, seed, leaves, fmt)


# Records are made by setting their slots directly: a 1e6-node tape makes 2e6 of them, and a frozen
# dataclass's __init__ (object.__setattr__ per field) would double the time of the whole replay.
_C_SET = tuple(Contribution.__dict__[f].__set__ for f in ("child", "name", "position", "local", "amount", "total_after"))
_S_SET = tuple(TapeStep.__dict__[f].__set__ for f in ("step", "node", "name", "op", "grad", "contributions"))


def _replay(root: Value, seed: float, leaves: bool, fmt: Callable[[float], str]) -> Tape:
    order = topological_order(root)
    name_of = names(order, "tape")
    validate.node_data(order, "tape")  # a .data set to nan or a str after the graph was built: named, never printed
    grads: dict[int, float] = ByNode.of(order, [0.0] * len(order))  # (keyed by id: rebuilt for the copies by pickle/deepcopy)
    grads[id(root)] += seed
    nodes: list[Value] = []
    grads_in: list[float] = []
    totals: list[tuple[float, ...]] = []
    no_totals: tuple[float, ...] = ()
    for node in reversed(order):  # the engine's loop, recorded
        kids = node.children
        g = grads[id(node)]
        if not kids:
            if leaves:
                nodes.append(node)
                grads_in.append(g)
                totals.append(no_totals)
            continue
        after = []
        for child, local in zip(kids, node.local_grads):
            key = id(child)
            if g != 0.0:  # the engine skips a node whose grad is 0
                grads[key] += local * g
            after.append(grads[key])
        nodes.append(node)
        grads_in.append(g)
        totals.append(tuple(after))
    return Tape(name_of[id(root)], seed, _Steps(nodes, grads_in, totals, name_of), grads, fmt)  # type: ignore[arg-type]


def _binary(s: TapeStep, f: Callable[[float], str]) -> Optional[tuple[str, tuple[str, str]]]:
    """(formula, the rule part of each input's line) for ``a + b``, ``a − b`` and ``a·b``; None otherwise.
    The same text the maths tree gives, for the ops a long op-by-op chain is made of."""
    return _binary_parts(s.op, [(c.child, c.name) for c in s.contributions], f)


def _binary_parts(op: str, inputs: Sequence[tuple], f: Callable[[float], str]) -> Optional[tuple[str, tuple[str, str]]]:
    if op not in ("+", "-", "*") or len(inputs) != 2:
        return None
    (a, a_name), (b, b_name) = inputs[0][:2], inputs[1][:2]
    x, y = _operand_text(a, a_name, f), _operand_text(b, b_name, f)
    if op == "+":
        return f"{x} + {y}", ("", "")
    if op == "-":
        return f"{x} − {y}", ("", "")
    return f"{x}·{y}", ("" if _constant(b) else f"{b_name} = ", "" if _constant(a) else f"{a_name} = ")


def _constant(v: Value) -> bool:
    return not v.label and not v.children and v.role == "constant"


def _operand_text(child: Value, name: str, f: Callable[[float], str]) -> str:
    if not child.label:  # unlabelled: a constant shows its number, any other node its "#i"
        if _constant(child):
            text = f(child.data)
            return f"({text})" if text.startswith("-") else text
        return name
    return f"({name})" if is_expression(name) else name


def _paren(text: str) -> str:
    return f"({text})" if text.startswith("-") else text
