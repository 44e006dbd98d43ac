"""Every write of the privacy app (split by subject; import from here)."""

from .access import access_log_record
from .consents import consent_record, consent_withdraw, consents_withdraw_for, notice_publish
from .erasure import AccountDeletionRefused, account_delete, account_deletion_blockers
from .exports import data_export_build, data_export_request, data_export_token, data_exports_purge
from .retention import retention_apply

__all__ = [
    "AccountDeletionRefused",
    "access_log_record",
    "account_delete",
    "account_deletion_blockers",
    "consent_record",
    "consent_withdraw",
    "consents_withdraw_for",
    "data_export_build",
    "data_export_request",
    "data_export_token",
    "data_exports_purge",
    "notice_publish",
    "retention_apply",
]
