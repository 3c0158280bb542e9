from django.db import migrations


def load(apps, schema_editor):
    from coproduce.people.taxonomy import INTERESTS, SKILLS

    Interest = apps.get_model("people", "Interest")
    Skill = apps.get_model("people", "Skill")
    for slug, name, category in INTERESTS:
        Interest.objects.update_or_create(
            slug=slug, defaults={"name": name, "category": category, "symbol": slug}
        )
    for slug, name in SKILLS:
        Skill.objects.update_or_create(slug=slug, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("people", "0002_profiles")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
