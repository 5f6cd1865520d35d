from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _seed_rules(sender, using="default", **kwargs):
    """After migrate (and flush), make sure every declared time limit has its rule row.

    Seeding copies the declarations (their sources are in the rows); it is not a person's
    change, so it is not written to the audit log. Later changes (`timelimits.set_rule`) are."""
    from auditlog.context import disable_auditlog
    from django.db import connections

    if "cases_timelimitrule" not in connections[using].introspection.table_names():
        return
    from . import timelimits

    with disable_auditlog():
        timelimits.sync()


class CasesConfig(AppConfig):
    name = "zhibao.cases"
    label = "cases"
    verbose_name = _("Cases")

    def ready(self):
        from . import audit, clocks, procedures  # noqa: F401  (clocks connects to schedule_changed)

        errors = procedures.validate()
        if errors:
            raise ImproperlyConfigured("Procedure declarations are inconsistent:\n" + "\n".join(errors))
        post_migrate.connect(_seed_rules, sender=self, dispatch_uid="cases.seed_rules")
