// 督查监管页面：静态文件，无构建步骤。所有数据来自 API（Authorization: Bearer <令牌>），只用 textContent 写入页面。
"use strict";

const STATE_LABELS = {
  waiting: "待办（未开始）",
  "in-review": "审查中",
  warning: "预警",
  overdue: "超期",
  "legal-overdue": "超法定时限",
  approved: "已同意",
  rejected: "不同意",
  suspended: "暂停计时",
  cancelled: "已撤销",
  done: "已办理",
};
const LEVEL_LABELS = { warning: "预警", overdue: "超期", "legal-overdue": "超法定时限", "delivery-failed": "推送失败" };
const STATUS_LABELS = {
  submitted: "已提交", accepted: "已受理", "in-review": "审查中", "correction-required": "待补正", suspended: "暂停",
  approved: "已办结（准予）", rejected: "已办结（不予）", terminated: "已终止", delivered: "已送达",
  // 依申请公开与政府信箱
  received: "已收到（待受理分办）", "clarification-required": "待补正说明", "in-progress": "办理中", answered: "已答复",
  withdrawn: "视为放弃申请", replied: "已答复（待评价）", reopened: "重新办理（部门负责人）", closed: "已办结",
};
const CASE_KIND_LABELS = { licensing: "行政审批", disclosure: "依申请公开", mailbox: "政府信箱" };
const STEP_LABELS = {
  submitted: "提交申请", accepted: "窗口受理", "correction-requested": "一次性告知补正", "corrections-received": "收到补正材料",
  "task-assigned": "任务派发", warning: "预警", overdue: "超期催办", "legal-overdue": "超法定时限", decided: "部门决定",
  suspended: "暂停计时", resumed: "恢复计时", extended: "延期", "deadline-moved": "时限调整", "consultation-asked": "征求意见",
  "consultation-answered": "意见答复", cancelled: "任务撤销", progress: "办理进度", pushed: "推送部门系统",
  "push-failed": "推送失败", finished: "办结",
  "clarification-requested": "要求补正说明", "clarification-received": "收到补正说明", replied: "答复来信",
  "replied-again": "重新答复", rated: "来信人评价", dispatched: "交寄快递", delivered: "送达",
};
const KIND_LABELS = { review: "审查", consolidation: "汇总意见", consultation: "征求意见", intake: "受理分办", handling: "办理答复" };
const DECISION_LABELS = {
  approve: "同意", reject: "不同意", "request-correction": "要求补正", cancelled: "撤销", "correction-expired": "逾期未补正",
  "hand-over": "受理转办", clarify: "要求补正说明", reply: "答复", disclosed: "予以公开", "partly-disclosed": "部分公开",
  "not-disclosed": "不予公开", "does-not-exist": "信息不存在", refer: "告知向其他机关申请",
};

let token = sessionStorage.getItem("onewindow-token") || "";
const departmentNames = {};

const $ = (id) => document.getElementById(id);

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value !== undefined && value !== null) node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function localTime(value) {
  if (!value) return "—";
  return new Date(value).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });
}

function department(code) {
  if (!code) return "";
  if (code === "window") return "综合窗口";
  return departmentNames[code] ? `${departmentNames[code]}` : code;
}

async function api(path, options = {}) {
  const response = await fetch(path, {
    ...options,
    headers: { authorization: `Bearer ${token}`, ...(options.body ? { "content-type": "application/json" } : {}) },
  });
  const text = await response.text();
  let body;
  try { body = text ? JSON.parse(text) : undefined; } catch { body = text; }
  if (!response.ok) {
    const detail = body && body.detail ? body.detail : `HTTP ${response.status}`;
    const error = new Error(detail);
    error.status = response.status;
    throw error;
  }
  return body;
}

