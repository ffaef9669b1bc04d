// The demo through the public HTTP contract (API.md), as front ends and department systems would drive it, while the
// platform runs (scripts/run.sh). Stories (default: restaurant, fast, disclosure, mailbox):
//   data        a few applications by demo applicants, some accepted (idempotent: fixed Idempotency-Keys; run.sh runs it)
//   restaurant  a whole "我要开餐馆" case: uploads, submission (courier delivery), acceptance, three departments deciding
//               (two through their systems' signed webhooks, one in its worklist), the lead's consolidation, the fee paid
//               at the sandbox bank if one is due, the licences issued and verified, the parcel dispatched and signed for
//               at the sandbox courier, delivered, the applicant's SMS, a rating and the supervisor's timeline
//   fast        a case of the fast demo item passing its warning, its promised and its legal deadline (alerts, SMS);
//               the development clock is moved past each moment (--real-time waits the 6 minutes instead)
//   history     a few decided cases of one item, days apart on the development clock, so predictions and the backtest
//               (scripts/backtest.sh) have a pace to learn from
//   disclosure  a request for government information (依申请公开) answered on paper: the government office asks once to
//               clarify, the applicant clarifies, the office hands it over to natural resources, whose chief extends it by
//               20 working days; a reviewer uploads the file and answers "disclosed"; the sandbox courier's parcel is
//               signed for; the applicant's SMS and the supervisor's timeline
//   mailbox     the government mailbox (政务信箱): a signed complaint handed to fire rescue, replied, rated 1, reopened to the
//               department's chief, replied again, rated 4 and closed; an anonymous suggestion replied and shown on the
//               public list (GET /api/mailbox/public); the writer's SMS
// Watch it on the supervisor's page: http://127.0.0.1:7071/supervision/ (the link of each case is printed).
// Usage: node scripts/demo.mjs [baseUrl] [data|restaurant|fast|history|disclosure|mailbox|all ...] [--real-time] [--sandbox url]
import { createHash, randomUUID } from "node:crypto";

const argv = process.argv.slice(2);
const options = { realTime: argv.includes("--real-time"), sandbox: process.env.ONEWINDOW_SANDBOX_URL ?? "http://127.0.0.1:7072" };
const sandboxAt = argv.indexOf("--sandbox");
if (sandboxAt >= 0) options.sandbox = argv[sandboxAt + 1];
const positional = argv.filter((a, i) => !a.startsWith("--") && argv[i - 1] !== "--sandbox");
const base = (positional[0]?.startsWith("http") ? positional.shift() : "http://127.0.0.1:7071").replace(/\/$/, "");
const sandbox = options.sandbox.replace(/\/$/, "");

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

