"""Django's admin on the site of accounts/admin_site.py. Loaded with the settings, before any model: it
names the site's class, imported once the apps are ready."""

from django.contrib.admin.apps import AdminConfig


class VerifiedAdminConfig(AdminConfig):
    default_site = "thidua.accounts.admin_site.VerifiedAdminSite"
