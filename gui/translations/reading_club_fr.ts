<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AnotherCopyOffer</name>
    <message>
        <source>Add another copy of “{title}”</source>
        <translation>Ajouter un autre exemplaire de « {title} »</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Reading Club</source>
        <translation>Reading Club</translation>
    </message>
    <message>
        <source>Cannot open the catalogue.

{reason}</source>
        <translation>Impossible d’ouvrir le catalogue.

{reason}</translation>
    </message>
</context>
<context>
    <name>BookCopiesPanel</name>
    <message>
        <source>Copy</source>
        <translation>Exemplaire</translation>
    </message>
    <message>
        <source>Loan</source>
        <translation>Prêt</translation>
    </message>
    <message>
        <source>Copies of the book</source>
        <translation>Exemplaires du livre</translation>
    </message>
    <message>
        <source>&amp;Lend…</source>
        <translation>&amp;Prêter…</translation>
    </message>
    <message>
        <source>Add another &amp;copy</source>
        <translation>Ajouter un autre e&amp;xemplaire</translation>
    </message>
    <message>
        <source>available</source>
        <translation>disponible</translation>
    </message>
    <message>
        <source>lent to {member} on {lent}, due {due}</source>
        <translation>prêté à {member} le {lent}, à rendre le {due}</translation>
    </message>
</context>
<context>
    <name>BookDetailsPanel</name>
    <message>
        <source>Subtitle</source>
        <translation>Sous-titre</translation>
    </message>
    <message>
        <source>Publisher</source>
        <translation>Éditeur</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Année</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Nombre de pages</translation>
    </message>
    <message>
        <source>typed by you</source>
        <translation>saisi par vous</translation>
    </message>
    <message>
        <source>brought back by an undo</source>
        <translation>rétabli par une annulation</translation>
    </message>
    <message>
        <source>from %s</source>
        <translation>depuis %s</translation>
    </message>
</context>
<context>
    <name>BookForm</name>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Auteur</translation>
    </message>
    <message>
        <source>ISBN</source>
        <translation>ISBN</translation>
    </message>
    <message>
        <source>{field} {problem}</source>
        <translation>{field} : {problem}</translation>
    </message>
    <message>
        <source>ISBN-10 or ISBN-13</source>
        <translation>ISBN-10 ou ISBN-13</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Form message</source>
        <translation>Message du formulaire</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>&amp;Titre</translation>
    </message>
    <message>
        <source>&amp;Author</source>
        <translation>&amp;Auteur</translation>
    </message>
    <message>
        <source>&amp;ISBN</source>
        <translation>&amp;ISBN</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>Not registered: that book is already in the catalogue.</source>
        <translation>Non enregistré : ce livre est déjà au catalogue.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Sauvegarder</translation>
    </message>
    <message>
        <source>Editing “{title}” (Escape cancels)</source>
        <translation>Modification de « {title} » (Échap pour annuler)</translation>
    </message>
    <message>
        <source>Registered “{title}”.</source>
        <translation>« {title} » enregistré.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Sauvegardé.</translation>
    </message>
</context>
<context>
    <name>BookPage</name>
    <message>
        <source>Rows</source>
        <translation>Lignes</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Colonnes</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Membre</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Commentaire</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>Avis</translation>
    </message>
    <message>
        <source>Review this book…</source>
        <translation>Donner son avis sur ce livre…</translation>
    </message>
    <message>
        <source>No book selected</source>
        <translation>Aucun livre sélectionné</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>%1, de %2</translation>
    </message>
    <message>
        <source>Not reviewed yet</source>
        <translation>Pas encore d’avis</translation>
    </message>
    <message>
        <source>Rated %1 / 10 by one member</source>
        <translation>Noté %1 / 10 par un membre</translation>
    </message>
    <message>
        <source>Rated %1 / 10 by %2 members</source>
        <translation>Noté %1 / 10 par %2 membres</translation>
    </message>
    <message>
        <source> (former member)</source>
        <translation> (ancien membre)</translation>
    </message>
</context>
<context>
    <name>BookRules</name>
    <message>
        <source>is required</source>
        <translation>est obligatoire</translation>
    </message>
    <message>
        <source>has a wrong check digit</source>
        <translation>a une clé de contrôle fausse</translation>
    </message>
    <message>
        <source>must have 10 or 13 digits</source>
        <translation>doit avoir 10 ou 13 chiffres</translation>
    </message>
    <message>
        <source>must start with 978 or 979 when it has 13 digits</source>
        <translation>doit commencer par 978 ou 979 quand il a 13 chiffres</translation>
    </message>
    <message>
        <source>may contain only digits, hyphens and spaces (and a final X)</source>
        <translation>ne peut contenir que des chiffres, des tirets et des espaces (et un X final)</translation>
    </message>
    <message>
        <source>contains a control character</source>
        <translation>contient un caractère de contrôle</translation>
    </message>
