"""The notification service (docs/collections.md, "Notices to borrowers"): every message
to a borrower — reminders and lifecycle notices — is made and delivered through
collection.notices.service; kinds.py says what each kind is, texts.py what it says,
hours.py when it may go, listeners.py which actions make which notices."""
