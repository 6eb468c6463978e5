"""The transcription plugin's Qt view: the editor, its waveform and its player (the only modules that import Qt).

The editing rules are in the Qt-free :mod:`annotator_transcription.document`; this package turns
keys, clicks and playback into its calls and shows its state (ADR 0006).
"""
