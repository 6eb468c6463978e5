"""The built-in audio transcription plugin."""
from annotator_transcription.plugin import TranscriptionPlugin

plugin = TranscriptionPlugin()

__all__ = ["plugin", "TranscriptionPlugin"]
