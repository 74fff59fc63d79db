from django.apps import AppConfig


class BureauConfig(AppConfig):
    name = "bureau"
    label = "bureau"
    verbose_name = "Credit bureau reporting"
