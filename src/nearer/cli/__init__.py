"""The ``nearer`` command line: thin Typer commands over one core call each."""
