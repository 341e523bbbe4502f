"""Score the pipeline against gold files; the same code serves the CI gate and the full report."""
