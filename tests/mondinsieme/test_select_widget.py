"""The portal's faster select template writes exactly what Django's own does."""

import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django_countries import countries

from mondinsieme.renderers import PortalFormRenderer


class _Form(forms.Form):
    country = forms.ChoiceField(choices=lambda: [("", "—"), *countries], required=False)
    grouped = forms.ChoiceField(
        choices=[("Africa", [("SN", "Senegal <&>"), ("MA", "Marocco")]), ("", "Nessuno")]
    )
    many = forms.MultipleChoiceField(
        choices=[("1", "uno"), ("2", "due"), ("3", "tre")],
        widget=forms.SelectMultiple(attrs={"class": "form-select", "data-x": True}),
    )
    flag = forms.NullBooleanField()
    rate = forms.TypedChoiceField(choices=[(1.5, 1.5), (2, 2)], coerce=float, required=False)
    day = forms.ChoiceField(choices=[("2024-01-02", datetime.date(2024, 1, 2))], required=False)


@pytest.mark.parametrize("data", [None, {"country": "SN", "grouped": "MA", "many": ["1", "3"]}])
def test_the_select_html_is_the_same_as_djangos(data):
    ours = _Form(data, renderer=PortalFormRenderer())
    djangos = _Form(data, renderer=DjangoTemplates())
    for name in ("country", "grouped", "many", "flag", "rate", "day"):
        mine = " ".join(str(ours[name].as_widget()).split())
        theirs = " ".join(str(djangos[name].as_widget()).split())
        assert mine == theirs, name
        assert "<option" in mine


def test_a_chosen_value_is_marked_selected_and_labels_are_escaped():
    html = str(_Form({"grouped": "SN"}, renderer=PortalFormRenderer())["grouped"].as_widget())
    assert '<option value="SN" selected>Senegal &lt;&amp;&gt;</option>' in html


def test_number_and_date_labels_are_localised_like_djangos():
    from django.utils import translation

    with translation.override("it"):
        html = str(_Form(renderer=PortalFormRenderer())["rate"].as_widget())
    assert ">1,5</option>" in html
