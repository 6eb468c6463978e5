<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
  <context>
    <name>ChoiceField</name>
    <message>
      <location filename="plugins/annotator_rating/_qt/widgets.py" />
      <source>Key: %1</source>
      <translation>Touche : %1</translation>
    </message>
  </context>
  <context>
    <name>Plugin</name>
    <message>
      <location filename="plugins/annotator_rating/exporters.py" />
      <source>one JSON line per item: every score, choice, rank, rubric answer, flag and text</source>
      <translation>une ligne JSON par élément : chaque note, choix, rang, réponse de grille, signalement et texte</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/exporters.py" />
      <source>pairwise choices as preference pairs (prompt with the conversation as text, chosen, rejected, margin; TRL's standard format)</source>
      <translation>choix par paires en paires de préférence (requête avec la conversation en texte, choisie, rejetée, marge ; format standard de TRL)</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/exporters.py" />
      <source>the same pairs in TRL's conversational format (lists of messages)</source>
      <translation>les mêmes paires au format conversationnel de TRL (listes de messages)</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/exporters.py" />
      <source>one row per score, rubric answer, rank, flag and pairwise value</source>
      <translation>une ligne par note, réponse de grille, rang, signalement et valeur par paire</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/plugin.py" />
      <source>Prompt rating</source>
      <translation>Évaluation de réponses</translation>
    </message>
  </context>
  <context>
    <name>RatingEditor</name>
    <message numerus="yes">
      <location filename="plugins/annotator_rating/_qt/editor.py" />
      <source>%Ln character(s)</source>
      <translation>
        <numerusform>%Ln caractère</numerusform>
        <numerusform>%Ln caractères</numerusform>
      </translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/editor.py" />
      <source>System</source>
      <translation>Système</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/editor.py" />
      <source>User</source>
      <translation>Utilisateur</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/editor.py" />
      <source>Assistant</source>
      <translation>Assistant</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/editor.py" />
      <source>Tool</source>
      <translation>Outil</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/editor.py" />
      <source>Prompt</source>
      <translation>Requête</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/editor.py" />
      <source>Brief</source>
      <translation>Consigne</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/editor.py" />
      <source>Rating</source>
      <translation>Évaluation</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/editor.py" />
      <source>Next / previous field</source>
      <translation>Champ suivant / précédent</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/editor.py" />
      <source>Choose a score, rank or verdict, or toggle a safety flag, in the focused field</source>
      <translation>Choisir une note, un rang ou un verdict, ou cocher un signalement, dans le champ actif</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/editor.py" />
      <source>Move the choice in the focused field</source>
      <translation>Déplacer le choix dans le champ actif</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/editor.py" />
      <source>Clear the focused field</source>
      <translation>Effacer le champ actif</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/editor.py" />
      <source>Rubric: pass or fail</source>
      <translation>Grille : réussi ou échec</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/editor.py" />
      <source>Pairwise: about the same</source>
      <translation>Comparaison : à peu près égales</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/editor.py" />
      <source>Move the pairwise choice towards response A or B</source>
      <translation>Déplacer la comparaison vers la réponse A ou B</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/editor.py" />
      <source>Reveal blurred sensitive content</source>
      <translation>Afficher le contenu sensible flouté</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/editor.py" />
      <source>Scroll the responses</source>
      <translation>Faire défiler les réponses</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/editor.py" />
      <source>Every score on this item is %1. That can be right; a quick look to check each one is what you meant.</source>
      <translation>Toutes les notes de cet élément valent %1. C’est peut-être juste ; un coup d’œil pour vérifier que chacune est bien celle voulue.</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/editor.py" />
      <source>You spent %1 s on this item; your own usual time is about %2 s. If you read everything you needed, all is well.</source>
      <translation>Vous avez passé %1 s sur cet élément ; votre temps habituel est d’environ %2 s. Si vous avez lu tout ce qu’il fallait, tout va bien.</translation>
    </message>
    <message numerus="yes">
      <location filename="plugins/annotator_rating/_qt/editor.py" />
      <source>%n score(s) not given yet.</source>
      <translation>
        <numerusform>%n note pas encore donnée.</numerusform>
        <numerusform>%n notes pas encore données.</numerusform>
      </translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/editor.py" />
      <source>You have not said which response is better.</source>
      <translation>Vous n’avez pas dit quelle réponse est la meilleure.</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/editor.py" />
      <source>Not every response has a rank.</source>
      <translation>Toutes les réponses n’ont pas de rang.</translation>
    </message>
    <message numerus="yes">
      <location filename="plugins/annotator_rating/_qt/editor.py" />
      <source>%n rubric question(s) not answered yet.</source>
      <translation>
        <numerusform>%n question de la grille sans réponse.</numerusform>
        <numerusform>%n questions de la grille sans réponse.</numerusform>
      </translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/editor.py" />
      <source>The reason for "%1" on response %2 needs at least %3 characters (it has %4).</source>
      <translation>La raison pour « %1 » sur la réponse %2 demande au moins %3 caractères (elle en a %4).</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/editor.py" />
      <source>The justification needs at least %1 characters (it has %2).</source>
      <translation>La justification demande au moins %1 caractères (elle en a %2).</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/editor.py" />
      <source>The ideal answer needs at least %1 characters (it has %2).</source>
      <translation>La réponse idéale demande au moins %1 caractères (elle en a %2).</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/editor.py" />
      <source>You have not written a prompt yet.</source>
      <translation>Vous n’avez pas encore écrit de requête.</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/editor.py" />
      <source>A prompt has no verdict yet.</source>
      <translation>Une requête n’a pas encore de verdict.</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/editor.py" />
      <source>A prompt has no answer pasted yet.</source>
      <translation>Une requête n’a pas encore de réponse collée.</translation>
    </message>
  </context>
  <context>
    <name>RatingForm</name>
    <message>
      <location filename="plugins/annotator_rating/_qt/form.py" />
      <source>Response %1</source>
      <translation>Réponse %1</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/form.py" />
      <source>Scroll the responses together</source>
      <translation>Faire défiler les réponses ensemble</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/form.py" />
      <source>PgUp/PgDn scroll the responses while a field has the focus</source>
      <translation>Pg préc./Pg suiv. font défiler les réponses quand un champ a le focus</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/form.py" />
      <source>Justification</source>
      <translation>Justification</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/form.py" />
      <source>Why did you judge the responses this way?</source>
      <translation>Pourquoi avez-vous jugé les réponses ainsi ?</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/form.py" />
      <source>Ideal answer</source>
      <translation>Réponse idéale</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/form.py" />
      <source>Write the answer the assistant should have given.</source>
      <translation>Écrivez la réponse que l’assistant aurait dû donner.</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/form.py" />
      <source>Pass</source>
      <translation>Réussi</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/form.py" />
      <source>Fail</source>
      <translation>Échec</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/form.py" />
      <source>Why? (at least %1 characters)</source>
      <translation>Pourquoi ? (au moins %1 caractères)</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/form.py" />
      <source>Why?</source>
      <translation>Pourquoi ?</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/form.py" />
      <source>best</source>
      <translation>meilleure</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/form.py" />
      <source>worst</source>
      <translation>moins bonne</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/form.py" />
      <source>Rank</source>
      <translation>Rang</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/form.py" />
      <source>1 = best</source>
      <translation>1 = la meilleure</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/form.py" />
      <source> · ties allowed</source>
      <translation> · ex æquo permis</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/form.py" />
      <source>Safety flags (keys 1-%1)</source>
      <translation>Signalements de sécurité (touches 1-%1)</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/form.py" />
      <source>better</source>
      <translation>meilleure</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/form.py" />
      <source>much better</source>
      <translation>bien meilleure</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/form.py" />
      <source>slightly better</source>
      <translation>un peu meilleure</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/form.py" />
      <source>A %1</source>
      <translation>A %1</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/form.py" />
      <source>About the same</source>
      <translation>À peu près égales</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/form.py" />
      <source>B %1</source>
      <translation>B %1</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/form.py" />
      <source>Which is better?</source>
      <translation>Laquelle est la meilleure ?</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/form.py" />
      <source>A/B move the choice towards A or B · digits choose · Backspace clears</source>
      <translation>A/B déplacent le choix vers A ou B · les chiffres choisissent · Retour arrière efface</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/form.py" />
      <source>Brief</source>
      <translation>Consigne</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/form.py" />
      <source>Add another prompt</source>
      <translation>Ajouter une autre requête</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/form.py" />
      <source>Write a prompt, run it on the model you were given, paste the answer, then give your verdict (digit keys).</source>
      <translation>Écrivez une requête, soumettez-la au modèle indiqué, collez la réponse, puis donnez votre verdict (touches chiffres).</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/form.py" />
      <source>Prompt %1</source>
      <translation>Requête %1</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/form.py" />
      <source>Remove</source>
      <translation>Retirer</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/form.py" />
      <source>The prompt you wrote</source>
      <translation>La requête que vous avez écrite</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/form.py" />
      <source>Paste or type the answer you obtained</source>
      <translation>Collez ou tapez la réponse obtenue</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/form.py" />
      <source>Verdict</source>
      <translation>Verdict</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/form.py" />
      <source>%1 characters, at least %2</source>
      <translation>%1 caractères, au moins %2</translation>
    </message>
    <message numerus="yes">
      <location filename="plugins/annotator_rating/_qt/form.py" />
      <source>%Ln character(s)</source>
      <translation>
        <numerusform>%Ln caractère</numerusform>
        <numerusform>%Ln caractères</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>RatingPlugin</name>
    <message>
      <location filename="plugins/annotator_rating/plugin.py" />
      <source>scores: %1</source>
      <translation>notes : %1</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/plugin.py" />
      <source>%1 better</source>
      <translation>%1 meilleure</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/plugin.py" />
      <source>tie</source>
      <translation>égalité</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/plugin.py" />
      <source>ranked</source>
      <translation>classées</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/plugin.py" />
      <source>flags: %1</source>
      <translation>signalements : %1</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/plugin.py" />
      <source>prompts: %1</source>
      <translation>requêtes : %1</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/plugin.py" />
      <source>started</source>
      <translation>commencé</translation>
    </message>
  </context>
  <context>
    <name>SafeDocument</name>
    <message>
      <location filename="plugins/annotator_rating/_qt/widgets.py" />
      <source>[image not shown]</source>
      <translation>[image non affichée]</translation>
    </message>
  </context>
  <context>
    <name>Veiled</name>
    <message>
      <location filename="plugins/annotator_rating/_qt/widgets.py" />
      <source>Sensitive content, hidden until you choose to see it.</source>
      <translation>Contenu sensible, masqué jusqu’à ce que vous choisissiez de le voir.</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/widgets.py" />
      <source>Reveal (R)</source>
      <translation>Afficher (R)</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/_qt/widgets.py" />
      <source>You may also skip this item; that is never held against you.</source>
      <translation>Vous pouvez aussi passer cet élément ; cela ne vous sera jamais reproché.</translation>
    </message>
  </context>
</TS>
