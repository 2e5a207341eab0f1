import pytest


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Evidence goes to a throwaway MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