async function seedData() {
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


// ---- the stories ----

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const step = (text) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${text}`);

async function waitFor(what, probe, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(500);
  }
}

async function sandboxCall(method, path, body) {
  const response = await fetch(sandbox + path, {
    method,
    headers: body ? { "content-type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${sandbox}${path} answered ${response.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

const tasksOf = (application) => application.stages.flatMap((s) => s.tasks);
const taskOf = (application, department, kind = "review") => tasksOf(application).find((t) => t.department === department && t.kind === kind);

// A demo applicant of this run: a new subject, so every run makes a new case.
async function newApplicant(label) {
  const subject = `demo-${label}-${randomUUID().slice(0, 8)}`;
  return { subject, token: await token(subject, "张三", ["applicant"]), person: applicants[0] };
}

async function submitAndAccept(applicant, target, materialCodes, clerk, delivery = { method: "pickup" }) {
  const materials = [];
  for (const code of materialCodes) {
    materials.push({ code, uploadId: await upload(applicant.token, `${applicant.subject}-${code}`) });
    step(`  uploaded ${code}`);
  }
  const submitted = await call("POST", "/api/applications", {
    token: applicant.token,
    headers: { "Idempotency-Key": randomUUID() },
    body: {
      ...target,
      answers: {},
      applicant: { kind: "person", name: applicant.person.name, idNumber: applicant.person.idNumber, phone: applicant.person.phone },
      form: { shopName: "老街面馆", note: "演示申请" },
      materials,
      delivery,
    },
  });
  step(`submitted ${submitted.number} (${submitted.id}): ${submitted.status}`);
  console.log(`  watch it: ${base}/supervision/?case=${submitted.id}`);
  await waitFor("the case to wait for the window", async () => (await call("GET", `/api/applications/${submitted.id}`, { token: applicant.token })).status === "submitted");
  await call("POST", `/api/applications/${submitted.id}/acceptance`, { token: clerk, body: { decision: "accept" } });
  step("window clerk accepted the case");
  const inReview = await waitFor("the departments' tasks", async () => {
    const a = await call("GET", `/api/applications/${submitted.id}`, { token: applicant.token });
    return a.status === "in-review" && tasksOf(a).length > 0 && tasksOf(a).every((t) => t.status !== "in-review" || t.dueAt) ? a : null;
  });
  for (const t of tasksOf(inReview)) step(`  task ${t.id}: ${t.department} ${t.status}, due ${t.dueAt ?? "-"}`);
  return { ...submitted, application: inReview };
}

async function restaurant() {
  console.log("\n== 我要开餐馆 (open-restaurant): the whole case ==");
  const clerk = await token("demo-clerk", "王窗口", ["clerk"]);
  const fire = await token("demo-reviewer-fire", "消防审查员", ["reviewer"], "fire-rescue");
  const supervisor = await token("demo-supervisor", "督查员", ["supervisor"]);
  const applicant = await newApplicant("restaurant");
  const plan = await call("GET", "/api/catalog/packages/open-restaurant/plan");
  const codes = plan.materials.filter((m) => m.required && !["cold-food-process", "online-sales"].includes(m.code)).map((m) => m.code);
  const submitted = await submitAndAccept(applicant, { packageCode: "open-restaurant" }, codes, clerk,
    { method: "courier", address: "示范县人民路88号 老街面馆" });
  const id = submitted.id;
  const view = () => call("GET", `/api/applications/${id}`, { token: applicant.token });
  const market = taskOf(submitted.application, "market-regulation").id;
  const health = taskOf(submitted.application, "health").id;
  const fireTask = taskOf(submitted.application, "fire-rescue").id;

  await waitFor("the push to market regulation's system", async () =>
    (await sandboxCall("GET", "/sandbox/departments/market-regulation/deliveries")).some((d) => d.body?.taskId === market));
  step("market regulation's system received its task (signed push)");
  await sandboxCall("POST", "/sandbox/departments/market-regulation/decisions", { taskId: market, progress: { step: "现场核查", note: "已安排核查人员" } });
  step("market regulation's system reported progress: 现场核查");
  await sleep(2000);
  await sandboxCall("POST", "/sandbox/departments/market-regulation/decisions", { taskId: market, decision: "approve", opinion: "符合食品经营许可条件" });
  step("market regulation approved through its system (signed webhook)");
  await sleep(2000);
  await sandboxCall("POST", "/sandbox/departments/health/decisions", { taskId: health, decision: "approve", opinion: "卫生条件合格" });
  step("health approved through its system (signed webhook)");
  await sleep(2000);
  await waitFor("the fire task in its worklist", async () =>
    (await call("GET", "/api/departments/fire-rescue/tasks?status=open", { token: fire })).some((t) => t.taskId === fireTask));
  await call("POST", `/api/tasks/${fireTask}/decision`, { token: fire, body: { decision: "approve", opinion: "消防安全检查合格" } });
  step("fire rescue approved in its worklist");

  const consolidating = await waitFor("the lead's consolidation task", async () => {
    const a = await view();
    return taskOf(a, "market-regulation", "consolidation") ? a : null;
  });
  const consolidation = taskOf(consolidating, "market-regulation", "consolidation").id;
  step(`the lead department (market regulation) has the consolidation task ${consolidation}`);
  await waitFor("the consolidation push", async () =>
    (await sandboxCall("GET", "/sandbox/departments/market-regulation/deliveries")).some((d) => d.body?.taskId === consolidation));
  await sandboxCall("POST", "/sandbox/departments/market-regulation/decisions", { taskId: consolidation, decision: "approve", opinion: "三部门意见一致，准予许可" });
  step("market regulation consolidated: 准予许可");

  const done = await waitFor("the outcome", async () => {
    const a = await view();
    return ["approved", "rejected", "delivered"].includes(a.status) ? a : null;
  });
  step(`case ${done.number}: ${done.status}`);
  if (done.status === "rejected") throw new Error("the restaurant case was rejected");

  // Delivery: the fee (if the case owes one) at the sandbox bank, the licences issued by the licence-issuance queue
  // function, the parcel handed to the sandbox courier.
  const paying = await waitFor("the delivery step", async () => {
    const a = await view();
    return a.delivery && a.delivery.status !== "pending" ? a : null;
  });
  if (paying.delivery.status === "awaiting-payment") {
    const fee = paying.delivery.fee;
    step(`fee due: ${fee.amount} ${fee.currency}, payment notice ${fee.paymentNotice}`);
    await sandboxCall("POST", "/sandbox/payments", { paymentNotice: fee.paymentNotice });
    step("the applicant paid at the sandbox bank (signed payment callback)");
  } else {
    step(`no fee due (${paying.delivery.fee ? paying.delivery.fee.status : "the restaurant items are free"})`);
  }
  const dispatched = await waitFor("the licences and the dispatch", async () => {
    const a = await view();
    return a.delivery?.status === "dispatched" ? a : null;
  });
  step(`licences issued and dispatched, waybill ${dispatched.delivery.waybill}`);
  for (const { number } of dispatched.licences ?? []) {
    const licence = await call("GET", `/api/licences/${encodeURIComponent(number)}`, { token: applicant.token });
    const check = await call("GET", `/api/licences/${encodeURIComponent(number)}/verification`);
    step(`  licence ${number} (${licence.kind}, ${licence.issuer}): verification valid=${check.valid}, ${check.status}, until ${check.validUntil ?? "长期有效"}`);
    console.log(`    PDF: ${licence.fileUrl.startsWith("/") ? base + licence.fileUrl : licence.fileUrl} (holder's token)`);
  }
  const shipment = (await sandboxCall("GET", "/sandbox/shipments")).find((x) => x.waybill === dispatched.delivery.waybill);
  if (!shipment) throw new Error(`the sandbox courier has no shipment ${dispatched.delivery.waybill}`);
  step(`courier shipment ${shipment.waybill}: to ${shipment.to}, ${shipment.address}, ref ${shipment.reference}, ${shipment.status}`);
  await sandboxCall("POST", `/sandbox/shipments/${encodeURIComponent(shipment.waybill)}/events`, { status: "signed" });
  step("the courier reported the parcel signed for (signed tracking callback)");
  const delivered = await waitFor("delivered", async () => {
    const a = await view();
    return a.status === "delivered" ? a : null;
  });
  step(`case ${delivered.number}: ${delivered.status}`);
  const sms = await waitFor("the applicant's SMS", async () => {
    const list = await sandboxCall("GET", `/sandbox/sms?to=${applicant.person.phone}`);
    const mine = list.filter((m) => m.text.includes(done.number)).sort((a, b) => a.sentAt.localeCompare(b.sentAt));
    return mine.some((m) => m.text.includes("已送达")) ? mine : null; // accepted ... dispatched, delivered
  }, 60_000).catch(() => []);
  for (const m of sms) step(`SMS to ${m.to}: ${m.text}`);
  await call("POST", `/api/applications/${id}/evaluation`, { token: applicant.token, body: { score: 5, comment: "一次办好，非常方便" } });
  step("the applicant rated the case 5 (好评)");
  const timeline = await call("GET", `/api/supervision/applications/${id}/timeline`, { token: supervisor });
  console.log("  timeline:");
  for (const s of timeline) console.log(`    ${s.at.slice(0, 19)}  ${s.step.padEnd(20)} ${(s.department ?? "").padEnd(18)} ${(s.actor ?? "").padEnd(34)} ${s.workingDays.toFixed(2)}  ${s.detail}`);
}

