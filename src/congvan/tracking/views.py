"""Pages of the loop, in Vietnamese: directory, distribution, inbox, reports, dashboards.

Every view checks the permission of its action (:func:`roles.permission_required`) and, for a
recipient organisation's person, reads only their organisation's rows (an entry or task of
another organisation is "not found"). Each view validates its input, calls one service function
and presents the result.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from congvan import audit
from congvan.registry import files
from congvan.registry.models import Document
from congvan.tracking import charts, compile, directory, roles
from congvan.tracking.assign import TaskPlan
from congvan.tracking.distribute import DistributionError, distribute, propose, receive
from congvan.tracking.models import (
    Attachment,
    Campaign,
    Distribution,
    InboxEntry,
    Organisation,
    OrganisationGroup,
    Task,
)
from congvan.tracking.paging import page_of
from congvan.tracking.reports import (
    ReportError,
    Upload,
    metrics_for,
    request_reports,
    start_task,
    submit_report,
)

PAGE_SIZE = 20
RECENT = 1000  # the sent page proposes, to send, documents among the last RECENT registered
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class LoginView(auth_views.LoginView):
    template_name = "tracking/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return reverse("tracking:home")


def logout_view(request):
    from django.contrib.auth import logout

    if request.method == "POST":
        logout(request)
    return redirect("portal:list")


def home(request):
    if not request.user.is_authenticated:
        return redirect("tracking:login")
    if request.user.has_perm(roles.VIEW_TRACKING):
        return redirect("tracking:sent")
    if request.user.has_perm(roles.VIEW_INBOX):
        return redirect("tracking:inbox")
    raise PermissionDenied("Tài khoản chưa được giao vai trò.")


# ------------------------------------------------------------------------------- directory


@roles.permission_required(roles.MANAGE_DIRECTORY)
def directory_page(request):
    result = None
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, "Chưa chọn tệp CSV hoặc Excel.")
        else:
            try:
                result = directory.import_table(upload.read(), upload.name)
            except directory.ImportError_ as err:
                messages.error(request, f"Không nhập được: {err}")
    query = request.GET.get("q", "")
    resolution = directory.resolve(query) if query else None
    organisations = Organisation.objects.prefetch_related("groups").order_by("kind", "name")
    return render(
        request,
        "tracking/directory.html",
        {
            "organisations": organisations,
            "groups": OrganisationGroup.objects.annotate(n=Count("members")),
            "result": result,
            "query": query,
            "resolution": resolution,
        },
    )


# ------------------------------------------------------------------------------- distribution


@roles.permission_required(roles.VIEW_TRACKING)
def sent(request):
    distributions = Distribution.objects.select_related("document").order_by("-created_at", "-id")
    page = page_of(distributions, request.GET.get("page"), PAGE_SIZE)
    ids = [d.pk for d in page.object_list]
    counts = {  # for this page only: counting over every dispatch would not scale
        c["distribution_id"]: c
        for c in InboxEntry.objects.filter(distribution_id__in=ids)
        .values("distribution_id")
        .annotate(n=Count("id"), received=Count("id", filter=Q(received_at__isnull=False)))
    }
    for d in page.object_list:
        d.n_orgs = counts.get(d.pk, {}).get("n", 0)
        d.n_received = counts.get(d.pk, {}).get("received", 0)
    waiting = None
    if request.user.has_perm(roles.DISTRIBUTE):
        # among the documents registered last: a register of years, all sent, is not read
        recent = Document.objects.order_by("-id").values("pk")[:RECENT]
        waiting = Document.objects.filter(pk__in=recent, sending__isnull=True).order_by("-id")[
            :PAGE_SIZE
        ]
    return render(
        request,
        "tracking/sent.html",
        {"page": page, "waiting": waiting, "campaigns": Campaign.objects.all()},
    )


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


@roles.permission_required(roles.DISTRIBUTE)
def distribute_page(request, document_pk: int):
    document = get_object_or_404(Document, pk=document_pk)
    proposal = propose(document)
    if request.method == "POST":
        chosen = [int(i) for i in request.POST.getlist("org") if i.isdigit()]
        may_set = request.user.has_perm(roles.SET_DEADLINE)
        plans = []
        for index, plan in enumerate(proposal.tasks):
            if plan.addressee:  # the organisations ticked for this item
                ids = [int(i) for i in request.POST.getlist(f"task-{index}-org") if i.isdigit()]
            else:  # an item for every recipient
                ids = list(chosen)
            ids = [i for i in ids if i in chosen]
            deadline = _date(request.POST.get(f"task-{index}-deadline")) if may_set else None
            source = plan.deadline_source
            if deadline is not None and deadline != plan.deadline:
                source = Task.FROM_OFFICER
            plans.append(
                TaskPlan(
                    label=plan.label,
                    text=plan.text,
                    addressee=plan.addressee,
                    organisation_ids=ids,
                    deadline=deadline or plan.deadline,
                    deadline_source=source if (deadline or plan.deadline) else Task.ON_REQUEST,
                )
            )
        try:
            distribution = distribute(
                document,
                chosen,
                sender=request.user,
                tasks=plans,
                mode=request.POST.get("mode") or Distribution.ISSUE,
                campaign_ids=[int(i) for i in request.POST.getlist("campaign") if i.isdigit()],
                note=request.POST.get("note", ""),
            )
        except DistributionError as err:
            messages.error(request, str(err))
        else:
            messages.success(request, f"Đã gửi văn bản tới {distribution.entries.count()} đơn vị.")
            return redirect("tracking:dispatch", pk=distribution.pk)
    orgs = list(Organisation.objects.filter(active=True).order_by("kind", "name"))
    kinds = dict(Organisation.KINDS)
    by_kind: dict[str, list] = {}
    for org in orgs:
        by_kind.setdefault(kinds.get(org.kind, org.kind), []).append(org)
    names = {o.pk: o.name for o in orgs}
    tasks = [
        {
            "index": i,
            "plan": plan,
            "orgs": [(pk, names[pk]) for pk in plan.organisation_ids if pk in names],
        }
        for i, plan in enumerate(proposal.tasks)
    ]
    return render(
        request,
        "tracking/distribute.html",
        {
            "doc": document,
            "proposal": proposal,
            "chosen": set(proposal.organisation_ids),
            "by_kind": by_kind,
            "tasks": tasks,
            "campaigns": Campaign.objects.all(),
            "chosen_campaigns": set(proposal.campaign_ids),
            "already": Distribution.objects.filter(document=document).first(),
            "modes": Distribution.MODES,
        },
    )


def _charts(summary: compile.Summary) -> list:
    out = []
    for metric in summary.metrics:
        items = [
            (r.organisation.name, r.figures.get(metric.pk, 0))
            for r in summary.rows
            if r.figures.get(metric.pk)
        ]
        if items:
            out.append(charts.bars(f"{metric} theo đơn vị", items))
    shown = [m for m in summary.metrics if any(summary.series.get(m.pk, []))]
    if summary.series and shown:
        out.append(
            charts.columns(
                "Số liệu theo tháng",
                summary.periods,
                [(str(m), summary.series[m.pk]) for m in shown],
            )
        )
    elif summary.periods:
        out.append(
            charts.columns(
                "Số báo cáo theo ngày", summary.periods, [("Báo cáo", summary.reports_per_period)]
            )
        )
    return out


@roles.permission_required(roles.VIEW_TRACKING)
def dispatch_dashboard(request, pk: int):
    distribution = get_object_or_404(Distribution.objects.select_related("document"), pk=pk)
    summary = compile.dispatch_summary(distribution)
    from congvan.portal.publish import is_published

    return render(
        request,
        "tracking/dashboard.html",
        {
            "summary": summary,
            "distribution": distribution,
            "doc": distribution.document,
            "charts": _charts(summary),
            "published": is_published(distribution.document),
            "requests": distribution.requests.all()[:5],
            "xlsx_url": reverse("tracking:dispatch-xlsx", args=[pk]),
            "docx_url": reverse("tracking:dispatch-docx", args=[pk]),
        },
    )


@roles.permission_required(roles.VIEW_TRACKING)
def campaigns(request):
    items = Campaign.objects.annotate(n=Count("distributions")).prefetch_related("metrics")
    return render(request, "tracking/campaigns.html", {"campaigns": items})


@roles.permission_required(roles.VIEW_TRACKING)
def campaign_dashboard(request, slug: str):
    campaign = get_object_or_404(Campaign, slug=slug)
    summary = compile.campaign_summary(campaign)
    return render(
        request,
        "tracking/dashboard.html",
        {
            "summary": summary,
            "campaign": campaign,
            "charts": _charts(summary),
            "xlsx_url": reverse("tracking:campaign-xlsx", args=[slug]),
            "docx_url": reverse("tracking:campaign-docx", args=[slug]),
        },
    )


def _download(data: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _stamp() -> str:
    return timezone.localdate().strftime("%Y%m%d")


@roles.permission_required(roles.EXPORT)
def dispatch_xlsx(request, pk: int):
    distribution = get_object_or_404(Distribution, pk=pk)
    data = compile.to_xlsx(compile.dispatch_summary(distribution))
    return _download(data, f"tong-hop-{pk}-{_stamp()}.xlsx", XLSX)


@roles.permission_required(roles.EXPORT)
def dispatch_docx(request, pk: int):
    distribution = get_object_or_404(Distribution, pk=pk)
    data = compile.to_docx(compile.dispatch_summary(distribution))
    return _download(data, f"bao-cao-tong-hop-{pk}-{_stamp()}.docx", DOCX)


@roles.permission_required(roles.EXPORT)
def campaign_xlsx(request, slug: str):
    campaign = get_object_or_404(Campaign, slug=slug)
    return _download(
        compile.to_xlsx(compile.campaign_summary(campaign)), f"{slug}-{_stamp()}.xlsx", XLSX
    )


@roles.permission_required(roles.EXPORT)
def campaign_docx(request, slug: str):
    campaign = get_object_or_404(Campaign, slug=slug)
    return _download(
        compile.to_docx(compile.campaign_summary(campaign)),
        f"bao-cao-tong-hop-{slug}-{_stamp()}.docx",
        DOCX,
    )


@require_POST
@roles.permission_required(roles.REQUEST_REPORTS)
def request_reports_view(request, pk: int):
    distribution = get_object_or_404(Distribution, pk=pk)
    deadline = _date(request.POST.get("deadline"))
    made = request_reports(
        distribution, request.user, deadline=deadline, message=request.POST.get("message", "")
    )
    messages.success(request, f"Đã gửi đề nghị báo cáo tới {made.recipients} đơn vị.")
    return redirect("tracking:dispatch", pk=pk)


# ------------------------------------------------------------------------------- inbox


def _inbox_org(request):
    """The organisation whose inbox is shown: the user's own; the department may look at any
    organisation's (``?don_vi=ID``)."""
    org = roles.organisation_of(request.user)
    if request.user.has_perm(roles.VIEW_TRACKING) and request.GET.get("don_vi", "").isdigit():
        return get_object_or_404(Organisation, pk=int(request.GET["don_vi"]))
    return org