</context>
<context>
    <name>BookTable</name>
    <message>
        <source>Books</source>
        <translation>Livres</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Lignes</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Colonnes</translation>
    </message>
</context>
<context>
    <name>BookTableModel</name>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Auteur</translation>
    </message>
    <message>
        <source>ISBN</source>
        <translation>ISBN</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>Enregistré le</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>Avis</translation>
    </message>
    <message>
        <source>Availability</source>
        <translation>Disponibilité</translation>
    </message>
    <message>
        <source>available</source>
        <translation>disponible</translation>
    </message>
    <message>
        <source>lent to {member}, due {date}</source>
        <translation>prêté à {member}, à rendre le {date}</translation>
    </message>
    <message>
        <source>{available} of {copies} available</source>
        <translation>{available} sur {copies} disponibles</translation>
    </message>
</context>
<context>
    <name>CatalogueBridge</name>
    <message>
        <source>This book no longer exists</source>
        <translation>Ce livre n’existe plus</translation>
    </message>
    <message>
        <source>it was changed since (here or on another desktop)</source>
        <translation>il a été modifié depuis (ici ou sur un autre poste)</translation>
    </message>
    <message>
        <source>The shared catalogue is offline: {reason}; try again once it is back</source>
        <translation>Le catalogue partagé est hors ligne : {reason} ; réessayez quand il sera revenu</translation>
    </message>
    <message>
        <source>Could not save: {reason}</source>
        <translation>Enregistrement impossible : {reason}</translation>
    </message>
    <message>
        <source>Could not save: {reason}; see the log</source>
        <translation>Enregistrement impossible : {reason} ; voir le journal</translation>
    </message>
    <message>
        <source>ISBN {isbn} is already registered for &quot;{title}&quot; by {author}</source>
        <translation>L’ISBN {isbn} est déjà enregistré pour « {title} » de {author}</translation>
    </message>
    <message>
        <source>ISBN {isbn} is already registered</source>
        <translation>L’ISBN {isbn} est déjà enregistré</translation>
    </message>
</context>
<context>
    <name>ClubPanels</name>
    <message>
        <source>Book</source>
        <translation>Livre</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Membres</translation>
    </message>
    <message>
        <source>&amp;Members</source>
        <translation>&amp;Membres</translation>
    </message>
    <message>
        <source>&amp;Book page</source>
        <translation>Page du &amp;livre</translation>
    </message>
</context>
<context>
    <name>ConnectionStatus</name>
    <message>
        <source>Offline — reconnecting…</source>
        <translation>Hors ligne — reconnexion…</translation>
    </message>
    <message>
        <source>The shared catalogue cannot be reached. Changes cannot be saved and other members&apos; books do not appear until it is back; the list reloads then.</source>
        <translation>Le catalogue partagé est injoignable. Les modifications ne peuvent pas être enregistrées et les livres des autres membres n’apparaissent pas avant son retour ; la liste se recharge alors.</translation>
    </message>
    <message>
        <source>Connection status</source>
        <translation>État de la connexion</translation>
    </message>
</context>
<context>
    <name>CsvActions</name>
    <message>
        <source>&amp;Import CSV…</source>
        <translation>&amp;Importer un CSV…</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>E&amp;xporter en CSV…</translation>
    </message>
    <message>
        <source>Import CSV</source>
        <translation>Importer un CSV</translation>
    </message>
    <message>
        <source>Cannot import: {reason}</source>
        <translation>Import impossible : {reason}</translation>
    </message>
    <message>
        <source>books matching “{search}”</source>
        <translation>les livres correspondant à « {search} »</translation>
    </message>
    <message>
        <source>all books</source>
        <translation>tous les livres</translation>
    </message>
</context>
<context>
    <name>CsvFiles</name>
    <message>
        <source>Spreadsheets (*.csv *.tsv *.txt);;All files (*)</source>
        <translation>Tableurs (*.csv *.tsv *.txt);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Import CSV</source>
        <translation>Importer un CSV</translation>
    </message>
    <message>
        <source>Export {what}</source>
        <translation>Exporter {what}</translation>
    </message>
    <message>
        <source>Export failed, nothing written to {name}: {reason}</source>
        <translation>Échec de l’export, rien n’a été écrit dans {name} : {reason}</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln book(s) to {name}</source>
        <translation>
            <numerusform>%Ln livre exporté dans {name}</numerusform>
            <numerusform>%Ln livres exportés dans {name}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CsvImportRun</name>
    <message>
        <source>The import stopped: {error}; see the log</source>
        <translation>L’import s’est arrêté : {error} ; voir le journal</translation>
    </message>
</context>
<context>
    <name>DueDateDialog</name>
    <message>
        <source>Due date</source>
        <translation>Date de retour</translation>
    </message>
    <message>
        <source>Due on</source>
        <translation>À rendre le</translation>
    </message>
