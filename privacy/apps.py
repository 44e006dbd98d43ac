from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = _("Privacy e protezione dei dati")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .models import Notice
        from .selectors import forget_notice_ids

        post_save.connect(forget_notice_ids, sender=Notice, dispatch_uid="privacy-notice-ids")
        post_delete.connect(forget_notice_ids, sender=Notice, dispatch_uid="privacy-notice-ids-del")
