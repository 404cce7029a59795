"""The engine: a scalar `Value` that records how it was computed, and `backward()`.

Every op builds a `Value` holding, side by side, ``data`` (the forward result, ``out_o1 = σ(net_o1)``),
``children`` (the inputs, an ORDERED tuple: ``x * x`` records ``x`` twice) and ``local_grads`` (∂data/∂input
for each input, stored as floats: for ``net_o1 = w5·out_h1 + …``, ``∂net_o1/∂w5 = out_h1 = 0.593269992``).
`backward()` is the chain rule in ONE place (``∂E/∂child += ∂node/∂child · ∂E/∂node``). Local derivatives are
data, not closures: drawing, tracer and tests read them, and a graph has no reference cycles. Float maths:
`autograd_mini.operators`; argument checks: `autograd_mini.validate`.
"""

from __future__ import annotations

import copyreg
import math
import threading
from itertools import repeat
from operator import attrgetter
from typing import Any, Iterable, Iterator, Sequence, Union

from autograd_mini import operators as ops
from autograd_mini import validate

Number = Union[int, float]
Operand = Union["Value", int, float]
__all__ = ["Value", "Number", "sum_values", "dot", "zero_grad", "topological_order"]


class Value:
    """A scalar node. ``Value(data, label="")`` is a leaf (input, weight, constant); ``+ - * / **``, unary ``-``,
    ``exp() log() tanh() sigmoid() relu() sqrt() sin() cos()`` make new nodes; a plain number in an op becomes a constant leaf
    (``role="constant"``). Equality and hashing are by identity; a Value has no truth value (write ``if loss.data > 0``).
    Bad arguments: TypeError/ValueError; a value or local derivative beyond float64: OverflowError/ZeroDivisionError."""

    __slots__ = ("data", "grad", "label", "op", "children", "local_grads", "role", "frozen")
    data: float  # the forward value, finite. Changing it does not update the nodes made from it: rebuild them (the old point's gradient otherwise)
    grad: float  # ∂root/∂self after root.backward(); 0.0 before
    label: str  # a name for drawings and traces: "w5", "net_o1"
    op: str  # what made it: + - * / neg, **2 (constant exponent), 2** (constant base), ** (both Values), exp log sqrt tanh sigmoid relu sin cos sum dot; "" for a leaf
    children: tuple[Value, ...]  # the operands in order (x * x: x twice)
    local_grads: tuple[float, ...]  # ∂self/∂children[i]
    role: str  # "parameter", "input", "constant" or "": what the drawing shows
    frozen: bool  # a parameter the optimizers skip (its gradient is still computed)
    __array_ufunc__ = None  # numpy defers to our operators, which refuse arrays with a TypeError

    def __init__(self, data: Number, label: str = "", *, role: str = "") -> None:
        if type(data) is not float or not -_INF < data < _INF:
            data = validate.real(data, f"Value(label={label!r})" if label else "Value", "data")
        if type(label) is not str or type(role) is not str:
            [validate.text(x, "Value", name) for name, x in (("label", label), ("role", role))]
        self.data, self.grad, self.label, self.op = data, 0.0, label, ""
        self.children, self.local_grads, self.role, self.frozen = (), (), role, False

    def __repr__(self) -> str:
        return f"Value({f'label={self.label!r}, ' if self.label else ''}data={self.data!r}, grad={self.grad!r})"
    def _repr_html_(self) -> str:  # notebooks: label, data, grad and op, HTML-escaped, unseen characters as \uXXXX
        from autograd_mini.text import html, visible
        label, op = (visible(x) if type(x) is str else "" if x is None else validate.shown(x) for x in (self.label, self.op))  # set later
        return f"<code>Value {f'<b>{html(label)}</b> ' if label else ''}data={self.data!r} grad={self.grad!r}{f' <i>{html(op)}</i>' if op else ''}</code>"

    def __bool__(self) -> bool:
        raise TypeError("bool(Value): a Value has no truth value; compare its number instead: `if loss.data > 0:`")

    # ------------------------------------------------------------------ the op table
    # value, inputs, ∂value/∂input for each input, name; a number operand becomes a constant leaf.
    # The reflected ops at the end are one-liners derived from the others.
    def __add__(self, other: Operand) -> Value:  # self + other
        o = other if type(other) is Value else _num(other, "Value + x")
        return _node(self.data + o.data, (self, o), _PLUS, "+")
    def __sub__(self, other: Operand) -> Value:  # self - other
        o = other if type(other) is Value else _num(other, "Value - x")
        return _node(self.data - o.data, (self, o), _MINUS, "-")
    def __mul__(self, other: Operand) -> Value:  # self * other
        o = other if type(other) is Value else _num(other, "Value * x")
        return _node(self.data * o.data, (self, o), (o.data, self.data), "*")
    def __truediv__(self, other: Operand) -> Value:  # self / other: ∂/∂a = 1/b, ∂/∂b = −(a/b)/b (exact)
        o = other if type(other) is Value else _num(other, "Value / x")
        if o.data == 0.0:
            raise ZeroDivisionError(f"div: division by zero: {ops.describe(o)} is 0 (in {ops.describe(self)} / it)")
        out = self.data / o.data
        return _checked(out, (self, o), (1.0 / o.data, -out / o.data), "/")
    def __pow__(self, other: Operand) -> Value:  # self ** other
        if isinstance(other, Value):  # ∂(a^b)/∂a = b·a^(b−1), ∂(a^b)/∂b = a^b·ln a
            a, b = self.data, other.data
            ops.check_pow_value_base(a, self, other)
            out = ops.checked_pow(a, b, self)
            return _checked(out, (self, other), (ops.pow_derivative(a, b, self), ops.pow_log_slope(out, a, b, other)), "**")
        n = validate.real(other, "Value ** x", "an exponent")  # d(x^n)/dx = n·x^(n−1)
        out = ops.checked_pow(self.data, n, self)
        return _checked(out, (self,), (ops.pow_derivative(self.data, n, self),), f"**{ops.fmt(n)}")
    def __rpow__(self, other: Number) -> Value:  # c ** self: d(c^x)/dx = c^x·ln c
        c = validate.real(other, "x ** Value", "a base")
        ops.check_rpow_base(c, self)
        out = ops.checked_pow(c, self.data, self, base_is_constant=True)
        return _checked(out, (self,), (ops.pow_log_slope(out, c, self.data, self),), f"{ops.fmt(c)}**")
    def __neg__(self) -> Value:  # -self
        return _node(-self.data, (self,), _NEG, "neg")
    def exp(self) -> Value:  # e^x, d/dx = e^x
        return _node(out := ops.checked_exp(self.data, self), (self,), (out,), "exp")
    def log(self) -> Value:  # ln x, d/dx = 1/x (x > 0; 1/x overflows below x ≈ 5.6e-309: an error)
        ops.check_log(self.data, self)
        return _checked(math.log(self.data), (self,), (1.0 / self.data,), "log")
    def sqrt(self) -> Value:  # √x, d/dx = 1/(2√x) (x > 0; at 0 the slope is infinite)
        ops.check_sqrt(self.data, self)
        return _node(out := math.sqrt(self.data), (self,), (0.5 / out,), "sqrt")
    def tanh(self) -> Value:  # tanh x, d/dx = 1 − tanh² x = sech² x (exact form, see ops.tanh_slope)
        return _node(math.tanh(self.data), (self,), (ops.tanh_slope(self.data),), "tanh")
    def sigmoid(self) -> Value:  # σ(x) = 1/(1+e^−x), d/dx = σ(x)(1 − σ(x)) (exact form, ops.sigmoid_slope)
        return _node(ops.sigmoid(self.data), (self,), (ops.sigmoid_slope(self.data),), "sigmoid")
    def relu(self) -> Value:  # max(0, x), d/dx = 1 if x > 0 else 0 (0 at the kink, as PyTorch)
        return _node(self.data, (self,), _ONE, "relu") if not self.data <= 0.0 else _node(0.0, (self,), _ZERO, "relu")  # nan: an error
    def sin(self) -> Value:  # sin x, d/dx = cos x (math.sin reduces any argument exactly, 1e300 too)
        return _node(math.sin(self.data), (self,), (math.cos(self.data),), "sin")
    def cos(self) -> Value:  # cos x, d/dx = −sin x
        return _node(math.cos(self.data), (self,), (-math.sin(self.data),), "cos")
    __radd__, __rmul__ = __add__, __mul__  # other + self, other * self: recorded as self + other, self * other
    def __rsub__(self, other: Number) -> Value: return _num(other, "x - Value") - self  # other - self
    def __rtruediv__(self, other: Number) -> Value: return _num(other, "x / Value") / self  # other / self

    @classmethod
    def from_op(cls, data: Number, children: Sequence[Value], local_grads: Sequence[Number], op: str, label: str = "") -> Value:
        """A node of an op of your own: its value and the local derivative for each input, e.g. a softplus
        ``Value.from_op(math.log1p(math.exp(x.data)), (x,), (ops.sigmoid(x.data),), "softplus")``; check it with ``gradcheck``."""
        kids, local = validate.op_parts(children, local_grads, op, cls, "from_op")
        return _node(validate.real(data, "from_op", "data"), kids, local, op, "", validate.text(label, "from_op", "label"))
    def backward(self, grad: float = 1.0) -> None:
        """Fill ``.grad`` of every node of this graph with ∂self/∂node, seeding ``grad`` (1.0 = ∂E_total/∂E_total).

        As in PyTorch, LEAF gradients ACCUMULATE across calls (reset: ``model.zero_grad()``, ``optimizer.zero_grad()``,
        ``root.zero_grad()``); intermediate ones are recomputed, never stale. Local derivatives are fixed when the
        graph is built: after changing a leaf's ``.data``, rebuild the graph, or you get the gradient at the old
        point. A gradient that overflows is an OverflowError naming the node."""
        grad = validate.real(grad, "backward", "the seed grad")
        order = topological_order(self)
        before = list(map(_grad_of, order))  # an error restores them: no .grad changes
        inner = [node for node in order if node.children]
        for node in inner:  # intermediate nodes start from 0; leaves keep what they had
            node.grad = 0.0
        self.grad += grad
        for node in reversed(inner):
            g = node.grad
            if g:  # nothing to pass on from a zero; ∂root/∂child += ∂node/∂child · ∂root/∂node
                ch = node.children
                if len(ch) == 2:  # the binary ops, most nodes: unrolled
                    (a, b), (la, lb) = ch, node.local_grads
                    a.grad += la * g
                    b.grad += lb * g
                else:
                    for child, local in zip(ch, node.local_grads):
                        child.grad += local * g
        if not -_INF < sum(map(_grad_of, order)) < _INF and (bad := [n for n in order if not math.isfinite(n.grad)]):
            error = ops.non_finite_grad_error(bad[0])  # (the C-level sum is the cheap test; it may overflow harmlessly)
            any(map(setattr, order, repeat("grad"), before))  # every .grad back as it was before the call
            raise error
    def zero_grad(self) -> None:
        """``.grad = 0.0`` on every node of this graph (parameters: ``model.zero_grad()``)."""
        for node in topological_order(self):
            node.grad = 0.0
    @property
    def is_leaf(self) -> bool:
        """True for a node no operation made: an input, a weight, a constant."""
        return not self.children

    # ------------------------------------------------------------------ copies, at any depth
    def __deepcopy__(self, memo: dict[int, Any]) -> Value:
        """An independent copy of the graph ending here (iterative; shared nodes stay shared)."""
        for node in topological_order(self):  # inputs first, so every child is copied already
            if id(node) not in memo:
                memo[id(node)] = c = _new(type(node))
                c.__setstate__((_FORMAT, None, node.data, node.grad, node.label, node.op, tuple(memo[id(k)] for k in node.children),
                                node.local_grads, node.role, node.frozen))
        return memo[id(self)]

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle at any depth: the first node pickled stores its subgraph first, as a flat list in topological order,
        so every node's inputs are stored before it (no recursion). State: (format version, that list, the slots)."""
        marks = _local.__dict__.setdefault("in_table", set())  # this thread's pickler's marks: threads never share them
        nested = id(self) in marks  # stored inside an enclosing table, after its inputs
        marks.discard(id(self))
        prelude = () if nested else _Table(topological_order(self)[:-1])
        fields = (self.data, self.grad, self.label, self.op, self.children, self.local_grads, self.role, self.frozen)
        return (copyreg.__newobj__, (type(self),), (_FORMAT, prelude, *fields))  # type: ignore[attr-defined]
    def __setstate__(self, state: tuple[Any, ...]) -> None:  # older formats (a previous release's pickles) through validate
        fields = state[2:] if state[:1] == (_FORMAT,) else validate.pickled_node(state, _FORMAT, "pickle.load(Value)")
        self.data, self.grad, self.label, self.op, self.children, self.local_grads, self.role, self.frozen = fields


