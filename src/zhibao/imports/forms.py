from django import forms
from django.utils.translation import gettext_lazy as _

from .columns import RECORD_TYPES


class UploadForm(forms.Form):
    record_type = forms.ChoiceField(label=_("The file holds"), choices=list(RECORD_TYPES.items()),
                                    widget=forms.RadioSelect, initial="entities")
    file = forms.FileField(
        label=_("File"), widget=forms.ClearableFileInput(attrs={"style": "max-width: 100%"}), help_text=_("CSV (UTF-8 or GBK) or Excel .xlsx, with a first row of column headers."),
        error_messages={"required": _("Choose the file to import."),
                        "empty": _("The file is empty."),
                        "invalid": _("No file was received; choose the file again.")},
    )
    dry_run = forms.BooleanField(
        label=_("Dry run: only check the file and show what would change"), required=False, initial=True,
    )
