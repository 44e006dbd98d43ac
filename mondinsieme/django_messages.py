"""Django messages that its own Italian catalogue does not translate, kept in the core catalogue.

Django 5.2 asks for the "password too short" error with ``%d`` while its Italian catalogue still
holds the older ``%(min_length)d`` wording, so the sign-up page showed that error in English.
Marking the message here puts it in ``locale/`` (``make makemessages``), where it is translated.
Nothing imports this module.
"""

from django.utils.translation import ngettext_lazy

PASSWORD_TOO_SHORT = ngettext_lazy(
    "This password is too short. It must contain at least %d character.",
    "This password is too short. It must contain at least %d characters.",
    "min_length",
)
