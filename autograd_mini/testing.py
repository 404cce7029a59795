"""Checking computed values against published figures, at the precision the figure is printed.

A worked example prints ``out_o1 = 0.75136507``: eight decimals, so it claims the true value lies
within half a unit of the 8th decimal, ``|out_o1 − 0.75136507| ≤ 0.5e-8``. `assert_published`
checks exactly that claim (in exact decimal arithmetic, so a value on the boundary is not decided
by float rounding) and, when it fails, reports the computed value, the figure and the difference::

    from autograd_mini.testing import assert_published
    assert_published(out_o1.data, "0.75136507", name="out_o1")

Write the figure as a STRING, as printed: ``"0.40"`` claims two decimals, ``0.40`` the float would
have lost the trailing zero (a `decimal.Decimal` keeps it too, so ``Decimal("0.40")`` is accepted).

`assert_figures` checks every figure of a worked example at once, by node label, and on failure
raises ONE AssertionError whose message is a table of every mismatch — what an autograder shows::

    assert_figures(E_total, values={"out_o1": "0.75136507"}, grads={"w5": "0.082167041"})

`local_grad` reads a local derivative off a node, e.g. ``∂net_o1/∂w5 = out_h1``.
"""

from __future__ import annotations

import numbers
from decimal import Context, Decimal, InvalidOperation, localcontext
from typing import Mapping, Optional, Union

from autograd_mini import validate
from autograd_mini.engine import Value, topological_order
from autograd_mini.graph import check_root
from autograd_mini.text import cut

__all__ = ["assert_published", "assert_figures", "agrees", "published_tolerance", "local_grad"]

Computed = Union[Value, int, float, Decimal]
Figure = Union[str, Decimal]

_FLOAT_MAX = Decimal(1.7976931348623157e308)
_MAX_FIGURE_CHARS = 1200  # a printed figure, not a data dump (the exact decimal of 5e-324 has 1076)
_MIN_EXPONENT = -1100  # the smallest float, 5e-324, is exact with 1074 decimals: none is printed finer
_DISPLAY = Context(prec=12, Emin=-(10**17), Emax=10**17)  # rounded differences for messages, any exponent


def _figure(published: object, where: str = "assert_published") -> Decimal:
    """The printed figure as an exact Decimal (a Unicode minus sign '−' and '_' separators are accepted)."""
    if isinstance(published, Decimal):
        figure, text = published, str(published)
    elif isinstance(published, str):
        text = published.strip().replace("−", "-").replace("_", "")
        if len(text) > _MAX_FIGURE_CHARS:
            raise ValueError(f"{where}: the published figure has {len(text):,} characters; a printed figure has at most {_MAX_FIGURE_CHARS}")
        try:
            figure = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"{where}: published figure {validate.shown(published)} is not a number; write it as printed, e.g. \"0.75136507\"") from None
    else:
        raise TypeError(
            f"{where}: published figure must be a string as printed (e.g. \"0.40\"), got {validate.shown(published)}; "
            "a number loses the printed precision (0.40 == 0.4)"
        )
    if not figure.is_finite():
        raise ValueError(f"{where}: published figure {text!r} must be a finite number, not nan or infinity")
    exponent = figure.as_tuple().exponent
    assert isinstance(exponent, int)  # a finite Decimal's exponent is an int
    if exponent < _MIN_EXPONENT:
        raise ValueError(
            f"{where}: published figure {cut(text, 40)!r} is printed to 10^{exponent:,}; "
            f"no float carries a digit below 10^{_MIN_EXPONENT:,} (write fewer decimals)"
        )
    if figure.adjusted() >= 309 or not _agree(_FLOAT_MAX, figure.copy_abs(), _tolerance(figure), below=True):
        raise ValueError(f"{where}: published figure {cut(text, 40)!r} is beyond the float range (about ±1.8e308); no computed value can match it")
    return figure


def _tolerance(figure: Decimal) -> Decimal:
    exponent = figure.as_tuple().exponent
    assert isinstance(exponent, int)  # a finite Decimal's exponent is an int
    return Decimal((0, (5,), exponent - 1))  # built exactly: scaleb would round to 0 past the context's Emin


def published_tolerance(published: Figure) -> Decimal:
    """Half a unit in the last printed place: ``"0.75136507"`` → 5E-9, ``"0.40"`` → 0.005, ``"3"`` → 0.5."""
    return _tolerance(_figure(published, "published_tolerance"))


