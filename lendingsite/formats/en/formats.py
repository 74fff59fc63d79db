"""The console's and pages' date display: `03 Dec 2026`, times as `03 Dec 2026, 14:05` in
IST (settings.TIME_ZONE; Django converts aware datetimes before formatting). Input formats
stay Django's English ones (ISO `2026-12-03` first), so forms and the API read what they read
before. Used for "en" and "en-in" (settings.FORMAT_MODULE_PATH)."""

DATE_FORMAT = "d M Y"
SHORT_DATE_FORMAT = "d M Y"
DATETIME_FORMAT = "d M Y, H:i"
SHORT_DATETIME_FORMAT = "d M Y, H:i"
MONTH_DAY_FORMAT = "d M"
YEAR_MONTH_FORMAT = "M Y"
