from django.urls import path

from thidua.emulation.views import meeting as views
from thidua.emulation.views import news

app_name = "meeting"
urlpatterns = [
    path("phieu/", views.enter_code, name="enter_code"),
    path("phieu/bo/", views.ballot, name="ballot"),
    path("<id:cluster_id>/<year:year>/", views.chair, name="chair"),
    path("<id:cluster_id>/<year:year>/so-phieu", views.live_count, name="live_count"),
    path("<id:cluster_id>/<year:year>/cach-binh-xet", views.save_rules, name="rules"),
    path("<id:cluster_id>/<year:year>/du-hop", views.save_attendance, name="attendance"),
    path("<id:cluster_id>/<year:year>/mo", views.open_vote, name="open"),
    path("<id:cluster_id>/<year:year>/dong", views.close_vote, name="close"),
    path("<id:cluster_id>/<year:year>/mo-lai", views.reopen_vote, name="reopen"),
    path("<id:cluster_id>/<year:year>/cap-ma", views.issue, name="issue"),
    path("<id:cluster_id>/<year:year>/chot", views.conclude, name="conclude"),
    path("<id:cluster_id>/<year:year>/lanh-dao-nam-sau", views.next_leadership, name="next"),
    path("<id:cluster_id>/<year:year>/phieu-giay/", views.paper, name="paper"),
    path("<id:cluster_id>/<year:year>/tin-bai.docx", news.news_file, name="news_docx"),
    path("<id:cluster_id>/<year:year>/tin-bai.pdf", news.news_file, {"as_pdf": True}, name="news_pdf"),
    # At a token, not at the cluster's id and year: nobody lists meetings by counting (Meeting.public_token).
    path("phieu-da-kiem/<slug:token>/", views.counted, name="counted"),
]
