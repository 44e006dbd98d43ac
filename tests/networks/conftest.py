import pytest


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Put back the ICC areas and the two networks where the database is used.

    A transactional test elsewhere in the run flushes every table, rows of data migrations too.
    """
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        request.getfixturevalue("transactional_db")
    elif marker is not None or "db" in request.fixturenames:
        request.getfixturevalue("db")
    else:
        return
    from networks.reference import ensure_reference_data

    ensure_reference_data()
