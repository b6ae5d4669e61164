"""``congvan manage rebuild_tallies``: recount the campaign dashboards' tallies from the rows
(after loading rows in bulk, outside the service functions); ``--check`` only lists the
differences and fails when there are any."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from congvan.tracking import tally


class Command(BaseCommand):
    help = "Đếm lại số liệu tổng hợp theo chủ đề từ dữ liệu gốc"

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="chỉ so sánh, báo lỗi nếu có chênh lệch"
        )

    def handle(self, *args, **options):
        if options["check"]:
            diff = tally.differences()
            n = len(diff.orgs) + len(diff.dues) + len(diff.figures)
            if n:
                for key, counts in list(diff.orgs.items())[:20]:
                    self.stderr.write(f"chủ đề {key[0]}, đơn vị {key[1]}: {dict(counts)}")
                raise CommandError(f"{n} dòng tổng hợp lệch so với dữ liệu gốc.")
            self.stdout.write("Số liệu tổng hợp khớp với dữ liệu gốc.")
            return
        part = tally.rebuild()
        self.stdout.write(
            f"Đã đếm lại: {len(part.orgs)} dòng chủ đề × đơn vị, "
            f"{len(part.figures)} dòng số liệu theo tháng."
        )
