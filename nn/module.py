"""`Module`: the base of every network piece, with PyTorch's public names.

A module lists its parameters under stable, readable names (``named_parameters()``), and exposes
their values as plain data (``state_dict()``): one entry per weight matrix, bias vector or shared
bias, as nested lists of floats (``"layers.0.weight": [[0.15, 0.2], [0.25, 0.3]]``) or, with
``flat=True``, one float per parameter (``"layers.0.weight[0][1]": 0.2``). ``load_state_dict``
takes either form back, checks every key and shape before changing anything, and round-trips
floats exactly; ``save``/``load`` do the same through a JSON file, written atomically.
"""

from __future__ import annotations

import json
import math
import numbers
import os
import re
import tempfile
from pathlib import Path
from typing import Any, Iterator, Union

from autograd_mini.engine import Value

__all__ = ["Module"]

State = dict[str, Union[float, list]]
_NAME = re.compile(r"^(.*?)((?:\[\d+\])*)$")  # "layers.0.weight[1][0]" -> ("layers.0.weight", "[1][0]")


class Module:
    """Base class: subclasses implement ``named_parameters()`` and ``forward()``."""

    def named_parameters(self) -> Iterator[tuple[str, Value]]:
        """Yield ``(name, parameter)`` pairs, each parameter once, in a fixed order.

        Names index into `state_dict` entries: ``"layers.0.weight[1][0]"`` (layer 0, neuron 1,
        input 0), ``"layers.0.bias[1]"`` (neuron 1's own bias) or ``"layers.0.bias"`` (shared).
        """
        raise NotImplementedError(f"{type(self).__name__} must implement named_parameters()")

    def forward(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError(f"{type(self).__name__} must implement forward()")

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.forward(*args, **kwargs)

    def parameters(self) -> list[Value]:
        """Every parameter once (a shared bias appears once), frozen ones included."""
        seen: set[int] = set()
        out = []
        for _, p in self.named_parameters():
            if id(p) not in seen:
                seen.add(id(p))
                out.append(p)
        return out

    def zero_grad(self) -> None:
        """Set every parameter's ``grad`` to 0.0 (leaf gradients accumulate across ``backward()``)."""
        for p in self.parameters():
            p.grad = 0.0

    # ------------------------------------------------------------------ freezing
    def freeze(self, *names: str) -> "Module":
        """Keep parameters out of optimizer updates (``Value.frozen``); their ``grad`` is still computed.

        ``names`` are parameter names or prefixes (``"layers.0.bias"``, ``"layers.1"``); none means all.
        """
        for p in self._select(names, "freeze"):
            p.frozen = True
        return self

    def unfreeze(self, *names: str) -> "Module":
        """Undo `freeze` for the named parameters (all when no name is given)."""
        for p in self._select(names, "unfreeze"):
            p.frozen = False
        return self

    def _select(self, names: tuple[str, ...], what: str) -> list[Value]:
        named = list(self.named_parameters())
        if not names:
            return [p for _, p in named]
        chosen = []
        for prefix in names:
            hits = [p for n, p in named if n == prefix or n.startswith((prefix + ".", prefix + "["))]
            if not hits:
                raise ValueError(f"{what}: no parameter is named {prefix!r}; names are {[n for n, _ in named]}")
            chosen += hits
        return chosen

    # ------------------------------------------------------------------ plain data
    def state_dict(self, flat: bool = False) -> State:
        """The parameters' values as plain data: nested lists of floats per key, or one float per
        parameter name with ``flat=True``. Keys keep `named_parameters` order."""
        if flat:
            return {n: p.data for n, p in self.named_parameters()}
        state: dict[str, Any] = {}
        for name, p in self.named_parameters():
            key, index = _split(name)
            if not index:
                state[key] = p.data
            else:
                state.setdefault(key, {})[index] = p.data
        return {k: (_nest(v) if isinstance(v, dict) else v) for k, v in state.items()}

    def load_state_dict(self, state: State) -> None:
        """Set every parameter from ``state`` (either form of `state_dict`).

        All keys and shapes are checked before any parameter changes: a missing or unexpected key,
        or an entry of the wrong shape, raises ValueError naming what was expected and what was given;
        a value that is not a finite real number raises TypeError/ValueError naming where it is.
        """
        if not isinstance(state, dict):
            raise TypeError(f"load_state_dict: expected a dict (from state_dict()), got {type(state).__name__}")
        named = list(self.named_parameters())
        flat_keys = [n for n, _ in named]
        template = self.state_dict()
        if set(state) == set(flat_keys):
            values = [_number(state[n], repr(n)) for n in flat_keys]
        else:
            given, expected = set(state), set(template)
            if given != expected:
                missing = [k for k in template if k not in given]
                unexpected = sorted(str(k) for k in given - expected)
                raise ValueError(
                    f"load_state_dict: keys do not match {type(self).__name__}: missing {missing}, "
                    f"unexpected {unexpected}; expected keys {list(template)}"
                )
            values = []
            for key, shape_of in template.items():
                values += _flatten(shape_of, state[key], key)
        for (_, p), v in zip(named, values):
            p.data = v

    def save(self, path: str | os.PathLike) -> None:
        """Write `state_dict()` to a JSON file atomically: a temporary file in the same folder, then
        ``os.replace``, so a crash mid-write leaves the old file (or none), never a broken one."""
        path = Path(path)
        text = json.dumps(self.state_dict(), indent=1)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise

    def load(self, path: str | os.PathLike) -> None:
        """Read a file written by `save` and `load_state_dict` it."""
        with open(path, encoding="utf-8") as f:
            try:
                state = json.load(f)
            except json.JSONDecodeError as e:
                raise ValueError(f"load: {os.fspath(path)!r} is not valid JSON ({e}); was it written by save()?") from None
        self.load_state_dict(state)


def _split(name: str) -> tuple[str, tuple[int, ...]]:
    key, brackets = _NAME.match(name).groups()
    return key, tuple(int(i) for i in re.findall(r"\d+", brackets))


def _nest(entries: dict[tuple[int, ...], float]) -> list:
    """{(0, 0): a, (0, 1): b, (1, 0): c, (1, 1): d} -> [[a, b], [c, d]]."""
    if all(len(i) == 1 for i in entries):
        return [entries[i] for i in sorted(entries)]
    rows: dict[int, dict] = {}
    for index, v in entries.items():
        rows.setdefault(index[0], {})[index[1:]] = v
    return [_nest(rows[r]) for r in sorted(rows)]


def _shape(x: Any) -> tuple | str:
    """(2, 2) for [[a, b], [c, d]], () for a number, "ragged" for rows of different shapes."""
    if not isinstance(x, (list, tuple)):
        return ()
    inner = {_shape(e) for e in x}
    if not inner:
        return (0,)
    if len(inner) == 1 and (s := next(iter(inner))) != "ragged":
        return (len(x),) + s
    return "ragged"


def _flatten(expected: Any, given: Any, key: str) -> list[float]:
    """``given`` as a flat list of floats, if it has the shape of ``expected``."""
    if _shape(expected) != _shape(given):
        raise ValueError(
            f"load_state_dict: {key!r} has shape {_shape(expected)} in this model, "
            f"but the given value has shape {_shape(given)}"
        )
    if not isinstance(expected, list):
        return [_number(given, repr(key))]
    out: list[float] = []
    for i, (e, g) in enumerate(zip(expected, given)):
        out += _flatten(e, g, f"{key}[{i}]")
    return out


def _number(x: Any, where: str) -> float:
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise TypeError(f"load_state_dict: {where} must be a real number, got {type(x).__name__}: {x!r}")
    if not math.isfinite(x):
        raise ValueError(f"load_state_dict: {where} must be finite, got {x!r}")
    return float(x)
