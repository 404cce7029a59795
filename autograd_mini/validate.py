"""One validation layer for the whole public API: every argument check lives here.

The rule, everywhere (engine, drawing, tracing, CLI, ``nn``):

* ``TypeError`` for a wrong TYPE (a str where a number goes, a bool for a count, None for a list);
* ``ValueError`` for a wrong VALUE of the right type (nan, inf, a negative count, an unknown name,
  a list of the wrong length, a number too large for a float);
* ``ArithmeticError`` subclasses (``OverflowError``, ``ZeroDivisionError``) for a numerical failure
  of an operation (e^1000, a gradient that overflows, 1/0) — raised by the ops, not here.

Every message starts with what the user called (``MLP.load: …``, ``explain: …``) and says what to do.
Functions that write user state (parameters, optimizer state, files) validate everything first and
write last, so an error leaves everything as it was.

Each checker takes the value, ``where`` (the public call, e.g. ``"SGD"`` or ``"draw_dot"``) and
``what`` (the argument, e.g. ``"lr"``) and returns the value in canonical form (a float, an int, a
list of floats). numpy scalars and 1-D numpy arrays are accepted wherever plain numbers and lists are,
without importing numpy here.
"""

from __future__ import annotations

import math
import numbers
import operator
from collections.abc import Sequence
from typing import Any, Callable, Iterable, TypeVar, cast

from autograd_mini.text import cut

__all__ = [
    "real", "finite", "positive", "non_negative", "probability", "integer", "boolean", "text", "choice",
    "numbers_list", "sequence", "function", "shown", "file_path", "is_real", "op_parts", "operand", "iterable",
    "node_data", "pickled_node",
]  # fmt: skip

T = TypeVar("T")

_INF = math.inf


def shown(x: object, limit: int = 80) -> str:
    """``type: repr`` of a bad argument, the repr cut to ``limit`` characters (a 10 MB string stays short)."""
    try:
        r = repr(x)
    except Exception:  # a user's object whose __repr__ fails must not hide the real error
        r = f"<{type(x).__name__} object>"
    if "\n" in r:  # a numpy array's repr spans lines; a message is one line
        r = " ".join(line.strip() for line in r.split("\n"))
    return f"{type(x).__name__}: {cut(r, limit)}"


def _is_bool(x: object) -> bool:
    """Python's bool or numpy's (``np.bool_``), which is not a subclass of bool."""
    return isinstance(x, bool) or (type(x).__module__ == "numpy" and type(x).__name__ in ("bool", "bool_"))


def _is_real(x: object) -> bool:
    return not _is_bool(x) and isinstance(x, numbers.Real)


def real(x: object, where: str, what: str, *, finite: bool = True) -> float:
    """``x`` as a float. TypeError unless a real number (int, float, Fraction, numpy scalar; not bool);
    ValueError for nan/±inf (when ``finite``) and for ints beyond the float range."""
    if type(x) is float:  # the fast path: most arguments are already floats
        if finite and not -_INF < x < _INF:
            raise ValueError(f"{where}: {what} must be a finite number, got {x!r}; check for a division by zero or an overflow upstream")
        return x
    if getattr(x, "ndim", None) == 0 and hasattr(x, "item"):  # a 0-d numpy array: the number it holds
        x = x.item()
    if not _is_real(x):
        hint = " (write 1.0 or 0.0)" if _is_bool(x) else ""
        raise TypeError(f"{where}: {what} must be a real number (int or float), got {shown(x)}{hint}")
    try:
        f = float(x)  # type: ignore[arg-type]
    except OverflowError:
        raise ValueError(f"{where}: {what} = {shown(x, 40)} is too large for a float (at most about 1.8e308)") from None
    if finite and not -_INF < f < _INF:
        raise ValueError(f"{where}: {what} must be a finite number, got {f!r}; check for a division by zero or an overflow upstream")
    return f


def finite(x: float, where: str, what: str) -> float:
    """A float already computed (not a user argument) that must be finite: ValueError otherwise."""
    if not -_INF < x < _INF:
        raise ValueError(f"{where}: {what} is {x!r}, not a finite number")
    return x


def positive(x: object, where: str, what: str) -> float:
    """A finite real number > 0 (a learning rate, an ε, a tolerance)."""
    f = real(x, where, what)
    if not f > 0.0:
        raise ValueError(f"{where}: {what} must be a positive number, got {f!r}")
    return f


def non_negative(x: object, where: str, what: str) -> float:
    """A finite real number ≥ 0."""
    f = real(x, where, what)
    if not f >= 0.0:
        raise ValueError(f"{where}: {what} must be a number ≥ 0, got {f!r}")
    return f


