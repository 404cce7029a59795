"""The one table of derivative rules (autograd_mini.calculus.derivatives) against the engine's float path.

For every op the engine has, the table's local derivatives, built from ops on Values, must equal the
floats the engine stores in ``node.local_grads``: bit for bit at ordinary magnitudes, and within a few
ulps out to 1e-300 … 1e300 (or both refuse). So the first-order path and the differentiable path cannot
disagree. `explain`'s lecture rules (autograd_mini.tracing.rules) are checked against the same table.
"""

from __future__ import annotations

import ast
import math
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd_mini import Value, dot, sum_values
from autograd_mini.calculus.derivatives import RULES, has_rule, local_derivatives

ROOT = Path(__file__).resolve().parents[2]

# name -> (arity, builder): one node of each op of the engine (a constant operand on either side too)
OPS = {
    "add": (2, lambda a, b: a + b), "radd": (1, lambda a: 2.5 + a), "sub": (2, lambda a, b: a - b), "rsub": (1, lambda a: 1.5 - a),
    "mul": (2, lambda a, b: a * b), "rmul": (1, lambda a: -3.0 * a), "self_mul": (1, lambda a: a * a),
    "div": (2, lambda a, b: a / b), "rdiv": (1, lambda a: 4.0 / a), "div_constant": (1, lambda a: a / 7.0),
    "neg": (1, lambda a: -a), "vpow": (2, lambda a, b: a**b), "exp": (1, Value.exp), "log": (1, Value.log), "sqrt": (1, Value.sqrt),
    "tanh": (1, Value.tanh), "sigmoid": (1, Value.sigmoid), "relu": (1, Value.relu), "sin": (1, Value.sin), "cos": (1, Value.cos),
    "sum": (2, lambda a, b: sum_values([a, b, a, 1.5])), "dot": (2, lambda a, b: dot([a, b], [b, 2.0], a)),
    "dot_no_bias": (2, lambda a, b: dot([a, 3.0], [b, a])),
}  # fmt: skip
for n in (2, 3, 0.5, -1, -1.5, 1e-3, 0, 1, 2000):
    OPS[f"pow{n}"] = (1, lambda a, n=n: a**n)
for c in (0.5, 2.0, 10.0, 1.0):
    OPS[f"rpow{c}"] = (1, lambda a, c=c: c**a)

MAGNITUDES = [s * 10.0**k for k in range(-300, 301, 20) for s in (1.0, -1.0)] + [0.7, -0.7, 37.0, -37.0, 710.0, -745.5, 0.0]
ORDINARY = [0.0, 0.3, -0.3, 0.7, -1.25, 2.0, -3.5, 12.0]


def agree(name: str, xs: tuple[float, ...], exact: bool) -> None:
    """The table's derivatives of one node against its stored floats (or the node cannot be built)."""
    try:
        node = OPS[name][1](*[Value(x) for x in xs])
    except (ValueError, ArithmeticError):
        return  # outside the op's domain: nothing to differentiate
    try:
        table = local_derivatives(node)
    except ArithmeticError as error:  # only where the NEXT derivative leaves the float range (∂²ln x/∂x² = −1/x² at 1e-301)
        assert "derivative" in str(error) or not exact, f"{name}{xs}: the table overflows: {error}"
        return
    assert len(table) == len(node.local_grads), name
    for i, (mine, stored) in enumerate(zip(table, node.local_grads)):
        value = mine if isinstance(mine, float) else mine.data
        if exact and abs(stored) >= sys.float_info.min:  # a subnormal derivative (a**b ≈ 1e-315) keeps fewer digits: below
            assert value == stored, f"{name}{xs} ∂/∂input{i}: table {value!r}, engine {stored!r}"
        else:
            assert value == stored or abs(value - stored) <= 4 * math.ulp(stored) or abs(stored) < 1e-290, (name, xs, i, value, stored)


def test_every_op_of_the_engine_is_in_the_table_and_the_table_has_nothing_else():
    tree = ast.parse((ROOT / "autograd_mini" / "engine.py").read_text(encoding="utf-8"))
    calls = [c for c in ast.walk(tree) if isinstance(c, ast.Call) and isinstance(c.func, ast.Name) and c.func.id in ("_node", "_checked")]
    named = {c.args[3].value for c in calls if len(c.args) > 3 and isinstance(c.args[3], ast.Constant) and c.args[3].value}
    assert named >= {"+", "-", "*", "/", "**", "neg", "exp", "log", "sqrt", "tanh", "sigmoid", "relu", "sin", "cos", "sum", "dot"}
    named.add("linear")  # the identity out = net that nn's linear activation builds with Value.from_op (∂ = 1)
    assert named == set(RULES), f"ops without a rule: {named - set(RULES)}; rules without an op: {set(RULES) - named}"
    linear = Value.from_op(0.5, (Value(0.5),), (1.0,), "linear")
    assert has_rule(linear) and local_derivatives(linear) == (1.0,)
    for name, (arity, build) in OPS.items():
        node = build(*[Value(0.5)] * arity)
        assert has_rule(node), f"{name}: op {node.op!r} has no rule"
    assert not has_rule(Value.from_op(1.0, (Value(1.0),), (2.0,), "softplus"))
    assert has_rule(Value(1.0))  # a leaf: nothing to differentiate


