"""Speed of autograd-mini against micrograd and PyTorch scalar tensors, in one process.

    bash scripts/run.sh bench            # sets up .venv with the peers, then runs this
    python benchmarks/bench.py --quick   # fewer repeats

Every engine does the same work on the same weights, interleaved and repeated; the table shows
medians and ratios against micrograd (how many times faster than micrograd; > 1 is faster).
The garbage collector stays ON, as users run it. A correctness gate runs first: the gradients of
every engine must agree with PyTorch float64 to 1e-9, else no timing is printed.

Work measured:
- epoch: one training step of an MLP 2-16-16-1 (relu, relu, linear) on 100 points, micrograd's demo
  loss (mean hinge + 1e-4·L2), one graph: forward, backward, SGD update, and freeing the graph.
  autograd-mini runs it twice: with its own `nn.MLP` (a neuron's net input is ONE node) and with a
  graph built op by op (`*`, `+`, relu) exactly as micrograd builds it.
- chain: y = y·a + b, per node (forward, backward, free), in chains short enough for micrograd.
- wide sum: Σ a_i·b_i over 100,000 pairs, each engine's natural form (autograd-mini `sum_values`,
  torch `stack().sum()`, micrograd a chain of `+`).
- deepest chain: the longest y = y·a + b chain each engine back-propagates.
- memory per node (resident memory of a 200,000-node chain) and time to free a graph.
"""

from __future__ import annotations

import argparse
import gc
import math
import os
import random
import statistics
import sys
import time
from typing import Callable

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from autograd_mini import Value, sum_values  # noqa: E402
from nn import MLP  # noqa: E402

try:
    import micrograd.engine as mg_engine
    import micrograd.nn as mg_nn
except ImportError:  # pragma: no cover - depends on the machine
    mg_engine = mg_nn = None
try:
    import torch
except ImportError:  # pragma: no cover
    torch = None

SIZES = [16, 16, 1]
N_POINTS = 100
ALPHA = 1e-4
LR = 0.1


# ------------------------------------------------------------------ shared data and weights
def make_problem(seed: int = 1):
    """100 points of two interleaved half-moons (labels ±1) and one set of initial weights."""
    rng = random.Random(seed)
    X, y = [], []
    for k in range(N_POINTS):
        t = math.pi * rng.random()
        if k % 2:
            X.append([math.cos(t) + rng.gauss(0, 0.1), math.sin(t) + rng.gauss(0, 0.1)]); y.append(1.0)
        else:
            X.append([1 - math.cos(t) + rng.gauss(0, 0.1), 0.5 - math.sin(t) + rng.gauss(0, 0.1)]); y.append(-1.0)
    weights, biases, nin = [], [], 2
    for nout in SIZES:
        weights.append([[rng.uniform(-1, 1) for _ in range(nin)] for _ in range(nout)])
        biases.append([rng.uniform(-0.1, 0.1) for _ in range(nout)])
        nin = nout
    return X, y, weights, biases


# ------------------------------------------------------------------ one epoch per engine
def ours_mlp(W, B):
    return MLP(2, SIZES, activation=["relu", "relu", "linear"], bias="neuron", weights=W, biases=B)


def epoch_ours_mlp(model, X, y) -> list[float]:
    params = model.parameters()
    losses = [(1 - yi * model(xi)[0]).relu() for xi, yi in zip(X, y)]
    loss = sum_values(losses) * (1.0 / len(losses)) + ALPHA * sum_values([p * p for p in params])
    for p in params:
        p.grad = 0.0
    loss.backward()
    for p in params:
        p.data -= LR * p.grad
    # gradients in the peers' order: per neuron, its weights then its bias
    return [p.grad for layer in model.layers for n in layer.neurons for p in (*n.weight, n.bias)]


class OpByOp:
    """A 2-16-16-1 network built op by op, as micrograd's `nn` builds it, for any scalar engine."""

    def __init__(self, make: Callable[[float], object], W, B, relu: Callable):
        self.layers = [[([make(w) for w in row], make(b)) for row, b in zip(Wl, Bl)] for Wl, Bl in zip(W, B)]
        self.relu = relu

    def parameters(self):
        return [p for layer in self.layers for ws, b in layer for p in (*ws, b)]

    def __call__(self, x):
        for k, layer in enumerate(self.layers):
            last = k == len(self.layers) - 1
            out = []
            for ws, b in layer:
                act = sum((wi * xi for wi, xi in zip(ws, x)), b)
                out.append(act if last else self.relu(act))
            x = out
        return x[0]


