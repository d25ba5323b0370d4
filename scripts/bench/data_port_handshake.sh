#!/usr/bin/env bash
# What the cluster secret costs a read across nodes (the data port, on
# loopback): N reads of a small drop without and with the secret, median of 3 rounds (interleaved).
#   scripts/bench/data_port_handshake.sh            # 10,000 reads per round
#   scripts/bench/data_port_handshake.sh 20000 7    # 20,000 reads per round, 7 rounds
# Runs dlg-manager's DataPortBench through Maven (its name keeps it out of the normal build).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
reads="${1:-10000}"
exec "$here/../build" -q -pl dlg-manager -am test -Dtest=DataPortBench -Dsurefire.failIfNoSpecifiedTests=false \
    -Ddlg.bench.reads="$reads" -Ddlg.bench.rounds="${2:-3}"
