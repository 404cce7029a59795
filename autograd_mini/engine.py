"""The engine: a scalar `Value` that records how it was computed, and `backward()`.

Every operation builds a new `Value` holding three things side by side:

* ``data``         -- the forward result, e.g. ``out_o1 = σ(net_o1)``;
* ``children``     -- the inputs, as an ORDERED tuple (``x * x`` records ``x`` twice);
* ``local_grads``  -- the local derivative of the result with respect to each input,
  computed once, at creation, and stored as plain floats, e.g. for ``net_o1 = w5·out_h1 + …``
  the local derivative ``∂net_o1/∂w5 = out_h1 = 0.593269992``.

`backward()` is the chain rule in ONE place: walking the graph from the root in reverse
topological order, each node passes ``local_grad × its own grad`` to each input::

    child.grad += local_grad * node.grad        # ∂E/∂child += ∂node/∂child · ∂E/∂node

Because local derivatives are data, not closures, the drawing, the chain-rule tracer and the
tests can read them, and a graph holds no reference cycles: it is freed by reference counting
as soon as the last name for its root goes away.

The pure float maths (stable sigmoid, the domain checks) lives in `autograd_mini.operators`.
"""

from __future__ import annotations

import math
import numbers
from operator import attrgetter
from typing import Iterable, Sequence, Union

from autograd_mini import operators as ops

Number = Union[int, float]
Operand = Union["Value", int, float]

__all__ = ["Value", "Number", "sum_values", "dot", "zero_grad", "topological_order"]


def _to_float(data: object, what: str = "Value data") -> float:
    """``data`` as a float, or a clear error. Accepts real numbers (int, float, numpy scalars,
    Fraction); rejects bool (almost always a bug: write 1.0 or 0.0), complex, str, None, containers."""
    if isinstance(data, bool) or not isinstance(data, numbers.Real):
        hint = " (write 1.0 or 0.0)" if isinstance(data, bool) else ""
        raise TypeError(f"{what} must be a real number (int or float), got {type(data).__name__}: {data!r}{hint}")
    return float(data)