// ---- 登录 ----
async function signIn(value) {
  token = value.trim().replace(/^Bearer\s+/i, "");
  $("sign-in-error").textContent = "";
  try {
    await api("/api/supervision/alerts");
  } catch (error) {
    $("sign-in-error").textContent = error.status === 401 ? "令牌无效或已过期。" : error.status === 403 ? "该令牌没有督查权限。" : `登录失败：${error.message}`;
    return;
  }
  sessionStorage.setItem("onewindow-token", token);
  const claims = decodeClaims(token);
  $("who").textContent = claims ? `${claims.name || claims.sub || ""}（${[].concat(claims.roles || claims.role || []).join("、")}${claims.department ? " · " + claims.department : ""}）` : "";
  $("sign-in").hidden = true;
  $("app").hidden = false;
  $("sign-out").hidden = false;
  await loadStats().catch(() => {});
  await loadAlerts();
  const wanted = new URLSearchParams(location.search).get("case");
  if (wanted) { $("case-id").value = wanted; showTab("case"); await loadCase(wanted); }
}

function decodeClaims(jwt) {
  try {
    const part = jwt.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return JSON.parse(decodeURIComponent(escape(atob(part))));
  } catch { return null; }
}

function signOut() {
  sessionStorage.removeItem("onewindow-token");
  token = "";
  $("app").hidden = true;
  $("sign-in").hidden = false;
  $("sign-out").hidden = true;
  $("who").textContent = "";
}

async function developmentToken() {
  try {
    const response = await fetch("/api/dev/tokens", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ subject: "supervisor-web", name: "督查员", roles: ["supervisor"] }),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    $("token").value = (await response.json()).token;
  } catch (error) {
    $("sign-in-error").textContent = `开发令牌不可用（仅开发环境）：${error.message}`;
  }
}

// ---- 标签页 ----
function showTab(name) {
  for (const button of document.querySelectorAll("nav button")) button.classList.toggle("active", button.dataset.tab === name);
  for (const section of document.querySelectorAll(".tab")) section.hidden = section.id !== `tab-${name}`;
  if (name === "evaluations") loadEvaluations().catch(() => {});
}

// ---- 告警 ----
let openAlerts = [];

async function loadAlerts() {
  openAlerts = await api("/api/supervision/alerts");
  const body = $("alerts").querySelector("tbody");
  body.replaceChildren();
  for (const alert of openAlerts) {
    const open = el("button", { type: "button", "data-case": alert.applicationId }, "查看流程");
    open.addEventListener("click", () => { $("case-id").value = alert.applicationId; showTab("case"); loadCase(alert.applicationId); });
    body.append(el("tr", { class: `level-${alert.level}`, "data-task": alert.taskId },
      el("td", {}, LEVEL_LABELS[alert.level] || alert.level),
      el("td", {}, alert.number),
      el("td", {}, department(alert.department)),
      el("td", {}, localTime(alert.dueAt)),
      el("td", {}, localTime(alert.raisedAt)),
      el("td", {}, open)));
  }
  $("alerts-empty").hidden = openAlerts.length > 0;
}

// ---- 案件流程 ----
function stateOf(task, levels) {
  switch (task.status) {
    case "approved": return "approved";
    case "handed-over":
    case "answered": return "done";
    case "clarification-requested": return "suspended";
    case "rejected": return "rejected";
    case "suspended":
    case "correction-required": return "suspended";
    case "waiting": return "waiting";
    case "cancelled": return "cancelled";
    default:
      if (levels.includes("legal-overdue")) return "legal-overdue";
      if (levels.includes("overdue")) return "overdue";
      if (levels.includes("warning")) return "warning";
      return "in-review";
  }
}