def _computed(computed: object, where: str, name: str) -> Decimal:
    """The computed number as an exact Decimal: a Value's data, a real number (int exactly), a finite Decimal."""
    what = f"{name} (the computed value)" if name else "the computed value"
    if isinstance(computed, Value):
        computed = computed.data
    if isinstance(computed, Decimal):
        if not computed.is_finite():
            raise ValueError(f"{where}: {what} is {computed}, not a finite number; check for a division by zero or an overflow upstream")
        if computed.copy_abs() > _FLOAT_MAX:
            raise ValueError(f"{where}: {what} = {cut(str(computed), 40)} is beyond the float range (about ±1.8e308)")
        return computed
    if isinstance(computed, bool) or not isinstance(computed, numbers.Real):
        raise TypeError(f"{where}: {what}: expected a float or a Value, got {validate.shown(computed)}")
    exact = validate.real(computed, where, what)  # ValueError for nan, ±inf and ints beyond the float range
    return Decimal(int(computed)) if isinstance(computed, numbers.Integral) else Decimal(exact)  # exact binary value


def _agree(value: Decimal, figure: Decimal, tolerance: Decimal, below: bool = False) -> bool:
    """``|value − figure| ≤ tolerance`` (``below``: ``figure − tolerance ≤ value``), exactly: the bounds
    need only the figure's digits plus three, and Decimal comparisons never round."""
    with localcontext() as ctx:
        ctx.prec = len(figure.as_tuple().digits) + 3
        ctx.Emin, ctx.Emax = -(10**17), 10**17
        low = figure - tolerance
        return low <= value if below else low <= value <= figure + tolerance


def _difference(value: Decimal, figure: Decimal) -> Decimal:
    return _DISPLAY.subtract(value, figure)


def _sci(x: Decimal) -> str:
    """``+5.100e-09`` (as a float prints it) within the float range, Decimal's own notation beyond it."""
    return f"{float(x):+.3e}" if x == 0 or Decimal("1e-300") < x.copy_abs() < Decimal("1e300") else f"{x:+.3e}"


def _beyond(value: Decimal, figure: Decimal, tolerance: Decimal) -> str:
    """The difference, with as many digits as it takes to show it is beyond ``tolerance`` (``+5.0000000000000044e-03``
    against ± 5e-3, never a ``+5.000e-03`` that reads as a pass)."""
    shown = _sci(_difference(value, figure))
    if abs(Decimal(shown)) > tolerance:
        return shown
    with localcontext() as ctx:
        ctx.prec, ctx.Emin, ctx.Emax = 60, -(10**17), 10**17
        exact = value - figure
        for digits in range(4, 60):
            shown = f"{exact:+.{digits}e}"
            if abs(Decimal(shown)) > tolerance:
                return shown
    return shown


def _shown_value(value: Decimal) -> str:
    return repr(float(value)) if Decimal("1e-300") < value.copy_abs() < Decimal("1e300") or value == 0 else f"{value:.17e}"


def agrees(computed: Computed, published: Figure) -> bool:
    """True when ``computed`` is within half a unit of the last printed place of ``published``."""
    figure = _figure(published, "agrees")
    return _agree(_computed(computed, "agrees", ""), figure, _tolerance(figure))


def assert_published(computed: Computed, published: Figure, name: str = "") -> None:
    """Assert that ``computed`` (a float or a Value's data) agrees with the ``published`` figure
    at the precision the figure is printed to; raise AssertionError saying by how much it does not.

    Raises:
        TypeError: the figure is not a string (or Decimal), the computed value not a number or Value.
        ValueError: the figure is not a finite number, or the computed value is nan/±inf.
    """
    __tracebackhide__ = True  # pytest: a failure shows the caller's line and the message, not this function
    name = validate.text(name, "assert_published", "name")
    figure, value = _figure(published), _computed(computed, "assert_published", name)
    tolerance = _tolerance(figure)
    if not _agree(value, figure, tolerance):
        label = f"{name}: " if name else ""
        raise AssertionError(
            f"{label}computed {_shown_value(value)} does NOT match the published {cut(str(published).strip(), 60)}: "
            f"difference {_beyond(value, figure, tolerance)}, more than the printed precision allows (± {tolerance:.0e})"
        )


def _mapping(x: object, what: str, pair: bool = False) -> dict:
    """``x`` (a mapping of label → figure, or None) with every key and figure checked, figures parsed."""
    if x is None:
        return {}
    if not isinstance(x, Mapping):
        raise TypeError(f"assert_figures: {what} must be a mapping of node label → figure as printed, got {validate.shown(x)}")
    out = {}
    for key, figure in x.items():
        labels = key if pair and isinstance(key, tuple) and len(key) == 2 else (key,)
        if (pair and len(labels) != 2) or not all(isinstance(k, str) for k in labels):
            form = "a (node label, child label) pair" if pair else "a node label (str)"
            raise TypeError(f"assert_figures: every key of {what} must be {form}, got {validate.shown(key)}")
        out[key] = (figure, _figure(figure, f"assert_figures: {what}[{repr(key)[:60]}]"))
    return out