class Value:
    """A scalar node of a computation graph.

    ``Value(data, label="")`` makes a leaf (an input, a weight, a constant). Arithmetic on values
    (``+ - * / **``, unary ``-``, ``exp() log() tanh() sigmoid() relu() sqrt()``) makes new nodes.

    Attributes (read them freely; the engine sets them):
        data: the forward value, a finite float.
        grad: ∂root/∂self after ``root.backward()``; 0.0 before.
        label: a name for drawings and traces, e.g. ``"w5"`` or ``"net_o1"``.
        op: the operation that made this node: ``"+" "-" "*" "/" "neg"``, ``"**2"`` (a power with a
            constant exponent), ``"2**"`` (a constant base), ``"**"`` (both Values), ``"exp" "log"
            "sqrt" "tanh" "sigmoid" "relu"``, ``"sum"``, ``"dot"``; ``""`` for a leaf.
        children: the operands, in order; a node used twice appears twice.
        local_grads: ∂self/∂children[i] for each i, as floats.
        role: ``"parameter"``, ``"input"``, ``"constant"`` or ``""``: what the drawing shows.
        frozen: a parameter kept out of optimizer updates (its gradient is still computed).

    Equality and hashing are by identity: two nodes with the same data are different nodes.
    Non-finite data (nan, ±inf) is refused: it would only propagate a wrong number.
    """

    # __slots__: no per-node __dict__ (a node with its tuples and floats is ~225 bytes; micrograd's ~760).
    __slots__ = ("data", "grad", "label", "op", "children", "local_grads", "role", "frozen")

    def __init__(self, data: Number, label: str = "", *, role: str = "") -> None:
        if type(data) is not float:
            data = _to_float(data)
        if not -_INF < data < _INF:  # also False for nan
            raise ops.non_finite_error("Value", data, (), label)
        if not isinstance(label, str) or not isinstance(role, str):
            raise TypeError(f"Value: label and role must be str, got {type(label).__name__} and {type(role).__name__}")
        self.data = data
        self.grad = 0.0
        self.label = label
        self.op = ""
        self.children = ()
        self.local_grads = ()
        self.role = role
        self.frozen = False

    def __repr__(self) -> str:
        name = f"label={self.label!r}, " if self.label else ""
        return f"Value({name}data={self.data!r}, grad={self.grad!r})"

    # ---------------------------------------------------------------- binary ops
    # Each op: the forward value, then the local derivative for each input, side by side.

    def __add__(self, other: Operand) -> Value:  # self + other
        if type(other) is not Value:
            other = _wrap(other)
            if other is NotImplemented:
                return other
        return _node(self.data + other.data, (self, other), (1.0, 1.0), "+")

    def __sub__(self, other: Operand) -> Value:  # self - other
        if type(other) is not Value:
            other = _wrap(other)
            if other is NotImplemented:
                return other
        return _node(self.data - other.data, (self, other), (1.0, -1.0), "-")

    def __mul__(self, other: Operand) -> Value:  # self * other
        if type(other) is not Value:
            other = _wrap(other)
            if other is NotImplemented:
                return other
        return _node(self.data * other.data, (self, other), (other.data, self.data), "*")

    def __truediv__(self, other: Operand) -> Value:  # self / other: a primitive, so a/b is exact
        if type(other) is not Value:
            other = _wrap(other)
            if other is NotImplemented:
                return other
        a, b = self.data, other.data
        if b == 0.0:
            raise ZeroDivisionError(f"div: division by zero: {ops.describe(other)} is 0 (in {ops.describe(self)} / it)")
        return _node(a / b, (self, other), (1.0 / b, -a / (b * b)), "/")

    def __pow__(self, other: Operand) -> Value:  # self ** other
        if isinstance(other, Value):  # d(a^b)/da = b·a^(b-1), d(a^b)/db = a^b·ln a
            a, b = self.data, other.data
            ops.check_pow_value_base(a, self, other)
            out = ops.checked_pow(a, b, self)
            return _node(out, (self, other), (b * a ** (b - 1.0), out * math.log(a)), "**")
        n = _to_float(other, "an exponent")
        x = self.data
        out = ops.checked_pow(x, n, self)
        return _node(out, (self,), (ops.pow_derivative(x, n, self),), f"**{ops.fmt(n)}")

    def __rpow__(self, other: Number) -> Value:  # other ** self, other a number: d(c^x)/dx = c^x·ln c
        c = _to_float(other, "a base")
        ops.check_rpow_base(c, self)
        out = ops.checked_pow(c, self.data, self, base_is_constant=True)
        return _node(out, (self,), (out * math.log(c),), f"{ops.fmt(c)}**")

    # ---------------------------------------------------------------- derived one-liners
    def __radd__(self, other: Number) -> Value:  # other + self
        return self + other

    def __rmul__(self, other: Number) -> Value:  # other * self
        return self * other

    def __rsub__(self, other: Number) -> Value:  # other - self
        other = _wrap(other)
        return other if other is NotImplemented else other - self

    def __rtruediv__(self, other: Number) -> Value:  # other / self
        other = _wrap(other)
        return other if other is NotImplemented else other / self

    # ---------------------------------------------------------------- unary ops
    def __neg__(self) -> Value:  # -self
        return _node(-self.data, (self,), (-1.0,), "neg")

    def exp(self) -> Value:  # e^x, d/dx = e^x
        out = ops.checked_exp(self.data, self)
        return _node(out, (self,), (out,), "exp")

    def log(self) -> Value:  # ln x, d/dx = 1/x (x > 0)
        x = self.data
        ops.check_log(x, self)
        return _node(math.log(x), (self,), (1.0 / x,), "log")

    def sqrt(self) -> Value:  # √x, d/dx = 1/(2√x) (x > 0; at 0 the slope is infinite)
        x = self.data
        ops.check_sqrt(x, self)
        out = math.sqrt(x)
        return _node(out, (self,), (0.5 / out,), "sqrt")

    def tanh(self) -> Value:  # tanh x, d/dx = 1 - tanh² x
        t = math.tanh(self.data)
        return _node(t, (self,), (1.0 - t * t,), "tanh")

    def sigmoid(self) -> Value:  # σ(x) = 1/(1+e^-x), d/dx = σ(x)(1 - σ(x))
        s = ops.sigmoid(self.data)
        return _node(s, (self,), (s * (1.0 - s),), "sigmoid")

    def relu(self) -> Value:  # max(0, x), d/dx = 1 if x > 0 else 0 (0 at the kink, as PyTorch)
        x = self.data
        return _node(x if x > 0.0 else 0.0, (self,), (1.0 if x > 0.0 else 0.0,), "relu")

    # ---------------------------------------------------------------- your own ops
    @classmethod
    def from_op(cls, data: Number, children: Sequence[Value], local_grads: Sequence[Number], op: str, label: str = "") -> Value:
        """A node of an op of your own: its value and the local derivative for each input.

        ``backward()`` needs nothing else, so an op is exactly these two things, e.g. a softplus::

            s = math.log1p(math.exp(x.data))
            y = Value.from_op(s, (x,), (1 / (1 + math.exp(-x.data)),), "softplus")   # ∂y/∂x = σ(x)

        ``gradcheck`` then tells whether the derivative you wrote is right.
        """
        if isinstance(children, Value) or not isinstance(children, Sequence):
            raise TypeError(f"from_op: children must be a sequence of Values, got {type(children).__name__}")
        if isinstance(local_grads, (str, bytes)) or not isinstance(local_grads, Sequence):
            raise TypeError(f"from_op: local_grads must be a sequence of numbers, got {type(local_grads).__name__}")
        if len(children) != len(local_grads):
            raise ValueError(f"from_op: {len(children)} children but {len(local_grads)} local_grads; give one derivative per input")
        for c in children:
            if not isinstance(c, Value):
                raise TypeError(f"from_op: children must be Values, got {type(c).__name__}: {c!r}")
        if not isinstance(op, str) or not op:
            raise ValueError(f"from_op: op must be a non-empty name for the operation, got {op!r}")
        local = tuple(_to_float(g, f"from_op: local_grads of {op!r}") for g in local_grads)
        if not all(map(math.isfinite, local)):
            raise ValueError(f"from_op: the local derivatives of {op!r} must be finite, got {local}")
        node = cls(data, label)
        node.op, node.children, node.local_grads = op, tuple(children), local
        return node

    # ---------------------------------------------------------------- gradients
    def backward(self, grad: float = 1.0) -> None:
        """Fill ``.grad`` of every node in this graph with ∂self/∂node.

        Seeds this node with ``grad`` (1.0: ∂E_total/∂E_total) and applies the chain rule in
        reverse topological order; the sort is iterative, so depth is limited only by memory.

        Semantics (as in PyTorch): LEAF gradients ACCUMULATE across calls, so call
        `zero_grad` (or an optimizer's ``zero_grad()``) between steps. Every INTERMEDIATE
        gradient is recomputed from scratch on each call, so it is never stale or compounded:
        two ``backward()`` calls leave every leaf grad at exactly twice its first value.
        """
        grad = _to_float(grad, "backward(grad)")
        order = topological_order(self)
        for node in order:  # intermediate nodes start from 0; leaves keep what they had
            if node.children:
                node.grad = 0.0
        self.grad += grad
        for node in reversed(order):
            g = node.grad
            if g == 0.0:  # nothing to pass on (also skips every leaf)
                continue
            for child, local in zip(node.children, node.local_grads):
                child.grad += local * g  # the chain rule: ∂root/∂child += ∂node/∂child · ∂root/∂node
        if not all(map(math.isfinite, map(_grad_of, order))):
            raise ops.non_finite_grad_error(next(n for n in order if not math.isfinite(n.grad)))

    def zero_grad(self) -> None:
        """Set ``.grad = 0.0`` on every node of the graph that ends at this node."""
        for node in topological_order(self):
            node.grad = 0.0

    @property
    def is_leaf(self) -> bool:
        """True for a node no operation made: an input, a weight, a constant."""
        return not self.children


