"""Copies queries/ and the app (app.py, pages/, .streamlit/config.toml) into the built package,
so an installed program finds its named queries and `python -m mentoring_data serve` starts the
dashboard from anywhere."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class BuildWithQueriesAndApp(build_py):
    def run(self):
        super().run()
        package = Path(self.build_lib) / "mentoring_data"
        _copy(sorted((HERE / "queries").glob("*.sql")), package / "queries")
        _copy([HERE / "app.py"], package / "app")
        _copy(sorted((HERE / "pages").glob("*.py")), package / "app" / "pages")
        _copy([HERE / ".streamlit" / "config.toml"], package / "app" / ".streamlit")


def _copy(files: list[Path], target: Path) -> None:
    """Copy into a fresh folder: a file removed from the checkout must not linger in a build."""
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True, exist_ok=True)
    for path in files:
        shutil.copy2(path, target / path.name)


setup(cmdclass={"build_py": BuildWithQueriesAndApp})
