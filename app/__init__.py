"""Joint Ledger (联营账簿)."""

from importlib import metadata
from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def version() -> str:
    try:
        return metadata.version("joint-ledger")
    except metadata.PackageNotFoundError:  # running from a source tree or a bundle without metadata
        import tomllib

        pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
        if pyproject.exists():
            return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
        return "0+unknown"
