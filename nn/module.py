"""`Module`: the base of every network piece, with PyTorch's public names.

A module lists its parameters under stable, readable names (``named_parameters()``), and exposes
their values as plain data (``state_dict()``): one entry per weight matrix, bias vector or shared
bias, as nested lists of floats (``"layers.0.weight": [[0.15, 0.2], [0.25, 0.3]]``) or, with
``flat=True``, one float per parameter (``"layers.0.weight[0][1]": 0.2``). ``load_state_dict``
takes either form back, checks every key, shape and value before changing anything, and round-trips
floats exactly; ``save``/``load`` do the same through a JSON file, written atomically (``save``
refuses nan/inf weights, so a diverged run never overwrites a good checkpoint). Errors start with
the call (``MLP.load: …``) and leave parameters and files as they were.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import re
from typing import Any, Iterator, Union

from autograd_mini import validate
from autograd_mini.engine import Value
from autograd_mini.files import write_atomically

__all__ = ["Module"]

State = dict[str, Union[float, list]]
_NAME = re.compile(r"^(.*?)((?:\[\d+\])*)$")  # "layers.0.weight[1][0]" -> ("layers.0.weight", "[1][0]")


def parameters_of(target: object, where: str, what: str = "parameters", *, allow_empty: bool = False) -> list[Value]:
    """The Values ``target`` stands for: a model (its ``parameters()``), one Value, or an iterable of Values.

    The one check behind optimizers, initializers and searches: TypeError for anything else (a str, a
    dict, a number, a list holding a non-Value), ValueError for none at all (unless ``allow_empty``) or a
    parameter listed twice (it would be updated twice).
    """
    if isinstance(target, Value):
        return [target]
    if hasattr(target, "parameters") and callable(target.parameters):
        target = target.parameters()
    if isinstance(target, (str, bytes, dict)) or not hasattr(target, "__iter__"):
        raise TypeError(f"{where}: {what} must be a model, a Value or a list of Values (model.parameters()), got {validate.shown(target)}")
    values = list(target)
    for v in values:
        if not isinstance(v, Value):
            raise TypeError(f"{where}: {what} must be Values, got {validate.shown(v)}")
    if not values and not allow_empty:
        raise ValueError(f"{where}: got no parameters; pass model.parameters()")
    for v in values:
        if v.children:  # a computed node: its .data is an op's result, which no update can change
            raise ValueError(f"{where}: {what} must be leaves (weights, biases), but {validate.shown(v)} is the result of "
                             f"the op {v.op!r}; pass model.parameters() or the leaf Values themselves")
    if len(set(values)) != len(values):
        raise ValueError(f"{where}: a parameter appears twice in {what}; list each once (it would be updated twice)")
    return values


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

    def _select(self, names: tuple[object, ...], what: str) -> list[Value]:
        where = f"{type(self).__name__}.{what}"
        named = list(self.named_parameters())
        if not names:
            return [p for _, p in named]
        chosen = []
        for prefix in names:
            validate.text(prefix, where, "a parameter name (e.g. 'layers.0.bias')")
            hits = [p for n, p in named if n == prefix or n.startswith((f"{prefix}.", f"{prefix}["))]
            if not hits:
                raise ValueError(f"{where}: no parameter is named {validate.shown(prefix).split(': ', 1)[1]}; names are {[n for n, _ in named][:40]}")
            chosen += hits
        return chosen

    # ------------------------------------------------------------------ plain data
    def state_dict(self, flat: bool = False) -> State:
        """The parameters' values as plain data: nested lists of floats per key, or one float per
        parameter name with ``flat=True``. Keys keep `named_parameters` order."""
        if validate.boolean(flat, f"{type(self).__name__}.state_dict", "flat"):
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
        """Set every parameter from ``state`` (either form of `state_dict`; numpy arrays are fine too).

        All keys, shapes and values are checked before any parameter changes: a missing or unexpected
        key, or an entry of the wrong shape, raises ValueError naming what was expected and what was
        given; a value that is not a finite real number raises TypeError/ValueError naming where it is.
        """
        self._load_state(state, f"{type(self).__name__}.load_state_dict")

    def _load_state(self, state: object, where: str) -> None:
        if not isinstance(state, dict):
            raise TypeError(f"{where}: expected a dict (from state_dict()), got {validate.shown(state)}")
        named = list(self.named_parameters())
        flat_keys = [n for n, _ in named]
        template = self.state_dict()
        if set(state) == set(flat_keys):
            values = [validate.real(state[n], where, repr(n)) for n in flat_keys]
        else:
            given, expected = set(state), set(template)
            if given != expected:
                missing = [k for k in template if k not in given]
                unexpected = sorted(str(k) for k in given - expected)
                raise ValueError(
                    f"{where}: keys do not match {type(self).__name__}: missing {missing}, "
                    f"unexpected {unexpected[:20]}; expected keys {list(template)}"
                )
            values = []
            for key, shape_of in template.items():
                values += _flatten(shape_of, state[key], key, where)
        for (_, p), v in zip(named, values):  # everything checked: write
            p.data = v

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write `state_dict()` to a JSON file atomically: a temporary file in the same folder, then
        ``os.replace``, so a crash mid-write leaves the old file (or none), never a broken one.

        Refuses (ValueError) before touching any file when a parameter is nan/inf, so a diverged run
        never overwrites the last good checkpoint. An existing file keeps its permission bits; a new one
        gets the umask's default, as ``open()`` would give it. A symbolic link is written through (its
        target is replaced, the link stays). A missing folder raises FileNotFoundError naming the path.
        """
        where = f"{type(self).__name__}.save"
        target = validate.file_path(path, where)
        for name, p in self.named_parameters():
            if not -math.inf < p.data < math.inf:
                raise ValueError(f"{where}: parameter {name} ({p.label or 'unlabelled'}) is {p.data!r}; refusing to "
                                 f"write a broken checkpoint over {os.fspath(path)!r}; load the last good one instead")
        text = json.dumps(self.state_dict(), indent=1, allow_nan=False)
        write_atomically(target, text.encode("utf-8"), where, make_folder=False)

    def load(self, path: str | os.PathLike[str]) -> None:
        """Read a file written by `save` and `load_state_dict` it; the parameters change only if the
        whole file is valid. Errors name the file: FileNotFoundError / IsADirectoryError /
        PermissionError for a file that cannot be read, ValueError for one that is not UTF-8 JSON of
        this model's state."""
        where = f"{type(self).__name__}.load"
        target = validate.file_path(path, where)
        shown = validate.shown(os.fspath(path), 200).split(": ", 1)[1]  # repr, cut to 200 characters
        if os.path.isdir(target):
            raise IsADirectoryError(f"{where}: {shown} is a folder, not a file written by save()")
        limit = 65_536 + 256 * sum(1 for _ in self.parameters())  # a generous size for this model's checkpoint
        try:
            with open(target, "rb") as f:  # read at most the cap (a wrong file, /dev/zero, is never read whole)
                raw = f.read(limit + 1)
        except FileNotFoundError:
            raise FileNotFoundError(f"{where}: no file {shown}; check the path (save() writes it)") from None
        except OSError as e:
            raise type(e)(f"{where}: cannot read {shown}: {e.strerror or e}") from None
        if len(raw) > limit:
            raise ValueError(f"{where}: {shown} is larger than {limit:,} bytes, far more than a checkpoint of this model "
                             f"({sum(1 for _ in self.parameters()):,} parameters); was it written by save() of this model?")
        try:
            state = json.loads(raw.decode("utf-8-sig"))  # a UTF-8 BOM (some editors add one) is read, as check reads it
        except UnicodeDecodeError:
            raise ValueError(f"{where}: {shown} is not a UTF-8 text file; was it written by save()?") from None
        except (json.JSONDecodeError, RecursionError) as e:
            raise ValueError(f"{where}: {shown} is not valid JSON ({str(e)[:120]}); was it written by save()?") from None
        except ValueError as e:  # Python's limit on digits of an int ("Exceeds the limit (4300 digits) …")
            raise ValueError(f"{where}: {shown} holds a number with more digits than Python reads ({str(e)[:60]}…); "
                             "a parameter is a float of at most about 1.8e308: was it written by save()?") from None
        try:
            self._load_state(state, f"{where}: {shown}")
        except RecursionError:  # pragma: no cover - _flatten only descends as deep as the model's shapes
            raise ValueError(f"{where}: {shown} is nested too deeply to be a state_dict") from None


