// The dashboard: sign in with a key (kept in sessionStorage, sent only as a header), then poll the
// providers, traffic and queue every 2 seconds and stream the events.
import { Api, ApiProblem } from "./api.js";
import { streamEvents } from "./sse.js";
import { TrafficChart, TrafficData, WINDOW_SECONDS } from "./chart.js";
import { $, el, duration, notice, time } from "./dom.js";
import { renderGrouped } from "./incidents.js";
import { search } from "./messages.js";
import { act, renderCluster, renderProviders } from "./providers.js";

const KEY = "postern.apiKey";
const POLL_MS = 2000;
const MAX_EVENTS = 200;

let session = null;

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
  session = {
    api, admin, data, chart: new TrafficChart($("#chart"), data), stream: null, timer: null, busy: false,
    events: [], incidents: [],
  };
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
    const [providers, traffic, queue, cluster, incidents] = await Promise.allSettled([
      s.api.get("/v1/providers"),
      s.api.get(`/v1/traffic?seconds=${trafficSpan(s.data, full)}`),
      s.api.get("/v1/queue"),
      // each instance's view side by side: admin only, shown when more than one instance is live
      s.admin ? s.api.get("/v1/providers?cluster=true") : Promise.resolve(null),
      // the event column groups events under their incident: admin only, as the events are
      s.admin ? s.api.get("/v1/incidents") : Promise.resolve(null),
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
    if (providers.status === "fulfilled") renderProviders(providers.value.providers, s.data, s.admin);
    if (queue.status === "fulfilled") renderQueue(queue.value);
    if (cluster.status === "fulfilled" && cluster.value) renderCluster(cluster.value);
    if (incidents.status === "fulfilled" && incidents.value) {
      s.incidents = incidents.value.incidents;
      renderEvents();
    }
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
  set("suppressions", q.suppressions ?? "–");
  $("#queue").dataset.depth = q.depth;
}

function addEvent(event) {
  if (session && event.type === "failover") {
    session.chart.markFailover(Math.floor(Date.parse(event.at) / 1000));
    session.chart.render();
  }
  if (!session) return;
  session.events.unshift(event);
  if (session.events.length > MAX_EVENTS) session.events.length = MAX_EVENTS;
  renderEvents();
}

/** The event column, newest first, each event under the incident it belongs to (docs/dashboard.md). */
function renderEvents() {
  renderGrouped($("#events"), session.events, session.incidents, eventItem);
}

function eventItem(event) {
  return el(
    "li",
    { dataset: { type: event.type, provider: event.provider || "" }, class: `event event-${event.type}` },
    el("time", { datetime: event.at }, time(event.at)),
    el("span", { class: "event-type" }, event.type.replaceAll("_", " ")),
    event.provider ? el("span", { class: "event-provider" }, event.provider) : null,
    el("span", { class: "event-detail" }, event.detail || ""),
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
  if (button && session) act(session.api, button.dataset.action, button.dataset.provider).then(() => refresh(false));
});
$("#search").addEventListener("submit", (e) => {
  e.preventDefault();
  if (session) search(session.api, $("#query").value.trim());
});

const saved = sessionStorage.getItem(KEY);
if (saved) {
  signIn(saved).catch((problem) => {
    if (problem instanceof ApiProblem && problem.status === 401) sessionStorage.removeItem(KEY);
    $("#login-error").textContent = `Sign-in failed: ${problem.describe ? problem.describe() : problem.message}`;
  });
}
