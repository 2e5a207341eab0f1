from django.urls import path

from thidua.meeting import council_views, views

app_name = "meeting"
urlpatterns = [
    path("hoi-dong/", council_views.councils, name="councils"),
    path("hoi-dong/<int:pk>/", council_views.council, name="council"),
    path("hoi-dong/<int:pk>/bieu-quyet/<int:proposal_id>", council_views.council_vote, name="council_vote"),
    path("hoi-dong/<int:pk>/cach-bieu-quyet", council_views.council_mode, name="council_mode"),
    path("hoi-dong/<int:pk>/mo", council_views.council_open, name="council_open"),
    path("hoi-dong/<int:pk>/dong", council_views.council_close, name="council_close"),
    path("hoi-dong/<int:pk>/mo-lai", council_views.council_reopen, name="council_reopen"),
    path("hoi-dong/<int:pk>/cap-ma", council_views.council_issue, name="council_issue"),
    path("hoi-dong/<int:pk>/so-phieu", council_views.council_count, name="council_count"),
    path("hoi-dong/<int:pk>/phieu-da-kiem/", council_views.council_counted, name="council_counted"),
    path("hoi-dong/<int:pk>/bien-ban.docx", council_views.council_minutes_file, name="council_minutes"),
    path("phieu/", views.enter_code, name="enter_code"),
    path("phieu/bo/", views.ballot, name="ballot"),
    path("<int:cluster_id>/<int:year>/", views.chair, name="chair"),
    path("<int:cluster_id>/<int:year>/so-phieu", views.live_count, name="live_count"),
    path("<int:cluster_id>/<int:year>/cach-binh-xet", views.save_rules, name="rules"),
    path("<int:cluster_id>/<int:year>/du-hop", views.save_attendance, name="attendance"),
    path("<int:cluster_id>/<int:year>/mo", views.open_vote, name="open"),
    path("<int:cluster_id>/<int:year>/dong", views.close_vote, name="close"),
    path("<int:cluster_id>/<int:year>/mo-lai", views.reopen_vote, name="reopen"),
    path("<int:cluster_id>/<int:year>/cap-ma", views.issue, name="issue"),
    path("<int:cluster_id>/<int:year>/chot", views.conclude, name="conclude"),
    path("<int:cluster_id>/<int:year>/lanh-dao-nam-sau", views.next_leadership, name="next"),
    path("<int:cluster_id>/<int:year>/phieu-giay/", views.paper, name="paper"),
    path("<int:cluster_id>/<int:year>/phieu-da-kiem/", views.counted, name="counted"),
]
