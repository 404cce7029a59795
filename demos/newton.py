"""Newton's method against gradient descent on Rosenbrock's banana, from (−1.2, 1), with `grad` and `hessian`.

    f(x, y) = (1 − x)² + 100·(y − x²)²        minimum f = 0 at (1, 1)

Gradient descent steps along −∇f (``grad(f, [x, y])``, the first derivatives); Newton's method solves
H·step = ∇f with the matrix of second derivatives H = ``hessian(f, [x, y])`` and steps by −step. Each
iteration of both is printed side by side until Newton has converged, then gradient descent goes on
alone (its progress every so often) until it reaches the same f, or gives up.

    python demos/newton.py [--quick]      # --quick (or AUTOGRAD_MINI_QUICK=1): stop descent sooner
"""

from __future__ import annotations

import sys

from _common import options  # noqa: E402  (first: it puts the checkout on sys.path)

from autograd_mini import Value, grad, hessian  # noqa: E402

START = (-1.2, 1.0)
TOLERANCE = 1e-10  # stop when f is below this
LR = 0.001  # gradient descent's step: just under 2/λ_max of the Hessian near the valley (≈ 1000)


def rosenbrock(x: Value, y: Value) -> Value:
    f = (1.0 - x) ** 2 + 100.0 * (y - x**2) ** 2
    f.label = "f"
    return f


def newton_step(px: float, py: float) -> tuple[float, float, float, float]:
    """One Newton iteration from (px, py): the new point, and f and |∇f| at the old one."""
    x, y = Value(px, "x"), Value(py, "y")
    f = rosenbrock(x, y)
    gx, gy = (d.data for d in grad(f, [x, y]))
    (a, b), (_, d) = hessian(f, [x, y])
    det = a * d - b * b  # solve H·s = ∇f for the 2×2 symmetric H
    sx, sy = (d * gx - b * gy) / det, (a * gy - b * gx) / det
    return px - sx, py - sy, f.data, (gx * gx + gy * gy) ** 0.5


def descent_step(px: float, py: float) -> tuple[float, float, float, float]:
    """One gradient-descent iteration from (px, py), with f and |∇f| at the old point."""
    x, y = Value(px, "x"), Value(py, "y")
    f = rosenbrock(x, y)
    gx, gy = (d.data for d in grad(f, [x, y]))
    return px - LR * gx, py - LR * gy, f.data, (gx * gx + gy * gy) ** 0.5


def main(argv: list[str]) -> int:
    quick, _ = options(argv)
    limit = 2_000 if quick else 50_000
    print(__doc__.split("\n\n")[0])
    print(f"f(x, y) = (1 − x)² + 100·(y − x²)², start {START}, gradient descent with lr = {LR}\n")
    print(f"{'iter':>5} | {'Newton: x':>12} {'y':>12} {'f':>10} {'|∇f|':>10} | {'descent: x':>12} {'y':>12} {'f':>10} {'|∇f|':>10}")
    newton, descent = START, START
    k, newton_done = 0, None
    while newton_done is None:  # row k: both points after k iterations
        nx, ny, nf, ng = newton_step(*newton)
        dx, dy, df, dg = descent_step(*descent)
        print(f"{k:>5} | {newton[0]:>12.8f} {newton[1]:>12.8f} {nf:>10.3e} {ng:>10.3e} | "
              f"{descent[0]:>12.8f} {descent[1]:>12.8f} {df:>10.3e} {dg:>10.3e}")
        if nf < TOLERANCE:
            newton_done = k
            break
        newton, descent, k = (nx, ny), (dx, dy), k + 1
    print(f"\nNewton's method: f < {TOLERANCE:g} after {newton_done} iterations, at ({newton[0]:.10f}, {newton[1]:.10f}).")
    print("Gradient descent goes on alone:")
    while k < limit:
        descent, k = (dx, dy), k + 1
        dx, dy, df, dg = descent_step(*descent)
        if df < TOLERANCE or k % (limit // 10) == 0:
            print(f"{k:>5} | descent: x = {descent[0]:.10f}, y = {descent[1]:.10f}, f = {df:.3e}, |∇f| = {dg:.3e}")
        if df < TOLERANCE:
            print(f"\nGradient descent: f < {TOLERANCE:g} after {k:,} iterations; Newton's method needed {newton_done}.")
            return 0
    print(f"\nGradient descent: still f = {df:.3e} after {limit:,} iterations (Newton's method: f < {TOLERANCE:g} after {newton_done}).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
