"""Assessments in the browser: the Connection Check and the screeners, over time."""
