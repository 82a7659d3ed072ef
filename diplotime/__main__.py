"""``python -m diplotime``: see :mod:`diplotime.cli`."""

import sys

from diplotime.cli import main

if __name__ == "__main__":
    sys.exit(main())
