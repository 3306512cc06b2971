-- wrk script: the HTTP floor of flowc serve. The launch turn's envelope (same size, fresh ids)
-- POSTed to a path flowc serve does not serve: Hummingbird and NIO read the request and write a
-- short 404 without touching the body, the engine or the store. What a launch turn costs
-- beyond this is flowc's own work. The 404s are expected, so they are not counted as errors.
package.path = (os.getenv("WRK_LUA_DIR") or ".") .. "/?.lua;" .. package.path
local common = require("common")

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
  return wrk.format("POST", "/floor", common.headers, body)
end

function done(summary, latency, requests)
  summary.errors.status = 0
  common.done(summary, latency, requests)
end