async function advanceClockPast(admin, moment, label) {
  const clock = await call("GET", "/api/dev/clock", { token: admin });
  const ms = Date.parse(moment) - Date.parse(clock.now) + 2000;
  if (ms > 0) {
    await call("POST", "/api/dev/clock", { token: admin, body: { advance: `PT${Math.ceil(ms / 1000)}S` } });
    step(`development clock moved ${Math.ceil(ms / 1000)} s forward, past the ${label}`);
  }
}

async function fast() {
  console.log("\n== the fast demo item (3-minute promised deadline): warning, overdue, legal overdue ==");
  const clerk = await token("demo-clerk", "王窗口", ["clerk"]);
  const admin = await token("demo-admin", "管理员", ["admin"]);
  const supervisor = await token("demo-supervisor", "督查员", ["supervisor"]);
  const applicant = await newApplicant("fast");
  const guide = await call("POST", "/api/catalog/items/demo-fast-track/material-list", { body: { answers: {} } });
  const codes = (guide.materials ?? guide).filter((m) => m.required !== false).map((m) => m.code);
  const submitted = await submitAndAccept(applicant, { itemCode: "demo-fast-track" }, codes, clerk);
  const task = tasksOf(submitted.application)[0];
  const alertOf = async (level) => (await call("GET", `/api/supervision/alerts?level=${level}`, { token: supervisor })).find((a) => a.taskId === task.id);
  for (const [level, moment, label] of [["warning", task.warningAt, "warning time"], ["overdue", task.dueAt, "promised deadline"], ["legal-overdue", task.legalDueAt, "legal deadline"]]) {
    if (!options.realTime) await advanceClockPast(admin, moment, label);
    else step(`waiting for the ${label} (${moment}) ...`);
    const alert = await waitFor(`the ${level} alert`, () => alertOf(level), options.realTime ? 420_000 : 60_000);
    step(`alert ${level} raised at ${alert.raisedAt} for ${alert.department} (the page shows it ${level === "warning" ? "yellow" : level === "overdue" ? "red" : "dark red"})`);
    if (!options.realTime) await sleep(5000); // time to see the colour change on the page
  }
  const chiefSms = await sandboxCall("GET", "/sandbox/sms?to=0571-6101001");
  for (const m of chiefSms.filter((x) => x.text.includes(submitted.number))) step(`SMS to ${m.to}: ${m.text}`);
  console.log(`  watch it: ${base}/supervision/?case=${submitted.id}`);
}