</context>
<context>
    <name>DuplicateGuard</name>
    <message>
        <source>“{title}” by {author} is already in the catalogue. Register another book with the same title and author?</source>
        <translation>« {title} » de {author} est déjà au catalogue. Enregistrer un autre livre avec le même titre et le même auteur ?</translation>
    </message>
</context>
<context>
    <name>FailureNotice</name>
    <message>
        <source>Could not read the catalogue: {reason}; see the log</source>
        <translation>Impossible de lire le catalogue : {reason} ; voir le journal</translation>
    </message>
</context>
<context>
    <name>FillDetails</name>
    <message>
        <source>Fill in missing &amp;details…</source>
        <translation>Compléter les &amp;détails manquants…</translation>
    </message>
    <message>
        <source>Looking books up…</source>
        <translation>Recherche des livres…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Fill in missing details</source>
        <translation>Compléter les détails manquants</translation>
    </message>
    <message>
        <source>Look up the details of the selected books, or of every book?</source>
        <translation>Chercher les détails des livres sélectionnés, ou de tous les livres ?</translation>
    </message>
    <message>
        <source>Selected books (%1)</source>
        <translation>Livres sélectionnés (%1)</translation>
    </message>
    <message>
        <source>All books</source>
        <translation>Tous les livres</translation>
    </message>
    <message>
        <source>Looked up %d of %d books; %d filled in</source>
        <translation>%d livres sur %d cherchés ; %d complétés</translation>
    </message>
    <message>
        <source>Stopped: %s</source>
        <translation>Arrêté : %s</translation>
    </message>
    <message>
        <source>Cancelled: details filled in for %d of %d books</source>
        <translation>Annulé : détails complétés pour %d livres sur %d</translation>
    </message>
    <message>
        <source>Details filled in for %d of %d books</source>
        <translation>Détails complétés pour %d livres sur %d</translation>
    </message>
    <message>
        <source>; %d unknown to the book information source</source>
        <translation> ; %d inconnus de la source d’informations</translation>
    </message>
</context>
<context>
    <name>HelpMenu</name>
    <message>
        <source>&amp;Help</source>
        <translation>Ai&amp;de</translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation>Ouvrir le dossier du &amp;journal</translation>
    </message>
    <message>
        <source>&amp;About Reading Club</source>
        <translation>À &amp;propos de Reading Club</translation>
    </message>
    <message>
        <source>The log is in {folder}</source>
        <translation>Le journal est dans {folder}</translation>
    </message>
    <message>
        <source>About Reading Club</source>
        <translation>À propos de Reading Club</translation>
    </message>
    <message>
        <source>&lt;b&gt;Reading Club&lt;/b&gt; {version}&lt;br&gt;A book catalogue for reading clubs.&lt;br&gt;Catalogue: {where}</source>
        <translation>&lt;b&gt;Reading Club&lt;/b&gt; {version}&lt;br&gt;Un catalogue de livres pour les clubs de lecture.&lt;br&gt;Catalogue : {where}</translation>
    </message>
</context>
<context>
    <name>HistoryDock</name>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Filter the history</source>
        <translation>Filtrer l’historique</translation>
    </message>
    <message>
        <source>Filter: a title, an author, an ISBN, who…</source>
        <translation>Filtre : un titre, un auteur, un ISBN, qui…</translation>
    </message>
    <message>
        <source>Selected book only</source>
        <translation>Livre sélectionné seulement</translation>
    </message>
    <message>
        <source>Commands and events as stored</source>
        <translation>Commandes et événements bruts</translation>
    </message>
    <message>
        <source>&amp;Restore this book</source>
        <translation>&amp;Rétablir ce livre</translation>
    </message>
    <message>
        <source>&amp;Filter:</source>
        <translation>&amp;Filtre :</translation>
    </message>
    <message>
        <source>Only “{title}”</source>
        <translation>Seulement « {title} »</translation>
    </message>
    <message>
        <source>Restored “{title}” — Ctrl+Z to undo</source>
        <translation>« {title} » rétabli — Ctrl+Z pour annuler</translation>
    </message>
    <message>
        <source>Cannot restore “{title}”: {why}</source>
        <translation>Impossible de rétablir « {title} » : {why}</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>{user} on {host}</source>
        <translation>{user} sur {host}</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Payload</source>
        <translation>Contenu</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Ce qui s’est passé</translation>
    </message>
</context>
<context>
    <name>ImportOptionsDialog</name>
    <message>
        <source>Import {name}</source>
        <translation>Importer {name}</translation>
    </message>
    <message>
        <source>Nickname (empty: leave them out)</source>
        <translation>Pseudonyme (vide : ne pas les importer)</translation>
    </message>
    <message>
        <source>&amp;Check only (write nothing)</source>
        <translation>&amp;Vérifier seulement (ne rien écrire)</translation>
    </message>
    <message>
        <source>Recognised as:</source>
        <translation>Reconnu comme :</translation>
    </message>
    <message>
        <source>Import ratings and reviews &amp;as:</source>
        <translation>Importer notes et critiques &amp;au nom de :</translation>
    </message>
