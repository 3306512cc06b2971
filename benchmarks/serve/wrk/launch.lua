-- wrk script: No Nicks' launch turn, a fresh user, session and request id per request (as
-- every new customer's first request would be). Usage: WRK_LUA_DIR=dir wrk -s launch.lua URL
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
  return wrk.format("POST", "/", common.headers, body)
end

done = common.done