_grad_of, _new, _INF, _FORMAT, _local = attrgetter("grad"), object.__new__, math.inf, 2, threading.local()
_PLUS, _MINUS, _NEG, _ONE, _ZERO = (1.0, 1.0), (1.0, -1.0), (-1.0,), (1.0,), (0.0,)  # shared local_grads
_EMIT = object()  # stack marker in topological_order: "the node below me has all its inputs done"


class _Table(list):
    """A pickled graph's nodes, inputs first: the pickler stores each after its inputs (no recursion)."""
    def __reduce__(self) -> tuple[Any, ...]:  # marks only now: copy.copy() also asks for the table, but never stores it
        _local.__dict__.setdefault("in_table", set()).update(map(id, self))
        return (list, (), None, self._items())
    def _items(self) -> Iterator[Value]:
        try:
            yield from self
        finally:  # all stored, or the pickler failed and dropped us: forget the marks
            _local.__dict__.setdefault("in_table", set()).difference_update(map(id, self))


def _node(data: float, children: tuple, local_grads: tuple, op: str, role: str = "", label: str = "") -> Value:
    """An op's result node without ``__init__``'s checks but finiteness (one write per line: 2× faster than a tuple assignment)."""
    if not -_INF < data < _INF:  # also False for nan: an overflowing result is an error, not inf
        raise ops.non_finite_error(op, data, children, "")
    v = _new(Value)
    v.data = data
    v.grad = 0.0
    v.label = label
    v.op = op
    v.children = children
    v.local_grads = local_grads
    v.role = role
    v.frozen = False
    return v


