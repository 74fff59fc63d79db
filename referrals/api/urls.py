from django.urls import include, path
from rest_framework.routers import SimpleRouter

from referrals.api.views import MyReferralsViewSet, ProgrammeViewSet, RewardViewSet

router = SimpleRouter()
router.register("me/referrals", MyReferralsViewSet, basename="my-referral")
router.register("referral-rewards", RewardViewSet, basename="referral-reward")
router.register("referral-programmes", ProgrammeViewSet, basename="referral-programme")
urlpatterns = [path("", include(router.urls))]
