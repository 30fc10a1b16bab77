"""File › Export archive… and File › Import archive…: the hand-over archive in the window."""
