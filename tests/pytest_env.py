"""Loaded with `-p` (pyproject addopts) before pytest-django reads the settings.

Jobs run in-process during tests, so a test sees a job's result when enqueue returns.
"""
import os

os.environ.setdefault("ZHIBAO_TASKS_BACKEND", "immediate")