def probability(x: object, where: str, what: str, *, closed: bool = False) -> float:
    """A number in [0, 1) (``closed``: [0, 1]) such as a momentum or a β."""
    f = real(x, where, what)
    if not (0.0 <= f <= 1.0 if closed else 0.0 <= f < 1.0):
        raise ValueError(f"{where}: {what} must lie in [0, 1{']' if closed else ')'}, got {f!r}")
    return f


def integer(x: object, where: str, what: str, *, low: int | None = None, high: int | None = None) -> int:
    """An int (numpy integers too; not bool, not a float like 2.0) within ``[low, high]``."""
    if _is_bool(x) or not isinstance(x, numbers.Integral):
        raise TypeError(f"{where}: {what} must be a whole number (int), got {shown(x)}")
    n = int(x)
    if (low is not None and n < low) or (high is not None and n > high):
        bounds = f"≥ {low:,}" if high is None else (f"≤ {high:,}" if low is None else f"between {low:,} and {high:,}")
        got = f"{n:,}" if abs(n) < 10**60 else f"a number of about {int(abs(n).bit_length() * 0.30103) + 1:,} digits"  # (str() stops at 4,300)
        raise ValueError(f"{where}: {what} must be {bounds}, got {got}")
    return n


def boolean(x: object, where: str, what: str) -> bool:
    """True or False (numpy's bool too); not 0/1, not a string."""
    if _is_bool(x):
        return bool(x)
    raise TypeError(f"{where}: {what} must be True or False, got {shown(x)}")


def text(x: object, where: str, what: str, *, empty: bool = True) -> str:
    """A str (``empty=False``: non-empty)."""
    if not isinstance(x, str):
        raise TypeError(f"{where}: {what} must be a str, got {shown(x)}")
    if not empty and not x:
        raise ValueError(f"{where}: {what} must not be empty")
    return x


def choice(x: object, options: Iterable[T], where: str, what: str) -> T:
    """One of ``options`` (compared with ``==``; an unhashable ``x`` is simply not one of them)."""
    opts = list(options)
    for o in opts:
        if type(x) is type(o) and x == o:
            return o
    names = ", ".join(repr(o) for o in opts)
    if opts and not any(isinstance(x, type(o)) for o in opts):
        raise TypeError(f"{where}: {what} must be one of {names}, got {shown(x)}")
    raise ValueError(f"{where}: {what} must be one of {names}, got {shown(x)}")


def sequence(x: object, where: str, what: str, *, length: int | None = None, min_length: int = 0) -> list[Any]:
    """A list from a list, tuple, range or 1-D numpy array (not a str, a dict, a set or a generator:
    those are almost always a mistake); ``length``/``min_length`` checked as ValueErrors."""
    if hasattr(x, "ndim") and hasattr(x, "tolist") and not isinstance(x, (str, bytes)):  # numpy array
        if x.ndim != 1:
            raise ValueError(f"{where}: {what} must be 1-dimensional, got an array of shape {getattr(x, 'shape', '?')}")
        items = list(cast("Iterable[Any]", x))  # keeps numpy scalars / objects as they are
    elif isinstance(x, (str, bytes)) or not isinstance(x, Sequence):
        raise TypeError(f"{where}: {what} must be a list (or tuple, or 1-D numpy array), got {shown(x)}")
    else:
        items = list(x)
    if length is not None and len(items) != length:
        raise ValueError(f"{where}: {what} must have {length} entries, got {len(items)}")
    if len(items) < min_length:
        raise ValueError(f"{where}: {what} must have at least {min_length} entr{'y' if min_length == 1 else 'ies'}, got {len(items)}")
    return items


def numbers_list(x: object, where: str, what: str, *, length: int | None = None, min_length: int = 0) -> list[float]:
    """A list of finite floats from a list/tuple/1-D numpy array of real numbers."""
    items = sequence(x, where, what, length=length, min_length=min_length)
    return [real(v, where, f"{what}[{i}]") for i, v in enumerate(items)]


def function(x: object, where: str, what: str) -> Callable[..., Any]:
    """A callable."""
    if not callable(x):
        raise TypeError(f"{where}: {what} must be a function, got {shown(x)}")
    return x


def op_parts(children: object, local_grads: object, op: object, node_type: type, where: str) -> tuple[tuple[Any, ...], tuple[float, ...]]:
    """The parts of a node built by hand (``Value.from_op``): ``children`` a list/tuple of
    ``node_type`` instances, ``local_grads`` one finite real number per child, ``op`` a non-empty
    str. Returns ``(children, local_grads)`` as tuples (the local derivatives as floats)."""
    if isinstance(children, node_type):
        raise TypeError(f"{where}: children must be a sequence of Values, got Value (write (x,) for one input)")
    kids = tuple(sequence(children, where, "children"))
    for c in kids:
        if not isinstance(c, node_type):
            raise TypeError(f"{where}: children must be Values, got {shown(c)}")
    grads = sequence(local_grads, where, "local_grads")
    if not isinstance(op, str):
        raise TypeError(f"{where}: op must be a str naming the operation, got {shown(op)}")
    if not op:
        raise ValueError(f"{where}: op must be a non-empty name for the operation, e.g. 'softplus'")
    if len(kids) != len(grads):
        raise ValueError(f"{where}: {len(kids)} children but {len(grads)} local_grads; give one derivative per input")
    return kids, tuple(real(g, where, f"local_grads of {op!r}") for g in grads)


