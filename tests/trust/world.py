"""A small world for the access-control matrix: two associations, their leaders, a reviewer,
staff, and one object of each kind that belongs to association A (or is A's business)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.utils import timezone

from tests.business_table.factories import ActionFactory, MeetingFactory, OpportunityFactory
from tests.factories import AssociationFactory, InvitationFactory, MembershipFactory, UserFactory
from tests.forum.factories import (
    AmendmentFactory,
    DelegationFactory,
    ForumEditionFactory,
    ManifestoFactory,
)
from tests.funding.factories import AttachmentFactory, CallFactory, ProposalFactory, ReviewFactory
from tests.networks.factories import (
    CommitmentFactory,
    FollowUpActionFactory,
    GoodPracticeFactory,
    NetworkEventFactory,
    icc,
)
from tests.training.factories import (
    CertificateFactory,
    CourseFactory,
    EnrolmentFactory,
    SessionFactory,
)
from tests.twinning.factories import TwinningDocumentFactory, TwinningFileFactory

# A value every converter and regex in the URLconf accepts, and no object has.
NO_SUCH_OBJECT = "999999"


@dataclass
class World:
    users: dict = field(default_factory=dict)
    kwargs: dict = field(default_factory=dict)


def build_world(staff) -> World:
    """Seed the objects; ``kwargs`` maps a route name to the arguments that point at A's object."""
    from networks import services as network_services
    from networks.models import CommitmentEvidence, JoiningStep, NetworkMembership

    association_a = AssociationFactory(name="Associazione A")
    association_b = AssociationFactory(name="Associazione B")
    leader_a = MembershipFactory(association=association_a, leader=True).user
    leader_b = MembershipFactory(association=association_b, leader=True).user
    member_a = MembershipFactory(association=association_a)
    reviewer = UserFactory(email="revisore@example.org")

    course = CourseFactory()
    session = SessionFactory(course=course)
    enrolment = EnrolmentFactory(course=course, association=association_a, participant=leader_a)
    certificate = CertificateFactory(
        enrolment=EnrolmentFactory(association=association_a, completed=True)
    )
    manifesto = ManifestoFactory(open=True)
    edition = ForumEditionFactory()
    delegation = DelegationFactory(edition=edition, association=association_a)
    AmendmentFactory(manifesto=ManifestoFactory(consultation=True), association=association_a)
    call = CallFactory()
    proposal = ProposalFactory(call=call, association=association_a, evaluation=True)
    attachment = AttachmentFactory(proposal=proposal)
    review = ReviewFactory(proposal=proposal, reviewer=reviewer)
    twinning = TwinningFileFactory(active=True)
    document = TwinningDocumentFactory(file=twinning)  # not public: staff only
    meeting = MeetingFactory(published=True)
    opportunity = OpportunityFactory()
    action = ActionFactory(opportunity=opportunity)
    event = NetworkEventFactory()
    commitment = CommitmentFactory()
    evidence = CommitmentEvidence.objects.create(
        commitment=commitment,
        description="Verbale",
        file=ContentFile(b"%PDF-1.4 verbale", name="verbale.pdf"),
    )
    network_membership = NetworkMembership.objects.order_by("pk").first() or (
        network_services.membership_start(
            network=icc(), organisation=NetworkMembership.Organisation.choices[0][0], actor=staff
        )
    )
    step = JoiningStep.objects.filter(membership=network_membership).order_by("pk").first()
    if step is not None and not step.document:
        step.document = ContentFile(b"%PDF-1.4 passaggio", name="passaggio.pdf")
        step.completed_on = timezone.localdate()
        step.save()
    followup = FollowUpActionFactory(event=event)
    practice = GoodPracticeFactory()
    invitation = InvitationFactory(association=association_a)

    def pk(obj) -> dict:
        return {"pk": obj.pk if obj is not None else NO_SUCH_OBJECT}

    a = {"slug": association_a.slug}
    kwargs = {
        "associations:detail": a,
        "associations:edit": a,
        "associations:invite": a,
        "associations:join": a,
        "associations:members": a,
        "associations:profile-pdf": a,
        "associations:invitation-accept": {"token": invitation.token},
        "associations:membership-decide": pk(member_a),
        "associations:membership-end": pk(member_a),
        "associations:membership-role": pk(member_a),
        "business_table:action-status": pk(action),
        "business_table:country-detail": {"code": opportunity.country.code},
        "business_table:meeting-action-create": pk(meeting),
        "business_table:meeting-detail": pk(meeting),
        "business_table:meeting-edit": pk(meeting),
        "business_table:meeting-pdf": pk(meeting),
        "business_table:meeting-status": pk(meeting),
        "business_table:opportunity-action-create": pk(opportunity),
        "business_table:opportunity-detail": pk(opportunity),
        "business_table:opportunity-edit": pk(opportunity),
        "business_table:opportunity-status": pk(opportunity),
        "forum:amendment-create": {"slug": manifesto.slug},
        "forum:amendment-list": {"slug": manifesto.slug},
        "forum:association-sign": {"slug": manifesto.slug},
        "forum:city-sign": {"slug": manifesto.slug},
        "forum:manifesto-detail": {"slug": manifesto.slug},
        "forum:manifesto-pdf": {"slug": manifesto.slug},
        "forum:manifesto-sign": {"slug": manifesto.slug},
        "forum:sign-done": {"slug": manifesto.slug},
        "forum:signatory-list": {"slug": manifesto.slug},
        "forum:version-diff": {"slug": manifesto.slug},
        "forum:delegation-create": {"slug": edition.slug},
        "forum:delegation-letter": pk(delegation),
        "forum:edition-badges": {"slug": edition.slug},
        "forum:edition-detail": {"slug": edition.slug},
        "forum:edition-ical": {"slug": edition.slug},
        "forum:registration-create": {"slug": edition.slug},
        "funding:attachment-download": pk(attachment),
        "funding:attachment-upload": pk(proposal),
        "funding:call-detail": {"slug": call.slug},
        "funding:call-ranking": {"slug": call.slug},
        "funding:call-report": {"slug": call.slug},
        "funding:proposal-detail": pk(proposal),
        "funding:proposal-edit": pk(proposal),
        "funding:proposal-transition": pk(proposal),
        "funding:review-assign": pk(proposal),
        "funding:review-detail": pk(review),
        "networks:commitment-detail": pk(commitment),
        "networks:commitment-edit": pk(commitment),
        "networks:commitment-evidence": pk(commitment),
        "networks:commitment-note": pk(commitment),
        "networks:commitment-transition": pk(commitment),
        "networks:event-detail": pk(event),
        "networks:event-edit": pk(event),
        "networks:evidence-file": pk(evidence),
        "networks:followup-add": pk(event),
        "networks:followup-convert": pk(followup),
        "networks:membership-detail": pk(network_membership),
        "networks:membership-edit": pk(network_membership),
        "networks:membership-transition": pk(network_membership),
        "networks:practice-detail": {"slug": practice.slug},
        "networks:step-complete": pk(step),
        "networks:step-document": pk(step),
        "programme:dataset": {"slug": "associazioni", "fmt": "csv"},
        "training:association-training": a,
        "training:attendance-import": pk(session),
        "training:attendance-toggle": {"pk": session.pk, "enrolment_pk": enrolment.pk},
        "training:certificate-pdf": {"code": certificate.code},
        "training:certificate-revoke": {"code": certificate.code},
        "training:certificate-verify": {"code": certificate.code},
        "training:certificates-zip": {"slug": course.slug},
        "training:course-calendar": {"slug": course.slug},
        "training:course-close": {"slug": course.slug},
        "training:course-detail": {"slug": course.slug},
        "training:enrol": {"slug": course.slug},
        "training:enrolment-cancel": pk(enrolment),
        "training:feedback": pk(enrolment),
        "training:session-attendance": pk(session),
        "twinning:detail": {"slug": twinning.slug},
        "twinning:document": pk(document),
    }
    users = {
        "anonymous": None,
        "leader_a": leader_a,
        "leader_b": leader_b,
        "reviewer": reviewer,
        "staff": staff,
    }
    return World(users=users, kwargs=kwargs)
