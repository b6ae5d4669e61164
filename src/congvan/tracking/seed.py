"""Starting data: the campaigns of the seed dispatches and the figures each asks for."""

from __future__ import annotations

METRICS = [
    ("tin-bai", "Tin, bài", "tin, bài"),
    ("phat-song", "Lượt phát sóng", "lượt"),
    ("thoi-luong", "Thời lượng phát sóng", "phút"),
    ("bang-ron", "Băng rôn, pano", "cái"),
    ("bai-dang", "Bài đăng mạng xã hội", "bài"),
]
CAMPAIGNS = [
    ("Phòng, chống lừa đảo chiếm đoạt tài sản", "lua-dao", ["lừa đảo"]),
    ("Phòng, chống bệnh bạch hầu", "bach-hau", ["bạch hầu"]),
    ("Phòng, chống ma túy", "ma-tuy", ["ma túy", "ma tuý"]),
]


def seed_campaigns(Campaign=None, Metric=None) -> None:
    """Create the campaigns and their metrics that are missing (idempotent); a migration passes
    its historical models."""
    if Campaign is None:
        from congvan.tracking.models import Campaign, Metric
    for name, slug, keywords in CAMPAIGNS:
        campaign, created = Campaign.objects.get_or_create(
            slug=slug, defaults={"name": name, "keywords": "\n".join(keywords)}
        )
        if created:
            for position, (key, label, unit) in enumerate(METRICS):
                Metric.objects.create(
                    campaign=campaign, key=key, label=label, unit=unit, position=position
                )


def seed_all() -> None:
    """The seed directory and campaigns (for tests and a fresh database; idempotent)."""
    from congvan.tracking.directory import load_seed

    load_seed()
    seed_campaigns()
