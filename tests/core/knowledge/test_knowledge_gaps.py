"""What the seed articles name and the knowledge base once lacked (issue 10, requirement 6)."""

from __future__ import annotations

from nearer.core.knowledge import load


def test_the_missing_topics_are_there_with_their_sources() -> None:
    kb = load()
    expected = {
        "selective_detachment": "003_48da5a5706095f1d.txt",
        "grief_loss": "002_8f7ce1cc5bb097ac.txt",
        "decided_not_to_connect": "002_8f7ce1cc5bb097ac.txt",
        "early_care": "003_48da5a5706095f1d.txt",
    }
    for factor_id, seed in expected.items():
        assert seed in kb.factor(factor_id).sources, factor_id
    selective = kb.factor("selective_detachment")
    assert selective.kind == "healthy"
    assert "compassion fatigue" in selective.description and "burnout" in selective.description
    early = kb.factor("early_care").description
    assert "(RAD)" in early and "(DSED)" in early and "institution" in early
    effect = next(e for e in kb.effects if e.id == "lower_functioning")
    assert {"002_8f7ce1cc5bb097ac.txt", "003_48da5a5706095f1d.txt"} <= set(effect.sources)
    assert "quality of life" in effect.description
    assert "003_48da5a5706095f1d.txt" in kb.help_option("family_therapy").sources
    substance = kb.help_option("substance_support").what
    assert "1-800-662-4357" in substance and "FindTreatment.gov" in substance


def test_no_plan_names_these_conditions_without_an_answer_that_points_to_them() -> None:
    from nearer.core.instruments.connection_check import definition

    asked = {f for q in definition().context for f in q.factors}
    # Attachment disorders and early care are knowledge to read, never a guess in a plan.
    assert "early_care" not in asked and "other_conditions" not in asked
