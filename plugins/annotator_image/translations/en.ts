<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
  <context>
    <name>ImageEditor</name>
    <message numerus="yes">
      <source>Copied %n shape(s) from the previous item.</source>
      <translation>
        <numerusform>Copied %n shape from the previous item.</numerusform>
        <numerusform>Copied %n shapes from the previous item.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n machine-made shape(s) not checked yet (C confirms the selected one, Shift+C all).</source>
      <translation>
        <numerusform>%n machine-made shape not checked yet (C confirms the selected one, Shift+C all).</numerusform>
        <numerusform>%n machine-made shapes not checked yet (C confirms the selected one, Shift+C all).</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n shape(s)</source>
      <translation>
        <numerusform>%n shape</numerusform>
        <numerusform>%n shapes</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n machine-made shape(s) to check (C confirms)</source>
      <translation>
        <numerusform>%n machine-made shape to check (C confirms)</numerusform>
        <numerusform>%n machine-made shapes to check (C confirms)</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>ImageSidePanel</name>
    <message numerus="yes">
      <source>%n shape(s) (L)</source>
      <translation>
        <numerusform>%n shape (L)</numerusform>
        <numerusform>%n shapes (L)</numerusform>
      </translation>
    </message>
  </context>
</TS>
