// Backtest of the predicted completion over the data of a running platform (the demo's "history" story makes some):
// every decided task of each item at its department predicted from the tasks before it, against the working days it
// took (GET /api/supervision/forecast/backtest). Prints the error in working days.
// Usage: node scripts/backtest.mjs [baseUrl]   (default http://127.0.0.1:7071; Development only: takes a dev token)
const base = (process.argv[2] ?? "http://127.0.0.1:7071").replace(/\/$/, "");

async function call(method, path, { token, body } = {}) {
  const response = await fetch(base + path, {
    method,
    headers: { ...(body ? { "content-type": "application/json" } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

try {
  const { token } = await call("POST", "/api/dev/tokens", { body: { subject: "backtest", name: "督查员", roles: ["supervisor"] } });
  const result = await call("GET", "/api/supervision/forecast/backtest", { token });
  if (result.tasks === 0) {
    console.log("no item has two decided tasks yet: run scripts/demo.sh history first");
    process.exit(0);
  }
  console.log("department           item                              tasks  mean |error| (working days)");
  for (const item of result.items) {
    console.log(`${item.department.padEnd(20)} ${item.itemCode.padEnd(33)} ${String(item.tasks).padStart(5)}  ${item.meanAbsoluteErrorWorkingDays.toFixed(3)}`);
  }
  console.log(`all: ${result.tasks} predictions, mean absolute error ${result.meanAbsoluteErrorWorkingDays.toFixed(3)} working days, median ${result.medianAbsoluteErrorWorkingDays.toFixed(3)}`);
} catch (error) {
  console.error(`backtest failed: ${error.message}`);
  process.exit(1);
}
