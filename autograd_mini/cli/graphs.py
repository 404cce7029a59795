"""The command line's three ways to pick a graph: a bundled example, an expression, a function in a file.

Each returns the root AFTER the forward and the backward pass, or raises `UsageError` with a message
that says what was wrong and what to write instead (the command line prints it and exits with status 2).
"""

from __future__ import annotations

import importlib.util
import sys
import traceback
import types
from pathlib import Path
from typing import Callable, Sequence

from autograd_mini import validate
from autograd_mini.engine import Value, topological_order
from autograd_mini.expr import parse_expression, parse_settings
from autograd_mini.graph import mismatches, names, replay
from autograd_mini.text import cut

__all__ = ["PROG", "UsageError", "example_graph", "expression_graph", "file_graph", "hoist_graph_options", "said"]


#: The program's name in usage lines, help and messages: the console command (``python -m autograd_mini`` runs the same).
PROG = "autograd-mini"


class UsageError(Exception):
    """A bad command line: the message is printed after ``autograd-mini <command>: error:``."""


#: Options that pick the graph (and the number format); accepted before or after the command.
GLOBAL_OPTIONS = ("--example", "--expr", "--graph", "--decimals", "--params")


def hoist_graph_options(argv: Sequence[str], commands: Sequence[str] = ()) -> list[str]:
    """Move the graph options to the front, so they work before or after the command, and turn
    ``--set a=2 b=-3`` into ``--set=a=2 --set=b=-3`` (so the settings never swallow the command)."""
    front: list[str] = []
    rest: list[str] = []
    tokens = list(argv)
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token == "--":
            rest += tokens[i:]
            break
        if token == "--set":
            j = i + 1
            while j < len(tokens) and "=" in tokens[j] and not tokens[j].startswith("-"):
                front.append(f"--set={tokens[j]}")
                j += 1
            if j == i + 1:  # no NAME=NUMBER after it: parse_settings refuses what there is instead
                if j < len(tokens) and tokens[j] not in commands and not tokens[j].startswith("-"):
                    j += 1
                front.append(f"--set={tokens[i + 1] if j > i + 1 else ''}")
            i = j
            continue
        if token.startswith("--set="):
            front.append(token)
        elif token in GLOBAL_OPTIONS:
            front += tokens[i : i + 2]
            i += 2
            continue
        elif token.split("=", 1)[0] in GLOBAL_OPTIONS:
            front.append(token)
        else:
            rest.append(token)
        i += 1
    return front + rest


def example_graph(name: str) -> Value:
    """The bundled example ``name``, forward and backward done."""
    from autograd_mini.examples import EXAMPLES

    if name not in EXAMPLES:
        raise UsageError(f"--example: no example named {name!r}; the examples are {', '.join(EXAMPLES)} (list them: {PROG} examples)")
    return EXAMPLES[name].build()


def expression_graph(text: str, settings: Sequence[str], params: Sequence[str] | None = None) -> Value:
    """``--expr TEXT --set NAME=NUMBER … [--params NAME,NAME]``: parsed (never evaluated), forward and backward
    done. The ``--set`` names are inputs, but those ``--params`` names (comma-separated, repeatable): parameters."""
    try:
        values = parse_settings(settings, where="--set")
        root = parse_expression(text, values, params=_param_names(params or [], values), where="--expr")
        root.backward()
    except (ValueError, ArithmeticError) as error:
        raise UsageError(str(error)) from None
    return root


def _param_names(params: Sequence[str], values: dict[str, float]) -> list[str]:
    """``["w1,w2", "b"]`` as ``["w1", "w2", "b"]``; an empty name or one without a ``--set`` value is a usage error."""
    names = [name.strip() for text in params for name in text.split(",")]
    if any(not name for name in names):
        raise UsageError(f"--params: expected names separated by commas (e.g. --params w1,w2,b), got {','.join(params)[:60]!r}")
    unknown = [name[:40] for name in names if name not in values]
    if unknown:
        raise UsageError(f"--params: {', '.join(unknown)} {'has' if len(unknown) == 1 else 'have'} no --set value; name parameters among the --set names ({', '.join(values) or 'none given'})")
    return names