def _checked(data: float, children: tuple, local_grads: tuple, op: str) -> Value:
    """`_node` for ops whose local derivative can overflow when the value does not (∂(1/x)/∂x at 1e-309)."""
    if -_INF < data < _INF and not all(map(math.isfinite, local_grads)):
        raise ops.slope_error(op, next(g for g in local_grads if not math.isfinite(g)), children)
    return _node(data, children, local_grads, op)


def _num(x: object, where: str) -> Value:
    """An operand as a Value: a Value passes through; a real number becomes a constant leaf."""
    if type(x) is not float or not -_INF < x < _INF:
        if isinstance(x, Value):
            return x
        x = validate.operand(x, where)
    return _node(x, (), (), "", "constant")


def sum_values(terms: Iterable[Operand], label: str = "") -> Value:
    """``Σ terms`` as ONE node, local derivative 1.0 for each: ``sum_values([E_o1, E_o2], "E_total")``."""
    nodes = tuple(t if type(t) is Value else _num(t, "sum_values") for t in validate.iterable(terms, "sum_values", "terms"))
    if not nodes:
        raise ValueError("sum_values: no terms given; pass at least one Value or number")
    label = label if type(label) is str else validate.text(label, "sum_values", "label")
    return _node(sum([t.data for t in nodes], 0.0), nodes, (1.0,) * len(nodes), "sum", "", label)  # left to right


