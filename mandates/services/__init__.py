"""Every write of the mandates app."""

from mandates.services.lifecycle import (
    mandate_bank_answer,
    mandate_cancel,
    mandate_pause,
    mandate_register,
    mandate_resume,
)
from mandates.services.presentation import PresentationRun, presentations_run
from mandates.services.results import presentation_bounce, presentation_succeed

__all__ = [
    "PresentationRun",
    "mandate_bank_answer",
    "mandate_cancel",
    "mandate_pause",
    "mandate_register",
    "mandate_resume",
    "presentation_bounce",
    "presentation_succeed",
    "presentations_run",
]
