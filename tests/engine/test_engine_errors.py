"""Every error path of the engine: the error type, and a message naming the op, the value and the label."""

import math

import pytest

from autograd_mini import Value, zero_grad


def test_log_of_zero_and_negative():
    for x in (0.0, -1.5):
        with pytest.raises(ValueError, match=rf"log: .*x = {x!r} ≤ 0 at 'p' \(data={x!r}\)"):
            Value(x, "p").log()


def test_exp_overflow_names_value_label_and_limit():
    with pytest.raises(OverflowError, match=r"exp: .*x = 710.0 at 'net' .*709.78"):
        Value(710.0, "net").exp()
    assert Value(709.0).exp().data == math.exp(709.0)  # just inside the range


def test_division_by_zero_names_both_operands():
    with pytest.raises(ZeroDivisionError, match=r"div: division by zero: 'd' \(data=0.0\) is 0 .*'n' \(data=1.0\)"):
        Value(1.0, "n") / Value(0.0, "d")
    with pytest.raises(ZeroDivisionError, match="division by zero"):
        1.0 / Value(0.0)


def test_negative_base_with_non_integer_exponent():
    with pytest.raises(ValueError, match=r"pow: a negative base -2.0 with the non-integer exponent 0.5 .*'x'"):
        Value(-2.0, "x") ** 0.5


def test_zero_to_a_negative_power():
    with pytest.raises(ZeroDivisionError, match=r"pow: 0 \*\* -1.0 .*'z'"):
        Value(0.0, "z") ** -1


def test_infinite_slope_of_fractional_power_at_zero():
    with pytest.raises(ValueError, match=r"derivative of x \*\* 0.5 is infinite at x = 0"):
        Value(0.0, "r") ** 0.5


def test_pow_overflow():
    with pytest.raises(OverflowError, match=r"pow: 1e\+200 \*\* 2.0 overflows .*'big'"):
        Value(1e200, "big") ** 2
    with pytest.raises(OverflowError, match="overflows"):
        10.0 ** Value(400.0)


def test_value_pow_value_needs_positive_base():
    with pytest.raises(ValueError, match=r"Value \*\* Value needs a positive base, got 'a' \(data=-2.0\)"):
        Value(-2.0, "a") ** Value(2.0, "b")


def test_number_pow_value_needs_positive_base():
    with pytest.raises(ValueError, match=r"number \*\* Value needs a positive base, got -2.0"):
        (-2.0) ** Value(2.0)


def test_sqrt_domain():
    with pytest.raises(ValueError, match=r"sqrt: .*x = -1.0 < 0 at 's'"):
        Value(-1.0, "s").sqrt()
    with pytest.raises(ValueError, match=r"sqrt: at x = 0 the derivative .* is infinite"):
        Value(0.0).sqrt()


def test_overflowing_product_is_an_error_not_inf():
    with pytest.raises(OverflowError, match=r"'\*': the operation gave inf.*'a' \(data=1e\+200\)"):
        Value(1e200, "a") * 1e200
    with pytest.raises(OverflowError, match=r"'\+': the operation gave inf"):
        Value(1.7e308) + 1.7e308


def test_overflowing_gradient_is_an_error():
    tiny = Value(1e-300, "tiny")
    w = (tiny * 1e300).exp() * 1e300  # forward e·1e300 is finite; ∂w/∂tiny = 1e300·e·1e300 is not
    assert w.data == pytest.approx(math.e * 1e300)
    with pytest.raises(OverflowError, match=r"backward: the gradient of 'tiny' .* is inf"):
        w.backward()


def test_bad_operand_types_raise_type_error_naming_them():
    with pytest.raises(TypeError, match="str"):
        Value(1.0) + "2"
    with pytest.raises(TypeError, match="NoneType"):
        None * Value(1.0)
    with pytest.raises(TypeError, match="an exponent must be a real number .*got str"):
        Value(2.0) ** "2"
    with pytest.raises(TypeError, match="a base must be a real number .*got complex"):
        1j ** Value(2.0)
    with pytest.raises(TypeError, match="bool"):
        Value(1.0) + True


def test_backward_grad_argument_is_checked():
    with pytest.raises(TypeError, match=r"backward: the seed grad must be a real number"):
        Value(1.0).backward("1")


def test_zero_grad_rejects_non_values():
    with pytest.raises(TypeError, match="zero_grad: values must be Values, got float"):
        zero_grad([Value(1.0), 2.0])
