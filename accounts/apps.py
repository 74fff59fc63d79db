from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _sync_roles(sender, **kwargs):
    from django.apps import apps
    from django.contrib.auth.models import Group, Permission

    # post_migrate fires once per app that has models; permissions of every app exist only
    # after the last of those (apps without models, like portal, get no signal).
    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if sender is not with_models[-1]:
        return

    from accounts.roles import sync_role_groups

    sync_role_groups(Group, Permission)


def _ensure_bank_directory(sender, **kwargs):
    if sender.name != "accounts":
        return
    from accounts.services.bank_directory import bank_directory_sample_ensure

    bank_directory_sample_ensure()


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "People and audit"

    def ready(self):
        from accounts import listeners, signals  # noqa: F401

        # After every migrate (once, on the last app), so permissions of models that
        # later issues add reach their roles without a new data migration each time.
        post_migrate.connect(_sync_roles, dispatch_uid="accounts.sync_roles")
        # The shipped IFSC sample, whenever the directory is empty (a new database, or one
        # flushed by a test): an IFSC can be checked out of the box.
        post_migrate.connect(_ensure_bank_directory, dispatch_uid="accounts.bank_directory")
