<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
  <context>
    <name>CatalogueDock</name>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.ui" />
      <source>Catalogo RE.MIX</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.ui" />
      <source>Mappa delle Opportunità</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.ui" />
      <source>Mappa delle Realizzazioni</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.ui" />
      <source>Cerca nel catalogo…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.ui" />
      <source>Strato</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.ui" />
      <source>Aggiornamento</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.ui" />
      <source>Fonte</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.ui" />
      <source>Carica strato</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.ui" />
      <source>Aggiorna catalogo</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>IndicatorsDock</name>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Indicatori di sintesi</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Indicatore</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Metodo delle classi</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Classi</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Normalizzazione</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Annulla</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Ricalcola dai dati (dopo una modifica degli strati o del pacchetto dati)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Ricalcola</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Selezionare un Comune per vedere gli elementi da cui viene il suo valore.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Codice</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Quantità</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Strato</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Descrizione</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Nota</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Esporta CSV</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.ui" />
      <source>Aggiungi alla mappa</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>NewSegnalazioneDialog</name>
    <message>
      <location filename="remix_plugin/gui/new_segnalazione_dialog.ui" />
      <source>Nuova segnalazione</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/new_segnalazione_dialog.ui" />
      <source>Tipo</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/new_segnalazione_dialog.ui" />
      <source>Natura</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>PgtDialog</name>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.ui" />
      <source>Pacchetto PGT</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.ui" />
      <source>Comune</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.ui" />
      <source>Per ogni tema scegliere lo strato del PGT (qualsiasi formato e sistema di riferimento) e associare i suoi campi a quelli attesi da CMM. I campi con l'asterisco sono obbligatori. I file del PGT non vengono mai modificati.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.ui" />
      <source>Cartella del pacchetto</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.ui" />
      <source>Verifica</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.ui" />
      <source>Crea pacchetto</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.ui" />
      <source>Problemi</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.ui" />
      <source>Lettura di coerenza</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>RemixPlugin</name>
    <message>
      <location filename="remix_plugin/gui/catalogue_component.py" />
      <source>Catalogo RE.MIX</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_component.py" />
      <source>Mappa delle Opportunità</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_component.py" />
      <source>Carica la Mappa delle Opportunità: dove la rigenerazione potrebbe avvenire</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_component.py" />
      <source>Mappa delle Realizzazioni</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_component.py" />
      <source>Carica la Mappa delle Realizzazioni: interventi finanziati, in corso o realizzati</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_component.py" />
      <source>Mappe di base</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_component.py" />
      <source>Impostazioni…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_component.py" />
      <source>Light: satellite, topografia, OpenStreetMap</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_component.py" />
      <source>Pro: ortofoto regionale, DBTR, CTR</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_component.py" />
      <source>Nessuna</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.py" />
      <source>Mappe</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.py" />
      <source>Fonte</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.py" />
      <source>aggiornamento</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.py" />
      <source>Pagina di riferimento</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/catalogue_dock.py" />
      <source>Pagina di riferimento: </source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/class_chart.py" />
      <source>Comuni</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_component.py" />
      <source>Indicatori di sintesi</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_component.py" />
      <source>Superficie delle aree di interesse e finanziamento per Comune, in classi</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_component.py" />
      <source>Aggiornamento degli indicatori nelle mappe</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>Comune</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>Esportazione dell'indicatore</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>Calcolo dell'indicatore</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>Il pacchetto dati non ha la popolazione dei Comuni</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>Zona omogenea</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>Ambito: tutta la Città metropolitana di Milano</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>elemento</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>elementi</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>Esporta CSV</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>Tabella CSV (*.csv)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>classi</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>Avvisi del calcolo</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>Valore classificato</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>Classe</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>più grandi; tutti con «Esporta CSV»</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>Indicatore esportato</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>(unione delle aree: le sovrapposizioni contano una volta)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>Ambito: filtro attivo</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>qui i</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/indicators_dock.py" />
      <source>codice ISTAT</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/new_segnalazione_dialog.py" />
      <source>Fare clic sulla mappa nel punto della segnalazione.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/new_segnalazione_dialog.py" />
      <source>Disegnare il perimetro sulla mappa: clic sinistro per ogni vertice, clic destro per chiudere. I vertici si agganciano agli strati del catalogo.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/new_segnalazione_dialog.py" />
      <source>Poi si apre la scheda da compilare.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_component.py" />
      <source>Pacchetto PGT…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_component.py" />
      <source>Verifica i file del PGT di un Comune e crea il pacchetto per la valutazione di compatibilità con il PTM</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Apri file…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Aggiunge al progetto uno strato da file (shapefile, GeoPackage, DXF…)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Chiudi</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Strato del PGT</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Verifica PGT</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Pacchetto PGT</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Verifica in corso…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Strato</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Campo atteso</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Campo dello strato</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>— nessuno —</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Tema</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Codice</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Gravità</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Problema</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Scegliere il Comune dall'elenco.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Scegliere lo strato di almeno un tema.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Esito della verifica: </source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Verifica non riuscita: vedere il registro dei messaggi (RE.MIX).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Pacchetto PGT — </source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Scegliere la cartella in cui creare il pacchetto.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Pacchetto creato: </source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Pacchetto PGT creato: </source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/pgt_dialog.py" />
      <source>Valori ammessi: </source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazione_form.py" />
      <source>Segnalazione salvata nell'archivio locale.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazione_form.py" />
      <source>Nuova segnalazione</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazione_form.py" />
      <source>Segnalazione: </source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_component.py" />
      <source>Registra una segnalazione: scegliere tipo e natura, disegnarla sulla mappa, compilare la scheda</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_component.py" />
      <source>Segnalazioni</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_component.py" />
      <source>Elenco, stato, conflitti e opportunità vicine delle segnalazioni</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_component.py" />
      <source>Sincronizza segnalazioni</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_component.py" />
      <source>Sincronizza l'archivio locale delle segnalazioni con l'archivio centrale della CMM</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_component.py" />
      <source>Disegnare la segnalazione sulla mappa.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_component.py" />
      <source>Sincronizzazione delle segnalazioni</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_component.py" />
      <source>Scegliere l'archivio centrale nel pannello «Segnalazioni» prima di sincronizzare.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>Tutti gli stati</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>Tutti i tipi</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>GeoPackage (*.gpkg)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>Esporta segnalazioni</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>Archivio zip (*.zip)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>Conflitti</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>L'archivio locale non esiste ancora: sarà creato con la prima segnalazione o dalla prima sincronizzazione.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>Segnalazioni mostrate: {shown} su {total}; da sincronizzare: {waiting} (•).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>Scegliere una segnalazione nell'elenco.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>Scegliere nell'elenco le segnalazioni da esportare.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>Pacchetto da inviare scritto: {path}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>{n} elementi del catalogo entro {d} m da «{title}».</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>Nessun conflitto scelto.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>Nessun conflitto da risolvere.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>Aggiornata il</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>Conflitti da risolvere: {n}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.py" />
      <source>Versione conservata</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.py" />
      <source>Pacchetto dati, poi servizi in rete</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.py" />
      <source>Servizi in rete, poi pacchetto dati</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/zone_component.py" />
      <source>Zone omogenee</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/zone_component.py" />
      <source>Filtra tutti gli strati del catalogo per Zona omogenea o per Comune</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/zone_dock.py" />
      <source>I confini dei Comuni e delle Zone omogenee restano interi, velati fuori dalla selezione.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/zone_dock.py" />
      <source>Nessun filtro: tutta la Città metropolitana.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/zone_dock.py" />
      <source>Filtro attivo</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/zone_dock.py" />
      <source>elementi in</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/zone_dock.py" />
      <source>strati</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/zone_dock.py" />
      <source>Strati raster non filtrabili (WMS, ArcGIS MapServer), solo velati fuori dalla selezione:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/plugin.py" />
      <source>Strumenti RE.MIX</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>SegnalazioniDock</name>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Segnalazioni</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Archivio locale</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Il GeoPackage delle segnalazioni di questo dispositivo (creato se non esiste)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Archivio centrale</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Una connessione PostgreSQL di QGIS (credenziali nel gestore di autenticazione), oppure host=… dbname=… authcfg=…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Sincronizza</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Invia le segnalazioni nuove e modificate e riceve quelle dell'archivio centrale</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Elenco</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Filtra per stato</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Filtra per tipo</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Comune…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Titolo</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Tipo</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Comune</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Stato</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Apri</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Mostra la segnalazione sulla mappa e apre la sua scheda per modificarla</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Cambia stato</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Esporta…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Le segnalazioni scelte in un file zip da inviare per e-mail: GeoPackage e scheda PDF</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Opportunità vicine</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Entro</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source> m</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Cerca intorno alla segnalazione scelta</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Distanza</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Elemento</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Strato</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Conflitti</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Tieni la versione centrale</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>Ripristina la versione locale</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/segnalazioni_dock.ui" />
      <source>La versione di questo dispositivo torna quella in uso e sarà inviata alla prossima sincronizzazione</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.ui" />
      <source>Impostazioni RE.MIX</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.ui" />
      <source>Catalogo</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.ui" />
      <source>Indirizzo di un catalogo aggiornato</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.ui" />
      <source>vuoto: il catalogo incluso nel plugin</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.ui" />
      <source>Autenticazione del catalogo</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.ui" />
      <source>Dati</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.ui" />
      <source>Pacchetto dati (GeoPackage)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.ui" />
      <source>Sorgenti preferite</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.ui" />
      <source>Autenticazione dei servizi</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/settings_dialog.ui" />
      <source>Attesa massima dei servizi (s)</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ZoneDock</name>
    <message>
      <location filename="remix_plugin/gui/zone_dock.ui" />
      <source>Zone omogenee</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/zone_dock.ui" />
      <source>Cerca una Zona o un Comune…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/zone_dock.ui" />
      <source>Zona omogenea / Comune</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/zone_dock.ui" />
      <source>Applica il filtro</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/zone_dock.ui" />
      <source>Mostra in tutti gli strati del catalogo solo gli elementi che toccano i Comuni spuntati</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/zone_dock.ui" />
      <source>Tutta la Città metropolitana</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/zone_dock.ui" />
      <source>Toglie il filtro: tutti gli strati tornano come prima</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="remix_plugin/gui/zone_dock.ui" />
      <source>Zoom alla selezione</source>
      <translation type="unfinished" />
    </message>
  </context>
</TS>
