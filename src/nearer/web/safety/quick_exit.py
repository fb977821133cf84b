"""Quick exit: one button (and Esc twice) that leaves nearer at once for a neutral site.

The script (static/nearer/quick-exit.js) uses ``location.replace`` so the page it leaves is
replaced in the browser history and the back button does not return to it, as
domestic-abuse services' own sites do. The link works without the script too.
"""

from __future__ import annotations

from typing import Final

# A page nobody would wonder about on a shared device.
NEUTRAL_URL: Final = "https://www.bbc.co.uk/weather"
