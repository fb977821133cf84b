"""The one exception tree of nearer.

Every error a user can cause is a ``NearerError``. Its message is written for the user: one
line that says what went wrong and how to fix it, so the CLI and the web app can show it as
it is. Code that catches a lower-level exception wraps it with ``raise ... from exc``.

    NearerError
    ├── AnswerError        an answer to an instrument is missing, unknown or out of range
    ├── UnknownInstrument  no instrument has the requested id
    ├── KnowledgeError     the packaged knowledge base does not match its schema
    ├── UnknownTopic       ``learn`` was asked for a topic the knowledge base lacks
    ├── ParseError         an input file could not be read (bad JSON, wrong encoding, ...)
    │   └── UnknownFormat  no reader recognises the file
    ├── ChatError          a chat cannot be analysed as asked (one person, a group, no data)
    │   └── ChoiceError    a setting names what the chat does not hold (the two people, a name)
    ├── ModelError         a packaged model is missing or cannot be used on this input
    ├── SettingsError      an environment setting (DATABASE_URL, NEARER_*) has a bad value
    └── BackupError        a backup cannot be made, or a file is not one this version restores
"""

from __future__ import annotations


class NearerError(Exception):
    """Base of every error nearer raises on purpose. ``str(exc)`` is the user-facing line."""


class AnswerError(NearerError):
    """An answer is missing, not one of the allowed values, or names an unknown item."""


class UnknownInstrument(NearerError):
    """No instrument is registered under the requested id."""


class KnowledgeError(NearerError):
    """The knowledge base files break their schema (a packaging bug, caught by tests)."""


class UnknownTopic(NearerError):
    """The knowledge base has no topic or entry with the requested name."""


class ParseError(NearerError):
    """An input file is malformed, truncated, binary or in an unexpected encoding."""


class UnknownFormat(ParseError):
    """No reader recognises the input's format."""


class ChatError(NearerError):
    """A chat read fine but cannot be analysed as asked (one participant, a group chat, an
    unknown ``--me`` name, nothing left after ``--since``)."""


class ChoiceError(ChatError):
    """A setting of the analysis must be chosen from what the chat holds.

    ``setting`` names it ("between": the two people to compare, "me": your name, "since":
    the first day); ``choices`` lists the chat's senders with their message counts, most
    active first, so a caller can offer them (the CLI names its option, the web a picker).
    """

    def __init__(
        self, message: str, setting: str, choices: tuple[tuple[str, int], ...] = ()
    ) -> None:
        super().__init__(message)
        self.setting = setting
        self.choices = choices


class ModelError(NearerError):
    """A packaged model is missing, corrupt, or cannot handle the given input."""


class SettingsError(NearerError):
    """A setting read from the environment is malformed or missing where it is required."""


class BackupError(NearerError):
    """``nearer backup``/``restore`` cannot go on: no database yet, pg_dump missing, or the
    file is not a nearer backup this version can restore. ``refused`` marks the last kind
    (and a restore over existing data without ``--force``): the CLI exits 2 for those."""

    def __init__(self, message: str, refused: bool = False) -> None:
        super().__init__(message)
        self.refused = refused
