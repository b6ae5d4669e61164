"""A scan's searchable PDF (made by OCR) and the OCR confidence."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("registry", "0003_search_outbox_parent_key")]

    operations = [
        migrations.AddField(
            model_name="document",
            name="ocr_sha256",
            field=models.CharField(blank=True, default="", max_length=64),
        ),
        migrations.AddField(
            model_name="document",
            name="ocr_confidence",
            field=models.FloatField(blank=True, null=True, verbose_name="độ tin cậy nhận dạng (%)"),
        ),
    ]