def dot(weights: Sequence[Value], inputs: Sequence[Operand], bias: Operand | None = None, label: str = "") -> Value:
    """A neuron's ``net = Σ w_i·x_i (+ b)`` as ONE node, children ``w_1, x_1, w_2, x_2, …, b``, local derivatives ``∂net/∂w_i = x_i``,
    ``∂net/∂x_i = w_i``, ``∂net/∂b = 1`` (``∂net_h1/∂w1 = i1 = 0.05``). Lists, tuples or 1-D numpy arrays (of Values too)."""
    ws = weights if type(weights) is list else validate.sequence(weights, "dot", "weights")
    xs = inputs if type(inputs) is list else validate.sequence(inputs, "dot", "inputs")
    if len(ws) != len(xs) or not ws:
        raise ValueError(f"dot: {len(ws)} weights but {len(xs)} inputs; give one weight per input (at least one)")
    children: list[Value] = []
    local: list[float] = []
    total = 0.0
    for w, x in zip(ws, xs):  # a plain loop: at n = 2..16 it beats map/zip pipelines
        w = w if type(w) is Value else _num(w, "dot")
        x = x if type(x) is Value else _num(x, "dot")
        total += w.data * x.data  # w1·x1 + w2·x2 + …, left to right
        children += (w, x)
        local += (x.data, w.data)  # ∂net/∂w_i = x_i, ∂net/∂x_i = w_i
    if bias is not None:
        b = bias if type(bias) is Value else _num(bias, "dot")
        total, children, local = total + b.data, children + [b], local + [1.0]  # ∂net/∂b = 1
    return _node(total, tuple(children), tuple(local), "dot", "", label if type(label) is str else validate.text(label, "dot", "label"))


