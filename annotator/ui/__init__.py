"""The Qt interface: turns Qt events into core calls and core results into widgets.

No business rule lives here: navigation, states and terms come from
:mod:`annotator.core`.
"""