async function history() {
  console.log("\n== history: decided cases of one item, days apart, for predictions and the backtest ==");
  const clerk = await token("demo-clerk", "王窗口", ["clerk"]);
  const admin = await token("demo-admin", "管理员", ["admin"]);
  const reviewer = await token("demo-reviewer-civil", "民政审查员", ["reviewer"], "civil-affairs");
  const item = "senior-citizen-card";
  const guide = await call("POST", `/api/catalog/items/${item}/material-list`, { body: { answers: {} } });
  const codes = (guide.materials ?? guide).filter((m) => m.required !== false).map((m) => m.code);
  // Working hours each decision waits: the department's pace varies around a day and a half.
  const waits = ["PT20H", "PT40H", "PT30H", "PT50H", "PT26H", "PT44H", "PT34H", "PT22H"];
  for (const wait of waits) {
    const applicant = await newApplicant("history");
    const submitted = await submitAndAccept(applicant, { itemCode: item }, codes, clerk);
    const task = tasksOf(submitted.application)[0];
    await waitFor("the task in the worklist", async () =>
      (await call("GET", "/api/departments/civil-affairs/tasks?status=open", { token: reviewer })).some((t) => t.taskId === task.id));
    await call("POST", "/api/dev/clock", { token: admin, body: { advance: wait } });
    await call("POST", `/api/tasks/${task.id}/decision`, { token: reviewer, body: { decision: "approve", opinion: "符合条件" } });
    await waitFor("the decision", async () => (await call("GET", `/api/applications/${submitted.id}`, { token: applicant.token })).status === "approved");
    step(`decided after ${wait} on the development clock`);
  }
}

