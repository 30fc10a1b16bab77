"""Campaign Organiser: actions, commitments, letters and organisations for union campaigns."""

__version__ = "0.1.0"
