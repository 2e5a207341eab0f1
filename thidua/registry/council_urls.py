"""The council's pages, under /hop/hoi-dong/ beside the meeting's (namespace "council"). Its members cast
their secret ballots at the meeting's ballot address (/hop/phieu/): see RegistryConfig.ready."""

from django.urls import path

from thidua.registry.views import council as council_views

app_name = "council"
urlpatterns = [
    path("hoi-dong/", council_views.councils, name="councils"),
    path("hoi-dong/<id:pk>/", council_views.council, name="council"),
    path("hoi-dong/<id:pk>/bieu-quyet/<id:proposal_id>", council_views.council_vote, name="council_vote"),
    path("hoi-dong/<id:pk>/cach-bieu-quyet", council_views.council_mode, name="council_mode"),
    path("hoi-dong/<id:pk>/mo", council_views.council_open, name="council_open"),
    path("hoi-dong/<id:pk>/dong", council_views.council_close, name="council_close"),
    path("hoi-dong/<id:pk>/mo-lai", council_views.council_reopen, name="council_reopen"),
    path("hoi-dong/<id:pk>/cap-ma", council_views.council_issue, name="council_issue"),
    path("hoi-dong/<id:pk>/so-phieu", council_views.council_count, name="council_count"),
    path("hoi-dong/phieu-da-kiem/<slug:token>/", council_views.council_counted, name="council_counted"),
    path("hoi-dong/<id:pk>/bien-ban.docx", council_views.council_minutes_file, name="council_minutes"),
    path("hoi-dong/<id:pk>/du-thao-<id:n>.docx", council_views.council_draft_file, name="council_draft"),
    path(
        "hoi-dong/<id:pk>/du-thao-<id:n>.pdf",
        council_views.council_draft_file,
        {"as_pdf": True},
        name="council_draft_pdf",
    ),
    path(
        "hoi-dong/<id:pk>/bien-ban.pdf",
        council_views.council_minutes_file,
        {"as_pdf": True},
        name="council_minutes_pdf",
    ),
]
