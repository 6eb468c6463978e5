"""The built-in prompt-rating plugin."""
from annotator_rating.plugin import RatingPlugin

plugin = RatingPlugin()

__all__ = ["plugin", "RatingPlugin"]
