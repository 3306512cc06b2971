-- wrk script: No Nicks' whole payment conversation, over and over, each a new customer:
-- launch, yes (confirm the starter kit), yes (Setup directive), Amazon Pay's Setup answer,
-- yes (Charge directive), Amazon Pay's Charge answer (order placed). Each response's session
-- attributes and directive token go into the next request, so every wrk connection needs its
-- own thread: run with as many threads as connections (-t N -c N).
-- Usage: WRK_LUA_DIR=dir wrk -t N -c N -s payment.lua URL
package.path = (os.getenv("WRK_LUA_DIR") or ".") .. "/?.lua;" .. package.path
local common = require("common")

local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_prefix", "t" .. #threads .. "-" .. math.random(0, 0x7fffffff))
end

local yes = '{"type":"IntentRequest","dialogState":"COMPLETED","intent":{"name":"AMAZON.YesIntent","confirmationStatus":"NONE"}}'
local setup_answer = '"payload":{"billingAgreementDetails":{"billingAgreementId":"C01-1234567-7654321",'
  .. '"creationTimestamp":"2026-11-28T23:33:25Z","destination":{"name":"Pat Doe","addressLine1":"410 Terry Ave N",'
  .. '"city":"Seattle","stateOrRegion":"WA","postalCode":"98109","countryCode":"US","phone":"2065550100"},'
  .. '"checkoutLanguage":"en_US","releaseEnvironment":"LIVE","billingAgreementStatus":"OPEN"}}'
local charge_answer = '"payload":{"amazonOrderReferenceId":"S01-1111111-2222222","authorizationDetails":{'
  .. '"amazonAuthorizationId":"S01-1111111-2222222-A000001","authorizationReferenceId":"NN0000000001A1",'
  .. '"sellerAuthorizationNote":"","authorizationAmount":{"amount":"9.00","currencyCode":"USD"},'
  .. '"capturedAmount":{"amount":"9.00","currencyCode":"USD"},"authorizationFee":{"amount":"0.00","currencyCode":"USD"},'
  .. '"idList":["S01-1111111-2222222-C000001"],"creationTimestamp":"2026-11-28T23:33:25Z",'
  .. '"expirationTimestamp":"2026-11-28T23:33:25Z","authorizationStatus":{"state":"Closed",'
  .. '"reasonCode":"MaxCapturesProcessed","lastUpdateTimestamp":"2026-11-28T23:33:25Z"},'
  .. '"softDecline":false,"captureNow":true,"softDescriptor":"AMZ*No Nicks"}}'

local function connections_response(name, token, payload)
  return '{"type":"Connections.Response","name":"' .. name
    .. '","status":{"code":"200","message":"OK"},"token":"' .. token .. '",' .. payload .. '}'
end

-- The JSON object that starts at `start` (an opening brace) in `text`, strings respected.
local function object_at(text, start)
  local depth, i, in_string = 0, start, false
  while i <= #text do
    local c = text:sub(i, i)
    if in_string then
      if c == "\\" then i = i + 1 elseif c == '"' then in_string = false end
    elseif c == '"' then in_string = true
    elseif c == "{" then depth = depth + 1
    elseif c == "}" then
      depth = depth - 1
      if depth == 0 then return text:sub(start, i) end
    end
    i = i + 1
  end
  return nil
end

-- Per thread (one connection): where the conversation is.
local step, user, session, attributes, token = 0, nil, nil, nil, nil
conversations, failures = 0, 0

local function start_conversation()
  local id = common.next_id("conversation")
  user, session, attributes, token, step = "amzn1.ask.account." .. id, "amzn1.echo-api.session." .. id, nil, nil, 1
end

function init(args)
  common.seed(thread_prefix)
  start_conversation()
end

function request()
  local id = common.next_id("request")
  local body
  if step == 1 then
    body = common.envelope(user, session, true, nil, id, '{"type":"LaunchRequest"}')
  elseif step == 2 or step == 3 or step == 5 then
    body = common.envelope(user, session, false, attributes, id, yes)
  elseif step == 4 then
    -- Amazon Pay's answer comes in a new session, which the checkout questions continue.
    session = session .. "-setup"
    body = common.envelope(user, session, true, nil, id,
      connections_response("Setup", token, setup_answer))
  else
    session = session .. "-charge"
    body = common.envelope(user, session, true, nil, id,
      connections_response("Charge", token, charge_answer))
  end
  return wrk.format("POST", "/", common.headers, body)
end

-- Checks each answer and takes what the next request needs; a wrong answer counts as a
-- failure and starts a new conversation.
function response(status, headers, body)
  local ok = status == 200
  if ok and (step == 1 or step == 2 or step == 4) then
    local at = body:find('"sessionAttributes"%s*:%s*{')
    attributes = at and object_at(body, body:find("{", at, true))
    ok = attributes ~= nil
  elseif ok and (step == 3 or step == 5) then
    token = body:match('"token"%s*:%s*"([^"]+)"')
    local name = body:match('"name"%s*:%s*"(%a+)"')
    ok = token ~= nil and name == (step == 3 and "Setup" or "Charge")
  elseif ok and step == 6 then
    ok = body:find("Your order is placed.", 1, true) ~= nil
  end
  if not ok then
    failures = failures + 1
    start_conversation()
  elseif step == 6 then
    conversations = conversations + 1
    start_conversation()
  else
    step = step + 1
  end
end

function done(summary, latency, requests)
  local total_conversations, total_failures = 0, 0
  for _, thread in ipairs(threads) do
    total_conversations = total_conversations + thread:get("conversations")
    total_failures = total_failures + thread:get("failures")
  end
  common.done(summary, latency, requests)
  io.write(string.format("CONVERSATIONS completed=%d failed=%d\n", total_conversations, total_failures))
end
