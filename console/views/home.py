"""Each role's home (the admin index): its queues as counts linking to the filtered lists,
then the usual list of models."""

from django.contrib import admin

from console.selectors.queues import home_sections


def home(request):
    return admin.site.index(request, extra_context={"sections": home_sections(request.user)})
