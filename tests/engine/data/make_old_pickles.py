"""How the old-format pickles beside this file were made (kept for the record; the tests only read the files).

    git worktree add /tmp/old1 e0fd1d8   # format 1: the 9-value state (prelude table + 8 slots), no version
    git worktree add /tmp/old0 eb32142   # format 0: before Value had __reduce__ (the default __slots__ state)
    PYTHONPATH=/tmp/old1 python make_old_pickles.py pickle_format1_2026-11.pkl
    PYTHONPATH=/tmp/old0 python make_old_pickles.py pickle_format0.pkl
"""

import pickle
import sys

from autograd_mini import Value
from nn import MLP

if __name__ == "__main__":
    x1, x2, w1, w2, b = Value(0.05, "i1"), Value(0.10, "i2"), Value(0.15, "w1"), Value(0.20, "w2"), Value(0.35, "b1")
    y = (w1 * x1 + w2 * x2 + b).sigmoid()
    y.label = "out_h1"
    y.backward()
    model = MLP(2, [2, 1], seed=0)
    with open(sys.argv[1], "wb") as f:
        pickle.dump({"graph": y, "model": model, "model_out": [v.data for v in model([0.05, 0.10])]}, f, protocol=4)
