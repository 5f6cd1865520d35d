"""Shared fixtures: users of every role, a small registry, clients signed in as each role."""
pytest_plugins = ["tests.fixtures"]
