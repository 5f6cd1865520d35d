"""The cockpit's pages (thin: the figures come from cockpit.py, the reports from reports.py)."""
