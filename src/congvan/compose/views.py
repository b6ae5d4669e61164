"""Pages: the list of dispatches, the compose form with a live preview and the problems found,
the dispatch page (preview, problems, history, sign / issue / new version, downloads).

Each view checks the permission of its action (``congvan.compose.roles``), reads the form,
calls one service function and presents the result."""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from congvan.compose import forms, preview, roles, services
from congvan.compose.models import Dispatch, Version, paragraphs
from congvan.document.render import PdfConverterMissing, RenderError

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def allowed(*permissions: str):
    """Signed in (else the sign-in page), then any one of ``permissions`` (none: any compose
    permission), else 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                login = reverse("tracking:login")
                return redirect(f"{login}?{urlencode({'next': request.get_full_path()})}")
            if not any(user.has_perm(p) for p in (permissions or roles.ALL)):
                raise PermissionDenied("Bạn không có quyền xem trang này.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def _context(dispatch: Dispatch | None, record, opening: str, closing: str, **extra) -> dict:
    found = services.problems(record if dispatch is None else dispatch)
    return {
        "dispatch": dispatch,
        "page": preview.page(record, paragraphs(opening), paragraphs(closing)),
        "problems": found,
        "errors": services.blocking(found),
        **extra,
    }


def _live(record, opening: str, closing: str, input_errors=()) -> dict:
    """The preview and problems of a record being composed (the form's right-hand side)."""
    record = services.draft_record(record)
    found = services.problems(record)
    shown = services.normalise(record)
    shown.date = f"{timezone.localdate():%Y-%m}"
    return {
        "page": preview.page(shown, paragraphs(opening), paragraphs(closing)),
        "problems": found,
        "errors": services.blocking(found),
        "input_errors": list(input_errors),
    }


def _form_context(dispatch, record, values, submitted_errors=()) -> dict:
    from congvan.tracking.models import Organisation, OrganisationGroup

    return {
        "dispatch": dispatch,
        "v": values,
        "kinds": forms.KINDS,
        "urgencies": forms.URGENCIES,
        "signing_forms": list(forms.FORM_LABELS.items()),
        "organisations": Organisation.objects.filter(active=True).order_by("name"),
        "groups": OrganisationGroup.objects.order_by("name"),
        **_live(record, values["opening"], values["closing"], submitted_errors),
    }


@allowed()
def dispatch_list(request):
    status = request.GET.get("trang-thai", "")
    items = Dispatch.objects.all()
    if status in dict(Dispatch.STATUSES):
        items = items.filter(status=status)
    rows = [(d, d.to_record()) for d in items[:200]]
    return render(
        request,
        "compose/list.html",
        {"rows": rows, "status": status, "statuses": Dispatch.STATUSES},
    )


@allowed(roles.COMPOSE)
def new(request):
    if request.method == "POST":
        submitted = forms.from_post(request.POST)
        if not submitted.errors:
            dispatch = services.create(
                submitted.record,
                by=request.user,
                opening=submitted.opening,
                closing=submitted.closing,
            )
            messages.success(request, "Đã lưu dự thảo.")
            return redirect("compose:detail", pk=dispatch.pk)
        values = forms.initial(submitted.record, submitted.opening, submitted.closing)
        return render(
            request,
            "compose/edit.html",
            _form_context(None, submitted.record, values, submitted.errors),
            status=400,
        )
    record = services.defaults(request.user)
    values = forms.initial(record)
    return render(request, "compose/edit.html", _form_context(None, record, values))


@allowed(roles.COMPOSE)
def edit(request, pk: int):
    dispatch = get_object_or_404(Dispatch, pk=pk)
    if dispatch.status == Dispatch.ISSUED:
        messages.error(request, "Văn bản đã phát hành: hãy tạo phiên bản mới để sửa.")
        return redirect("compose:detail", pk=pk)
    if request.method == "POST":
        submitted = forms.from_post(request.POST)
        if not submitted.errors:
            try:
                services.update(
                    dispatch,
                    submitted.record,
                    by=request.user,
                    opening=submitted.opening,
                    closing=submitted.closing,
                    reason=submitted.reason,
                )
            except services.ComposeError as err:
                messages.error(request, err.message)
            else:
                messages.success(request, "Đã lưu dự thảo.")
            return redirect("compose:detail", pk=pk)
        values = forms.initial(
            submitted.record, submitted.opening, submitted.closing, submitted.reason
        )
        return render(
            request,
            "compose/edit.html",
            _form_context(dispatch, submitted.record, values, submitted.errors),
            status=400,
        )
    record = dispatch.to_record()
    values = forms.initial(record, dispatch.opening, dispatch.closing, dispatch.reason)
    return render(request, "compose/edit.html", _form_context(dispatch, record, values))


@allowed(roles.COMPOSE)
@require_POST
def live_preview(request):
    """The preview and problems of the form as it is being typed (htmx)."""
    submitted = forms.from_post(request.POST)
    context = _live(submitted.record, submitted.opening, submitted.closing, submitted.errors)
    return render(request, "compose/_live.html", context)


@allowed()
def detail(request, pk: int):
    dispatch = get_object_or_404(Dispatch, pk=pk)
    record = services.preview_record(dispatch)
    versions = list(dispatch.versions.select_related("document", "issued_by", "signed_by"))
    context = _context(
        dispatch,
        record,
        dispatch.opening,
        dispatch.closing,
        versions=versions,
        latest=versions[-1] if versions else None,
    )
    return render(request, "compose/detail.html", context)


@allowed()
def version_page(request, pk: int, version: int):
    item = get_object_or_404(
        Version.objects.select_related("dispatch", "document"), dispatch_id=pk, version=version
    )
    record = item.to_record()
    context = _context(
        None,
        record,
        item.opening,
        item.closing,
        item=item,
        versions=list(item.dispatch.versions.all()),
    )
    context["problems"] = services.validate(record)
    return render(request, "compose/version.html", context)


def _act(request, pk: int, action, done: str):
    try:
        result = action()
    except services.NotReady as err:
        messages.error(request, err.message)
        for problem in err.problems:
            messages.error(request, problem.message)
    except services.ComposeError as err:
        messages.error(request, err.message)
    else:
        messages.success(request, done)
        return result
    return None


@allowed(roles.SIGN)
@require_POST
def sign(request, pk: int):
    dispatch = get_object_or_404(Dispatch, pk=pk)
    _act(request, pk, lambda: services.sign(dispatch, by=request.user), "Đã duyệt ký dự thảo.")
    return redirect("compose:detail", pk=pk)


@allowed(roles.SIGN)
@require_POST
def unsign(request, pk: int):
    dispatch = get_object_or_404(Dispatch, pk=pk)
    _act(request, pk, lambda: services.unsign(dispatch, by=request.user), "Đã trả lại dự thảo.")
    return redirect("compose:detail", pk=pk)


@allowed(roles.ISSUE)
@require_POST
def issue(request, pk: int):
    dispatch = get_object_or_404(Dispatch, pk=pk)
    version = _act(
        request, pk, lambda: services.issue(dispatch, by=request.user), "Đã phát hành văn bản."
    )
    if version is not None:
        messages.success(
            request,
            f"Số {version.to_record().code}, ngày {version.issued_on:%d/%m/%Y}, "
            f"số thứ tự {version.number_text} trong sổ văn bản đi.",
        )
    return redirect("compose:detail", pk=pk)


@allowed(roles.COMPOSE)
@require_POST
def revise(request, pk: int):
    dispatch = get_object_or_404(Dispatch, pk=pk)
    done = _act(
        request,
        pk,
        lambda: services.revise(dispatch, by=request.user, reason=request.POST.get("reason", "")),
        "Đã mở phiên bản mới để sửa; các phiên bản đã phát hành giữ nguyên.",
    )
    if done is not None:
        return redirect("compose:edit", pk=pk)
    return redirect("compose:detail", pk=pk)


def _download_name(dispatch: Dispatch, ext: str) -> str:
    record = dispatch.to_record()
    base = record.code.replace("/", "-") if record.number else f"du-thao-{dispatch.pk}"
    return f"{base}.{ext}"


@allowed()
def docx(request, pk: int):
    dispatch = get_object_or_404(Dispatch, pk=pk)
    try:
        data = services.render(dispatch)
    except RenderError as err:
        return HttpResponse(err.message, status=500, content_type="text/plain; charset=utf-8")
    response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{_download_name(dispatch, "docx")}"'
    return response


@allowed()
def pdf(request, pk: int):
    dispatch = get_object_or_404(Dispatch, pk=pk)
    try:
        data = services.render(dispatch, pdf=True)
    except PdfConverterMissing as err:
        return HttpResponse(err.message, status=503, content_type="text/plain; charset=utf-8")
    except RenderError as err:
        return HttpResponse(err.message, status=500, content_type="text/plain; charset=utf-8")
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_download_name(dispatch, "pdf")}"'
    return response


@allowed(roles.COMPOSE)
def references(request):
    """Registry documents by number/notation, to cite (htmx fragment)."""
    q = request.GET.get("q", "")
    found = services.find_references(q)
    return render(
        request,
        "compose/_references.html",
        {"q": q, "found": [(d, services.reference_of(d)) for d in found]},
    )
