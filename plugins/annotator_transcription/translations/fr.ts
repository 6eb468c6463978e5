<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
  <context>
    <name>Header</name>
    <message>
      <location filename="plugins/annotator_transcription/_qt/controls.py" />
      <source>Playback</source>
      <translation>Lecture</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/controls.py" />
      <source>Playback settings: rewind when resuming, jump length</source>
      <translation>Réglages de lecture : retour en arrière à la reprise, longueur des sauts</translation>
    </message>
  </context>
  <context>
    <name>PlaybackRules</name>
    <message>
      <location filename="plugins/annotator_transcription/_qt/playback_rules.py" />
      <source>Playback is not available: %1. The waveform and the text still work.</source>
      <translation>La lecture n’est pas disponible : %1. La forme d’onde et le texte fonctionnent toujours.</translation>
    </message>
  </context>
  <context>
    <name>PlaybackSettings</name>
    <message>
      <location filename="plugins/annotator_transcription/_qt/controls.py" />
      <source> s</source>
      <translation> s</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/controls.py" />
      <source>Rewind when resuming</source>
      <translation>Reculer à la reprise</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/controls.py" />
      <source>Jump back/forward by</source>
      <translation>Sauts en arrière/en avant de</translation>
    </message>
  </context>
  <context>
    <name>Plugin</name>
    <message>
      <location filename="plugins/annotator_transcription/exporters.py" />
      <source>WebVTT subtitles, one .vtt file per recording (speakers as voice tags)</source>
      <translation>sous-titres WebVTT, un fichier .vtt par enregistrement (locuteurs en balises de voix)</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/exporters.py" />
      <source>SubRip subtitles, one .srt file per recording</source>
      <translation>sous-titres SubRip, un fichier .srt par enregistrement</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/exporters.py" />
      <source>Praat TextGrid, one file per recording, one tier per speaker</source>
      <translation>Praat TextGrid, un fichier par enregistrement, un niveau par locuteur</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/exporters.py" />
      <source>plain text with the start and end time of every segment</source>
      <translation>texte brut avec le début et la fin de chaque segment</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/exporters.py" />
      <source>NeMo manifest (audio_filepath, duration, text; offset per segment), the audio in audio/ beside it</source>
      <translation>manifeste NeMo (audio_filepath, duration, text ; offset par segment), l’audio dans audio/ à côté</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/plugin.py" />
      <source>Audio transcription</source>
      <translation>Transcription audio</translation>
    </message>
  </context>
  <context>
    <name>SegmentActions</name>
    <message>
      <location filename="plugins/annotator_transcription/_qt/segment_actions.py" />
      <source>The playhead is not inside a segment: nothing to split.</source>
      <translation>La tête de lecture n’est dans aucun segment : rien à couper.</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/segment_actions.py" />
      <source>Move the playhead away from the segment's edge to split it.</source>
      <translation>Éloignez la tête de lecture du bord du segment pour le couper.</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/segment_actions.py" />
      <source>This is the last segment: there is nothing after it to merge with.</source>
      <translation>C’est le dernier segment : rien après lui avec quoi fusionner.</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/segment_actions.py" />
      <source>The only segment cannot be deleted; clear its text instead.</source>
      <translation>Le seul segment ne peut pas être supprimé ; effacez plutôt son texte.</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/segment_actions.py" />
      <source>Drag across the waveform to select a stretch first.</source>
      <translation>Faites d’abord glisser la souris sur la forme d’onde pour sélectionner un passage.</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/segment_actions.py" />
      <source>The selection has no free stretch: it lies inside existing segments.</source>
      <translation>La sélection n’a pas de passage libre : elle est à l’intérieur de segments existants.</translation>
    </message>
  </context>
  <context>
    <name>SegmentModel</name>
    <message>
      <location filename="plugins/annotator_transcription/_qt/segment_table.py" />
      <source>Start</source>
      <translation>Début</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/segment_table.py" />
      <source>End</source>
      <translation>Fin</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/segment_table.py" />
      <source>Speaker</source>
      <translation>Locuteur</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/segment_table.py" />
      <source>Text</source>
      <translation>Texte</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/segment_table.py" />
      <source>Changed from the machine transcript</source>
      <translation>Modifié par rapport à la transcription automatique</translation>
    </message>
  </context>
  <context>
    <name>SegmentPanel</name>
    <message>
      <location filename="plugins/annotator_transcription/_qt/segment_panel.py" />
      <source>Speaker</source>
      <translation>Locuteur</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/segment_panel.py" />
      <source>Type what you hear…</source>
      <translation>Tapez ce que vous entendez…</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/segment_panel.py" />
      <source>Segment %1 of %2 · %3 – %4</source>
      <translation>Segment %1 sur %2 · %3 – %4</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/segment_panel.py" />
      <source>No segment</source>
      <translation>Aucun segment</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/segment_panel.py" />
      <source>Comparing with the machine transcript…</source>
      <translation>Comparaison avec la transcription automatique…</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/segment_panel.py" />
      <source>Machine transcript: not changed yet.</source>
      <translation>Transcription automatique : pas encore modifiée.</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/segment_panel.py" />
      <source>Words changed from the machine transcript: %1</source>
      <translation>Mots modifiés par rapport à la transcription automatique : %1</translation>
    </message>
  </context>
  <context>
    <name>TranscriptionEditor</name>
    <message>
      <location filename="plugins/annotator_transcription/_qt/editor.py" />
      <source>Transcription</source>
      <translation>Transcription</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/editor.py" />
      <source>Play or pause (rewinds a little on resume)</source>
      <translation>Lire ou mettre en pause (recule un peu à la reprise)</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/editor.py" />
      <source>Jump back</source>
      <translation>Reculer</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/editor.py" />
      <source>Jump forward</source>
      <translation>Avancer</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/editor.py" />
      <source>Previous segment</source>
      <translation>Segment précédent</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/editor.py" />
      <source>Next segment</source>
      <translation>Segment suivant</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/editor.py" />
      <source>Slower</source>
      <translation>Plus lent</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/editor.py" />
      <source>Faster</source>
      <translation>Plus rapide</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/editor.py" />
      <source>Normal speed</source>
      <translation>Vitesse normale</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/editor.py" />
      <source>Loop the selection, or the current segment</source>
      <translation>Lire en boucle la sélection, ou le segment en cours</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/editor.py" />
      <source>Insert the playhead's time into the text</source>
      <translation>Insérer dans le texte le temps de la tête de lecture</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/editor.py" />
      <source>Split the segment at the playhead (the text after the cursor goes to the new segment)</source>
      <translation>Couper le segment à la tête de lecture (le texte après le curseur va dans le nouveau segment)</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/editor.py" />
      <source>Merge the segment with the next one</source>
      <translation>Fusionner le segment avec le suivant</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/editor.py" />
      <source>Start a selection at the playhead</source>
      <translation>Commencer une sélection à la tête de lecture</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/editor.py" />
      <source>End the selection at the playhead</source>
      <translation>Terminer la sélection à la tête de lecture</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/editor.py" />
      <source>New segment from the selection</source>
      <translation>Nouveau segment à partir de la sélection</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/editor.py" />
      <source>Delete the segment</source>
      <translation>Supprimer le segment</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/editor.py" />
      <source>Speaker of the segment (in the pack's order)</source>
      <translation>Locuteur du segment (dans l’ordre du lot)</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/editor.py" />
      <source>Ctrl+Click</source>
      <translation>Ctrl+Clic</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/editor.py" />
      <source>On a [0:12.3] time in the text: play from there</source>
      <translation>Sur un temps [0:12.3] dans le texte : lire à partir de là</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/editor.py" />
      <source>Drawing the waveform…</source>
      <translation>Tracé de la forme d’onde…</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/editor.py" />
      <source>%1 kHz</source>
      <translation>%1 kHz</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/editor.py" />
      <source>mono</source>
      <translation>mono</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/editor.py" />
      <source>stereo</source>
      <translation>stéréo</translation>
    </message>
    <message numerus="yes">
      <location filename="plugins/annotator_transcription/_qt/editor.py" />
      <source>%n channel(s)</source>
      <translation>
        <numerusform>%n canal</numerusform>
        <numerusform>%n canaux</numerusform>
      </translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/editor.py" />
      <source>The recording is damaged: the waveform stops at %1.</source>
      <translation>L’enregistrement est endommagé : la forme d’onde s’arrête à %1.</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/editor.py" />
      <source>Drawing the waveform… %1%</source>
      <translation>Tracé de la forme d’onde… %1 %</translation>
    </message>
    <message numerus="yes">
      <location filename="plugins/annotator_transcription/_qt/editor.py" />
      <source>%n segment(s) have no text.</source>
      <translation>
        <numerusform>%n segment n’a pas de texte.</numerusform>
        <numerusform>%n segments n’ont pas de texte.</numerusform>
      </translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/editor.py" />
      <source>You have not played the recording: the machine transcript is unchecked.</source>
      <translation>Vous n’avez pas écouté l’enregistrement : la transcription automatique n’est pas vérifiée.</translation>
    </message>
  </context>
  <context>
    <name>TransportBar</name>
    <message>
      <location filename="plugins/annotator_transcription/_qt/controls.py" />
      <source>Jump back</source>
      <translation>Reculer</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/controls.py" />
      <source>Play</source>
      <translation>Lire</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/controls.py" />
      <source>Play or pause</source>
      <translation>Lire ou mettre en pause</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/controls.py" />
      <source>Jump forward</source>
      <translation>Avancer</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/controls.py" />
      <source>Speed</source>
      <translation>Vitesse</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/controls.py" />
      <source>Loop</source>
      <translation>Boucle</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/controls.py" />
      <source>Loop the selection, or the current segment</source>
      <translation>Lire en boucle la sélection, ou le segment en cours</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/controls.py" />
      <source>Auto-advance</source>
      <translation>Avance automatique</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/controls.py" />
      <source>Go on to the next segment when playback passes the end of this one</source>
      <translation>Passer au segment suivant quand la lecture dépasse la fin de celui-ci</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/controls.py" />
      <source>Split</source>
      <translation>Couper</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/controls.py" />
      <source>Split the segment at the playhead</source>
      <translation>Couper le segment à la tête de lecture</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/controls.py" />
      <source>Merge</source>
      <translation>Fusionner</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/controls.py" />
      <source>Merge the segment with the next one</source>
      <translation>Fusionner le segment avec le suivant</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/controls.py" />
      <source>New segment</source>
      <translation>Nouveau segment</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/controls.py" />
      <source>New segment from the selection</source>
      <translation>Nouveau segment à partir de la sélection</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/controls.py" />
      <source>Delete</source>
      <translation>Supprimer</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/controls.py" />
      <source>Delete the segment</source>
      <translation>Supprimer le segment</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/_qt/controls.py" />
      <source>Pause</source>
      <translation>Pause</translation>
    </message>
  </context>
  <context>
    <name>core</name>
    <message>
      <location filename="plugins/annotator_transcription/plugin.py" />
      <source>speakers must be a list of names</source>
      <translation>speakers doit être une liste de noms</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/plugin.py" />
      <source>speakers: a name is listed twice</source>
      <translation>speakers : un nom figure deux fois</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/plugin.py" />
      <source>speakers: at most 50 names</source>
      <translation>speakers : 50 noms au plus</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/plugin.py" />
      <source>speakers: a name is longer than 100 characters</source>
      <translation>speakers : un nom dépasse 100 caractères</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/plugin.py" />
      <source>is not a WAV, FLAC, OGG or MP3 file</source>
      <translation>n’est pas un fichier WAV, FLAC, OGG ou MP3</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/segments.py" />
      <source>'transcript' must be a text or a list of segments</source>
      <translation>« transcript » doit être un texte ou une liste de segments</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/segments.py" />
      <source>{where} must be an object with start, end and text</source>
      <translation>{where} doit être un objet avec start, end et text</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/segments.py" />
      <source>{where}: start and end must be numbers of seconds</source>
      <translation>{where} : start et end doivent être des nombres de secondes</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/segments.py" />
      <source>{where}: needs 0 &lt;= start &lt; end (got {start}, {end})</source>
      <translation>{where} : il faut 0 &lt;= start &lt; end (reçu {start}, {end})</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/segments.py" />
      <source>{where}.text must be a text</source>
      <translation>{where}.text doit être un texte</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/segments.py" />
      <source>{where}.speaker must be one of the pack's speakers ({speakers})</source>
      <translation>{where}.speaker doit être l’un des locuteurs du lot ({speakers})</translation>
    </message>
    <message>
      <location filename="plugins/annotator_transcription/segments.py" />
      <source>'transcript' has more than 10,000 segments</source>
      <translation>« transcript » a plus de 10 000 segments</translation>
    </message>
  </context>
</TS>
