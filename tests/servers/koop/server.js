// Real ArcGIS REST FeatureServer peer for the RE.MIX tests: Koop + provider-file-geojson.
//
//   node server.js DATA_DIR PORT        (or env KOOP_DATA_DIR / KOOP_PORT; PORT 0 = any free port)
//
// Every DATA_DIR/<name>.geojson is served, read from disk on each request (no cache), so files
// added or changed after start are seen at once:
//   http://127.0.0.1:PORT/file-geojson/rest/services/<name>/FeatureServer        service
//   http://127.0.0.1:PORT/file-geojson/rest/services/<name>/FeatureServer/0      layer
//   http://127.0.0.1:PORT/file-geojson/rest/services/<name>/FeatureServer/0/query
//   http://127.0.0.1:PORT/status                                                 {"success":true}
// The layer's native spatial reference is the GeoJSON's "crs" member (EPSG:4326 when absent).
// Binds to 127.0.0.1 only and prints "KOOP READY <port>" once listening.
'use strict';

process.env.SUPPRESS_NO_CONFIG_WARNING = 'y'; // the `config` module wants a ./config dir; we pass options instead
const path = require('path');
const fs = require('fs');
const Koop = require('@koopjs/koop-core');
const provider = require('@koopjs/provider-file-geojson');

const dataDir = path.resolve(process.argv[2] || process.env.KOOP_DATA_DIR || '');
const port = Number(process.argv[3] || process.env.KOOP_PORT || 0);
if (!fs.existsSync(dataDir) || !fs.statSync(dataDir).isDirectory()) {
  console.error(`koop: data directory not found: ${dataDir}`);
  process.exit(2);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

// Field types like an ArcGIS service would declare them. Without metadata.fields Koop guesses
// from the first feature with moment's ISO-8601 parser, which takes digit-only strings such as
// ISTAT codes ("015146") or ids ("1867") for years and sends them as epoch milliseconds.
function declaredFields(features) {
  const types = new Map();
  for (const { properties } of features) {
    for (const [name, value] of Object.entries(properties || {})) {
      if (value === null || value === undefined) {
        if (!types.has(name)) types.set(name, null);
        continue;
      }
      const previous = types.get(name);
      let type = 'String';
      if (typeof value === 'number') type = Number.isInteger(value) ? 'Integer' : 'Double';
      else if (typeof value === 'string' && ISO_DATE.test(value)) type = 'Date';
      if (previous === null || previous === undefined) types.set(name, type);
      else if (previous !== type) types.set(name, previous === 'Integer' && type === 'Double' ? 'Double' : 'String');
    }
  }
  return [...types].map(([name, type]) => ({ name, alias: name, type: type || 'String' }));
}

function nativeWkid(geojson) {
  const name = geojson?.crs?.properties?.name || '';
  const match = /EPSG:+(\d+)$/i.exec(name);
  return match && match[1] !== '4326' ? Number(match[1]) : 4326;
}

// Runs on every request after the file is read, before the FeatureServer output answers.
function after(req, geojson, callback) {
  geojson.metadata = geojson.metadata || {};
  // a layer name as a service would give it ("comuni", not the provider's "comuni.geojson")
  geojson.metadata.name = String(geojson.metadata.name || req.params.id).replace(/\.(geo)?json$/, '');
  if (!geojson.metadata.fields) geojson.metadata.fields = declaredFields(geojson.features || []);
  // ArcGIS REST: a query geometry without inSR is in the layer's spatial reference; Koop assumes
  // EPSG:4326 instead. QGIS 3.22's arcgisfeatureserver sends its `bbox` with no inSR.
  const query = req.query || {};
  const geometry = typeof query.geometry === 'string' ? query.geometry : '';
  if (geometry && !query.inSR && !geometry.includes('spatialReference')) {
    query.inSR = String(nativeWkid(geojson));
  }
  callback(null, geojson);
}

const koop = new Koop({ logLevel: process.env.KOOP_LOG_LEVEL || 'warn' });
// Data may change between requests (tests rewrite files): forbid HTTP caching, else QGIS's network
// cache answers later requests for the same URL with the old data. Must precede the provider's routes.
koop.server.use((req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
});
// provider-file-geojson joins dataDir onto process.cwd() (an absolute path would be mangled): pass it relative
koop.register(provider, { dataDir: path.relative(process.cwd(), dataDir) || '.', after });

const server = koop.server.listen(port, '127.0.0.1', () => {
  console.log(`KOOP READY ${server.address().port}`);
});
server.on('error', (err) => {
  console.error(`koop: cannot listen on 127.0.0.1:${port}: ${err.message}`);
  process.exit(1);
});
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => process.exit(0)); // no graceful close: keep-alive clients would hold it open
}
