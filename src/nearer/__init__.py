"""nearer: notice, understand and repair emotional distance in a couple."""

__version__ = "0.1.0"
