from __future__ import annotations

from django import forms

from nearer.web import vocab

TEXT_LIMIT = 10_000
TAG_LIMIT = 10
TAG_LENGTH = 40


def split_tags(raw: str, what: str) -> list[str]:
    """ "work, money ,  in-laws" -> ["work", "money", "in-laws"], lower-case, no repeats."""
    tags: list[str] = []
    for part in raw.split(","):
        tag = " ".join(part.split()).lower()
        if not tag or tag in tags:
            continue
        if len(tag) > TAG_LENGTH:
            raise forms.ValidationError(
                f"The {what} “{tag[:20]}…” is longer than {TAG_LENGTH} characters. Shorten it."
            )
        tags.append(tag)
    if len(tags) > TAG_LIMIT:
        raise forms.ValidationError(f"Use at most {TAG_LIMIT} {what}s, separated by commas.")
    return tags


class JournalEntryForm(forms.Form):
    text = forms.CharField(
        label="What happened, and how did it feel?",
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Write something first; even one line is enough."},
    )
    feelings = forms.CharField(
        label="Feelings (optional, words separated by commas)",
        required=False,
        help_text="Words from the check-in list, e.g. hurt, lonely, hopeful. After saving, "
        "nearer suggests words from what you wrote.",
    )
    situations = forms.CharField(
        label="Situations (optional, separated by commas)",
        required=False,
        help_text="Where or when, e.g. dinner, bedtime, visiting family.",
    )
    triggers = forms.CharField(
        label="Triggers (optional, separated by commas)",
        required=False,
        help_text="What set the feeling off, e.g. phone at the table, being interrupted.",
    )
    shared = forms.BooleanField(
        label="Share this entry with my partner", required=False, initial=False
    )

    def clean_text(self) -> str:
        text = str(self.cleaned_data["text"]).strip()
        if not text:
            raise forms.ValidationError("Write something first; even one line is enough.")
        return text

    def clean_feelings(self) -> list[str]:
        words = split_tags(self.cleaned_data.get("feelings", ""), "feeling")
        clean: list[str] = []
        for word in words:
            found = vocab.lookup(word)
            if found is None:
                raise forms.ValidationError(
                    f"“{word}” is not in nearer's feelings list. Use a word from the "
                    "check-in page, or leave it out."
                )
            clean.append(found.word)
        return clean

    def clean_situations(self) -> list[str]:
        return split_tags(self.cleaned_data.get("situations", ""), "situation")

    def clean_triggers(self) -> list[str]:
        return split_tags(self.cleaned_data.get("triggers", ""), "trigger")
