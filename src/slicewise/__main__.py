"""Allow `python -m slicewise`."""

import sys

from slicewise.cli import main

sys.exit(main())
