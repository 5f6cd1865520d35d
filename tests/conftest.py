"""Shared fixtures: users of every role, a small registry, clients signed in as each role."""
import os

os.environ.setdefault("ZHIBAO_TASKS_BACKEND", "immediate")

pytest_plugins = ["tests.fixtures"]
