-- wrk script: the HTTP floor of flowc serve. The launch turn's envelope (same size, fresh ids)
-- POSTed to a path flowc serve does not serve: Hummingbird and NIO read the request and write a
-- short 404 without touching the body, the engine or the store. What a launch turn costs
-- beyond this is flowc's own work. The 404s are expected, so they are not counted as errors.
package.path = (os.getenv("WRK_LUA_DIR") or ".") .. "/?.lua;" .. package.path
local common = require("common")

common.launch_script("/floor")

function done(summary, latency, requests)
  summary.errors.status = 0
  common.done(summary, latency, requests)
end
