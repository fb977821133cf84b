"""The analysis speaks in nearer's own words: no text shares 8 words in a row with a seed."""

from __future__ import annotations

from nearer.core.analysis.definitions import METRICS, PATTERNS
from nearer.core.analysis.html import METHODS
from nearer.core.analysis.language import LanguageNote
from nearer.core.analysis.next_steps import steps_for
from nearer.core.analysis.signals import CAVEATS
from tests.core.analysis.test_golden import report_of
from tests.core.knowledge.seedwords import fingerprint, runs, stored_fingerprints


def analysis_texts() -> list[tuple[str, str]]:
    texts = [(f"metric {m.id}", " ".join((m.label, *m.sentences))) for m in METRICS]
    texts += [(f"pattern {p.id}", p.headline) for p in PATTERNS]
    texts += [("caveat", c) for c in CAVEATS] + [("method", m) for m in METHODS]
    for pattern in PATTERNS:
        for role in ("withdrawing", "reaching", "both", "anyone"):
            texts += [(f"step {s.id}", s.why) for s in steps_for(role, pattern)]
    note = LanguageNote("de", {"de": 1.0})
    texts += [("language", note.note or ""), ("emotion", note.emotion_note or "")]
    for case in ("pursue-withdraw", "mutual-drift-redacted"):
        data = report_of(case)
        texts += [(f"signal {s['metric']}", s["explanation"]) for s in data["signals"]]
        texts += [(f"headline {h['person']}", h["text"]) for h in data["headlines"]]
    return texts


def test_no_analysis_text_copies_eight_words_from_a_seed() -> None:
    seeds = stored_fingerprints()
    copied = [
        f"{where}: {' '.join(run)}"
        for where, text in analysis_texts()
        for run in runs(text)
        if fingerprint(run) in seeds
    ]
    assert not copied, "reword these (8+ words shared with a seed):\n" + "\n".join(copied)
