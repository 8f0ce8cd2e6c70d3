#!/usr/bin/env bash
# Time to first frame of the release binary on the demo profile: from (re)spawning it in a
# tmux pane until the pane shows the title bar. tmux polling adds a few ms, so the numbers are
# upper bounds; run it with /bin/sh printing the title (`benches/ttff.sh --baseline`) to see
# that overhead. Usage: cargo build --release && benches/ttff.sh [runs]
set -u
runs=${1:-15}
bin=$(realpath target/release/wolkwijzer)
if [ "${1:-}" = "--baseline" ]; then
    runs=${2:-15}
    bin="sh -c 'printf \"Wolkwijzer · baseline\"; sleep 10'"
fi
sock="ttff-$$"
for _ in $(seq 1 "$runs"); do
    d=$(mktemp -d)
    tmux -L "$sock" new-session -d -s m -x 120 -y 36 "sleep 60" \; set -g remain-on-exit on
    start=$(date +%s%N)
    tmux -L "$sock" respawn-pane -k -t m "env WOLKWIJZER_DATA_DIR=$d $bin"
    for _ in $(seq 1 2000); do
        tmux -L "$sock" capture-pane -p -t m 2>/dev/null | grep -q "Wolkwijzer ·" && break
    done
    end=$(date +%s%N)
    echo $(((end - start) / 1000000))
    tmux -L "$sock" kill-server 2>/dev/null
    rm -rf "$d"
done | sort -n | awk '{a[NR]=$1} END {print "runs " NR ", median " a[int((NR+1)/2)] " ms, min " a[1] " ms, max " a[NR] " ms"}'
