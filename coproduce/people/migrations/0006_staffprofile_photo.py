from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0005_supporter_accepted_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="staffprofile",
            name="photo",
            field=models.FileField(blank=True, upload_to="staff/photos/"),
        ),
    ]
