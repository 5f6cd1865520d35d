"""Pages of the collaboration app."""
