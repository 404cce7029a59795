"""Local derivative rules and op formulas, read off a node's op and inputs (names, not numbers).

`local_rule` says WHY a local derivative has its value, as the lectures write it::

    ∂net_o1/∂w5 = out_h1                    (dot: the paired input)
    ∂net_o1/∂out_h1 = w5                    (dot: the paired weight)
    ∂out_o1/∂net_o1 = out_o1(1 − out_o1)    (sigmoid)
    ∂y/∂x = 1 − y²                          (tanh)
    ∂y/∂x = cos(x), ∂y/∂x = −sin(x)          (sin, cos)
    ∂(t − o)²/∂(t − o) = 2·(t − o)          (**2)
    ∂(a·b)/∂a = b, ∂(a + b)/∂a = 1, ∂E_total/∂E_o1 = 1 (a sum)

`formula` writes the op as infix maths: ``net_o1 = w5·out_h1 + w6·out_h2 + b2``, ``E_total = E_o1 + E_o2``.
Both return `autograd_mini.tracing.maths` terms, rendered as plain text or LaTeX. An op they do not know
(a user's own `Value.from_op`) gets ``None`` from `local_rule` and ``op(a, b)`` from `formula`.
"""

from __future__ import annotations

from typing import Callable

from autograd_mini.engine import Value
from autograd_mini.graph import is_expression, post_format
from autograd_mini.neurons import neuron_of
from autograd_mini.text import cut
from autograd_mini.tracing.latex import MAX_NAME, escape
from autograd_mini.tracing.maths import Term, latex, name, num, plus, prod, raw, text

__all__ = ["local_rule", "formula", "neuron_of"]

Namer = Callable[[Value], str]


def _pow_exponent(op: str) -> str | None:
    if op.startswith("**") and len(op) > 2:
        return op[2:]
    return None


def _t(node: Value, namer: Namer) -> Term:
    """A node as an operand: its name, or its value when it is an unnamed constant."""
    if not node.label and not node.children and node.role == "constant":
        return num(node.data)
    return name(namer(node))


def local_rule(parent: Value, position: int, namer: Namer) -> Term | None:
    """∂parent/∂children[position] as a rule in the nodes' names, or None for an op without a known rule."""
    if not isinstance(parent, Value):
        raise TypeError(f"local_rule: parent must be a Value, got {type(parent).__name__}")
    op, kids = parent.op, parent.children
    if not 0 <= position < len(kids):
        return None
    if op in ("+", "sum", "linear"):  # linear: a neuron's out = net (nn's activation="linear")
        return num(1.0)
    me = _t(parent, namer)
    x = me if op in ("dot", "sigmoid", "tanh", "exp", "sqrt") else _t(kids[position], namer)  # the input, where a rule needs it
    if op == "-":
        return num(1.0 if position == 0 else -1.0)
    if op == "neg":
        return num(-1.0)
    if op == "*":
        return _t(kids[1 - position], namer)
    if op == "dot":
        if position == len(kids) - 1 and len(kids) % 2 == 1:
            return num(1.0)  # the bias: ∂net/∂b = 1
        return _t(kids[position + 1 if position % 2 == 0 else position - 1], namer)
    if op == "sigmoid":
        return prod([me, ("diff", num(1.0), me)], "")
    if op == "tanh":
        return ("diff", num(1.0), ("pow", me, "2"))
    if op == "exp":
        return me
    if op == "sin":
        return raw(f"cos({text(x, post_format)})", r"\cos\left(" + latex(x, post_format) + r"\right)")
    if op == "cos":
        return raw(f"−sin({text(x, post_format)})", r"-\sin\left(" + latex(x, post_format) + r"\right)")
    if op == "log":
        return raw(f"1/{_op_text(x)}", r"\frac{1}{" + _op_latex(x) + "}")
    if op == "sqrt":
        return raw(f"1/(2·{_op_text(me)})", r"\frac{1}{2" + _op_latex(me) + "}")
    if op == "relu":
        if parent.local_grads[position]:
            return raw(f"1 ({_op_text(x)} > 0)", r"1 \left(" + _op_latex(x) + r" \gt 0\right)")
        return raw(f"0 ({_op_text(x)} ≤ 0)", r"0 \left(" + _op_latex(x) + r" \le 0\right)")
    if op == "/":
        a, b = _t(kids[0], namer), _t(kids[1], namer)
        if position == 0:
            return raw(f"1/{_op_text(b)}", r"\frac{1}{" + _op_latex(b) + "}")
        return raw(f"−{_op_text(a)}/{_op_text(b)}²", r"-\frac{" + _op_latex(a) + "}{" + _op_latex(b) + "^{2}}")
    n = _pow_exponent(op)
    if n is not None:
        if n == "2":
            return prod([num(2.0), x], "·")
        return raw(f"{n}·{_op_text(x)}^({n} − 1)", f"{_esc(n)} " + _op_latex(x) + f"^{{{_esc(n)} - 1}}")
    if op == "**":
        a, b = _t(kids[0], namer), _t(kids[1], namer)
        if position == 0:
            return raw(f"{_op_text(b)}·{_op_text(a)}^({_op_text(b)} − 1)", _op_latex(b) + " " + _op_latex(a) + "^{" + _op_latex(b) + " - 1}")
        return raw(f"{_op_text(me)}·ln {_op_text(a)}", _op_latex(me) + r" \ln " + _op_latex(a))
    if op.endswith("**") and len(op) > 2:
        c = op[:-2]
        return raw(f"{_op_text(me)}·ln {c}", _op_latex(me) + rf" \ln {_esc(c)}")
    return None