async function loadCase(id) {
  $("case-error").textContent = "";
  $("case-view").hidden = true;
  let application, timeline, track;
  try {
    [application, timeline] = await Promise.all([api(`/api/applications/${encodeURIComponent(id)}`), api(`/api/supervision/applications/${encodeURIComponent(id)}/timeline`)]);
    openAlerts = await api("/api/supervision/alerts").catch(() => openAlerts);
    track = await api(`/api/track/${encodeURIComponent(application.number)}`).catch(() => null);
  } catch (error) {
    $("case-error").textContent = error.status === 404 ? "没有这个申请。" : error.status === 403 ? "无权查看该申请。" : `读取失败：${error.message}`;
    return;
  }

  const summary = [`${CASE_KIND_LABELS[application.kind] || ""} 受理编号 ${application.number}`.trim(), `状态：${STATUS_LABELS[application.status] || application.status}`, `提交：${localTime(application.submittedAt)}`];
  if (application.dueAt) summary.push(`承诺办结：${localTime(application.dueAt)}`);
  if (track && track.predictedCompletionAt) summary.push(`预计办结：${localTime(track.predictedCompletionAt)}`);
  $("case-summary").textContent = summary.join("　");

  const legend = $("state-legend");
  legend.replaceChildren(...["waiting", "in-review", "warning", "overdue", "approved", "rejected", "suspended"].map((s) => el("span", { class: `state-${s}` }, STATE_LABELS[s])));

  const flow = $("flow");
  flow.replaceChildren();
  application.stages.forEach((stage, index) => {
    if (index > 0) flow.append(el("div", { class: "arrow", "aria-hidden": "true" }, "→"));
    const box = el("div", { class: "stage", "data-stage": String(index + 1) },
      el("h4", {}, `第${index + 1}阶段：${stage.name}（牵头：${department(stage.leadDepartment)}）`));
    for (const task of stage.tasks) {
      const levels = openAlerts.filter((a) => a.taskId === task.id).map((a) => a.level);
      const state = stateOf(task, levels);
      const decision = task.decision ? `${DECISION_LABELS[task.decision] || task.decision}${task.opinion ? "：" + task.opinion : ""}` : "—";
      box.append(el("div", { class: `task state-${state}`, "data-task": task.id, "data-state": state, "data-department": task.department },
        el("div", { class: "department" }, department(task.department)),
        el("div", {}, `${KIND_LABELS[task.kind] || task.kind} · ${task.itemCode}`),
        el("div", { class: "state" }, STATE_LABELS[state]),
        el("div", { class: "due" }, `到期：${localTime(task.dueAt)}`),
        el("div", { class: "decision" }, `决定：${decision}`)));
    }
    flow.append(box);
  });

  const body = $("timeline").querySelector("tbody");
  body.replaceChildren(...timeline.map((step) => el("tr", { "data-step": step.step },
    el("td", {}, localTime(step.at)),
    el("td", {}, STEP_LABELS[step.step] || step.step),
    el("td", {}, department(step.department)),
    el("td", {}, actorText(step.actor)),
    el("td", {}, step.detail),
    el("td", {}, step.workingDays.toFixed(2)))));
  $("case-view").hidden = false;
}

function actorText(actor) {
  if (!actor) return "";
  if (actor === "timer") return "计时器";
  if (actor === "applicant") return "申请人";
  if (actor === "clerk") return "窗口人员";
  if (actor === "orchestration") return "系统流程";
  if (actor.startsWith("system:")) return `${department(actor.slice(7))}业务系统`;
  if (actor.startsWith("user:")) return `用户 ${actor.slice(5)}`;
  return actor;
}

// ---- 统计 ----
async function loadStats() {
  $("stats-error").textContent = "";
  const query = new URLSearchParams();
  if ($("stats-from").value) query.set("from", $("stats-from").value);
  if ($("stats-to").value) query.set("to", $("stats-to").value);
  let rows;
  try {
    rows = await api(`/api/supervision/stats?${query}`);
  } catch (error) {
    $("stats-error").textContent = `查询失败：${error.message}`;
    return;
  }
  for (const row of rows) departmentNames[row.department] = row.name;
  const summary = await api(`/api/supervision/stats/summary?${query}`).catch(() => null);
  $("stats-summary").textContent = summary
    ? `${summary.from} 至 ${summary.to}：收件 ${summary.submitted} 件，网上办理率 ${percent(summary.onlineRate)}；办结 ${summary.finished} 件，按时办结率 ${percent(summary.onTimeRate)}；评价 ${summary.evaluations} 次，满意度 ${summary.satisfaction ?? "—"}`
    : "";
  const body = $("stats").querySelector("tbody");
  body.replaceChildren(...rows.map((r) => el("tr", { "data-department": r.department },
    el("td", {}, r.name || r.department), el("td", {}, r.received), el("td", {}, r.completed), el("td", {}, r.onTime),
    el("td", {}, r.overdue), el("td", {}, r.averageWorkingDays ?? "—"), el("td", {}, r.satisfaction ?? "—"))));
  drawChart(rows.filter((r) => r.received > 0 || r.completed > 0 || r.overdue > 0));
}

function percent(rate) {
  return rate === null || rate === undefined ? "—" : `${(rate * 100).toFixed(2)}%`;
}

