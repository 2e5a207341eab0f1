"""A year's documents download as Word files, generated on request, for those who may see the year."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from docx import Document

from thidua.emulation.papers.render import COUNTED
from thidua.testing.worlds import World, client_for

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.mark.parametrize("name", COUNTED)
def test_each_document_downloads_as_a_word_attachment_naming_the_cluster(world: World, name: str):
    url = reverse("front:document", args=[world.cluster_a.pk, 2021, name])
    response = client_for(world.officer_a).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"].startswith("attachment;")
    assert name in response["Content-Disposition"]
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    tables = " ".join(c.text for t in Document(io.BytesIO(response.content)).tables for c in t._cells)
    assert "Sở Tài chính" in text + tables


def test_an_unknown_document_name_is_not_found(world: World):
    url = reverse("front:document", args=[world.cluster_a.pk, 2021, "mat-khau.docx"])
    assert client_for(world.board).get(url).status_code == 404
