"""The built-in image annotation plugin (boxes, polygons, points, tags)."""
from annotator_image.plugin import ImagePlugin

plugin = ImagePlugin()

__all__ = ["plugin", "ImagePlugin"]
