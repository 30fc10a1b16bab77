"""The window's search box."""
