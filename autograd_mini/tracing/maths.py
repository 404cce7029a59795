"""A tiny maths tree with two renderers, plain text and LaTeX, so each tracer walks the graph once.

`trace`, `tape`, `summary` and `grading` describe what they found as terms (a name, a number, ∂top/∂bottom,
δ_j, a product, a sum, a chain of equalities); `text` and `latex` turn the same terms into
``∂E_total/∂w5 = 0.74136507 × 0.186815602 × 0.593269992 = 0.082167041`` or its ``\\frac{…}{…}`` form.

Terms are plain tuples: ``("name", "w5")``, ``("num", 0.4)``, ``("partial", "E_total", "w5")``,
``("delta", "o1")``, ``("prod", [terms], "×")``, ``("sum", [terms])``, ``("diff", a, b)``,
``("call", "σ", arg)``, ``("pow", base, "2")``, ``("upd", "w5")`` (w5⁺), ``("raw", text, latex)``,
``("eq", [terms])``.
"""

from __future__ import annotations

from typing import Any, Callable

from autograd_mini.graph import is_expression, partial
from autograd_mini.text import cut
from autograd_mini.tracing.latex import MAX_NAME, escape, latex_name, latex_number

Term = tuple[Any, ...]
Fmt = Callable[[float], str]

__all__ = ["Term", "text", "latex", "name", "num", "eq", "prod", "plus", "raw"]


def name(n: str) -> Term:
    return ("name", n)


def num(x: float) -> Term:
    return ("num", x)


def eq(*parts: Term) -> Term:
    return ("eq", list(parts))


def prod(parts: list[Term], sep: str = "×") -> Term:
    return ("prod", list(parts), sep)


def plus(parts: list[Term]) -> Term:
    return ("sum", list(parts))


def raw(text_form: str, latex_form: str | None = None) -> Term:
    return ("raw", text_form, text_form if latex_form is None else latex_form)


def _operand(n: str) -> str:
    return f"({n})" if is_expression(n) and not (n.startswith("(") and n.endswith(")")) else n


def _expr_name(t: Term) -> bool:
    return t[0] == "name" and is_expression(t[1]) and not (t[1].startswith("(") and t[1].endswith(")"))


def _neg(t: Term, rendered: str) -> bool:
    return rendered.startswith("-") or rendered.startswith("−") or t[0] in ("sum", "diff")


def text(t: Term, f: Fmt) -> str:
    """``t`` as plain text (numbers through ``f``; negative factors in parentheses)."""
    kind = t[0]
    if kind == "name":
        return str(t[1])
    if kind == "num":
        return f(t[1])
    if kind == "partial":
        return partial(t[1], t[2])
    if kind == "delta":
        return f"δ_{t[1]}"
    if kind == "upd":
        return f"{t[1]}⁺"
    if kind == "raw":
        return str(t[1])
    if kind == "prod":
        out = []
        for p in t[1]:
            r = text(p, f)
            out.append(f"({r})" if _neg(p, r) or (p[0] == "name" and is_expression(p[1])) else r)
        return f" {t[2]} ".join(out) if t[2] not in ("·", "") else t[2].join(out)
    if kind == "sum":
        out = []
        for p in t[1]:
            r = text(p, f)
            out.append(f"({r})" if r.startswith("-") or r.startswith("−") or _expr_name(p) else r)
        return " + ".join(out)
    if kind == "diff":
        a, b = text(t[1], f), text(t[2], f)
        if _expr_name(t[1]) or a.startswith("-"):
            a = f"({a})"
        return f"{a} − {f'({b})' if _neg(t[2], b) or _expr_name(t[2]) else b}"
    if kind == "call":
        return f"{t[1]}({text(t[2], f)})"
    if kind == "pow":
        base = text(t[1], f)
        if t[1][0] in ("sum", "diff", "prod") or (t[1][0] == "name" and is_expression(t[1][1])) or base.startswith("-"):
            base = f"({base})"
        sup = {"2": "²", "3": "³"}.get(t[2])
        return f"{base}{sup}" if sup else f"{base}^{t[2]}"
    if kind == "eq":
        return " = ".join(text(p, f) for p in t[1])
    raise ValueError(f"unknown maths term {kind!r}")  # pragma: no cover - internal


def latex(t: Term, f: Fmt) -> str:
    """``t`` as LaTeX maths (without the ``$$`` delimiters)."""
    kind = t[0]
    if kind == "name":
        return latex_name(t[1])
    if kind == "num":
        return latex_number(f(t[1]))
    if kind == "partial":
        return rf"\frac{{\partial {latex_name(t[1])}}}{{\partial {latex_name(t[2])}}}"
    if kind == "delta":
        return rf"\delta_{{{escape(cut(t[1], MAX_NAME))}}}"
    if kind == "upd":
        return f"{latex_name(t[1])}^{{+}}"
    if kind == "raw":
        return str(t[2])
    if kind == "prod":
        sep = {"×": r" \times ", "·": r" \cdot "}.get(t[2], " ")
        factors = []
        for p in t[1]:
            r = latex(p, f)
            factors.append(rf"\left({r}\right)" if _neg(p, r) else r)
        return sep.join(factors)
    if kind == "sum":
        total = ""
        for i, p in enumerate(t[1]):
            r = latex(p, f)
            if i == 0:
                total = r
            elif r.startswith("-"):
                total += f" - {r[1:]}"
            else:
                total += f" + {r}"
        return total
    if kind == "diff":
        a, b = latex(t[1], f), latex(t[2], f)
        if _neg(t[2], b):
            b = rf"\left({b}\right)"
        return f"{a} - {b}"
    if kind == "call":
        fn = r"\sigma" if t[1] == "σ" else rf"\mathrm{{{escape(cut(t[1], MAX_NAME))}}}"
        return rf"{fn}\left({latex(t[2], f)}\right)"
    if kind == "pow":
        base = latex(t[1], f)
        if t[1][0] in ("sum", "diff", "prod") or base.startswith("-"):
            base = rf"\left({base}\right)"
        return f"{{{base}}}^{{{escape(str(t[2]))}}}"
    if kind == "eq":
        return " = ".join(latex(p, f) for p in t[1])
    raise ValueError(f"unknown maths term {kind!r}")  # pragma: no cover - internal
