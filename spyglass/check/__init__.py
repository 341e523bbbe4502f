"""Checks for the people being targeted: does a message they received resemble a documented approach?"""

from spyglass.check.approach import DISCLAIMER, ApproachReport, FeatureHit, MethodMatch, check_message, find_features

__all__ = ["DISCLAIMER", "ApproachReport", "FeatureHit", "MethodMatch", "check_message", "find_features"]
