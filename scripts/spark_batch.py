"""Entry point for spark-submit: `spyglass batch ARGS... --engine spark`, the master coming from
spark-submit (see README, "Running on a cluster")."""

import sys

from spyglass.cli import main

if __name__ == "__main__":
    sys.exit(main(["batch", *sys.argv[1:], "--engine", "spark"]))