@pytest.mark.parametrize("name", sorted(n for n in OPS if n != "pow2000"))  # x^1999 is subnormal at 0.7: see the extremes
def test_the_table_equals_the_float_path_bit_for_bit_at_ordinary_points(name):
    arity = OPS[name][0]
    for a in ORDINARY:
        for b in ORDINARY if arity == 2 else [None]:
            agree(name, (a,) if b is None else (a, b), exact=True)


@pytest.mark.parametrize("name", sorted(OPS))
def test_the_table_agrees_with_the_float_path_at_extreme_magnitudes(name):
    arity = OPS[name][0]
    for a in MAGNITUDES:
        for b in MAGNITUDES[::4] if arity == 2 else [None]:
            agree(name, (a,) if b is None else (a, b), exact=False)


@settings(max_examples=300, deadline=None)
@given(name=st.sampled_from(sorted(n for n in OPS if n != "pow2000")), a=st.floats(-50, 50), b=st.floats(-50, 50))
def test_the_table_equals_the_float_path_anywhere_in_between(name, a, b):
    agree(name, (a, b)[: OPS[name][0]], exact=True)


def test_relu_kink_and_tails_are_the_engines():
    for x in (0.0, -0.0, 1e-300, -1e-300):
        node = Value(x).relu()
        assert local_derivatives(node) == node.local_grads
    for x in (40.0, -40.0, 300.0, -300.0):  # the exact tails: σ' and tanh' are not 0 here
        for node in (Value(x).sigmoid(), Value(x).tanh()):
            (d,) = local_derivatives(node)
            assert not isinstance(d, float) and d.data == node.local_grads[0] > 0.0


def test_a_from_op_node_or_a_changed_graph_is_refused_not_differentiated_wrongly():
    x = Value(1.0, "x")
    mine = Value.from_op(2.0, (x,), (3.0,), "softplus")
    with pytest.raises(ValueError, match=r"^local_derivatives: the op 'softplus' .* has no rule .* create_graph=False"):
        local_derivatives(mine)
    impostor = Value.from_op(0.5, (x,), (123.0,), "tanh")  # a user's op borrowing a built-in name
    with pytest.raises(ValueError, match="disagrees with the table's"):
        local_derivatives(impostor)
    y = x * x
    x.data = 5.0  # changed after the graph was built: the stored 1.0 is stale
    with pytest.raises(ValueError, match="rebuild the graph"):
        local_derivatives(y)


# ---------------------------------------------------------------- explain's lecture rules, checked against the table
_READ = {"−": "-", "·": "*", "²": "**2", "^": "**", ")(": ")*("}


def _evaluate(rule_text: str) -> float:
    """A rule's text as explain prints it with numbers for names (``1 − (0.5)²``) evaluated in Python."""
    for k, v in _READ.items():
        rule_text = rule_text.replace(k, v)
    rule_text = re.sub(r"ln ([0-9.e+-]+|\(+[^)]*\)+)", r"log(\1)", rule_text)  # ln 2, ln (1.3)
    return float(eval(rule_text, {"__builtins__": {}}, {"cos": math.cos, "sin": math.sin, "log": math.log, "exp": math.exp}))


@pytest.mark.parametrize("name", sorted(n for n in OPS if n not in ("relu",)))
def test_explains_rules_state_the_tables_derivatives(name):
    from autograd_mini.tracing.maths import text
    from autograd_mini.tracing.rules import local_rule

    arity, build = OPS[name]
    inputs = [Value(x) for x in (0.7, 1.3)[:arity]]
    node = build(*inputs)
    table = local_derivatives(node)
    for i in range(len(node.children)):
        rule = local_rule(node, i, lambda v: f"({v.data!r})")
        assert rule is not None, f"{name}: explain has no rule for {node.op!r}"
        said = _evaluate(text(rule, repr))
        want = table[i] if isinstance(table[i], float) else table[i].data
        assert said == pytest.approx(want, rel=1e-12, abs=1e-300), f"{name} ∂/∂input{i}: explain says {said}, the table {want}"
