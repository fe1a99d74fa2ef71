<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
  <context>
    <name>CatalogueDock</name>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.ui" />
      <source>Catalogo RE.MIX</source>
      <translation>RE.MIX catalogue</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.ui" />
      <source>Mappa delle Opportunità</source>
      <translation>Opportunities map</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.ui" />
      <source>Mappa delle Realizzazioni</source>
      <translation>Achievements map</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.ui" />
      <source>Cerca nel catalogo…</source>
      <translation>Search the catalogue…</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.ui" />
      <source>Strato</source>
      <translation>Layer</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.ui" />
      <source>Aggiornamento</source>
      <translation>Updated</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.ui" />
      <source>Fonte</source>
      <translation>Source</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.ui" />
      <source>Carica strato</source>
      <translation>Load layer</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.ui" />
      <source>Aggiorna catalogo</source>
      <translation>Refresh catalogue</translation>
    </message>
  </context>
  <context>
    <name>IndicatorsDock</name>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Indicatori di sintesi</source>
      <translation>Synthesis indicators</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Indicatore</source>
      <translation>Indicator</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Metodo delle classi</source>
      <translation>Classification method</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Classi</source>
      <translation>Classes</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Normalizzazione</source>
      <translation>Normalisation</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Classi rispetto a</source>
      <translation>Classes relative to</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>I Comuni con cui ogni Comune è confrontato per la sua classe; la Scheda comunale usa la stessa scelta</source>
      <translation>The municipalities each one is compared with for its class; the municipality sheet uses the same choice</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Annulla</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Ricalcola dai dati (dopo una modifica degli strati o del pacchetto dati)</source>
      <translation>Recalculate from the data (after a change to the layers or the data pack)</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Ricalcola</source>
      <translation>Recalculate</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Selezionare un Comune per vedere gli elementi da cui viene il suo valore.</source>
      <translation>Select a Municipality to see the features its value comes from.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Codice</source>
      <translation>Code</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Quantità</source>
      <translation>Quantity</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Strato</source>
      <translation>Layer</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Descrizione</source>
      <translation>Description</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Nota</source>
      <translation>Note</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Esporta CSV</source>
      <translation>Export CSV</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Aggiungi alla mappa</source>
      <translation>Add to map</translation>
    </message>
  </context>
  <context>
    <name>InfoboxDock</name>
    <message>
      <location filename="remix_plugin/gui/infobox_dock.ui" />
      <source>Infobox RE.MIX</source>
      <translation>RE.MIX infobox</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/infobox_dock.ui" />
      <source>Elemento precedente</source>
      <translation>Previous feature</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/infobox_dock.ui" />
      <source>Elemento successivo</source>
      <translation>Next feature</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/infobox_dock.ui" />
      <source>Zoom</source>
      <translation>Zoom to</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/infobox_dock.ui" />
      <source>Porta la mappa sull'elemento mostrato</source>
      <translation>Zoom the map to the feature shown</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/infobox_dock.ui" />
      <source>Gli elementi toccati dal clic, strato per strato, dal più in alto al più in basso</source>
      <translation>The features hit by the click, layer by layer, from the topmost down</translation>
    </message>
  </context>
  <context>
    <name>NewSegnalazioneDialog</name>
    <message>
      <location filename="remix_plugin/gui/new_segnalazione_dialog.ui" />
      <source>Nuova segnalazione</source>
      <translation>New report</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/new_segnalazione_dialog.ui" />
      <source>Tipo</source>
      <translation>Type</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/new_segnalazione_dialog.ui" />
      <source>Natura</source>
      <translation>Nature</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/new_segnalazione_dialog.ui" />
      <source>Autore</source>
      <translation>Author</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/new_segnalazione_dialog.ui" />
      <source>Si cambia in Impostazioni RE.MIX, «Autore delle segnalazioni».</source>
      <translation>Changed in RE.MIX settings, «Author of reports».</translation>
    </message>
  </context>
  <context>
    <name>OfflineDialog</name>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.ui" />
      <source>Prepara pacchetto offline</source>
      <translation>Prepare offline package</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.ui" />
      <source>Area</source>
      <translation>Area</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.ui" />
      <source>Tutta la Città metropolitana</source>
      <translation>The whole Metropolitan City</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.ui" />
      <source>Zona omogenea</source>
      <translation>Homogeneous zone</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.ui" />
      <source>Comuni</source>
      <translation>Municipalities</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.ui" />
      <source>cerca un Comune…</source>
      <translation>search a municipality…</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.ui" />
      <source>Contenuto</source>
      <translation>Content</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.ui" />
      <source>Mappa delle Opportunità</source>
      <translation>Opportunities map</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.ui" />
      <source>Mappa delle Realizzazioni</source>
      <translation>Achievements map</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.ui" />
      <source>Mappa di base</source>
      <translation>Basemap</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.ui" />
      <source>Limite senza conferma</source>
      <translation>Limit without confirmation</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.ui" />
      <source> MB</source>
      <translation> MB</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.ui" />
      <source>Precompila le segnalazioni dall'archivio centrale</source>
      <translation>Pre-fill the reports from the central store</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.ui" />
      <source>Cartella di destinazione</source>
      <translation>Destination folder</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.ui" />
      <source>Verifica</source>
      <translation>Check</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.ui" />
      <source>Crea pacchetto</source>
      <translation>Create package</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.ui" />
      <source>Aggiorna un pacchetto esistente (le segnalazioni restano)</source>
      <translation>Update an existing package (the reports stay)</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.ui" />
      <source>Aggiorna pacchetto</source>
      <translation>Update package</translation>
    </message>
  </context>
  <context>
    <name>PgtDialog</name>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.ui" />
      <source>Pacchetto PGT</source>
      <translation>PGT package</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.ui" />
      <source>Comune</source>
      <translation>Municipality</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.ui" />
      <source>Per ogni tema scegliere lo strato del PGT (qualsiasi formato e sistema di riferimento) e associare i suoi campi a quelli attesi da CMM. I campi con l'asterisco sono obbligatori. I file del PGT non vengono mai modificati.</source>
      <translation>For each theme choose the PGT layer (any format and reference system) and match its fields to those expected by CMM. Fields marked with an asterisk are mandatory. The PGT files are never modified.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.ui" />
      <source>Cartella del pacchetto</source>
      <translation>Package folder</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.ui" />
      <source>Verifica</source>
      <translation>Check</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.ui" />
      <source>Crea pacchetto</source>
      <translation>Create package</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.ui" />
      <source>Problemi</source>
      <translation>Issues</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.ui" />
      <source>Lettura di coerenza</source>
      <translation>Consistency review</translation>
    </message>
  </context>
  <context>
    <name>PrintDialog</name>
    <message>
      <location filename="remix_plugin/gui/print_dialog.ui" />
      <source>Stampa con un layout CMM</source>
      <translation>Print with a CMM layout</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.ui" />
      <source>Modello</source>
      <translation>Template</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.ui" />
      <source>Mappa</source>
      <translation>Map</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.ui" />
      <source>Titolo</source>
      <translation>Title</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.ui" />
      <source>Usa la scala della mappa</source>
      <translation>Use the map's scale</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.ui" />
      <source>Senza questa opzione la stampa mostra tutta la vista della mappa, alla scala arrotondata che la contiene</source>
      <translation>Without this option the print shows the whole map view, at the round scale that holds it</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.ui" />
      <source>File</source>
      <translation>File</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.ui" />
      <source>Apri nel compositore</source>
      <translation>Open in the layout designer</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.ui" />
      <source>Apre il layout nel compositore di stampe di QGIS, con l'estensione, la scala e gli strati della mappa: si può ancora modificare prima di stampare</source>
      <translation>Opens the layout in QGIS's layout designer with the map's extent, scale and layers: it can still be adjusted before printing</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.ui" />
      <source>Esporta</source>
      <translation>Export</translation>
    </message>
  </context>
  <context>
    <name>RemixPlugin</name>
    <message>
      <location filename="remix_plugin/core/base/formatting.py" />
      <source>n.d.</source>
      <translation>n/a</translation>
    </message>
    <message>
      <location filename="remix_plugin/core/catalogue/maps.py" />
      <source>«{other}» nascosta: due mappe accese disegnano due volte Comuni, Zone omogenee e nomi. Per rivederla, spuntala nel pannello Layer.</source>
      <translation>«{other}» hidden: two maps switched on draw municipalities, homogeneous zones and names twice. To see it again, tick it in the Layers panel.</translation>
    </message>
    <message>
      <location filename="remix_plugin/core/infobox/content.py" />
      <source>indirizzo non attivo: sono ammessi solo http, https e mailto</source>
      <translation>inactive address: only http, https and mailto are allowed</translation>
    </message>
    <message>
      <location filename="remix_plugin/core/infobox/content.py" />
      <source>(testo abbreviato: {n} caratteri in tutto)</source>
      <translation>(text shortened: {n} characters in all)</translation>
    </message>
    <message>
      <location filename="remix_plugin/core/infobox/content.py" />
      <source>sì</source>
      <translation>yes</translation>
    </message>
    <message>
      <location filename="remix_plugin/core/infobox/content.py" />
      <source>no</source>
      <translation>no</translation>
    </message>
    <message>
      <location filename="remix_plugin/core/infobox/content.py" />
      <source>elemento</source>
      <translation>feature</translation>
    </message>
    <message>
      <location filename="remix_plugin/core/infobox/places.py" />
      <source>Comuni</source>
      <translation>Municipalities</translation>
    </message>
    <message>
      <location filename="remix_plugin/core/infobox/places.py" />
      <source>Zone omogenee</source>
      <translation>Homogeneous zones</translation>
    </message>
    <message>
      <location filename="remix_plugin/core/infobox/places.py" />
      <source>Interventi</source>
      <translation>Projects</translation>
    </message>
    <message>
      <location filename="remix_plugin/core/infobox/places.py" />
      <source>Aree di opportunità</source>
      <translation>Opportunity areas</translation>
    </message>
    <message>
      <location filename="remix_plugin/core/infobox/places.py" />
      <source>Stazioni</source>
      <translation>Stations</translation>
    </message>
    <message>
      <location filename="remix_plugin/core/infobox/places.py" />
      <source>Comune</source>
      <translation>Municipality</translation>
    </message>
    <message>
      <location filename="remix_plugin/core/infobox/places.py" />
      <source>Zona omogenea</source>
      <translation>Homogeneous zone</translation>
    </message>
    <message>
      <location filename="remix_plugin/core/infobox/places.py" />
      <source>Stazione</source>
      <translation>Station</translation>
    </message>
    <message>
      <location filename="remix_plugin/core/pgt/report.py" />
      <source>Pacchetto PGT — </source>
      <translation>PGT package — </translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_component.py" />
      <source>Catalogo RE.MIX</source>
      <translation>RE.MIX catalogue</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_component.py" />
      <source>Mappa delle Opportunità</source>
      <translation>Opportunities map</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_component.py" />
      <source>Carica la Mappa delle Opportunità: dove la rigenerazione potrebbe avvenire</source>
      <translation>Load the Opportunities map: where regeneration could take place</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_component.py" />
      <source>Mappa delle Realizzazioni</source>
      <translation>Achievements map</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_component.py" />
      <source>Carica la Mappa delle Realizzazioni: interventi finanziati, in corso o realizzati</source>
      <translation>Load the Achievements map: projects funded, under way or completed</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_component.py" />
      <source>Mappe di base</source>
      <translation>Basemaps</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_component.py" />
      <source>Impostazioni…</source>
      <translation>Settings…</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_component.py" />
      <source>Light: satellite, topografia, OpenStreetMap</source>
      <translation>Light: satellite, topography, OpenStreetMap</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_component.py" />
      <source>Pro: ortofoto regionale, DBTR, CTR</source>
      <translation>Pro: regional orthophoto, DBTR, CTR</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_component.py" />
      <source>Nessuna</source>
      <translation>None</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.py" />
      <source>Titolo dello strato nel catalogo</source>
      <translation>Title of the layer in the catalogue</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.py" />
      <source>Anno dell'ultimo aggiornamento dei dati</source>
      <translation>Year the data were last updated</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.py" />
      <source>Ente fonte dei dati</source>
      <translation>Body the data come from</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.py" />
      <source>Mappe</source>
      <translation>Maps</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.py" />
      <source>Fonte</source>
      <translation>Source</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.py" />
      <source>aggiornamento</source>
      <translation>updated</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.py" />
      <source>Pagina di riferimento</source>
      <translation>Reference page</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.py" />
      <source>Pagina di riferimento: </source>
      <translation>Reference page: </translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.py" />
      <source>Aggiornamento dei dati: </source>
      <translation>Data updated: </translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.py" />
      <source>Fonte: </source>
      <translation>Source: </translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/help_component.py" />
      <source>Aiuto</source>
      <translation>Help</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/help_component.py" />
      <source>Guida alla consultazione</source>
      <translation>User guide</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/help_component.py" />
      <source>Come consultare le mappe, le infobox e gli strumenti RE.MIX</source>
      <translation>How to read the RE.MIX maps, infoboxes and tools</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_component.py" />
      <source>Indicatori di sintesi</source>
      <translation>Synthesis indicators</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_component.py" />
      <source>Superficie delle aree di interesse e finanziamento per Comune, in classi</source>
      <translation>Extent of the areas of interest and funding by Municipality, in classes</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_component.py" />
      <source>Aggiornamento degli indicatori nelle mappe</source>
      <translation>Updating the indicators in the maps</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>Ambito: tutta la Città metropolitana di Milano</source>
      <translation>Scope: the whole Città metropolitana di Milano</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>Esportazione dell'indicatore</source>
      <translation>Exporting the indicator</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>Tutti i Comuni della Città metropolitana</source>
      <translation>All the municipalities of the Città metropolitana</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>Solo i Comuni del filtro</source>
      <translation>Only the municipalities of the filter</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>Calcolo dell'indicatore</source>
      <translation>Calculating the indicator</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>Il pacchetto dati non ha la popolazione dei Comuni</source>
      <translation>The data pack has no population for the Municipalities</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>elementi</source>
      <translation>features</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>Esporta CSV</source>
      <translation>Export CSV</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>Tabella CSV (*.csv)</source>
      <translation>CSV table (*.csv)</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>classi</source>
      <translation>classes</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>Avvisi del calcolo</source>
      <translation>Calculation warnings</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>Valore classificato</source>
      <translation>Classified value</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>Classe</source>
      <translation>Class</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>Nessun filtro attivo: si confrontano tutti i Comuni</source>
      <translation>No active filter: all the municipalities are compared</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>più grandi; tutti con «Esporta CSV»</source>
      <translation>largest; all of them via “Export CSV”</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>Indicatore esportato</source>
      <translation>Indicator exported</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>Ambito: filtro attivo</source>
      <translation>Scope: active filter</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>(unione delle aree: le sovrapposizioni contano una volta)</source>
      <translation>(union of the areas: overlaps count once)</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>classi su</source>
      <translation>classes over</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>classi sul filtro</source>
      <translation>classes over the filter</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>qui i</source>
      <translation>here the</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>codice ISTAT</source>
      <translation>ISTAT code</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/infobox_component.py" />
      <source>Informazioni RE.MIX</source>
      <translation>RE.MIX information</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/infobox_component.py" />
      <source>Fare clic sulla mappa per leggere le informazioni delle aree e degli interventi RE.MIX</source>
      <translation>Click on the map to read the information on RE.MIX areas and projects</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/infobox_component.py" />
      <source>Infobox RE.MIX</source>
      <translation>RE.MIX infobox</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/infobox_component.py" />
      <source>Il pannello delle infobox</source>
      <translation>The infobox panel</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/infobox_component.py" />
      <source>Nessun elemento del catalogo RE.MIX in questo punto alla scala attuale.</source>
      <translation>No RE.MIX catalogue feature at this point at the current scale.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/infobox_component.py" />
      <source>Nessun elemento mostrato.</source>
      <translation>No feature shown.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/infobox_dock.py" />
      <source>Attivare lo strumento «Informazioni RE.MIX» e fare clic sulla mappa su un'area o un intervento.</source>
      <translation>Activate the «RE.MIX information» tool and click on an area or a project on the map.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/infobox_dock.py" />
      <source>Gli elementi mostrati non sono più sulla mappa.</source>
      <translation>The features shown are no longer on the map.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/infobox_dock.py" />
      <source>Collegamento non aperto: sono ammessi solo indirizzi http, https e mailto.</source>
      <translation>Link not opened: only http, https and mailto addresses are allowed.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/infobox_dock.py" />
      <source>{n} di {total}</source>
      <translation>{n} of {total}</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/locator_filter.py" />
      <source>Comuni, Zone omogenee, interventi, aree di opportunità e stazioni del pacchetto dati RE.MIX</source>
      <translation>Municipalities, homogeneous zones, projects, opportunity areas and stations of the RE.MIX data pack</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/new_segnalazione_dialog.py" />
      <source>Fare clic sulla mappa nel punto della segnalazione.</source>
      <translation>Click on the map at the location of the report.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/new_segnalazione_dialog.py" />
      <source>Disegnare il perimetro sulla mappa: clic sinistro per ogni vertice, clic destro per chiudere. I vertici si agganciano agli strati del catalogo.</source>
      <translation>Draw the perimeter on the map: left-click for each vertex, right-click to close. Vertices snap to the catalogue layers.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/new_segnalazione_dialog.py" />
      <source>Poi si apre la scheda da compilare.</source>
      <translation>The form to fill in then opens.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_component.py" />
      <source>Prepara pacchetto offline…</source>
      <translation>Prepare offline package…</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_component.py" />
      <source>Porta una parte del catalogo sui tablet di campo, senza rete; aggiorna un pacchetto già preparato</source>
      <translation>Take part of the catalogue to field tablets, with no network; update a package already prepared</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.py" />
      <source>GeoTIFF o MBTiles (*.tif *.tiff *.mbtiles)</source>
      <translation>GeoTIFF or MBTiles (*.tif *.tiff *.mbtiles)</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.py" />
      <source>Un'immagine di sfondo già disponibile sul computer: viene copiata nel pacchetto, perché in campo non c'è rete</source>
      <translation>A background image already on this computer: it is copied into the package, because there is no network in the field</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.py" />
      <source>Crea pacchetto</source>
      <translation>Create package</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.py" />
      <source>Aggiorna pacchetto</source>
      <translation>Update package</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.py" />
      <source>Pacchetto offline</source>
      <translation>Offline package</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.py" />
      <source>Aggiornamento del pacchetto offline</source>
      <translation>Updating the offline package</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.py" />
      <source>Porta nel pacchetto le segnalazioni dell'archivio centrale</source>
      <translation>Bring the central store's reports into the package</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.py" />
      <source>Scegliere prima l'archivio centrale nel pannello «Segnalazioni»</source>
      <translation>First choose the central store in the «Reports» panel</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.py" />
      <source>Scegliere almeno un Comune, una Zona omogenea o tutta la Città metropolitana.</source>
      <translation>Choose at least one municipality, one homogeneous zone or the whole Metropolitan City.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.py" />
      <source>Scegliere la cartella in cui creare il pacchetto.</source>
      <translation>Choose the folder in which to create the package.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.py" />
      <source>Il progetto del pacchetto ha modifiche non salvate negli strati: salvarle o annullarle prima di aggiornare il pacchetto.</source>
      <translation>The package's project has unsaved layer edits: save or discard them before updating the package.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.py" />
      <source>Pacchetto aggiornato</source>
      <translation>Package updated</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.py" />
      <source>Pacchetto scritto</source>
      <translation>Package written</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.py" />
      <source>Aggiorna comunque</source>
      <translation>Update anyway</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.py" />
      <source>Crea comunque</source>
      <translation>Create anyway</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.py" />
      <source>Area</source>
      <translation>Area</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.py" />
      <source>dimensione stimata</source>
      <translation>estimated size</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.py" />
      <source>limite</source>
      <translation>limit</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.py" />
      <source>Elementi per strato nel pacchetto</source>
      <translation>Features per layer in the package</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.py" />
      <source>Nulla è stato scritto. Rivedere le questioni qui sotto; per procedere lo stesso, fare clic di nuovo.</source>
      <translation>Nothing has been written. Review the issues below; to go ahead anyway, click again.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.py" />
      <source>Da decidere prima di scrivere</source>
      <translation>To decide before writing</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_component.py" />
      <source>Pacchetto PGT…</source>
      <translation>PGT package…</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_component.py" />
      <source>Verifica i file del PGT di un Comune e crea il pacchetto per la valutazione di compatibilità con il PTM</source>
      <translation>Check a Municipality's PGT files and create the package for the PTM compatibility assessment</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Apri file…</source>
      <translation>Open file…</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Aggiunge al progetto uno strato da file (shapefile, GeoPackage, DXF…)</source>
      <translation>Adds a layer from a file to the project (shapefile, GeoPackage, DXF…)</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Chiudi</source>
      <translation>Close</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Strato del PGT</source>
      <translation>PGT layer</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Verifica PGT</source>
      <translation>PGT check</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Pacchetto PGT</source>
      <translation>PGT package</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Verifica in corso…</source>
      <translation>Checking…</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Strato</source>
      <translation>Layer</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Campo atteso</source>
      <translation>Expected field</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Campo dello strato</source>
      <translation>Layer field</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>— nessuno —</source>
      <translation>— none —</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Tema</source>
      <translation>Theme</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Codice</source>
      <translation>Code</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Gravità</source>
      <translation>Severity</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Problema</source>
      <translation>Issue</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Scegliere il Comune dall'elenco.</source>
      <translation>Choose the Municipality from the list.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Scegliere lo strato di almeno un tema.</source>
      <translation>Choose the layer for at least one theme.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Esito della verifica: </source>
      <translation>Check result: </translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Verifica non riuscita: vedere il registro dei messaggi (RE.MIX).</source>
      <translation>Check failed: see the message log (RE.MIX).</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Pacchetto creato: </source>
      <translation>Package created: </translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Pacchetto PGT creato: </source>
      <translation>PGT package created: </translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Valori ammessi: </source>
      <translation>Allowed values: </translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Comune «{name}» non trovato: scriverne il nome o il codice ISTAT, o sceglierlo dall'elenco.</source>
      <translation>Comune «{name}» not found: type its name or ISTAT code, or choose it from the list.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_component.py" />
      <source>Stampa…</source>
      <translation>Print…</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_component.py" />
      <source>Stampa la mappa con un layout CMM in PDF, in PNG o nel compositore di stampe; le schede comunali</source>
      <translation>Print the map with a CMM layout as PDF, as PNG or in the print layout designer; the Comune sheets</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.py" />
      <source>Vista attuale: tutti gli strati visibili</source>
      <translation>Current view: every visible layer</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.py" />
      <source>Esportazione in corso…</source>
      <translation>Exporting…</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.py" />
      <source>Esportazione della stampa…</source>
      <translation>Exporting the print…</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.py" />
      <source>Annulla</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.py" />
      <source>Stampa RE.MIX</source>
      <translation>RE.MIX print</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.py" />
      <source>PDF (*.pdf)</source>
      <translation>PDF (*.pdf)</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.py" />
      <source>PDF (*.pdf);;PNG (*.png)</source>
      <translation>PDF (*.pdf);;PNG (*.png)</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.py" />
      <source>Mappa RE.MIX</source>
      <translation>RE.MIX map</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.py" />
      <source>Stampa scritta: </source>
      <translation>Print written: </translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.py" />
      <source>Usa la scala della mappa (1:{})</source>
      <translation>Use the map's scale (1:{})</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.py" />
      <source>Layout «{}» aperto nel compositore.</source>
      <translation>Layout «{}» opened in the layout designer.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.py" />
      <source>Scegliere il file da scrivere (PDF o PNG).</source>
      <translation>Choose the file to write (PDF or PNG).</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.py" />
      <source> (un PDF, una pagina per Comune)</source>
      <translation> (one PDF, one page per municipality)</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.py" />
      <source>Una pagina per ciascun Comune di: </source>
      <translation>One page for each municipality of: </translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.py" />
      <source>Una pagina per ciascuno dei 133 Comuni (nessun filtro per Zona omogenea attivo).</source>
      <translation>One page for each of the 133 municipalities (no homogeneous zone filter active).</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.py" />
      <source>Stampa non riuscita: errore imprevisto ({}).</source>
      <translation>Print failed: unexpected error ({}).</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazione_form.py" />
      <source>Chi ha registrato la segnalazione. Per le nuove è l'«Autore delle segnalazioni» delle Impostazioni RE.MIX.</source>
      <translation>Who recorded the report. For new ones, the «Author of reports» of the RE.MIX settings.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazione_form.py" />
      <source>Spuntare per mostrare i campi del gruppo.</source>
      <translation>Tick to show the fields of the group.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazione_form.py" />
      <source>Segnalazione salvata nell'archivio locale.</source>
      <translation>Report saved in the local database.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazione_form.py" />
      <source>Nuova segnalazione</source>
      <translation>New report</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazione_form.py" />
      <source>Segnalazione: </source>
      <translation>Report: </translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_component.py" />
      <source>Registra una segnalazione: scegliere tipo e natura, disegnarla sulla mappa, compilare la scheda</source>
      <translation>Record a report: choose type and nature, draw it on the map, fill in the form</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_component.py" />
      <source>Segnalazioni</source>
      <translation>Reports</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_component.py" />
      <source>Elenco, stato, conflitti e opportunità vicine delle segnalazioni</source>
      <translation>List, status, conflicts and nearby opportunities of the reports</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_component.py" />
      <source>Sincronizza segnalazioni</source>
      <translation>Synchronise reports</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_component.py" />
      <source>Sincronizza l'archivio locale delle segnalazioni con l'archivio centrale della CMM</source>
      <translation>Synchronise the local reports database with the CMM central database</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_component.py" />
      <source>Disegnare la segnalazione sulla mappa.</source>
      <translation>Draw the report on the map.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_component.py" />
      <source>Sincronizzazione delle segnalazioni</source>
      <translation>Synchronising reports</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_component.py" />
      <source>Storia della segnalazione</source>
      <translation>Report history</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_component.py" />
      <source>Scegliere l'archivio centrale nel pannello «Segnalazioni» prima di sincronizzare.</source>
      <translation>Choose the central database in the “Reports” panel before synchronising.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_component.py" />
      <source>Scegliere l'archivio centrale nel pannello «Segnalazioni» per leggerne la storia.</source>
      <translation>Choose the central database in the “Reports” panel to read its history.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_component.py" />
      <source>Nessuna scrittura nell'archivio centrale: la segnalazione non è ancora stata inviata.</source>
      <translation>No writes in the central database: the report has not been sent yet.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>Tutti gli stati</source>
      <translation>All statuses</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>Tutti i tipi</source>
      <translation>All types</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>GeoPackage (*.gpkg)</source>
      <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>Esporta segnalazioni</source>
      <translation>Export reports</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>Archivio zip (*.zip)</source>
      <translation>Zip archive (*.zip)</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>Conflitti</source>
      <translation>Conflicts</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>L'archivio locale non esiste ancora: sarà creato con la prima segnalazione o dalla prima sincronizzazione.</source>
      <translation>The local database does not exist yet: it will be created with the first report or by the first synchronisation.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>Segnalazioni mostrate: {shown} su {total}; da sincronizzare: {waiting} (•).</source>
      <translation>Reports shown: {shown} of {total}; to synchronise: {waiting} (•).</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>Scegliere una segnalazione nell'elenco.</source>
      <translation>Choose a report in the list.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>Scegliere nell'elenco le segnalazioni da esportare.</source>
      <translation>Choose the reports to export in the list.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>Storia di «{title}»</source>
      <translation>History of “{title}”</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>Pacchetto da inviare scritto: {path}</source>
      <translation>Package for sending saved: {path}</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>{n} elementi del catalogo entro {d} m da «{title}».</source>
      <translation>{n} catalogue features within {d} m of “{title}”.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>Nessun conflitto scelto.</source>
      <translation>No conflict selected.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>Nessun conflitto da risolvere.</source>
      <translation>No conflicts to resolve.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>⊘ non più visibile nell'archivio centrale: conservata qui</source>
      <translation>⊘ no longer visible in the central database: kept here</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>Conflitti da risolvere: {n}.</source>
      <translation>Conflicts to resolve: {n}.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>Versione conservata</source>
      <translation>Version kept</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>Aggiornata il</source>
      <translation>Updated on</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/session.py" />
      <source>Mappe di base {mode} non caricate: nessuno strato raggiungibile. Restano le mappe di base in uso.</source>
      <translation>{mode} basemaps not loaded: no layer could be reached. The basemaps in use stay.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/session.py" />
      <source>Catalogo non aggiornato: nelle Impostazioni RE.MIX manca l'indirizzo del catalogo pubblicato dalla CMM. Resta in uso il catalogo {version} del {updated}.</source>
      <translation>Catalogue not updated: the RE.MIX Settings have no address for the catalogue CMM publishes. Catalogue {version} of {updated} stays in use.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/session.py" />
      <source>Nessun indirizzo del catalogo nelle Impostazioni: in uso il catalogo {version} del {updated} incluso nel plugin.</source>
      <translation>No catalogue address in the Settings: the plugin's own catalogue {version} of {updated} is in use.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/session.py" />
      <source>Catalogo RE.MIX aggiornato: in uso il catalogo {version} del {updated}.</source>
      <translation>RE.MIX catalogue updated: catalogue {version} of {updated} in use.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/session.py" />
      <source>Mappe di base {mode}: {count} strati.</source>
      <translation>{mode} basemaps: {count} layers.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/session.py" />
      <source>Il catalogo RE.MIX {version} del {updated} è già il più recente.</source>
      <translation>RE.MIX catalogue {version} of {updated} is already the newest.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.py" />
      <source>Pacchetto dati, poi servizi in rete</source>
      <translation>Data pack, then online services</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.py" />
      <source>Servizi in rete, poi pacchetto dati</source>
      <translation>Online services, then data pack</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.py" />
      <source>Archivio centrale</source>
      <translation>Central store</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.py" />
      <source>Predisporre o aggiornare l'archivio centrale delle segnalazioni (schema, ruoli, permessi, regole per riga)? Le segnalazioni presenti sono conservate. Serve un ruolo amministratore del database.</source>
      <translation>Set up or upgrade the central store of segnalazioni (schema, roles, privileges, row rules)? The segnalazioni already there are kept. A database administrator role is needed.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.py" />
      <source>Scegliere prima l'archivio centrale nel pannello Segnalazioni.</source>
      <translation>Choose the central store in the Segnalazioni panel first.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/zone_component.py" />
      <source>Filtra tutti gli strati del catalogo per Zona omogenea o per Comune</source>
      <translation>Filter all catalogue layers by Homogeneous zone or by Municipality</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/zone_component.py" />
      <source>Filtro per Zona omogenea: sarà applicato al termine del caricamento in corso.</source>
      <translation>Homogeneous zone filter: it will be applied when the current loading ends.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/zone_dock.py" />
      <source>I confini dei Comuni e delle Zone omogenee restano interi, velati fuori dalla selezione.</source>
      <translation>Municipality and Homogeneous zone boundaries stay whole, shaded outside the selection.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/zone_dock.py" />
      <source>Nessun filtro: tutta la Città metropolitana.</source>
      <translation>No filter: the whole Città metropolitana.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/zone_dock.py" />
      <source>Filtro attivo</source>
      <translation>Active filter</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/zone_dock.py" />
      <source>elementi in</source>
      <translation>features in</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/zone_dock.py" />
      <source>strati</source>
      <translation>layers</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/zone_dock.py" />
      <source>Strati raster non filtrabili (WMS, ArcGIS MapServer), solo velati fuori dalla selezione:</source>
      <translation>Raster layers that cannot be filtered (WMS, ArcGIS MapServer), only shaded outside the selection:</translation>
    </message>
    <message>
      <location filename="remix_plugin/plugin.py" />
      <source>Strumenti RE.MIX</source>
      <translation>RE.MIX tools</translation>
    </message>
  </context>
  <context>
    <name>SegnalazioniDock</name>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Segnalazioni</source>
      <translation>Reports</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Archivio locale</source>
      <translation>Local database</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Il GeoPackage delle segnalazioni di questo dispositivo (creato se non esiste)</source>
      <translation>The reports GeoPackage on this device (created if it does not exist)</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Archivio centrale</source>
      <translation>Central database</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Una connessione PostgreSQL di QGIS (credenziali nel gestore di autenticazione), oppure host=… dbname=… authcfg=…</source>
      <translation>A QGIS PostgreSQL connection (credentials in the authentication manager), or host=… dbname=… authcfg=…</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Sincronizza</source>
      <translation>Synchronise</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Invia le segnalazioni nuove e modificate e riceve quelle dell'archivio centrale</source>
      <translation>Sends new and modified reports and receives those from the central database</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>La password non va scritta qui: la connessione non è stata salvata. Usare una connessione PostgreSQL di QGIS, oppure authcfg=… (gestore di autenticazione di QGIS) o service=… (pg_service).</source>
      <translation>Do not write the password here: the connection was not saved. Use a QGIS PostgreSQL connection, or authcfg=… (QGIS authentication manager) or service=… (pg_service).</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Elenco</source>
      <translation>List</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Filtra per stato</source>
      <translation>Filter by status</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Filtra per tipo</source>
      <translation>Filter by type</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Comune…</source>
      <translation>Municipality…</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Titolo</source>
      <translation>Title</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Tipo</source>
      <translation>Type</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Comune</source>
      <translation>Municipality</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Stato</source>
      <translation>Status</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Apri</source>
      <translation>Open</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Mostra la segnalazione sulla mappa e apre la sua scheda per modificarla</source>
      <translation>Shows the report on the map and opens its form for editing</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Cambia stato</source>
      <translation>Change status</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Esporta…</source>
      <translation>Export…</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Le segnalazioni scelte in un file zip da inviare per e-mail: GeoPackage e scheda PDF</source>
      <translation>The selected reports in a zip file to send by e-mail: GeoPackage and PDF form</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Storia</source>
      <translation>History</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Chi ha scritto la segnalazione scelta nell'archivio centrale, e quando: ogni scrittura è firmata con l'accesso che l'ha inviata</source>
      <translation>Who wrote the selected report in the central database, and when: every write is signed with the login that sent it</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Opportunità vicine</source>
      <translation>Nearby opportunities</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Entro</source>
      <translation>Within</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source> m</source>
      <translation> m</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Cerca intorno alla segnalazione scelta</source>
      <translation>Search around the selected report</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Distanza</source>
      <translation>Distance</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Elemento</source>
      <translation>Feature</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Strato</source>
      <translation>Layer</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Conflitti</source>
      <translation>Conflicts</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Tieni la versione centrale</source>
      <translation>Keep the central version</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Ripristina la versione locale</source>
      <translation>Restore the local version</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>La versione di questo dispositivo torna quella in uso e sarà inviata alla prossima sincronizzazione</source>
      <translation>The version on this device becomes the current one again and will be sent at the next synchronisation</translation>
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.ui" />
      <source>Impostazioni RE.MIX</source>
      <translation>RE.MIX settings</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.ui" />
      <source>Catalogo</source>
      <translation>Catalogue</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.ui" />
      <source>Indirizzo di un catalogo aggiornato</source>
      <translation>Address of an updated catalogue</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.ui" />
      <source>vuoto: il catalogo incluso nel plugin</source>
      <translation>empty: the catalogue included in the plugin</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.ui" />
      <source>Autenticazione del catalogo</source>
      <translation>Catalogue authentication</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.ui" />
      <source>Dati</source>
      <translation>Data</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.ui" />
      <source>Pacchetto dati (GeoPackage)</source>
      <translation>Data pack (GeoPackage)</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.ui" />
      <source>Sorgenti preferite</source>
      <translation>Preferred sources</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.ui" />
      <source>Autenticazione dei servizi</source>
      <translation>Service authentication</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.ui" />
      <source>Attesa massima dei servizi (s)</source>
      <translation>Maximum service wait (s)</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.ui" />
      <source>Segnalazioni</source>
      <translation>Reports</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.ui" />
      <source>Autore delle segnalazioni</source>
      <translation>Author of reports</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.ui" />
      <source>Il nome registrato come autore di ogni nuova segnalazione compilata su questo computer, anche senza rete; non si scrive nella scheda. Le segnalazioni già registrate mantengono il loro autore. Vuoto: il nome dell'utente del sistema.</source>
      <translation>The name recorded as the author of every new report filled in on this computer, offline too; it is not typed in the form. Reports already recorded keep their author. Empty: the system user's name.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.ui" />
      <source>Predisponi l'archivio centrale…</source>
      <translation>Set up the central store…</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.ui" />
      <source>Solo per l'amministratore di Città metropolitana: crea o aggiorna nell'archivio centrale delle segnalazioni (la connessione scelta nel pannello Segnalazioni) lo schema, i ruoli, i permessi e le regole per riga. Serve un ruolo amministratore del database.</source>
      <translation>For Città metropolitana's administrator only: creates or upgrades, in the central store of segnalazioni (the connection chosen in the Segnalazioni panel), the schema, the roles, the privileges and the row rules. A database administrator role is needed.</translation>
    </message>
  </context>
  <context>
    <name>ZoneDock</name>
    <message>
      <location filename="remix_plugin/gui/zone_dock.ui" />
      <source>Zone omogenee</source>
      <translation>Homogeneous zones</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/zone_dock.ui" />
      <source>Cerca una Zona o un Comune…</source>
      <translation>Search for a Zone or a Municipality…</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/zone_dock.ui" />
      <source>Zona omogenea / Comune</source>
      <translation>Homogeneous zone / Municipality</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/zone_dock.ui" />
      <source>Applica il filtro</source>
      <translation>Apply filter</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/zone_dock.ui" />
      <source>Mostra in tutti gli strati del catalogo solo gli elementi che toccano i Comuni spuntati</source>
      <translation>Show in all catalogue layers only the features touching the ticked Municipalities</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/zone_dock.ui" />
      <source>Tutta la Città metropolitana</source>
      <translation>The whole Città metropolitana</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/zone_dock.ui" />
      <source>Toglie il filtro: tutti gli strati tornano come prima</source>
      <translation>Removes the filter: all layers return to how they were</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/zone_dock.ui" />
      <source>Zoom alla selezione</source>
      <translation>Zoom to selection</translation>
    </message>
  </context>
</TS>
