from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from thidua.accounts import twofactor_views
from thidua.api.api import api

admin.site.site_header = _("thidua – Emulation and commendation administration")
admin.site.site_title = "thidua"
admin.site.index_title = _("System data")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("dang-nhap/", twofactor_views.LoginView.as_view(), name="login"),
    path("dang-nhap/ma-xac-thuc/", twofactor_views.login_code, name="login_code"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("thong-bao/", include("thidua.accounts.urls")),
    path("cong-viec/", include("thidua.accounts.job_urls")),
    path("tai-khoan/xac-thuc-hai-buoc/", include("thidua.accounts.twofactor_urls")),
    path("hop/", include("thidua.registry.council_urls")),
    path("hop/", include("thidua.emulation.urls.meeting")),
    path("khen-thuong/", include("thidua.registry.urls")),
    path("xac-minh/", include("thidua.registry.verify_urls")),
    path("", include("thidua.publication.urls")),
    path("trao-doi/", include("thidua.exchange.urls")),
    path("nhap-du-lieu/", include("thidua.sheets.urls")),
    path("cham-diem/", include("thidua.emulation.urls.scoring")),
    path("giao-uoc/", include("thidua.emulation.urls.pact")),
    path("api/v1/", api.urls),
    path("", include("thidua.emulation.urls.front")),
]
