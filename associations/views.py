"""Public directory and the leaders' reserved area. Views parse input, call a service, render."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from mondinsieme.cache import cache_public_page
from mondinsieme.models import ActivityLog
from mondinsieme.pdf import render_pdf
from mondinsieme.ratelimit import ratelimit

from . import selectors, services
from .filters import AssociationFilter
from .forms import AssociationForm, DecisionForm, InvitationForm, JoinRequestForm, RoleForm
from .models import Association, Invitation, Membership
from .permissions import can_change_association, can_manage_members, can_view_association

PAGE_SIZE = 12


def _error_messages(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


def _visible_association(request, slug: str) -> Association:
    """The association if this user may see it; otherwise 404 (its existence stays private)."""
    association = selectors.association_detail(slug)
    if not can_view_association(request.user, association):
        raise Http404
    return association


def _leader_association(request, slug: str) -> Association:
    """The association if this user acts for it: 404 if they can't see it, 403 otherwise."""
    association = _visible_association(request, slug)
    if not can_change_association(request.user, association):
        raise PermissionDenied
    return association


@cache_public_page("associations")
def association_list(request):
    """The public directory, filterable and paginated."""
    directory = AssociationFilter(request.GET or None, queryset=selectors.association_directory())
    queryset = directory.qs if directory.is_bound else selectors.association_directory()
    paginator = Paginator(queryset, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "associations/association_list.html",
        {
            "filter": directory,
            "form": directory.form,
            "page_obj": page,
            "associations": page.object_list,
            "querystring": urlencode(
                [(key, value) for key, values in params.lists() for value in values if value]
            ),
        },
    )


@cache_public_page("associations")
def association_detail(request, slug: str):
    association = _visible_association(request, slug)
    user = request.user
    membership = (
        Membership.objects.filter(user=user, association=association).first()
        if user.is_authenticated
        else None
    )
    can_change = can_change_association(user, association)
    return render(
        request,
        "associations/association_detail.html",
        {
            "association": association,
            "membership": membership,
            "can_change": can_change,
            "join_form": JoinRequestForm()
            if user.is_authenticated and membership is None
            else None,
            "activity": ActivityLog.objects.for_object(association).select_related("actor")[:20]
            if can_change
            else [],
            "status_labels": dict(Association.Status.choices),
        },
    )


def association_profile_pdf(request, slug: str):
    """The association's profile sheet as PDF (public data only)."""
    association = _visible_association(request, slug)
    pdf = render_pdf("associations/association_profile_pdf.html", {"association": association})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{association.slug}.pdf"'
    return response


class MyAssociationsView(LoginRequiredMixin, TemplateView):
    template_name = "associations/my_associations.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["memberships"] = selectors.memberships_of(self.request.user)
        return context


