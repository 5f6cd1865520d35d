"""The pages of the services app, by area (thin: the rules are in the rule modules)."""
