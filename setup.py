"""Copies queries/ into the built package, so an installed program finds its named queries."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class BuildWithQueries(build_py):
    def run(self):
        super().run()
        target = Path(self.build_lib) / "mentoring_data" / "queries"
        target.mkdir(parents=True, exist_ok=True)
        for query in sorted((HERE / "queries").glob("*.sql")):
            shutil.copy2(query, target / query.name)


setup(cmdclass={"build_py": BuildWithQueries})