def formula(node: Value, child_names: list[str]) -> Term:
    """The op of ``node`` as infix maths over its inputs' names (``w5·out_h1 + w6·out_h2 + b2``)."""
    if not isinstance(node, Value):
        raise TypeError(f"formula: node must be a Value, got {type(node).__name__}")
    op, kids = node.op, node.children
    ops = [_named(c, n) for c, n in zip(kids, child_names)]
    if not kids:
        return num(node.data)
    if op in ("+", "sum"):
        return plus(ops)
    if op == "-" and len(ops) == 2:
        return ("diff", ops[0], ops[1])
    if op == "*" and len(ops) == 2:
        return prod(ops, "·")
    if op == "/" and len(ops) == 2:
        return raw(f"{_op_text(ops[0])} / {_op_text(ops[1])}", r"\frac{" + _op_latex(ops[0]) + "}{" + _op_latex(ops[1]) + "}")
    if op == "neg" and len(ops) == 1:
        return raw(f"−{_op_text(ops[0])}", "-" + _op_latex(ops[0]))
    if op == "dot":
        terms = [prod([ops[i], ops[i + 1]], "·") for i in range(0, len(ops) - 1, 2)]
        if len(ops) % 2 == 1:
            terms.append(ops[-1])
        return plus(terms)
    n = _pow_exponent(op)
    if n is not None and len(ops) == 1:
        return ("pow", ops[0], n)
    if op == "**" and len(ops) == 2:
        return ("pow", ops[0], child_names[1])
    if op.endswith("**") and len(op) > 2 and len(ops) == 1:
        return ("pow", raw(op[:-2], _esc(op[:-2])), child_names[0])
    if op == "sigmoid" and len(ops) == 1:
        return ("call", "σ", ops[0])
    return raw(f"{op}({', '.join(_op_text(o) for o in ops)})", rf"\mathrm{{{_esc(op)}}}\left(" + ", ".join(_op_latex(o) for o in ops) + r"\right)")


def _named(node: Value, n: str) -> Term:
    if not node.label and not node.children and node.role == "constant":
        return num(node.data)
    return name(n)


# Operands inside raw() forms: rendered with the default number format (these are names or constants).
def _op_text(t: Term) -> str:
    r = text(t, post_format)
    return f"({r})" if (t[0] == "name" and is_expression(t[1])) or r.startswith("-") else r


def _op_latex(t: Term) -> str:
    return "{" + latex(t, post_format) + "}"


def _esc(s: str) -> str:
    return escape(cut(s, MAX_NAME))
