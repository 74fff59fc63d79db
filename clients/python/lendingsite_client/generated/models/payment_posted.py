from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.payment_channel_enum import PaymentChannelEnum, check_payment_channel_enum
from ..models.payment_status_enum import PaymentStatusEnum, check_payment_status_enum
from ..models.source_enum import SourceEnum, check_source_enum

if TYPE_CHECKING:
    from ..models.allocation import Allocation
    from ..models.loan_after import LoanAfter


T = TypeVar("T", bound="PaymentPosted")


@_attrs_define
class PaymentPosted:
    """The answer to a post: the payment plus the loan after it (from the view's context,
    read once after the service's transaction committed).

        Attributes:
            id (int):
            loan (int):
            amount (str):
            paid_on (datetime.date):
            channel (PaymentChannelEnum): * `upi` - UPI
                * `neft` - NEFT
                * `imps` - IMPS
                * `cash` - Cash
                * `cheque` - Cheque
                * `nach` - NACH
                * `gateway` - Payment gateway
            utr (str):
            status (PaymentStatusEnum): * `posted` - Posted
                * `reversed` - Reversed
            source (SourceEnum): * `api` - API
                * `admin` - Officer console
                * `webhook` - Gateway webhook
                * `page` - Borrower page
                * `system` - System
            received_by (int | None):
            posted_at (datetime.datetime):
            allocation (Allocation): The payment's allocation totals (the latest replay's result).
            loan_after (LoanAfter): repayments.selectors.loan_after: the loan as it stands after the operation.
    """

    id: int
    loan: int
    amount: str
    paid_on: datetime.date
    channel: PaymentChannelEnum
    utr: str
    status: PaymentStatusEnum
    source: SourceEnum
    received_by: int | None
    posted_at: datetime.datetime
    allocation: Allocation
    loan_after: LoanAfter
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        loan = self.loan

        amount = self.amount

        paid_on = self.paid_on.isoformat()

        channel: str = self.channel

        utr = self.utr

        status: str = self.status

        source: str = self.source

        received_by: int | None
        received_by = self.received_by

        posted_at = self.posted_at.isoformat()

        allocation = self.allocation.to_dict()

        loan_after = self.loan_after.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "loan": loan,
                "amount": amount,
                "paid_on": paid_on,
                "channel": channel,
                "utr": utr,
                "status": status,
                "source": source,
                "received_by": received_by,
                "posted_at": posted_at,
                "allocation": allocation,
                "loan_after": loan_after,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.allocation import Allocation  # noqa: PLC0415
        from ..models.loan_after import LoanAfter  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        loan = d.pop("loan")

        amount = d.pop("amount")

        paid_on = datetime.date.fromisoformat(d.pop("paid_on"))

        channel = check_payment_channel_enum(d.pop("channel"))

        utr = d.pop("utr")

        status = check_payment_status_enum(d.pop("status"))

        source = check_source_enum(d.pop("source"))

        def _parse_received_by(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        received_by = _parse_received_by(d.pop("received_by"))

        posted_at = datetime.datetime.fromisoformat(d.pop("posted_at"))

        allocation = Allocation.from_dict(d.pop("allocation"))

        loan_after = LoanAfter.from_dict(d.pop("loan_after"))

        payment_posted = cls(
            id=id,
            loan=loan,
            amount=amount,
            paid_on=paid_on,
            channel=channel,
            utr=utr,
            status=status,
            source=source,
            received_by=received_by,
            posted_at=posted_at,
            allocation=allocation,
            loan_after=loan_after,
        )

        payment_posted.additional_properties = d
        return payment_posted

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