</context>
<context>
    <name>ImportProgressDialog</name>
    <message>
        <source>Importing {name}…</source>
        <translation>Import de {name}…</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>Import CSV</source>
        <translation>Importer un CSV</translation>
    </message>
    <message>
        <source>Cancelling after this batch…</source>
        <translation>Annulation après ce lot…</translation>
    </message>
    <message>
        <source>Waiting: another program is writing to the catalogue…</source>
        <translation>En attente : un autre programme écrit dans le catalogue…</translation>
    </message>
    <message numerus="yes">
        <source>{rows} rows read, %Ln book(s) imported</source>
        <translation>
            <numerusform>{rows} lignes lues, %Ln livre importé</numerusform>
            <numerusform>{rows} lignes lues, %Ln livres importés</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportReport</name>
    <message numerus="yes">
        <source>%Ln imported, {skipped} skipped (already registered), {failed} failed (invalid)</source>
        <translation>
            <numerusform>%Ln importé, {skipped} ignoré(s) (déjà enregistrés), {failed} en échec (invalides)</numerusform>
            <numerusform>%Ln importés, {skipped} ignoré(s) (déjà enregistrés), {failed} en échec (invalides)</numerusform>
        </translation>
    </message>
    <message>
        <source>Check only, nothing written: {summary}</source>
        <translation>Vérification seule, rien n’a été écrit : {summary}</translation>
    </message>
    <message numerus="yes">
        <source>; cancelled: the %Ln book(s) of committed batches are kept</source>
        <translation>
            <numerusform> ; annulé : %Ln livre des lots validés est conservé</numerusform>
            <numerusform> ; annulé : les %Ln livres des lots validés sont conservés</numerusform>
        </translation>
    </message>
    <message>
        <source>; stopped: {error}</source>
        <translation> ; arrêté : {error}</translation>
    </message>
    <message>
        <source>ratings and reviews: no member chosen to import them as (--member)</source>
        <translation>notes et critiques : aucun membre choisi pour les importer (--member)</translation>
    </message>
    <message>
        <source>reviews without a rating: a review needs a rate</source>
        <translation>critiques sans note : une critique a besoin d’une note</translation>
    </message>
    <message>
        <source>reviews that break the rules (a comment over 10,000 characters...)</source>
        <translation>critiques hors des règles (un commentaire de plus de 10 000 caractères…)</translation>
    </message>
    <message>
        <source>copy counts below the copies the catalogue has: no copy is removed</source>
        <translation>nombres d’exemplaires inférieurs à ceux du catalogue : aucun exemplaire n’est retiré</translation>
    </message>
    <message>
        <source>lending patrons whose copy is lent to someone else</source>
        <translation>emprunteurs dont l’exemplaire est prêté à quelqu’un d’autre</translation>
    </message>
    <message>
        <source>lending patrons whose name cannot be a member&apos;s nickname</source>
        <translation>emprunteurs dont le nom ne peut pas être le pseudonyme d’un membre</translation>
    </message>
    <message>
        <source>loans due before the day they were lent</source>
        <translation>prêts à rendre avant le jour du prêt</translation>
    </message>
    <message>
        <source>is already in the catalogue</source>
        <translation>est déjà dans le catalogue</translation>
    </message>
    <message>
        <source>is not UTF-8 text</source>
        <translation>n’est pas du texte UTF-8</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>La ligne</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Les étiquettes</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>La critique</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>L’exemplaire</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Le membre</translation>
    </message>
    <message>
        <source>Loan</source>
        <translation>Le prêt</translation>
    </message>
    <message>
        <source>repeats line {line}</source>
        <translation>répète la ligne {line}</translation>
    </message>
    <message>
        <source>was refused: {reason}</source>
        <translation>a été refusé(e) : {reason}</translation>
    </message>
    <message>
        <source>line {line}: {field} “{value}” {reason}</source>
        <translation>ligne {line} : {field} « {value} » {reason}</translation>
    </message>
    <message>
        <source>line {line}: {field} {reason}</source>
        <translation>ligne {line} : {field} {reason}</translation>
    </message>
    <message>
        <source>books: {new} new, {updated} updated, {unchanged} unchanged, {failed} failed; {reviews} reviews, {tagged} books tagged, {copies} copies, {loans} loans</source>
        <translation>livres : {new} nouveaux, {updated} mis à jour, {unchanged} inchangés, {failed} en échec ; {reviews} critiques, {tagged} livres étiquetés, {copies} exemplaires, {loans} prêts</translation>
    </message>
    <message>
        <source>read as {format}</source>
        <translation>lu comme {format}</translation>
    </message>
    <message>
        <source>left out: {count} {why}</source>
        <translation>laissé de côté : {count} {why}</translation>
    </message>
