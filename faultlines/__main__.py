"""`python -m faultlines` runs the same command line as the `faultlines` script."""

import sys

from faultlines.game.cli import main

if __name__ == "__main__":
    sys.exit(main())
