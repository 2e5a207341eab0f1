"""The mid-year review (sơ kết 6 tháng đầu năm): an optional meeting of the cluster halfway through its year,
recorded with its results so far and the tasks for the rest of the year."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.emulation.models.year import ClusterYear


class MidYearReview(models.Model):
    cluster_year = models.OneToOneField(
        ClusterYear, on_delete=models.CASCADE, related_name="mid_year", verbose_name=_("emulation year")
    )
    date = models.DateField(_("meeting date"))
    place = models.CharField(_("venue"), max_length=255, blank=True)
    chair = models.CharField(_("chaired by"), max_length=255, blank=True)
    summary = models.TextField(_("results of the first six months"))
    tasks = models.TextField(_("key tasks for the rest of the year"), blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("mid-year review")
        verbose_name_plural = _("mid-year reviews")

    def __str__(self) -> str:
        return gettext("Mid-year review of %(year)s (%(date)s)") % {
            "year": self.cluster_year,
            "date": f"{self.date:%d/%m/%Y}",
        }