def assert_figures(
    root: Value,
    values: Optional[Mapping[str, Figure]] = None,
    grads: Optional[Mapping[str, Figure]] = None,
    *,
    local_grads: Optional[Mapping[tuple[str, str], Figure]] = None,
) -> None:
    """Check every published figure of a worked example at its printed precision, by node label.

    Args:
        root: the graph's root (after ``root.backward()`` when ``grads`` are checked).
        values: node label → forward value as printed, e.g. ``{"out_o1": "0.75136507"}``.
        grads: node label → ∂root/∂node as printed, e.g. ``{"w5": "0.082167041"}``.
        local_grads: (node label, child label) → ∂node/∂child as printed, e.g. ``{("net_o1", "w5"): "0.593269992"}``.

    Raises:
        AssertionError: ONE error listing every figure that does not match, as a table
            (label, figure, computed, difference, tolerance).
        TypeError: ``root`` is not a Value; a mapping, a label or a figure has the wrong type.
        ValueError: no figure given; a figure is not a finite number; a label names no node or several
            (the message lists the graph's labels).
    """
    __tracebackhide__ = True  # pytest: a failure shows the caller's line and the table, not this function
    check_root(root, "assert_figures")
    checks = {"value": _mapping(values, "values"), "grad": _mapping(grads, "grads"), "local": _mapping(local_grads, "local_grads", pair=True)}
    if not any(checks.values()):
        raise ValueError("assert_figures: no figures given; pass values={label: figure} and/or grads={label: figure}")
    index: dict[str, list[Value]] = {}
    for node in topological_order(root):
        index.setdefault(node.label, []).append(node)
    wanted = {label for kind, figures in checks.items() for key in figures for label in (key if kind == "local" else (key,))}
    unknown = sorted(label for label in wanted if label not in index)
    ambiguous = sorted(label for label in wanted if len(index.get(label, ())) > 1)
    if unknown or ambiguous:
        known = sorted(label for label in index if label)
        listed = ", ".join(known[:60]) + (" …" if len(known) > 60 else "")
        problem = f"no node is labelled {_labels(unknown)}" if unknown else ""
        if ambiguous:
            problem += ("; " if problem else "") + f"several nodes are labelled {_labels(ambiguous)} (give them distinct labels)"
        raise ValueError(f"assert_figures: {problem}; the graph's labels are: {listed or '(none)'}")
    rows: list[tuple[str, ...]] = []
    total = 0
    for kind, figures in checks.items():
        for key, (text, figure) in figures.items():
            total += 1
            if kind == "local":
                node, child = index[key[0]][0], key[1]
                computed = local_grad(node, child)
                label = f"∂{key[0]}/∂{child}"
            else:
                node = index[key][0]
                computed = node.data if kind == "value" else node.grad
                label = key if kind == "value" else f"∂{root.label or 'root'}/∂{key}"
            value, tolerance = Decimal(computed), _tolerance(figure)
            if not _agree(value, figure, tolerance):
                rows.append((label, cut(str(text).strip(), 60), repr(computed), _beyond(value, figure, tolerance), f"± {tolerance:.0e}"))
    if rows:
        raise AssertionError(_table(rows, total, root))


def _labels(labels: list[str]) -> str:
    return ", ".join(repr(label)[:60] for label in labels[:20]) + (" …" if len(labels) > 20 else "")


def _table(rows: list[tuple[str, ...]], total: int, root: Value) -> str:
    header = ("label", "figure", "computed", "difference", "tolerance")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = [f"assert_figures: {len(rows)} of {total} figures do not match at their printed precision:"]
    for r in [header, tuple("-" * w for w in widths), *rows]:
        lines.append("  " + "  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip())
    if root.grad == 0.0 and any(r[0].startswith("∂") for r in rows):
        lines.append("  (the root's grad is 0: was root.backward() called before checking gradients?)")
    return "\n".join(lines)


def local_grad(node: Value, wrt: Value | str) -> float:
    """∂node/∂wrt as stored on ``node``: the local derivative with respect to one of its children,
    given as the child Value or its label (``local_grad(net_o1, "w5")`` → out_h1).

    A child used more than once (``x * x``) contributes each of its local derivatives: they add up.
    """
    if not isinstance(node, Value):
        raise TypeError(f"local_grad: expected a Value, got {validate.shown(node)}")
    pairs: list[tuple[Value, float]] = list(zip(node.children, node.local_grads))
    if isinstance(wrt, Value):
        hits = [g for c, g in pairs if c is wrt]
    elif isinstance(wrt, str):
        hits = [g for c, g in pairs if c.label == wrt]
        if len({id(c) for c, _ in pairs if c.label == wrt}) > 1:
            raise ValueError(f"local_grad: several different children of {node.label or 'the node'} are labelled {wrt!r}; pass the Value")
    else:
        raise TypeError(f"local_grad: wrt must be a child Value or its label (str), got {validate.shown(wrt)}")
    if not hits:
        labels = [c.label or "?" for c, _ in pairs]
        raise ValueError(
            f"local_grad: {getattr(wrt, 'label', wrt)!r} is not a child of {node.label or 'the node'} "
            f"(its children: {labels})"
        )
    return float(sum(hits))
