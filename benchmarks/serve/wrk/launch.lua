-- wrk script: No Nicks' launch turn, a fresh user, session and request id per request (as
-- every new customer's first request would be). Usage: WRK_LUA_DIR=dir wrk -s launch.lua URL
package.path = (os.getenv("WRK_LUA_DIR") or ".") .. "/?.lua;" .. package.path
local common = require("common")

common.launch_script("/")
done = common.done
