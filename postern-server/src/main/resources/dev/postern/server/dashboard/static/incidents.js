// The event column grouped by incident: each event about a provider (or a gateway-wide condition)
// that falls within one of GET /v1/incidents' incidents is shown under that incident's heading;
// other events stand alone. Newest first; the list is rebuilt from the kept events and incidents.
import { el, time } from "./dom.js";

// A provider's reputation incidents, apart from its outage (provider_down) incident.
const REPUTATION = ["bounce_rate_high", "complaint_rate_high"];

/** Whether `event` is about `incident`'s subject: its condition, or its provider's outage or reputation. */
function about(event, incident) {
  if (!incident.provider) return event.type === incident.condition;
  if (event.provider !== incident.provider) return false;
  const reputation = REPUTATION.includes(incident.condition);
  return reputation ? event.type === incident.condition : !REPUTATION.includes(event.type);
}

/** The incident `event` belongs to, or null: same provider (or condition), within its open time. */
export function incidentOf(event, incidents) {
  const at = Date.parse(event.at);
  return (
    incidents.find((i) => {
      const subject = about(event, i);
      const from = Date.parse(i.opened_at);
      const to = i.resolved_at ? Date.parse(i.resolved_at) : Infinity;
      return subject && at >= from && at <= to;
    }) || null
  );
}

function heading(incident) {
  const c = incident.counts || {};
  const condition = incident.condition.replaceAll("_", " ");
  const what = !incident.provider ? condition : REPUTATION.includes(incident.condition) ? `${incident.provider}: ${condition}` : incident.provider;
  return el(
    "div",
    { class: "incident-head" },
    el("span", { class: "incident-state" }, incident.state),
    el("span", { class: "incident-what" }, `${what}`),
    el("time", { datetime: incident.opened_at }, time(incident.opened_at)),
    el(
      "span",
      { class: "incident-detail" },
      `${incident.id} · ${(incident.signals || []).join(", ")} · ${c.messages_failed_over || 0} failed over, ` +
        `${c.messages_failed || 0} failed` + (incident.last_answer ? ` · ${incident.last_answer}` : ""),
    ),
  );
}

/** Rebuilds `list` from `events` (newest first) and `incidents`, each event rendered by `item`. */
export function renderGrouped(list, events, incidents, item) {
  const groups = new Map();
  const rows = [];
  for (const event of events) {
    const incident = incidentOf(event, incidents);
    if (!incident) {
      rows.push(item(event));
      continue;
    }
    let group = groups.get(incident.id);
    if (!group) {
      group = el("ol", { class: "incident-events" });
      groups.set(incident.id, group);
      rows.push(
        el(
          "li",
          { class: `incident incident-${incident.state}`, dataset: { incident: incident.id } },
          heading(incident),
          group,
        ),
      );
    }
    group.append(item(event));
  }
  list.replaceChildren(...rows);
}