// ---- disclosure requests and mailbox letters (issue 17): intake at the government office, handling at a department ----

const office = "government-office";

// The open task of this kind for the case in the department's worklist, once its document is in review; returns its id.
async function openTask(worker, department, caseId, kind, not) {
  const taskId = await waitFor(`the ${kind} task in ${department}'s worklist`, async () =>
    (await call("GET", `/api/departments/${department}/tasks?status=open`, { token: worker }))
      .find((t) => t.applicationId === caseId && t.kind === kind && t.taskId !== not)?.taskId);
  await waitFor(`the ${kind} task's document`, async () => (await call("GET", `/api/tasks/${taskId}`, { token: worker })).status === "in-review");
  step(`  ${department} has the ${kind} task ${taskId}`);
  return taskId;
}

// The government office's intake officer, and a reviewer and the chief of the department that handles the case.
const enquiryWorkers = async (department, reviewerName, chiefName) => ({
  officer: await token("demo-reviewer-office", "县政府办公室受理员", ["reviewer"], office),
  reviewer: await token(`demo-reviewer-${department}`, reviewerName, ["reviewer"], department),
  chief: await token(`demo-chief-${department}`, chiefName, ["chief"], department),
});

const decide = (worker, taskId, decision) => call("POST", `/api/tasks/${taskId}/decision`, { token: worker, body: decision });

const applicantBlock = (person) => ({ kind: "person", name: person.name, idNumber: person.idNumber, phone: person.phone });

async function printSms(phone, number, until) {
  const sms = await waitFor("the applicant's SMS", async () => {
    const mine = (await sandboxCall("GET", `/sandbox/sms?to=${phone}`)).filter((m) => m.text.includes(number)).sort((a, b) => a.sentAt.localeCompare(b.sentAt));
    return mine.some((m) => m.text.includes(until)) ? mine : null;
  }, 60_000).catch(() => []);
  if (sms.length === 0) step(`(no SMS to ${phone} mentioning ${number} and ${until} within a minute)`);
  for (const m of sms) step(`SMS to ${m.to}: ${m.text}`);
}

async function printTimeline(supervisor, id) {
  const timeline = await call("GET", `/api/supervision/applications/${id}/timeline`, { token: supervisor });
  console.log("  timeline:");
  for (const s of timeline) console.log(`    ${s.at.slice(0, 19)}  ${s.step.padEnd(24)} ${(s.department ?? "").padEnd(18)} ${(s.actor ?? "").padEnd(34)} ${s.workingDays.toFixed(2)}  ${s.detail}`);
}

