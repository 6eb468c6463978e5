<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
  <context>
    <name>Banner</name>
    <message>
      <location filename="annotator/ui/widgets.py" />
      <source>Dismiss</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ExportDialog</name>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Export results</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Format:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Choose…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Write to:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Export to folder</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Export to file</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>InstructionsView</name>
    <message>
      <location filename="annotator/ui/instructions_view.py" />
      <source>Library</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/instructions_view.py" />
      <source>Start working</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/instructions_view.py" />
      <source>Press F1 at any time to come back to these instructions; Enter or the button above to start.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/instructions_view.py" />
      <source>Instructions from %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/instructions_view.py" />
      <source>Back to the task</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/instructions_view.py" />
      <source>The instructions cannot be read: %1</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>LibraryView</name>
    <message>
      <location filename="annotator/ui/library_view.py" />
      <source>Library</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/library_view.py" />
      <source>Add the demo packs</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/library_view.py" />
      <source>Import pack…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/library_view.py" />
      <source>Open</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/library_view.py" />
      <source>Pack</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/library_view.py" />
      <source>Lab</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/library_view.py" />
      <source>Kind</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/library_view.py" />
      <source>Pay per item</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/library_view.py" />
      <source>Time per item (lab's estimate)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/library_view.py" />
      <source>Implied hourly rate</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/library_view.py" />
      <source>Content warnings</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/library_view.py" />
      <source>Progress</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/library_view.py" />
      <source>No pack yet. Import a pack a lab gave you (a folder or a .zip), drop it in your inbox folder, or add the demo packs to try the tool.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/library_view.py" />
      <source>%1 / h</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/library_view.py" />
      <source>Below your reference minimum wage</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/library_view.py" />
      <source>%1 of %2 done</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/library_view.py" />
      <source>Inbox folder: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/library_view.py" />
      <source>Tip: set an inbox folder in Settings and packs that labs put there appear here by themselves.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>&amp;File</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Import pack…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Export results…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Quit</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>&amp;Edit</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Undo</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Redo</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>&amp;View</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Library</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Instructions</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Settings</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>&amp;Help</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Keyboard shortcuts</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>About Annotator</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Import a pack</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Packs (*.zip pack.toml)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>This pack cannot be imported</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Nothing was imported. The pack has these problems:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Imported “%1”.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>“%1” was already in the library.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Demo packs</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Choose a pack to export first.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Export results</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Wrote %1 (%2).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Submit the item</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Next item</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Previous item</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Skip the item (with a reason)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Flag the item (with a note)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>This list</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Everywhere</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>This task</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Annotator %1

An annotation tool that keeps an honest record of your time. Your data stays on this computer: %2</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>New pack in your inbox: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>A pack in your inbox could not be imported (%1): %2</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/main_window.py" />
      <source>Something went wrong: %1 (details in the log)</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ReasonDialog</name>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Skip this item</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Why do you skip it?</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>The media cannot be read</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>I do not want to see this content</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>The instructions do not say how to do it</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Other reason (write it below)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Details (optional)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Flag this item</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>What is wrong with this item? The lab will see your note.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>For example: the image is blank</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>SettingsView</name>
    <message>
      <location filename="annotator/ui/settings_view.py" />
      <source>Settings</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/settings_view.py" />
      <source>Back</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/settings_view.py" />
      <source>System language</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/settings_view.py" />
      <source>Language:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/settings_view.py" />
      <source>The new language is used from the next start.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/settings_view.py" />
      <source>not set</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/settings_view.py" />
      <source>per hour</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/settings_view.py" />
      <source>Reference minimum wage:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/settings_view.py" />
      <source>Packs that pay less than this at the lab's own estimate are marked in the library and before you start. Pay in another currency is never converted.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/settings_view.py" />
      <source>no inbox folder</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/settings_view.py" />
      <source>Choose…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/settings_view.py" />
      <source>Clear</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/settings_view.py" />
      <source>Inbox folder:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/settings_view.py" />
      <source>Labs can deliver packs through any synced folder: packs (folders or .zip files) put in it are imported and appear in the library.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/settings_view.py" />
      <source>Your data folder:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/settings_view.py" />
      <source>Inbox folder</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ShortcutOverlay</name>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Keyboard shortcuts</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Press Esc or click to close. Single-key shortcuts never fire while you type in a text field.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>TaskView</name>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>training</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>This item cannot be shown.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>Your other work is saved. You can skip this item; the reason is recorded.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>Skip as unreadable</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>Try again</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>Every item of this pack is done.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>Export results…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>Review items</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>Back to the library</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>◀ Previous</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>Next ▶</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>Skip…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>Flag…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>Submit</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>The plugin for %1 packs is not installed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>The task plugin hit an error: %1. Your saved work is safe; you can skip this item.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>The %1 plugin could not create its editor.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>%1 submitted, %2 skipped, %3 flagged.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>new</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>in progress</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>submitted</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>skipped</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>flagged</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>%1 of %2 done</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>Item %1 of %2 · %3</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>You have not annotated anything on this item.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>Submit anyway?</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/task_view.py" />
      <source>Submit this item anyway?</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>TermsDialog</name>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Before you start</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>From %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Pay per item:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Lab's estimate per item:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Implied hourly rate:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Your reference minimum wage:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Items:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>%1 (%2 training)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Rejections:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Check these terms:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Content warning:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Items in this pack may show this content. You can skip any item that you do not want to see.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Read the instructions</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Back to the library</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>The pack states no pay per item.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>The pack gives no estimate of the time an item takes, so its hourly rate cannot be known before you start.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Reading the instructions is not paid.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Training items are not paid.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>The pack does not say when work may be rejected or whether rejected work is paid.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>Pay is in %1; your reference wage is in %2, so they are not compared.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="annotator/ui/dialogs.py" />
      <source>At the lab's own estimate this pays %1 per hour, under your reference minimum wage of %2.</source>
      <translation type="unfinished" />
    </message>
  </context>
</TS>
