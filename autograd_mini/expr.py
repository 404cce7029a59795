"""A graph from a line of maths: ``e = a*b; d = e + c; L = d*f`` with ``a=2 b=-3 c=10 f=-2``.

    from autograd_mini.expr import parse_expression
    L = parse_expression("e = a*b; d = e + c; L = d*f", {"a": 2, "b": -3, "c": 10, "f": -2})
    L.data, L.label                # (-8.0, 'L'), Karpathy's lecture expression
    L.backward()                   # then explain(L, "a"): ∂L/∂a = ∂L/∂d × ∂d/∂e × ∂e/∂a = -2 × 1 × -3 = 6

The language (what ``autograd-mini --expr … --set …`` reads):

* statements ``name = expression``, separated by ``;`` or new lines; the LAST statement is the root
  and may also be a bare expression (then its text is its label);
* numbers (``3``, ``0.5``, ``1e-3``), names, ``+ - * / **``, unary ``-`` and ``+``, parentheses, and
  the functions ``exp log sqrt tanh sigmoid relu sin cos`` of one argument.

Every name given a value (``values``) becomes a LEAF with that label and role ``"parameter"`` (a quantity
the gradients are wanted for: the drawing colours it as a weight, ``explain`` lists it among the
parameters), or ``"input"`` when ``params`` names the parameters and not it; every assigned name becomes the label of the node it computes. A part that uses no name
(``2*3``, ``-1``, ``9**9**9``) is computed once, through the engine's checked ops, into one constant.

The text is PARSED with `ast`, never evaluated by Python: anything else (attribute access, other calls,
imports, comprehensions, lambdas, subscripts, keywords, strings …) is refused with a ValueError naming
the construct. So are names that have no value, values never used, assigning twice or to a given name,
and texts over `MAX_CHARS` characters, `MAX_NODES` syntax nodes or `MAX_DEPTH` levels of nesting
(parentheses and calls: a flat sum ``x1 + x2 + … + x999`` is one level, read in time linear in its length).
A domain error of an op (``log(0)``, an overflow) is the engine's own ValueError/ArithmeticError, its
message prefixed with the statement it happened in.
"""

from __future__ import annotations

import ast
import keyword
import math
import operator
import sys
import threading
import unicodedata
import warnings
from typing import Callable, Iterable, Mapping, NoReturn, Optional, Sequence, Union

from autograd_mini import validate
from autograd_mini.engine import Value, topological_order
from autograd_mini.text import cut

__all__ = ["parse_expression", "parse_settings", "FUNCTIONS", "ALLOWED", "MAX_CHARS", "MAX_NODES", "MAX_DEPTH"]

#: The functions an expression may call, each with one argument.
FUNCTIONS: dict[str, Callable[[Value], Value]] = {
    "exp": Value.exp, "log": Value.log, "sqrt": Value.sqrt, "tanh": Value.tanh, "sigmoid": Value.sigmoid, "relu": Value.relu,
    "sin": Value.sin, "cos": Value.cos,
}  # fmt: skip
#: What an expression may contain, as error messages say it.
ALLOWED = (
    "statements 'name = expression' separated by ';' (the last may be a bare expression), numbers, names, "
    "+ - * / ** and unary -, parentheses, and the functions exp log sqrt tanh sigmoid relu sin cos of one argument"
)
MAX_CHARS = 10_000  # characters of text
MAX_NODES = 30_000  # syntax-tree nodes (at most about 2.5 per character: a 10,000-character flat sum fits)
_ROOM = threading.Lock()  # one raised recursion limit at a time (it is the process's)
MAX_DEPTH = 100  # levels of nesting: parentheses, calls, operands on the right (a + b + c … is one level, however long)

