<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
  <context>
    <name>Banner</name>
    <message>
      <location filename="annotator/ui/widgets.py" />
      <source>Dismiss</source>
      <translation>Fermer</translation>
    </message>
  </context>
  <context>
    <name>BundleDialog</name>
    <message>
      <location filename="annotator/ui/bundle_dialog.py" />
      <source>Send results to the lab</source>
      <translation>Envoyer les résultats au laboratoire</translation>
    </message>
    <message>
      <location filename="annotator/ui/bundle_dialog.py" />
      <source>A results bundle holds your annotations of “%1” for %2, signed with this computer's key so the lab can check nothing was changed. You choose what timing goes with it.</source>
      <translation>Un paquet de résultats contient vos annotations de « %1 » pour %2, signé avec la clé de cet ordinateur pour que le laboratoire puisse vérifier que rien n’a été modifié. Vous choisissez le temps qui l’accompagne.</translation>
    </message>
    <message>
      <location filename="annotator/ui/bundle_dialog.py" />
      <source>a name of your choice, never an account id</source>
      <translation>un nom de votre choix, jamais un identifiant de compte</translation>
    </message>
    <message>
      <location filename="annotator/ui/bundle_dialog.py" />
      <source>Your pseudonym:</source>
      <translation>Votre pseudonyme :</translation>
    </message>
    <message>
      <location filename="annotator/ui/bundle_dialog.py" />
      <source>Work seconds per item</source>
      <translation>Secondes de travail par élément</translation>
    </message>
    <message>
      <location filename="annotator/ui/bundle_dialog.py" />
      <source>Time on this pack per category (instructions, training, work, …)</source>
      <translation>Temps passé sur ce lot par catégorie (consignes, formation, travail, …)</translation>
    </message>
    <message>
      <location filename="annotator/ui/bundle_dialog.py" />
      <source>Dates and times of each interval (off unless you want it)</source>
      <translation>Dates et heures de chaque intervalle (désactivé sauf si vous le voulez)</translation>
    </message>
    <message>
      <location filename="annotator/ui/bundle_dialog.py" />
      <source>Share:</source>
      <translation>Partager :</translation>
    </message>
    <message>
      <location filename="annotator/ui/bundle_dialog.py" />
      <source>Choose…</source>
      <translation>Choisir…</translation>
    </message>
    <message>
      <location filename="annotator/ui/bundle_dialog.py" />
      <source>Write to:</source>
      <translation>Écrire dans :</translation>
    </message>
    <message>
      <location filename="annotator/ui/bundle_dialog.py" />
      <source>The bundle will contain exactly this:</source>
      <translation>Le paquet contiendra exactement ceci :</translation>
    </message>
    <message>
      <location filename="annotator/ui/bundle_dialog.py" />
      <source>Write the bundle</source>
      <translation>Écrire le paquet</translation>
    </message>
    <message>
      <location filename="annotator/ui/bundle_dialog.py" />
      <source>Pack: %1 (%2 %3)</source>
      <translation>Lot : %1 (%2 %3)</translation>
    </message>
    <message>
      <location filename="annotator/ui/bundle_dialog.py" />
      <source>Your pseudonym: %1</source>
      <translation>Votre pseudonyme : %1</translation>
    </message>
    <message>
      <location filename="annotator/ui/bundle_dialog.py" />
      <source>%1 with their state, skip reason or flag note, and your annotation: %2</source>
      <translation>%1 avec leur état, la raison d’un passage ou la note d’un signalement, et votre annotation : %2</translation>
    </message>
    <message numerus="yes">
      <location filename="annotator/ui/bundle_dialog.py" />
      <source>%n item(s)</source>
      <translation>
        <numerusform>%n élément</numerusform>
        <numerusform>%n éléments</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="annotator/ui/bundle_dialog.py" />
      <source>%n submitted</source>
      <translation>
        <numerusform>%n soumis</numerusform>
        <numerusform>%n soumis</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="annotator/ui/bundle_dialog.py" />
      <source>%n skipped</source>
      <translation>
        <numerusform>%n passé</numerusform>
        <numerusform>%n passés</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="annotator/ui/bundle_dialog.py" />
      <source>%n flagged</source>
      <translation>
        <numerusform>%n signalé</numerusform>
        <numerusform>%n signalés</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="annotator/ui/bundle_dialog.py" />
      <source>%n not done</source>
      <translation>
        <numerusform>%n non fait</numerusform>
        <numerusform>%n non faits</numerusform>
      </translation>
    </message>
    <message>
      <location filename="annotator/ui/bundle_dialog.py" />
      <source>Work seconds per item: %1, %2 min in all</source>
      <translation>Secondes de travail par élément : %1, %2 min en tout</translation>
    </message>
    <message>
      <location filename="annotator/ui/bundle_dialog.py" />
      <source>Time on this pack: instructions %1 min, training %2 min, work %3 min, review %4 min, waiting %5 min</source>
      <translation>Temps sur ce lot : consignes %1 min, formation %2 min, travail %3 min, relecture %4 min, attente %5 min</translation>
    </message>
    <message numerus="yes">
      <location filename="annotator/ui/bundle_dialog.py" />
      <source>Dates and times of %n interval(s)</source>
      <translation>
        <numerusform>Dates et heures de %n intervalle</numerusform>
        <numerusform>Dates et heures de %n intervalles</numerusform>
      </translation>
    </message>
    <message>
      <location filename="annotator/ui/bundle_dialog.py" />
      <source>No dates or times of day.</source>
      <translation>Aucune date ni heure du jour.</translation>
    </message>
    <message>
      <location filename="annotator/ui/bundle_dialog.py" />
      <source>Never: breaks, away time, other packs, your settings, this computer's name or folders.</source>
      <translation>Jamais : les pauses, le temps d’absence, les autres lots, vos réglages, le nom ou les dossiers de cet ordinateur.</translation>
    </message>
    <message>
      <location filename="annotator/ui/bundle_dialog.py" />
      <source>Write the bundle to</source>
      <translation>Écrire le paquet dans</translation>
    </message>
    <message>
      <location filename="annotator/ui/bundle_dialog.py" />
      <source>Results bundles (*.zip)</source>
      <translation>Paquets de résultats (*.zip)</translation>
    </message>
  </context>
  <context>
    <name>ExportDialog</name>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Export results</source>
      <translation>Exporter les résultats</translation>
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Format:</source>
      <translation>Format :</translation>
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Choose…</source>
      <translation>Choisir…</translation>
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Write to:</source>
      <translation>Écrire dans :</translation>
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Also items not submitted yet (each marked with its state)</source>
      <translation>Aussi les éléments pas encore soumis (chacun avec son état)</translation>
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Export to folder</source>
      <translation>Exporter dans le dossier</translation>
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Export to file</source>
      <translation>Exporter dans le fichier</translation>
    </message>
  </context>
  <context>
    <name>InstructionsView</name>
    <message>
      <location filename="annotator/ui/instructions_view.py" />
      <source>Library</source>
      <translation>Bibliothèque</translation>
    </message>
    <message>
      <location filename="annotator/ui/instructions_view.py" />
      <source>Start working</source>
      <translation>Commencer le travail</translation>
    </message>
    <message>
      <location filename="annotator/ui/instructions_view.py" />
      <source>These instructions are not the ones imported with the pack: the file in the library folder was changed since. Ask the lab for the pack again.</source>
      <translation>Ces consignes ne sont pas celles importées avec le lot : le fichier du dossier de la bibliothèque a été modifié depuis. Redemandez le lot au laboratoire.</translation>
    </message>
    <message>
      <location filename="annotator/ui/instructions_view.py" />
      <source>Press F1 at any time to come back to these instructions; Enter or the button above to start.</source>
      <translation>Appuyez sur F1 à tout moment pour revenir à ces consignes ; Entrée ou le bouton ci-dessus pour commencer.</translation>
    </message>
    <message>
      <location filename="annotator/ui/instructions_view.py" />
      <source>Instructions from %1</source>
      <translation>Consignes de %1</translation>
    </message>
    <message>
      <location filename="annotator/ui/instructions_view.py" />
      <source>Back to the task</source>
      <translation>Retour à la tâche</translation>
    </message>
    <message>
      <location filename="annotator/ui/instructions_view.py" />
      <source>The instructions cannot be read: %1</source>
      <translation>Les consignes ne peuvent pas être lues : %1</translation>
    </message>
  </context>
  <context>
    <name>LibraryView</name>
    <message>
      <location filename="annotator/ui/library_view.py" />
      <source>Library</source>
      <translation>Bibliothèque</translation>
    </message>
    <message>
      <location filename="annotator/ui/library_view.py" />
      <source>Add the demo packs</source>
      <translation>Ajouter les lots de démonstration</translation>
    </message>
    <message>
      <location filename="annotator/ui/library_view.py" />
      <source>Import pack…</source>
      <translation>Importer un lot…</translation>
    </message>
    <message>
      <location filename="annotator/ui/library_view.py" />
      <source>Open</source>
      <translation>Ouvrir</translation>
    </message>
    <message>
      <location filename="annotator/ui/library_view.py" />
      <source>Pack</source>
      <translation>Lot</translation>
    </message>
    <message>
      <location filename="annotator/ui/library_view.py" />
      <source>Lab</source>
      <translation>Laboratoire</translation>
    </message>
    <message>
      <location filename="annotator/ui/library_view.py" />
      <source>Kind</source>
      <translation>Type</translation>
    </message>
    <message>
      <location filename="annotator/ui/library_view.py" />
      <source>Pay per item</source>
      <translation>Paie par élément</translation>
    </message>
    <message>
      <location filename="annotator/ui/library_view.py" />
      <source>Time per item</source>
      <translation>Temps par élément</translation>
    </message>
    <message>
      <location filename="annotator/ui/library_view.py" />
      <source>Implied hourly rate</source>
      <translation>Taux horaire implicite</translation>
    </message>
    <message>
      <location filename="annotator/ui/library_view.py" />
      <source>Content warnings</source>
      <translation>Avertissements de contenu</translation>
    </message>
    <message>
      <location filename="annotator/ui/library_view.py" />
      <source>Progress</source>
      <translation>Avancement</translation>
    </message>
    <message>
      <location filename="annotator/ui/library_view.py" />
      <source>The lab's own estimate of the time an item takes</source>
      <translation>La propre estimation du laboratoire du temps que prend un élément</translation>
    </message>
    <message>
      <location filename="annotator/ui/library_view.py" />
      <source>Pay per item × items per hour at the lab's estimate</source>
      <translation>Paie par élément × éléments par heure selon l’estimation du laboratoire</translation>
    </message>
    <message>
      <location filename="annotator/ui/library_view.py" />
      <source>No pack yet. Import a pack a lab gave you (a folder or a .zip), drop it in your inbox folder, or add the demo packs to try the tool.</source>
      <translation>Aucun lot pour l’instant. Importez un lot fourni par un laboratoire (un dossier ou un .zip), déposez-le dans votre dossier de réception, ou ajoutez les lots de démonstration pour essayer l’outil.</translation>
    </message>
    <message>
      <location filename="annotator/ui/library_view.py" />
      <source>%1 / h</source>
      <translation>%1 / h</translation>
    </message>
    <message>
      <location filename="annotator/ui/library_view.py" />
      <source>Below your reference minimum wage</source>
      <translation>Sous votre salaire minimum de référence</translation>
    </message>
    <message>
      <location filename="annotator/ui/library_view.py" />
      <source>%1 of %2 done</source>
      <translation>%1 sur %2 faits</translation>
    </message>
    <message>
      <location filename="annotator/ui/library_view.py" />
      <source>Inbox folder: %1</source>
      <translation>Dossier de réception : %1</translation>
    </message>
    <message>
      <location filename="annotator/ui/library_view.py" />
      <source>Tip: set an inbox folder in Settings and packs that labs put there appear here by themselves.</source>
      <translation>Astuce : choisissez un dossier de réception dans les Réglages ; les lots que les laboratoires y déposent apparaissent ici d’eux-mêmes.</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>item %1 (%2 of %3)</source>
      <translation>élément %1 (%2 sur %3)</translation>
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Everywhere</source>
      <translation>Partout</translation>
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>&amp;File</source>
      <translation>&amp;Fichier</translation>
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Import pack…</source>
      <translation>Importer un lot…</translation>
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Import a pack</source>
      <translation>Importer un lot</translation>
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Export results…</source>
      <translation>Exporter les résultats…</translation>
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Export results</source>
      <translation>Exporter les résultats</translation>
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Send results to the lab…</source>
      <translation>Envoyer les résultats au laboratoire…</translation>
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Quit</source>
      <translation>Quitter</translation>
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>&amp;Edit</source>
      <translation>&amp;Édition</translation>
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Undo</source>
      <translation>Annuler</translation>
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Redo</source>
      <translation>Rétablir</translation>
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>&amp;View</source>
      <translation>&amp;Affichage</translation>
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Library</source>
      <translation>Bibliothèque</translation>
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Instructions</source>
      <translation>Consignes</translation>
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Settings</source>
      <translation>Réglages</translation>
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>&amp;Help</source>
      <translation>Aid&amp;e</translation>
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Keyboard shortcuts</source>
      <translation>Raccourcis clavier</translation>
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>This list</source>
      <translation>Cette liste</translation>
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>About Annotator</source>
      <translation>À propos d’Annotator</translation>
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>This list (when not typing)</source>
      <translation>Cette liste (hors saisie de texte)</translation>
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>The instructions have not changed since you read them: F1 shows them.</source>
      <translation>Les consignes n’ont pas changé depuis votre lecture : F1 les affiche.</translation>
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Packs (*.zip pack.toml)</source>
      <translation>Lots (*.zip pack.toml)</translation>
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Imported “%1”.</source>
      <translation>« %1 » importé.</translation>
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>“%1” was already in the library.</source>
      <translation>« %1 » était déjà dans la bibliothèque.</translation>
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Demo packs</source>
      <translation>Lots de démonstration</translation>
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Choose a pack to export first.</source>
      <translation>Choisissez d’abord un lot à exporter.</translation>
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Wrote %1 (%2).</source>
      <translation>%1 écrit (%2).</translation>
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Choose a pack first.</source>
      <translation>Choisissez d’abord un lot.</translation>
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Wrote %1: send it to %2.</source>
      <translation>%1 écrit : envoyez-le à %2.</translation>
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>This task</source>
      <translation>Cette tâche</translation>
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Annotator %1

