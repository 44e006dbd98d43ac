"""Public pages of the host city's twinnings and pacts, and document downloads."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.views.generic import DetailView, ListView

from mondinsieme.cache import cache_public_page
from mondinsieme.uploads import attachment_response

from . import selectors
from .models import TwinningDocument
from .permissions import can_download_twinning_document


@method_decorator(cache_public_page("twinning", "associations"), name="dispatch")
class TwinningListView(ListView):
    template_name = "twinning/twinning_list.html"
    context_object_name = "twinnings"

    def get_queryset(self):
        return selectors.public_twinnings()


@method_decorator(cache_public_page("twinning", "associations"), name="dispatch")
class TwinningDetailView(DetailView):
    template_name = "twinning/twinning_detail.html"
    context_object_name = "twinning"

    def get_object(self, queryset=None):
        return selectors.public_twinning_detail(self.kwargs["slug"])


def document_download(request, pk: int):
    """A document: anyone if public (of a public agreement), otherwise staff only."""
    document = get_object_or_404(TwinningDocument.objects.select_related("file"), pk=pk)
    if not can_download_twinning_document(request.user, document):
        if request.user.is_authenticated:
            raise PermissionDenied
        raise Http404
    return attachment_response(document.document, download_name=document.download_name)
