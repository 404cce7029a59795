"""demos/newton.py, run as users run it: Newton's method against gradient descent on Rosenbrock (issue 22).

Every printed Newton iterate is checked against Newton's method done by hand in plain floats, with
Rosenbrock's gradient and Hessian written out: ∇f = (−2(1 − x) − 400x(y − x²), 200(y − x²)),
H = [[2 − 400(y − 3x²), −400x], [−400x, 200]].
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def newton_by_hand(x: float, y: float) -> tuple[float, float]:
    gx, gy = -2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)
    a, b, d = 2 - 400 * (y - 3 * x * x), -400 * x, 200.0
    det = a * d - b * b
    return x - (d * gx - b * gy) / det, y - (a * gy - b * gx) / det


def run(*args: str) -> str:
    done = subprocess.run([sys.executable, str(ROOT / "demos" / "newton.py"), *args], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_newton_iterates_are_newtons_method_and_converge_in_five():
    out = run("--quick")
    rows = [line for line in out.splitlines() if re.match(r"^\s+\d+ \| +-?\d", line) and "descent:" not in line]
    assert len(rows) == 6  # iterations 0 … 5
    x, y = -1.2, 1.0
    for k, row in enumerate(rows):
        cells = row.split("|")
        assert int(cells[0]) == k
        nx, ny, nf, _ = (float(c) for c in cells[1].split())
        assert (nx, ny) == (pytest.approx(x, abs=5e-9), pytest.approx(y, abs=5e-9)), f"iteration {k}"
        assert nf == pytest.approx((1 - x) ** 2 + 100 * (y - x * x) ** 2, rel=1e-3)
        x, y = newton_by_hand(x, y)
    assert "Newton's method: f < 1e-10 after 5 iterations, at (0.99999" in out
    first_descent = [float(c) for c in rows[1].split("|")[2].split()[:2]]
    assert first_descent == pytest.approx([-1.2 + 0.001 * 215.6, 1.0 + 0.001 * 88.0], abs=5e-9)  # −lr·∇f at the start
    assert "Gradient descent: still f = " in out and "after 2,000 iterations" in out


@pytest.mark.slow
def test_gradient_descent_needs_thousands_of_iterations_where_newton_needs_five():
    out = run()
    found = re.search(r"Gradient descent: f < 1e-10 after ([\d,]+) iterations; Newton's method needed 5\.", out)
    assert found and int(found.group(1).replace(",", "")) > 10_000
