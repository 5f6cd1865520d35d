"""Standard documents of the procedures as Word files: templates, filling from the case, storing."""
