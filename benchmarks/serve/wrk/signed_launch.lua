-- wrk script: No Nicks' launch turn with Alexa's signature headers, for flowc serve with request
-- verification on. wrk cannot sign, so the requests come signed from sign_requests.py
-- (SIGNED_REQUESTS: a file of "<signature> <body>" lines, each a fresh customer and request id);
-- each thread sends its own share of the lines, and starts over when it has sent them all (a
-- replayed request id, answered from the store: make the file longer than the run).
-- Usage: WRK_LUA_DIR=dir SIGNED_REQUESTS=file CHAIN_URL=url wrk -s signed_launch.lua URL
package.path = (os.getenv("WRK_LUA_DIR") or ".") .. "/?.lua;" .. package.path
local common = require("common")

local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_index", #threads)
end

local requests, next_request = {}, 1
wrapped = 0 -- global: done() reads it from each thread
function init(args)
  local share, number = tonumber(os.getenv("WRK_THREADS")), 0
  for line in io.lines(os.getenv("SIGNED_REQUESTS")) do
    number = number + 1
    if number % share == thread_index - 1 then
      local space = line:find(" ", 1, true)
      table.insert(requests, {
        signature = line:sub(1, space - 1), body = line:sub(space + 1),
      })
    end
  end
  assert(#requests > 0, "no signed requests for thread " .. thread_index)
end

local chain_url = os.getenv("CHAIN_URL")
function request()
  local signed = requests[next_request]
  next_request = next_request + 1
  if next_request > #requests then
    next_request = 1
    wrapped = wrapped + 1
  end
  return wrk.format("POST", "/", {
    ["Content-Type"] = "application/json",
    ["SignatureCertChainUrl"] = chain_url,
    ["Signature-256"] = signed.signature,
  }, signed.body)
end

function done(summary, latency, requests)
  common.done(summary, latency, requests)
  local wraps = 0
  for _, thread in ipairs(threads) do wraps = wraps + thread:get("wrapped") end
  if wraps > 0 then io.write(string.format("REPLAYED the signed requests %d times\n", wraps)) end
end