def epoch_op_by_op(model, X, y, relu, zero, read, update) -> list[float]:
    params = model.parameters()
    losses = [relu(1 + -yi * model(xi)) for xi, yi in zip(X, y)]
    loss = sum(losses) * (1.0 / len(losses)) + ALPHA * sum(p * p for p in params)
    zero(params)
    loss.backward()
    grads = read(params)
    update(params)
    return grads


def engines(W, B):
    """name -> (make model, run one epoch returning gradients)."""
    out = {}
    out["autograd-mini nn.MLP"] = (lambda: ours_mlp(W, B), epoch_ours_mlp)

    def zero_v(ps):
        for p in ps:
            p.grad = 0.0

    def upd_v(ps):
        for p in ps:
            p.data -= LR * p.grad

    read_v = lambda ps: [p.grad for p in ps]  # noqa: E731
    out["autograd-mini op by op"] = (
        lambda: OpByOp(Value, W, B, Value.relu),
        lambda m, X, y: epoch_op_by_op(m, X, y, Value.relu, zero_v, read_v, upd_v),
    )
    if mg_engine is not None:
        def mg_model():
            m = mg_nn.MLP(2, SIZES)
            for layer, Wl, Bl in zip(m.layers, W, B):
                for n, row, b in zip(layer.neurons, Wl, Bl):
                    for p, w in zip(n.w, row):
                        p.data = w
                    n.b.data = b
            return m
        out["micrograd 0.1.0"] = (mg_model, lambda m, X, y: epoch_op_by_op(m, X, y, mg_engine.Value.relu, zero_v, read_v, upd_v))
    if torch is not None:
        def t_make(x):
            return torch.tensor(x, dtype=torch.float64, requires_grad=True)

        def zero_t(ps):
            for p in ps:
                p.grad = None

        def read_t(ps):
            return [p.grad.item() for p in ps]

        def upd_t(ps):
            with torch.no_grad():
                for p in ps:
                    p -= LR * p.grad

        out["PyTorch scalars"] = (
            lambda: OpByOp(t_make, W, B, torch.relu),
            lambda m, X, y: epoch_op_by_op(m, X, y, torch.relu, zero_t, read_t, upd_t),
        )
    return out


def param_order_check(name, grads_by_engine, reference):
    """The correctness gate: every engine's gradients equal the reference to 1e-9."""
    ref = grads_by_engine[reference]
    for name, g in grads_by_engine.items():
        if len(g) != len(ref):
            return f"{name}: {len(g)} gradients, the reference has {len(ref)}"
        worst = max(abs(a - b) / max(1.0, abs(b)) for a, b in zip(g, ref))
        if worst > 1e-9:
            return f"{name}: gradients differ from {reference} by {worst:.3g} (> 1e-9)"
    return None


# ------------------------------------------------------------------ measurements
def timed_until_freed(fn: Callable[[], object]) -> float:
    """Seconds for ``fn()`` plus freeing everything it left behind.

    The garbage collector stays on during ``fn`` (so its automatic passes are paid, as users pay
    them). Afterwards a full ``gc.collect()`` frees what only the collector can free (micrograd's
    graphs are reference cycles); the cost of a full collection of the rest of the process (torch's
    modules alone are ~1e5 objects) is measured right after and subtracted, so each engine pays
    for its own garbage only.
    """
    gc.collect()
    t0 = time.perf_counter()
    fn()
    gc.collect()
    t1 = time.perf_counter()
    gc.collect()
    t2 = time.perf_counter()
    return max(0.0, (t1 - t0) - (t2 - t1))


def epoch_and_free(make, run, X, y, epochs: int = 3) -> float:
    """Seconds per epoch, for `epochs` back-to-back epochs, graphs freed included."""
    model = make()

    def work():
        for _ in range(epochs):
            run(model, X, y)

    return timed_until_freed(work) / epochs


