"""Issue 9 (trust), engine part: each numbered defect and rough edge, with a test that failed before the fix."""

import copy
import html
import math
import operator
import pickle

import numpy as np
import pytest

from autograd_mini import Value, dot, sum_values, topological_order, zero_grad


def grads(f, *xs: float) -> list[float]:
    leaves = [Value(x, f"x{i}") for i, x in enumerate(xs)]
    f(*leaves).backward()
    return [v.grad for v in leaves]


# ------------------------------------------------------------------ defect 1: a / b with a tiny or huge divisor
def test_defect_1_division_by_a_tiny_divisor_has_the_exact_derivative():
    # -a/(b*b) underflowed b*b to 0 and raised a bare ZeroDivisionError; -(a/b)/b is exact
    ga, gb = grads(lambda a, b: a / b, 1e-170, 1e-170)
    assert ga == 1e170 and gb == pytest.approx(-1e170, rel=1e-15)


def test_defect_1_division_by_a_huge_divisor_does_not_lose_the_derivative():
    ga, gb = grads(lambda a, b: a / b, 1e300, 1e200)  # torch: ∂/∂b = -1e-100, the old form gave 0.0
    assert ga == pytest.approx(1e-200, rel=1e-15, abs=0) and gb == pytest.approx(-1e-100, rel=1e-15, abs=0)


def test_defect_1_a_divisor_whose_slope_leaves_the_float_range_is_an_overflow_error():
    with pytest.raises(OverflowError, match=r"/: a local derivative is inf, beyond the float range .*'b' \(data=1e-310\).*keep it away from 0"):
        Value(1e-310, "a") / Value(1e-310, "b")  # ∂/∂a = 1/b = 1e310: beyond float64


# ------------------------------------------------------------------ defect 2: Value ** Value through the checked helpers
def test_defect_2_value_pow_value_at_a_subnormal_base():
    a, b = Value(1e-320, "a"), Value(0.0, "b")
    out = a**b  # raised a bare OverflowError (34, 'Numerical result out of range') before
    out.backward()
    assert out.data == 1.0 and a.grad == 0.0 and b.grad == pytest.approx(math.log(1e-320), rel=1e-12)


def test_defect_2_value_pow_value_overflow_names_the_op_and_label():
    with pytest.raises(OverflowError, match=r"pow: .*'a'"):
        Value(1e-320, "a") ** Value(-2.0, "b")
    with pytest.raises(OverflowError, match=r"pow: the derivative .*overflows the float range at 'a'"):
        Value(1e-200, "a") ** Value(-1.5, "b")  # value 1e300 is finite; ∂/∂a = -1.5·1e500 is not


# ------------------------------------------------------------------ defect 3: dot with numpy object arrays
def test_defect_3_dot_accepts_numpy_arrays_of_values_and_numbers():
    w = np.array([Value(0.15, "w1"), Value(0.20, "w2")], dtype=object)
    net = dot(w, np.array([0.05, 0.10]), Value(0.35, "b1"))
    net.backward()
    assert net.data == pytest.approx(0.3775) and [v.grad for v in w] == [0.05, 0.10]
    with pytest.raises(ValueError, match="dot: weights must be 1-dimensional"):
        dot(np.array([[Value(1.0)]], dtype=object), [1.0])


# ------------------------------------------------------------------ defect 4: log of a tiny positive number
def test_defect_4_log_of_a_subnormal_is_an_overflow_error_not_a_stored_inf():
    with pytest.raises(OverflowError, match=r"log: a local derivative is inf, beyond the float range \(operands: 'p' \(data=1e-310\)\).*1e-12"):
        Value(1e-310, "p").log()
    x = Value(1e-300)
    x.log().backward()
    assert x.grad == 1 / 1e-300  # still exact where 1/x fits


# ------------------------------------------------------------------ rough edges
def test_int_beyond_the_float_range_is_a_value_error():
    with pytest.raises(ValueError, match="too large for a float"):
        Value(10**400)
    with pytest.raises(ValueError, match="too large for a float"):
        Value(1.0) * 10**400


@pytest.mark.parametrize("op", ["+", "*", "-", "/"])
def test_value_with_a_numpy_array_is_a_type_error_not_an_object_array(op):
    fn = {"+": operator.add, "*": operator.mul, "-": operator.sub, "/": operator.truediv}[op]
    for a, b in ((Value(2.0), np.array([1.0, 2.0])), (np.array([1.0, 2.0]), Value(2.0))):
        with pytest.raises(TypeError, match=r"numpy array .*loop over the entries"):
            fn(a, b)


def test_numpy_scalars_still_combine_with_values():
    assert (np.float64(2.0) * Value(3.0)).data == 6.0 and (Value(3.0) - np.int64(1)).data == 2.0


def test_bool_of_a_value_is_a_type_error_pointing_at_data():
    with pytest.raises(TypeError, match=r"bool\(Value\): .*if loss.data > 0"):
        if Value(1.0):
            pass


def test_backward_with_a_nan_seed_is_a_value_error_about_the_seed():
    y = Value(2.0) * 3.0
    with pytest.raises(ValueError, match="backward: the seed grad must be a finite number, got nan"):
        y.backward(float("nan"))
    assert y.grad == 0.0


def test_non_finite_gradient_after_backward_names_the_node():
    x = Value(1e200, "x")
    y = x * 1e-200 * 1e200  # every value finite
    with pytest.raises(OverflowError, match=r"backward: the gradient of 'x' .* is inf; gradients overflowed"):
        y.backward(1e300)  # 1e300 · 1e200 leaves the float range


