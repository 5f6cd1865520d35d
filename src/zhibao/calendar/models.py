"""Holiday schedules that an administrator enters for years chinesecalendar does not know.

A schedule is the State Council General Office's annual notice (国办发明电〔YYYY〕N号):
its days are the rest days of the holiday periods (`holiday`) and the weekend days made
working days (`workday`, 调休上班). Every other day follows the weekly rest days.

Schedules are written through `zhibao.calendar.schedules` (validated, all or nothing);
every change is audited (django-auditlog, see `audit.py`), so the history of what the
platform believed about a year, and who said so, is kept.
"""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

#: Permission code for entering and withdrawing schedules (answered by the role table;
#: superusers have it too).
MANAGE_PERM = "calendar.manage"


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("Holiday (rest day)")
    WORKDAY = "workday", _("Make-up working day")


class HolidaySchedule(models.Model):
    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    source_document = models.CharField(
        _("source document"), max_length=200,
        help_text=_("The notice the schedule comes from, e.g. 国办发明电〔2026〕7号."))
    published = models.DateField(_("published on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+")
    entered_at = models.DateTimeField(_("entered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("holiday schedule")
        verbose_name_plural = _("holiday schedules")

    def __str__(self):
        return f"{self.year} ({self.source_document})"


class ScheduleDay(models.Model):
    schedule = models.ForeignKey(HolidaySchedule, on_delete=models.CASCADE, related_name="days",
                                 verbose_name=_("holiday schedule"))
    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=DayKind.choices)
    name = models.CharField(_("name"), max_length=50, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("schedule day")
        verbose_name_plural = _("schedule days")

    def __str__(self):
        return f"{self.date.isoformat()} {self.kind} {self.name}".rstrip()