def chain_per_node(kind: str, steps: int = 200, repeats: int = 100) -> float:
    """µs per node for y = y·a + b chains (forward, backward, free), 2·steps nodes per chain."""
    mk = {"ours": Value, "micrograd": getattr(mg_engine, "Value", None),
          "torch": (lambda v: torch.tensor(v, dtype=torch.float64, requires_grad=True)) if torch else None}[kind]
    a, b = mk(1.0), mk(0.0)

    def work():
        for _ in range(repeats):
            y = mk(1.0)
            for _ in range(steps):
                y = y * a + b
            y.backward()

    return timed_until_freed(work) / (repeats * 2 * steps) * 1e6


def wide_sum(kind: str, n: int = 100_000) -> float | str:
    """Seconds for Σ a_i·b_i (forward + backward + free)."""
    rng = random.Random(5)
    vals = [(rng.uniform(-1, 1), rng.uniform(-1, 1)) for _ in range(n)]

    def work():
        if kind == "ours":
            total = sum_values([Value(p) * Value(q) for p, q in vals])
        elif kind == "torch":
            ps = [torch.tensor(p, dtype=torch.float64, requires_grad=True) for p, _ in vals]
            total = torch.stack([x * q for x, (_, q) in zip(ps, vals)]).sum()
        else:
            total = sum(mg_engine.Value(p) * mg_engine.Value(q) for p, q in vals)
        total.backward()

    try:
        return timed_until_freed(work)
    except RecursionError:
        gc.collect()
        return "RecursionError"


