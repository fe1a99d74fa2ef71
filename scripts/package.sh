#!/usr/bin/env bash
# Build the installable zip with qgis-plugin-ci.
# The design card keeps metadata.txt, resources/, styles/, print_layouts/ beside the remix_plugin/
# package, while qgis-plugin-ci wants one folder holding metadata.txt inside a git repository with a
# commit: so assemble that folder (with the demo pack and compiled translations) in build/package,
# commit it there, and package it.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^version=//p' metadata.txt)
stage=build/package
rm -rf "$stage"
mkdir -p "$stage/remix_plugin" dist
cp -r remix_plugin/. "$stage/remix_plugin/"
cp metadata.txt "$stage/remix_plugin/"
cp LICENSE "$stage/remix_plugin/"
# qgis-plugin-ci writes the newest entries into metadata.txt; its parser ends a version at any "##", so the
# Keep a Changelog "### Aggiunto" headings are handed over as plain "Aggiunto:" lines
sed 's/^### \(.*\)$/\1:/' CHANGELOG.md > "$stage/CHANGELOG.md"
for dir in resources styles print_layouts; do
  mkdir -p "$stage/remix_plugin/$dir"
  cp -r "$dir/." "$stage/remix_plugin/$dir/"
done
find "$stage" -name __pycache__ -prune -exec rm -rf {} +
rm -f "$stage"/remix_plugin/resources/i18n/*.ts
cp .qgis-plugin-ci "$stage/"
test -f "$stage/remix_plugin/resources/data/remix_demo.gpkg" || { echo "manca il pacchetto dimostrativo" >&2; exit 1; }
ls "$stage"/remix_plugin/resources/i18n/*.qm >/dev/null || { echo "mancano le traduzioni compilate (.qm)" >&2; exit 1; }
(
  cd "$stage"
  git init -q
  git add -A
  git -c user.name="RE.MIX build" -c user.email="build@remix.invalid" commit -q -m "RE.MIX for QGIS $version"
  ../../.venv/bin/qgis-plugin-ci package "$version" --allow-uncommitted-changes >/dev/null
)
mv "$stage/remix_plugin.$version.zip" "dist/remix_plugin.$version.zip"
echo "dist/remix_plugin.$version.zip"
