"""The organisations of the seed dispatches, their groups, and three campaigns with figures."""

import csv
from pathlib import Path

from django.db import migrations

from congvan.tracking.directory import SEED_GROUPS, key
from congvan.tracking.seed import seed_campaigns

SEED = Path(__file__).resolve().parent.parent / "data" / "directory.csv"


def seed(apps, schema_editor):
    Organisation = apps.get_model("tracking", "Organisation")
    Group = apps.get_model("tracking", "OrganisationGroup")
    Campaign = apps.get_model("tracking", "Campaign")
    Metric = apps.get_model("tracking", "Metric")
    groups = {}
    for name, aliases in SEED_GROUPS.items():
        groups[key(name)], _ = Group.objects.get_or_create(
            name=name, defaults={"aliases": "\n".join(aliases)}
        )
    with SEED.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name = row["Tên đơn vị"].strip()
            org, _ = Organisation.objects.get_or_create(
                name=name,
                defaults={
                    "short_name": row["Tên viết tắt"].strip(),
                    "kind": row["Loại"].strip() or "agency",
                    "aliases": "\n".join(a.strip() for a in row["Tên gọi khác"].split(";") if a),
                    "email": row["Thư điện tử"].strip(),
                    "name_key": key(name),
                },
            )
            for group_name in filter(None, (g.strip() for g in row["Nhóm"].split(";"))):
                group = groups.get(key(group_name))
                if group is None:
                    group = groups[key(group_name)] = Group.objects.create(name=group_name)
                group.members.add(org)
    seed_campaigns(Campaign, Metric)


class Migration(migrations.Migration):
    dependencies = [("tracking", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
