"""Audit every change to holiday schedules (who entered which year's days, before and after)."""
from auditlog.registry import auditlog

from .models import HolidaySchedule, ScheduleDay

auditlog.register(HolidaySchedule)
auditlog.register(ScheduleDay)
