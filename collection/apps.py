from django.apps import AppConfig


class CollectionConfig(AppConfig):
    # Not "collections": the standard library owns that import name (see README).
    name = "collection"
    label = "collection"
    verbose_name = "Collections"
