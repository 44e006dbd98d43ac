"""Apply the retention rules now (the nightly job does the same); --dry-run only counts."""

from django.core.management.base import BaseCommand

from privacy.services import retention_apply


class Command(BaseCommand):
    help = "Apply the retention rules (privacy.RetentionRule) and print how many rows each touched."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="count what would change, change nothing"
        )

    def handle(self, *args, dry_run: bool = False, **options):
        counts = retention_apply(dry_run=dry_run)
        for dataset, count in counts.items():
            self.stdout.write(f"{dataset}: {count}{' (dry run)' if dry_run else ''}")
