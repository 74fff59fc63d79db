"""The collections day-end job (DESIGN §7): job.py orchestrates runs and chunks, sql.py
holds the set-based SQL of each step, buckets.py the pure rules. docs/collections.md."""

from collection.dayend.job import day_end_run

__all__ = ["day_end_run"]