_grad_of = attrgetter("grad")
_new = object.__new__
_INF = math.inf


def _node(data: float, children: tuple, local_grads: tuple, op: str, label: str = "") -> Value:
    """Make the result node of an op: ``Value(data, label)`` with ``op``, ``children`` and
    ``local_grads`` filled in, minus the type checks (an op always produces a float) and the call
    through ``__init__``. That halves the cost of an op, which is most of the cost of building a
    graph, so every op goes through here. Only the finiteness check stays."""
    if not -_INF < data < _INF:  # also False for nan: an overflowing result is an error, not inf
        raise ops.non_finite_error(op, data, children, label)
    v = _new(Value)
    v.data = data
    v.grad = 0.0
    v.label = label
    v.op = op
    v.children = children
    v.local_grads = local_grads
    v.role = ""
    v.frozen = False
    return v


def _wrap(other: object) -> Value:
    """``other`` as a Value: Values pass through, real numbers become constant leaves."""
    if isinstance(other, Value):
        return other
    if isinstance(other, numbers.Real) and not isinstance(other, bool):
        if not -_INF < other < _INF:
            raise ops.non_finite_error("Value", other, (), "")
        v = _node(float(other), (), (), "")
        v.role = "constant"
        return v
    return NotImplemented  # Python then raises TypeError naming both operand types


