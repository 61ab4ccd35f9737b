#!/usr/bin/env bash
# One command from a fresh clone: environment, install, then the dashboard on the embedded
# database (data/mentoring.duckdb, or $MENTORING_DB), filled with the shipped programmes.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup_env.sh
# load the shipped programmes into an empty database and create the admin account (its
# one-time password is printed here unless MENTORING_ADMIN_PASSWORD is set)
.venv/bin/python -m mentoring_data init
exec .venv/bin/python -m streamlit run app.py "$@"
