"""Forms of the triage pages: a rule version, the criteria, a decision. They only read input;
the rules (rules.py, decisions.py) check and save."""
from django import forms
from django.utils.translation import gettext_lazy

from zhibao.cases import procedures
from zhibao.registry.choices import DivisionLevel, RightKind
from zhibao.registry.models import District, Organization

from .models import Matter, TrackCriteria, TriageRuleVersion
from .rules import CASE_PROCEDURES, CRITERIA_FIELDS, RULE_FIELDS

TRACK_CHOICES = (("simple", gettext_lazy("Simple")), ("complex", gettext_lazy("Complex")))


def _districts():
    return [(d.code, d.name) for d in District.objects.filter(
        level__in=(DivisionLevel.DISTRICT, DivisionLevel.COUNTY), in_cluster=False).order_by("code")]


class RuleForm(forms.ModelForm):
    code = forms.SlugField(label=gettext_lazy("Code"), max_length=40, required=False,
                           help_text=gettext_lazy("Letters, digits and hyphens; it names the rule in its history."))
    case_procedures = forms.MultipleChoiceField(
        label=gettext_lazy("Report or complaint"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(c, dict(procedures.choices())[c]) for c in CASE_PROCEDURES])
    matters = forms.MultipleChoiceField(label=gettext_lazy("Matters"), required=False, choices=Matter.choices,
                                        widget=forms.CheckboxSelectMultiple)
    right_kinds = forms.MultipleChoiceField(label=gettext_lazy("Types of right"), required=False, choices=RightKind.choices,
                                            widget=forms.CheckboxSelectMultiple)
    districts = forms.MultipleChoiceField(label=gettext_lazy("Districts"), required=False, choices=(),
                                          widget=forms.SelectMultiple(attrs={"size": 6}))
    procedure = forms.ChoiceField(label=gettext_lazy("Procedure"), choices=())
    track = forms.ChoiceField(label=gettext_lazy("Track"), required=False,
                              choices=(("", gettext_lazy("Decided by the simple/complex criteria")),) + TRACK_CHOICES)
    why = forms.CharField(label=gettext_lazy("Reason for the change"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    class Meta:
        model = TriageRuleVersion
        fields = [f for f in RULE_FIELDS]

    def __init__(self, *args, creating=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["districts"].choices = _districts()
        self.fields["procedure"].choices = procedures.choices()
        self.fields["body"].queryset = Organization.objects.filter(is_active=True).order_by("kind", "name")
        self.fields["effective_from"].widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        self.fields["reasons"].widget.attrs["rows"] = 3
        if creating:
            self.fields["code"].required = True
            self.order_fields(["code"])
        else:
            del self.fields["code"]

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in RULE_FIELDS}


class CriteriaForm(forms.ModelForm):
    why = forms.CharField(label=gettext_lazy("Reason for the change"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    class Meta:
        model = TrackCriteria
        fields = list(CRITERIA_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["effective_from"].widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in CRITERIA_FIELDS}


class DecisionForm(forms.Form):
    body = forms.ModelChoiceField(label=gettext_lazy("Competent body"), queryset=Organization.objects.none())
    procedure = forms.ChoiceField(label=gettext_lazy("Procedure"), choices=(), required=False)
    track = forms.ChoiceField(label=gettext_lazy("Track"), choices=TRACK_CHOICES)
    duplicate_of = forms.TypedChoiceField(label=gettext_lazy("Duplicate of"), required=False, coerce=int, empty_value=None,
                                          choices=())
    why = forms.CharField(label=gettext_lazy("Reason"), max_length=2000, required=False,
                          widget=forms.Textarea(attrs={"rows": 2}),
                          help_text=gettext_lazy("Required when the decision differs from the proposal."))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, proposal, duplicates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Organization.objects.filter(is_active=True).order_by("kind", "name")
        self.fields["procedure"].choices = [("", "—")] + list(procedures.choices())
        self.fields["duplicate_of"].choices = [("", gettext_lazy("Not a duplicate"))] + [
            (d["case"], f"{d['number']} {d['title']}") for d in duplicates]
        self.initial.setdefault("body", proposal.body_id)
        self.initial.setdefault("procedure", proposal.procedure)
        self.initial.setdefault("track", proposal.track or "simple")
        self.initial.setdefault("version", proposal.case.version)