async function disclosure() {
  console.log("\n== 依申请公开: a request for information, clarified once, handed over, extended, disclosed on paper ==");
  const holder = "natural-resources";
  const { officer, reviewer, chief } = await enquiryWorkers(holder, "自然资源审查员", "自然资源局负责人");
  const supervisor = await token("demo-supervisor", "督查员", ["supervisor"]);
  const applicant = await newApplicant("disclosure");
  const address = "示范县人民路88号";
  const submitted = await call("POST", "/api/disclosure-requests", {
    token: applicant.token,
    headers: { "Idempotency-Key": randomUUID() },
    body: {
      applicant: applicantBlock(applicant.person),
      description: "示范县2025年度建设用地供应计划及其批复文件",
      purpose: "了解本村土地规划",
      delivery: { form: "paper", address },
    },
  });
  const { id, number } = submitted;
  const path = `/api/disclosure-requests/${id}`;
  const view = () => call("GET", path, { token: applicant.token });
  step(`requested ${number} (${id}): ${submitted.status}, answer on paper by courier to ${address}`);
  console.log(`  watch it: ${base}/supervision/?case=${id}`);

  const intake = await openTask(officer, office, id, "intake");
  await decide(officer, intake, { decision: "clarify", opinion: "请说明所需批复文件的文号或年份", supplyWorkingDays: 5 });
  const asked = await waitFor("the clarification request", async () => { const r = await view(); return r.status === "clarification-required" ? r : null; });
  step(`the government office asked once to clarify: 「${asked.clarification.question}」 by ${asked.clarification.dueAt}`);
  await call("POST", `${path}/clarification`, { token: applicant.token, body: { text: "示范县自然资源局2025年第3号批复" } });
  const clarified = await view();
  step(`the applicant clarified; the request counts as received again at ${clarified.receivedAt}`);

  const intake2 = await openTask(officer, office, id, "intake", intake);
  await decide(officer, intake2, { decision: "hand-over", opinion: "由县自然资源和规划局答复", department: holder });
  await waitFor("the hand-over", async () => { const r = await view(); return r.status === "in-progress" && r.holdingDepartment === holder; });
  step(`the government office handed it over to ${holder}`);

  const handling = await openTask(reviewer, holder, id, "handling");
  const task = await waitFor("the handling task's deadlines", async () => { const t = await call("GET", `/api/tasks/${handling}`, { token: reviewer }); return t.legalDueAt ? t : null; });
  step(`  statutory answer due ${task.legalDueAt} (20 working days from the clarified request)`);
  await call("POST", `/api/tasks/${handling}/extension`, { token: chief, body: { workingDays: 20, reason: "需调取档案并征求第三方意见" } });
  const extended = await waitFor("the extension", async () => {
    const t = await call("GET", `/api/tasks/${handling}`, { token: reviewer });
    return Date.parse(t.legalDueAt) > Date.parse(task.legalDueAt) ? t : null;
  });
  step(`the ${holder} chief extended the answer by 20 working days: now due ${extended.legalDueAt}`);

  const fileUploadId = await upload(reviewer, `${number}-land-supply-2025`);
  step(`  the ${holder} reviewer uploaded the information (upload ${fileUploadId})`);
  await decide(reviewer, handling, { decision: "disclosed", opinion: "经审查，所申请信息予以公开，详见附件。", fileUploadId });
  const answered = await waitFor("the answer", async () => { const r = await view(); return r.answer ? r : null; });
  step(`answered: ${answered.answer.type} (「${answered.answer.explanation}」), file sha256 ${answered.answer.file?.sha256?.slice(0, 16)}…`);

  const dispatched = await waitFor("the paper's dispatch", async () => { const r = await view(); return r.delivery?.status === "dispatched" ? r : null; });
  const shipment = (await sandboxCall("GET", "/sandbox/shipments")).find((x) => x.waybill === dispatched.delivery.waybill);
  if (!shipment) throw new Error(`the sandbox courier has no shipment ${dispatched.delivery.waybill}`);
  step(`courier shipment ${shipment.waybill}: to ${shipment.to}, ${shipment.address}, ref ${shipment.reference}, ${shipment.status}`);
  await sandboxCall("POST", `/sandbox/shipments/${encodeURIComponent(shipment.waybill)}/events`, { status: "signed" });
  step("the courier reported the parcel signed for (signed tracking callback)");
  const delivered = await waitFor("delivered", async () => { const r = await view(); return r.status === "delivered" ? r : null; });
  step(`request ${number}: ${delivered.status}`);
  await printSms(applicant.person.phone, number, "予以公开");
  await printTimeline(supervisor, id);
  console.log(`  watch it: ${base}/supervision/?case=${id}`);
}

