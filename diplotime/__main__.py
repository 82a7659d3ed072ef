"""``python -m diplotime``: see :mod:`diplotime.cli`."""

import sys

from diplotime.cli import main

sys.exit(main())
