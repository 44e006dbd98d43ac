from django.forms.renderers import TemplatesSetting


class PortalFormRenderer(TemplatesSetting):
    """Form fields render with the portal's Bootstrap Italia field template."""

    field_template_name = "components/field.html"
