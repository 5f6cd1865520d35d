"""Why the engine refused: one exception class per reason, each with a translated message.

Every refusal changes nothing (the engine works in one transaction and raises before it
commits). Catch `CaseError` for all of them; `.message` is the sentence to show, `.code` a
stable machine-readable reason (for the API), `.fields` the field names concerned, if any.
"""


class CaseError(Exception):
    code = "case_error"

    def __init__(self, message: str, *, fields: tuple[str, ...] = ()):
        self.message = str(message)
        self.fields = tuple(fields)
        super().__init__(self.message)


class UnknownStep(CaseError):
    """The procedure has no such transition (or kind, or procedure)."""
    code = "unknown"


class NotAllowed(CaseError):
    """The user's role may not take this step, or the case is outside the user's scope."""
    code = "not_allowed"


class WrongStage(CaseError):
    """The step cannot be taken from the case's current stage (or the case is closed)."""
    code = "wrong_stage"


class ConditionNotMet(CaseError):
    """A precondition of the step does not hold (officers, parties, a running time limit...)."""
    code = "condition"


class MissingField(CaseError):
    code = "missing_field"


class InvalidField(CaseError):
    code = "invalid_field"


class MissingDocument(CaseError):
    code = "missing_document"


class ExtensionRefused(CaseError):
    """Beyond what the law allows, or not recorded by an approver role."""
    code = "extension_refused"


class BadDate(CaseError):
    """Backdated before the previous step, or in the future."""
    code = "bad_date"


class ClockError(CaseError):
    """A time limit cannot be paused, resumed or started as asked."""
    code = "clock"


class StaleCase(CaseError):
    """Someone else saved the case after the user loaded it."""
    code = "stale"

    def __init__(self, message: str, current_version: int):
        self.current_version = current_version
        super().__init__(message)
