#!/bin/sh
# Build static/css/ifn.css from static/css/src/ (the portal's design system
# on Bootstrap's Sass), keeping only the rules a template, form, Python module
# or script of the portal uses. The result is committed, so serving the
# portal needs no Node; rebuilding it does (npm, Node 18 or newer):
#
#     make css
set -eu
cd "$(dirname "$0")/.."
tools=scripts/css
npm ci --prefix "$tools" --no-audit --no-fund --ignore-scripts --silent
bin="$tools/node_modules/.bin"
full=$(mktemp --suffix=.css)
trap 'rm -f "$full"' EXIT

"$bin/sass" --no-source-map --style=compressed --no-charset --quiet-deps \
  --load-path="$tools/node_modules" static/css/src/ifn.scss "$full"

# allauth's page templates use the portal's element templates; read them too
# so that a class they name is never dropped.
ALLAUTH_TEMPLATES="$(.venv/bin/python -c 'import allauth, os; print(os.path.dirname(allauth.__file__))')/templates"
export ALLAUTH_TEMPLATES
out=$(mktemp -d)
"$bin/purgecss" --config "$tools/purgecss.config.cjs" --css "$full" --output "$out"
mv "$out/$(basename "$full")" static/css/ifn.css
rmdir "$out"
printf '%s\n' "Built static/css/ifn.css: $(wc -c < static/css/ifn.css) bytes, $(gzip -9c static/css/ifn.css | wc -c) gzipped."
