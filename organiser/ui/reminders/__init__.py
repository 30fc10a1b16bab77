"""Reminders in the window: the "Remind me…" dialog, the timer that notices due reminders (the
system tray's message, else a notice in the window), and the list of those missed."""
