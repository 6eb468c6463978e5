<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
  <context>
    <name>ImageEditor</name>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>Select</source>
      <translation>Sélection</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>Box</source>
      <translation>Rectangle</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>Polygon</source>
      <translation>Polygone</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>Point</source>
      <translation>Point</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>Fit</source>
      <translation>Ajuster</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>Image: tools</source>
      <translation>Image : outils</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>Image: editing</source>
      <translation>Image : édition</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>Image: view</source>
      <translation>Image : affichage</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>Select and edit shapes</source>
      <translation>Sélectionner et modifier les formes</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>Draw boxes (drag)</source>
      <translation>Dessiner des rectangles (glisser)</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>Draw polygons (click points; Enter, double-click or the first point closes)</source>
      <translation>Dessiner des polygones (cliquer les points ; Entrée, double-clic ou le premier point ferme)</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>Place points</source>
      <translation>Placer des points</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>Choose the label (with Select: relabel the selected shape)</source>
      <translation>Choisir l’étiquette (en Sélection : ré-étiqueter la forme sélectionnée)</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>Go to the image tags (Space ticks, Esc returns)</source>
      <translation>Aller aux tags de l’image (Espace coche, Échap revient)</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>Cancel the drawing, deselect, then back to Select</source>
      <translation>Annuler le dessin, désélectionner, puis revenir à Sélection</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>Select the next / previous shape</source>
      <translation>Sélectionner la forme suivante / précédente</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>Move the selected shape or vertex (Shift: 10×); pan otherwise</source>
      <translation>Déplacer la forme ou le sommet sélectionné (Maj : 10×) ; sinon, faire défiler</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>Arrows</source>
      <translation>Flèches</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>Select the previous / next vertex or corner (resize with the arrows)</source>
      <translation>Sélectionner le sommet ou coin précédent / suivant (redimensionner avec les flèches)</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>Insert a vertex after the selected one (or double-click an edge)</source>
      <translation>Insérer un sommet après celui sélectionné (ou double-cliquer sur un bord)</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>Delete the selected vertex, else the selected shape</source>
      <translation>Supprimer le sommet sélectionné, sinon la forme sélectionnée</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>Delete</source>
      <translation>Suppr</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>Remove the last point of the polygon being drawn</source>
      <translation>Retirer le dernier point du polygone en cours</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>Close the polygon being drawn</source>
      <translation>Fermer le polygone en cours</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>Duplicate the selected shape</source>
      <translation>Dupliquer la forme sélectionnée</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>Copy the previous item's shapes</source>
      <translation>Copier les formes de l’élément précédent</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>Go to the shapes list (arrows choose, Space hides, 1-9 relabel, Esc returns)</source>
      <translation>Aller à la liste des formes (flèches : choisir, Espace : masquer, 1-9 : changer d’étiquette, Échap : revenir)</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>Confirm the selected machine-made shape as it is</source>
      <translation>Valider telle quelle la forme automatique sélectionnée</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>Confirm every machine-made shape as it is</source>
      <translation>Valider telles quelles toutes les formes automatiques</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>Training items: check against the expected answer</source>
      <translation>Éléments de formation : comparer à la réponse attendue</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>Wheel</source>
      <translation>Molette</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>Zoom around the cursor</source>
      <translation>Zoomer autour du curseur</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>Zoom in / out</source>
      <translation>Zoomer / dézoomer</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>Fit the image</source>
      <translation>Ajuster l’image</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>Actual pixels (1:1)</source>
      <translation>Taille réelle (1:1)</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>%1+drag, middle button</source>
      <translation>%1+glisser, bouton du milieu</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>Pan</source>
      <translation>Faire défiler</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>Hide / show all shapes</source>
      <translation>Masquer / afficher toutes les formes</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>Hide / show the selected shape</source>
      <translation>Masquer / afficher la forme sélectionnée</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>Hide / show one label</source>
      <translation>Masquer / afficher une étiquette</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>Opening the image (%1 × %2 pixels)…</source>
      <translation>Ouverture de l’image (%1 × %2 pixels)…</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>The image cannot be shown: %1</source>
      <translation>L’image ne peut pas être affichée : %1</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>Full resolution is not available: %1</source>
      <translation>La pleine résolution n’est pas disponible : %1</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>The previous item has no shapes to copy.</source>
      <translation>L’élément précédent n’a aucune forme à copier.</translation>
    </message>
    <message numerus="yes">
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>Copied %n shape(s) from the previous item.</source>
      <translation>
        <numerusform>%n forme copiée depuis l’élément précédent.</numerusform>
        <numerusform>%n formes copiées depuis l’élément précédent.</numerusform>
      </translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>A polygon needs at least 3 points.</source>
      <translation>Un polygone a besoin d’au moins 3 points.</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>This pack has no labels to draw with.</source>
      <translation>Ce lot n’a aucune étiquette pour dessiner.</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>A polygon is still being drawn; press Enter to finish it.</source>
      <translation>Un polygone est en cours de dessin ; appuyez sur Entrée pour le terminer.</translation>
    </message>
    <message numerus="yes">
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>%n machine-made shape(s) not checked yet (C confirms the selected one, Shift+C all).</source>
      <translation>
        <numerusform>%n forme automatique pas encore vérifiée (C valide la forme sélectionnée, Maj+C toutes).</numerusform>
        <numerusform>%n formes automatiques pas encore vérifiées (C valide la forme sélectionnée, Maj+C toutes).</numerusform>
      </translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>This training item does not match the expected answer yet:</source>
      <translation>Cet élément de formation ne correspond pas encore à la réponse attendue :</translation>
    </message>
    <message numerus="yes">
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>%n shape(s)</source>
      <translation>
        <numerusform>%n forme</numerusform>
        <numerusform>%n formes</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>%n machine-made shape(s) to check (C confirms)</source>
      <translation>
        <numerusform>%n forme automatique à vérifier (C valide)</numerusform>
        <numerusform>%n formes automatiques à vérifier (C valide)</numerusform>
      </translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>opening the image…</source>
      <translation>ouverture de l’image…</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>loading full resolution…</source>
      <translation>chargement de la pleine résolution…</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>shapes hidden (H)</source>
      <translation>formes masquées (H)</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/editor.py" />
      <source>click the first point or press Enter to close the polygon</source>
      <translation>cliquez sur le premier point ou appuyez sur Entrée pour fermer le polygone</translation>
    </message>
  </context>
  <context>
    <name>ImageSidePanel</name>
    <message>
      <location filename="plugins/annotator_image/_qt/panels.py" />
      <source>Labels</source>
      <translation>Étiquettes</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/panels.py" />
      <source>Image tags (T)</source>
      <translation>Tags de l’image (T)</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/panels.py" />
      <source>Training item</source>
      <translation>Élément de formation</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/panels.py" />
      <source>Check my answer (E)</source>
      <translation>Vérifier ma réponse (E)</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/panels.py" />
      <source>Press ? for every shortcut.</source>
      <translation>Appuyez sur ? pour voir tous les raccourcis.</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/panels.py" />
      <source>Show or hide this label (Alt+%1)</source>
      <translation>Afficher ou masquer cette étiquette (Alt+%1)</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/panels.py" />
      <source> (several)</source>
      <translation> (plusieurs)</translation>
    </message>
    <message numerus="yes">
      <location filename="plugins/annotator_image/_qt/panels.py" />
      <source>%n shape(s) (L)</source>
      <translation>
        <numerusform>%n forme (L)</numerusform>
        <numerusform>%n formes (L)</numerusform>
      </translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/panels.py" />
      <source>Hide the expected answer (E)</source>
      <translation>Masquer la réponse attendue (E)</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/panels.py" />
      <source>Agreement with the expected answer: mean IoU %1 (needed per shape: %2).</source>
      <translation>Accord avec la réponse attendue : IoU moyen %1 (requis par forme : %2).</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/panels.py" />
      <source>%1 %2 overlaps only %3 with the expected one.</source>
      <translation>%2 « %1 » : recouvrement de seulement %3 avec la forme attendue.</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/panels.py" />
      <source>Missing: a %1 %2.</source>
      <translation>Manquant : %2 « %1 ».</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/panels.py" />
      <source>Not expected: your %1 %2.</source>
      <translation>Non attendu : votre %2 « %1 ».</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/panels.py" />
      <source>The tag %1 differs from the expected answer.</source>
      <translation>Le tag %1 diffère de la réponse attendue.</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/panels.py" />
      <source>Every expected shape is matched.</source>
      <translation>Toutes les formes attendues sont trouvées.</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/panels.py" />
      <source>box</source>
      <translation>rectangle</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/panels.py" />
      <source>polygon</source>
      <translation>polygone</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/panels.py" />
      <source>point</source>
      <translation>point</translation>
    </message>
  </context>
  <context>
    <name>Plugin</name>
    <message>
      <location filename="plugins/annotator_image/exporters.py" />
      <source>COCO JSON: boxes and polygons (bbox, area, segmentation) with one image entry per item; points as keypoints in NAME.keypoints.json</source>
      <translation>COCO JSON : rectangles et polygones (bbox, area, segmentation), une entrée d’image par élément ; points comme points clés dans NOM.keypoints.json</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/exporters.py" />
      <source>YOLO folder for ultralytics: data.yaml, images/ and labels/ split into train and val (boxes; polygons as their boxes)</source>
      <translation>dossier YOLO pour ultralytics : data.yaml, images/ et labels/ répartis en train et val (rectangles ; polygones par leur rectangle)</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/exporters.py" />
      <source>YOLO segmentation folder: the same layout, polygons as polygons (boxes as 4 corners)</source>
      <translation>dossier YOLO segmentation : la même organisation, polygones comme polygones (rectangles par leurs 4 coins)</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/exporters.py" />
      <source>Pascal VOC folder: JPEGImages/, Annotations/ (1-based boxes), ImageSets/Main/ train and val</source>
      <translation>dossier Pascal VOC : JPEGImages/, Annotations/ (rectangles comptés à partir de 1), ImageSets/Main/ train et val</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/plugin.py" />
      <source>Image annotation</source>
      <translation>Annotation d’images</translation>
    </message>
  </context>
  <context>
    <name>ShapesList</name>
    <message>
      <location filename="plugins/annotator_image/_qt/shapes_list.py" />
      <source>box</source>
      <translation>rectangle</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/shapes_list.py" />
      <source>polygon</source>
      <translation>polygone</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/shapes_list.py" />
      <source>point</source>
      <translation>point</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/shapes_list.py" />
      <source>machine-made</source>
      <translation>automatique</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/_qt/shapes_list.py" />
      <source>machine-made, %1</source>
      <translation>automatique, %1</translation>
    </message>
  </context>
  <context>
    <name>core</name>
    <message>
      <location filename="plugins/annotator_image/model.py" />
      <source>tools must be a non-empty list of {tools}</source>
      <translation>tools doit être une liste non vide parmi {tools}</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/model.py" />
      <source>labels must be a list of tables</source>
      <translation>labels doit être une liste de tables</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/model.py" />
      <source>{where} must be a table with name, color and hotkey</source>
      <translation>{where} doit être une table avec name, color et hotkey</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/model.py" />
      <source>{where}.name must be a non-empty string</source>
      <translation>{where}.name doit être un texte non vide</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/model.py" />
      <source>{where}.name is longer than 200 characters</source>
      <translation>{where}.name dépasse 200 caractères</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/model.py" />
      <source>{where}.name {name!r} is used twice</source>
      <translation>{where}.name {name!r} est utilisé deux fois</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/model.py" />
      <source>{where}.color must look like "#e6194b"</source>
      <translation>{where}.color doit ressembler à « #e6194b »</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/model.py" />
      <source>{where}.hotkey must be one of "1" to "9"</source>
      <translation>{where}.hotkey doit être l’un de « 1 » à « 9 »</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/model.py" />
      <source>{where}.hotkey {hotkey!r} is used twice</source>
      <translation>{where}.hotkey {hotkey!r} est utilisé deux fois</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/model.py" />
      <source>labels: at least one label is needed to draw shapes</source>
      <translation>labels : il faut au moins une étiquette pour dessiner des formes</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/model.py" />
      <source>tags must be a list of tables with name, choices and multiple</source>
      <translation>tags doit être une liste de tables avec name, choices et multiple</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/model.py" />
      <source>{where} must be a table with name, choices and multiple</source>
      <translation>{where} doit être une table avec name, choices et multiple</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/model.py" />
      <source>{where}.choices must be a list of 1 to 100 non-empty strings</source>
      <translation>{where}.choices doit être une liste de 1 à 100 textes non vides</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/model.py" />
      <source>{where}.choices has a choice twice</source>
      <translation>{where}.choices contient deux fois le même choix</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/model.py" />
      <source>{where}.multiple must be true or false</source>
      <translation>{where}.multiple doit valoir true ou false</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/model.py" />
      <source>{key} must be a number from {lo} to {hi}</source>
      <translation>{key} doit être un nombre de {lo} à {hi}</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/plugin.py" />
      <source>prelabel.shapes[{i}]: label {label!r} is not one of the pack's labels</source>
      <translation>prelabel.shapes[{i}] : l’étiquette {label!r} n’est pas une étiquette du lot</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/plugin.py" />
      <source>expected must be an object with shapes (and tags)</source>
      <translation>expected doit être un objet avec shapes (et tags)</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/plugin.py" />
      <source>expected.shapes must be a list of shapes</source>
      <translation>expected.shapes doit être une liste de formes</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/plugin.py" />
      <source>expected.shapes has more than 10000 shapes</source>
      <translation>expected.shapes a plus de 10000 formes</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/plugin.py" />
      <source>label {label!r} is not one of the pack's labels</source>
      <translation>l’étiquette {label!r} n’est pas une étiquette du lot</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/plugin.py" />
      <source>expected.shapes[{i}]: {problem}</source>
      <translation>expected.shapes[{i}] : {problem}</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/plugin.py" />
      <source>expected.tags must be an object</source>
      <translation>expected.tags doit être un objet</translation>
    </message>
    <message>
      <location filename="plugins/annotator_image/plugin.py" />
      <source>is not a JPEG, PNG, TIFF, WebP or BMP image</source>
      <translation>n’est pas une image JPEG, PNG, TIFF, WebP ou BMP</translation>
    </message>
  </context>
</TS>
