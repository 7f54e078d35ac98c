#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Start-up benchmark: from launch to the first painted frame of the window showing the sample plan
# (the application quits itself after that frame with --quit-after-first-frame). Prints each run
# and the median. Runs on its own Xvfb display when there is none.
#   bench-startup.sh THIDUA [RUNS]
set -euo pipefail
# A benchmark measures; the test suites' fatal warnings are not its business.
unset G_DEBUG
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] && [ -z "${TD_BENCH_IN_DBUS:-}" ]; then
  export TD_BENCH_IN_DBUS=1
  exec dbus-run-session -- "$0" "$@"
fi
thidua=${1:?usage: bench-startup.sh THIDUA [RUNS]}
runs=${2:-9}
tmp=$(mktemp -d)
trap 'kill ${xpid:-} 2>/dev/null || true; rm -rf "$tmp"' EXIT

if [ -z "${DISPLAY:-}" ]; then
  d=90; while [ -e /tmp/.X$d-lock ]; do d=$((d + 1)); done
  Xvfb :$d -screen 0 1280x1024x24 -nolisten tcp -noreset >/dev/null 2>&1 &
  xpid=$!
  export DISPLAY=:$d
  sleep 0.5
fi
export XDG_DATA_HOME="$tmp/data" GSETTINGS_BACKEND=memory
# The sample's plan file is created once, outside the measured runs (as after a first start).
"$thidua" --sample --quit-after-first-frame >/dev/null 2>&1 || true

times=()
for i in $(seq "$runs"); do
  start=$(date +%s%N)
  "$thidua" --sample --quit-after-first-frame >/dev/null 2>&1
  end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
  times+=("$ms")
  echo "run $i: $ms ms"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}')
echo "start-up to first frame, median of $runs runs: $median ms (target: under 300 ms)"
