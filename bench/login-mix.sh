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
