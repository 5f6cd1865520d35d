"""What the service network stores. Rules live in the plain modules beside this package
(`validation.py`, `stations.py`, `draw.py`, `preexam.py`, `protection.py`, `surveys.py`,
`counts.py`); views, the API and the demo call them."""
from .stations import ServiceRecipient, ServiceRecord, Workstation, WorkstationContact  # noqa: F401
from .experts import (  # noqa: F401
    DrawPick, Expert, ExpertAppointment, ExpertDraw, ExpertOpinion, ExpertTie, ExpertUnavailability,
)
from .preexam import CentreProfile, FilingEntity, PreexamRequest  # noqa: F401
from .protection import ListBatch, ListEntry, ProductDescription, SpecialAction  # noqa: F401
from .surveys import Survey, SurveyAnswer, SurveyInvitation, SurveyQuestion, SurveyResponse  # noqa: F401
