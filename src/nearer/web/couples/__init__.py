"""Couples: invitations by one-time code or link, the solo path, and unpairing."""
