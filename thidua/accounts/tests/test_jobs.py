"""Background work: a job runs once, says how far it has got, ends with its result or a Vietnamese error
(never a traceback), tells its owner, and shows its page and its file to its owner only. The real queue (the
database backend, which the tests otherwise replace with running tasks at once) is driven by its worker."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks import task

from thidua.accounts import jobs
from thidua.accounts.models import Job, Notification
from thidua.testing.worlds import client_for, make_user

pytestmark = pytest.mark.django_db
calls: list[int] = []


def _count(job: Job, progress: jobs.Progress) -> dict[str, Any]:
    calls.append(job.pk)
    progress.step("Đang đếm")
    return {"message": "Đã đếm xong.", **jobs.keep_file(job, "ket-qua.txt", b"42")}


def _refuse(job: Job, progress: jobs.Progress) -> dict[str, Any]:
    raise jobs.JobRefused("Tệp không còn nữa.")


def _crash(job: Job, progress: jobs.Progress) -> dict[str, Any]:
    raise RuntimeError("secret internals")


@task()
def count_task(job_id: int) -> None:
    jobs.perform(job_id, _count)


@task()
def refuse_task(job_id: int) -> None:
    jobs.perform(job_id, _refuse)


@task()
def crash_task(job_id: int) -> None:
    jobs.perform(job_id, _crash)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    calls.clear()


def test_a_job_runs_once_and_offers_its_file_to_its_owner_only() -> None:
    owner, other = make_user("nguoi-lam"), make_user("nguoi-khac")
    job = jobs.start(count_task, kind="test.count", title="Đếm thử", owner=owner)
    job.refresh_from_db()
    assert job.state == Job.State.DONE and job.result["message"] == "Đã đếm xong."
    # A second delivery of the same task (a worker restarted mid-way) does not run the work again.
    count_task.call(job.pk)
    assert calls == [job.pk]

    page = client_for(owner).get(reverse("jobs:job", args=[job.pk])).content.decode()
    assert "Đã xong" in page and "Đã đếm xong." in page and "Tải về ket-qua.txt" in page
    assert 'http-equiv="refresh"' not in page  # a finished job's page stops reloading
    download = client_for(owner).get(reverse("jobs:file", args=[job.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"42"
    assert 'filename="ket-qua.txt"' in download["Content-Disposition"]
    for url in (reverse("jobs:job", args=[job.pk]), reverse("jobs:file", args=[job.pk])):
        assert client_for(other).get(url).status_code == 404
    assert "Đếm thử" not in client_for(other).get(reverse("jobs:jobs")).content.decode()
    notice = Notification.objects.get(user=owner)
    assert notice.text == "Đã xong: Đếm thử." and notice.url == reverse("jobs:job", args=[job.pk])


def test_a_refused_job_says_why_and_a_crash_hides_its_traceback() -> None:
    owner = make_user("nguoi-lam")
    refused = jobs.start(refuse_task, kind="test.refuse", title="Nhập thử", owner=owner)
    crashed = jobs.start(crash_task, kind="test.crash", title="Lỗi thử", owner=owner)
    client = client_for(owner)
    page = client.get(reverse("jobs:job", args=[refused.pk])).content.decode()
    assert "Không hoàn thành" in page and "Tệp không còn nữa." in page
    page = client.get(reverse("jobs:job", args=[crashed.pk])).content.decode()
    assert "lỗi ngoài dự kiến" in page and "secret internals" not in page
    assert client.get(reverse("jobs:file", args=[refused.pk])).status_code == 404
    assert Notification.objects.filter(user=owner, text__startswith="Đã dừng mà chưa xong").count() == 2


def test_a_running_job_shows_its_step_its_share_and_the_time_left() -> None:
    owner = make_user("nguoi-lam")
    job = Job.objects.create(owner=owner, kind="test.count", title="Nhập danh sách lớn")
    progress = jobs.Progress(job)
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING)
    progress.step("Đang đọc và kiểm tra các dòng")
    progress._written = 0  # as if the last write were long ago
    progress.advance(0.5, 500_000)
    job.refresh_from_db()
    page = client_for(owner).get(reverse("jobs:job", args=[job.pk])).content.decode()
    assert 'http-equiv="refresh"' in page and "Đang đọc và kiểm tra các dòng" in page
    assert 'value="50"' in page and "Đã xử lý 500.000." in page
    assert jobs.time_left(job) is not None and "Còn khoảng" in page


@pytest.mark.django_db(transaction=True)
def test_the_database_queue_hands_the_job_to_its_worker(settings) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    owner = make_user("nguoi-lam")
    job = jobs.start(count_task, kind="test.count", title="Đếm thử", owner=owner, arguments={"n": 1})
    job.refresh_from_db()
    assert job.state == Job.State.QUEUED and calls == []
    # Clicked twice while it waits: the same job, not a second one.
    again = jobs.start(count_task, kind="test.count", title="Đếm thử", owner=owner, arguments={"n": 1})
    assert again.pk == job.pk and Job.objects.count() == 1
    assert (
        "đang chờ máy chủ xử lý" in client_for(owner).get(reverse("jobs:job", args=[job.pk])).content.decode()
    )
    call_command("db_worker", batch=True, interval=0, no_startup_delay=True, verbosity=0)
    job.refresh_from_db()
    assert job.state == Job.State.DONE and calls == [job.pk]


@pytest.mark.django_db(transaction=True)
def test_the_bar_of_work_inside_one_transaction_moves_before_it_commits() -> None:
    from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction

    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time: there the bar waits for the commit")
    job = Job.objects.create(owner=make_user("nguoi-nhap"), kind="test.count", title="Nhập danh sách lớn")
    progress = jobs.Progress(job)
    progress.apart = True
    page = connections.create_connection(DEFAULT_DB_ALIAS)  # what the job's page reads with
    try:
        with transaction.atomic():
            progress.advance(0.25, 250_000)
            with page.cursor() as cursor:
                cursor.execute("SELECT progress, handled FROM accounts_job WHERE id = %s", [job.pk])
                assert cursor.fetchone() == (0.25, 250_000)
    finally:
        page.close()
