"""Reminders, opt-in and quiet: a daily check-in reminder and a weekly-talk reminder per
person, sent by the background worker by email or shown in the app, with one-click
unsubscribe. See docs/web.md (Reminders)."""
