import datetime as dt

from django.db import migrations, models
from django.utils import timezone


def existing_tokens_expire_in_90_days(apps, schema_editor):
    # Tokens issued before expiry existed keep working for 90 days from this upgrade.
    ApiToken = apps.get_model("accounts", "ApiToken")
    ApiToken.objects.filter(expires_at__isnull=True).update(
        expires_at=timezone.now() + dt.timedelta(days=90)
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_users_roles_tokens")]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True),
        ),
        migrations.RunPython(existing_tokens_expire_in_90_days, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(help_text="after this moment the token is refused"),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="revoked_why",
            field=models.CharField(blank=True, max_length=100),
        ),
    ]
