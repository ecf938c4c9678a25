"""``python -m govreport``: the same as the ``govreport`` command."""

import sys

from govreport.cli import main

if __name__ == "__main__":
    sys.exit(main())
