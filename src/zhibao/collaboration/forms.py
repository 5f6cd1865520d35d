"""Forms of the collaboration pages: they parse input; the rule functions decide what is allowed."""
from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhibao.registry.models import Organization

from .models import AssistanceStatus, Meeting, Operation, TransferKind, TransferOutcome

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def bodies():
    return Organization.objects.filter(is_active=True).select_related("district").order_by("kind", "name")


class BodyChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        place = f"（{obj.district.name}）" if obj.district_id and obj.district.in_cluster else ""
        return f"{obj.name}{place}"


class TransferForm(forms.Form):
    receiver = BodyChoice(label=_("Receiving body"), queryset=Organization.objects.none())
    kind = forms.ChoiceField(label=_("Kind of transfer"), choices=TransferKind.choices)
    subject = forms.CharField(label=_("Subject"), max_length=200, required=False,
                              help_text=_("Left empty: the case's title."))
    reason = forms.CharField(label=pgettext_lazy("transfer", "Reason"), max_length=5000,
                             widget=forms.Textarea(attrs={"rows": 4}))
    sent_on = forms.DateField(label=_("Sent on"), widget=DATE)
    evidence = forms.CharField(label=_("Evidence sent with it"), required=False, max_length=10000,
                               widget=forms.Textarea(attrs={"rows": 3}), help_text=_("One item a line."))
    findings = forms.CharField(label=_("Findings sent with it"), required=False, max_length=10000,
                               widget=forms.Textarea(attrs={"rows": 3}), help_text=_("One item a line."))
    take_step = forms.BooleanField(label=_("Also take the case's transfer step"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["receiver"].queryset = bodies()

    def items(self):
        data = self.cleaned_data
        return [("evidence", line) for line in data["evidence"].splitlines()] + \
               [("finding", line) for line in data["findings"].splitlines()]


class AcknowledgeForm(forms.Form):
    on = forms.DateField(label=pgettext_lazy("acknowledgement", "Received on"), widget=DATE)


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=TransferOutcome.choices)
    on = forms.DateField(label=_("Outcome date"), widget=DATE)
    text = forms.CharField(label=_("Details"), required=False, max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 3}))


class AssistanceForm(forms.Form):
    addressee = BodyChoice(label=_("Requested body"), queryset=Organization.objects.none())
    subject = forms.CharField(label=_("Subject"), max_length=200)
    questions = forms.CharField(label=_("Questions"), max_length=10000, widget=forms.Textarea(attrs={"rows": 5}))
    sent_on = forms.DateField(label=_("Sent on"), widget=DATE)
    due_on = forms.DateField(label=_("Reply due"), widget=DATE, required=False,
                             help_text=_("Left empty: the assisted-investigation time limit in force."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["addressee"].queryset = bodies()


class ReplyForm(forms.Form):
    text = forms.CharField(label=_("Reply"), max_length=10000, widget=forms.Textarea(attrs={"rows": 4}))
    on = forms.DateField(label=_("Replied on"), widget=DATE)
    status = forms.ChoiceField(label=_("Answer"), choices=[(AssistanceStatus.ANSWERED, AssistanceStatus.ANSWERED.label),
                                                         (AssistanceStatus.DECLINED, AssistanceStatus.DECLINED.label)])


class OperationForm(forms.ModelForm):
    participants = forms.ModelMultipleChoiceField(label=_("Participating bodies"), queryset=Organization.objects.none(),
                                                  required=False, widget=forms.SelectMultiple(attrs={"size": 8}))

    class Meta:
        model = Operation
        fields = ["name", "starts_on", "ends_on", "lead", "results"]
        widgets = {"starts_on": DATE, "ends_on": DATE, "results": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = self.fields["participants"].queryset = bodies()
        if self.instance.pk:
            self.initial["participants"] = list(self.instance.participants.values_list("pk", flat=True))


class MeetingForm(forms.ModelForm):
    attendees = forms.ModelMultipleChoiceField(label=_("Attending bodies"), queryset=Organization.objects.none(),
                                               required=False, widget=forms.SelectMultiple(attrs={"size": 8}))

    class Meta:
        model = Meeting
        fields = ["title", "held_on", "year", "quarter", "convener", "people"]
        widgets = {"held_on": DATE, "people": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["convener"].queryset = self.fields["attendees"].queryset = bodies()
        self.fields["year"].required = self.fields["quarter"].required = False
        self.fields["year"].help_text = _("Left empty: from the date.")
        if self.instance.pk:
            self.initial["attendees"] = list(self.instance.attendees.values_list("pk", flat=True))


class AgendaForm(forms.Form):
    title = forms.CharField(label=_("Agenda item"), max_length=300)
    notes = forms.CharField(label=_("Notes"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(forms.Form):
    text = forms.CharField(label=pgettext_lazy("meeting", "Decision"), max_length=500)
    owner = BodyChoice(label=_("Responsible body"), queryset=Organization.objects.none())
    due_on = forms.DateField(label=_("Due"), widget=DATE)

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = meeting.attendees.order_by("name") if meeting else bodies()


class CaseRefForm(forms.Form):
    case = forms.CharField(label=_("Case number or id"), max_length=60)
