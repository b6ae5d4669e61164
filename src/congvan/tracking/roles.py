"""Roles on Django auth: each role is a group holding one permission per action.

| role | group | may |
|---|---|---|
| ``clerk`` | Văn thư | registers, directory, distribute, follow, publish |
| ``officer`` | Chuyên viên | registers, directory, distribute, deadlines, follow, reports, export |
| ``leader`` | Lãnh đạo | registers (read only), follow, request reports, export, publish |
| ``recipient`` | Đơn vị nhận | read its own organisation's inbox, report on its own tasks |
| ``admin`` | Quản trị | everything, and the users |
| public | (not signed in) | the published documents of the portal |

Pages, the API and services check the permission of the action (``user.has_perm(...)``); a
recipient organisation's person sees only rows of their organisation (:func:`visible_entries`,
:func:`visible_tasks`).
"""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse

P = "tracking."
MANAGE_DIRECTORY = P + "manage_directory"
DISTRIBUTE = P + "distribute_document"
VIEW_TRACKING = P + "view_tracking"
SET_DEADLINE = P + "set_deadline"
REQUEST_REPORTS = P + "request_reports"
EXPORT = P + "export_compilation"
VIEW_INBOX = P + "view_inbox"
SUBMIT_REPORT = P + "submit_report"
MANAGE_USERS = P + "manage_users"
PUBLISH = "portal.publish_document"
# the registers (sổ văn bản đến / đi): the department's own records, never a recipient's
VIEW_REGISTRY = "registry.view_document"
ADD_TO_REGISTRY = "registry.add_document"

OFFICER = [
    VIEW_REGISTRY,
    ADD_TO_REGISTRY,
    MANAGE_DIRECTORY,
    DISTRIBUTE,
    VIEW_TRACKING,
    SET_DEADLINE,
    REQUEST_REPORTS,
    EXPORT,
]
ROLES: dict[str, tuple[str, list[str]]] = {
    "clerk": (
        "Văn thư",
        [VIEW_REGISTRY, ADD_TO_REGISTRY, MANAGE_DIRECTORY, DISTRIBUTE, VIEW_TRACKING, PUBLISH],
    ),
    "officer": ("Chuyên viên", OFFICER),
    "leader": ("Lãnh đạo", [VIEW_REGISTRY, VIEW_TRACKING, REQUEST_REPORTS, EXPORT, PUBLISH]),
    "recipient": ("Đơn vị nhận", [VIEW_INBOX, SUBMIT_REPORT]),
    "admin": ("Quản trị", [*OFFICER, PUBLISH, MANAGE_USERS]),
}
ROLE_LABELS = {role: label for role, (label, _) in ROLES.items()}


def _permission(dotted: str) -> Permission | None:
    app_label, codename = dotted.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()


def ensure_roles(**_kwargs) -> None:
    """Create the role groups and give them their permissions (after every ``migrate``)."""
    for label, permissions in ROLES.values():
        group, _ = Group.objects.get_or_create(name=label)
        wanted = [p for p in (_permission(d) for d in permissions) if p is not None]
        group.permissions.add(*wanted)


def role_of(user) -> str | None:
    """The role of ``user`` (``None`` for the public)."""
    if not getattr(user, "is_authenticated", False):
        return None
    if user.is_superuser:
        return "admin"
    names = set(user.groups.values_list("name", flat=True))
    for role, (label, _) in ROLES.items():
        if label in names and role != "recipient":
            return role
    return "recipient" if ROLE_LABELS["recipient"] in names else None


def organisation_of(user):
    """The recipient organisation ``user`` belongs to, or ``None``."""
    if not getattr(user, "is_authenticated", False):
        return None
    cached = getattr(user, "_congvan_org", False)
    if cached is not False:
        return cached
    from congvan.tracking.models import Membership

    membership = Membership.objects.select_related("organisation").filter(user=user).first()
    user._congvan_org = membership.organisation if membership else None
    return user._congvan_org


@transaction.atomic
def create_user(
    username: str,
    password: str,
    role: str,
    *,
    organisation=None,
    email: str = "",
    full_name: str = "",
):
    """A person with one role; a ``recipient`` belongs to ``organisation``."""
    if role not in ROLES:
        raise ValueError(f"vai trò không có: {role!r} (có: {', '.join(ROLES)})")
    if role == "recipient" and organisation is None:
        raise ValueError("người của đơn vị nhận phải thuộc một đơn vị")
    ensure_roles()
    user = get_user_model().objects.create_user(
        username=username, password=password, email=email, first_name=full_name
    )
    if role == "admin":
        user.is_staff = True
        user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    user.groups.add(Group.objects.get(name=ROLES[role][0]))
    if organisation is not None:
        from congvan.tracking.models import Membership

        Membership.objects.create(user=user, organisation=organisation)
    return user


def permission_required(*permissions: str):
    """A page's door: sign-in first (to the sign-in page, back here after), then every one of
    ``permissions``, else 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                login = reverse("tracking:login")
                return redirect(f"{login}?{urlencode({'next': request.get_full_path()})}")
            for permission in permissions:
                if not request.user.has_perm(permission):
                    raise PermissionDenied("Bạn không có quyền xem trang này.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def require(user, permission: str) -> None:
    if not user.has_perm(permission):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này.")


def sees_everything(user) -> bool:
    """The department's people follow every organisation's inbox and tasks."""
    return user.has_perm(VIEW_TRACKING)


def visible_entries(user):
    """Inbox entries ``user`` may read: all for the department, their own organisation's for a
    recipient, none otherwise."""
    from congvan.tracking.models import InboxEntry

    if sees_everything(user):
        return InboxEntry.objects.all()
    org = organisation_of(user)
    if org is not None and user.has_perm(VIEW_INBOX):
        return InboxEntry.objects.filter(organisation=org)
    return InboxEntry.objects.none()


def visible_tasks(user):
    from congvan.tracking.models import Task

    if sees_everything(user):
        return Task.objects.all()
    org = organisation_of(user)
    if org is not None and user.has_perm(VIEW_INBOX):
        return Task.objects.filter(organisation=org)
    return Task.objects.none()


def may_report(user, task) -> bool:
    org = organisation_of(user)
    return org is not None and org.pk == task.organisation_id and user.has_perm(SUBMIT_REPORT)
