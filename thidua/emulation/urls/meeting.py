from django.urls import path

from thidua.emulation.views import meeting as views

app_name = "meeting"
urlpatterns = [
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