@method_decorator(ratelimit("association-register", "10/h"), name="dispatch")
class AssociationRegisterView(LoginRequiredMixin, View):
    template_name = "associations/association_form.html"

    def get(self, request):
        return render(request, self.template_name, {"form": AssociationForm(), "creating": True})

    def post(self, request):
        form = AssociationForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                association = services.association_register(
                    user=request.user,
                    data=form.profile_data(),
                    communities=form.cleaned_data["communities"],
                    themes=form.cleaned_data["themes"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _(
                        "Grazie! Abbiamo ricevuto la registrazione di «%(name)s». Il personale la "
                        "controllerà e ti scriverà quando sarà pubblicata."
                    )
                    % {"name": association.name},
                )
                return redirect(association)
        return render(request, self.template_name, {"form": form, "creating": True})


class AssociationEditView(LoginRequiredMixin, View):
    template_name = "associations/association_form.html"

    def get(self, request, slug):
        association = _leader_association(request, slug)
        form = AssociationForm(instance=association)
        return render(request, self.template_name, {"form": form, "association": association})

    def post(self, request, slug):
        association = _leader_association(request, slug)
        form = AssociationForm(request.POST, request.FILES, instance=association)
        if form.is_valid():
            try:
                services.association_update_profile(
                    association=association,
                    actor=request.user,
                    data=form.profile_data(),
                    communities=form.cleaned_data["communities"],
                    themes=form.cleaned_data["themes"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Profilo aggiornato."))
                return redirect(association)
        return render(request, self.template_name, {"form": form, "association": association})


@login_required
@require_POST
@ratelimit("association-join", "20/h")
def association_join(request, slug: str):
    association = _visible_association(request, slug)
    form = JoinRequestForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(association)
    try:
        membership, created = services.membership_request(
            user=request.user, association=association, message=form.cleaned_data["message"]
        )
    except ValidationError as error:
        for message in _error_messages(error):
            messages.error(request, message)
        return redirect(association)
    if created:
        messages.success(
            request,
            _("Richiesta inviata. Ti scriveremo quando i referenti l'avranno esaminata."),
        )
    else:
        messages.info(
            request,
            _("Hai già una richiesta o un'adesione per questa associazione (stato: %(status)s).")
            % {"status": membership.get_status_display()},
        )
    return redirect(association)


def _members_context(association: Association, **extra) -> dict:
    return {
        "association": association,
        "members": selectors.association_members(association),
        "invitations": association.invitations.filter(accepted_at__isnull=True).order_by(
            "-created_at"
        ),
        "invitation_form": InvitationForm(),
        "role_choices": Membership.Role.choices,
        **extra,
    }


@login_required
def association_members(request, slug: str):
    association = _visible_association(request, slug)
    if not can_manage_members(request.user, association):
        raise PermissionDenied
    return render(request, "associations/members.html", _members_context(association))


@login_required
@require_POST
@ratelimit("association-invite", "30/h")
def association_invite(request, slug: str):
    association = _visible_association(request, slug)
    if not can_manage_members(request.user, association):
        raise PermissionDenied
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation = services.invitation_create(
                association=association,
                actor=request.user,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
            )
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(
                request, _("Invito inviato a %(email)s.") % {"email": invitation.email}
            )
            return redirect("associations:members", slug=association.slug)
    return render(
        request,
        "associations/members.html",
        _members_context(association, invitation_form=form),
        status=400,
    )


def _member_for_action(request, pk: int) -> Membership:
    membership = get_object_or_404(Membership.objects.select_related("association", "user"), pk=pk)
    if not can_manage_members(request.user, membership.association):
        # Leaders of another association learn nothing about this membership.
        raise Http404
    return membership


@login_required
@require_POST
def membership_decide(request, pk: int):
    membership = _member_for_action(request, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Scelta non valida: riprova dalla pagina dei soci."))
    else:
        approve = form.cleaned_data["decision"] == "approve"
        try:
            services.membership_decide(
                membership=membership,
                approve=approve,
                actor=request.user,
                role=form.cleaned_data.get("role") or None,
            )
        except ValidationError as error:
            for message in _error_messages(error):
                messages.error(request, message)
        else:
            messages.success(
                request,
                (
                    _("%(name)s ora fa parte dell'associazione.")
                    if approve
                    else _("Richiesta di %(name)s rifiutata.")
                )
                % {"name": membership.user},
            )
    return redirect("associations:members", slug=membership.association.slug)


@login_required
@require_POST
def membership_role(request, pk: int):
    membership = _member_for_action(request, pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Scegli un ruolo dall'elenco."))
    else:
        try:
            services.membership_set_role(
                membership=membership, role=form.cleaned_data["role"], actor=request.user
            )
        except ValidationError as error:
            for message in _error_messages(error):
                messages.error(request, message)
        else:
            messages.success(request, _("Ruolo aggiornato."))
    return redirect("associations:members", slug=membership.association.slug)


@login_required
@require_POST
def membership_end(request, pk: int):
    membership = _member_for_action(request, pk)
    try:
        services.membership_end(membership=membership, actor=request.user)
    except ValidationError as error:
        for message in _error_messages(error):
            messages.error(request, message)
    else:
        messages.success(
            request, _("%(name)s non fa più parte dell'associazione.") % {"name": membership.user}
        )
    return redirect("associations:members", slug=membership.association.slug)


@login_required
def invitation_accept(request, token: str):
    invitation = Invitation.objects.select_related("association").filter(token=token).first()
    if invitation is None:
        raise Http404
    if request.method == "POST":
        try:
            membership = services.invitation_accept(token=token, user=request.user)
        except ValidationError as error:
            for message in _error_messages(error):
                messages.error(request, message)
        except PermissionDenied as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Ti diamo il benvenuto in %(name)s!") % {"name": membership.association.name},
            )
            return redirect("associations:mine")
    return render(request, "associations/invitation_accept.html", {"invitation": invitation})
