"""The public side (namespace "publication"): /cong-khai/ without an account, and the board's and the units'
pages behind the sign-in under /cong-bo/. Published results and models are at their tokens."""

from django.urls import path

from thidua.publication.views import board, public

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
    path("cong-bo/", board.board, name="board"),
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
