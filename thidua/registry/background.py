"""A board's batch of certificates (every award of a decision, one per page), made by the task queue's worker
with its progress shown (accounts/jobs.py), not inside a request: a decision of hundreds of awards takes
longer to lay out and turn into PDF than a page may wait."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django_tasks import task

from thidua.accounts import jobs
from thidua.accounts.models import Job
from thidua.documents.pdf import PdfUnavailable, docx_to_pdf, pdf_name
from thidua.registry import rules as scope
from thidua.registry.papers.certificate import certificate_filename, render_certificates


@task()
def certificates(job_id: int) -> None:
    jobs.perform(job_id, _certificates)


def _certificates(job: Job, progress: jobs.Progress) -> dict[str, Any]:
    args = job.arguments
    user = get_user_model().objects.get(pk=job.owner_id)
    # The user's access is checked again: it may have changed since the page started the job.
    decision = scope.visible_decisions(user).select_related("organizer").filter(pk=args["decision"]).first()
    if decision is None:
        raise jobs.JobRefused(_("This decision is no longer one you may see."))
    if not decision.awardees.filter(revocation__isnull=True).exists():
        raise jobs.JobRefused(
            _("Every award of this decision has been revoked: there is no certificate to print.")
        )
    progress.step(_("Laying out the certificates"))
    rendered = render_certificates(decision, site=args.get("site", ""), progress=progress.advance)
    content = rendered.content
    name = certificate_filename(decision)
    if args.get("as_pdf"):
        progress.step(_("Making the PDF"))
        try:
            content, name = docx_to_pdf(content), pdf_name(name)
        except PdfUnavailable as missing:
            raise jobs.JobRefused(str(missing)) from None
    return {
        # The organizer's own template failed: the built-in one made the file, and the board is told why.
        "message": " ".join(
            filter(
                None,
                [_("The certificates of decision {number}.").format(number=decision.number), rendered.notice],
            )
        ),
        **jobs.keep_file(job, name, content),
    }
