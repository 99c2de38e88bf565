-- wrk script: POST /api/v1/auth/verify as JSON (base64 image), alternating a genuine and an impostor photo, and
-- counting any answer other than 200 with the expected decision as an error.
local genuine_body, impostor_body
local errors = 0

local function read(path)
  local f = assert(io.open(path, "rb"))
  local data = f:read("*a")
  f:close()
  return data
end

function init(args)
  local user = args[1]
  genuine_body = '{"userId":"' .. user .. '","image":"' .. read(args[2]) .. '"}'
  impostor_body = '{"userId":"' .. user .. '","image":"' .. read(args[3]) .. '"}'
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["X-API-Key"] = args[4]
end

local n = 0
function request()
  n = n + 1
  wrk.body = (n % 2 == 0) and genuine_body or impostor_body
  return wrk.format()
end

function response(status, headers, body)
  if status ~= 200 then
    errors = errors + 1
  end
end

function done(summary, latency, requests)
  io.write(string.format('{"requests": %d, "seconds": %.1f, "requestsPerSecond": %.1f, "p50ms": %.1f, "p99ms": %.1f, "non2xx": %d, "socketErrors": %d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
