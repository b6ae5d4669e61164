"""Web pages in Vietnamese: list, search, document, original file, upload.

Each view validates its input, calls one service function, and presents the result.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from congvan import audit
from congvan.document.errors import DocumentError
from congvan.document.validate import validate
from congvan.registry import citations, stored
from congvan.registry.forms import SearchForm, UploadForm
from congvan.registry.ingest import ingest_bytes
from congvan.registry.models import Document
from congvan.registry.search import search
from congvan.tracking.roles import ADD_TO_REGISTRY, VIEW_REGISTRY, permission_required

PAGE_SIZE = 20


def _results_page(request, template: str, *, words: bool):
    form = SearchForm(request.GET or None, kinds=stored.kinds())
    valid = form.is_valid() if request.GET else True
    data = form.cleaned_data if request.GET and valid else {}
    page = data.get("page") or 1
    text = data.get("q") or "" if words else ""
    results = (
        search(text, form.filters(), limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
        if valid
        else None
    )

    def page_url(n: int) -> str:
        params = {k: v for k, v in request.GET.items() if k != "page" and v}
        params["page"] = n
        return "?" + urlencode(params)

    context = {
        "form": form,
        "results": results,
        "page": page,
        "pages": (results.total + PAGE_SIZE - 1) // PAGE_SIZE
        if results and results.total_known
        else 0,
        "prev_url": page_url(page - 1) if page > 1 else None,
        "next_url": page_url(page + 1) if results and results.has_next else None,
        "words": words,
    }
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "results":
        return render(request, "registry/_results.html", context)
    return render(request, template, context)


@permission_required(VIEW_REGISTRY)
def document_list(request):
    return _results_page(request, "registry/list.html", words=False)


@permission_required(VIEW_REGISTRY)
def search_page(request):
    return _results_page(request, "registry/search.html", words=True)


@permission_required(VIEW_REGISTRY)
def document_detail(request, pk: int):
    document = get_object_or_404(Document, pk=pk)
    audit.document_viewed(request, document)
    return render(
        request,
        "registry/detail.html",
        {
            "doc": document,
            "entries": document.entries.select_related("register"),
            "cites": citations.cites(document),
            "cited_by": citations.cited_by(document),
            "problems": validate(document.to_record()),
        },
    )


@permission_required(VIEW_REGISTRY)
def document_file(request, pk: int):
    document = get_object_or_404(Document, pk=pk)
    name = document.original_name or f"van-ban-{document.pk}"
    content_type = document.content_type or "application/octet-stream"
    return _download(request, document, document.file_path, name, content_type, "tệp gốc")


@permission_required(VIEW_REGISTRY)
def searchable_pdf(request, pk: int):
    """The PDF with a text layer that OCR made of a scanned document."""
    document = get_object_or_404(Document, pk=pk)
    stem = (document.original_name or f"van-ban-{document.pk}").rsplit(".", 1)[0]
    return _download(
        request, document, document.ocr_path, f"{stem}.ocr.pdf", "application/pdf",
        "bản nhận dạng ký tự",
    )  # fmt: skip


def _download(request, document, path, filename: str, content_type: str, what: str):
    """A stored file of ``document`` as a download (a view of it, for the audit trail)."""
    if path is None or not path.exists():
        raise Http404(f"Văn bản này không có {what}.")
    audit.document_viewed(request, document, download=True)
    return FileResponse(
        path.open("rb"), as_attachment=True, filename=filename, content_type=content_type
    )


@require_http_methods(["GET", "POST"])
@permission_required(ADD_TO_REGISTRY)
def upload(request):
    outcomes = []
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            register = form.cleaned_data["register"] or None
            on = form.cleaned_data["date"]
            for upload in form.cleaned_data["files"]:
                try:
                    outcome = ingest_bytes(
                        upload.read(), upload.name, register=register, entered_on=on
                    )
                except DocumentError as err:
                    outcomes.append({"name": upload.name, "error": err.message})
                else:
                    outcomes.append({"name": upload.name, "outcome": outcome})
            form = UploadForm(initial={"register": register or ""})
    else:
        form = UploadForm()
    return render(request, "registry/upload.html", {"form": form, "outcomes": outcomes})
