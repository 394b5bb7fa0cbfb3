// The dashboard: sign in with a key (kept in sessionStorage, sent only as a header), then poll the
// providers, traffic and queue every 2 seconds and stream the events.
import { Api, ApiProblem } from "./api.js";
import { streamEvents } from "./sse.js";
import { TrafficChart, TrafficData, WINDOW_SECONDS, colorOf } from "./chart.js";

const KEY = "postern.apiKey";
const POLL_MS = 2000;
const MAX_EVENTS = 200;
const DRILL_DURATION = "5m";

const $ = (selector) => document.querySelector(selector);

let session = null;

/** Builds an element: el("td", {class: "x", dataset: {a: 1}}, "text", child). */
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "dataset") {
      Object.assign(node.dataset, value);
    } else if (value !== null && value !== undefined && value !== false) {
      node.setAttribute(name, value === true ? "" : value);
    }
  }
  for (const child of children) {
    if (child !== null && child !== undefined) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

function notice(text, kind = "error") {
  const box = $("#notice");
  box.textContent = text;
  box.dataset.kind = kind;
  box.hidden = !text;
}

function time(iso) {
  return iso ? new Date(iso).toLocaleTimeString([], { hour12: false }) : "–";
}

function duration(seconds) {
  if (seconds < 1) return "0 s";
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

// ---- sign in ---------------------------------------------------------------------------------

async function signIn(key) {
  const api = new Api(key);
  await api.get("/v1/providers"); // 401 for an unknown key
  let admin = true;
  let recent = [];
  try {
    recent = (await api.get("/v1/events?limit=50")).events;
  } catch (e) {
    if (!(e instanceof ApiProblem && e.status === 403)) throw e;
    admin = false;
  }
  sessionStorage.setItem(KEY, key);
  start(api, admin, recent);
}

function start(api, admin, recent) {
  const data = new TrafficData();
  session = { api, admin, data, chart: new TrafficChart($("#chart"), data), stream: null, timer: null, busy: false };
  document.body.dataset.admin = String(admin);
  $("#login").hidden = true;
  $("#app").hidden = false;
  $("#who").hidden = false;
  $("#scope").textContent = admin ? "admin key" : "send-only key";
  $("#scope").dataset.scope = admin ? "admin" : "send";
  for (const cell of document.querySelectorAll(".admin-only")) cell.hidden = !admin;
  $("#events").replaceChildren();
  if (admin) {
    $("#events-note").textContent = "Newest first, live.";
    for (const event of [...recent].reverse()) addEvent(event);
    session.stream = streamEvents(api, (type, text) => addEvent(JSON.parse(text)), liveState);
  } else {
    $("#events-note").textContent = "The event timeline needs a key with the admin scope.";
    liveState("polling");
  }
  refresh(true);
  session.timer = setInterval(() => refresh(false), POLL_MS);
}

function signOut() {
  if (session) {
    clearInterval(session.timer);
    if (session.stream) session.stream.stop();
    session = null;
  }
  sessionStorage.removeItem(KEY);
  location.reload();
}

function liveState(state) {
  const live = $("#live");
  live.dataset.state = state;
  live.textContent = { live: "live", reconnecting: "reconnecting…", denied: "events denied", polling: "refreshing every 2 s" }[state] || state;
}

// ---- polling ---------------------------------------------------------------------------------

async function refresh(full) {
  if (!session || session.busy) return;
  session.busy = true;
  const s = session;
  try {
    const [providers, traffic, queue] = await Promise.allSettled([
      s.api.get("/v1/providers"),
      s.api.get(`/v1/traffic?seconds=${trafficSpan(s.data, full)}`),
      s.api.get("/v1/queue"),
    ]);
    const failed = [providers, traffic, queue].find((r) => r.status === "rejected");
    if (failed && failed.reason instanceof ApiProblem && failed.reason.status === 401) {
      signOut();
      return;
    }
    if (traffic.status === "fulfilled") {
      s.data.merge(traffic.value);
      s.chart.render();
      renderSummary(s.data);
    }
    if (providers.status === "fulfilled") renderProviders(providers.value.providers, s.data);
    if (queue.status === "fulfilled") renderQueue(queue.value);
    const stale = $("#notice").dataset.kind === "stale";
    if (failed) {
      notice(`Could not refresh: ${failed.reason.describe ? failed.reason.describe() : failed.reason}`, "stale");
    } else if (stale) {
      notice("");
    }
  } finally {
    s.busy = false;
  }
}

/** The whole window first; then what is new since the last answer (more when timers were throttled). */
function trafficSpan(data, full) {
  if (full || data.latest === 0) return WINDOW_SECONDS;
  const behind = Math.ceil(Date.now() / 1000) - data.latest + 5;
  return Math.min(WINDOW_SECONDS, Math.max(15, behind));
}

// ---- providers -------------------------------------------------------------------------------

function renderProviders(providers, data) {
  const recent = data.recent(10);
  const body = $("#providers tbody");
  const existing = new Map([...body.children].map((row) => [row.dataset.provider, row]));
  const rows = providers.map((p, index) => {
    const row = existing.get(p.name) || el("tr", { dataset: { provider: p.name } });
    fillRow(row, p, index, recent[p.name] || { accepted: 0, other: 0 });
    return row;
  });
  // rows are updated in place, so a focused button keeps its focus across refreshes
  if (rows.some((row, i) => body.children[i] !== row) || body.children.length !== rows.length) {
    body.replaceChildren(...rows);
  }
}

function badge(value) {
  return el("span", { class: `badge badge-${value}` }, value.replace("_", " "));
}

function fillRow(row, p, index, recent) {
  const rate = p.rate_limit
    ? [p.rate_limit.per_second && `${p.rate_limit.per_second}/s`, p.rate_limit.per_day && `${p.rate_limit.per_day}/day`].filter(Boolean).join(", ")
    : "none";
  const latency = p.stats.attempts > 0 ? `${p.stats.latency_ms.p50} / ${p.stats.latency_ms.p99} ms` : "–";
  const health = p.last_health_check
    ? el("span", { title: p.last_health_check.detail || "" }, `${p.last_health_check.healthy ? "healthy" : "unhealthy"} at ${time(p.last_health_check.at)}`)
    : "not checked";
  Object.assign(row.dataset, { state: p.state, breaker: p.breaker, delivered10s: recent.accepted, other10s: recent.other });
  // data-label names each cell where a phone shows a row as a card, without the table's header
  const cells = [
    el("th", { scope: "row" }, el("span", { class: "swatch", dataset: { color: index % 6 } }), p.name, el("span", { class: "type" }, p.type)),
    el("td", { "data-field": "state", "data-label": "State" }, badge(p.state)),
    el("td", { "data-field": "breaker", "data-label": "Breaker" }, badge(p.breaker)),
    el("td", { "data-label": "Priority / weight" }, `${p.priority} / ${p.weight}`),
    el("td", { "data-label": "Rate limit" }, rate),
    el("td", { "data-label": "Latency p50 / p99" }, latency),
    el("td", { "data-label": "Last health check" }, health),
    el("td", { "data-field": "last10s", "data-label": "Last 10 s" }, `${recent.accepted} accepted`, recent.other > 0 ? el("span", { class: "other" }, `, ${recent.other} not`) : null),
  ];
  const actions = row.querySelector("td.actions") || (session && session.admin ? actionsCell(p.name) : null);
  [...row.children].forEach((cell) => cell !== actions && cell.remove());
  row.prepend(...cells);
  if (actions) {
    row.append(actions);
    const drained = p.state === "drained";
    const drain = actions.querySelector("button[data-drain]");
    drain.dataset.action = drained ? "undrain" : "drain";
    drain.textContent = drained ? "Undrain" : "Drain";
    drain.setAttribute("aria-label", `${drain.textContent} ${p.name}`);
  }
}

function actionsCell(name) {
  return el(
    "td",
    { class: "actions" },
    el(
      "div",
      {},
      el("button", { type: "button", "data-drain": true, dataset: { action: "drain", provider: name } }, "Drain"),
      el("button", { type: "button", class: "quiet", dataset: { action: "drill", provider: name }, "aria-label": `Start a drill on ${name}` }, "Start drill"),
    ),
  );
}

async function act(action, provider) {
  const s = session;
  try {
    if (action === "drill") {
      if (!confirm(`Start a ${DRILL_DURATION} drill: take ${provider} out and watch the failover?`)) return;
      const drill = await s.api.post("/v1/drills", { provider, duration: DRILL_DURATION });
      notice(`Drill ${drill.id} is ${drill.status} on ${provider}.`, "info");
    } else {
      const status = await s.api.post(`/v1/providers/${encodeURIComponent(provider)}/${action}`);
      notice(`${provider} is now ${status.state}.`, "info");
    }
  } catch (e) {
    const what = action === "drill" ? "The drill was not started" : `${provider} was not ${action}ed`;
    notice(`${what}: ${e instanceof ApiProblem ? e.describe() : e.message}`);
  }
  refresh(false);
}

// ---- traffic, queue, events ------------------------------------------------------------------

function renderSummary(data) {
  const recent = data.recent(10);
  $("#legend").replaceChildren(
    ...data.providers.map((name, i) => el("li", {}, el("span", { class: "swatch", dataset: { color: i % 6 } }), `${name}: accepted`)),
    el("li", {}, el("span", { class: "swatch swatch-other" }), "not accepted (any provider)"),
    el("li", {}, el("span", { class: "swatch swatch-failover" }), "failover"),
  );
  const parts = data.providers.map((name) => `${name} ${recent[name].accepted}`);
  const other = Object.values(recent).reduce((sum, r) => sum + r.other, 0);
  $("#traffic-summary").textContent = `Accepted in the last 10 s: ${parts.join(", ")}; not accepted: ${other}.`;
}

function renderQueue(q) {
  const set = (field, value) => ($(`#queue [data-field="${field}"]`).textContent = value);
  set("depth", q.depth);
  set("oldest", q.depth > 0 ? duration(q.oldest_age_seconds) : "–");
  set("deferred", q.deferred);
  set("delivered", q.delivered);
  set("failed", q.failed);
  set("accepted", q.accepted);
  $("#queue").dataset.depth = q.depth;
}

function addEvent(event) {
  if (session && event.type === "failover") {
    session.chart.markFailover(Math.floor(Date.parse(event.at) / 1000));
    session.chart.render();
  }
  const list = $("#events");
  const item = el(
    "li",
    { dataset: { type: event.type, provider: event.provider || "" }, class: `event event-${event.type}` },
    el("time", { datetime: event.at }, time(event.at)),
    el("span", { class: "event-type" }, event.type.replaceAll("_", " ")),
    event.provider ? el("span", { class: "event-provider" }, event.provider) : null,
    el("span", { class: "event-detail" }, event.detail || ""),
  );
  list.prepend(item);
  while (list.children.length > MAX_EVENTS) list.lastElementChild.remove();
}

// ---- message search --------------------------------------------------------------------------

async function search(query) {
  const out = $("#search-result");
  out.replaceChildren(el("p", { class: "help" }, "Searching…"));
  try {
    if (query.includes("@")) {
      const found = await session.api.get(`/v1/messages?to=${encodeURIComponent(query)}&limit=10`);
      if (found.messages.length === 0) {
        out.replaceChildren(el("p", {}, `No recent message to ${query}.`));
        return;
      }
      out.replaceChildren(...found.messages.map(messageView));
    } else {
      out.replaceChildren(messageView(await session.api.get(`/v1/messages/${encodeURIComponent(query)}`)));
    }
  } catch (e) {
    out.replaceChildren(el("p", { class: "error", role: "alert" }, e instanceof ApiProblem ? e.describe() : e.message));
  }
}

function messageView(m) {
  const rows = m.attempts.map((a) =>
    el(
      "tr",
      {},
      el("td", {}, time(a.started_at)),
      el("td", {}, a.provider),
      el("td", {}, badge(a.outcome)),
      el("td", {}, `${a.latency_ms} ms`),
      el("td", {}, a.detail + (a.ambiguous ? " (ambiguous)" : "")),
    ),
  );
  return el(
    "article",
    { class: "message", dataset: { id: m.id, status: m.status } },
    el("h4", {}, el("code", {}, m.id), " ", badge(m.status)),
    el("p", {}, `Created ${time(m.created_at)}`, m.delivered_at ? `, delivered ${time(m.delivered_at)} by ${m.provider}` : ""),
    rows.length === 0
      ? el("p", { class: "help" }, "No attempt yet.")
      : el(
          "div",
          { class: "scroll" },
          el(
            "table",
            {},
            el("caption", { class: "visually-hidden" }, "Attempts, oldest first"),
            el("thead", {}, el("tr", {}, ...["Started", "Provider", "Outcome", "Latency", "Detail"].map((h) => el("th", { scope: "col" }, h)))),
            el("tbody", {}, ...rows),
          ),
        ),
  );
}

// ---- wiring ----------------------------------------------------------------------------------

$("#login-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  $("#login-error").textContent = "";
  const key = $("#key").value.trim();
  try {
    await signIn(key);
    $("#key").value = "";
  } catch (problem) {
    $("#login-error").textContent =
      problem instanceof ApiProblem && problem.status === 401 ? "That key is not valid for this gateway." : `Sign-in failed: ${problem.describe ? problem.describe() : problem.message}`;
  }
});
$("#logout").addEventListener("click", signOut);
$("#providers").addEventListener("click", (e) => {
  const button = e.target.closest("button[data-action]");
  if (button) act(button.dataset.action, button.dataset.provider);
});
$("#search").addEventListener("submit", (e) => {
  e.preventDefault();
  search($("#query").value.trim());
});

const saved = sessionStorage.getItem(KEY);
if (saved) {
  signIn(saved).catch((problem) => {
    if (problem instanceof ApiProblem && problem.status === 401) sessionStorage.removeItem(KEY);
    $("#login-error").textContent = `Sign-in failed: ${problem.describe ? problem.describe() : problem.message}`;
  });
}
