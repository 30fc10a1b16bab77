"""`python -m organiser ...`: the command line, as the installed `organiser` command runs it."""

import sys

from organiser.cli import main

sys.exit(main())
