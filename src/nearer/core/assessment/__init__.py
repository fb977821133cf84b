"""One sitting of the Connection Check and what is built from it.

- ``sitting``: score an answers object (the check, its screeners, its notes) into an
  ``Assessment`` with the plan;
- ``interview``: the interactive check as a list of steps;
- ``compare``: perception gaps between two partners' checks;
- ``reports``: the printable HTML report.
"""

from nearer.core.assessment.sitting import Assessment, assess, result_from_json, score_screeners

__all__ = ["Assessment", "assess", "result_from_json", "score_screeners"]
