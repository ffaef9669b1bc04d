// Demo data through the public HTTP contract (API.md), as a front end would create it: a few applications by demo
// applicants, some accepted by the window clerk. Idempotent: every submission carries a fixed Idempotency-Key, so
// running it again changes nothing. The catalog itself is seeded by the host at start-up.
// Usage: node scripts/demo.mjs [baseUrl]   (default http://127.0.0.1:7071)
import { createHash } from "node:crypto";

const base = (process.argv[2] ?? "http://127.0.0.1:7071").replace(/\/$/, "");

async function call(method, path, { token, body, headers = {} } = {}) {
  const response = await fetch(base + path, {
    method,
    headers: {
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  let json;
  try { json = text ? JSON.parse(text) : undefined; } catch { json = text; }
  if (!response.ok) {
    throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
  }
  return json;
}

const token = async (subject, name, roles, department) =>
  (await call("POST", "/api/dev/tokens", { body: { subject, name, roles, department } })).token;

// A small valid PDF, different per material so hashes differ.
function pdfBytes(label) {
  return Buffer.from(`%PDF-1.4\n% OneWindow demo material: ${label}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`, "utf8");
}

async function upload(applicantToken, label) {
  const bytes = pdfBytes(label);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const reservation = await call("POST", "/api/uploads", {
    token: applicantToken,
    body: { fileName: `${label}.pdf`, contentType: "application/pdf", size: bytes.length, sha256 },
  });
  const put = await fetch(reservation.uploadUrl, {
    method: "PUT",
    headers: { "x-ms-blob-type": "BlockBlob", "content-type": "application/pdf" },
    body: bytes,
  });
  if (!put.ok) throw new Error(`PUT upload ${label} answered ${put.status}: ${await put.text()}`);
  return reservation.uploadId;
}

// Demo applicants: fictitious people with valid-checksum ID numbers (GB 11643) and phones of the sandbox.
const applicants = [
  { subject: "demo-applicant-1", name: "张三", idNumber: "11010519491231002X", phone: "13800138000" },
  { subject: "demo-applicant-2", name: "李四", idNumber: "320102198506123016", phone: "13900139000" },
];

async function main() {
  const items = await call("GET", "/api/catalog/items");
  if (!Array.isArray(items) || items.length === 0) throw new Error("the catalog is empty; was it seeded?");
  const clerk = await token("demo-clerk", "王窗口", ["clerk"]);
  const demoItems = items.slice(0, 2);
  let index = 0;
  for (const applicant of applicants) {
    const item = demoItems[index % demoItems.length];
    index++;
    const applicantToken = await token(applicant.subject, applicant.name, ["applicant"]);
    // Uploads get new ids on every run, so a second run would send another body under the same key (409): skip instead.
    const existing = (await call("GET", "/api/applications", { token: applicantToken })).find((a) => a.itemCode === item.code);
    if (existing) {
      console.log(`demo application ${existing.number} (${item.code}) already there: ${existing.status}`);
      continue;
    }
    const guide = await call("POST", `/api/catalog/items/${encodeURIComponent(item.code)}/material-list`, { body: { answers: {} } })
      .catch(() => ({ materials: item.materials ?? [] }));
    const required = (guide.materials ?? guide ?? []).filter((m) => m.required !== false);
    const materials = [];
    for (const material of required) {
      materials.push({ code: material.code, uploadId: await upload(applicantToken, `${applicant.subject}-${material.code}`) });
    }
    const submitted = await call("POST", "/api/applications", {
      token: applicantToken,
      headers: { "Idempotency-Key": `demo-${applicant.subject}-${item.code}` },
      body: {
        itemCode: item.code,
        answers: {},
        applicant: { kind: "person", name: applicant.name, idNumber: applicant.idNumber, phone: applicant.phone },
        form: { note: "演示申请" },
        materials,
        delivery: { method: "pickup" },
      },
    });
    console.log(`demo application ${submitted.number} (${item.code}) ${submitted.status}`);
    // The first case is accepted (it goes on to the department review); the second gets a one-time correction notice.
    // A re-run finds them decided already (409) and leaves them as they are.
    const decision = index === 1
      ? { decision: "accept" }
      : { decision: "request-correction", items: [{ materialCode: materials[0]?.code, message: "证件照片不清晰，请重新上传" }], supplyWorkingDays: 5 };
    await call("POST", `/api/applications/${submitted.id}/acceptance`, { token: clerk, body: decision })
      .then(() => console.log(`  window clerk: ${decision.decision}`))
      .catch((e) => console.log(`  window decision skipped: ${e.message}`));
  }
  console.log(`track an application: GET ${base}/api/track/<number>; SMS sent: GET http://127.0.0.1:7072/sandbox/sms`);
}

main().catch((error) => {
  console.error(`demo data failed: ${error.message}`);
  process.exit(1);
});