</context>
<context>
    <name>ImportSummaryDialog</name>
    <message>
        <source>Import finished</source>
        <translation>Import terminé</translation>
    </message>
    <message>
        <source>Import cancelled</source>
        <translation>Import annulé</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>&amp;Enregistrer…</translation>
    </message>
    <message>
        <source>Save import report</source>
        <translation>Enregistrer le rapport d’import</translation>
    </message>
    <message>
        <source>Text (*.txt)</source>
        <translation>Texte (*.txt)</translation>
    </message>
    <message>
        <source>{summary}

Not saved: {reason}</source>
        <translation>{summary}

Non enregistré : {reason}</translation>
    </message>
    <message>
        <source>{summary}

Saved to {path}</source>
        <translation>{summary}

Enregistré dans {path}</translation>
    </message>
</context>
<context>
    <name>IsbnLookup</name>
    <message>
        <source>Looking up on %s…</source>
        <translation>Recherche sur %s…</translation>
    </message>
    <message>
        <source>The look-up failed; see the log.</source>
        <translation>La recherche a échoué ; voir le journal.</translation>
    </message>
    <message>
        <source>%s knows no book with this ISBN.</source>
        <translation>%s ne connaît aucun livre avec cet ISBN.</translation>
    </message>
    <message>
        <source>Title and author from %s</source>
        <translation>Titre et auteur depuis %s</translation>
    </message>
    <message>
        <source>Title from %s</source>
        <translation>Titre depuis %s</translation>
    </message>
    <message>
        <source>Author from %s</source>
        <translation>Auteur depuis %s</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
</context>
<context>
    <name>LendDialog</name>
    <message>
        <source>Lend</source>
        <translation>Prêter</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Membre</translation>
    </message>
</context>
<context>
    <name>ListActions</name>
    <message>
        <source>&amp;Edit book</source>
        <translation>&amp;Modifier le livre</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Supprimer…</translation>
    </message>
    <message>
        <source>&amp;Copy rows</source>
        <translation>&amp;Copier les lignes</translation>
    </message>
    <message>
        <source>Save your changes to “{title}” first?</source>
        <translation>Enregistrer d’abord vos modifications de « {title} » ?</translation>
    </message>
    <message>
        <source>Delete “{title}” by {author}?</source>
        <translation>Supprimer « {title} » de {author} ?</translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln book(s)?</source>
        <translation>
            <numerusform>Supprimer %Ln livre ?</numerusform>
            <numerusform>Supprimer %Ln livres ?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> Its %n review(s) will be deleted too.</source>
        <translation>
            <numerusform> Son avis sera supprimé aussi.</numerusform>
            <numerusform> Ses %n avis seront supprimés aussi.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> Their %n review(s) will be deleted too.</source>
        <translation>
            <numerusform> Leur avis sera supprimé aussi.</numerusform>
            <numerusform> Leurs %n avis seront supprimés aussi.</numerusform>
        </translation>
    </message>
    <message>
        <source>Deleted “{title}” — Ctrl+Z to undo</source>
        <translation>« {title} » supprimé — Ctrl+Z pour annuler</translation>
    </message>
    <message numerus="yes">
        <source>Deleted %Ln book(s) — Ctrl+Z to undo</source>
        <translation>
            <numerusform>%Ln livre supprimé — Ctrl+Z pour annuler</numerusform>
            <numerusform>%Ln livres supprimés — Ctrl+Z pour annuler</numerusform>
        </translation>
    </message>
    <message>
        <source>Books by {author}</source>
        <translation>Livres de {author}</translation>
    </message>
</context>
<context>
    <name>LoanPanels</name>
    <message>
        <source>Export loan reminders</source>
        <translation>Exporter les rappels de prêt</translation>
    </message>
    <message>
        <source>iCalendar files (*.ics)</source>
        <translation>Fichiers iCalendar (*.ics)</translation>
    </message>
    <message>
        <source>Loans</source>
        <translation>Prêts</translation>
    </message>
    <message>
        <source>&amp;Loans</source>
        <translation>&amp;Prêts</translation>
    </message>
    <message>
        <source>Export loan &amp;reminders…</source>
        <translation>Exporter les &amp;rappels de prêt…</translation>
    </message>
    <message>
        <source>Show books</source>
        <translation>Livres affichés</translation>
    </message>
    <message>
        <source>All books</source>
        <translation>Tous les livres</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Disponibles</translation>
    </message>
    <message>
        <source>Lent</source>
        <translation>Prêtés</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>En retard</translation>
    </message>
    <message>
        <source>Export failed, nothing written to {name}: {reason}</source>
        <translation>Échec de l’export, rien n’a été écrit dans {name} : {reason}</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n loan reminder(s) to {name}</source>
        <translation>
            <numerusform>%n rappel de prêt exporté dans {name}</numerusform>
            <numerusform>%n rappels de prêt exportés dans {name}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LoansView</name>
    <message>
        <source>&amp;Return</source>
        <translation>&amp;Rendu</translation>
    </message>
    <message>
        <source>Re&amp;new…</source>
        <translation>Pro&amp;longer…</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>À rendre</translation>
    </message>
    <message>
        <source>Book</source>
        <translation>Livre</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Exemplaire</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Membre</translation>
    </message>
    <message>
        <source>Lent</source>
        <translation>Prêtés</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>En retard</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Reading Club</source>
        <translation>Reading Club</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <source>Opening the catalogue…</source>
        <translation>Ouverture du catalogue…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;Historique</translation>
    </message>
    <message numerus="yes">
        <source>{matching} of %Ln book(s)</source>
        <translation>
            <numerusform>{matching} sur %Ln livre</numerusform>
            <numerusform>{matching} sur %Ln livres</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln book(s)</source>
        <translation>
            <numerusform>%Ln livre</numerusform>
            <numerusform>%Ln livres</numerusform>
        </translation>
    </message>
    <message>
        <source>No book matches “{search}”.</source>
        <translation>Aucun livre ne correspond à « {search} ».</translation>
    </message>
    <message>
        <source>No books yet. Register one with the form above, or drop a CSV file here to import it (File → Import CSV…).</source>
        <translation>Pas encore de livre. Enregistrez-en un avec le formulaire ci-dessus, ou déposez ici un fichier CSV pour l’importer (Fichier → Importer un CSV…).</translation>
    </message>
    <message>
        <source>The new language is used from the next start</source>
        <translation>La nouvelle langue sera utilisée au prochain démarrage</translation>
    </message>
