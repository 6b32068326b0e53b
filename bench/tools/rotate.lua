-- wrk script for bench/run: every request is the next line of $BENCH_URLS ("host path"),
-- sent over a new connection (Connection: close; BENCH_KEEPALIVE=1: kept-alive connections) to
-- fleetsim's shared port; the Host header
-- picks the phone, as fleetsim does for connections that do not arrive on a phone's own address.
local requests = {}
local next_index = 1

function init(args)
  local auth = os.getenv("BENCH_AUTH")
  for line in io.lines(os.getenv("BENCH_URLS")) do
    local host, path = line:match("^(%S+) (%S+)$")
    local headers = {["Host"] = host}
    if os.getenv("BENCH_KEEPALIVE") ~= "1" then headers["Connection"] = "close" end
    if path == "/CGI/Screenshot" then headers["Authorization"] = "Basic " .. auth end
    requests[#requests + 1] = wrk.format("GET", path, headers)
  end
  -- Threads start at different places so that they do not ask the same phone at once.
  next_index = 1 + (tonumber(wrk.thread:get("offset")) or 0) % #requests
end

function setup(thread)
  setup_count = (setup_count or 0) + 1
  thread:set("offset", tostring(setup_count * 7919))
end

function request()
  local r = requests[next_index]
  next_index = next_index % #requests + 1
  return r
end
