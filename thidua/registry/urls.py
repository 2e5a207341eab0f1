from django.urls import path

from thidua.registry.views import (
    decisions as decision_views,
)
from thidua.registry.views import (
    dossier as dossier_views,
)
from thidua.registry.views import (
    entry as entry_views,
)
from thidua.registry.views import (
    home as home_views,
)
from thidua.registry.views import (
    movements as movement_views,
)
from thidua.registry.views import (
    paper_templates as paper_template_views,
)
from thidua.registry.views import (
    proposals as proposal_views,
)
from thidua.registry.views import (
    province_rules as province_rule_views,
)
from thidua.registry.views import (
    registry as views,
)
from thidua.registry.views import (
    setup as setup_views,
)

app_name = "registry"
urlpatterns = [
    path("", views.search, name="search"),
    path("tong-quan/", home_views.board_dashboard, name="dashboard"),
    path("viec-can-lam/", home_views.my_work, name="my_work"),
    path("xuat-excel/", views.search_export, name="export"),
    path("ca-nhan/<id:person_id>/", views.person, name="person"),
    path("don-vi/<id:unit_id>/", views.unit, name="unit"),
    path("thong-ke/", views.statistics, name="statistics"),
    path("thong-ke/bieu-mau.xlsx", views.statistics_form, name="statistics_form"),
    path("thong-ke/xuat-excel/", views.statistics_export, name="statistics_export"),
    path("de-nghi/", proposal_views.proposals, name="proposals"),
    path("de-nghi/xuat-excel/", proposal_views.proposals_export, name="proposals_export"),
    path("de-nghi/moi/", proposal_views.propose, name="propose"),
    path("de-nghi/hang-loat/", proposal_views.bulk_act, name="bulk_act"),
    path("de-nghi/tu-binh-xet/<id:cluster_year_id>/", proposal_views.from_review, name="from_review"),
    path("de-nghi/<id:proposal_id>/", proposal_views.proposal, name="proposal"),
    path(
        "de-nghi/<id:proposal_id>/bao-cao-thanh-tich.docx",
        proposal_views.achievement_file,
        name="achievement_docx",
    ),
    path(
        "de-nghi/<id:proposal_id>/bao-cao-thanh-tich.pdf",
        proposal_views.achievement_file,
        {"as_pdf": True},
        name="achievement_pdf",
    ),
    path("de-nghi/<id:proposal_id>/ban-ky/", dossier_views.add_scan, name="scan_add"),
    path("de-nghi/<id:proposal_id>/ban-ky/<id:scan_id>/", dossier_views.scan_file, name="scan"),
    path(
        "de-nghi/<id:proposal_id>/ban-ky/<id:scan_id>/thay/", dossier_views.replace_scan, name="scan_replace"
    ),
    path("de-nghi/<id:proposal_id>/ban-ky/<id:scan_id>/xoa/", dossier_views.delete_scan, name="scan_delete"),
    path("de-nghi/<id:proposal_id>/<slug:slug>/", proposal_views.act, name="act"),
    path("quyet-dinh/", decision_views.decisions, name="decisions"),
    path("quyet-dinh/xuat-excel/", decision_views.decisions_export, name="decisions_export"),
    path("quyet-dinh/moi/", decision_views.new_decision, name="new_decision"),
    path("quyet-dinh/<id:decision_id>/", decision_views.decision, name="decision"),
    path("quyet-dinh/<id:decision_id>/du-thao.docx", decision_views.decision_file, name="decision_docx"),
    path(
        "quyet-dinh/<id:decision_id>/du-thao.pdf",
        decision_views.decision_file,
        {"as_pdf": True},
        name="decision_pdf",
    ),
    path("quyet-dinh/<id:decision_id>/in-bang/", decision_views.certificate_file, name="certificate_docx"),
    path(
        "quyet-dinh/<id:decision_id>/in-bang-pdf/",
        decision_views.certificate_file,
        {"as_pdf": True},
        name="certificate_pdf",
    ),
    path("quyet-dinh/<id:decision_id>/huy-bo/<id:awardee_id>/", decision_views.revoke, name="revoke"),
    path("chi-tieu/", decision_views.quotas, name="quotas"),
    path("phong-trao/", movement_views.movements, name="movements"),
    path("phong-trao/<id:movement_id>/sua/", movement_views.edit_movement, name="movement_edit"),
    path("quy-dinh-tinh/", province_rule_views.rules, name="province_rules"),
    path("quy-dinh-tinh/<id:rule_id>/het-hieu-luc/", province_rule_views.end, name="province_rule_end"),
    path("ca-nhan/moi/", entry_views.new_person, name="person_new"),
    path("ca-nhan/<id:person_id>/sua/", entry_views.edit_person, name="person_edit"),
    path("ca-nhan/<id:person_id>/nam/", entry_views.person_year, name="person_year"),
    path("ca-nhan/<id:person_id>/sang-kien/", entry_views.initiative, name="initiative"),
    path("ca-nhan/<id:person_id>/vu-viec/", entry_views.hold, name="hold"),
    path("don-vi/<id:unit_id>/nam/", entry_views.unit_year, name="unit_year"),
    path(
        "don-vi/<id:unit_id>/nam/tinh-tu-ca-nhan/",
        entry_views.compute_staff_titles,
        name="compute_staff_titles",
    ),
    path("don-vi/<id:unit_id>/danh-hieu-ca-nhan/", entry_views.people_titles, name="people_titles"),
    path("don-vi/<id:unit_id>/don-vi-truc-thuoc/", entry_views.add_sub_unit, name="sub_unit_new"),
    path(
        "don-vi/<id:unit_id>/don-vi-truc-thuoc/danh-hieu/", entry_views.sub_unit_title, name="sub_unit_title"
    ),
    # The board's set-up ("Thiết lập"): units and their lineage, clusters and blocks, officers' accounts.
    path("thiet-lap/<id:organizer_id>/don-vi/", setup_views.units, name="setup_units"),
    path("thiet-lap/<id:organizer_id>/don-vi/moi/", setup_views.unit_new, name="setup_unit_new"),
    path("thiet-lap/don-vi/<id:unit_id>/", setup_views.unit, name="setup_unit"),
    path("thiet-lap/don-vi/<id:unit_id>/lich-su/", setup_views.unit_event, name="setup_unit_event"),
    path("thiet-lap/<id:organizer_id>/cum/", setup_views.clusters, name="setup_clusters"),
    path("thiet-lap/<id:organizer_id>/cum/moi/", setup_views.cluster_new, name="setup_cluster_new"),
    path("thiet-lap/cum/<id:cluster_id>/", setup_views.cluster, name="setup_cluster"),
    path("thiet-lap/<id:organizer_id>/tai-khoan/", setup_views.accounts_list, name="setup_accounts"),
    path("thiet-lap/<id:organizer_id>/tai-khoan/moi/", setup_views.account_new, name="setup_account_new"),
    path("thiet-lap/<id:organizer_id>/tai-khoan/<id:account_id>/", setup_views.account, name="setup_account"),
    path(
        "thiet-lap/<id:organizer_id>/tai-khoan/<id:account_id>/vai-tro/",
        setup_views.account_role,
        name="setup_account_role",
    ),
    path(
        "thiet-lap/<id:organizer_id>/vai-tro/<id:role_id>/thu-hoi/",
        setup_views.account_revoke,
        name="setup_role_revoke",
    ),
    path(
        "thiet-lap/<id:organizer_id>/tai-khoan/<id:account_id>/mat-khau/",
        setup_views.account_password,
        name="setup_account_password",
    ),
    # The papers' Word templates: the built-in ones, the organizer's own, a preview from its records.
    path("thiet-lap/<id:organizer_id>/mau-giay-to/", paper_template_views.papers, name="setup_papers"),
    path(
        "thiet-lap/<id:organizer_id>/mau-giay-to/<slug:paper>/",
        paper_template_views.paper,
        name="setup_paper",
    ),
    path(
        "thiet-lap/<id:organizer_id>/mau-giay-to/<slug:paper>/mau-goc.docx",
        paper_template_views.paper_default,
        name="setup_paper_default",
    ),
    path(
        "thiet-lap/<id:organizer_id>/mau-giay-to/<slug:paper>/mau-dang-dung.docx",
        paper_template_views.paper_current,
        name="setup_paper_current",
    ),
    path(
        "thiet-lap/<id:organizer_id>/mau-giay-to/<slug:paper>/xem-thu.docx",
        paper_template_views.paper_preview,
        name="setup_paper_preview",
    ),
    path(
        "thiet-lap/<id:organizer_id>/mau-giay-to/<slug:paper>/xem-thu.pdf",
        paper_template_views.paper_preview,
        {"as_pdf": True},
        name="setup_paper_preview_pdf",
    ),
    path(
        "thiet-lap/<id:organizer_id>/mau-giay-to/<slug:paper>/dung-mau-goc/",
        paper_template_views.paper_reset,
        name="setup_paper_reset",
    ),
]
