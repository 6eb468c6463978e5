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
  <context>
    <name>core</name>
    <message>
      <location filename="plugins/annotator_rating/items.py" />
      <source>unknown field {fields} (rating items have {known})</source>
      <translation>champ inconnu {fields} (les éléments de notation ont {known})</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/items.py" />
      <source>'sensitive' must be true or false</source>
      <translation>« sensitive » doit valoir true ou false</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/items.py" />
      <source>'direction' must be one of {choices}</source>
      <translation>« direction » doit être l’un de {choices}</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/items.py" />
      <source>'note' must be a text</source>
      <translation>« note » doit être un texte</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/items.py" />
      <source>this item has a 'brief' but no 'responses', and the pack's modes do not include prompt_writing</source>
      <translation>cet élément a un « brief » mais pas de « responses », et les modes du lot n’incluent pas prompt_writing</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/items.py" />
      <source>'brief' must be a non-empty text</source>
      <translation>« brief » doit être un texte non vide</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/items.py" />
      <source>'prompt' must be a non-empty text</source>
      <translation>« prompt » doit être un texte non vide</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/items.py" />
      <source>'brief' must be a text</source>
      <translation>« brief » doit être un texte</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/items.py" />
      <source>'responses' must be a non-empty list (the pack's modes {modes} judge them)</source>
      <translation>« responses » doit être une liste non vide (les modes du lot {modes} les jugent)</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/items.py" />
      <source>'responses' has {count} entries; at most {limit}</source>
      <translation>« responses » a {count} entrées ; {limit} au plus</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/items.py" />
      <source>{where}: unknown field {fields}</source>
      <translation>{where} : champ inconnu {fields}</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/items.py" />
      <source>{where}.id must be a short identifier (letters, digits, '.', '_', '-')</source>
      <translation>{where}.id doit être un identifiant court (lettres, chiffres, « . », « _ », « - »)</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/items.py" />
      <source>{where}.id {id!r} is used twice</source>
      <translation>{where}.id {id!r} est utilisé deux fois</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/items.py" />
      <source>{where}.text must be a text</source>
      <translation>{where}.text doit être un texte</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/items.py" />
      <source>{where}.model must be a text</source>
      <translation>{where}.model doit être un texte</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/items.py" />
      <source>{where}.sensitive must be true or false</source>
      <translation>{where}.sensitive doit valoir true ou false</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/items.py" />
      <source>{where}.direction must be one of {choices}</source>
      <translation>{where}.direction doit être l’un de {choices}</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/items.py" />
      <source>pairwise compares exactly two responses; this item has {count} (add the ranking mode for items with more)</source>
      <translation>pairwise compare exactement deux réponses ; cet élément en a {count} (ajoutez le mode ranking pour les éléments qui en ont plus)</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/task.py" />
      <source>{key} must be a non-empty list of tables with id and label</source>
      <translation>{key} doit être une liste non vide de tables avec id et label</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/task.py" />
      <source>{where} must be a table with id and label</source>
      <translation>{where} doit être une table avec id et label</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/task.py" />
      <source>{where}: unknown key {keys}</source>
      <translation>{where} : clé inconnue {keys}</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/task.py" />
      <source>{where}.label must be a non-empty text of at most 200 characters</source>
      <translation>{where}.label doit être un texte non vide de 200 caractères au plus</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/task.py" />
      <source>{where}.description must be a text</source>
      <translation>{where}.description doit être un texte</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/task.py" />
      <source>{key} must be a table (required, min_length, label)</source>
      <translation>{key} doit être une table (required, min_length, label)</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/task.py" />
      <source>{key}: unknown key {keys}</source>
      <translation>{key} : clé inconnue {keys}</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/task.py" />
      <source>{key}.required must be true or false</source>
      <translation>{key}.required doit valoir true ou false</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/task.py" />
      <source>{key}.min_length must be a whole number from 0 to 10000</source>
      <translation>{key}.min_length doit être un nombre entier de 0 à 10000</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/task.py" />
      <source>{key}.label must be a text of at most 200 characters</source>
      <translation>{key}.label doit être un texte de 200 caractères au plus</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/task.py" />
      <source>unknown key {keys} (known: {known})</source>
      <translation>clé inconnue {keys} (connues : {known})</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/task.py" />
      <source>modes must be a non-empty list of {modes}</source>
      <translation>modes doit être une liste non vide parmi {modes}</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/task.py" />
      <source>modes: unknown mode {bad}; modes are {modes}</source>
      <translation>modes : mode inconnu {bad} ; les modes sont {modes}</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/task.py" />
      <source>modes: a mode is listed twice</source>
      <translation>modes : un mode figure deux fois</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/task.py" />
      <source>randomise_order must be true or false</source>
      <translation>randomise_order doit valoir true ou false</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/task.py" />
      <source>criteria must be a non-empty list of tables ([[task.criteria]]: id, label, min, max, anchors)</source>
      <translation>criteria doit être une liste non vide de tables ([[task.criteria]] : id, label, min, max, anchors)</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/task.py" />
      <source>{where} must be a table with id, label, min, max and anchors</source>
      <translation>{where} doit être une table avec id, label, min, max et anchors</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/task.py" />
      <source>{where}: min and max must be whole numbers with 0 &lt;= min &lt; max and at most {points} points (got {lo!r} to {hi!r})</source>
      <translation>{where} : min et max doivent être des nombres entiers avec 0 &lt;= min &lt; max et {points} points au plus (reçu {lo!r} à {hi!r})</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/task.py" />
      <source>{where}.anchors must be a table of score = "text"</source>
      <translation>{where}.anchors doit être une table de note = « texte »</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/task.py" />
      <source>{where}.anchors: {key!r} is not a score from {lo} to {hi}</source>
      <translation>{where}.anchors : {key!r} n’est pas une note de {lo} à {hi}</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/task.py" />
      <source>{where}.anchors.{key} must be a non-empty text of at most 300 characters</source>
      <translation>{where}.anchors.{key} doit être un texte non vide de 300 caractères au plus</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/task.py" />
      <source>pairwise must be a table (levels, ties)</source>
      <translation>pairwise doit être une table (levels, ties)</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/task.py" />
      <source>pairwise: unknown key {keys}</source>
      <translation>pairwise : clé inconnue {keys}</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/task.py" />
      <source>pairwise.levels must be 1, 2 or 3 (how many strengths each side has)</source>
      <translation>pairwise.levels doit valoir 1, 2 ou 3 (le nombre de degrés de chaque côté)</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/task.py" />
      <source>pairwise.ties must be true or false</source>
      <translation>pairwise.ties doit valoir true ou false</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/task.py" />
      <source>ranking must be a table (ties)</source>
      <translation>ranking doit être une table (ties)</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/task.py" />
      <source>ranking: unknown key {keys}</source>
      <translation>ranking : clé inconnue {keys}</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/task.py" />
      <source>ranking.ties must be true or false</source>
      <translation>ranking.ties doit valoir true ou false</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/task.py" />
      <source>rubric must be a non-empty list of tables ([[task.rubric]]: id, label, justification, min_length)</source>
      <translation>rubric doit être une liste non vide de tables ([[task.rubric]] : id, label, justification, min_length)</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/task.py" />
      <source>{where}.id must be a short identifier used once</source>
      <translation>{where}.id doit être un identifiant court, utilisé une seule fois</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/task.py" />
      <source>{where}.label must be a non-empty text of at most 300 characters</source>
      <translation>{where}.label doit être un texte non vide de 300 caractères au plus</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/task.py" />
      <source>{where}.justification must be one of {choices}</source>
      <translation>{where}.justification doit être l’un de {choices}</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/task.py" />
      <source>{where}.min_length must be a whole number from 0 to 5000</source>
      <translation>{where}.min_length doit être un nombre entier de 0 à 5000</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/task.py" />
      <source>prompt_writing must be a table (verdicts, max_attempts)</source>
      <translation>prompt_writing doit être une table (verdicts, max_attempts)</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/task.py" />
      <source>prompt_writing: unknown key {keys}</source>
      <translation>prompt_writing : clé inconnue {keys}</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/task.py" />
      <source>prompt_writing.verdicts: at most 9 verdicts (one digit key each)</source>
      <translation>prompt_writing.verdicts : 9 verdicts au plus (une touche chiffre chacun)</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/task.py" />
      <source>prompt_writing.max_attempts must be a whole number from 1 to 50</source>
      <translation>prompt_writing.max_attempts doit être un nombre entier de 1 à 50</translation>
    </message>
    <message>
      <location filename="plugins/annotator_rating/task.py" />
      <source>flags: at most 9 flags (one digit key each)</source>
      <translation>flags : 9 signalements au plus (une touche chiffre chacun)</translation>
    </message>
  </context>
</TS>
