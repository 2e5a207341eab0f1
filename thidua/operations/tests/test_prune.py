"""`thidua prune`: finished jobs older than N days go with the files they kept, import files never imported
go once old; waiting or running work, its file, and anything recent stay."""

from __future__ import annotations

import datetime as dt
import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from thidua.accounts import jobs
from thidua.accounts.models import Job
from thidua.testing.worlds import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _job(owner, state: str, days: int, *, file: bool = False, path: str = "") -> Job:
    when = timezone.now() - dt.timedelta(days=days)
    job = Job.objects.create(
        owner=owner, kind="test", title="Việc thử", state=state, arguments={"path": path}
    )
    if file:
        job.result = jobs.keep_file(job, "ket-qua.xlsx", b"PK")
    finished = when if state in (Job.State.DONE, Job.State.FAILED) else None
    Job.objects.filter(pk=job.pk).update(created=when, finished=finished, result=job.result)
    return job


def _upload(name: str, days: int) -> str:
    path = default_storage.save(f"imports/{name}", ContentFile(b"a,b\n"))
    when = (timezone.now() - dt.timedelta(days=days)).timestamp()
    os.utime(default_storage.path(path), (when, when))
    return path


def _prune(*args: str) -> str:
    out = StringIO()
    call_command("prune", *args, stdout=out)
    return out.getvalue()


def test_old_finished_jobs_go_with_their_files_and_the_rest_stays(tmp_path: Path):
    owner = make_user("nguoi-lam")
    old_done = _job(owner, Job.State.DONE, 40, file=True)
    old_failed = _job(owner, Job.State.FAILED, 31)
    recent = _job(owner, Job.State.DONE, 3, file=True)
    running = _job(owner, Job.State.RUNNING, 90, path="imports/dang-ghi.xlsx")
    queued = _job(owner, Job.State.QUEUED, 60)
    kept_old, kept_recent = old_done.result["file"], recent.result["file"]
    abandoned = _upload("bo-quen.xlsx", 45)
    in_use = _upload("dang-ghi.xlsx", 90)
    fresh = _upload("vua-gui.csv", 1)

    said = _prune()

    assert said.strip() == (
        "Đã xóa: 2 việc chạy nền cũ hơn 30 ngày cùng 1 tệp kèm theo, 1 tệp gửi lên không được nhập."
    )
    assert set(Job.objects.values_list("pk", flat=True)) == {recent.pk, running.pk, queued.pk}
    assert not Job.objects.filter(pk__in=[old_done.pk, old_failed.pk]).exists()
    assert not default_storage.exists(kept_old) and not (tmp_path / kept_old).parent.exists()
    assert default_storage.exists(kept_recent)
    assert not default_storage.exists(abandoned)
    assert default_storage.exists(in_use) and default_storage.exists(fresh)

    assert _prune().strip().startswith("Đã xóa: 0 việc chạy nền")


def test_the_age_is_chosen_and_checked():
    owner = make_user("nguoi-lam")
    _job(owner, Job.State.DONE, 8)
    assert "1 việc chạy nền cũ hơn 7 ngày" in _prune("--days", "7")
    with pytest.raises(CommandError, match="--days phải từ 1 trở lên"):
        _prune("--days", "0")
