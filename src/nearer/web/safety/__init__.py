"""Safety in the web app: the one way to set and show a safety alert, quick exit, the
person's private safety plan, and the page on safety planning with a dangerous partner."""
