"""City networks: memberships and joining steps, commitments, events, ICC Index self-assessments,
good practices.

One module per part of the app; everything is importable from ``networks.models`` (migration
0001 refers to ``networks.models.validate_links``).
"""

from .index import AreaScore, Assessment, PolicyArea
from .memberships import JoiningStep, JoiningStepDefinition, Network, NetworkMembership
from .plan import (
    Commitment,
    CommitmentEvidence,
    CommitmentQuerySet,
    FollowUpAction,
    NetworkEvent,
    ProgressNote,
)
from .practices import GoodPractice, validate_links

__all__ = [
    "AreaScore",
    "Assessment",
    "Commitment",
    "CommitmentEvidence",
    "CommitmentQuerySet",
    "FollowUpAction",
    "GoodPractice",
    "JoiningStep",
    "JoiningStepDefinition",
    "Network",
    "NetworkEvent",
    "NetworkMembership",
    "PolicyArea",
    "ProgressNote",
    "validate_links",
]
