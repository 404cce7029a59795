"""What the training demos share: running from a checkout, their command line, optional plots.

    python demos/NAME.py [--quick] [OUT_DIR]     # --quick (or AUTOGRAD_MINI_QUICK=1): a short run

Plots need matplotlib (the `plot` extra); without it a demo prints a note and still runs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run from a checkout without installing


def options(argv: list[str]) -> tuple[bool, Path]:
    """(quick, out_dir) from ``[--quick] [OUT_DIR]``; OUT_DIR defaults to out/ in the checkout."""
    quick = "--quick" in argv or bool(os.environ.get("AUTOGRAD_MINI_QUICK"))
    args = [a for a in argv if a != "--quick"]
    return quick, Path(args[0]) if args else ROOT / "out"


def pyplot():
    """matplotlib.pyplot on the file-only Agg backend, or None (with a note) without matplotlib."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("(matplotlib is not installed: no plot; pip install matplotlib)")
        return None
    return plt


def save_figure(fig, path: Path) -> None:
    """Write ``fig`` to ``path`` (folders created), close it, and say where it went."""
    import matplotlib.pyplot as plt

    path.parent.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    print(f"wrote {path}")


def plot_curves(curves: dict[str, list[float]], path: Path, ylabel: str, title: str, legend_columns: int = 1) -> None:
    """Cost per epoch, one line per run, on a log scale."""
    plt = pyplot()
    if plt is None:
        return
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for name, history in curves.items():
        ax.plot(range(1, len(history) + 1), history, label=name)
    ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend(ncol=legend_columns, fontsize=8 if legend_columns > 1 else None)
    save_figure(fig, path)
