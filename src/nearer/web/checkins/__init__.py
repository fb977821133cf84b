"""Daily check-ins (feeling, closeness, appreciation, private note) and the weekly talk."""
