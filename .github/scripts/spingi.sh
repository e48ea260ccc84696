#!/usr/bin/env bash
# Push a branch to origin with the token in $GH_TOKEN. The checkouts keep no
# credentials (persist-credentials: false): the token reaches git only in this
# command, through a credential helper that reads it from the environment, so it
# is never written in .git/config nor shown on a command line.
#
#     GH_TOKEN=… bash .github/scripts/spingi.sh RAMO
set -euo pipefail
exec git -c credential.helper= \
  -c credential.helper='!f() { if [ "$1" = get ]; then printf "username=x-access-token\npassword=%s\n" "$GH_TOKEN"; fi; }; f' \
  push --force origin "$1"
