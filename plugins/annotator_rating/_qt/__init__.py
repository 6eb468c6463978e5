"""The rating plugin's Qt view: the editor, its form and widgets (the only modules that import Qt).

The editing rules are in the Qt-free :mod:`annotator_rating.document`; this package turns keys
and clicks into its calls and shows its state (ADR 0006).
"""
