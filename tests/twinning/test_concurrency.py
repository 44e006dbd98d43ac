"""Two staff members advancing the same file at once: one transition, not two (PostgreSQL)."""

import threading

import pytest
from django.db import connection

from mondinsieme.models import ActivityLog
from mondinsieme.workflow import TransitionNotAllowed
from tests.factories import UserFactory
from twinning import services
from twinning.models import TwinningFile

from .factories import TwinningFileFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("postgresql_only"),
]


def test_two_staff_advancing_the_same_file_at_once_make_one_transition():
    file = TwinningFileFactory(status=TwinningFile.Status.PROPOSED)
    staff_members = [UserFactory(staff=True) for _ in range(2)]
    barrier = threading.Barrier(2)
    results, errors = [], []

    def advance(index):
        try:
            barrier.wait(timeout=30)
            results.append(
                services.twinning_advance(
                    file=TwinningFile.objects.get(pk=file.pk),
                    to=TwinningFile.Status.ASSESSMENT,
                    actor=staff_members[index],
                )
            )
        except TransitionNotAllowed as error:
            results.append(error)
        except Exception as error:  # asserted on below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=advance, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert sum(isinstance(r, TransitionNotAllowed) for r in results) == 1
    assert TwinningFile.objects.get(pk=file.pk).status == TwinningFile.Status.ASSESSMENT
    assert ActivityLog.objects.for_object(file).filter(to_status="assessment").count() == 1
