"""The calendar's widgets: painted month and week grids, the agenda, the action form, import."""
