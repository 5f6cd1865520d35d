from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "zhibao.imports"
    label = "imports"
    verbose_name = _("Imports")

    def ready(self):
        from zhibao.core import jobs

        jobs.register("import", "zhibao.imports.jobs.run", label=_("Import"),
                      result_template="imports/result.html", result_context="zhibao.imports.jobs.result_context")
