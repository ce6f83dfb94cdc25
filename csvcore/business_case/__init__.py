"""Step 1, the business case: which societal challenges intersect the business, and which
stand out under probable and possible futures.

========== ==============================================================
priorities scenario weights, scores, ranks, robustness classes, the summary
matrix     the materiality matrix (business against societal impact)
coverage   who works on each challenge: ties, organizations, top players
edits      challenge and scenario edits made on the page
========== ==============================================================
"""

from .coverage import *  # noqa: F401,F403
from .coverage import __all__ as _coverage
from .edits import *  # noqa: F401,F403
from .edits import __all__ as _edits
from .matrix import *  # noqa: F401,F403
from .matrix import __all__ as _matrix
from .priorities import *  # noqa: F401,F403
from .priorities import __all__ as _priorities

__all__ = [*_priorities, *_matrix, *_coverage, *_edits]
