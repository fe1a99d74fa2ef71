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
      <location filename="remix_plugin/gui/settings_dialog.py" />
      <source>GeoPackage (*.gpkg)</source>
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
      <location filename="remix_plugin/plugin.py" />
      <source>Strumenti RE.MIX</source>
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
</TS>
