"""``python -m autograd_mini``: see `autograd_mini.cli`."""

from autograd_mini.cli import main

raise SystemExit(main())