_BINOPS: dict[type, Callable[[object, object], object]] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv, ast.Pow: operator.pow,
}  # fmt: skip
_REFUSED_OPS = {
    ast.FloorDiv: "//", ast.Mod: "%", ast.MatMult: "@", ast.LShift: "<<", ast.RShift: ">>",
    ast.BitOr: "|", ast.BitXor: "^ (write ** for a power)", ast.BitAnd: "&", ast.Not: "not", ast.Invert: "~",
}  # fmt: skip
_KINDS = {
    ast.Attribute: "attribute access (.)", ast.Call: "a call", ast.Import: "import", ast.ImportFrom: "import",
    ast.ListComp: "a comprehension", ast.SetComp: "a comprehension", ast.DictComp: "a comprehension",
    ast.GeneratorExp: "a comprehension", ast.Lambda: "lambda", ast.Subscript: "a subscript ([…])",
    ast.Starred: "* unpacking", ast.NamedExpr: "the := operator", ast.JoinedStr: "an f-string",
    ast.Compare: "a comparison", ast.BoolOp: "and/or", ast.IfExp: "if/else", ast.AugAssign: "augmented assignment (+= …)",
    ast.AnnAssign: "an annotation", ast.Tuple: "a tuple", ast.List: "a list", ast.Dict: "a dict", ast.Set: "a set",
    ast.Await: "await", ast.Yield: "yield", ast.YieldFrom: "yield",
}  # fmt: skip

Result = Union[Value, float]  # a node, or a constant folded from numbers only


def parse_settings(pairs: Sequence[str], where: str = "parse_settings") -> dict[str, float]:
    """``["a=2", "b=-3"]`` as ``{"a": 2.0, "b": -3.0}``: each ``NAME=NUMBER`` once, finite numbers only."""
    values: dict[str, float] = {}
    for pair in validate.sequence(pairs, where, "the settings"):
        validate.text(pair, where, "a setting")
        name, sep, number = pair.partition("=")
        name = unicodedata.normalize("NFKC", name.strip())  # as Python reads names: ﬁ is fi, 𝐱 is x
        if not sep:
            raise ValueError(f"{where}: {_cut(pair)!r} is not NAME=NUMBER; write e.g. a=2")
        _check_name(name, where)
        if name in values:
            raise ValueError(f"{where}: {name!r} is given twice ({name}={values[name]!r} and {_cut(pair)}); give each name once")
        try:
            x = float(number)
        except ValueError:
            raise ValueError(f"{where}: {name}={_cut(number)!r} is not a number; write e.g. {name}=2 or {name}=-0.5") from None
        if not math.isfinite(x):
            raise ValueError(f"{where}: {name} must be a finite number, got {_cut(number)!r}")
        values[name] = x
    return values


def parse_expression(
    text: str, values: Mapping[str, float], *, params: Optional[Iterable[str]] = None, where: str = "parse_expression"
) -> Value:
    """The graph of ``text`` (see the module docstring) with ``values`` for its leaves, after the FORWARD
    pass: returns the root (the last statement); call ``root.backward()`` for the gradients.

    ``params``: the names of ``values`` that are parameters (role ``"parameter"``, drawn as weights); the
    others are inputs (role ``"input"``). None (the default): every name is a parameter. The command
    line's ``--params w1,w2,b`` (default: none, every ``--set`` name an input) passes it.

    Raises:
        TypeError: ``text`` is not a str, ``values`` not a mapping of names to real numbers.
        ValueError: a construct outside the language (the message names it and says what is allowed), a
            syntax error, a name without a value, a value never used, a domain error (``log(0)``).
        ArithmeticError: an op overflows or divides by zero (``exp(1000)``, ``1/0``).
    """
    validate.text(text, where, "the expression")
    if not isinstance(values, Mapping):
        raise TypeError(f"{where}: values must be a mapping name -> number, got {validate.shown(values)}")
    named = _params(params, values, where)
    leaves: dict[str, Value] = {}
    for given, x in values.items():
        name = unicodedata.normalize("NFKC", validate.text(given, where, "a value's name"))  # as Python reads names: ﬁ is fi
        _check_name(given, where)
        if name in leaves:
            raise ValueError(f"{where}: {_cut(given)!r} and {_cut(next(k for k in values if k != given and unicodedata.normalize('NFKC', k) == name))!r} "
                             "are the same name (Python reads them alike); give each name once")
        leaves[name] = Value(validate.real(x, where, _cut(name)), name, role="parameter" if named is None or name in named or given in named else "input")
    module = _parse(text, where)
    return _Builder(text, leaves, where).run(module)


