"""Servicing when loans go wrong (docs/servicing.md): proposals decided by a second person
(proposals), write-off (writeoffs) and recovery after it (recoveries), one-time settlement
(settlements). Importing the package registers each kind's executor with the proposals."""

from repayments.services.servicing import (  # noqa: F401  (executors)
    reschedules,
    settlements,
    writeoffs,
)
