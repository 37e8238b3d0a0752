#!/bin/sh
# Regenerates the tshark conversation oracles used by ConnectionsOracleTest, one file per real capture:
#   FILE.conv   the output of `tshark -n -o ip.defragment:FALSE -o ipv6.defragment:FALSE -q -z conv,tcp -z conv,udp -r FILE`
# Reassembly is off so that a fragmented datagram counts as tshark sees its frames: the first fragment (which
# carries the ports) in its conversation, the later ones in none; ns-cli keys later fragments with ports 0.
# Run from this folder with tshark installed (these were made with TShark 4.0.17, Debian 12); the test parses the
# committed files, so CI needs no tshark. Usage: ./make.sh [REAL_CAPTURE_DIR]   (default ../../../../../shared/testdata/real)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
real=${1:-$here/../../../../../shared/testdata/real}
for f in "$real"/*.pcap "$real"/*.pcapng "$real"/*.cap; do
    [ -f "$f" ] || continue
    name=$(basename "$f")
    # -n: no name resolution, so addresses and ports stay numeric. Damaged captures end with an error on stderr
    # after the tables of what was read; that is what the test compares (ns-cli also counts up to the damage).
    tshark -n -o ip.defragment:FALSE -o ipv6.defragment:FALSE -q -z conv,tcp -z conv,udp -r "$f" > "$here/$name.conv" 2>/dev/null || true
done
