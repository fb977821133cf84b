"""Share links: a read-only report for a therapist, chosen section by section, with every
opening logged for the person who shared."""
