"""Batch runs over many documents: one process, or Spark partitions, with the same per-document code."""
