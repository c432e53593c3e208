-- wrk script for the order benchmark (bench/orders_bench.py): every request is a new order — its
-- own Idempotency-Key, one of the bench catalog's SKUs, a buyer with a valid resident ID number,
-- from its own address (X-Forwarded-For, which the server reads from a front on this machine: many
-- shoppers, so the store's limits per client are checked as shipped and not reached) — for the
-- amount the server quotes (passed as the first script argument). wrk runs LuaJIT (Lua
-- 5.1): no integer division operator.
--   wrk -s bench/orders.lua URL/api/orders -- EXPECTED_TOTAL_FEN RUN_ID
local threads = {}
local counter = 0
local expected, run, id = "0", "r", 0

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  expected = args[1] or "0"
  run = args[2] or "r"
end

local weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
local checks = "10X98765432"

local function id_number(n)
  local first = string.format("110101199001%02d%03d", 1 + math.floor(n / 1000) % 28, n % 1000)
  local sum = 0
  for i = 1, 17 do sum = sum + tonumber(first:sub(i, i)) * weights[i] end
  local r = sum % 11 + 1
  return first .. checks:sub(r, r)
end

function request()
  counter = counter + 1
  local n = id * 100000000 + counter
  local sku = string.format("B-%02d", counter % 10)
  local body = string.format(
    '{"lines":[{"sku":"%s","qty":1}],"buyer":{"name":"Wang Xiaoming","id_number":"%s","phone":"13800138000"},' ..
    '"consignee":{"name":"Wang Xiaoming","phone":"13800138000","address":"Chongqing Yubei 1","district":"500112"},' ..
    '"expected_total_fen":%s}', sku, id_number(n % 28000), expected)
  local client = string.format("10.%d.%d.%d", id % 256, math.floor(counter / 256) % 256, counter % 256)
  return wrk.format("POST", "/api/orders",
    {["Content-Type"] = "application/json", ["Idempotency-Key"] = run .. "-" .. n, ["X-Forwarded-For"] = client}, body)
end

-- The first few refusals, printed: the benchmark counts only 2xx orders, and says why not.
local refusals = 0
function response(status, headers, body)
  if status >= 300 and refusals < 3 then
    refusals = refusals + 1
    io.stderr:write(string.format("refused %d: %s\n", status, body))
  end
end
