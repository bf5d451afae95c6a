#!/usr/bin/env bash
# The baseline of the pipeline bench: the same bytes through the same emulator with no vidferry in between.
# curl downloads the Drive file and pipes it into curl PUTs of 8 MiB chunks to one resumable session.
# Usage: raw-pipe.sh <emulator base url> <access token> <drive file id> <size>; prints MiB/s on the last line.
set -euo pipefail
base=$1 token=$2 file=$3 size=$4
chunk=$((8 * 1024 * 1024))
work=$(mktemp -d /dev/shm/vf-pipe.XXXXXX)
trap 'rm -rf "$work"' EXIT
session=$(curl -sS -D - -o /dev/null -X POST \
  -H "Authorization: Bearer $token" -H "Content-Type: application/json; charset=UTF-8" \
  -H "X-Upload-Content-Length: $size" -H "X-Upload-Content-Type: video/mp4" \
  --data '{"snippet":{"title":"raw pipe","categoryId":"22"},"status":{"privacyStatus":"private","selfDeclaredMadeForKids":false}}' \
  "$base/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status" \
  | tr -d '\r' | awk 'tolower($1)=="location:"{print $2}')
[ -n "$session" ] || { echo "no upload session" >&2; exit 1; }
export session size chunk work
start=$(date +%s.%N)
curl -sS -H "Authorization: Bearer $token" "$base/drive/v3/files/$file?alt=media" \
  | split -b "$chunk" -d -a 6 --filter='
      idx=$((10#${FILE##*chunk}))
      cat > "$work/c"
      len=$(stat -c %s "$work/c")
      first=$((idx * chunk)); last=$((first + len - 1))
      code=$(curl -sS -o /dev/null -w "%{http_code}" -X PUT -H "Content-Range: bytes $first-$last/$size" \
        --data-binary @"$work/c" "$session")
      case $code in 200|201|308) ;; *) echo "chunk $idx answered $code" >&2; exit 1;; esac' - "$work/chunk"
end=$(date +%s.%N)
echo "scale=1; $size / 1048576 / ($end - $start)" | bc
