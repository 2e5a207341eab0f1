"""The API describes itself (openapi.json) and its docs page loads nothing from the internet."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

PATHS = {
    "/api/v1/clusters",
    "/api/v1/clusters/{cluster_id}/years",
    "/api/v1/clusters/{cluster_id}/years/{year}/results",
    "/api/v1/clusters/{cluster_id}/export",
    "/api/v1/exchange",
    "/api/v1/registry/awards",
    "/api/v1/eligibility",
    "/api/v1/imports/{kind}",
    "/api/v1/public/organizers",
    "/api/v1/public/organizers/{organizer_id}/awards",
    "/api/v1/public/awards/{code}",
    "/api/v1/public/organizers/{organizer_id}/results/{year}",
    "/api/v1/public/organizers/{organizer_id}/models",
    "/api/v1/public/models/{token}",
}


def test_openapi_json_lists_every_endpoint_and_the_bearer_scheme():
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == PATHS
    schemes = schema["components"]["securitySchemes"]
    assert {"type": "http", "scheme": "bearer"} in schemes.values()
    assert "application/yaml" in schema["paths"]["/api/v1/exchange"]["post"]["requestBody"]["content"]
    # The importer's door says its refusals: a file too large, and every problem of a bad file.
    imports = schema["paths"]["/api/v1/imports/{kind}"]["post"]
    assert {"200", "201", "404", "413", "422"} <= set(imports["responses"])
    assert "multipart/form-data" in imports["requestBody"]["content"]


def test_the_docs_page_uses_only_local_assets_under_the_csp():
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets and all(url.startswith("/static/ninja/") for url in assets)
    # No inline script: the only <script> without src is the JSON settings block, which is not executed.
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert inline == [' type="application/json" id="swagger-settings"']
    assert '"validatorUrl": null' in html
    for url in assets:
        assert Client().get(url).status_code == 200, url