def is_real(x: object) -> bool:
    """True for a number whose type `real` takes (int, float, Fraction, numpy scalar; not bool): for
    telling one number from a list of them, e.g. a single input or target."""
    return _is_real(x)


def operand(x: object, where: str) -> float:
    """A plain number given to an arithmetic op of a Value, as a float. A numpy array is a TypeError
    (a Value combines with one number at a time; numpy would otherwise build an array of Values)."""
    if getattr(x, "ndim", 0):
        raise TypeError(f"{where}: x is a numpy array ({shown(x, 40)}); a Value combines with one number "
                        "at a time: loop over the entries, or use dot(weights, inputs)")
    return real(x, where, "the operand (a Value or a number)")


def iterable(x: object, where: str, what: str) -> list[Any]:
    """A list of the items of any iterable (list, tuple, generator, numpy array); not a str or bytes,
    and not an object with an ``op`` attribute (a single graph node where several were expected)."""
    if isinstance(x, (str, bytes)) or not hasattr(x, "__iter__") or hasattr(x, "op"):
        raise TypeError(f"{where}: {what} must be a list (or any iterable), got {shown(x)}")
    return list(x)



def file_path(x: object, where: str, what: str = "path", example: str = "model.json") -> str:
    """A file name: a str or an ``os.PathLike`` giving a str (not bytes), not empty, without NUL bytes;
    ``example`` is the kind of name the message suggests."""
    import os  # kept local: the validation layer imports nothing the engine does not need

    if not isinstance(x, (str, os.PathLike)):
        raise TypeError(f"{where}: {what} must be a str or a pathlib.Path (a file name), got {shown(x)}")
    text = os.fspath(x)
    if not isinstance(text, str):
        raise TypeError(f"{where}: {what} must be a str or a pathlib.Path (a file name, not bytes), got {shown(x)}")
    if not text or "\x00" in text:
        raise ValueError(f"{where}: {what} {text[:80]!r} is not a valid file name; give one such as {example!r}")
    return text


def node_data(nodes: Sequence[Any], where: str) -> None:
    """Every node's ``.data`` is still a finite real number (it is a plain attribute a user may set to nan or a
    str after construction): TypeError/ValueError naming the first bad node otherwise. One C-level sum when all
    is well (a sum that overflows harmlessly or fails only leads to the node-by-node look)."""
    try:
        total = sum(map(_data_of, nodes), 0.0)
        if type(total) is float and -_INF < total < _INF:  # (a numpy array's sum is an array: the slow look)
            return
    except (TypeError, ValueError, ArithmeticError):
        pass
    for node in nodes:
        d = node.data
        if type(d) is not float or not -_INF < d < _INF:
            name = f"the node {node.label!r}" if node.label else f"a{'n' if node.op[:1] in 'aeiou' else ''} {node.op or 'leaf'} node"
            real(d, where, f"the .data of {name} (set after it was made?)")


_data_of = operator.attrgetter("data")
_PICKLE_FORMATS = "1 (autograd_mini 0.1, November 2026, a 9-value state) and 0 (before it, the default state of __slots__)"


def pickled_node(state: object, current: int, where: str) -> tuple[Any, ...]:
    """The 8 fields (data, grad, label, op, children, local_grads, role, frozen) of a node from a pickle written
    by an older release (format ``current`` carries its number first; 1 and 0 carried none):
    ValueError naming the format when it is none of them (e.g. a newer release's)."""
    if isinstance(state, tuple) and len(state) == 9 and isinstance(state[0], (list, tuple)):  # format 1
        return state[1:]
    if isinstance(state, tuple) and len(state) == 2 and state[0] is None and isinstance(state[1], dict) and "data" in state[1]:
        slots = {"grad": 0.0, "label": "", "op": "", "children": (), "local_grads": (), "role": "", "frozen": False, **state[1]}
        return tuple(slots[k] for k in ("data", "grad", "label", "op", "children", "local_grads", "role", "frozen"))  # format 0
    version = state[0] if isinstance(state, tuple) and state and isinstance(state[0], int) else "unknown"
    raise ValueError(f"{where}: this pickle was written in format {version} (a newer or unknown release); this autograd_mini "
                     f"reads format {current} and the older {_PICKLE_FORMATS}. Load it with the release that wrote it "
                     "and save the numbers (model.save) instead")