An annotation tool that keeps an honest record of your time. Your data stays on this computer: %2</source>
      <translation>Annotator %1

Un outil d’annotation qui tient un relevé honnête de votre temps. Vos données restent sur cet ordinateur : %2</translation>
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>This session writes no log file.</source>
      <translation>Cette session n’écrit pas de journal.</translation>
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Log file (attach it to a bug report if you wish; it stays on this computer): %1</source>
      <translation>Journal (joignez-le à un rapport de bogue si vous le souhaitez ; il reste sur cet ordinateur) : %1</translation>
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>New pack in your inbox: %1</source>
      <translation>Nouveau lot dans votre dossier de réception : %1</translation>
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>A pack in your inbox could not be imported (%1): %2</source>
      <translation>Un lot de votre dossier de réception n’a pas pu être importé (%1) : %2</translation>
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Something went wrong: %1 (details in the log)</source>
      <translation>Un problème est survenu : %1 (détails dans le journal)</translation>
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Your last change is not saved</source>
      <translation>Votre dernière modification n’est pas enregistrée</translation>
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>The disk does not accept your last change to this item (%1). If you quit now, that change is lost; everything saved before it is kept.

Quit anyway?</source>
      <translation>Le disque n’accepte pas votre dernière modification de cet élément (%1). Si vous quittez maintenant, cette modification est perdue ; tout ce qui a été enregistré avant est conservé.

