# The login stream of bench/load-test and bench/compare-peer (source it; needs `raw`, the faces-dev raw/ folder):
# user "apfol" enrolled from two live webcam frames; verified with another live frame of theirs (match), a live
# stranger (no_match) and a frame of a phone replaying them (spoof). All four pass liveness except the replay.

# enroll_login_mix API_URL DIR [curl options...]: enrolls the user and writes the three photos' base64 into DIR; sets
# LOGIN_MIX to wrk's arguments for bench/verify.lua (user and the three .b64 files; the API key goes after them).
enroll_login_mix() {
  local url="$1" dir="$2"
  shift 2
  curl -fsS "$@" -F images=@"$raw/test/spoof/live/apfol_real2_01.jpg" -F images=@"$raw/test/spoof/live/apfol_real2_02.jpg" \
    "$url/users/apfol/faces?createUser=true&consent=true" > /dev/null
  base64 -w0 "$raw/test/spoof/live/apfol_real2_05.jpg" > "$dir/genuine.b64"
  base64 -w0 "$raw/test/spoof/live/silentface_T1.jpg" > "$dir/impostor.b64"
  base64 -w0 "$raw/test/spoof/replay/apfol_fake2_05.jpg" > "$dir/spoof.b64"
  LOGIN_MIX=(apfol "$dir/genuine.b64" "$dir/impostor.b64" "$dir/spoof.b64")
}

# cpu_ms PID...: CPU time (user + system) the processes have used so far, in milliseconds, summed (/proc/PID/stat).
cpu_ms() {
  local ticks=0 pid fields
  for pid in "$@"; do
    read -r -a fields < <(sed 's/^.*) //' "/proc/$pid/stat")
    ticks=$(( ticks + fields[11] + fields[12] ))
  done
  echo $(( ticks * 1000 / $(getconf CLK_TCK) ))
}

# with_cpu SUMMARY CPU_MS: wrk's JSON line with the server's CPU milliseconds per request added (cpuMsPerRequest), a
# figure that other processes on a busy machine disturb much less than requests per second.
with_cpu() {
  local summary="$1" cpu="$2" requests
  requests="$(grep -o '"requests": [0-9]*' <<< "$summary" | grep -o '[0-9]*$')"
  echo "${summary%\}}, \"cpuMsPerRequest\": $(awk -v c="$cpu" -v r="$requests" 'BEGIN { printf "%.1f", (r > 0 ? c / r : 0) }')}"
}

# models_limit DIR: the login stream's bare model time on one core and the throughput limit it sets. Runs `faceauth
# bench` (one thread, liveness on, as a verification runs) on the stream's photos in its 2:1:1 proportion, copied into
# DIR; sets MODELS_MS (mean milliseconds inside the model runtimes per verification) and LIMIT (verifications a second
# that the machine's cores could answer if they did nothing but run the models: cores × 1000 / MODELS_MS). Run it
# before starting the servers, on the otherwise idle machine.
models_limit() {
  local dir="$1" copy photo
  mkdir -p "$dir"
  for copy in 1 2 3 4 5 6; do
    for photo in live/apfol_real2_05.jpg live/silentface_T1.jpg replay/apfol_fake2_05.jpg; do
      cp "$raw/test/spoof/$photo" "$dir/$copy-$(basename "$photo")"
    done
    cp "$raw/test/spoof/live/apfol_real2_05.jpg" "$dir/$copy-again-apfol_real2_05.jpg"
  done
  MODELS_MS="$(./faceauth bench --limit 1000 "$dir" | python3 -c 'import json, sys; print(json.load(sys.stdin)["inferenceMsPerImage"])')"
  LIMIT="$(awk -v m="$MODELS_MS" -v c="$(nproc)" 'BEGIN { printf "%.1f", c * 1000 / m }')"
}

# with_limit SUMMARY: wrk's JSON line with the bare model time per verification, the limit it sets (models_limit) and
# the share of that limit the run reached (ofLimit).
with_limit() {
  local summary="$1" rps
  rps="$(grep -o '"requestsPerSecond": [0-9.]*' <<< "$summary" | grep -o '[0-9.]*$')"
  echo "${summary%\}}, \"modelsMsPerVerification\": $MODELS_MS, \"limitPerSecond\": $LIMIT, \"ofLimit\": $(awk -v r="$rps" -v l="$LIMIT" 'BEGIN { printf "%.2f", r / l }')}"
}
