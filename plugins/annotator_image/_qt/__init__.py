"""The image editor's Qt view: the editor widget, the canvas and its layers, the side panel.

Everything here is a thin view over the Qt-free modules of the plugin (``document``, ``hits``,
``imageio``); nothing outside this package imports PySide6.
"""
