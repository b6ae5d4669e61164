"""Public pages: published documents ("Văn bản chỉ đạo điều hành"), search, Atom feed.

Nothing here reads a document that has no :class:`~congvan.portal.models.Publication`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_POST

from congvan.portal.publish import PUBLISH, publish, published, withdraw
from congvan.registry.models import Document

PAGE_SIZE = 20


def document_list(request):
    query = request.GET.get("q", "").strip()
    page = Paginator(published(query), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "portal/list.html", {"page": page, "query": query})


def document_detail(request, pk: int):
    publication = get_object_or_404(published().select_related("document"), document_id=pk)
    return render(request, "portal/detail.html", {"p": publication, "doc": publication.document})


@require_POST
def publish_view(request, pk: int):
    if not request.user.is_authenticated or not request.user.has_perm(PUBLISH):
        raise PermissionDenied("Bạn không có quyền đăng tải văn bản.")
    document = get_object_or_404(Document, pk=pk)
    if request.POST.get("withdraw"):
        withdraw(document, request.user)
        messages.success(request, "Đã gỡ văn bản khỏi cổng công khai.")
        return redirect("portal:list")
    publish(document, request.user)
    messages.success(request, "Đã đăng tải văn bản lên cổng công khai.")
    return redirect("portal:detail", pk=pk)


class LatestFeed(Feed):
    feed_type = Atom1Feed
    title = "Văn bản chỉ đạo điều hành"
    subtitle = "Văn bản được đăng tải công khai"

    def link(self):
        return reverse("portal:list")

    def items(self):
        return published()[:50]

    def item_title(self, item):
        doc = item.document
        return f"{doc.kind or 'Văn bản'} số {doc.code}"

    def item_description(self, item):
        return item.document.subject or ""

    def item_link(self, item):
        return reverse("portal:detail", args=[item.document_id])

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at
