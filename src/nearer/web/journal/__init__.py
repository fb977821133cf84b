"""Journal: private by default, shareable per entry, with tags and patterns over time."""
