"""The signed scans of a proposal's dossier: attach, replace and remove, only while the proposal is the
proposer's to edit (draft or returned for completion). Each checks the file by its content first
(core.uploads, the one checker of uploads), runs in one transaction on the locked proposal, writes its audit
row on the proposal (so the proposal's history shows it) and removes replaced or deleted files from the disk
only once the change is committed.

A scan is the dossier item's proof: attaching one marks the item as received (DossierItem.provided, the fact
the completeness count and the gate of `submit` read); removing an item's last scan unmarks it, since what
was received is gone."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import uploads
from thidua.core.audit import Actor, record
from thidua.core.concurrency import refuse_if_changed
from thidua.registry.models import AwardProposal, DossierItem, DossierScan

ACCEPTED = (".pdf", ".jpg", ".jpeg", ".png")
EDITABLE = (AwardProposal.State.DRAFT, AwardProposal.State.RETURNED)


def max_bytes() -> int:
    return int(settings.DOSSIER_SCAN_MAX_MB) * 1024 * 1024


def check_scan(upload: UploadedFile) -> None:
    uploads.check_upload(upload, accepted=ACCEPTED, max_bytes=max_bytes())


def _editable(proposal: AwardProposal, seen: str | None) -> AwardProposal:
    locked = AwardProposal.objects.select_for_update().get(pk=proposal.pk)
    refuse_if_changed(locked, seen)
    if locked.state not in EDITABLE:
        raise ValidationError(
            _("The proposal is «{state}»: its dossier can no longer be changed.").format(
                state=locked.get_state_display()
            )
        )
    return locked


def _forget_after_commit(name: str) -> None:
    transaction.on_commit(lambda: default_storage.delete(name))


@transaction.atomic
def add_scan(item: DossierItem, upload: UploadedFile, *, by: Actor, seen: str | None = None) -> DossierScan:
    check_scan(upload)
    proposal = _editable(item.proposal, seen)
    assert upload.name is not None and upload.size is not None  # check_scan refused nameless files
    scan = DossierScan.objects.create(
        item=item,
        file=upload,
        original_name=upload.name[:255],
        size=upload.size,
        uploaded_by=by if not isinstance(by, str) else None,  # type: ignore[misc]
        uploaded_at=timezone.now(),
    )
    DossierItem.objects.filter(pk=item.pk).update(provided=True)
    record(
        by, "registry.proposal.scan_add", proposal, item=item.code, name=scan.original_name, size=scan.size
    )
    return scan


@transaction.atomic
def replace_scan(
    scan: DossierScan, upload: UploadedFile, *, by: Actor, seen: str | None = None
) -> DossierScan:
    check_scan(upload)
    proposal = _editable(scan.item.proposal, seen)
    assert upload.name is not None and upload.size is not None
    old_name, old_file = scan.original_name, scan.file.name
    scan.file = upload  # type: ignore[assignment]
    scan.original_name = upload.name[:255]
    scan.size = upload.size
    scan.uploaded_by = by if not isinstance(by, str) else None  # type: ignore[assignment]
    scan.uploaded_at = timezone.now()
    scan.save()
    if old_file:
        _forget_after_commit(old_file)
    record(
        by,
        "registry.proposal.scan_replace",
        proposal,
        item=scan.item.code,
        name=scan.original_name,
        size=scan.size,
        replaced=old_name,
    )
    return scan


@transaction.atomic
def delete_scan(scan: DossierScan, *, by: Actor, seen: str | None = None) -> None:
    proposal = _editable(scan.item.proposal, seen)
    item = scan.item
    name, stored = scan.original_name, scan.file.name
    scan.delete()
    if stored:
        _forget_after_commit(stored)
    if not item.scans.exists():
        DossierItem.objects.filter(pk=item.pk).update(provided=False)
    record(by, "registry.proposal.scan_delete", proposal, item=item.code, name=name)
