"""Perception gaps between two partners' Connection Checks."""

from __future__ import annotations

from nearer.core.assessment.compare import NOTABLE_GAP, compare
from nearer.core.instruments.connection_scoring import score_connection_check
from tests import situations as s


def test_gaps_pair_each_self_view_with_the_partners_view() -> None:
    # Sam sees himself as warm; Alex sees Sam as distant, and sees herself as warm.
    sam = score_connection_check({**s.statements(s.WARM, s.WARM), "duration": "lt2w"})
    alex = score_connection_check({**s.statements(s.WARM, s.DISTANT), "duration": "2m-6m"})
    c = compare(sam, alex, ("Sam", "Alex"))
    comm = next(g for g in c.gaps if g.domain == "communication" and g.person == "Sam")
    assert (comm.own_view, comm.other_view, comm.gap, comm.notable) == (25, 75, 50, True)
    alex_comm = next(g for g in c.gaps if g.domain == "communication" and g.person == "Alex")
    assert alex_comm.gap == 0 and not alex_comm.notable
    assert c.summary[0].startswith("Alex sees more distance in Sam's")
    assert c.overall[0].gap == 50


def test_matching_views_say_so() -> None:
    a = score_connection_check(s.stable_close())
    c = compare(a, a)
    assert not any(g.notable for g in c.gaps)
    assert str(NOTABLE_GAP) in c.summary[0]