def inbox(request):
    if not request.user.is_authenticated:
        return redirect(f"{reverse('tracking:login')}?{urlencode({'next': request.path})}")
    if not (request.user.has_perm(roles.VIEW_INBOX) or request.user.has_perm(roles.VIEW_TRACKING)):
        raise PermissionDenied("Bạn không có quyền xem hộp thư.")
    org = _inbox_org(request)
    if org is None:
        if request.user.has_perm(roles.VIEW_TRACKING):
            return render(
                request,
                "tracking/inbox_choose.html",
                {"organisations": Organisation.objects.filter(active=True)},
            )
        raise PermissionDenied("Tài khoản chưa thuộc đơn vị nào.")
    entries = (
        roles.visible_entries(request.user)
        .filter(organisation=org)
        .select_related("distribution__document")
        .order_by("-delivered_at", "-id")
    )
    state = request.GET.get("trang_thai", "")
    if state == "chua-doc":
        entries = entries.filter(received_at__isnull=True)
    page = page_of(entries, request.GET.get("page"), PAGE_SIZE)
    ids = [e.distribution_id for e in page.object_list]
    today = timezone.localdate()
    counts = {
        c["distribution_id"]: c
        for c in Task.objects.filter(organisation=org, distribution_id__in=ids)
        .values("distribution_id")
        .annotate(
            total=Count("id"),
            reported=Count("id", filter=Q(status=Task.REPORTED)),
            overdue=Count("id", filter=Q(deadline__lt=today) & ~Q(status=Task.REPORTED)),
        )
    }
    rows = [(e, counts.get(e.distribution_id, {})) for e in page.object_list]
    keep = request.GET.copy()  # the pages' links keep the filters
    keep.pop("page", None)
    return render(
        request,
        "tracking/inbox.html",
        {"org": org, "page": page, "rows": rows, "state": state, "keep": keep.urlencode()},
    )


