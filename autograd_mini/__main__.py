"""``python -m autograd_mini``: see `autograd_mini.cli`."""

import sys

from autograd_mini.cli import main

for _stream in (sys.stdout, sys.stderr):  # ∂, δ, η on a terminal that cannot show them: escaped, never a crash
    if hasattr(_stream, "reconfigure"):
        _stream.reconfigure(errors="backslashreplace")

raise SystemExit(main())