def test_changing_data_after_the_forward_pass_keeps_the_old_points_gradient_as_documented():
    # documented (Value and backward docstrings, README): local derivatives are fixed when the graph is built
    x = Value(2.0)
    y = x * x
    x.data = 5.0
    y.backward()
    assert x.grad == 4.0  # 2·2, the old point: rebuild y to get 10.0
    doc = " ".join(Value.backward.__doc__.split())
    assert "rebuild the graph" in doc and "gradient at the old point" in doc


def test_repr_html_is_compact_and_escaped():
    v = Value(0.5, "<b>&x")
    out = v._repr_html_()
    assert html.escape("<b>&x") in out and "<b>&x" not in out and "data=0.5" in out and "grad=0.0" in out
    assert "<i>*</i>" in (v * 2.0)._repr_html_()


def test_topological_order_and_zero_grad_refuse_non_values():
    with pytest.raises(TypeError, match="topological_order: root must be a Value, got int"):
        topological_order(5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="zero_grad: values .* must be a list"):
        zero_grad(5)  # type: ignore[arg-type]
    v = Value(1.0)
    v.grad = 3.0
    with pytest.raises(TypeError, match="zero_grad: values must be Values, got str"):
        zero_grad([v, "x"])  # type: ignore[list-item]
    assert v.grad == 3.0  # validated first: nothing was reset


def test_sum_values_refuses_a_non_iterable_and_a_string():
    for bad in (5, "ab", Value(1.0)):
        with pytest.raises(TypeError, match="sum_values: terms must be a list .*got"):
            sum_values(bad)  # type: ignore[arg-type]


# ------------------------------------------------------------------ defect 19 (engine): deepcopy and pickle at any depth
def build_graph():
    x, w = Value(0.5, "x", role="input"), Value(-1.5, "w", role="parameter")
    w.frozen = True
    y = x * x  # a double edge
    s = sum_values([y, y * w, (w + 2.0).tanh()], "s")  # sharing: y used twice
    s.backward()
    return s


def same_graph(a: Value, b: Value) -> None:
    oa, ob = topological_order(a), topological_order(b)
    assert len(oa) == len(ob)
    index_a, index_b = {id(n): i for i, n in enumerate(oa)}, {id(n): i for i, n in enumerate(ob)}
    for na, nb in zip(oa, ob):
        assert na is not nb
        assert (na.data, na.grad, na.label, na.op, na.local_grads, na.role, na.frozen) == \
               (nb.data, nb.grad, nb.label, nb.op, nb.local_grads, nb.role, nb.frozen)
        assert [index_a[id(c)] for c in na.children] == [index_b[id(c)] for c in nb.children]


@pytest.mark.parametrize("clone", [copy.deepcopy, lambda g: pickle.loads(pickle.dumps(g))], ids=["deepcopy", "pickle"])
def test_defect_19_copies_keep_values_grads_labels_roles_frozen_and_structure(clone):
    s = build_graph()
    c = clone(s)
    same_graph(s, c)
    y = c.children[0]
    assert y.children[0] is y.children[1]  # x * x keeps its double edge
    assert c.children[1].children[0] is y  # and y stays shared
    c.zero_grad(), s.zero_grad()
    s.backward(), c.backward()
    same_graph(s, c)  # backward() on the copy gives the same gradients


def test_defect_19_deepcopy_is_memo_aware_with_other_objects():
    s = build_graph()
    params = [n for n in topological_order(s) if n.role == "parameter"]
    model = {"params": params, "loss": s}
    m2 = copy.deepcopy(model)
    w2 = m2["params"][0]
    assert w2 in topological_order(m2["loss"]) and w2 is not params[0]


def chain(n_nodes: int) -> tuple[Value, Value]:
    x, c = Value(0.5, "x"), Value(1.0001, "c")
    y = x
    for _ in range(n_nodes - 2):
        y = y * c
    return x, y


@pytest.mark.slow
def test_defect_19_deepcopy_of_a_1_000_000_node_chain():
    x, y = chain(1_000_000)
    y2 = copy.deepcopy(y)
    y2.backward()
    x2 = topological_order(y2)[0]
    assert x2.label == "x" and x2 is not x and x2.grad == pytest.approx(1.0001 ** 999_998, rel=1e-9)


@pytest.mark.slow
def test_defect_19_pickle_of_a_250_000_node_chain():
    x, y = chain(250_000)  # recursion failed past ~200 nodes; 1e6 works too, at ~10 s per direction
    y2 = pickle.loads(pickle.dumps(y, protocol=pickle.HIGHEST_PROTOCOL))
    y2.backward()
    y.backward()
    x2 = topological_order(y2)[0]
    assert (x2.label, x2.data, y2.data) == ("x", 0.5, y.data) and x2.grad == x.grad


def test_defect_19_pickling_several_roots_preserves_sharing():
    s = build_graph()
    y = s.children[0]
    s2, y2 = pickle.loads(pickle.dumps([s, y]))
    assert s2.children[0] is y2 and s2.children[1].children[0] is y2


def test_defect_19_pickle_stays_flat_after_copy_copy_and_after_pickling_an_inner_node_first():
    x, y = chain(20_000)
    inner = topological_order(y)[10_000]
    copy.copy(y)  # asks for the table without storing it
    pickle.loads(pickle.dumps([inner, y]))  # inner first: its own table, then y's (inner already stored)
    again = pickle.loads(pickle.dumps(inner))  # still flat: no RecursionError
    assert again.data == inner.data and len(topological_order(again)) == len(topological_order(inner))
    shallow = copy.copy(y)
    assert shallow is not y and shallow.children == y.children and shallow.data == y.data
