"""Signals other apps listen to, so that the engine does not need to know them.

`case_opened(sender=Case, case=..., user=...)` is sent inside the transaction that opened the
case (any procedure, any channel): intake's triage proposes a route for reports and complaints.
"""
from django.dispatch import Signal

case_opened = Signal()