def _visible_entry(request, pk: int) -> InboxEntry:
    if not request.user.is_authenticated:
        raise PermissionDenied
    return get_object_or_404(
        roles.visible_entries(request.user).select_related(
            "distribution__document", "organisation"
        ),
        pk=pk,
    )


def entry_page(request, pk: int):
    if not request.user.is_authenticated:
        return redirect(f"{reverse('tracking:login')}?{urlencode({'next': request.path})}")
    entry = _visible_entry(request, pk)
    audit.document_viewed(request, entry.distribution.document)
    receive(entry, request.user)
    tasks = list(
        Task.objects.filter(distribution=entry.distribution, organisation=entry.organisation)
        .select_related("report")
        .prefetch_related("report__figures__metric", "report__attachments")
        .order_by("id")
    )
    metrics = metrics_for(tasks[0]) if tasks else []
    for task in tasks:
        report = getattr(task, "report", None)
        task.values = {f.metric_id: f.value for f in report.figures.all()} if report else {}
        task.may_report = roles.may_report(request.user, task)
    return render(
        request,
        "tracking/entry.html",
        {
            "entry": entry,
            "doc": entry.distribution.document,
            "tasks": tasks,
            "metrics": metrics,
        },
    )


def _visible_task(request, pk: int) -> Task:
    if not request.user.is_authenticated:
        raise PermissionDenied
    return get_object_or_404(roles.visible_tasks(request.user), pk=pk)