</context>
<context>
    <name>MemberLoansPanel</name>
    <message>
        <source>Book</source>
        <translation>Livre</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Exemplaire</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>À rendre</translation>
    </message>
    <message>
        <source>Their loans:</source>
        <translation>Ses prêts :</translation>
    </message>
</context>
<context>
    <name>MembersView</name>
    <message>
        <source>Members</source>
        <translation>Membres</translation>
    </message>
    <message>
        <source>Nickname</source>
        <translation>Pseudo</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Courriel</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>Avis</translation>
    </message>
    <message>
        <source>Book</source>
        <translation>Livre</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Commentaire</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>The member&apos;s reviews</source>
        <translation>Les avis du membre</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Ajouter…</translation>
    </message>
    <message>
        <source>Re&amp;name…</source>
        <translation>Re&amp;nommer…</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>&amp;Retirer…</translation>
    </message>
    <message>
        <source>Their reviews:</source>
        <translation>Ses avis :</translation>
    </message>
    <message>
        <source>New member&apos;s nickname</source>
        <translation>Pseudo du nouveau membre</translation>
    </message>
    <message>
        <source>Remove %1 from the club? Their reviews stay.</source>
        <translation>Retirer %1 du club ? Ses avis restent.</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <source>Review “%1”</source>
        <translation>Avis sur « %1 »</translation>
    </message>
    <message>
        <source>Member, or a new nickname</source>
        <translation>Membre, ou un nouveau pseudo</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Membre</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Note</translation>
    </message>
    <message>
        <source> / 10</source>
        <translation> / 10</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Commentaire</translation>
    </message>
    <message>
        <source>&amp;Member:</source>
        <translation>&amp;Membre :</translation>
    </message>
    <message>
        <source>&amp;Rate:</source>
        <translation>&amp;Note :</translation>
    </message>
    <message>
        <source>&amp;Comment:</source>
        <translation>&amp;Commentaire :</translation>
    </message>
    <message>
        <source>%1 has reviewed this book: edit the review</source>
        <translation>%1 a déjà donné son avis : modifiez-le</translation>
    </message>
    <message>
        <source>“%1” will join the club</source>
        <translation>« %1 » rejoindra le club</translation>
    </message>
</context>
<context>
    <name>SearchEdit</name>
    <message>
        <source>Search</source>
        <translation>Recherche</translation>
    </message>
    <message>
        <source>Search title, author or ISBN  (Ctrl+F)</source>
        <translation>Rechercher un titre, un auteur ou un ISBN  (Ctrl+F)</translation>
    </message>
</context>
<context>
    <name>TagFilterDock</name>
    <message>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <source>Tags to filter by</source>
        <translation>Étiquettes pour filtrer</translation>
    </message>
    <message>
        <source>All books</source>
        <translation>Tous les livres</translation>
    </message>
</context>
<context>
    <name>UndoHistory</name>
    <message>
        <source>Cannot undo {what}: {why}</source>
        <translation>Impossible d’annuler {what} : {why}</translation>
    </message>
    <message>
        <source>Cannot redo {what}: {why}</source>
        <translation>Impossible de rétablir {what} : {why}</translation>
    </message>
    <message>
        <source>Undone: {what}</source>
        <translation>Annulé : {what}</translation>
    </message>
    <message>
        <source>Redone: {what}</source>
        <translation>Rétabli : {what}</translation>
    </message>
    <message>
        <source>&amp;Undo {what}</source>
        <translation>&amp;Annuler {what}</translation>
    </message>
    <message>
        <source>&amp;Redo {what}</source>
        <translation>&amp;Rétablir {what}</translation>
    </message>