def topological_order(root: Value) -> list[Value]:
    """Every node the root depends on, once each, inputs first, children in recorded order. Iterative: a node popped
    the first time goes back under ``_EMIT`` with its inputs above it; when ``_EMIT`` surfaces, they are all in ``order``."""
    if not isinstance(root, Value):
        raise TypeError(f"topological_order: root must be a Value, got {validate.shown(root)}")
    order: list[Value] = []
    visited: set[Value] = set()  # identity hashing: Value defines no __eq__/__hash__
    stack: list = [root]
    pop, push, extend, emit, mark = stack.pop, stack.append, stack.extend, order.append, visited.add
    while stack:
        node = pop()
        if node is _EMIT:
            emit(pop())
        elif node not in visited:
            mark(node)
            if node.children:
                push(node)
                push(_EMIT)
                extend(node.children[::-1])
            else:  # a leaf has no inputs to wait for
                emit(node)
    return order


def zero_grad(values: Iterable[Value] | Value) -> None:
    """Reset to 0.0 the grads of a graph (its root) or of some values. The documented spellings are the
    methods: ``root.zero_grad()`` for a graph, ``model.zero_grad()`` / ``optimizer.zero_grad()`` for parameters."""
    if isinstance(values, Value):
        return values.zero_grad()
    items = validate.iterable(values, "zero_grad", "values (a graph's root, or Values)")
    if bad := [v for v in items if not isinstance(v, Value)]:  # check all first: an error resets nothing
        raise TypeError(f"zero_grad: values must be Values, got {validate.shown(bad[0])}")
    for v in items:
        v.grad = 0.0
