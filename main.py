"""Start Campaign Organiser's window: `python main.py [--db PATH]`."""

import sys

from organiser.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
