"""Distributing to ids that name no organisation or campaign."""

from __future__ import annotations

import pytest

from congvan.tracking.distribute import DistributionError, distribute
from congvan.tracking.models import Distribution, InboxEntry
from tests.tracking.builders import make_document, make_org, make_user


def test_unknown_organisations_and_campaigns_are_an_error_before_anything_is_stored(db):
    """They failed only at commit (a deferred foreign key): a 500 from the API."""
    a = make_org("Đơn vị A")
    doc = make_document()
    officer = make_user("o", "officer")
    with pytest.raises(DistributionError, match="mã 999998, 999999"):
        distribute(doc, [a.pk, 999999, 999998], sender=officer)
    with pytest.raises(DistributionError, match="chủ đề mã 424242"):
        distribute(doc, [a.pk], sender=officer, campaign_ids=[424242])
    assert not Distribution.objects.exists() and not InboxEntry.objects.exists()
