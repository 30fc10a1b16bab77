"""Start Campaign Organiser's window: `python main.py [--db PATH]`."""

import multiprocessing
import sys

from organiser.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # batch PDF workers in a frozen (packaged) build
    sys.exit(main(sys.argv[1:]))
