<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
  <context>
    <name>AddTimeDialog</name>
    <message>
      <location filename="annotator/ui/metering/declare_dialog.py" />
      <source>Add time the app could not see</source>
      <translation>Ajouter du temps que l’application n’a pas pu voir</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/declare_dialog.py" />
      <source>Work done elsewhere: on a platform's site, emails with the lab, an entry test. It is kept as declared time, shown beside the measured time, never mixed with it.</source>
      <translation>Travail fait ailleurs : sur le site d’une plateforme, des courriels avec le laboratoire, un test d’entrée. Il est gardé comme temps déclaré, montré à côté du temps mesuré, jamais mélangé avec lui.</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/declare_dialog.py" />
      <source>Start:</source>
      <translation>Début :</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/declare_dialog.py" />
      <source>End:</source>
      <translation>Fin :</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/declare_dialog.py" />
      <source>Duration:</source>
      <translation>Durée :</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/declare_dialog.py" />
      <source>Category:</source>
      <translation>Catégorie :</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/declare_dialog.py" />
      <source>Prolific, Toloka, the lab's name…</source>
      <translation>Prolific, Toloka, le nom du laboratoire…</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/declare_dialog.py" />
      <source>Platform or lab:</source>
      <translation>Plateforme ou laboratoire :</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/declare_dialog.py" />
      <source>(no pack)</source>
      <translation>(aucun lot)</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/declare_dialog.py" />
      <source>For the pack:</source>
      <translation>Pour le lot :</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/declare_dialog.py" />
      <source>What it was (shown in exports)</source>
      <translation>Ce que c’était (montré dans les exports)</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/declare_dialog.py" />
      <source>Note:</source>
      <translation>Note :</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/declare_dialog.py" />
      <source>A link (only its fingerprint is kept)</source>
      <translation>Un lien (seule son empreinte est gardée)</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/declare_dialog.py" />
      <source>File…</source>
      <translation>Fichier…</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/declare_dialog.py" />
      <source>Evidence (optional):</source>
      <translation>Justificatif (facultatif) :</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/declare_dialog.py" />
      <source>Evidence is kept by its SHA-256 fingerprint only: nothing is copied or sent anywhere, and the same file or link proves it later.</source>
      <translation>Le justificatif n’est gardé que par son empreinte SHA-256 : rien n’est copié ni envoyé, et le même fichier ou lien le prouve plus tard.</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/declare_dialog.py" />
      <source>Add time</source>
      <translation>Ajouter le temps</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/declare_dialog.py" />
      <source>Evidence</source>
      <translation>Justificatif</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/declare_dialog.py" />
      <source>File chosen</source>
      <translation>Fichier choisi</translation>
    </message>
  </context>
  <context>
    <name>AwayPrompt</name>
    <message>
      <location filename="annotator/ui/metering/away_prompt.py" />
      <source>Leave it as away</source>
      <translation>Laisser en absence</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/away_prompt.py" />
      <source>Count this time as:</source>
      <translation>Compter ce temps comme :</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/away_prompt.py" />
      <source>Waiting for work</source>
      <translation>Attente de travail</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/away_prompt.py" />
      <source>Break</source>
      <translation>Pause</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/away_prompt.py" />
      <source>Work done off-screen</source>
      <translation>Travail hors écran</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/away_prompt.py" />
      <source>Leave as away</source>
      <translation>Laisser en absence</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/away_prompt.py" />
      <source>Note (optional): a phone call with the lab, a paper form…</source>
      <translation>Note (facultative) : un appel avec le labo, un formulaire papier…</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/away_prompt.py" />
      <source>The measured record is kept; your choice is added as a correction.</source>
      <translation>L’enregistrement mesuré est conservé ; votre choix est ajouté comme correction.</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/away_prompt.py" />
      <source>You were away for %1 (%2–%3).</source>
      <translation>Vous étiez absent·e pendant %1 (%2–%3).</translation>
    </message>
  </context>
  <context>
    <name>BreakQuestion</name>
    <message>
      <location filename="annotator/ui/metering/declare_dialog.py" />
      <source>You are on a break. Is the break over?</source>
      <translation>Vous êtes en pause. La pause est-elle finie ?</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/declare_dialog.py" />
      <source>End the break</source>
      <translation>Finir la pause</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/declare_dialog.py" />
      <source>Still on break</source>
      <translation>Toujours en pause</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/declare_dialog.py" />
      <source>Until you answer, the time stays a break.</source>
      <translation>Tant que vous ne répondez pas, le temps reste une pause.</translation>
    </message>
  </context>
  <context>
    <name>CorrectionDialog</name>
    <message>
      <location filename="annotator/ui/metering/timesheet_dialogs.py" />
      <source>Correct an interval</source>
      <translation>Corriger un intervalle</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_dialogs.py" />
      <source>Count it as:</source>
      <translation>Le compter comme :</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_dialogs.py" />
      <source>Note:</source>
      <translation>Note :</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_dialogs.py" />
      <source>The measured interval is kept; this correction is added beside it.</source>
      <translation>L’intervalle mesuré est conservé ; cette correction est ajoutée à côté.</translation>
    </message>
  </context>
  <context>
    <name>MeterWidget</name>
    <message>
      <location filename="annotator/ui/metering/meter_widget.py" />
      <source>What is recorded</source>
      <translation>Ce qui est enregistré</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/meter_widget.py" />
      <source>Looking for work…</source>
      <translation>En recherche de travail…</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/meter_widget.py" />
      <source>Availability mode: while you watch a platform for tasks outside the app, the time counts as waiting for that platform as long as the computer shows activity. It ends when you switch it off or open a task.</source>
      <translation>Mode disponibilité : pendant que vous surveillez une plateforme hors de l’application, le temps compte comme attente pour cette plateforme tant que l’ordinateur montre de l’activité. Il finit quand vous l’arrêtez ou ouvrez une tâche.</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/meter_widget.py" />
      <source>Add time…</source>
      <translation>Ajouter du temps…</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/meter_widget.py" />
      <source>Declare time the app could not see (kept apart as declared)</source>
      <translation>Déclarer du temps que l’application n’a pas pu voir (gardé à part comme déclaré)</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/meter_widget.py" />
      <source>Break</source>
      <translation>Pause</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/meter_widget.py" />
      <source>Declare a break (Ctrl+Shift+B): its time is counted as break, never as away</source>
      <translation>Déclarer une pause (Ctrl+Maj+B) : son temps compte comme pause, jamais comme absence</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/meter_widget.py" />
      <source>End break</source>
      <translation>Fin de pause</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/meter_widget.py" />
      <source>Looking for work on %1 · stop</source>
      <translation>En recherche de travail sur %1 · arrêter</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/meter_widget.py" />
      <source>not metered</source>
      <translation>non mesuré</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/meter_widget.py" />
      <source>Today: %1</source>
      <translation>Aujourd’hui : %1</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/meter_widget.py" />
      <source>Today, hours:minutes:seconds</source>
      <translation>Aujourd’hui, heures:minutes:secondes</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/meter_widget.py" />
      <source>Click to open the timesheet.</source>
      <translation>Cliquez pour ouvrir la feuille de temps.</translation>
    </message>
  </context>
  <context>
    <name>Metering</name>
    <message>
      <location filename="annotator/ui/metering/common.py" />
      <source>waiting</source>
      <translation>attente</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/common.py" />
      <source>instructions</source>
      <translation>consignes</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/common.py" />
      <source>training</source>
      <translation>formation</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/common.py" />
      <source>work</source>
      <translation>travail</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/common.py" />
      <source>review</source>
      <translation>relecture</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/common.py" />
      <source>admin</source>
      <translation>administratif</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/common.py" />
      <source>break</source>
      <translation>pause</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/common.py" />
      <source>away</source>
      <translation>absence</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/common.py" />
      <source>%1 s</source>
      <translation>%1 s</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/common.py" />
      <source>%1 min</source>
      <translation>%1 min</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/common.py" />
      <source>%1 min %2 s</source>
      <translation>%1 min %2 s</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/common.py" />
      <source>%1 h %2 min</source>
      <translation>%1 h %2 min</translation>
    </message>
  </context>
  <context>
    <name>MeteringUi</name>
    <message>
      <location filename="annotator/ui/metering/__init__.py" />
      <source>Break</source>
      <translation>Pause</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/__init__.py" />
      <source>Start or end a break</source>
      <translation>Commencer ou finir une pause</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/__init__.py" />
      <source>Timesheet</source>
      <translation>Feuille de temps</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/__init__.py" />
      <source>What is recorded</source>
      <translation>Ce qui est enregistré</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/__init__.py" />
      <source>On this computer the system idle time cannot be read (%1): while the app is not in front, time becomes away after the idle threshold.</source>
      <translation>Sur cet ordinateur, le temps d’inactivité du système ne peut pas être lu (%1) : quand l’application n’est pas au premier plan, le temps devient absence après le seuil d’inactivité.</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/__init__.py" />
      <source>Looking for work</source>
      <translation>En recherche de travail</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/__init__.py" />
      <source>Which platform are you watching for tasks? While this is on, the time counts as waiting for it as long as the computer shows activity.</source>
      <translation>Quelle plateforme surveillez-vous pour des tâches ? Tant que ce mode est actif, le temps compte comme attente pour elle, tant que l’ordinateur montre de l’activité.</translation>
    </message>
  </context>
  <context>
    <name>PaymentDialog</name>
    <message>
      <location filename="annotator/ui/metering/timesheet_dialogs.py" />
      <source>Record a payment</source>
      <translation>Enregistrer un paiement</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_dialogs.py" />
      <source>Amount:</source>
      <translation>Montant :</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_dialogs.py" />
      <source>Currency:</source>
      <translation>Devise :</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_dialogs.py" />
      <source>Paid on:</source>
      <translation>Payé le :</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_dialogs.py" />
      <source>(no pack)</source>
      <translation>(aucun lot)</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_dialogs.py" />
      <source>For the pack:</source>
      <translation>Pour le lot :</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_dialogs.py" />
      <source>Note:</source>
      <translation>Note :</translation>
    </message>
  </context>
  <context>
    <name>RecordedDialog</name>
    <message>
      <location filename="annotator/ui/metering/recorded.py" />
      <source>What is recorded</source>
      <translation>Ce qui est enregistré</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/recorded.py" />
      <source>The meter is for you, not for surveillance. It records how your time in the app is spent so that you can prove it. Everything stays on this computer; nothing is sent over the network. Data leaves only in an export you make.</source>
      <translation>Le compteur est pour vous, pas pour vous surveiller. Il enregistre comment votre temps dans l’application est passé, pour que vous puissiez le prouver. Tout reste sur cet ordinateur ; rien n’est envoyé sur le réseau. Les données ne sortent que dans un export que vous faites.</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/recorded.py" />
      <source>Recorded</source>
      <translation>Enregistré</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/recorded.py" />
      <source>When the app starts and quits, and a heartbeat every %1 seconds while it runs.</source>
      <translation>Quand l’application démarre et se ferme, et un battement toutes les %1 secondes tant qu’elle tourne.</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/recorded.py" />
      <source>Which view is shown (library, instructions, task, timesheet, settings), with the pack, the item and the phase (work, training, review).</source>
      <translation>Quelle vue est affichée (bibliothèque, consignes, tâche, feuille de temps, réglages), avec le lot, l’élément et la phase (travail, formation, relecture).</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/recorded.py" />
      <source>That you used the keyboard or mouse in the app, at most once a second: never which key, never what you typed.</source>
      <translation>Que vous avez utilisé le clavier ou la souris dans l’application, au plus une fois par seconde : jamais quelle touche, jamais ce que vous avez tapé.</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/recorded.py" />
      <source>Whether the app has the focus, whether media is playing, and your breaks.</source>
      <translation>Si l’application est au premier plan, si un média est en lecture, et vos pauses.</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/recorded.py" />
      <source>While the app is not in front: how many seconds the computer has been idle (a number only, not which program you use).</source>
      <translation>Quand l’application n’est pas au premier plan : depuis combien de secondes l’ordinateur est inactif (un nombre seulement, pas le programme que vous utilisez).</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/recorded.py" />
      <source>Items you submit, skip or flag; payments and rejections you record.</source>
      <translation>Les éléments que vous soumettez, passez ou signalez ; les paiements et refus que vous enregistrez.</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/recorded.py" />
      <source>Never recorded</source>
      <translation>Jamais enregistré</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/recorded.py" />
      <source>What you type, which keys you press, screenshots, the titles of windows or the addresses of web pages, the programs you use.</source>
      <translation>Ce que vous tapez, les touches que vous pressez, des captures d’écran, les titres des fenêtres ou les adresses des pages web, les programmes que vous utilisez.</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/recorded.py" />
      <source>Nothing is sent to the lab, the platform or anyone: there is no network connection.</source>
      <translation>Rien n’est envoyé au labo, à la plateforme ni à personne : il n’y a aucune connexion réseau.</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/recorded.py" />
      <source>How time is counted</source>
      <translation>Comment le temps est compté</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/recorded.py" />
      <source>The view, the task phase and your breaks choose the category.</source>
      <translation>La vue, la phase de la tâche et vos pauses choisissent la catégorie.</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/recorded.py" />
      <source>After a stretch without activity longer than the threshold of the category, the time from your last activity to your next one is away. You can correct it afterwards; the measured record is kept beside your correction.</source>
      <translation>Après une période sans activité plus longue que le seuil de la catégorie, le temps entre votre dernière activité et la suivante est une absence. Vous pouvez le corriger ensuite ; l’enregistrement mesuré est conservé à côté de votre correction.</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/recorded.py" />
      <source>If the computer sleeps or the app stops for more than %1 heartbeats, that time is not counted and shows as a gap.</source>
      <translation>Si l’ordinateur se met en veille ou si l’application s’arrête pendant plus de %1 battements, ce temps n’est pas compté et apparaît comme une interruption.</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/recorded.py" />
      <source>Idle thresholds:</source>
      <translation>Seuils d’inactivité :</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/recorded.py" />
      <source>Your records are kept in %1. They are hash-chained: any later change, removal or reordering can be detected with “annotator timesheet verify”.</source>
      <translation>Vos enregistrements sont conservés dans %1. Ils sont chaînés par hachage : toute modification, suppression ou réorganisation ultérieure peut être détectée avec « annotator timesheet verify ».</translation>
    </message>
  </context>
  <context>
    <name>RejectionDialog</name>
    <message>
      <location filename="annotator/ui/metering/timesheet_dialogs.py" />
      <source>Record a rejection</source>
      <translation>Enregistrer un refus</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_dialogs.py" />
      <source>Pack:</source>
      <translation>Lot :</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_dialogs.py" />
      <source>Item id:</source>
      <translation>Identifiant de l’élément :</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_dialogs.py" />
      <source>Reason the lab gave:</source>
      <translation>Motif donné par le labo :</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_dialogs.py" />
      <source>Still paid for it:</source>
      <translation>Encore payé pour cet élément :</translation>
    </message>
  </context>
  <context>
    <name>TimesheetPdf</name>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Timesheet</source>
      <translation>Feuille de temps</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Chain head %1 (SHA-256 %2…) · signed inside this PDF and in FILE.pdf.sig with the worker's Ed25519 key %3 · page %4</source>
      <translation>Tête de chaîne %1 (SHA-256 %2…) · signé dans ce PDF et dans FICHIER.pdf.sig avec la clé Ed25519 du travailleur %3 · page %4</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Worker: %1</source>
      <translation>Travailleur : %1</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>not named (key %1)</source>
      <translation>non nommé (clé %1)</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Period: %1 to %2%3</source>
      <translation>Période : du %1 au %2%3</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source> (all records)</source>
      <translation> (tous les enregistrements)</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>pack %1</source>
      <translation>lot %1</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Time zone: %1 (UTC%2 when made); every time and day below is in this zone.</source>
      <translation>Fuseau horaire : %1 (UTC%2 à la création) ; toutes les heures et tous les jours ci-dessous sont dans ce fuseau.</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Made %1 by annotator from the worker's own signed records.</source>
      <translation>Établi le %1 par annotator à partir des enregistrements signés du travailleur.</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Labs</source>
      <translation>Laboratoires</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Lab</source>
      <translation>Labo</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Contact</source>
      <translation>Contact</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Packs</source>
      <translation>Lots</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Counted</source>
      <translation>Compté</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Expected earnings</source>
      <translation>Gains attendus</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Time per category</source>
      <translation>Temps par catégorie</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Counted (all but break and away)</source>
      <translation>Compté (tout sauf pause et absence)</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Earnings and wages</source>
      <translation>Gains et salaires</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Items: %1 submitted, %2 skipped, %3 flagged, %4 rejected.</source>
      <translation>Éléments : %1 soumis, %2 passés, %3 signalés, %4 refusés.</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Currency</source>
      <translation>Devise</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Expected</source>
      <translation>Attendu</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Received</source>
      <translation>Reçu</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Outstanding</source>
      <translation>Restant dû</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Effective hourly wage</source>
      <translation>Salaire horaire effectif</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Platform view (work time only)</source>
      <translation>Vue de la plateforme (temps de travail seul)</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Shortfall against the reference wage</source>
      <translation>Manque par rapport au salaire de référence</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Unpaid share of the time: %1. Waiting per hour of work: %2. Instructions per hour of work: %3.</source>
      <translation>Part non payée du temps : %1. Attente par heure de travail : %2. Consignes par heure de travail : %3.</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Per day</source>
      <translation>Par jour</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Total</source>
      <translation>Total</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Day</source>
      <translation>Jour</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>First start</source>
      <translation>Premier début</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Last end</source>
      <translation>Dernière fin</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Measured</source>
      <translation>Mesuré</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Declared</source>
      <translation>Déclaré</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Counted is the sum of the six working categories; measured plus declared is counted. Durations are hours:minutes:seconds; each total is the sum of its rows.</source>
      <translation>Le temps compté est la somme des six catégories de travail ; mesuré plus déclaré donne le compté. Les durées sont en heures:minutes:secondes ; chaque total est la somme de ses lignes.</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Hours per category per day</source>
      <translation>Heures par catégorie et par jour</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Pack</source>
      <translation>Lot</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Version</source>
      <translation>Version</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Pay per item</source>
      <translation>Paiement par élément</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Submitted</source>
      <translation>Soumis</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Time per item</source>
      <translation>Temps par élément</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Lab's estimate</source>
      <translation>Estimation du labo</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Payments received</source>
      <translation>Paiements reçus</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Date</source>
      <translation>Date</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Amount</source>
      <translation>Montant</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Note</source>
      <translation>Note</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>None.</source>
      <translation>Aucune.</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Rejections</source>
      <translation>Rejets</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Item</source>
      <translation>Élément</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Reason</source>
      <translation>Motif</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Still paid</source>
      <translation>Encore payé</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Corrections by the worker</source>
      <translation>Corrections du travailleur</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Record</source>
      <translation>Enregistrement</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Interval</source>
      <translation>Intervalle</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Measured as</source>
      <translation>Mesuré comme</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Counted as</source>
      <translation>Compté comme</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Gaps (not counted: the computer slept, the app was closed by a crash, the clock moved)</source>
      <translation>Trous (non comptés : l’ordinateur était en veille, l’application a planté, l’horloge a bougé)</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Start</source>
      <translation>Début</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>End</source>
      <translation>Fin</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Duration</source>
      <translation>Durée</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Rules used</source>
      <translation>Règles appliquées</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>Rules %1. Idle thresholds: %2.</source>
      <translation>Règles %1. Seuils d’inactivité : %2.</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>How to check this timesheet</source>
      <translation>Comment vérifier cette feuille de temps</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>1. This PDF is signed inside: a PDF reader's signature panel shows whether it was changed since it was made. The signer's certificate is issued by the worker's own key %1, not by a public authority.</source>
      <translation>1. Ce PDF est signé à l’intérieur : le panneau des signatures d’un lecteur PDF montre s’il a été modifié depuis sa création. Le certificat du signataire est émis par la propre clé du travailleur %1, non par une autorité publique.</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>2. Ask the worker for their key fingerprint by another way (in person, by phone) and compare it.</source>
      <translation>2. Demandez au travailleur l’empreinte de sa clé par un autre moyen (en personne, par téléphone) et comparez-la.</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>3. With FILE.pdf.sig beside this file: annotator timesheet verify FILE.pdf --key %1 recomputes every figure from the signed records; without the app, the recipe in docs/metering.md ('Checking an export without the app') checks the signatures with openssl or a few lines of Python.</source>
      <translation>3. Avec FICHIER.pdf.sig à côté de ce fichier : annotator timesheet verify FICHIER.pdf --key %1 recalcule chaque chiffre à partir des enregistrements signés ; sans l’application, la recette de docs/metering.md (« Checking an export without the app ») vérifie les signatures avec openssl ou quelques lignes de Python.</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/pdf.py" />
      <source>4. If the worker gave you a chain-head code earlier, add --head CODE: it proves the records were not rewritten since. This timesheet's chain head is %1.</source>
      <translation>4. Si le travailleur vous a donné plus tôt un code de tête de chaîne, ajoutez --head CODE : il prouve que les enregistrements n’ont pas été réécrits depuis. La tête de chaîne de cette feuille de temps est %1.</translation>
    </message>
  </context>
  <context>
    <name>TimesheetSettings</name>
    <message>
      <location filename="annotator/ui/metering/declare_dialog.py" />
      <source>your Toggl or Clockify account's email</source>
      <translation>l’adresse de votre compte Toggl ou Clockify</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/declare_dialog.py" />
      <source>Email for time trackers:</source>
      <translation>Adresse pour les outils de suivi du temps :</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/declare_dialog.py" />
      <source>optional: the PDF then names only your key</source>
      <translation>facultatif : le PDF ne nomme alors que votre clé</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/declare_dialog.py" />
      <source>Your name or pseudonym on the PDF:</source>
      <translation>Votre nom ou pseudonyme sur le PDF :</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/declare_dialog.py" />
      <source>Used only in the exports you make; nothing is sent anywhere.</source>
      <translation>Utilisé seulement dans les exports que vous faites ; rien n’est envoyé nulle part.</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/declare_dialog.py" />
      <source>This is not an email address; it was not saved.</source>
      <translation>Ce n’est pas une adresse électronique ; elle n’a pas été enregistrée.</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/declare_dialog.py" />
      <source>Saved. Used only in the exports you make; nothing is sent anywhere.</source>
      <translation>Enregistré. Utilisé seulement dans les exports que vous faites ; rien n’est envoyé nulle part.</translation>
    </message>
  </context>
  <context>
    <name>TimesheetView</name>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>Timesheet</source>
      <translation>Feuille de temps</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>Today</source>
      <translation>Aujourd’hui</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>This week</source>
      <translation>Cette semaine</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>This month</source>
      <translation>Ce mois-ci</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>This year</source>
      <translation>Cette année</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>All time</source>
      <translation>Depuis le début</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>What is recorded</source>
      <translation>Ce qui est enregistré</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>Add time…</source>
      <translation>Ajouter du temps…</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>Declare time the app could not see (kept apart as declared)</source>
      <translation>Déclarer du temps que l’application n’a pas pu voir (gardé à part comme déclaré)</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>Export…</source>
      <translation>Exporter…</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>PDF for a person (union, inspector)…</source>
      <translation>PDF pour une personne (syndicat, inspection)…</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>Spreadsheet CSV (LibreOffice, Excel)…</source>
      <translation>CSV pour tableur (LibreOffice, Excel)…</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>Toggl Track CSV…</source>
      <translation>CSV Toggl Track…</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>Clockify CSV…</source>
      <translation>CSV Clockify…</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>Calendar (iCalendar .ics)…</source>
      <translation>Agenda (iCalendar .ics)…</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>JSON with every record…</source>
      <translation>JSON avec tous les enregistrements…</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>Back</source>
      <translation>Retour</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>counted time (all but break and away)</source>
      <translation>temps compté (tout sauf pause et absence)</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>of it declared by you (not measured)</source>
      <translation>dont déclaré par vous (non mesuré)</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>effective hourly wage</source>
      <translation>salaire horaire effectif</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>the platform's view (earnings / work time)</source>
      <translation>le point de vue de la plateforme (gains / temps de travail)</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>unpaid share of your time</source>
      <translation>part non payée de votre temps</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>waiting for each hour of work</source>
      <translation>attente par heure de travail</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>instructions for each hour of work</source>
      <translation>consignes par heure de travail</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>short of your reference minimum wage</source>
      <translation>manque par rapport à votre salaire minimum de référence</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>items submitted · skipped · flagged · rejected</source>
      <translation>éléments soumis · passés · signalés · refusés</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>received per counted hour (payments)</source>
      <translation>reçu par heure comptée (paiements)</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>Hours per category per day</source>
      <translation>Heures par catégorie et par jour</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>Effective hourly wage and your reference</source>
      <translation>Salaire horaire effectif et votre référence</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>Pack</source>
      <translation>Lot</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>Lab</source>
      <translation>Labo</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>Counted</source>
      <translation>Compté</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>Submitted</source>
      <translation>Soumis</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>Real time per item</source>
      <translation>Temps réel par élément</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>Lab's estimate</source>
      <translation>Estimation du labo</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>Expected earnings</source>
      <translation>Gains attendus</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>Effective wage</source>
      <translation>Salaire effectif</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>Correct the selected interval…</source>
      <translation>Corriger l’intervalle choisi…</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>Record a payment…</source>
      <translation>Enregistrer un paiement…</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>Record a rejection…</source>
      <translation>Enregistrer un refus…</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>Start</source>
      <translation>Début</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>End</source>
      <translation>Fin</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>Duration</source>
      <translation>Durée</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>Category</source>
      <translation>Catégorie</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>Item</source>
      <translation>Élément</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>Note</source>
      <translation>Note</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>Source</source>
      <translation>Source</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>(not final yet)</source>
      <translation>(pas encore définitif)</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>(corrected from %1)</source>
      <translation>(corrigé, mesuré : %1)</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>declared</source>
      <translation>déclaré</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>measured</source>
      <translation>mesuré</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>Intervals</source>
      <translation>Intervalles</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>Packs</source>
      <translation>Lots</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>Check integrity</source>
      <translation>Vérifier l’intégrité</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>All packs</source>
      <translation>Tous les lots</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>Computing…</source>
      <translation>Calcul en cours…</translation>
    </message>
    <message numerus="yes">
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>Chain head %1 · %n record(s). Send this code to someone you trust: later changes to older records become provable.</source>
      <translation>
        <numerusform>Tête de chaîne %1 · %n enregistrement. Envoyez ce code à une personne de confiance : toute modification ultérieure d’enregistrements plus anciens devient prouvable.</numerusform>
        <numerusform>Tête de chaîne %1 · %n enregistrements. Envoyez ce code à une personne de confiance : toute modification ultérieure d’enregistrements plus anciens devient prouvable.</numerusform>
      </translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>The timesheet could not be computed: %1</source>
      <translation>La feuille de temps n’a pas pu être calculée : %1</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>measured %1 · declared %2</source>
      <translation>mesuré %1 · déclaré %2</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>/h</source>
      <translation>/h</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>Set your reference minimum wage in the settings.</source>
      <translation>Indiquez votre salaire minimum de référence dans les réglages.</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>hours</source>
      <translation>heures</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>reference %1</source>
      <translation>référence %1</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>per hour</source>
      <translation>par heure</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>Items take longer than the lab says.</source>
      <translation>Les éléments prennent plus de temps que ce qu’annonce le labo.</translation>
    </message>
    <message numerus="yes">
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>%n earlier interval(s) not listed here; the exports have them all.</source>
      <translation>
        <numerusform>%n intervalle plus ancien n’est pas listé ici ; les exports les contiennent tous.</numerusform>
        <numerusform>%n intervalles plus anciens ne sont pas listés ici ; les exports les contiennent tous.</numerusform>
      </translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>Choose an interval in the list first.</source>
      <translation>Choisissez d’abord un intervalle dans la liste.</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>Export the timesheet</source>
      <translation>Exporter la feuille de temps</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>%1 imports time for the account with your email: set it in the settings (Email for time trackers) first.</source>
      <translation>%1 importe le temps du compte ayant votre adresse : indiquez-la d’abord dans les réglages (Adresse pour les outils de suivi du temps).</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>Wrote %1.</source>
      <translation>Écrit : %1.</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>Checking the records…</source>
      <translation>Vérification des enregistrements…</translation>
    </message>
    <message>
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>Integrity problem: %1</source>
      <translation>Problème d’intégrité : %1</translation>
    </message>
    <message numerus="yes">
      <location filename="annotator/ui/metering/timesheet_view.py" />
      <source>Integrity checked: %n record(s), none changed, removed or reordered.</source>
      <translation>
        <numerusform>Intégrité vérifiée : %n enregistrement, aucun modifié, supprimé ou déplacé.</numerusform>
        <numerusform>Intégrité vérifiée : %n enregistrements, aucun modifié, supprimé ou déplacé.</numerusform>
      </translation>
    </message>
  </context>
</TS>
