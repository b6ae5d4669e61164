"""Who may compose, sign and issue: three permissions given to tracking's role groups.

| role (group) | may |
|---|---|
| officer (Chuyên viên) | compose drafts, edit them, open a new version of an issued dispatch |
| leader (Lãnh đạo) | the same, and approve a draft for signing (``Duyệt ký``) |
| clerk (Văn thư) | issue an approved draft: number from the outgoing register, date, freeze |
| admin (Quản trị) | everything |

This follows Decree 30 Điều 15.2: a document gets its number and date after it is signed, from
the clerk who keeps the register. Anyone holding one of the three permissions sees the list of
dispatches and their previews; recipients and the public see none of them.

The permissions belong to this app (``compose.*``); the groups are tracking's
(:data:`congvan.tracking.roles.ROLES`). They are added to the groups after every ``migrate`` and
whenever a role group is created (``tracking.roles.ensure_roles``), so tracking needs no change.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

COMPOSE = "compose.compose_dispatch"
SIGN = "compose.sign_dispatch"
ISSUE = "compose.issue_dispatch"
ALL = (COMPOSE, SIGN, ISSUE)

GRANTS: dict[str, tuple[str, ...]] = {
    "officer": (COMPOSE,),
    "leader": (COMPOSE, SIGN),
    "clerk": (ISSUE,),
    "admin": (COMPOSE, SIGN, ISSUE),
}


def _labels() -> dict[str, str]:
    from congvan.tracking.roles import ROLE_LABELS

    return {ROLE_LABELS[role]: role for role in GRANTS if role in ROLE_LABELS}


def _permissions(dotted: tuple[str, ...]) -> list[Permission]:
    codenames = [d.split(".", 1)[1] for d in dotted]
    return list(
        Permission.objects.filter(content_type__app_label="compose", codename__in=codenames)
    )


def _grant(group: Group, role: str) -> None:
    wanted = _permissions(GRANTS[role])
    if wanted:
        group.permissions.add(*wanted)


def grant_roles(**_kwargs) -> None:
    """Give the role groups their compose permissions (after every ``migrate``)."""
    for label, role in _labels().items():
        group = Group.objects.filter(name=label).first()
        if group is not None:
            _grant(group, role)


def grant_new_group(sender, instance: Group, created: bool, **_kwargs) -> None:
    if created:
        role = _labels().get(instance.name)
        if role is not None:
            _grant(instance, role)


def may_view(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and any(user.has_perm(p) for p in ALL)
