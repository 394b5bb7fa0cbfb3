// The providers table: one row per provider, updated in place; drain / undrain / drill buttons for admin keys.
import { ApiProblem } from "./api.js";
import { $, badge, el, notice, time } from "./dom.js";

const DRILL_DURATION = "5m";

export function renderProviders(providers, data, admin) {
  const recent = data.recent(10);
  const body = $("#providers tbody");
  const existing = new Map([...body.children].map((row) => [row.dataset.provider, row]));
  const rows = providers.map((p, index) => {
    const row = existing.get(p.name) || el("tr", { dataset: { provider: p.name } });
    fillRow(row, p, index, recent[p.name] || { accepted: 0, other: 0 }, admin);
    return row;
  });
  // rows are updated in place, so a focused button keeps its focus across refreshes
  if (rows.some((row, i) => body.children[i] !== row) || body.children.length !== rows.length) {
    body.replaceChildren(...rows);
  }
}

function fillRow(row, p, index, recent, admin) {
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
    el("td", { "data-label": "Rate limit" }, rate, reported(p.rate_limit_status)),
    el("td", { "data-label": "Latency p50 / p99" }, latency),
    el("td", { "data-field": "rates", "data-label": "Bounces / complaints (1 h)" }, rates(p)),
    el("td", { "data-label": "Last health check" }, health),
    el("td", { "data-field": "last10s", "data-label": "Last 10 s" }, `${recent.accepted} accepted`, recent.other > 0 ? el("span", { class: "other" }, `, ${recent.other} not`) : null),
  ];
  const actions = row.querySelector("td.actions") || (admin ? actionsCell(p.name) : null);
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

// What the provider itself last reported about its budget (its rate-limit headers), while current.
function reported(status) {
  if (!status || status.source !== "reported") {
    return null;
  }
  const left = status.remaining === null ? "?" : status.remaining;
  const of = status.limit === null ? "" : ` of ${status.limit}`;
  const until = status.reset_at ? ` until ${time(status.reset_at)}` : "";
  return el("span", { class: "reported", "data-field": "budget", title: "as the provider reported in its last answer" }, `reports ${left}${of} left${until}`);
}

// Hard-bounce and complaint rates over the last hour, with the counts they come from on hover.
function rates(p) {
  if (!p.rates || p.rates.sent === 0) {
    return "–";
  }
  const title = `${p.rates.hard_bounced} hard bounces and ${p.rates.complained} complaints for ${p.rates.sent} messages accepted in the last hour`;
  return el("span", { title }, `${percent(p.bounce_rate)} / ${percent(p.complaint_rate)}`);
}

function percent(fraction) {
  const value = fraction * 100;
  return `${value >= 10 || value === 0 ? value.toFixed(0) : value < 0.1 ? value.toFixed(2) : value.toFixed(1)}%`;
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

/** Runs a button's action and shows the server's answer, success or error, in the banner. */
export async function act(api, action, provider) {
  try {
    if (action === "drill") {
      if (!confirm(`Start a ${DRILL_DURATION} drill: take ${provider} out and watch the failover?`)) return;
      const drill = await api.post("/v1/drills", { provider, duration: DRILL_DURATION });
      notice(`Drill ${drill.id} is ${drill.status} on ${provider}.`, "info");
    } else {
      const status = await api.post(`/v1/providers/${encodeURIComponent(provider)}/${action}`);
      notice(`${provider} is now ${status.state}.`, "info");
    }
  } catch (e) {
    const what = action === "drill" ? "The drill was not started" : `${provider} was not ${action}ed`;
    notice(`${what}: ${e instanceof ApiProblem ? e.describe() : e.message}`);
  }
}

/**
 * The cluster view (admin): one row per provider, one column per live instance, each cell the
 * instance's state and breaker. Shown only when more than one instance is live.
 */
export function renderCluster(view) {
  const card = $("#cluster-card");
  card.hidden = view.instances.length < 2;
  if (card.hidden) return;
  const head = el("tr", {}, el("th", { scope: "col" }, "Provider"), ...view.instances.map((id) => el("th", { scope: "col" }, id === view.self ? `${id} (this one)` : id)));
  $("#cluster thead").replaceChildren(head);
  $("#cluster tbody").replaceChildren(
    ...view.providers.map((p) => {
      const byInstance = new Map(p.instances.map((i) => [i.instance, i]));
      return el(
        "tr",
        { dataset: { provider: p.name, agree: String(p.agree) }, class: p.agree ? null : "disagree" },
        el("th", { scope: "row" }, p.name, p.agree ? null : el("span", { class: "type" }, "instances differ")),
        ...view.instances.map((id) => {
          const i = byInstance.get(id);
          return el("td", { dataset: { instance: id }, "data-label": id }, ...(i ? [badge(i.state), " ", badge(i.breaker)] : ["–"]));
        }),
      );
    }),
  );
}
