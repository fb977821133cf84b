"""The pure domain of nearer.

Nothing here imports the CLI, the web app, Typer, Rich or Django, prints, or reads a global
path: callers pass file objects or text in and get typed records back.
"""
