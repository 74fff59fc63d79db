from celery import shared_task


@shared_task(name="screening.rescreen_all")
def rescreen_all_task() -> int:
    from accounts.screening.services import screening_rescreen_all

    return screening_rescreen_all(trigger="list_import")
