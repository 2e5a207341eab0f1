from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "thidua.organisations"
    label = "organisations"
    verbose_name = "Tổ chức, đơn vị, cụm khối"
