"""Errors raised by the schedule engine."""


class ScheduleError(ValueError):
    """Bad schedule terms or cash flows; the message is plain English for the user."""
