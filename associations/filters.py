"""Filters of the public association directory."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from .models import Association, Community, Theme


def _origin_countries():
    codes = Community.objects.values_list("country", flat=True).distinct()
    names = dict(countries)
    return sorted(((code, names.get(code, code)) for code in codes), key=lambda c: str(c[1]))


class AssociationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Cerca"), method="search", max_length=100)
    country = django_filters.ChoiceFilter(
        label=_("Paese di origine"),
        field_name="communities__country",
        choices=_origin_countries,
        empty_label=_("Tutti i paesi"),
        distinct=True,
    )
    community = django_filters.ModelChoiceFilter(
        label=_("Comunità"),
        field_name="communities",
        queryset=Community.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("Tutte le comunità"),
        distinct=True,
    )
    legal_form = django_filters.ChoiceFilter(
        label=_("Forma giuridica"),
        choices=Association.LegalForm.choices,
        empty_label=_("Tutte le forme"),
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Tema"),
        field_name="themes",
        queryset=Theme.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("Tutti i temi"),
        distinct=True,
    )

    class Meta:
        model = Association
        fields = ["q", "country", "community", "legal_form", "theme"]

    def search(self, queryset, name, value):
        for word in value.split()[:8]:
            queryset = queryset.filter(
                Q(name__icontains=word)
                | Q(acronym__icontains=word)
                | Q(description__icontains=word)
                | Q(communities__name__icontains=word)
            )
        return queryset.distinct()