def _split(name: str) -> tuple[str, tuple[int, ...]]:
    match = _NAME.match(name)
    key, brackets = match.groups() if match else (name, "")
    return key, tuple(int(i) for i in re.findall(r"\d+", brackets))


def _nest(entries: dict[tuple[int, ...], float]) -> list:
    """{(0, 0): a, (0, 1): b, (1, 0): c, (1, 1): d} -> [[a, b], [c, d]]."""
    if all(len(i) == 1 for i in entries):
        return [entries[i] for i in sorted(entries)]
    rows: dict[int, dict] = {}
    for index, v in entries.items():
        rows.setdefault(index[0], {})[index[1:]] = v
    return [_nest(rows[r]) for r in sorted(rows)]


def _is_list(x: Any) -> bool:
    return isinstance(x, (list, tuple)) or (hasattr(x, "tolist") and getattr(x, "ndim", 0) >= 1)


def _shape(x: Any, limit: int = 8) -> tuple[int, ...] | str:
    """(2, 2) for [[a, b], [c, d]], () for a number, "ragged" for rows of different shapes, level by
    level without recursion (a list nested 10,000 deep is "nested too deeply", not a RecursionError)."""
    shape: tuple[int, ...] = ()
    level = [x]
    while level and any(_is_list(e) for e in level):
        if not all(_is_list(e) for e in level) or len({len(e) for e in level}) != 1:
            return "ragged"
        if len(shape) == limit:
            return "nested too deeply"
        shape += (len(level[0]),)
        level = [c for e in level for c in e]
    return shape


def _flatten(expected: Any, given: Any, key: str, where: str) -> list[float]:
    """``given`` as a flat list of floats, if it has the shape of ``expected`` (numpy arrays too)."""
    want, got = _shape(expected), _shape(given)
    if want != got:
        raise ValueError(f"{where}: {key!r} has shape {want} in this model, but the given value has shape {got}")
    assert isinstance(want, tuple)  # the model's own data is regular
    level = [given]
    for _ in want:
        level = [c for e in level for c in e]
    names = [key] if not want else [f"{key}[{']['.join(map(str, i))}]" for i in itertools.product(*(range(n) for n in want))]
    return [validate.real(v, where, repr(n)) for v, n in zip(level, names)]
