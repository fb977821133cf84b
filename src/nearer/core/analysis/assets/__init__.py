"""Package data for the HTML report: uPlot 1.6.32 (MIT, see LICENSE-uPlot.txt), the report's
stylesheet and its one script."""
