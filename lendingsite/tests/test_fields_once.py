"""lendingsite.api_fields.FieldsOnceMixin: the same fields and the same answer as the plain
ModelSerializer, worked out once per class, each instance with its own copies."""

import pytest
from django.contrib.auth.models import Permission
from rest_framework import serializers

from lendingsite.api_fields import FieldsOnceMixin

pytestmark = pytest.mark.django_db


class Plain(serializers.ModelSerializer):
    app = serializers.CharField(source="content_type.app_label", read_only=True)

    class Meta:
        model = Permission
        fields = ["id", "name", "codename", "content_type", "app"]
        read_only_fields = fields


class Once(FieldsOnceMixin, Plain):
    pass


class OnceMore(Once):
    class Meta(Once.Meta):
        fields = ["id", "codename"]
        read_only_fields = fields


def test_same_fields_and_answers_as_the_plain_serializer():
    rows = list(Permission.objects.select_related("content_type").order_by("id")[:5])
    assert Once(rows, many=True).data == Plain(rows, many=True).data
    assert Once(rows[0]).data == Plain(rows[0]).data
    plain, once = Plain().fields, Once().fields
    assert list(once) == list(plain)
    assert [type(f) for f in once.values()] == [type(f) for f in plain.values()]


def test_each_instance_has_its_own_fields_and_a_subclass_its_own_template():
    first, second = Once(), Once()
    assert first.fields["name"] is not second.fields["name"]
    assert first.fields["name"].parent is first and second.fields["name"].parent is second
    assert list(OnceMore().fields) == ["id", "codename"]
    assert list(Once().fields) == ["id", "name", "codename", "content_type", "app"]
