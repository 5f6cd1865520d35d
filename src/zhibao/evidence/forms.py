"""Forms of the evidence pages: they collect input; the rules (intake, custody) decide."""
from django import forms
from django.utils.translation import gettext_lazy as _

from zhibao.cases import party_names

from . import filetypes
from .models import MANUAL_ACTIONS, CustodyAction, EvidenceKind, SubmitterKind


class PartyChoice(forms.ModelChoiceField):
    """A party of the case by its role and name, a natural person's name masked."""

    def label_from_instance(self, obj):
        return party_names.choice_label(obj)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File"), allow_empty_file=True)
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of evidence"), choices=EvidenceKind.choices)
    submitter_kind = forms.ChoiceField(label=_("Submitted by"), choices=SubmitterKind.choices,
                                       initial=SubmitterKind.PARTY)
    party = PartyChoice(label=_("Party"), queryset=None, required=False,
                        help_text=_("When a party submitted it."))
    officer = forms.ModelChoiceField(label=_("Officer"), queryset=None, required=False,
                                     help_text=_("When an officer submitted it; empty means you."))
    place = forms.CharField(label=_("Where received"), max_length=200, required=False)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        from zhibao.accounts.models import User

        self.fields["party"].queryset = case.parties.select_related("entity", "person")
        self.fields["officer"].queryset = User.objects.filter(assignments__case=case).order_by("username")
        self.fields["file"].widget.attrs["accept"] = ",".join(f".{ext}" for ext in filetypes.ALLOWED)
        self.fields["file"].help_text = _("Accepted: %(types)s.") % {"types": filetypes.allowed_text()}


class CustodyForm(forms.Form):
    action = forms.ChoiceField(label=_("Event"), choices=[(a.value, a.label) for a in MANUAL_ACTIONS],
                               initial=CustodyAction.SEALED)
    to_whom = forms.CharField(label=_("Handed to"), max_length=150, required=False,
                              help_text=_("For a hand-over: the body and the person who took the evidence."))
    place = forms.CharField(label=_("Where"), max_length=200, required=False)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)