def _params(params: object, values: Mapping[str, float], where: str) -> Optional[set[str]]:
    """``params`` as a set of names of ``values`` (None: every name); unknown names are a ValueError naming them."""
    if params is None:
        return None
    if isinstance(params, str):
        raise TypeError(f"{where}: params must be a list of names such as ['w1', 'b'], got the str {params!r}")
    names = [validate.text(name, where, "a parameter's name") for name in validate.iterable(params, where, "params")]
    unknown = [name for name in names if name not in values]
    if unknown:
        given = ", ".join(values) or "(none)"
        raise ValueError(f"{where}: params names {', '.join(map(repr, unknown))}, which no value is given for; the names given values are {given}")
    return set(names)


def _parse(text: str, where: str) -> ast.Module:
    if not text.strip():
        raise ValueError(f"{where}: the expression is empty; write e.g. 'y = x*x + 3*x'")
    if len(text) > MAX_CHARS:
        raise ValueError(f"{where}: the expression has {len(text):,} characters, more than {MAX_CHARS:,}; write a smaller graph, or build it in Python")
    if "\x00" in text:
        raise ValueError(f"{where}: the expression {_cut(text)!r} contains a NUL character (\\x00) at index {text.index(chr(0)):,}; remove it")
    try:
        with warnings.catch_warnings(), _ROOM:  # warnings ("invalid decimal literal" …): not for the user's terminal
            warnings.simplefilter("ignore")
            limit = sys.getrecursionlimit()  # Python builds a + b + c … recursively: room for a 10,000-character sum
            sys.setrecursionlimit(limit + MAX_CHARS // 2)
            try:
                module = ast.parse(text, mode="exec")
            finally:
                sys.setrecursionlimit(limit)
    except SyntaxError as error:
        at = f" (column {error.offset})" if error.offset and "\n" not in text.strip() else f" (line {error.lineno})"
        if str(error.msg).startswith("Exceeds the limit"):  # Python's int-digits limit: its advice is for programmers
            raise ValueError(f"{where}: a number in {_cut(text)!r}{at} has more than 4,300 digits, far beyond a float (at most "
                             "about 1.8e308); write it with an exponent, e.g. 1.5e30") from None
        raise ValueError(f"{where}: not a valid expression: {error.msg}{at}; allowed: {ALLOWED}") from None
    except (RecursionError, MemoryError, ValueError):
        raise ValueError(f"{where}: the expression is nested too deeply to read; at most {MAX_DEPTH} levels") from None
    stack: list[tuple[ast.AST, int]] = [(module, 0)]
    count = 0
    while stack:  # size and depth first, so the checks below cannot run away
        node, depth = stack.pop()
        count += 1
        if count > MAX_NODES:
            raise ValueError(f"{where}: the expression has more than {MAX_NODES:,} parts; write a smaller graph, or build it in Python")
        if depth > MAX_DEPTH:
            raise ValueError(f"{where}: the expression is nested more than {MAX_DEPTH} levels deep; name some parts (t = …; y = t * …)")
        left = node.left if isinstance(node, ast.BinOp) else None  # a + b + c …: the left operand is no deeper (a flat sum)
        stack.extend((child, depth if child is left else depth + 1) for child in ast.iter_child_nodes(node))
    if not module.body:
        raise ValueError(f"{where}: the expression has no statement; write e.g. 'y = x*x + 3*x'")
    return module


class _Builder:
    """Builds the graph statement by statement; ``env`` holds every name with a node so far."""

    def __init__(self, text: str, leaves: dict[str, Value], where: str) -> None:
        self.text, self.where = text, where
        self.leaves = leaves
        self.env: dict[str, Value] = dict(leaves)
        self.assigned: dict[str, Value] = {}

    def run(self, module: ast.Module) -> Value:
        root: Value | None = None
        for i, stmt in enumerate(module.body):
            last = i == len(module.body) - 1
            if isinstance(stmt, ast.Assign):
                target = stmt.targets[0]
                if len(stmt.targets) != 1 or not isinstance(target, ast.Name):
                    self.refuse(stmt, "an assignment to anything but one name")
                root = self.assign(stmt, target.id)
            elif isinstance(stmt, ast.Expr) and last:
                root = self.named(self.checked(stmt.value, stmt), stmt, ast.unparse(stmt.value))
            elif isinstance(stmt, ast.Expr):
                self.refuse(stmt, "a bare expression before the last statement (write 'name = …')")
            else:
                self.refuse(stmt, _kind(stmt))
        assert root is not None  # the module has at least one statement
        self.check_used(root)
        return root

    def assign(self, stmt: ast.Assign, name: str) -> Value:
        if name in self.leaves:
            self.fail(stmt, f"assigns to {name!r}, which already has a value (--set); use a new name")
        if name in self.assigned:
            self.fail(stmt, f"assigns {name!r} a second time; every name names one node: use a new name")
        if name in FUNCTIONS:
            self.fail(stmt, f"assigns to {name!r}, the name of a function; use another name")
        node = self.named(self.checked(stmt.value, stmt), stmt, name)
        self.env[name] = self.assigned[name] = node
        return node

    def named(self, result: Result, stmt: ast.stmt, label: str) -> Value:
        """The node a statement makes, labelled; a constant becomes a constant leaf."""
        if isinstance(result, float):
            return Value(result, label, role="constant")
        if result.label:
            if isinstance(stmt, ast.Expr):
                return result  # a bare name as the last statement: that node is the root
            self.fail(stmt, f"only renames {result.label!r}; compute something (or use {result.label!r} itself)")
        result.label = label
        return result

    def checked(self, node: ast.expr, stmt: ast.stmt) -> Result:
        """``eval`` of one statement's expression, a failing op's message prefixed with the statement."""
        try:
            return self.eval(node)
        except _Refused:
            raise
        except (ValueError, ArithmeticError) as error:
            if str(error).startswith(f"{self.where}:"):
                raise
            raise type(error)(f"{self.where}: in {self.segment(stmt)!r}: {error}") from None

    def eval(self, node: ast.expr) -> Result:  # recursion is bounded by MAX_DEPTH
        if isinstance(node, ast.Constant):
            v = node.value
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                self.refuse(node, "True/False" if isinstance(v, bool) else f"a {type(v).__name__} constant")
            try:
                x = float(v)
            except OverflowError:
                self.fail(node, "is too large for a float (at most about 1.8e308)")
            if not math.isfinite(x):
                self.fail(node, "is not a finite number: too large for a float (at most about 1.8e308)")
            return x
        if isinstance(node, ast.Name):
            if node.id in self.env:
                return self.env[node.id]
            if node.id in FUNCTIONS:
                self.fail(node, f"{node.id!r} is a function: call it on one argument, e.g. {node.id}(x)")
            self.fail(node, f"the name {node.id!r} has no value: give it a value (on the command line: --set {node.id}=NUMBER) or assign it in an earlier statement")
        if isinstance(node, ast.BinOp):  # a + b + c …: the left-leaning chain in a loop, in linear time, without recursion
            chain = []
            while isinstance(node, ast.BinOp):
                chain.append(node)
                node = node.left
            result = self.eval(node)
            for link in reversed(chain):
                op = _BINOPS.get(type(link.op))
                if op is None:
                    self.refuse(link, f"the operator {_REFUSED_OPS.get(type(link.op), type(link.op).__name__)}")
                result = _apply(op, result, self.eval(link.right))
            return result
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.USub):
                return -self.eval(node.operand)
            if isinstance(node.op, ast.UAdd):
                return self.eval(node.operand)
            self.refuse(node, f"the operator {_REFUSED_OPS.get(type(node.op), type(node.op).__name__)}")
        if isinstance(node, ast.Call):
            func = node.func.id if isinstance(node.func, ast.Name) else None
            if func not in FUNCTIONS:
                self.refuse(node, f"a call of {ast.unparse(node.func)!r}" if func or isinstance(node.func, ast.Attribute) else "a call")
            if node.keywords:
                self.refuse(node, f"a keyword argument in {func}(…)")
            if any(isinstance(a, ast.Starred) for a in node.args):
                self.refuse(node, f"* unpacking in {func}(…)")
            if len(node.args) != 1:
                self.fail(node, f"{func}() takes exactly one argument, got {len(node.args)}")
            arg = self.eval(node.args[0])
            f = FUNCTIONS[func]
            return f(Value(arg)).data if isinstance(arg, float) else f(arg)
        self.refuse(node, _kind(node))

    def check_used(self, root: Value) -> None:
        reached = {id(n) for n in topological_order(root)}
        rname = root.label or "the result"
        for one, many, names in (("has a value (--set)", "have values (--set)", self.leaves), ("is assigned", "are assigned", self.assigned)):
            unused = [name for name, node in names.items() if id(node) not in reached]
            if unused:
                listed = ", ".join(map(repr, unused[:10])) + (f" and {len(unused) - 10:,} more" if len(unused) > 10 else "")
                it = "it" if len(unused) == 1 else "them"
                raise ValueError(
                    f"{self.where}: {listed} {one if len(unused) == 1 else many} but {rname} does not depend on {it}; "
                    f"use {it} in the expression, or leave {it} out"
                )

    def segment(self, node: ast.AST) -> str:
        return _cut(ast.get_source_segment(self.text, node) or ast.unparse(node))

    def refuse(self, node: ast.AST, what: str) -> NoReturn:
        raise _Refused(f"{self.where}: {what} is not allowed here: {self.segment(node)!r}; allowed: {ALLOWED}")

    def fail(self, node: ast.AST, what: str) -> NoReturn:
        raise ValueError(f"{self.where}: {self.segment(node)!r} {what}" if what.startswith(("is ", "only ", "assigns")) else f"{self.where}: {what} (in {self.segment(node)!r})")


