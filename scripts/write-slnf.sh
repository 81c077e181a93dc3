#!/usr/bin/env bash
# Writes ModelOps.slnf: every project of functions.sln except the Pulumi program, which cannot restore here (no Pulumi
# package is served). test.sh runs it so the filter never falls behind the solution.
set -euo pipefail
cd "$(dirname "$0")/.."
projects=$(grep -o '"[^"]*\.csproj"' functions.sln | tr -d '"' | grep -v -e 'ModelOps\.Infra' | sort | sed 's/\\/\\\\/g')
{
  echo '{'
  echo '  "solution": {'
  echo '    "path": "functions.sln",'
  echo '    "projects": ['
  echo "$projects" | sed 's/.*/      "&",/' | sed '$ s/,$//'
  echo '    ]'
  echo '  }'
  echo '}'
} >ModelOps.slnf.tmp
if ! cmp -s ModelOps.slnf.tmp ModelOps.slnf 2>/dev/null; then mv ModelOps.slnf.tmp ModelOps.slnf; else rm ModelOps.slnf.tmp; fi
