"""Pages of long lists: the page's ids first, then its rows.

With ``LIMIT … OFFSET`` over a query that joins (the document of each entry, the report of each
task), the database joins every row it skips. Paging the ids alone walks one index; the twenty
rows of the page are then read with their joins.
"""

from __future__ import annotations

from django.core.paginator import Page, Paginator


def rows_for(queryset, ids: list) -> list:
    """The rows of ``queryset`` with these ids, in the order of ``ids``."""
    found = queryset.in_bulk(ids) if ids else {}
    return [found[i] for i in ids if i in found]


def page_of(queryset, number, size: int) -> Page:
    """Page ``number`` (clamped, as ``Paginator.get_page``) of ``queryset``, ordered as it is."""
    ids = queryset.values_list("pk", flat=True)
    page = Paginator(ids, size).get_page(number)
    page.object_list = rows_for(queryset.order_by(), list(page.object_list))
    return page