def deepest_chain(kind: str, limit: int = 1_000_000) -> str:
    """The longest y = y·a + b chain (in nodes) that back-propagates, searched by doubling up to `limit`."""
    mk = {"ours": Value, "micrograd": getattr(mg_engine, "Value", None),
          "torch": (lambda v: torch.tensor(v, dtype=torch.float64, requires_grad=True)) if torch else None}[kind]

    def ok(nodes: int) -> bool:
        a, b = mk(1.0), mk(0.0)
        y = mk(1.0)
        for _ in range(nodes // 2):
            y = y * a + b
        try:
            y.backward()
            return True
        except RecursionError:
            return False
        finally:
            del y
            gc.collect()

    if ok(limit):
        return f">= {limit:,}"
    lo, hi = 2, limit  # ok(lo) assumed; binary search on even node counts
    while hi - lo > 2:
        mid = (lo + hi) // 4 * 2
        lo, hi = (mid, hi) if ok(mid) else (lo, mid)
    return f"{lo:,} (RecursionError beyond)"


def rss_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def memory_per_node(kind: str) -> float:
    """Measured in a fresh interpreter, so memory another engine freed cannot be reused."""
    import subprocess
    out = subprocess.run([sys.executable, __file__, "--memory-child", kind], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def _memory_child(kind: str, steps: int = 100_000) -> float:
    """Resident bytes per node of a y = y·a + b chain of 2·steps nodes, graph held, before backward."""
    mk = {"ours": Value, "micrograd": getattr(mg_engine, "Value", None),
          "torch": (lambda v: torch.tensor(v, dtype=torch.float64, requires_grad=True)) if torch else None}[kind]
    gc.collect()
    a, b = mk(1.0), mk(0.0)
    before = rss_bytes()
    y = mk(1.0)
    for _ in range(steps):
        y = y * a + b
    used = rss_bytes() - before
    del y
    gc.collect()
    return used / (2 * steps)


def free_time(kind: str, steps: int = 100_000) -> float:
    """Seconds to free a 2·steps-node chain: drop the last reference, then collect."""
    mk = {"ours": Value, "micrograd": getattr(mg_engine, "Value", None),
          "torch": (lambda v: torch.tensor(v, dtype=torch.float64, requires_grad=True)) if torch else None}[kind]
    a, b = mk(1.0), mk(0.0)
    holder = [mk(1.0)]
    for _ in range(steps):
        holder[0] = holder[0] * a + b
    return timed_until_freed(holder.clear)


# ------------------------------------------------------------------ report
def fmt_time(s: float) -> str:
    return f"{s * 1e3:.1f} ms" if s >= 1e-3 else f"{s * 1e6:.1f} µs"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeats", type=int, default=7, help="interleaved repeats per measurement (median reported)")
    ap.add_argument("--quick", action="store_true", help="3 repeats, a shorter deepest-chain search")
    ap.add_argument("--memory-child", choices=["ours", "micrograd", "torch"], help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.memory_child:
        print(_memory_child(args.memory_child))
        return 0
    reps = 3 if args.quick else args.repeats
    missing = [n for n, m in (("micrograd", mg_engine), ("torch", torch)) if m is None]
    if missing:
        print(f"missing peers: {', '.join(missing)} (pip install -e '.[bench]' or: bash scripts/run.sh bench); "
              "their columns are left out", file=sys.stderr)
    X, y, W, B = make_problem()
    eng = engines(W, B)

    # 1. the correctness gate
    grads = {name: run(make(), X, y) for name, (make, run) in eng.items()}
    reference = "PyTorch scalars" if torch is not None else "autograd-mini op by op"
    problem = param_order_check(None, grads, reference)
    if problem:
        print(f"correctness gate FAILED: {problem}; no timing printed", file=sys.stderr)
        return 1
    print(f"correctness gate: {len(grads)} engines, {len(grads[reference])} gradients each, all within 1e-9 of {reference}")

    # 2. epochs, interleaved
    times: dict[str, list[float]] = {name: [] for name in eng}
    for _ in range(reps):
        for name, (make, run) in eng.items():
            times[name].append(epoch_and_free(make, run, X, y))
    epoch = {n: statistics.median(t) for n, t in times.items()}

    kinds = ["ours"] + (["micrograd"] if mg_engine else []) + (["torch"] if torch else [])
    rows = []

    def interleave(fn, *a):
        res = {k: [] for k in kinds}
        for _ in range(reps):
            for k in kinds:
                res[k].append(fn(k, *a))
        return {k: (statistics.median(v) if all(isinstance(x, float) for x in v) else v[0]) for k, v in res.items()}

    chain = interleave(chain_per_node)
    wide = interleave(wide_sum)
    mem = {k: memory_per_node(k) for k in kinds}
    free = interleave(free_time)
    deep = {k: deepest_chain(k, 200_000 if args.quick else 1_000_000) for k in kinds}

    def ratio(mine, theirs):
        if not isinstance(mine, float) or not isinstance(theirs, float):
            return "—"
        return f"{theirs / mine:.1f}×"

    mg = "micrograd 0.1.0"
    rows.append(("epoch, nn.MLP (graph freed)", fmt_time(epoch["autograd-mini nn.MLP"]), fmt_time(epoch[mg]) if mg in epoch else "—",
                 fmt_time(epoch["PyTorch scalars"]) if "PyTorch scalars" in epoch else "—", ratio(epoch["autograd-mini nn.MLP"], epoch.get(mg))))
    rows.append(("epoch, op by op (graph freed)", fmt_time(epoch["autograd-mini op by op"]), fmt_time(epoch[mg]) if mg in epoch else "—",
                 fmt_time(epoch["PyTorch scalars"]) if "PyTorch scalars" in epoch else "—", ratio(epoch["autograd-mini op by op"], epoch.get(mg))))
    cell = lambda d, k, f: (f(d[k]) if isinstance(d.get(k), float) else str(d.get(k, "—")))  # noqa: E731
    rows.append(("chain y = y·a + b, per node", cell(chain, "ours", lambda v: f"{v:.2f} µs"), cell(chain, "micrograd", lambda v: f"{v:.2f} µs"),
                 cell(chain, "torch", lambda v: f"{v:.2f} µs"), ratio(chain["ours"], chain.get("micrograd"))))
    rows.append(("wide sum of 100,000 products", cell(wide, "ours", fmt_time), cell(wide, "micrograd", fmt_time),
                 cell(wide, "torch", fmt_time), ratio(wide["ours"], wide.get("micrograd"))))
    rows.append(("deepest chain that back-propagates", deep["ours"], deep.get("micrograd", "—"), deep.get("torch", "—"), "—"))
    rows.append(("memory per node", cell(mem, "ours", lambda v: f"{v:.0f} B"), cell(mem, "micrograd", lambda v: f"{v:.0f} B"),
                 cell(mem, "torch", lambda v: f"{v:.0f} B"), ratio(mem["ours"], mem.get("micrograd"))))
    rows.append(("free a 200,000-node chain", cell(free, "ours", fmt_time), cell(free, "micrograd", fmt_time),
                 cell(free, "torch", fmt_time), ratio(free["ours"], free.get("micrograd"))))

    print(f"\nPython {sys.version.split()[0]}, {os.cpu_count()} cores, gc ON, medians of {reps} interleaved runs\n")
    print("| work | autograd-mini | micrograd 0.1.0 | PyTorch scalars | vs micrograd |")
    print("|---|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
