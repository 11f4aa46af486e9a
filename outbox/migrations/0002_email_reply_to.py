from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("outbox", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="email",
            name="reply_to",
            field=models.EmailField(
                blank=True,
                help_text="Where the recipient's reply goes, e.g. the buyer of an enquiry.",
                max_length=254,
                verbose_name="reply to",
            ),
        ),
    ]
