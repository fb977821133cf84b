"""The guidance engine: from assessments to a ranked, explained plan."""

from nearer.core.guidance.help import HelpAdvice
from nearer.core.guidance.plan import LeftOut, Plan, Recommendation, build_plan

__all__ = ["HelpAdvice", "LeftOut", "Plan", "Recommendation", "build_plan"]
