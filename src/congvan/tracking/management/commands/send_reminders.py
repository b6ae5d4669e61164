"""``congvan manage send_reminders``: e-mail each organisation its unreported tasks that are due
within ``--days`` days or overdue (run daily from cron or a systemd timer)."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from congvan.tracking.reports import send_reminders


class Command(BaseCommand):
    help = "Gửi thư nhắc các đơn vị chưa báo cáo nhiệm vụ sắp đến hạn hoặc đã quá hạn"

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=2, help="nhắc trước hạn bao nhiêu ngày")
        parser.add_argument("--date", help="coi hôm nay là ngày này (YYYY-MM-DD)")

    def handle(self, *args, **options):
        today = None
        if options["date"]:
            try:
                today = dt.date.fromisoformat(options["date"])
            except ValueError as err:
                raise CommandError(f"ngày không hợp lệ: {options['date']}") from err
        sent = send_reminders(today, days_ahead=options["days"])
        self.stdout.write(f"Đã gửi {sent} thư nhắc.")
