-- replay.lua at a fixed offered rate: each connection pauses between its requests, and every second each thread
-- compares what it sent with its share of the rate and corrects the pause (wrk has no millisecond clock for Lua,
-- and a pause is whole milliseconds, so fractions are dithered). Within a few seconds the rate holds to about 1%.
-- Arguments (after --): <file> <path> <threads> <requests per second> <connections>
dofile("bench/wrk/replay.lua")

local base_init = init

function init(args)
  base_init(args)
  local threads, connections = tonumber(args[3]), tonumber(args[5])
  target = tonumber(args[4]) / threads
  pause = (connections / threads) * 1000 / target
  second, sent_this_second = nil, 0
end

local base_request = request

function request()
  sent_this_second = sent_this_second + 1
  return base_request()
end

function delay()
  local now = os.time()
  if now ~= second then
    if second ~= nil and now == second + 1 and sent_this_second > 0 then
      -- Sent too few: pause less. Damped, since latency is part of each connection's cycle too.
      pause = math.max(0, pause * (1 + 0.7 * (sent_this_second / target - 1)))
    end
    second, sent_this_second = now, 0
  end
  local whole = math.floor(pause)
  return whole + ((math.random() < pause - whole) and 1 or 0)
end
