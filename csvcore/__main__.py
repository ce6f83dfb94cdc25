"""``python -m csvcore``: see :mod:`csvcore.cli`."""

import sys

from .cli import main

sys.exit(main())
