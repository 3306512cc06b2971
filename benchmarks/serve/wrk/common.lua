-- Shared by launch.lua and payment.lua: request envelopes in the shape of the project's
-- reference envelopes (Tests/FlowTestSupport/RequestEnvelopes.swift), and the report wrk's
-- done() prints for benchmarks/serve/run.sh.

local common = {}

common.skill_id = "amzn1.ask.skill.bench"

-- A whole request envelope. `request` is the JSON of the request object without requestId,
-- timestamp and locale; `attributes` the JSON of session.attributes or nil.
function common.envelope(user, session, new, attributes, request_id, request)
  local attributes_json = ""
  if attributes then attributes_json = ',"attributes":' .. attributes end
  local fields = '"requestId":"' .. request_id .. '","timestamp":"2026-11-28T12:00:00Z","locale":"en-US"'
  return '{"version":"1.0","session":{"new":' .. tostring(new) .. ',"sessionId":"' .. session
    .. '","application":{"applicationId":"' .. common.skill_id .. '"},"user":{"userId":"' .. user
    .. '"}' .. attributes_json .. '},"context":{"System":{"application":{"applicationId":"'
    .. common.skill_id .. '"},"user":{"userId":"' .. user
    .. '","permissions":{"scopes":{"payments:autopay_consent":{"status":"GRANTED"}}}},'
    .. '"device":{"deviceId":"amzn1.ask.device.bench","supportedInterfaces":{}},'
    .. '"apiEndpoint":"https://api.amazonalexa.com","apiAccessToken":"bench-token"}},'
    .. '"request":{' .. request:sub(2, -2) .. ',' .. fields .. '}}'
end

common.headers = { ["Content-Type"] = "application/json" }

-- A tag of this wrk run, from /dev/urandom: wrk does not seed Lua's math.random, so without it
-- every run would send the same ids, and a second run against the same server would be
-- answered from the replay cache instead of running turns.
local function run_tag()
  local source = io.open("/dev/urandom", "rb")
  local bytes = source:read(6)
  source:close()
  return (bytes:gsub(".", function(c) return string.format("%02x", c:byte()) end))
end
common.run_tag = run_tag()

-- Unique across wrk's threads and runs: each thread numbers its own requests under its own
-- prefix, which carries the run's tag.
local counter = 0
local prefix = common.run_tag
function common.seed(thread_prefix) prefix = common.run_tag .. "-" .. thread_prefix end
function common.next_id(kind)
  counter = counter + 1
  return "amzn1.echo-api." .. kind .. "." .. prefix .. "-" .. counter
end

-- The launch turn's setup/init/request for a script (launch.lua, floor.lua): a fresh user,
-- session and request id per request, POSTed to `path`.
function common.launch_script(path)
  local threads = 0
  function setup(thread)
    threads = threads + 1
    thread:set("thread_prefix", "t" .. threads .. "-" .. math.random(0, 0x7fffffff))
  end
  function init(args)
    common.seed(thread_prefix)
  end
  function request()
    local id = common.next_id("request")
    local body = common.envelope(
      "amzn1.ask.account." .. id, "amzn1.echo-api.session." .. id, true, nil, id,
      '{"type":"LaunchRequest"}')
    return wrk.format("POST", path, common.headers, body)
  end
end

-- wrk calls done() once with every thread's requests: one line run.sh reads.
function common.done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    "RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f errors=%d non2xx=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, errors, summary.errors.status))
end

return common