// 行内 SVG 柱状图：每个部门收件（蓝）、办结（绿）、超期（红）。
function drawChart(rows) {
  const ns = "http://www.w3.org/2000/svg";
  const svg = (tag, attributes) => { const n = document.createElementNS(ns, tag); for (const [k, v] of Object.entries(attributes)) n.setAttribute(k, String(v)); return n; };
  const width = Math.max(320, rows.length * 90 + 60), height = 240, base = 200;
  const max = Math.max(1, ...rows.flatMap((r) => [r.received, r.completed, r.overdue]));
  const chart = svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "各部门收件与办结柱状图" });
  chart.append(svg("line", { x1: 40, y1: base, x2: width - 10, y2: base, stroke: "#495057" }));
  rows.forEach((r, i) => {
    const x = 50 + i * 90;
    [["received", r.received, "#4dabf7"], ["completed", r.completed, "#51cf66"], ["overdue", r.overdue, "#ff6b6b"]].forEach(([key, value, color], j) => {
      const h = Math.round((value / max) * 170);
      const bar = svg("rect", { x: x + j * 22, y: base - h, width: 18, height: h, fill: color, "data-department": r.department, "data-measure": key });
      const title = document.createElementNS(ns, "title");
      title.textContent = `${r.name || r.department}：${{ received: "收件", completed: "办结", overdue: "超期" }[key]} ${value}`;
      bar.append(title);
      chart.append(bar);
      const label = svg("text", { x: x + j * 22 + 9, y: base - h - 3, "text-anchor": "middle" });
      label.textContent = String(value);
      chart.append(label);
    });
    const name = svg("text", { x: x + 30, y: base + 16, "text-anchor": "middle" });
    name.textContent = (r.name || r.department).replace(/^(县|市)/, "").slice(0, 7);
    chart.append(name);
  });
  const keys = [["收件", "#4dabf7"], ["办结", "#51cf66"], ["超期", "#ff6b6b"]];
  keys.forEach(([text, color], k) => {
    chart.append(svg("rect", { x: 50 + k * 70, y: 8, width: 12, height: 12, fill: color }));
    const t = svg("text", { x: 66 + k * 70, y: 18 });
    t.textContent = text;
    chart.append(t);
  });
  $("chart").replaceChildren(chart);
}

// ---- 好差评 ----
async function loadEvaluations() {
  const list = await api("/api/supervision/evaluations?maxScore=2");
  const body = $("evaluations").querySelector("tbody");
  body.replaceChildren(...list.map((e) => {
    const cell = el("td", {});
    if (e.followUp && e.followUp.status === "open") {
      const note = el("input", { placeholder: "回访情况", "aria-label": "回访情况" });
      const close = el("button", { type: "button" }, "办结回访");
      close.addEventListener("click", async () => {
        try {
          await api(`/api/supervision/evaluations/${encodeURIComponent(e.evaluationId)}/follow-up`, { method: "POST", body: JSON.stringify({ note: note.value }) });
          await loadEvaluations();
        } catch (error) { cell.append(el("span", { class: "error" }, ` ${error.message}`)); }
      });
      cell.append(note, close);
    } else {
      cell.append(e.followUp ? `已回访：${e.followUp.note ?? ""}` : "—");
    }
    return el("tr", {}, el("td", {}, e.number), el("td", {}, e.score), el("td", {}, e.comment ?? ""), el("td", {}, e.departments.map(department).join("、")), cell);
  }));
}

document.addEventListener("DOMContentLoaded", () => {
  $("sign-in-button").addEventListener("click", () => signIn($("token").value));
  $("dev-token").addEventListener("click", developmentToken);
  $("sign-out").addEventListener("click", signOut);
  $("refresh-alerts").addEventListener("click", () => loadAlerts().catch(() => {}));
  for (const button of document.querySelectorAll("nav button")) button.addEventListener("click", () => showTab(button.dataset.tab));
  $("case-form").addEventListener("submit", (event) => { event.preventDefault(); loadCase($("case-id").value.trim()); });
  $("stats-form").addEventListener("submit", (event) => { event.preventDefault(); loadStats(); });
  if (token) signIn(token);
});