Quitter quand même ?</translation>
    </message>
  </context>
  <context>
    <name>PackImport</name>
    <message>
      <location filename="annotator/ui/pack_import.py" />
      <source>Importing %1…</source>
      <translation>Import de %1…</translation>
    </message>
    <message>
      <location filename="annotator/ui/pack_import.py" />
      <source>Cancel</source>
      <translation>Annuler</translation>
    </message>
    <message>
      <location filename="annotator/ui/pack_import.py" />
      <source>Import a pack</source>
      <translation>Importer un lot</translation>
    </message>
    <message>
      <location filename="annotator/ui/pack_import.py" />
      <source>Cancelling…</source>
      <translation>Annulation…</translation>
    </message>
    <message>
      <location filename="annotator/ui/pack_import.py" />
      <source>Extracting files</source>
      <translation>Extraction des fichiers</translation>
    </message>
    <message>
      <location filename="annotator/ui/pack_import.py" />
      <source>Copying files</source>
      <translation>Copie des fichiers</translation>
    </message>
    <message>
      <location filename="annotator/ui/pack_import.py" />
      <source>Checking items</source>
      <translation>Vérification des éléments</translation>
    </message>
    <message>
      <location filename="annotator/ui/pack_import.py" />
      <source>Computing the pack's identity</source>
      <translation>Calcul de l’identité du lot</translation>
    </message>
    <message>
      <location filename="annotator/ui/pack_import.py" />
      <source>Adding items to the library</source>
      <translation>Ajout des éléments à la bibliothèque</translation>
    </message>
    <message>
      <location filename="annotator/ui/pack_import.py" />
      <source>Nothing was imported. The pack has these problems:</source>
      <translation>Rien n’a été importé. Le lot a ces problèmes :</translation>
    </message>
    <message>
      <location filename="annotator/ui/pack_import.py" />
      <source>Nothing was imported: %1</source>
      <translation>Rien n’a été importé : %1</translation>
    </message>
    <message>
      <location filename="annotator/ui/pack_import.py" />
      <source>This pack cannot be imported</source>
      <translation>Ce lot ne peut pas être importé</translation>
    </message>
  </context>
  <context>
    <name>Plugin</name>
    <message>
      <location filename="annotator/plugin_api/__init__.py" />
      <source>annotator's own JSON: every item, state and annotation</source>
      <translation>le JSON d’annotator : chaque élément, son état et son annotation</translation>
    </message>
  </context>
  <context>
    <name>ReasonDialog</name>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Skip this item</source>
      <translation>Passer cet élément</translation>
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Why do you skip it?</source>
      <translation>Pourquoi le passez-vous ?</translation>
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>The media cannot be read</source>
      <translation>Le média ne peut pas être lu</translation>
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>I do not want to see this content</source>
      <translation>Je ne veux pas voir ce contenu</translation>
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>The instructions do not say how to do it</source>
      <translation>Les consignes ne disent pas comment faire</translation>
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Other reason (write it below)</source>
      <translation>Autre raison (écrivez-la ci-dessous)</translation>
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Choose a reason</source>
      <translation>Choisissez une raison</translation>
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Details (optional)</source>
      <translation>Précisions (facultatif)</translation>
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Flag this item</source>
      <translation>Signaler cet élément</translation>
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>What is wrong with this item? The lab will see your note.</source>
      <translation>Qu’est-ce qui ne va pas avec cet élément ? Le laboratoire verra votre note.</translation>
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>For example: the image is blank</source>
      <translation>Par exemple : l’image est vide</translation>
    </message>
  </context>
  <context>
    <name>SettingsView</name>
    <message>
      <location filename="annotator/ui/settings_view.py" />
      <source>Settings</source>
      <translation>Réglages</translation>
    </message>
    <message>
      <location filename="annotator/ui/settings_view.py" />
      <source>Back</source>
      <translation>Retour</translation>
    </message>
    <message>
      <location filename="annotator/ui/settings_view.py" />
      <source>System language</source>
      <translation>Langue du système</translation>
    </message>
    <message>
      <location filename="annotator/ui/settings_view.py" />
      <source>The new language is used from the next start.</source>
      <translation>La nouvelle langue sera utilisée au prochain démarrage.</translation>
    </message>
    <message>
      <location filename="annotator/ui/settings_view.py" />
      <source>Language:</source>
      <translation>Langue :</translation>
    </message>
    <message>
      <location filename="annotator/ui/settings_view.py" />
      <source>Same as the system</source>
      <translation>Comme le système</translation>
    </message>
    <message>
      <location filename="annotator/ui/settings_view.py" />
      <source>Light</source>
      <translation>Clair</translation>
    </message>
    <message>
      <location filename="annotator/ui/settings_view.py" />
      <source>Dark</source>
      <translation>Sombre</translation>
    </message>
    <message>
      <location filename="annotator/ui/settings_view.py" />
      <source>Appearance:</source>
      <translation>Apparence :</translation>
    </message>
    <message>
      <location filename="annotator/ui/settings_view.py" />
      <source>Light or dark colours for the window and the editors; applied at once.</source>
      <translation>Couleurs claires ou sombres pour la fenêtre et les éditeurs ; appliquées tout de suite.</translation>
    </message>
    <message>
      <location filename="annotator/ui/settings_view.py" />
      <source>not set</source>
      <translation>non défini</translation>
    </message>
    <message>
      <location filename="annotator/ui/settings_view.py" />
      <source>per hour</source>
      <translation>de l’heure</translation>
    </message>
    <message>
      <location filename="annotator/ui/settings_view.py" />
      <source>Reference minimum wage:</source>
      <translation>Salaire minimum de référence :</translation>
    </message>
    <message>
      <location filename="annotator/ui/settings_view.py" />
      <source>Packs that pay less than this at the lab's own estimate are marked in the library and before you start. Pay in another currency is never converted.</source>
      <translation>Les lots qui paient moins que cela selon la propre estimation du laboratoire sont signalés dans la bibliothèque et avant de commencer. Une paie dans une autre devise n’est jamais convertie.</translation>
    </message>
    <message>
      <location filename="annotator/ui/settings_view.py" />
      <source>no inbox folder</source>
      <translation>pas de dossier de réception</translation>
    </message>
    <message>
      <location filename="annotator/ui/settings_view.py" />
      <source>Choose…</source>
      <translation>Choisir…</translation>
    </message>
    <message>
      <location filename="annotator/ui/settings_view.py" />
      <source>Clear</source>
      <translation>Effacer</translation>
    </message>
    <message>
      <location filename="annotator/ui/settings_view.py" />
      <source>Inbox folder:</source>
      <translation>Dossier de réception :</translation>
    </message>
    <message>
      <location filename="annotator/ui/settings_view.py" />
      <source>Labs can deliver packs through any synced folder: packs (folders or .zip files) put in it are imported and appear in the library.</source>
      <translation>Les laboratoires peuvent livrer des lots par n’importe quel dossier synchronisé : les lots (dossiers ou fichiers .zip) qui y sont déposés sont importés et apparaissent dans la bibliothèque.</translation>
    </message>
    <message>
      <location filename="annotator/ui/settings_view.py" />
      <source>Your data folder:</source>
      <translation>Votre dossier de données :</translation>
    </message>
    <message>
      <location filename="annotator/ui/settings_view.py" />
      <source>Away after, without activity:</source>
      <translation>Absent après, sans activité :</translation>
    </message>
    <message>
      <location filename="annotator/ui/settings_view.py" />
      <source>After this long without input, media or activity in another program, time counts as away, from your last activity. Used from the next start; the rules are in “What is recorded”.</source>
      <translation>Après ce temps sans saisie, sans média ni activité dans un autre programme, le temps compte comme absence, depuis votre dernière activité. Appliqué au prochain démarrage ; les règles sont dans « Ce qui est enregistré ».</translation>
    </message>
    <message>
      <location filename="annotator/ui/settings_view.py" />
      <source>Inbox folder</source>
      <translation>Dossier de réception</translation>
    </message>
  </context>
  <context>
    <name>ShortcutOverlay</name>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Keyboard shortcuts</source>
      <translation>Raccourcis clavier</translation>
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Arrows and Page Down scroll; Esc or a click closes. Single-key shortcuts never fire while you type in a text field.</source>
      <translation>Les flèches et Page suivante font défiler ; Échap ou un clic ferme. Les raccourcis d’une seule touche ne se déclenchent jamais pendant que vous tapez dans un champ de texte.</translation>
    </message>
  </context>
  <context>
    <name>Startup</name>
    <message>
      <location filename="annotator/ui/startup.py" />
      <source>This data folder is already open in another annotator window.</source>
      <translation>Ce dossier de données est déjà ouvert dans une autre fenêtre d’annotator.</translation>
    </message>
    <message>
      <location filename="annotator/ui/startup.py" />
      <source>Only one window at a time can use a data folder, so that no edit is overwritten and no second of work is counted twice.</source>
      <translation>Une seule fenêtre à la fois peut utiliser un dossier de données, pour qu’aucune modification ne soit écrasée et qu’aucune seconde de travail ne soit comptée deux fois.</translation>
    </message>
    <message>
      <location filename="annotator/ui/startup.py" />
      <source>This data folder is in use by an annotator command.</source>
      <translation>Ce dossier de données est utilisé par une commande d’annotator.</translation>
    </message>
    <message>
      <location filename="annotator/ui/startup.py" />
      <source>Wait until it has finished, then try again.</source>
      <translation>Attendez qu’elle se termine, puis réessayez.</translation>
    </message>
    <message>
      <location filename="annotator/ui/startup.py" />
      <source>In use since %1.</source>
      <translation>Utilisé depuis %1.</translation>
    </message>
    <message>
      <location filename="annotator/ui/startup.py" />
      <source>Data folder in use</source>
      <translation>Dossier de données déjà utilisé</translation>
    </message>
    <message>
      <location filename="annotator/ui/startup.py" />
      <source>Show the open window</source>
      <translation>Afficher la fenêtre ouverte</translation>
    </message>
    <message>
      <location filename="annotator/ui/startup.py" />
      <source>Try again</source>
      <translation>Réessayer</translation>
    </message>
    <message>
      <location filename="annotator/ui/startup.py" />
      <source>Close</source>
      <translation>Fermer</translation>
    </message>
    <message>
      <location filename="annotator/ui/startup.py" />
      <source>The open window did not answer. Close it, or end its process, then start annotator again.</source>
      <translation>La fenêtre ouverte n’a pas répondu. Fermez-la, ou arrêtez son processus, puis relancez annotator.</translation>
    </message>
    <message>
      <location filename="annotator/ui/startup.py" />
      <source>imported packs</source>
      <translation>des lots importés</translation>
    </message>
    <message>
      <location filename="annotator/ui/startup.py" />
      <source>the signing key of your timesheet</source>
      <translation>la clé de signature de votre feuille de temps</translation>
    </message>
    <message>
      <location filename="annotator/ui/startup.py" />
      <source>the store's write-ahead log</source>
      <translation>le journal d’écriture de la base</translation>
    </message>
    <message>
      <location filename="annotator/ui/startup.py" />
      <source>backups of the store</source>
      <translation>des sauvegardes de la base</translation>
    </message>
    <message>
      <location filename="annotator/ui/startup.py" />
      <source>The store of your data folder is missing or empty, but the folder still holds: %1.</source>
      <translation>La base de votre dossier de données est absente ou vide, mais le dossier contient encore : %1.</translation>
    </message>
    <message>
      <location filename="annotator/ui/startup.py" />
      <source>annotator did not start over with an empty store, so nothing was lost.</source>
      <translation>annotator n’est pas reparti d’une base vide : rien n’a été perdu.</translation>
    </message>
    <message>
      <location filename="annotator/ui/startup.py" />
      <source>Restore the latest backup, made %1? The file as it is now is kept.</source>
      <translation>Restaurer la dernière sauvegarde, faite le %1 ? Le fichier dans son état actuel est conservé.</translation>
    </message>
    <message>
      <location filename="annotator/ui/startup.py" />
      <source>From a terminal:</source>
      <translation>Depuis un terminal :</translation>
    </message>
    <message>
      <location filename="annotator/ui/startup.py" />
      <source>There is no backup. Put the file back if you can (from your sync tool or your computer's backup), or start over with an empty store on purpose:</source>
      <translation>Il n’y a aucune sauvegarde. Remettez le fichier en place si vous le pouvez (depuis votre outil de synchronisation ou la sauvegarde de votre ordinateur), ou repartez volontairement d’une base vide :</translation>
    </message>
    <message>
      <location filename="annotator/ui/startup.py" />
      <source>The store is missing</source>
      <translation>La base est absente</translation>
    </message>
    <message>
      <location filename="annotator/ui/startup.py" />
      <source>Restore the latest backup</source>
      <translation>Restaurer la dernière sauvegarde</translation>
    </message>
    <message>
      <location filename="annotator/ui/startup.py" />
      <source>Quit</source>
      <translation>Quitter</translation>
    </message>
    <message>
      <location filename="annotator/ui/startup.py" />
      <source>annotator cannot start</source>
      <translation>annotator ne peut pas démarrer</translation>
    </message>
    <message>
      <location filename="annotator/ui/startup.py" />
      <source>annotator cannot open your data folder.</source>
      <translation>annotator ne peut pas ouvrir votre dossier de données.</translation>
    </message>
  </context>
  <context>
    <name>TaskView</name>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>training</source>
      <translation>formation</translation>
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>This item cannot be shown.</source>
      <translation>Cet élément ne peut pas être affiché.</translation>
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>Your other work is saved. You can skip this item; the reason is recorded.</source>
      <translation>Le reste de votre travail est enregistré. Vous pouvez passer cet élément ; la raison est consignée.</translation>
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>Skip as unreadable</source>
      <translation>Passer comme illisible</translation>
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>Try again</source>
      <translation>Réessayer</translation>
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>Every item of this pack is done.</source>
      <translation>Tous les éléments de ce lot sont faits.</translation>
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>Export results…</source>
      <translation>Exporter les résultats…</translation>
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>Send results to the lab…</source>
      <translation>Envoyer les résultats au laboratoire…</translation>
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>Review items</source>
      <translation>Revoir les éléments</translation>
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>Back to the library</source>
      <translation>Retour à la bibliothèque</translation>
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>Items</source>
      <translation>Éléments</translation>
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>Submit</source>
      <translation>Soumettre</translation>
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>Submit the item</source>
      <translation>Soumettre l’élément</translation>
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>Next</source>
      <translation>Suivant</translation>
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>Next item</source>
      <translation>Élément suivant</translation>
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>Previous</source>
      <translation>Précédent</translation>
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>Previous item</source>
      <translation>Élément précédent</translation>
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>Skip…</source>
      <translation>Passer…</translation>
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>Skip the item (with a reason)</source>
      <translation>Passer l’élément (avec une raison)</translation>
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>Flag…</source>
      <translation>Signaler…</translation>
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>Flag the item (with a note)</source>
      <translation>Signaler l’élément (avec une note)</translation>
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>The plugin for %1 packs is not installed.</source>
      <translation>Le module pour les lots de type %1 n’est pas installé.</translation>
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>The task plugin hit an error: %1. Your saved work is safe; you can skip this item.</source>
      <translation>Le module de tâche a rencontré une erreur : %1. Votre travail enregistré est en sécurité ; vous pouvez passer cet élément.</translation>
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>Saved.</source>
      <translation>Enregistré.</translation>
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>Not saved: %1. Your last change is kept on screen and saved as soon as the disk accepts it (tried again every few seconds). Until then this item cannot be left.</source>
      <translation>Non enregistré : %1. Votre dernière modification reste à l’écran et sera enregistrée dès que le disque l’acceptera (nouvel essai toutes les quelques secondes). D’ici là, vous ne pouvez pas quitter cet élément.</translation>
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>This item is not saved yet: it cannot be left until the disk accepts it.</source>
      <translation>Cet élément n’est pas encore enregistré : vous ne pouvez pas le quitter tant que le disque ne l’accepte pas.</translation>
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>The %1 plugin could not create its editor.</source>
      <translation>Le module %1 n’a pas pu créer son éditeur.</translation>
    </message>
    <message numerus="yes">
      <location filename="annotator/ui/task_view.py" />
      <source>%n submitted</source>
      <translation>
        <numerusform>%n soumis</numerusform>
        <numerusform>%n soumis</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="annotator/ui/task_view.py" />
      <source>%n skipped</source>
      <translation>
        <numerusform>%n passé</numerusform>
        <numerusform>%n passés</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="annotator/ui/task_view.py" />
      <source>%n flagged</source>
      <translation>
        <numerusform>%n signalé</numerusform>
        <numerusform>%n signalés</numerusform>
      </translation>
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>Time on this pack: %1</source>
      <translation>Temps sur ce lot : %1</translation>
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>Expected earnings: %1</source>
      <translation>Gains attendus : %1</translation>
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>/h</source>
      <translation>/h</translation>
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>new</source>
      <translation>nouveau</translation>
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>in progress</source>
      <translation>en cours</translation>
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>submitted</source>
      <translation>soumis</translation>
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>skipped</source>
      <translation>passé</translation>
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>flagged</source>
      <translation>signalé</translation>
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>%1 of %2 done</source>
      <translation>%1 sur %2 faits</translation>
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>Item %1 of %2 · %3</source>
      <translation>Élément %1 sur %2 · %3</translation>
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>not saved</source>
      <translation>non enregistré</translation>
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>The task plugin could not check whether this item is empty (%1). Check it yourself.</source>
      <translation>Le module de tâche n’a pas pu vérifier si cet élément est vide (%1). Vérifiez-le vous-même.</translation>
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>You have not annotated anything on this item.</source>
      <translation>Vous n’avez rien annoté sur cet élément.</translation>
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>Submit anyway?</source>
      <translation>Soumettre quand même ?</translation>
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>Submit this item anyway?</source>
      <translation>Soumettre cet élément quand même ?</translation>
    </message>
  </context>
  <context>
    <name>TermsDialog</name>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Before you start</source>
      <translation>Avant de commencer</translation>
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>From %1</source>
      <translation>De %1</translation>
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Pay per item:</source>
      <translation>Paie par élément :</translation>
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Lab's estimate per item:</source>
      <translation>Estimation du laboratoire par élément :</translation>
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Implied hourly rate:</source>
      <translation>Taux horaire implicite :</translation>
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Your reference minimum wage:</source>
      <translation>Votre salaire minimum de référence :</translation>
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Items:</source>
      <translation>Éléments :</translation>
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>%1 (%2 training)</source>
      <translation>%1 (dont %2 de formation)</translation>
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Rejections:</source>
      <translation>Refus :</translation>
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Check these terms:</source>
      <translation>Vérifiez ces conditions :</translation>
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Content warning:</source>
      <translation>Avertissement de contenu :</translation>
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Items in this pack may show this content. You can skip any item that you do not want to see.</source>
      <translation>Les éléments de ce lot peuvent montrer ce contenu. Vous pouvez passer tout élément que vous ne voulez pas voir.</translation>
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Read the instructions</source>
      <translation>Lire les consignes</translation>
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Back to the library</source>
      <translation>Retour à la bibliothèque</translation>
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>The pack states no pay per item.</source>
      <translation>Le lot n’indique aucune paie par élément.</translation>
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>The pack gives no estimate of the time an item takes, so its hourly rate cannot be known before you start.</source>
      <translation>Le lot ne donne aucune estimation du temps que prend un élément : son taux horaire ne peut pas être connu avant de commencer.</translation>
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Reading the instructions is not paid.</source>
      <translation>La lecture des consignes n’est pas payée.</translation>
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Training items are not paid.</source>
      <translation>Les éléments de formation ne sont pas payés.</translation>
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>The pack does not say when work may be rejected or whether rejected work is paid.</source>
      <translation>Le lot ne dit pas quand un travail peut être refusé ni si le travail refusé est payé.</translation>
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Pay is in %1; your reference wage is in %2, so they are not compared.</source>
      <translation>La paie est en %1 ; votre salaire de référence est en %2 : ils ne sont pas comparés.</translation>
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>At the lab's own estimate this pays %1 per hour, under your reference minimum wage of %2.</source>
      <translation>Selon la propre estimation du laboratoire, cela paie %1 de l’heure, sous votre salaire minimum de référence de %2.</translation>
    </message>
  </context>
  <context>
    <name>UnsavedBanner</name>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>Try again now</source>
      <translation>Réessayer maintenant</translation>
    </message>
  </context>
  <context>
    <name>core</name>
    <message>
      <location filename="annotator/core/backup.py" />
      <source>there is no store to back up in {folder}</source>
      <translation>il n’y a aucune base à sauvegarder dans {folder}</translation>
    </message>
    <message>
      <location filename="annotator/core/backup.py" />
      <source>back up the store</source>
      <translation>sauvegarder la base</translation>
    </message>
    <message>
      <location filename="annotator/core/backup.py" />
      <source>the backup of {path} fails SQLite's check ({result}); the store may be damaged: keep a copy of the data folder and restore an earlier backup</source>
      <translation>la sauvegarde de {path} échoue à la vérification de SQLite ({result}) ; la base est peut-être abîmée : gardez une copie du dossier de données et restaurez une sauvegarde plus ancienne</translation>
    </message>
    <message>
      <location filename="annotator/core/backup.py" />
      <source>{path} cannot be opened as a store: {error}</source>
      <translation>{path} ne peut pas être ouvert comme base : {error}</translation>
    </message>
    <message>
      <location filename="annotator/core/backup.py" />
      <source>{path} is not an annotator store (no packs table)</source>
      <translation>{path} n’est pas une base d’annotator (pas de table des lots)</translation>
    </message>
    <message>
      <location filename="annotator/core/backup.py" />
      <source>{path} is not a readable SQLite database ({error})</source>
      <translation>{path} n’est pas une base SQLite lisible ({error})</translation>
    </message>
    <message>
      <location filename="annotator/core/backup.py" />
      <source>{file} is damaged or not a database ({error}); nothing was changed</source>
      <translation>{file} est abîmé ou n’est pas une base de données ({error}) ; rien n’a été modifié</translation>
    </message>
    <message>
      <location filename="annotator/core/backup.py" />
      <source>{file} fails SQLite's integrity check ({result}); nothing was changed</source>
      <translation>{file} échoue à la vérification d’intégrité de SQLite ({result}) ; rien n’a été modifié</translation>
    </message>
    <message>
      <location filename="annotator/core/backup.py" />
      <source>{file} was made by a newer annotator (schema {found}, this one knows up to {known}); install that version to restore it</source>
      <translation>{file} a été fait par un annotator plus récent (schéma {found}, celui-ci connaît jusqu’à {known}) ; installez cette version pour le restaurer</translation>
    </message>
    <message>
      <location filename="annotator/core/errors.py" />
      <source>unknown</source>
      <translation>inconnu</translation>
    </message>
    <message>
      <location filename="annotator/core/errors.py" />
      <source>{amount:.1f} GB</source>
      <translation>{amount:.1f} Go</translation>
    </message>
    <message>
      <location filename="annotator/core/errors.py" />
      <source>{amount:.1f} MB</source>
      <translation>{amount:.1f} Mo</translation>
    </message>
    <message>
      <location filename="annotator/core/errors.py" />
      <source>{amount:.1f} kB</source>
      <translation>{amount:.1f} ko</translation>
    </message>
    <message>
      <location filename="annotator/core/errors.py" />
      <source>{count} bytes</source>
      <translation>{count} octets</translation>
    </message>
    <message>
      <location filename="annotator/core/errors.py" />
      <source>the folder {folder} is read-only; nothing was written</source>
      <translation>le dossier {folder} est en lecture seule ; rien n’a été écrit</translation>
    </message>
    <message>
      <location filename="annotator/core/errors.py" />
      <source>your disk quota is used up</source>
      <translation>votre quota disque est épuisé</translation>
    </message>
    <message>
      <location filename="annotator/core/errors.py" />
      <source>the disk refused the write (full, over quota or failing)</source>
      <translation>le disque a refusé l’écriture (plein, quota dépassé ou défaillant)</translation>
    </message>
    <message>
      <location filename="annotator/core/errors.py" />
      <source>the disk is full</source>
      <translation>le disque est plein</translation>
    </message>
    <message>
      <location filename="annotator/core/errors.py" />
      <source>{cause} in {folder} ({free} free); nothing was half-written: free some space and do it again</source>
      <translation>{cause} dans {folder} ({free} libres) ; rien n’a été écrit à moitié : libérez de la place et recommencez</translation>
    </message>
    <message>
      <location filename="annotator/core/errors.py" />
      <source>cannot {what}: {problem}</source>
      <translation>impossible de {what} : {problem}</translation>
    </message>
    <message>
      <location filename="annotator/core/exports.py" />
      <source>cannot write {path}: {reason}</source>
      <translation>impossible d’écrire {path} : {reason}</translation>
    </message>
    <message>
      <location filename="annotator/core/exports.py" />
      <source>the {kind} plugin failed to export {format}: {reason}</source>
      <translation>le module {kind} n’a pas pu exporter au format {format} : {reason}</translation>
    </message>
    <message>
      <location filename="annotator/core/exports.py" />
      <source>{path} is a folder; the {format} format writes a file</source>
      <translation>{path} est un dossier ; le format {format} écrit un fichier</translation>
    </message>
    <message>
      <location filename="annotator/core/lab/bundle.py" />
      <source>must be a text</source>
      <translation>doit être un texte</translation>
    </message>
    <message>
      <location filename="annotator/core/lab/bundle.py" />
      <source>must be 1 to 64 letters, digits, spaces or . @ + - _, starting with a letter or a digit (choose a name that is not an account id)</source>
      <translation>doit faire de 1 à 64 lettres, chiffres, espaces ou . @ + - _, et commencer par une lettre ou un chiffre (choisissez un nom qui n’est pas un identifiant de compte)</translation>
    </message>
    <message>
      <location filename="annotator/core/lab/bundle.py" />
      <source>must not hold '..' nor start or end with a space</source>
      <translation>ne doit ni contenir « .. » ni commencer ou finir par une espace</translation>
    </message>
    <message>
      <location filename="annotator/core/lab/bundle.py" />
      <source>the pseudonym {problem}</source>
      <translation>le pseudonyme {problem}</translation>
    </message>
    <message>
      <location filename="annotator/core/library.py" />
      <source>{path}: not a pack (expected a folder or a .zip)</source>
      <translation>{path} : ce n’est pas un lot (un dossier ou un .zip est attendu)</translation>
    </message>
    <message>
      <location filename="annotator/core/library.py" />
      <source>pack {id} {version} is already imported with other content ({hash}); the lab must give a changed pack a new version</source>
      <translation>le lot {id} {version} est déjà importé avec un autre contenu ({hash}) ; le laboratoire doit donner une nouvelle version à un lot modifié</translation>
    </message>
    <message>
      <location filename="annotator/core/library.py" />
      <source>import {name}</source>
      <translation>importer {name}</translation>
    </message>
    <message>
      <location filename="annotator/core/lock.py" />
      <source>lock the data folder</source>
      <translation>verrouiller le dossier de données</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/archive.py" />
      <source>cannot be read: {reason}</source>
      <translation>illisible : {reason}</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/archive.py" />
      <source>is a link that leaves the pack</source>
      <translation>est un lien qui sort du lot</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/archive.py" />
      <source>is a link to a folder; links to folders are not allowed</source>
      <translation>est un lien vers un dossier ; les liens vers des dossiers sont interdits</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/archive.py" />
      <source>is a broken link</source>
      <translation>est un lien cassé</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/archive.py" />
      <source>has more than {limit} files; the limit is {limit} (docs/security.md)</source>
      <translation>contient plus de {limit} fichiers ; la limite est de {limit} (docs/security.md)</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/archive.py" />
      <source>is not a regular file (FIFO, device or socket)</source>
      <translation>n’est pas un fichier ordinaire (FIFO, périphérique ou socket)</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/archive.py" />
      <source>has {count} entries; the limit is {limit} (docs/security.md)</source>
      <translation>contient {count} entrées ; la limite est de {limit} (docs/security.md)</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/archive.py" />
      <source>has a directory of {size} bytes; the limit is {limit} (docs/security.md)</source>
      <translation>a un répertoire de {size} octets ; la limite est de {limit} (docs/security.md)</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/archive.py" />
      <source>is not a readable zip archive: {reason}</source>
      <translation>n’est pas une archive zip lisible : {reason}</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/archive.py" />
      <source>has a corrupt directory: {reason}</source>
      <translation>a un répertoire corrompu : {reason}</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/archive.py" />
      <source>has a backslash or NUL character in its name</source>
      <translation>a une barre oblique inverse ou un caractère NUL dans son nom</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/archive.py" />
      <source>has an absolute path</source>
      <translation>a un chemin absolu</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/archive.py" />
      <source>has '..' in its path</source>
      <translation>a « .. » dans son chemin</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/archive.py" />
      <source>is a link; links are not allowed in pack archives</source>
      <translation>est un lien ; les liens sont interdits dans les archives de lot</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/archive.py" />
      <source>is a special file</source>
      <translation>est un fichier spécial</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/archive.py" />
      <source>appears twice in the archive</source>
      <translation>apparaît deux fois dans l’archive</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/archive.py" />
      <source>is encrypted</source>
      <translation>est chiffré</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/archive.py" />
      <source>inflates {ratio:.0f} times (limit {limit:.0f}): refused as a zip bomb</source>
      <translation>se décompresse {ratio:.0f} fois (limite {limit:.0f}) : refusé comme bombe zip</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/archive.py" />
      <source>would unpack to {size} bytes; the limit is {limit}</source>
      <translation>se décompresserait en {size} octets ; la limite est de {limit}</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/archive.py" />
      <source>leaves the pack</source>
      <translation>sort du lot</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/archive.py" />
      <source>inflates to more than its declared size</source>
      <translation>se décompresse au-delà de sa taille déclarée</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/archive.py" />
      <source>unpacks to more than {limit} bytes</source>
      <translation>se décompresse en plus de {limit} octets</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/archive.py" />
      <source>cannot be extracted: {reason}</source>
      <translation>ne peut pas être extrait : {reason}</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/archive.py" />
      <source>{path}: {reason}</source>
      <translation>{path} : {reason}</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/archive.py" />
      <source>{path}: no such file or folder</source>
      <translation>{path} : aucun fichier ni dossier de ce nom</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/instructions.py" />
      <source>missing: a pack must tell the worker what to do</source>
      <translation>absent : un lot doit dire à l’annotateur ce qu’il doit faire</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/instructions.py" />
      <source>is larger than {limit} bytes</source>
      <translation>dépasse {limit} octets</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/instructions.py" />
      <source>is not valid UTF-8</source>
      <translation>n’est pas de l’UTF-8 valide</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/instructions.py" />
      <source>is empty</source>
      <translation>est vide</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/manifest.py" />
      <source>a string</source>
      <translation>un texte</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/manifest.py" />
      <source>a number</source>
      <translation>un nombre</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/manifest.py" />
      <source>an integer</source>
      <translation>un entier</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/manifest.py" />
      <source>true or false</source>
      <translation>true ou false</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/manifest.py" />
      <source>a table</source>
      <translation>une table</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/manifest.py" />
      <source>a list</source>
      <translation>une liste</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/manifest.py" />
      <source>missing 'format' (this tool reads format = 1)</source>
      <translation>« format » absent (cet outil lit format = 1)</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/manifest.py" />
      <source>missing [{name}] table</source>
      <translation>table [{name}] absente</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/manifest.py" />
      <source>[{table}] missing '{name}'</source>
      <translation>[{table}] « {name} » absent</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/manifest.py" />
      <source>unknown key {name!r} (expected {keys})</source>
      <translation>clé inconnue {name!r} (attendu : {keys})</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/manifest.py" />
      <source>[{table}] unknown key {name!r}</source>
      <translation>[{table}] clé inconnue {name!r}</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/manifest.py" />
      <source>[{table}] {key!r} needs a {needed!r}</source>
      <translation>[{table}] {key!r} demande un {needed!r}</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/manifest.py" />
      <source>[{table}] must be a table</source>
      <translation>[{table}] doit être une table</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/manifest.py" />
      <source>{where}{name!r} must be {expected}, not {type}</source>
      <translation>{where}{name!r} doit être {expected}, pas {type}</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/manifest.py" />
      <source>nests tables more than {depth} levels deep; the limit is {depth}</source>
      <translation>imbrique des tables sur plus de {depth} niveaux ; la limite est {depth}</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/manifest.py" />
      <source>[pack] unknown kind {kind!r}; installed plugins: {plugins}</source>
      <translation>[pack] type inconnu {kind!r} ; greffons installés : {plugins}</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/manifest.py" />
      <source>none</source>
      <translation>aucun</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/manifest.py" />
      <source>[pay] {key!r} must be a finite number</source>
      <translation>[pay] {key!r} doit être un nombre fini</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/manifest.py" />
      <source>is {size} bytes; the limit is {limit}</source>
      <translation>fait {size} octets ; la limite est {limit}</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/manifest.py" />
      <source>is not valid TOML: {detail}</source>
      <translation>n’est pas du TOML valide : {detail}</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/manifest.py" />
      <source>is nested too deeply</source>
      <translation>est imbriqué trop profondément</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/problems.py" />
      <source>a boolean</source>
      <translation>un booléen</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/validation.py" />
      <source>missing</source>
      <translation>absent</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/validation.py" />
      <source>line is longer than {limit} bytes</source>
      <translation>ligne de plus de {limit} octets</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/validation.py" />
      <source>is not valid JSON: {detail} (column {column})</source>
      <translation>n’est pas du JSON valide : {detail} (colonne {column})</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/validation.py" />
      <source>must be a JSON object, not {type}</source>
      <translation>doit être un objet JSON, pas {type}</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/validation.py" />
      <source>nests objects and lists more than {depth} levels deep; the limit is {depth}</source>
      <translation>imbrique objets et listes sur plus de {depth} niveaux ; la limite est {depth}</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/validation.py" />
      <source>missing: this folder is not a task pack</source>
      <translation>absent : ce dossier n’est pas un lot de tâches</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/validation.py" />
      <source>warning: {message}</source>
      <translation>avertissement : {message}</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/validation.py" />
      <source>[task] {problem}</source>
      <translation>[task] {problem}</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/validation.py" />
      <source>missing: a pack must list its items</source>
      <translation>absent : un lot doit lister ses éléments</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/validation.py" />
      <source>the {plugin} plugin failed to check this ({error})</source>
      <translation>le greffon {plugin} n’a pas pu vérifier ceci ({error})</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/validation.py" />
      <source>more than {limit} items</source>
      <translation>plus de {limit} éléments</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/validation.py" />
      <source>missing 'id'</source>
      <translation>« id » manquant</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/validation.py" />
      <source>'id' must be a non-empty string or an integer (at most 200 characters)</source>
      <translation>« id » doit être une chaîne non vide ou un entier (200 caractères au plus)</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/validation.py" />
      <source>duplicate item id {id!r} (first on line {line})</source>
      <translation>identifiant d’élément {id!r} en double (d’abord à la ligne {line})</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/validation.py" />
      <source>'training' must be true or false</source>
      <translation>« training » doit valoir true ou false</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/validation.py" />
      <source>missing 'media': {kind} items need a media file</source>
      <translation>« media » manquant : les éléments {kind} ont besoin d’un fichier média</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/validation.py" />
      <source>'media' must be a pack-relative path</source>
      <translation>« media » doit être un chemin relatif au lot</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/validation.py" />
      <source>has no items</source>
      <translation>ne contient aucun élément</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/validation.py" />
      <source>media {media!r} has a backslash or NUL character</source>
      <translation>le média {media!r} contient une barre oblique inverse ou un caractère NUL</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/validation.py" />
      <source>media {media!r} is an absolute path; it must be relative to the pack</source>
      <translation>le média {media!r} est un chemin absolu ; il doit être relatif au lot</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/validation.py" />
      <source>media {media!r} leaves the pack</source>
      <translation>le média {media!r} sort du lot</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/validation.py" />
      <source>media {media!r} is missing from the pack</source>
      <translation>le média {media!r} est absent du lot</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/validation.py" />
      <source>media {media!r} cannot be read: {reason}</source>
      <translation>le média {media!r} ne peut pas être lu : {reason}</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/validation.py" />
      <source>the {plugin} plugin failed to check it ({error})</source>
      <translation>le greffon {plugin} n’a pas pu le vérifier ({error})</translation>
    </message>
    <message>
      <location filename="annotator/core/packs/validation.py" />
      <source>media {media!r}: {problem}</source>
      <translation>média {media!r} : {problem}</translation>
    </message>
    <message>
      <location filename="annotator/core/session.py" />
      <source>no item at position {position} of {count}</source>
      <translation>aucun élément à la position {position} sur {count}</translation>
    </message>
    <message>
      <location filename="annotator/core/session.py" />
      <source>no item {item!r} in {pack}</source>
      <translation>aucun élément {item!r} dans {pack}</translation>
    </message>
    <message>
      <location filename="annotator/core/session.py" />
      <source>item {item!r} is not in {pack}</source>
      <translation>l’élément {item!r} n’est pas dans {pack}</translation>
    </message>
    <message>
      <location filename="annotator/core/session.py" />
      <source>no item is open</source>
      <translation>aucun élément n’est ouvert</translation>
    </message>
    <message>
      <location filename="annotator/core/session.py" />
      <source>a skipped item needs a reason</source>
      <translation>un élément passé demande une raison</translation>
    </message>
    <message>
      <location filename="annotator/core/session.py" />
      <source>a flagged item needs a note saying what is wrong</source>
      <translation>un élément signalé demande une note qui dit ce qui ne va pas</translation>
    </message>
    <message>
      <location filename="annotator/core/store.py" />
      <source>create the data folder</source>
      <translation>créer le dossier de données</translation>
    </message>
    <message>
      <location filename="annotator/core/store.py" />
      <source>cannot create the data folder {folder}: {reason}</source>
      <translation>impossible de créer le dossier de données {folder} : {reason}</translation>
    </message>
    <message>
      <location filename="annotator/core/store.py" />
      <source>open the store</source>
      <translation>ouvrir la base</translation>
    </message>
    <message>
      <location filename="annotator/core/store.py" />
      <source>cannot open the store {path}: {error}</source>
      <translation>impossible d’ouvrir la base {path} : {error}</translation>
    </message>
    <message>
      <location filename="annotator/core/store.py" />
      <source>save</source>
      <translation>enregistrer</translation>
    </message>
    <message>
      <location filename="annotator/core/store.py" />
      <source>no pack #{pk} in the store</source>
      <translation>aucun lot n° {pk} dans la base</translation>
    </message>
    <message>
      <location filename="annotator/core/store.py" />
      <source>no item #{pk} in the store</source>
      <translation>aucun élément n° {pk} dans la base</translation>
    </message>
    <message>
      <location filename="annotator/plugin_api/__init__.py" />
      <source>write {name}</source>
      <translation>écrire {name}</translation>
    </message>
    <message numerus="yes">
      <location filename="annotator/ui/i18n.py" />
      <source>... and %n more problem(s)</source>
      <translation>
        <numerusform>... et %n autre problème</numerusform>
        <numerusform>... et %n autres problèmes</numerusform>
      </translation>
    </message>
  </context>
</TS>
