"""The terms check a worker sees before starting a pack (and labs see with ``pack lint``).

Every finding is a warning, never a block. Pay is compared with the worker's
reference minimum wage only in the same currency: currencies are never converted.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from annotator.core.packs import Manifest


@dataclass(frozen=True)
class TermsWarning:
    code: str
    """Stable identifier: ``no_pay``, ``no_estimate``, ``unpaid_instructions``,
    ``unpaid_training``, ``below_minimum_wage``, ``other_currency``, ``no_rejection_policy``."""
    message: str
    """The warning in English (the window shows its translation, from ``code`` and ``params``)."""
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Reference:
    """The worker's reference minimum wage per hour."""

    amount: float
    currency: str


def below_reference(rate: float | None, currency: str | None, reference: Reference | None) -> bool:
    """Whether an hourly ``rate`` in ``currency`` is under the worker's reference wage.

    Only in the same currency (never converted); unknown rates or references are not below.
    """
    return (rate is not None and reference is not None and currency == reference.currency
            and rate < reference.amount)


def check_terms(manifest: Manifest, has_training: bool, reference: Reference | None = None) -> list[TermsWarning]:
    pay = manifest.pay
    out: list[TermsWarning] = []
    if manifest.per_item is None or not manifest.currency:
        out.append(TermsWarning("no_pay", "The pack states no pay per item."))
    if manifest.estimated_seconds is None:
        out.append(TermsWarning("no_estimate", "The pack gives no estimate of the time an item takes, "
                                               "so its hourly rate cannot be known before you start."))
    if not pay.get("instructions_paid", False):
        out.append(TermsWarning("unpaid_instructions", "Reading the instructions is not paid."))
    if has_training and not pay.get("training_paid", False):
        out.append(TermsWarning("unpaid_training", "Training items are not paid."))
    if not str(pay.get("rejection_policy", "")).strip():
        out.append(TermsWarning("no_rejection_policy", "The pack does not say when work may be rejected "
                                                       "or whether rejected work is paid."))
    rate = manifest.implied_hourly_rate
    if reference is not None and rate is not None:
        if manifest.currency != reference.currency:
            out.append(TermsWarning("other_currency",
                                    f"Pay is in {manifest.currency}; your reference wage is in "
                                    f"{reference.currency}, so they are not compared.",
                                    {"currency": manifest.currency, "reference_currency": reference.currency}))
        elif below_reference(rate, manifest.currency, reference):
            out.append(TermsWarning("below_minimum_wage",
                                    f"At the lab's own estimate this pays {rate:.2f} {manifest.currency}/h, "
                                    f"under your reference of {reference.amount:.2f} {reference.currency}/h.",
                                    {"rate": rate, "currency": manifest.currency, "reference": reference.amount}))
    return out


def terms_fingerprint(manifest: Manifest, items: int, training: int) -> str:
    """What the terms dialog states, as one digest: the dialog comes back only when this changes.

    The lab, its contact, the pay block (pay per item, estimate, what is paid, rejection policy),
    the content warnings and the item counts; a new version of a pack with the same terms is the
    same digest (the worker already read them).
    """
    import hashlib
    import json

    stated = {"lab": manifest.lab, "contact": manifest.contact, "pay": dict(manifest.pay),
              "warnings": list(manifest.warnings), "items": items, "training": training}
    return hashlib.sha256(json.dumps(stated, sort_keys=True, default=str).encode()).hexdigest()
