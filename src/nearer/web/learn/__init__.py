"""The knowledge base as pages under /learn/: topics, entries, search, and ``learn_url``."""
