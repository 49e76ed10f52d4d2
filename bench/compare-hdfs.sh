#!/usr/bin/env bash
# Issue #16's storage figures as ratios against HDFS measured in the same sitting: runs the HDFS reference
# (bench/hdfs/run.sh: HDFS 3.4.3 MiniDFSCluster, 3 DataNodes, 256 MiB file at R=3 and R=1 with 4 MiB and
# 128 MiB blocks, re-replication of a 1 GiB file after a DataNode is declared dead) and then our network
# (bench/storage.sh [file-MiB] [restore-MiB], defaults 256 and 1024), one after the other so that neither
# shares the two cores with the other, and prints one table:
#
#   figure                      ours      HDFS       ratio   target
#   upload R=3 (4 MiB blocks)   MB/s      MB/s       x.xx    >= 1.0
#   upload R=1 (4 MiB blocks)   ...                          >= 1.0
#   download R=3                ...                          >= 0.8 (every byte verified before it is served)
#   re-replication after DEAD   MB/s of the lost copies      >= 1.0
#
# A measurement, not a test: it never fails on a number; it fails when either benchmark fails (bytes
# came back wrong, a step broke). Needs what bench/storage.sh needs, the platform DOWN (both refuse
# otherwise), ~3 GiB of heap for HDFS, Maven Central reachable on the first run (Hadoop's jars).
# ~4 min (HDFS) + ~8 min (ours) + the platform's start. Talks to 127.0.0.1 only. Knobs: HDFS_ITERS (3),
# HDFS_RERP (3 re-replication trials); the BENCH_* of bench/storage.sh pass through.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
ROOT=$PWD
PIDS="$ROOT/.smartlink/pids"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

refuse_running_platform
OUT=$(mktemp -d -t compare-hdfs.XXXXXX)
trap 'rm -rf "$OUT"' EXIT

step "HDFS 3.4.3 (bench/hdfs/run.sh), $(date -u +%H:%M:%S) UTC"
ITERS=${HDFS_ITERS:-3} RERP=${HDFS_RERP:-3} JAVA_HOME=${HDFS_JAVA_HOME:-} bench/hdfs/run.sh | tee "$OUT/hdfs.txt"

step "ours (bench/storage.sh $*), $(date -u +%H:%M:%S) UTC"
bench/storage.sh "$@" | tee "$OUT/ours.txt"

# HDFS: "RESULT rep=3 blockSize=4MiB file=256MiB n=3  write MB/s median 103.2 (...)  read MB/s median 1100.0 (...)"
hdfs_field() {   # hdfs_field <rep> <blockMiB> write|read
  sed -nE "s/^RESULT rep=$1 blockSize=$2MiB .*$3 MB\/s median ([0-9.]+).*/\1/p" "$OUT/hdfs.txt" | head -1
}
H_UP3=$(hdfs_field 3 4 write); H_UP1=$(hdfs_field 1 4 write); H_DN3=$(hdfs_field 3 4 read)
H_UP3_128=$(hdfs_field 3 128 write); H_DN3_128=$(hdfs_field 3 128 read)
H_RERP=$(sed -nE 's/^RESULT rerep:.*re-replication s median [0-9.]+ .*MB\/s median ([0-9.]+).*/\1/p' "$OUT/hdfs.txt" | head -1)
H_RERP_S=$(sed -nE 's/^RESULT rerep:.*re-replication s median ([0-9.]+) .*/\1/p' "$OUT/hdfs.txt" | head -1)
# ours: "SUMMARY up1=.. up3=.. ..."
SUMMARY=$(grep '^SUMMARY ' "$OUT/ours.txt" | tail -1)
[[ -n $SUMMARY ]] || die "bench/storage.sh printed no SUMMARY line"
ours() { sed -E "s/.* $1=([^ ]+).*/\1/" <<< " $SUMMARY"; }

verdict() { awk -v r="$1" -v t="$2" 'BEGIN { if (r == "-") print "-"; else if (r + 0 >= t + 0) print "met"; else print "NOT met" }'; }
row() {   # row <figure> <ours> <hdfs> <target>
  local r; r=$(div_ratio "$2" "$3")
  printf '   %-44s %9s %9s %7s   >= %-4s %s\n' "$1" "$2" "${3:--}" "$r" "$4" "$(verdict "$r" "$4")"
}

step "issue #16: ours / HDFS, same sitting ($(nproc) cores; MB/s = 10^6 bytes/s)"
printf '   %-44s %9s %9s %7s   %s\n' "figure" "ours" "HDFS" "ratio" "target"
row "upload R=3, MB/s (HDFS: 4 MiB blocks)" "$(ours up3)" "$H_UP3" 1.0
row "upload R=1, MB/s (HDFS: 4 MiB blocks)" "$(ours up1)" "$H_UP1" 1.0
row "download R=3, MB/s (HDFS: 4 MiB blocks)" "$(ours dn3)" "$H_DN3" 0.8
row "upload R=3 1 GiB file vs HDFS 4 MiB" "$(ours bigup)" "$H_UP3" 1.0
row "download R=3 1 GiB file vs HDFS 4 MiB" "$(ours bigdn)" "$H_DN3" 0.8
row "re-replication after DEAD, MB/s" "$(ours restore_mbps)" "$H_RERP" 1.0
printf '   %-44s %9s %9s\n' "  (seconds from DEAD to restored)" "$(ours restore_s)" "${H_RERP_S:--}"
printf '   %-44s %9s %9s\n' "HDFS with 128 MiB blocks: upload / download R=3" "" "${H_UP3_128:--} / ${H_DN3_128:--}"
printf '   %-44s %9s\n' "through the gateway: upload / download R=3" "$(ours gwup) / $(ours gwdn)"
printf '   %-44s %9s\n' "controller RSS growth while 1 GiB streamed, MiB" "$(ours rss_growth_mib)"
echo "COMPARE up3=$(div_ratio "$(ours up3)" "$H_UP3") up1=$(div_ratio "$(ours up1)" "$H_UP1") dn3=$(div_ratio "$(ours dn3)" "$H_DN3") rerep=$(div_ratio "$(ours restore_mbps)" "$H_RERP")"