</context>
<context>
    <name>describe</name>
    <message numerus="yes">
        <source>%Ln change(s)</source>
        <translation>
            <numerusform>%Ln modification</numerusform>
            <numerusform>%Ln modifications</numerusform>
        </translation>
    </message>
    <message>
        <source>“{title}” by {author}</source>
        <translation>« {title} » de {author}</translation>
    </message>
    <message>
        <source>Registered {book}</source>
        <translation>Enregistré : {book}</translation>
    </message>
    <message>
        <source>Register “{title}”</source>
        <translation>Enregistrement de « {title} »</translation>
    </message>
    <message numerus="yes">
        <source>Register %Ln book(s)</source>
        <translation>
            <numerusform>Enregistrement de %Ln livre</numerusform>
            <numerusform>Enregistrement de %Ln livres</numerusform>
        </translation>
    </message>
    <message>
        <source>Restored {book}</source>
        <translation>Rétabli : {book}</translation>
    </message>
    <message>
        <source>Restore “{title}”</source>
        <translation>Rétablissement de « {title} »</translation>
    </message>
    <message numerus="yes">
        <source>Restore %Ln book(s)</source>
        <translation>
            <numerusform>Rétablissement de %Ln livre</numerusform>
            <numerusform>Rétablissement de %Ln livres</numerusform>
        </translation>
    </message>
    <message>
        <source>Deleted {book}</source>
        <translation>Supprimé : {book}</translation>
    </message>
    <message>
        <source>Delete “{title}”</source>
        <translation>Suppression de « {title} »</translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln book(s)</source>
        <translation>
            <numerusform>Suppression de %Ln livre</numerusform>
            <numerusform>Suppression de %Ln livres</numerusform>
        </translation>
    </message>
    <message>
        <source>title</source>
        <translation>titre</translation>
    </message>
    <message>
        <source>author</source>
        <translation>auteur</translation>
    </message>
    <message>
        <source>ISBN</source>
        <translation>ISBN</translation>
    </message>
    <message>
        <source>{field}: {old} → {new}</source>
        <translation>{field} : {old} → {new}</translation>
    </message>
    <message>
        <source>Edited {changes}</source>
        <translation>Modifié : {changes}</translation>
    </message>
    <message>
        <source>Edited {book}</source>
        <translation>Modifié : {book}</translation>
    </message>
    <message>
        <source>Edit “{title}”</source>
        <translation>Modification de « {title} »</translation>
    </message>
    <message numerus="yes">
        <source>Edit %Ln book(s)</source>
        <translation>
            <numerusform>Modification de %Ln livre</numerusform>
            <numerusform>Modification de %Ln livres</numerusform>
        </translation>
    </message>
    <message>
        <source>subtitle</source>
        <translation>sous-titre</translation>
    </message>
    <message>
        <source>publisher</source>
        <translation>éditeur</translation>
    </message>
    <message>
        <source>year</source>
        <translation>année</translation>
    </message>
    <message>
        <source>pages</source>
        <translation>pages</translation>
    </message>
    <message>
        <source>cover</source>
        <translation>couverture</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>Details changed: {changes}</source>
        <translation>Détails modifiés : {changes}</translation>
    </message>
    <message>
        <source>Change details</source>
        <translation>Modification des détails</translation>
    </message>
    <message numerus="yes">
        <source>Change the details of %Ln book(s)</source>
        <translation>
            <numerusform>Modification des détails de %Ln livre</numerusform>
            <numerusform>Modification des détails de %Ln livres</numerusform>
        </translation>
    </message>
    <message>
        <source>Tags: {old} → {new}</source>
        <translation>Étiquettes : {old} → {new}</translation>
    </message>
    <message>
        <source>Change tags</source>
        <translation>Modification des étiquettes</translation>
    </message>
    <message numerus="yes">
        <source>Change the tags of %Ln book(s)</source>
        <translation>
            <numerusform>Modification des étiquettes de %Ln livre</numerusform>
            <numerusform>Modification des étiquettes de %Ln livres</numerusform>
        </translation>
    </message>
    <message>
        <source>{name} joined the club</source>
        <translation>{name} a rejoint le club</translation>
    </message>
    <message>
        <source>Add member {name}</source>
        <translation>Ajouter le membre {name}</translation>
    </message>
    <message numerus="yes">
        <source>Add %Ln member(s)</source>
        <translation>
            <numerusform>Ajouter %Ln membre</numerusform>
            <numerusform>Ajouter %Ln membres</numerusform>
        </translation>
    </message>
    <message>
        <source>Member {old} is now {new}</source>
        <translation>Le membre {old} s’appelle désormais {new}</translation>
    </message>
    <message>
        <source>Change member {name}</source>
        <translation>Modifier le membre {name}</translation>
    </message>
    <message>
        <source>{name} left the club</source>
        <translation>{name} a quitté le club</translation>
    </message>
    <message>
        <source>Remove member {name}</source>
        <translation>Retirer le membre {name}</translation>
    </message>
    <message>
        <source>{name} is back in the club</source>
        <translation>{name} est de retour au club</translation>
    </message>
    <message>
        <source>Bring back member {name}</source>
        <translation>Faire revenir le membre {name}</translation>
    </message>
    <message>
        <source>Review written: {rate} / 10</source>
        <translation>Avis donné : {rate} / 10</translation>
    </message>
    <message>
        <source>Review a book</source>
        <translation>Donner son avis sur un livre</translation>
    </message>
    <message numerus="yes">
        <source>Write %Ln review(s)</source>
        <translation>
            <numerusform>Donner %Ln avis</numerusform>
            <numerusform>Donner %Ln avis</numerusform>
        </translation>
    </message>
    <message>
        <source>Review changed: {old} → {new} / 10</source>
        <translation>Avis modifié : {old} → {new} / 10</translation>
    </message>
    <message>
        <source>Change a review</source>
        <translation>Modifier un avis</translation>
    </message>
    <message>
        <source>Review deleted ({rate} / 10)</source>
        <translation>Avis supprimé ({rate} / 10)</translation>
    </message>
    <message>
        <source>Delete a review</source>
        <translation>Supprimer un avis</translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln review(s)</source>
        <translation>
            <numerusform>Supprimer %Ln avis</numerusform>
            <numerusform>Supprimer %Ln avis</numerusform>
        </translation>
    </message>
    <message>
        <source>Review restored ({rate} / 10)</source>
        <translation>Avis rétabli ({rate} / 10)</translation>
    </message>
    <message>
        <source>Restore a review</source>
        <translation>Rétablir un avis</translation>
    </message>
    <message>
        <source>Added copy #{number}</source>
        <translation>Exemplaire n°{number} ajouté</translation>
    </message>
    <message>
        <source>Add copy #{number}</source>
        <translation>Ajouter l’exemplaire n°{number}</translation>
    </message>
    <message numerus="yes">
        <source>Add %Ln copy(s)</source>
        <translation>
            <numerusform>Ajouter %Ln exemplaire</numerusform>
            <numerusform>Ajouter %Ln exemplaires</numerusform>
        </translation>
    </message>
    <message>
        <source>Removed copy #{number}</source>
        <translation>Exemplaire n°{number} retiré</translation>
    </message>
    <message>
        <source>Remove copy #{number}</source>
        <translation>Retirer l’exemplaire n°{number}</translation>
    </message>
    <message>
        <source>Copy #{number} is back on the shelf</source>
        <translation>L’exemplaire n°{number} est de retour sur l’étagère</translation>
    </message>
    <message>
        <source>Bring back copy #{number}</source>
        <translation>Remettre l’exemplaire n°{number}</translation>
    </message>
    <message>
        <source>Lent copy #{number}, due {due}</source>
        <translation>Exemplaire n°{number} prêté, à rendre le {due}</translation>
    </message>
    <message>
        <source>Lend copy #{number}</source>
        <translation>Prêter l’exemplaire n°{number}</translation>
    </message>
    <message>
        <source>Copy #{number} returned (lent {lent})</source>
        <translation>Exemplaire n°{number} rendu (prêté le {lent})</translation>
    </message>
    <message>
        <source>Return copy #{number}</source>
        <translation>Rendre l’exemplaire n°{number}</translation>
    </message>
    <message>
        <source>Loan of copy #{number} renewed: due {old} → {new}</source>
        <translation>Prêt de l’exemplaire n°{number} prolongé : échéance {old} → {new}</translation>
    </message>
    <message>
        <source>Renew loan of copy #{number}</source>
        <translation>Prolonger le prêt de l’exemplaire n°{number}</translation>
    </message>
    <message>
        <source>Loan of copy #{number} undone</source>
        <translation>Prêt de l’exemplaire n°{number} annulé</translation>
    </message>
    <message>
        <source>Undo loan of copy #{number}</source>
        <translation>Annuler le prêt de l’exemplaire n°{number}</translation>
    </message>
    <message>
        <source>Copy #{number} is lent again, due {due}</source>
        <translation>L’exemplaire n°{number} est de nouveau prêté, à rendre le {due}</translation>
    </message>
    <message>
        <source>Lend copy #{number} again</source>
        <translation>Prêter de nouveau l’exemplaire n°{number}</translation>
    </message>
    <message>
        <source>Loan of copy #{number} is open again, due {due}</source>
        <translation>Le prêt de l’exemplaire n°{number} est rouvert, à rendre le {due}</translation>
    </message>
    <message>
        <source>Reopen loan of copy #{number}</source>
        <translation>Rouvrir le prêt de l’exemplaire n°{number}</translation>
    </message>
</context>
</TS>
