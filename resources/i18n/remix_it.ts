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
    <name>RemixPlugin</name>
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
      <location filename="remix_plugin/gui/settings_dialog.py" />
      <source>GeoPackage (*.gpkg)</source>
      <translation>GeoPackage (*.gpkg)</translation>
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
      <location filename="remix_plugin/plugin.py" />
      <source>Strumenti RE.MIX</source>
      <translation>Strumenti RE.MIX</translation>
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
  </context>
</TS>
