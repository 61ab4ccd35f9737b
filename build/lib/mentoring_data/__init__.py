"""City-to-city mentoring data: programme files, the DuckDB store, and what pages may ask for."""
