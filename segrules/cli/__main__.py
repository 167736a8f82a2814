"""``python -m segrules.cli``: the same as ``python -m segrules``."""

import sys

from . import main

if __name__ == "__main__":  # importing the package's modules one by one must not run it
    sys.exit(main())
