"""Exchange files shipped with thidua (a user's clone has no ../shared): the seed cluster's year."""

from pathlib import Path

SCENARIOS = Path(__file__).resolve().parent
SEED = SCENARIOS / "langson-2021-tham-muu-tong-hop.yaml"