def file_graph(spec: str, note: Callable[[str], None]) -> Value:
    """``--graph FILE.py:FUNCTION``: imports the file by its path, calls the function (no arguments) and
    runs backward() on the Value it returns, unless its gradients are already there (``note`` says so)."""
    path_text, sep, func = spec.rpartition(":")
    if not sep or not path_text or not func:
        raise UsageError(f"--graph: expected FILE.py:FUNCTION (e.g. --graph my_net.py:loss), got {spec!r}")
    if not func.isidentifier():
        raise UsageError(f"--graph: {func!r} is not a function name; expected FILE.py:FUNCTION (e.g. my_net.py:loss)")
    path = Path(path_text)
    if path.suffix != ".py":
        raise UsageError(f"--graph: {path_text!r} is not a Python file; expected FILE.py:FUNCTION (e.g. my_net.py:loss)")
    if not path.is_file():
        raise UsageError(f"--graph: there is no file {path_text!r}")
    _check_source(path, path_text)
    module = _import(path)
    function = vars(module).get(func)
    if function is None:
        found = sorted(n for n, f in vars(module).items() if callable(f) and not n.startswith("_") and getattr(f, "__module__", None) == module.__name__)
        raise UsageError(f"--graph: {path_text} has no function {func!r}; its functions: {', '.join(found) or '(none)'}")
    if not callable(function):
        raise UsageError(f"--graph: {func!r} in {path_text} is not a function but {validate.shown(function)}")
    root = _run(path, f"{func}()", function)
    if not isinstance(root, Value):
        raise UsageError(f"--graph: {func}() in {path_text} returned {validate.shown(root)}, not a Value; return the root of the graph (e.g. the loss)")
    order = topological_order(root)
    try:
        validate.node_data(order, "--graph")  # a .data set to nan or a str after the graph was built
    except (TypeError, ValueError) as error:
        raise UsageError(f"{error} (in the graph {func}() returned)") from None
    if any(node.grad != 0.0 for node in order):
        off = _not_one_backward(root)
        if off is None:
            note(f"{func}() returned a graph whose gradients are already computed: shown as they are (backward() not run again)")
            return root
        note(f"{func}() returned gradients that are not those of one backward() ({off}): reset to 0 and backward() run once")
        for node in order:
            node.grad = 0.0
    try:
        root.backward()
    except (ValueError, ArithmeticError) as error:
        raise UsageError(f"--graph: backward() on what {func}() returned failed: {error}") from None
    return root


def _not_one_backward(root: Value) -> str | None:
    """None when every ``.grad`` is what ONE ``root.backward()`` leaves; else the first node that differs."""
    order = topological_order(root)
    off = mismatches(order, root)  # a replay of one backward(), compared node by node
    if not off:
        return None
    return f"{names(order)[id(off[0])]}.grad = {off[0].grad!r} where one backward() gives {replay(order, root)[id(off[0])]!r}"


def _check_source(path: Path, shown: str) -> None:
    """A binary file (a NUL byte, or not UTF-8 text) is refused before Python reads it as code."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UsageError(f"--graph: cannot read {shown!r}: {error.strerror or error}") from None
    if b"\x00" in data:
        raise UsageError(f"--graph: {shown!r} is not a Python source file: it holds binary data (a NUL byte at byte {data.index(0):,})")
    try:
        data.decode("utf-8") if b"coding" not in b"\n".join(data.splitlines()[:2]) else None  # (a declared encoding: Python's to check)
    except UnicodeDecodeError as error:
        raise UsageError(f"--graph: {shown!r} is not a Python source file in UTF-8 (byte {error.start:,} cannot be decoded); save it as UTF-8 text") from None


def _import(path: Path) -> types.ModuleType:
    resolved = path.resolve()
    spec = importlib.util.spec_from_file_location(f"_autograd_mini_graph_{resolved.stem}", resolved)
    if spec is None or spec.loader is None:
        raise UsageError(f"--graph: cannot import {str(path)!r} as Python")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # as an import does (dataclasses and pickle look their module up there)
    sys.path.insert(0, str(resolved.parent))  # so the file can import its neighbours
    try:
        _run(path, "importing it", spec.loader.exec_module, module)
    finally:
        if str(resolved.parent) in sys.path:
            sys.path.remove(str(resolved.parent))
    return module


def _run(path: Path, doing: str, function: Callable, *args: object) -> object:
    """Call the user's code; any exception (SystemExit, GeneratorExit, a BaseException of the user's too; not
    Ctrl-C, which stops the command) becomes a UsageError naming the line."""
    try:
        return function(*args)
    except SyntaxError as error:
        line = f":{error.lineno}" if error.lineno else ""
        raise UsageError(f"--graph: {path}{line}: syntax error: {_said(error.msg)}") from None
    except KeyboardInterrupt:
        raise
    except BaseException as error:
        resolved = str(path.resolve())
        frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == resolved]
        at = f"{path}:{frames[-1].lineno}" if frames else str(path)
        raise UsageError(f"--graph: {doing} raised {type(error).__name__}: {_said(error)} (at {at})") from None


def said(error: object, limit: int | None = 300) -> str:
    """``str(error)`` cut to ``limit`` characters; an object whose ``__str__`` itself fails is described, not raised."""
    try:
        text = str(error)
    except Exception as inner:
        return f"(its message cannot be shown: str() raised {type(inner).__name__})"
    return text if limit is None else cut(text, limit)


_said = said