def _entry_of(task: Task) -> InboxEntry:
    return InboxEntry.objects.get(distribution=task.distribution, organisation=task.organisation)


@require_POST
def task_start(request, pk: int):
    task = _visible_task(request, pk)
    start_task(task, request.user)
    return redirect("tracking:entry", pk=_entry_of(task).pk)


@require_POST
def task_report(request, pk: int):
    task = _visible_task(request, pk)
    if not roles.may_report(request.user, task):
        raise PermissionDenied("Nhiệm vụ này không giao cho đơn vị của bạn.")
    metric_ids = {str(m.pk) for m in metrics_for(task)}
    figures = {
        name[2:]: value
        for name, value in request.POST.items()
        if name.startswith("m-") and name[2:] in metric_ids
    }
    uploads = [Upload(f.name, f.read()) for f in request.FILES.getlist("files")]
    try:
        submit_report(task, request.user, request.POST.get("text", ""), figures, uploads)
    except ReportError as err:
        messages.error(request, f"Chưa gửi được báo cáo: {err}")
    else:
        messages.success(request, f"Đã gửi báo cáo kết quả mục {task.label}.")
    return redirect("tracking:entry", pk=_entry_of(task).pk)


def attachment(request, pk: int):
    if not request.user.is_authenticated:
        return redirect(f"{reverse('tracking:login')}?{urlencode({'next': request.path})}")
    item = get_object_or_404(Attachment.objects.select_related("report__task"), pk=pk)
    if not roles.visible_tasks(request.user).filter(pk=item.report.task_id).exists():
        raise Http404
    path = files.path_for(item.sha256)
    if not path.exists():
        raise Http404("Tệp không còn.")
    return FileResponse(path.open("rb"), as_attachment=True, filename=item.name)