def sum_values(terms: Iterable[Operand], label: str = "") -> Value:
    """``Σ terms`` as ONE node with n inputs and local derivative 1.0 for each.

    E_total = E_o1 + E_o2 is ``sum_values([E_o1, E_o2], "E_total")``. A single node (instead of a
    chain of binary additions) keeps drawings small and backward fast.
    """
    terms = tuple(_wrap_or_fail(t, "sum_values") for t in terms)
    if not terms:
        raise ValueError("sum_values: no terms given; pass at least one Value or number")
    total = 0.0
    for t in terms:
        total += t.data
    return _node(total, terms, (1.0,) * len(terms), "sum", label)


def dot(weights: Sequence[Value], inputs: Sequence[Operand], bias: Operand | None = None, label: str = "") -> Value:
    """A neuron's weighted sum ``net = Σ w_i·x_i (+ b)`` as ONE node.

    Its local derivatives are exactly the partials of the lectures:
    ``∂net/∂w_i = x_i``, ``∂net/∂x_i = w_i``, ``∂net/∂b = 1``. The children are ordered
    ``w_1, x_1, w_2, x_2, …, b``, so for ``net_h1 = w1·i1 + w2·i2 + b1·1`` the tracer reads
    ``∂net_h1/∂w1 = i1 = 0.05`` straight off the node.
    """
    if len(weights) != len(inputs):
        raise ValueError(f"dot: {len(weights)} weights but {len(inputs)} inputs; give one weight per input")
    if not weights:
        raise ValueError("dot: no weights given; a weighted sum needs at least one weight and input")
    children: list = []
    local: list = []
    total = 0.0
    for w, x in zip(weights, inputs):  # a plain loop: at n = 2..16 it beats map/zip pipelines
        if type(w) is not Value:
            w = _wrap_or_fail(w, "dot")
        if type(x) is not Value:
            x = _wrap_or_fail(x, "dot")
        wd, xd = w.data, x.data
        total += wd * xd  # w1·x1 + w2·x2 + …, left to right
        children += (w, x)
        local += (xd, wd)  # ∂net/∂w_i = x_i, ∂net/∂x_i = w_i
    if bias is not None:
        b = bias if type(bias) is Value else _wrap_or_fail(bias, "dot")
        total += b.data
        children.append(b)
        local.append(1.0)  # ∂net/∂b = 1
    return _node(total, tuple(children), tuple(local), "dot", label)


def _wrap_or_fail(x: object, where: str) -> Value:
    v = _wrap(x)
    if v is NotImplemented:
        raise TypeError(f"{where}: expected a Value or a real number, got {type(x).__name__}: {x!r}")
    return v


_EMIT = object()  # stack marker in topological_order: "the node below me has all its inputs done"


def topological_order(root: Value) -> list[Value]:
    """Every node the root depends on, each once, inputs before the nodes made from them.

    Iterative depth-first post-order, so a 1,000,000-node chain is fine. It is shaped for speed:
    the stack holds only nodes and one marker object (no per-node tuples or iterators, which
    would wake the garbage collector on big graphs), and children are pushed with one C-level
    ``extend``. A node popped for the first time is pushed back under ``_EMIT`` and its inputs
    above it; when ``_EMIT`` surfaces again, all those inputs are in ``order``, so the node goes
    next. The order is deterministic: children are visited in their recorded order.
    """
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
    """Reset gradients to 0.0: of a whole graph (pass its root) or of a set of values (e.g. parameters)."""
    if isinstance(values, Value):
        values.zero_grad()
        return
    for v in values:
        if not isinstance(v, Value):
            raise TypeError(f"zero_grad: expected Values, got {type(v).__name__}: {v!r}")
        v.grad = 0.0
