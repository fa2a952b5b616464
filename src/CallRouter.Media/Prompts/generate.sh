#!/usr/bin/env bash
# Regenerates the IVR prompt WAV files beside this script: 8 kHz, mono, µ-law (G.711 PCMU).
# Speech: espeak-ng (Debian package espeak-ng); conversion, beep and hold music: sox.
# Output is deterministic for a given espeak-ng/sox version (dither off), so regenerating
# without text changes leaves git clean. Usage: ./generate.sh   (from any directory)
set -euo pipefail
cd "$(dirname "$0")"
command -v espeak-ng >/dev/null || { echo "espeak-ng is required (apt-get install espeak-ng)" >&2; exit 1; }
command -v sox >/dev/null || { echo "sox is required (apt-get install sox)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
to_ulaw=(-D -r 8000 -c 1 -e u-law -b 8)

while IFS='|' read -r id text; do
  [[ -z "$id" || "$id" == \#* ]] && continue
  espeak-ng -v en-us -s 195 -g 0 -w "$tmp/$id.wav" "$text"
  # Trim leading and trailing silence, shorten inner pauses to 150 ms, keep 80 ms of air at the end so joined prompts do not run together.
  sox "$tmp/$id.wav" "${to_ulaw[@]}" "$id.wav" \
    silence -l 1 0.02 0.5% -1 0.15 0.5% reverse silence 1 0.02 0.5% reverse pad 0 0.08
done < prompts.txt

# Voicemail beep: 1 kHz for 400 ms at -6 dBFS with 5 ms fades.
sox -n "${to_ulaw[@]}" beep.wav synth 0.4 sine 1000 vol 0.5 fade 0.005 0.4 0.005

# Hold music: a 4-second loop of a slow C-major arpeggio with soft fifths, faded at both
# ends so the loop point does not click.
notes=(C4 E4 G4 C5 A3 C4 F4 A4)
parts=()
for i in "${!notes[@]}"; do
  sox -n -r 8000 -c 1 "$tmp/n$i.wav" synth 0.5 pluck "${notes[$i]}" synth 0.5 sine mix "${notes[$i]}" vol 0.35 fade 0.01 0.5 0.15
  parts+=("$tmp/n$i.wav")
done
sox "${parts[@]}" "${to_ulaw[@]}" hold-music.wav fade 0.02 4 0.02

ls -l ./*.wav | awk '{ total += $5 } END { print NR " prompt files, " total " bytes" }'
