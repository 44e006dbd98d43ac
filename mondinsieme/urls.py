from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from privacy import views as privacy_views

from . import views

# The admin login goes through allauth: same rate limits, same second factor.
admin.autodiscover()
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = _site_header = "Portale Diaspore & Cooperazione"
admin.site.site_title = _site_header
admin.site.index_title = "Amministrazione"

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    path("healthz", views.healthz, name="healthz"),
]

urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("privacy/", privacy_views.notice_index, name="privacy"),
    path("privacy/", include("privacy.urls")),
    path(
        "accessibilita/",
        views.PageView.as_view(template_name="pages/accessibility.html"),
        name="accessibility",
    ),
    path("account/", include("allauth.urls")),
    path("gestione/", admin.site.urls),
    path("associazioni/", include("associations.urls")),
    path("formazione/", include("training.urls")),
    path("forum/", include("forum.urls")),
    path("gemellaggi/", include("twinning.urls")),
    path("bandi/", include("funding.urls")),
    path("reti/", include("networks.urls")),
    path("tavolo-economico/", include("business_table.urls")),
    path("programma/", include("programme.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler403 = "mondinsieme.views.permission_denied"
handler404 = "mondinsieme.views.page_not_found"
handler500 = "mondinsieme.views.server_error"
