"""Periodic jobs of the collections app, collected by lendingsite.periodic into beat."""

from lendingsite.periodic import PeriodicSpec

PERIODIC_TASKS = [
    PeriodicSpec(
        name="collection.day_end",
        task="collection.tasks.day_end_beat",
        crontab="30 0 * * *",
        description="Day-end for the day just ended: DPD, buckets, penal charges, "
        "legal escalation, collection cases",
    ),
    # The desk (collection.tasks.desk): reminders inside calling hours, weekly scores.
    PeriodicSpec(
        name="collection.reminders_send",
        task="collection.tasks_desk.reminders_send",
        crontab="0 9 * * *",
        description="Borrower reminders: T-3, T-1, due today and promise dates",
    ),
    PeriodicSpec(
        name="collection.reminders_release_held",
        task="collection.tasks_desk.reminders_release_held",
        crontab="*/15 * * * *",
        description="Send reminders held outside calling hours (08:00-19:00 IST)",
    ),
    # The notification service (collection.tasks.notices): transactional notices whose
    # task was lost, and offers about to lapse.
    PeriodicSpec(
        name="collection.notices_release",
        task="collection.tasks_notices.notices_release",
        crontab="*/5 * * * *",
        description="Deliver borrower notices (receipts, charges, offers...) not delivered yet",
    ),
    PeriodicSpec(
        name="collection.offers_expiring_notify",
        task="collection.tasks_notices.offers_expiring_notify",
        crontab="0 10 * * *",
        description="Tell borrowers whose loan offer lapses within a working day",
    ),
    PeriodicSpec(
        name="collection.collector_scores_compute",
        task="collection.tasks_desk.collector_scores_compute",
        crontab="0 6 * * 1",
        description="Collector scores for the week that ended on Sunday",
    ),
]
