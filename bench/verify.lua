-- wrk script: a login stream on POST /api/v1/auth/verify as JSON {"userId", "image": base64}. In every four requests:
-- the enrolled user's own live photo twice (expect outcome "match"), a live stranger once ("no_match") and a screen
-- replay of the user once ("spoof"). The same command line serves FaceAuth and the Python peer (which ignores the key):
--   wrk -t2 -c8 -d20s --latency -s bench/verify.lua http://127.0.0.1:PORT/api/v1/auth/verify -- \
--     USER genuine.b64 impostor.b64 spoof.b64 [API_KEY]
-- The .b64 files hold each photo's base64 on one line (`base64 -w0 photo.jpg > photo.b64`).
-- Prints one JSON line: requests, requestsPerSecond, p50ms, p99ms, errors (answers other than 200 with an outcome,
-- plus socket errors) and the answers counted by outcome: with every decision right they split 2:1:1 (each wrk
-- thread's connections interleave, so an answer cannot be paired with its request here; the split shows a wrong one).
local bodies = {}
local threads = {}

local function read(path)
  local f = assert(io.open(path, "rb"))
  local data = f:read("*a")
  f:close()
  return (data:gsub("%s+$", ""))
end

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  local user, genuine, impostor, spoof, key = args[1], args[2], args[3], args[4], args[5]
  assert(user and genuine and impostor and spoof, "pass USER GENUINE_B64 IMPOSTOR_B64 SPOOF_B64 [API_KEY] after --")
  local function body(path)
    return '{"userId":"' .. user .. '","image":"' .. read(path) .. '"}'
  end
  bodies = {body(genuine), body(impostor), body(genuine), body(spoof)}
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  if key and key ~= "" then
    wrk.headers["X-API-Key"] = key
  end
end

-- Globals, so that done() can read them from each thread.
local sent = 0
outcome_match, outcome_no_match, outcome_spoof, outcome_other = 0, 0, 0, 0, 0

function request()
  sent = sent + 1
  wrk.body = bodies[(sent - 1) % 4 + 1]
  return wrk.format()
end

function response(status, headers, body)
  local outcome = status == 200 and body:match('"outcome":%s*"([%w_]+)"') or nil
  if outcome == "match" then
    outcome_match = outcome_match + 1
  elseif outcome == "no_match" then
    outcome_no_match = outcome_no_match + 1
  elseif outcome == "spoof" then
    outcome_spoof = outcome_spoof + 1
  else
    outcome_other = outcome_other + 1
  end
end

function done(summary, latency, requests)
  local function sum(name)
    local total = 0
    for _, thread in ipairs(threads) do
      total = total + thread:get(name)
    end
    return total
  end
  local socket = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format('{"requests": %d, "seconds": %.1f, "requestsPerSecond": %.1f, "p50ms": %.1f, "p99ms": %.1f, '
    .. '"errors": %d, "non2xx": %d, "socketErrors": %d, '
    .. '"outcomes": {"match": %d, "no_match": %d, "spoof": %d, "other": %d}}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    sum("outcome_other") + socket, summary.errors.status, socket,
    sum("outcome_match"), sum("outcome_no_match"), sum("outcome_spoof"), sum("outcome_other")))
end