async function mailbox() {
  console.log("\n== 政务信箱: a complaint reopened to the chief after a poor rating; an anonymous suggestion on the public list ==");
  const department = "fire-rescue";
  const { officer, reviewer, chief } = await enquiryWorkers(department, "消防审查员", "消防救援大队负责人");
  const handOver = async (id) => {
    const intake = await openTask(officer, office, id, "intake");
    await decide(officer, intake, { decision: "hand-over", opinion: "转县消防救援大队办理", department });
    step(`the government office handed it over to ${department}`);
  };

  const writer = { ...(await newApplicant("mailbox")), person: applicants[1] };
  const letter = await call("POST", "/api/mailbox", {
    token: writer.token,
    headers: { "Idempotency-Key": randomUUID() },
    body: { type: "complaint", subject: "商场安全出口被堵", content: "人民路商场二楼安全出口长期堆放货物，存在火灾隐患。", applicant: applicantBlock(writer.person) },
  });
  const { id, number } = letter;
  const path = `/api/mailbox/${id}`;
  const view = () => call("GET", path, { token: writer.token });
  const until = (what, test) => waitFor(what, async () => { const l = await view(); return test(l) ? l : null; });
  step(`complaint ${number} (${id}) signed by ${writer.person.name}: ${letter.status}`);
  console.log(`  watch it: ${base}/supervision/?case=${id}`);
  await handOver(id);
  await until("the hand-over", (l) => l.status === "in-progress" && l.department === department);

  const handling1 = await openTask(reviewer, department, id, "handling");
  await decide(reviewer, handling1, { decision: "reply", opinion: "已派员检查，责令商场当日清理。" });
  await until("the reply", (l) => l.status === "replied");
  step(`${department} replied: 已派员检查，责令商场当日清理。`);
  await call("POST", `${path}/rating`, { token: writer.token, body: { score: 1, comment: "现场仍未清理" } });
  step("the writer rated the reply 1 (现场仍未清理)");
  const reopened = await until("the reopening", (l) => l.status === "reopened");
  step(`complaint ${number}: ${reopened.status} (reopened=${reopened.reopened}), only the ${department} chief may answer now`);

  const handling2 = await openTask(chief, department, id, "handling", handling1);
  await decide(chief, handling2, { decision: "reply", opinion: "大队负责人复查：货物已全部清理，并对商场立案处罚。" });
  await until("the chief's reply", (l) => l.status === "replied" && l.replies.length === 2);
  step(`the ${department} chief replied: 大队负责人复查：货物已全部清理，并对商场立案处罚。`);
  await call("POST", `${path}/rating`, { token: writer.token, body: { score: 4, comment: "处理及时" } });
  step("the writer rated the second reply 4");
  const closed = await until("the closing", (l) => l.status === "closed");
  step(`complaint ${number}: ${closed.status}, ratings ${closed.ratings.map((r) => r.score).join(", ")}`);
  await printSms(writer.person.phone, number, "负责人复查");

  const anonymous = await newApplicant("mailbox-anonymous");
  const subject = `建议在老旧小区增设消防通道标识（${randomUUID().slice(0, 6)}）`;
  const suggestion = await call("POST", "/api/mailbox", {
    token: anonymous.token,
    headers: { "Idempotency-Key": randomUUID() },
    body: { type: "suggestion", subject, content: "老旧小区消防通道常被占用，建议施划标线并设置禁停标识。", anonymous: true },
  });
  step(`anonymous suggestion ${suggestion.number} (${suggestion.id}): ${suggestion.status}`);
  await handOver(suggestion.id);
  const handling = await openTask(reviewer, department, suggestion.id, "handling");
  await decide(reviewer, handling, { decision: "reply", opinion: "感谢建议，大队将于下月起在城区老旧小区施划消防通道标线。" });
  step(`${department} replied to the suggestion`);
  const row = await waitFor("the suggestion on the public list", async () =>
    (await call("GET", "/api/mailbox/public")).find((r) => r.number === suggestion.number));
  step(`public list (GET /api/mailbox/public, no token): ${row.number} 「${row.subject}」 → ${row.department}: 「${row.reply}」`);
  console.log(`  watch it: ${base}/supervision/?case=${suggestion.id}`);
}

const stories = { data: seedData, restaurant, fast, history, disclosure, mailbox };
const chosen = positional.length === 0 ? ["restaurant", "fast", "disclosure", "mailbox"]
  : positional.includes("all") ? ["data", "history", "restaurant", "fast", "disclosure", "mailbox"] : positional;
for (const name of chosen) {
  if (!stories[name]) {
    console.error(`unknown story '${name}': one of ${Object.keys(stories).join(", ")}, all`);
    process.exit(2);
  }
}
try {
  for (const name of chosen) await stories[name]();
} catch (error) {
  console.error(`demo failed: ${error.message}`);
  process.exit(1);
}
