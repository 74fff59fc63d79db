"""/api/v1/threads/ and /api/v1/messages/ (included from lendingsite.urls)."""

from rest_framework.routers import SimpleRouter

from messaging.api.threads import MessageViewSet, ThreadViewSet

router = SimpleRouter()
router.register("threads", ThreadViewSet, basename="thread")
router.register("messages", MessageViewSet, basename="message")
urlpatterns = router.urls
