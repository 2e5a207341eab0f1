"""The public side (namespace "publication"): /cong-khai/ without an account, and the board's and the units'
pages behind the sign-in under /cong-bo/. Published results and models are at their tokens."""

from django.urls import path

from thidua.publication.views import board, news, public

app_name = "publication"
urlpatterns = [
    path("cong-khai/", public.organizers, name="organizers"),
    path("cong-khai/<id:organizer_id>/", public.home, name="home"),
    path("cong-khai/<id:organizer_id>/vinh-danh/", public.registry, name="registry"),
    path("cong-khai/vinh-danh/<str:code>/", public.entry, name="entry"),
    path("cong-khai/<id:organizer_id>/ket-qua/", public.results_list, name="results_list"),
    path("cong-khai/ket-qua/<slug:token>/", public.results, name="results"),
    path("cong-khai/<id:organizer_id>/guong-dien-hinh/", public.models, name="models"),
    path("cong-khai/guong-dien-hinh/<slug:token>/", public.model, name="model"),
    path("cong-khai/<id:organizer_id>/tin-tuc/", news.news_list, name="news_list"),
    path("cong-khai/<id:organizer_id>/tin-tuc/rss/", news.rss, name="news_rss"),
    path("cong-khai/<id:organizer_id>/tin-tuc/atom/", news.atom, name="news_atom"),
    path("cong-khai/tin-tuc/<slug:slug>/", news.item, name="news_item"),
    path("cong-khai/tin-tuc/<slug:slug>/anh/<id:photo_id>/", news.photo, name="news_photo"),
    path("cong-bo/", board.board, name="board"),
    path("cong-bo/tin-tuc/", news.board, name="news_board"),
    path("cong-bo/tin-tuc/tu-hoi-nghi/<id:cluster_year_id>/", news.draft, name="news_draft"),
    path("cong-bo/tin-tuc/<id:article_id>/", news.edit, name="news_edit"),
    path("cong-bo/tin-tuc/<id:article_id>/xem-truoc/", news.preview, name="news_preview"),
    path("cong-bo/tin-tuc/<id:article_id>/dang/", news.publish, name="news_publish"),
    path("cong-bo/tin-tuc/<id:article_id>/anh/<id:photo_id>/", news.preview_photo, name="news_preview_photo"),
    path("cong-bo/ket-qua/<id:cluster_year_id>/", board.publish_results, name="publish_results"),
    path("cong-bo/guong-dien-hinh/de-xuat/", board.propose, name="propose"),
    path("cong-bo/guong-dien-hinh/<id:model_id>/", board.model_review, name="model_review"),
    path("cong-bo/guong-dien-hinh/<id:model_id>/sua/", board.model_edit, name="model_edit"),
    path(
        "cong-bo/guong-dien-hinh/<id:model_id>/minh-chung/<id:evidence_id>/",
        board.evidence_file,
        name="evidence",
    ),
]
