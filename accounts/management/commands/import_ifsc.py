from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.services.bank_directory import ParseReport, bank_directory_import, ifsc_rows_parse


class Command(BaseCommand):
    help = (
        "Load bank branches from an IFSC list in CSV: RBI's per-bank sheets saved as CSV "
        "(BANK, IFSC, BRANCH, ADDRESS, CITY1, CITY2, STATE, ...) or Razorpay's IFSC.csv "
        "release. Existing codes are updated, new ones added, none removed."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="CSV files (UTF-8)")

    def handle(self, *args, files, **options):
        total = skipped = 0
        for name in files:
            path = Path(name)
            if not path.is_file():
                raise CommandError(f"{name}: no such file")
            report = ParseReport()
            try:
                with path.open(newline="", encoding="utf-8-sig") as lines:
                    written = bank_directory_import(
                        rows=ifsc_rows_parse(lines, report), source=path.name
                    )
            except (ValueError, UnicodeDecodeError) as exc:
                raise CommandError(f"{name}: {exc}") from None
            total += written
            skipped += report.skipped
            self.stdout.write(
                f"{path.name}: {written} branches loaded, {report.skipped} rows skipped "
                f"(not an IFSC of RBI's shape)."
            )
        self.stdout.write(f"Done: {total} branches loaded, {skipped} rows skipped.")