class _Refused(ValueError):
    """A construct outside the language (a ValueError, never evaluated)."""


def _apply(op: Callable[[object, object], object], a: Result, b: Result) -> Result:
    """``a op b`` through the engine's ops (which check overflow, 0-division and domains). Numbers
    only: folded into one float, computed as a Value so ``9**9**9`` overflows instead of running."""
    if isinstance(a, float) and isinstance(b, float):
        out = op(Value(a), b)
        assert isinstance(out, Value)
        return out.data
    out = op(a, b)
    assert isinstance(out, Value)
    return out


def _check_name(name: str, where: str) -> None:
    if not name.isidentifier() or keyword.iskeyword(name):
        raise ValueError(f"{where}: {_cut(name)!r} is not a name; use letters, digits and _ (e.g. x, w1, net_h1)")
    if name in FUNCTIONS:
        raise ValueError(f"{where}: {name!r} is the name of a function; give the value another name")


def _kind(node: ast.AST) -> str:
    for kind, text in _KINDS.items():
        if isinstance(node, kind):
            return text
    return f"{type(node).__name__} ({'a statement' if isinstance(node, ast.stmt) else 'an expression'})"


def _cut(text: str) -> str:
    """A piece of the user's text, short enough for an error message."""
    return cut(text, 60)
