<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it_IT">
  <context>
    <name>CatalogueDock</name>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.ui" />
      <source>Catalogo RE.MIX</source>
      <translation>Catalogo RE.MIX</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.ui" />
      <source>Mappa delle Opportunità</source>
      <translation>Mappa delle Opportunità</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.ui" />
      <source>Mappa delle Realizzazioni</source>
      <translation>Mappa delle Realizzazioni</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.ui" />
      <source>Cerca nel catalogo…</source>
      <translation>Cerca nel catalogo…</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.ui" />
      <source>Strato</source>
      <translation>Strato</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.ui" />
      <source>Aggiornamento</source>
      <translation>Aggiornamento</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.ui" />
      <source>Fonte</source>
      <translation>Fonte</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.ui" />
      <source>Carica strato</source>
      <translation>Carica strato</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.ui" />
      <source>Aggiorna catalogo</source>
      <translation>Aggiorna catalogo</translation>
    </message>
  </context>
  <context>
    <name>IndicatorsDock</name>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Indicatori di sintesi</source>
      <translation>Indicatori di sintesi</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Indicatore</source>
      <translation>Indicatore</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Metodo delle classi</source>
      <translation>Metodo delle classi</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Classi</source>
      <translation>Classi</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Normalizzazione</source>
      <translation>Normalizzazione</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Classi rispetto a</source>
      <translation>Classi rispetto a</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>I Comuni con cui ogni Comune è confrontato per la sua classe; la Scheda comunale usa la stessa scelta</source>
      <translation>I Comuni con cui ogni Comune è confrontato per la sua classe; la Scheda comunale usa la stessa scelta</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Annulla</source>
      <translation>Annulla</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Ricalcola dai dati (dopo una modifica degli strati o del pacchetto dati)</source>
      <translation>Ricalcola dai dati (dopo una modifica degli strati o del pacchetto dati)</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Ricalcola</source>
      <translation>Ricalcola</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Selezionare un Comune per vedere gli elementi da cui viene il suo valore.</source>
      <translation>Selezionare un Comune per vedere gli elementi da cui viene il suo valore.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Codice</source>
      <translation>Codice</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Quantità</source>
      <translation>Quantità</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Strato</source>
      <translation>Strato</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Descrizione</source>
      <translation>Descrizione</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Nota</source>
      <translation>Nota</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Esporta CSV</source>
      <translation>Esporta CSV</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Aggiungi alla mappa</source>
      <translation>Aggiungi alla mappa</translation>
    </message>
  </context>
  <context>
    <name>InfoboxDock</name>
    <message>
      <location filename="remix_plugin/gui/infobox_dock.ui" />
      <source>Infobox RE.MIX</source>
      <translation>Infobox RE.MIX</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/infobox_dock.ui" />
      <source>Elemento precedente</source>
      <translation>Elemento precedente</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/infobox_dock.ui" />
      <source>Elemento successivo</source>
      <translation>Elemento successivo</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/infobox_dock.ui" />
      <source>Zoom</source>
      <translation>Zoom</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/infobox_dock.ui" />
      <source>Porta la mappa sull'elemento mostrato</source>
      <translation>Porta la mappa sull'elemento mostrato</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/infobox_dock.ui" />
      <source>Gli elementi toccati dal clic, strato per strato, dal più in alto al più in basso</source>
      <translation>Gli elementi toccati dal clic, strato per strato, dal più in alto al più in basso</translation>
    </message>
  </context>
  <context>
    <name>NewSegnalazioneDialog</name>
    <message>
      <location filename="remix_plugin/gui/new_segnalazione_dialog.ui" />
      <source>Nuova segnalazione</source>
      <translation>Nuova segnalazione</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/new_segnalazione_dialog.ui" />
      <source>Tipo</source>
      <translation>Tipo</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/new_segnalazione_dialog.ui" />
      <source>Natura</source>
      <translation>Natura</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/new_segnalazione_dialog.ui" />
      <source>Autore</source>
      <translation>Autore</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/new_segnalazione_dialog.ui" />
      <source>Si cambia in Impostazioni RE.MIX, «Autore delle segnalazioni».</source>
      <translation>Si cambia in Impostazioni RE.MIX, «Autore delle segnalazioni».</translation>
    </message>
  </context>
  <context>
    <name>OfflineDialog</name>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.ui" />
      <source>Prepara pacchetto offline</source>
      <translation>Prepara pacchetto offline</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.ui" />
      <source>Area</source>
      <translation>Area</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.ui" />
      <source>Tutta la Città metropolitana</source>
      <translation>Tutta la Città metropolitana</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.ui" />
      <source>Zona omogenea</source>
      <translation>Zona omogenea</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.ui" />
      <source>Comuni</source>
      <translation>Comuni</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.ui" />
      <source>cerca un Comune…</source>
      <translation>cerca un Comune…</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.ui" />
      <source>Contenuto</source>
      <translation>Contenuto</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.ui" />
      <source>Mappa delle Opportunità</source>
      <translation>Mappa delle Opportunità</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.ui" />
      <source>Mappa delle Realizzazioni</source>
      <translation>Mappa delle Realizzazioni</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.ui" />
      <source>Mappa di base</source>
      <translation>Mappa di base</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.ui" />
      <source>Limite senza conferma</source>
      <translation>Limite senza conferma</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.ui" />
      <source> MB</source>
      <translation> MB</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.ui" />
      <source>Precompila le segnalazioni dall'archivio centrale</source>
      <translation>Precompila le segnalazioni dall'archivio centrale</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.ui" />
      <source>Cartella di destinazione</source>
      <translation>Cartella di destinazione</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.ui" />
      <source>Verifica</source>
      <translation>Verifica</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.ui" />
      <source>Crea pacchetto</source>
      <translation>Crea pacchetto</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.ui" />
      <source>Aggiorna un pacchetto esistente (le segnalazioni restano)</source>
      <translation>Aggiorna un pacchetto esistente (le segnalazioni restano)</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.ui" />
      <source>Aggiorna pacchetto</source>
      <translation>Aggiorna pacchetto</translation>
    </message>
  </context>
  <context>
    <name>PgtDialog</name>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.ui" />
      <source>Pacchetto PGT</source>
      <translation>Pacchetto PGT</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.ui" />
      <source>Comune</source>
      <translation>Comune</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.ui" />
      <source>Per ogni tema scegliere lo strato del PGT (qualsiasi formato e sistema di riferimento) e associare i suoi campi a quelli attesi da CMM. I campi con l'asterisco sono obbligatori. I file del PGT non vengono mai modificati.</source>
      <translation>Per ogni tema scegliere lo strato del PGT (qualsiasi formato e sistema di riferimento) e associare i suoi campi a quelli attesi da CMM. I campi con l'asterisco sono obbligatori. I file del PGT non vengono mai modificati.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.ui" />
      <source>Cartella del pacchetto</source>
      <translation>Cartella del pacchetto</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.ui" />
      <source>Verifica</source>
      <translation>Verifica</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.ui" />
      <source>Crea pacchetto</source>
      <translation>Crea pacchetto</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.ui" />
      <source>Problemi</source>
      <translation>Problemi</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.ui" />
      <source>Lettura di coerenza</source>
      <translation>Lettura di coerenza</translation>
    </message>
  </context>
  <context>
    <name>PrintDialog</name>
    <message>
      <location filename="remix_plugin/gui/print_dialog.ui" />
      <source>Stampa con un layout CMM</source>
      <translation>Stampa con un layout CMM</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.ui" />
      <source>Modello</source>
      <translation>Modello</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.ui" />
      <source>Mappa</source>
      <translation>Mappa</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.ui" />
      <source>Titolo</source>
      <translation>Titolo</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.ui" />
      <source>Usa la scala della mappa</source>
      <translation>Usa la scala della mappa</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.ui" />
      <source>Senza questa opzione la stampa mostra tutta la vista della mappa, alla scala arrotondata che la contiene</source>
      <translation>Senza questa opzione la stampa mostra tutta la vista della mappa, alla scala arrotondata che la contiene</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.ui" />
      <source>File</source>
      <translation>File</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.ui" />
      <source>Apri nel compositore</source>
      <translation>Apri nel compositore</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.ui" />
      <source>Apre il layout nel compositore di stampe di QGIS, con l'estensione, la scala e gli strati della mappa: si può ancora modificare prima di stampare</source>
      <translation>Apre il layout nel compositore di stampe di QGIS, con l'estensione, la scala e gli strati della mappa: si può ancora modificare prima di stampare</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.ui" />
      <source>Esporta</source>
      <translation>Esporta</translation>
    </message>
  </context>
  <context>
    <name>RemixPlugin</name>
    <message>
      <location filename="remix_plugin/core/base/formatting.py" />
      <source>n.d.</source>
      <translation>n.d.</translation>
    </message>
    <message>
      <location filename="remix_plugin/core/catalogue/maps.py" />
      <source>«{other}» nascosta: due mappe accese disegnano due volte Comuni, Zone omogenee e nomi. Per rivederla, spuntala nel pannello Layer.</source>
      <translation>«{other}» nascosta: due mappe accese disegnano due volte Comuni, Zone omogenee e nomi. Per rivederla, spuntala nel pannello Layer.</translation>
    </message>
    <message>
      <location filename="remix_plugin/core/infobox/content.py" />
      <source>indirizzo non attivo: sono ammessi solo http, https e mailto</source>
      <translation>indirizzo non attivo: sono ammessi solo http, https e mailto</translation>
    </message>
    <message>
      <location filename="remix_plugin/core/infobox/content.py" />
      <source>(testo abbreviato: {n} caratteri in tutto)</source>
      <translation>(testo abbreviato: {n} caratteri in tutto)</translation>
    </message>
    <message>
      <location filename="remix_plugin/core/infobox/content.py" />
      <source>sì</source>
      <translation>sì</translation>
    </message>
    <message>
      <location filename="remix_plugin/core/infobox/content.py" />
      <source>no</source>
      <translation>no</translation>
    </message>
    <message>
      <location filename="remix_plugin/core/infobox/content.py" />
      <source>elemento</source>
      <translation>elemento</translation>
    </message>
    <message>
      <location filename="remix_plugin/core/infobox/places.py" />
      <source>Comuni</source>
      <translation>Comuni</translation>
    </message>
    <message>
      <location filename="remix_plugin/core/infobox/places.py" />
      <source>Zone omogenee</source>
      <translation>Zone omogenee</translation>
    </message>
    <message>
      <location filename="remix_plugin/core/infobox/places.py" />
      <source>Interventi</source>
      <translation>Interventi</translation>
    </message>
    <message>
      <location filename="remix_plugin/core/infobox/places.py" />
      <source>Aree di opportunità</source>
      <translation>Aree di opportunità</translation>
    </message>
    <message>
      <location filename="remix_plugin/core/infobox/places.py" />
      <source>Stazioni</source>
      <translation>Stazioni</translation>
    </message>
    <message>
      <location filename="remix_plugin/core/infobox/places.py" />
      <source>Comune</source>
      <translation>Comune</translation>
    </message>
    <message>
      <location filename="remix_plugin/core/infobox/places.py" />
      <source>Zona omogenea</source>
      <translation>Zona omogenea</translation>
    </message>
    <message>
      <location filename="remix_plugin/core/infobox/places.py" />
      <source>Stazione</source>
      <translation>Stazione</translation>
    </message>
    <message>
      <location filename="remix_plugin/core/pgt/report.py" />
      <source>Pacchetto PGT — </source>
      <translation>Pacchetto PGT — </translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_component.py" />
      <source>Catalogo RE.MIX</source>
      <translation>Catalogo RE.MIX</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_component.py" />
      <source>Mappa delle Opportunità</source>
      <translation>Mappa delle Opportunità</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_component.py" />
      <source>Carica la Mappa delle Opportunità: dove la rigenerazione potrebbe avvenire</source>
      <translation>Carica la Mappa delle Opportunità: dove la rigenerazione potrebbe avvenire</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_component.py" />
      <source>Mappa delle Realizzazioni</source>
      <translation>Mappa delle Realizzazioni</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_component.py" />
      <source>Carica la Mappa delle Realizzazioni: interventi finanziati, in corso o realizzati</source>
      <translation>Carica la Mappa delle Realizzazioni: interventi finanziati, in corso o realizzati</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_component.py" />
      <source>Mappe di base</source>
      <translation>Mappe di base</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_component.py" />
      <source>Impostazioni…</source>
      <translation>Impostazioni…</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_component.py" />
      <source>Light: satellite, topografia, OpenStreetMap</source>
      <translation>Light: satellite, topografia, OpenStreetMap</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_component.py" />
      <source>Pro: ortofoto regionale, DBTR, CTR</source>
      <translation>Pro: ortofoto regionale, DBTR, CTR</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_component.py" />
      <source>Nessuna</source>
      <translation>Nessuna</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.py" />
      <source>Titolo dello strato nel catalogo</source>
      <translation>Titolo dello strato nel catalogo</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.py" />
      <source>Anno dell'ultimo aggiornamento dei dati</source>
      <translation>Anno dell'ultimo aggiornamento dei dati</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.py" />
      <source>Ente fonte dei dati</source>
      <translation>Ente fonte dei dati</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.py" />
      <source>Mappe</source>
      <translation>Mappe</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.py" />
      <source>Fonte</source>
      <translation>Fonte</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.py" />
      <source>aggiornamento</source>
      <translation>aggiornamento</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.py" />
      <source>Pagina di riferimento</source>
      <translation>Pagina di riferimento</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.py" />
      <source>Pagina di riferimento: </source>
      <translation>Pagina di riferimento: </translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.py" />
      <source>Aggiornamento dei dati: </source>
      <translation>Aggiornamento dei dati: </translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.py" />
      <source>Fonte: </source>
      <translation>Fonte: </translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/help_component.py" />
      <source>Aiuto</source>
      <translation>Aiuto</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/help_component.py" />
      <source>Guida alla consultazione</source>
      <translation>Guida alla consultazione</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/help_component.py" />
      <source>Come consultare le mappe, le infobox e gli strumenti RE.MIX</source>
      <translation>Come consultare le mappe, le infobox e gli strumenti RE.MIX</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_component.py" />
      <source>Indicatori di sintesi</source>
      <translation>Indicatori di sintesi</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_component.py" />
      <source>Superficie delle aree di interesse e finanziamento per Comune, in classi</source>
      <translation>Superficie delle aree di interesse e finanziamento per Comune, in classi</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_component.py" />
      <source>Aggiornamento degli indicatori nelle mappe</source>
      <translation>Aggiornamento degli indicatori nelle mappe</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>Ambito: tutta la Città metropolitana di Milano</source>
      <translation>Ambito: tutta la Città metropolitana di Milano</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>Esportazione dell'indicatore</source>
      <translation>Esportazione dell'indicatore</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>Tutti i Comuni della Città metropolitana</source>
      <translation>Tutti i Comuni della Città metropolitana</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>Solo i Comuni del filtro</source>
      <translation>Solo i Comuni del filtro</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>Calcolo dell'indicatore</source>
      <translation>Calcolo dell'indicatore</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>Il pacchetto dati non ha la popolazione dei Comuni</source>
      <translation>Il pacchetto dati non ha la popolazione dei Comuni</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>elementi</source>
      <translation>elementi</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>Esporta CSV</source>
      <translation>Esporta CSV</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>Tabella CSV (*.csv)</source>
      <translation>Tabella CSV (*.csv)</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>classi</source>
      <translation>classi</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>Avvisi del calcolo</source>
      <translation>Avvisi del calcolo</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>Valore classificato</source>
      <translation>Valore classificato</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>Classe</source>
      <translation>Classe</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>Nessun filtro attivo: si confrontano tutti i Comuni</source>
      <translation>Nessun filtro attivo: si confrontano tutti i Comuni</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>più grandi; tutti con «Esporta CSV»</source>
      <translation>più grandi; tutti con «Esporta CSV»</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>Indicatore esportato</source>
      <translation>Indicatore esportato</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>Ambito: filtro attivo</source>
      <translation>Ambito: filtro attivo</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>(unione delle aree: le sovrapposizioni contano una volta)</source>
      <translation>(unione delle aree: le sovrapposizioni contano una volta)</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>classi su</source>
      <translation>classi su</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>classi sul filtro</source>
      <translation>classi sul filtro</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>qui i</source>
      <translation>qui i</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>codice ISTAT</source>
      <translation>codice ISTAT</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/infobox_component.py" />
      <source>Informazioni RE.MIX</source>
      <translation>Informazioni RE.MIX</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/infobox_component.py" />
      <source>Fare clic sulla mappa per leggere le informazioni delle aree e degli interventi RE.MIX</source>
      <translation>Fare clic sulla mappa per leggere le informazioni delle aree e degli interventi RE.MIX</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/infobox_component.py" />
      <source>Infobox RE.MIX</source>
      <translation>Infobox RE.MIX</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/infobox_component.py" />
      <source>Il pannello delle infobox</source>
      <translation>Il pannello delle infobox</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/infobox_component.py" />
      <source>Nessun elemento del catalogo RE.MIX in questo punto alla scala attuale.</source>
      <translation>Nessun elemento del catalogo RE.MIX in questo punto alla scala attuale.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/infobox_component.py" />
      <source>Nessun elemento mostrato.</source>
      <translation>Nessun elemento mostrato.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/infobox_dock.py" />
      <source>Attivare lo strumento «Informazioni RE.MIX» e fare clic sulla mappa su un'area o un intervento.</source>
      <translation>Attivare lo strumento «Informazioni RE.MIX» e fare clic sulla mappa su un'area o un intervento.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/infobox_dock.py" />
      <source>Gli elementi mostrati non sono più sulla mappa.</source>
      <translation>Gli elementi mostrati non sono più sulla mappa.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/infobox_dock.py" />
      <source>Collegamento non aperto: sono ammessi solo indirizzi http, https e mailto.</source>
      <translation>Collegamento non aperto: sono ammessi solo indirizzi http, https e mailto.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/infobox_dock.py" />
      <source>{n} di {total}</source>
      <translation>{n} di {total}</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/locator_filter.py" />
      <source>Comuni, Zone omogenee, interventi, aree di opportunità e stazioni del pacchetto dati RE.MIX</source>
      <translation>Comuni, Zone omogenee, interventi, aree di opportunità e stazioni del pacchetto dati RE.MIX</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/new_segnalazione_dialog.py" />
      <source>Fare clic sulla mappa nel punto della segnalazione.</source>
      <translation>Fare clic sulla mappa nel punto della segnalazione.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/new_segnalazione_dialog.py" />
      <source>Disegnare il perimetro sulla mappa: clic sinistro per ogni vertice, clic destro per chiudere. I vertici si agganciano agli strati del catalogo.</source>
      <translation>Disegnare il perimetro sulla mappa: clic sinistro per ogni vertice, clic destro per chiudere. I vertici si agganciano agli strati del catalogo.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/new_segnalazione_dialog.py" />
      <source>Poi si apre la scheda da compilare.</source>
      <translation>Poi si apre la scheda da compilare.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_component.py" />
      <source>Prepara pacchetto offline…</source>
      <translation>Prepara pacchetto offline…</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_component.py" />
      <source>Porta una parte del catalogo sui tablet di campo, senza rete; aggiorna un pacchetto già preparato</source>
      <translation>Porta una parte del catalogo sui tablet di campo, senza rete; aggiorna un pacchetto già preparato</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.py" />
      <source>GeoTIFF o MBTiles (*.tif *.tiff *.mbtiles)</source>
      <translation>GeoTIFF o MBTiles (*.tif *.tiff *.mbtiles)</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.py" />
      <source>Un'immagine di sfondo già disponibile sul computer: viene copiata nel pacchetto, perché in campo non c'è rete</source>
      <translation>Un'immagine di sfondo già disponibile sul computer: viene copiata nel pacchetto, perché in campo non c'è rete</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.py" />
      <source>Crea pacchetto</source>
      <translation>Crea pacchetto</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.py" />
      <source>Aggiorna pacchetto</source>
      <translation>Aggiorna pacchetto</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.py" />
      <source>Pacchetto offline</source>
      <translation>Pacchetto offline</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.py" />
      <source>Aggiornamento del pacchetto offline</source>
      <translation>Aggiornamento del pacchetto offline</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.py" />
      <source>Porta nel pacchetto le segnalazioni dell'archivio centrale</source>
      <translation>Porta nel pacchetto le segnalazioni dell'archivio centrale</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.py" />
      <source>Scegliere prima l'archivio centrale nel pannello «Segnalazioni»</source>
      <translation>Scegliere prima l'archivio centrale nel pannello «Segnalazioni»</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.py" />
      <source>Scegliere almeno un Comune, una Zona omogenea o tutta la Città metropolitana.</source>
      <translation>Scegliere almeno un Comune, una Zona omogenea o tutta la Città metropolitana.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.py" />
      <source>Scegliere la cartella in cui creare il pacchetto.</source>
      <translation>Scegliere la cartella in cui creare il pacchetto.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.py" />
      <source>Il progetto del pacchetto ha modifiche non salvate negli strati: salvarle o annullarle prima di aggiornare il pacchetto.</source>
      <translation>Il progetto del pacchetto ha modifiche non salvate negli strati: salvarle o annullarle prima di aggiornare il pacchetto.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.py" />
      <source>Pacchetto aggiornato</source>
      <translation>Pacchetto aggiornato</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.py" />
      <source>Pacchetto scritto</source>
      <translation>Pacchetto scritto</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.py" />
      <source>Aggiorna comunque</source>
      <translation>Aggiorna comunque</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.py" />
      <source>Crea comunque</source>
      <translation>Crea comunque</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.py" />
      <source>Area</source>
      <translation>Area</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.py" />
      <source>dimensione stimata</source>
      <translation>dimensione stimata</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.py" />
      <source>limite</source>
      <translation>limite</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.py" />
      <source>Elementi per strato nel pacchetto</source>
      <translation>Elementi per strato nel pacchetto</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.py" />
      <source>Nulla è stato scritto. Rivedere le questioni qui sotto; per procedere lo stesso, fare clic di nuovo.</source>
      <translation>Nulla è stato scritto. Rivedere le questioni qui sotto; per procedere lo stesso, fare clic di nuovo.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/offline_dialog.py" />
      <source>Da decidere prima di scrivere</source>
      <translation>Da decidere prima di scrivere</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_component.py" />
      <source>Pacchetto PGT…</source>
      <translation>Pacchetto PGT…</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_component.py" />
      <source>Verifica i file del PGT di un Comune e crea il pacchetto per la valutazione di compatibilità con il PTM</source>
      <translation>Verifica i file del PGT di un Comune e crea il pacchetto per la valutazione di compatibilità con il PTM</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Apri file…</source>
      <translation>Apri file…</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Aggiunge al progetto uno strato da file (shapefile, GeoPackage, DXF…)</source>
      <translation>Aggiunge al progetto uno strato da file (shapefile, GeoPackage, DXF…)</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Chiudi</source>
      <translation>Chiudi</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Strato del PGT</source>
      <translation>Strato del PGT</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Verifica PGT</source>
      <translation>Verifica PGT</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Pacchetto PGT</source>
      <translation>Pacchetto PGT</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Verifica in corso…</source>
      <translation>Verifica in corso…</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Strato</source>
      <translation>Strato</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Campo atteso</source>
      <translation>Campo atteso</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Campo dello strato</source>
      <translation>Campo dello strato</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>— nessuno —</source>
      <translation>— nessuno —</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Tema</source>
      <translation>Tema</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Codice</source>
      <translation>Codice</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Gravità</source>
      <translation>Gravità</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Problema</source>
      <translation>Problema</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Scegliere il Comune dall'elenco.</source>
      <translation>Scegliere il Comune dall'elenco.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Scegliere lo strato di almeno un tema.</source>
      <translation>Scegliere lo strato di almeno un tema.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Esito della verifica: </source>
      <translation>Esito della verifica: </translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Verifica non riuscita: vedere il registro dei messaggi (RE.MIX).</source>
      <translation>Verifica non riuscita: vedere il registro dei messaggi (RE.MIX).</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Pacchetto creato: </source>
      <translation>Pacchetto creato: </translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Pacchetto PGT creato: </source>
      <translation>Pacchetto PGT creato: </translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Valori ammessi: </source>
      <translation>Valori ammessi: </translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Comune «{name}» non trovato: scriverne il nome o il codice ISTAT, o sceglierlo dall'elenco.</source>
      <translation>Comune «{name}» non trovato: scriverne il nome o il codice ISTAT, o sceglierlo dall'elenco.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_component.py" />
      <source>Stampa…</source>
      <translation>Stampa…</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_component.py" />
      <source>Stampa la mappa con un layout CMM in PDF, in PNG o nel compositore di stampe; le schede comunali</source>
      <translation>Stampa la mappa con un layout CMM in PDF, in PNG o nel compositore di stampe; le schede comunali</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.py" />
      <source>Vista attuale: tutti gli strati visibili</source>
      <translation>Vista attuale: tutti gli strati visibili</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.py" />
      <source>Esportazione in corso…</source>
      <translation>Esportazione in corso…</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.py" />
      <source>Esportazione della stampa…</source>
      <translation>Esportazione della stampa…</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.py" />
      <source>Annulla</source>
      <translation>Annulla</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.py" />
      <source>Stampa RE.MIX</source>
      <translation>Stampa RE.MIX</translation>
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
      <translation>Mappa RE.MIX</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.py" />
      <source>Stampa scritta: </source>
      <translation>Stampa scritta: </translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.py" />
      <source>Usa la scala della mappa (1:{})</source>
      <translation>Usa la scala della mappa (1:{})</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.py" />
      <source>Layout «{}» aperto nel compositore.</source>
      <translation>Layout «{}» aperto nel compositore.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.py" />
      <source>Scegliere il file da scrivere (PDF o PNG).</source>
      <translation>Scegliere il file da scrivere (PDF o PNG).</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.py" />
      <source> (un PDF, una pagina per Comune)</source>
      <translation> (un PDF, una pagina per Comune)</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.py" />
      <source>Una pagina per ciascun Comune di: </source>
      <translation>Una pagina per ciascun Comune di: </translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.py" />
      <source>Una pagina per ciascuno dei 133 Comuni (nessun filtro per Zona omogenea attivo).</source>
      <translation>Una pagina per ciascuno dei 133 Comuni (nessun filtro per Zona omogenea attivo).</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/print_dialog.py" />
      <source>Stampa non riuscita: errore imprevisto ({}).</source>
      <translation>Stampa non riuscita: errore imprevisto ({}).</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazione_form.py" />
      <source>Chi ha registrato la segnalazione. Per le nuove è l'«Autore delle segnalazioni» delle Impostazioni RE.MIX.</source>
      <translation>Chi ha registrato la segnalazione. Per le nuove è l'«Autore delle segnalazioni» delle Impostazioni RE.MIX.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazione_form.py" />
      <source>Spuntare per mostrare i campi del gruppo.</source>
      <translation>Spuntare per mostrare i campi del gruppo.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazione_form.py" />
      <source>Segnalazione salvata nell'archivio locale.</source>
      <translation>Segnalazione salvata nell'archivio locale.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazione_form.py" />
      <source>Nuova segnalazione</source>
      <translation>Nuova segnalazione</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazione_form.py" />
      <source>Segnalazione: </source>
      <translation>Segnalazione: </translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_component.py" />
      <source>Registra una segnalazione: scegliere tipo e natura, disegnarla sulla mappa, compilare la scheda</source>
      <translation>Registra una segnalazione: scegliere tipo e natura, disegnarla sulla mappa, compilare la scheda</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_component.py" />
      <source>Segnalazioni</source>
      <translation>Segnalazioni</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_component.py" />
      <source>Elenco, stato, conflitti e opportunità vicine delle segnalazioni</source>
      <translation>Elenco, stato, conflitti e opportunità vicine delle segnalazioni</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_component.py" />
      <source>Sincronizza segnalazioni</source>
      <translation>Sincronizza segnalazioni</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_component.py" />
      <source>Sincronizza l'archivio locale delle segnalazioni con l'archivio centrale della CMM</source>
      <translation>Sincronizza l'archivio locale delle segnalazioni con l'archivio centrale della CMM</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_component.py" />
      <source>Disegnare la segnalazione sulla mappa.</source>
      <translation>Disegnare la segnalazione sulla mappa.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_component.py" />
      <source>Sincronizzazione delle segnalazioni</source>
      <translation>Sincronizzazione delle segnalazioni</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_component.py" />
      <source>Storia della segnalazione</source>
      <translation>Storia della segnalazione</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_component.py" />
      <source>Scegliere l'archivio centrale nel pannello «Segnalazioni» prima di sincronizzare.</source>
      <translation>Scegliere l'archivio centrale nel pannello «Segnalazioni» prima di sincronizzare.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_component.py" />
      <source>Scegliere l'archivio centrale nel pannello «Segnalazioni» per leggerne la storia.</source>
      <translation>Scegliere l'archivio centrale nel pannello «Segnalazioni» per leggerne la storia.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_component.py" />
      <source>Nessuna scrittura nell'archivio centrale: la segnalazione non è ancora stata inviata.</source>
      <translation>Nessuna scrittura nell'archivio centrale: la segnalazione non è ancora stata inviata.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>Tutti gli stati</source>
      <translation>Tutti gli stati</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>Tutti i tipi</source>
      <translation>Tutti i tipi</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>GeoPackage (*.gpkg)</source>
      <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>Esporta segnalazioni</source>
      <translation>Esporta segnalazioni</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>Archivio zip (*.zip)</source>
      <translation>Archivio zip (*.zip)</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>Conflitti</source>
      <translation>Conflitti</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>L'archivio locale non esiste ancora: sarà creato con la prima segnalazione o dalla prima sincronizzazione.</source>
      <translation>L'archivio locale non esiste ancora: sarà creato con la prima segnalazione o dalla prima sincronizzazione.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>Segnalazioni mostrate: {shown} su {total}; da sincronizzare: {waiting} (•).</source>
      <translation>Segnalazioni mostrate: {shown} su {total}; da sincronizzare: {waiting} (•).</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>Scegliere una segnalazione nell'elenco.</source>
      <translation>Scegliere una segnalazione nell'elenco.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>Scegliere nell'elenco le segnalazioni da esportare.</source>
      <translation>Scegliere nell'elenco le segnalazioni da esportare.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>Storia di «{title}»</source>
      <translation>Storia di «{title}»</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>Pacchetto da inviare scritto: {path}</source>
      <translation>Pacchetto da inviare scritto: {path}</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>{n} elementi del catalogo entro {d} m da «{title}».</source>
      <translation>{n} elementi del catalogo entro {d} m da «{title}».</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>Nessun conflitto scelto.</source>
      <translation>Nessun conflitto scelto.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>Nessun conflitto da risolvere.</source>
      <translation>Nessun conflitto da risolvere.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>⊘ non più visibile nell'archivio centrale: conservata qui</source>
      <translation>⊘ non più visibile nell'archivio centrale: conservata qui</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>Conflitti da risolvere: {n}.</source>
      <translation>Conflitti da risolvere: {n}.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>Versione conservata</source>
      <translation>Versione conservata</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>Aggiornata il</source>
      <translation>Aggiornata il</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/session.py" />
      <source>Mappe di base {mode} non caricate: nessuno strato raggiungibile. Restano le mappe di base in uso.</source>
      <translation>Mappe di base {mode} non caricate: nessuno strato raggiungibile. Restano le mappe di base in uso.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/session.py" />
      <source>Catalogo non aggiornato: nelle Impostazioni RE.MIX manca l'indirizzo del catalogo pubblicato dalla CMM. Resta in uso il catalogo {version} del {updated}.</source>
      <translation>Catalogo non aggiornato: nelle Impostazioni RE.MIX manca l'indirizzo del catalogo pubblicato dalla CMM. Resta in uso il catalogo {version} del {updated}.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/session.py" />
      <source>Nessun indirizzo del catalogo nelle Impostazioni: in uso il catalogo {version} del {updated} incluso nel plugin.</source>
      <translation>Nessun indirizzo del catalogo nelle Impostazioni: in uso il catalogo {version} del {updated} incluso nel plugin.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/session.py" />
      <source>Catalogo RE.MIX aggiornato: in uso il catalogo {version} del {updated}.</source>
      <translation>Catalogo RE.MIX aggiornato: in uso il catalogo {version} del {updated}.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/session.py" />
      <source>Mappe di base {mode}: {count} strati.</source>
      <translation>Mappe di base {mode}: {count} strati.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/session.py" />
      <source>Il catalogo RE.MIX {version} del {updated} è già il più recente.</source>
      <translation>Il catalogo RE.MIX {version} del {updated} è già il più recente.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.py" />
      <source>Pacchetto dati, poi servizi in rete</source>
      <translation>Pacchetto dati, poi servizi in rete</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.py" />
      <source>Servizi in rete, poi pacchetto dati</source>
      <translation>Servizi in rete, poi pacchetto dati</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.py" />
      <source>Archivio centrale</source>
      <translation>Archivio centrale</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.py" />
      <source>Predisporre o aggiornare l'archivio centrale delle segnalazioni (schema, ruoli, permessi, regole per riga)? Le segnalazioni presenti sono conservate. Serve un ruolo amministratore del database.</source>
      <translation>Predisporre o aggiornare l'archivio centrale delle segnalazioni (schema, ruoli, permessi, regole per riga)? Le segnalazioni presenti sono conservate. Serve un ruolo amministratore del database.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.py" />
      <source>Scegliere prima l'archivio centrale nel pannello Segnalazioni.</source>
      <translation>Scegliere prima l'archivio centrale nel pannello Segnalazioni.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/zone_component.py" />
      <source>Filtra tutti gli strati del catalogo per Zona omogenea o per Comune</source>
      <translation>Filtra tutti gli strati del catalogo per Zona omogenea o per Comune</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/zone_component.py" />
      <source>Filtro per Zona omogenea: sarà applicato al termine del caricamento in corso.</source>
      <translation>Filtro per Zona omogenea: sarà applicato al termine del caricamento in corso.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/zone_dock.py" />
      <source>I confini dei Comuni e delle Zone omogenee restano interi, velati fuori dalla selezione.</source>
      <translation>I confini dei Comuni e delle Zone omogenee restano interi, velati fuori dalla selezione.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/zone_dock.py" />
      <source>Nessun filtro: tutta la Città metropolitana.</source>
      <translation>Nessun filtro: tutta la Città metropolitana.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/zone_dock.py" />
      <source>Filtro attivo</source>
      <translation>Filtro attivo</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/zone_dock.py" />
      <source>elementi in</source>
      <translation>elementi in</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/zone_dock.py" />
      <source>strati</source>
      <translation>strati</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/zone_dock.py" />
      <source>Strati raster non filtrabili (WMS, ArcGIS MapServer), solo velati fuori dalla selezione:</source>
      <translation>Strati raster non filtrabili (WMS, ArcGIS MapServer), solo velati fuori dalla selezione:</translation>
    </message>
    <message>
      <location filename="remix_plugin/plugin.py" />
      <source>Strumenti RE.MIX</source>
      <translation>Strumenti RE.MIX</translation>
    </message>
  </context>
  <context>
    <name>SegnalazioniDock</name>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Segnalazioni</source>
      <translation>Segnalazioni</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Archivio locale</source>
      <translation>Archivio locale</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Il GeoPackage delle segnalazioni di questo dispositivo (creato se non esiste)</source>
      <translation>Il GeoPackage delle segnalazioni di questo dispositivo (creato se non esiste)</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Archivio centrale</source>
      <translation>Archivio centrale</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Una connessione PostgreSQL di QGIS (credenziali nel gestore di autenticazione), oppure host=… dbname=… authcfg=…</source>
      <translation>Una connessione PostgreSQL di QGIS (credenziali nel gestore di autenticazione), oppure host=… dbname=… authcfg=…</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Sincronizza</source>
      <translation>Sincronizza</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Invia le segnalazioni nuove e modificate e riceve quelle dell'archivio centrale</source>
      <translation>Invia le segnalazioni nuove e modificate e riceve quelle dell'archivio centrale</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>La password non va scritta qui: la connessione non è stata salvata. Usare una connessione PostgreSQL di QGIS, oppure authcfg=… (gestore di autenticazione di QGIS) o service=… (pg_service).</source>
      <translation>La password non va scritta qui: la connessione non è stata salvata. Usare una connessione PostgreSQL di QGIS, oppure authcfg=… (gestore di autenticazione di QGIS) o service=… (pg_service).</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Elenco</source>
      <translation>Elenco</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Filtra per stato</source>
      <translation>Filtra per stato</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Filtra per tipo</source>
      <translation>Filtra per tipo</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Comune…</source>
      <translation>Comune…</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Titolo</source>
      <translation>Titolo</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Tipo</source>
      <translation>Tipo</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Comune</source>
      <translation>Comune</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Stato</source>
      <translation>Stato</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Apri</source>
      <translation>Apri</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Mostra la segnalazione sulla mappa e apre la sua scheda per modificarla</source>
      <translation>Mostra la segnalazione sulla mappa e apre la sua scheda per modificarla</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Cambia stato</source>
      <translation>Cambia stato</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Esporta…</source>
      <translation>Esporta…</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Le segnalazioni scelte in un file zip da inviare per e-mail: GeoPackage e scheda PDF</source>
      <translation>Le segnalazioni scelte in un file zip da inviare per e-mail: GeoPackage e scheda PDF</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Storia</source>
      <translation>Storia</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Chi ha scritto la segnalazione scelta nell'archivio centrale, e quando: ogni scrittura è firmata con l'accesso che l'ha inviata</source>
      <translation>Chi ha scritto la segnalazione scelta nell'archivio centrale, e quando: ogni scrittura è firmata con l'accesso che l'ha inviata</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Opportunità vicine</source>
      <translation>Opportunità vicine</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Entro</source>
      <translation>Entro</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source> m</source>
      <translation> m</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Cerca intorno alla segnalazione scelta</source>
      <translation>Cerca intorno alla segnalazione scelta</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Distanza</source>
      <translation>Distanza</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Elemento</source>
      <translation>Elemento</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Strato</source>
      <translation>Strato</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Conflitti</source>
      <translation>Conflitti</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Tieni la versione centrale</source>
      <translation>Tieni la versione centrale</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Ripristina la versione locale</source>
      <translation>Ripristina la versione locale</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>La versione di questo dispositivo torna quella in uso e sarà inviata alla prossima sincronizzazione</source>
      <translation>La versione di questo dispositivo torna quella in uso e sarà inviata alla prossima sincronizzazione</translation>
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.ui" />
      <source>Impostazioni RE.MIX</source>
      <translation>Impostazioni RE.MIX</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.ui" />
      <source>Catalogo</source>
      <translation>Catalogo</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.ui" />
      <source>Indirizzo di un catalogo aggiornato</source>
      <translation>Indirizzo di un catalogo aggiornato</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.ui" />
      <source>vuoto: il catalogo incluso nel plugin</source>
      <translation>vuoto: il catalogo incluso nel plugin</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.ui" />
      <source>Autenticazione del catalogo</source>
      <translation>Autenticazione del catalogo</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.ui" />
      <source>Dati</source>
      <translation>Dati</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.ui" />
      <source>Pacchetto dati (GeoPackage)</source>
      <translation>Pacchetto dati (GeoPackage)</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.ui" />
      <source>Sorgenti preferite</source>
      <translation>Sorgenti preferite</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.ui" />
      <source>Autenticazione dei servizi</source>
      <translation>Autenticazione dei servizi</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.ui" />
      <source>Attesa massima dei servizi (s)</source>
      <translation>Attesa massima dei servizi (s)</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.ui" />
      <source>Segnalazioni</source>
      <translation>Segnalazioni</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.ui" />
      <source>Autore delle segnalazioni</source>
      <translation>Autore delle segnalazioni</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.ui" />
      <source>Il nome registrato come autore di ogni nuova segnalazione compilata su questo computer, anche senza rete; non si scrive nella scheda. Le segnalazioni già registrate mantengono il loro autore. Vuoto: il nome dell'utente del sistema.</source>
      <translation>Il nome registrato come autore di ogni nuova segnalazione compilata su questo computer, anche senza rete; non si scrive nella scheda. Le segnalazioni già registrate mantengono il loro autore. Vuoto: il nome dell'utente del sistema.</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.ui" />
      <source>Predisponi l'archivio centrale…</source>
      <translation>Predisponi l'archivio centrale…</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.ui" />
      <source>Solo per l'amministratore di Città metropolitana: crea o aggiorna nell'archivio centrale delle segnalazioni (la connessione scelta nel pannello Segnalazioni) lo schema, i ruoli, i permessi e le regole per riga. Serve un ruolo amministratore del database.</source>
      <translation>Solo per l'amministratore di Città metropolitana: crea o aggiorna nell'archivio centrale delle segnalazioni (la connessione scelta nel pannello Segnalazioni) lo schema, i ruoli, i permessi e le regole per riga. Serve un ruolo amministratore del database.</translation>
    </message>
  </context>
  <context>
    <name>ZoneDock</name>
    <message>
      <location filename="remix_plugin/gui/zone_dock.ui" />
      <source>Zone omogenee</source>
      <translation>Zone omogenee</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/zone_dock.ui" />
      <source>Cerca una Zona o un Comune…</source>
      <translation>Cerca una Zona o un Comune…</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/zone_dock.ui" />
      <source>Zona omogenea / Comune</source>
      <translation>Zona omogenea / Comune</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/zone_dock.ui" />
      <source>Applica il filtro</source>
      <translation>Applica il filtro</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/zone_dock.ui" />
      <source>Mostra in tutti gli strati del catalogo solo gli elementi che toccano i Comuni spuntati</source>
      <translation>Mostra in tutti gli strati del catalogo solo gli elementi che toccano i Comuni spuntati</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/zone_dock.ui" />
      <source>Tutta la Città metropolitana</source>
      <translation>Tutta la Città metropolitana</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/zone_dock.ui" />
      <source>Toglie il filtro: tutti gli strati tornano come prima</source>
      <translation>Toglie il filtro: tutti gli strati tornano come prima</translation>
    </message>
    <message>
      <location filename="remix_plugin/gui/zone_dock.ui" />
      <source>Zoom alla selezione</source>
      <translation>Zoom alla selezione</translation>
    </message>
  </context>
</TS>
