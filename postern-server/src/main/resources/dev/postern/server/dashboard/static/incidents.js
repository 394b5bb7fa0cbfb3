// The event column grouped by incident: each event about a provider (or a gateway-wide condition)
// that falls within one of GET /v1/incidents' incidents is shown under that incident's heading;
// other events stand alone. Newest first; the list is rebuilt from the kept events and incidents.
import { el, time } from "./dom.js";

/** The incident `event` belongs to, or null: same provider (or condition), within its open time. */
export function incidentOf(event, incidents) {
  const at = Date.parse(event.at);
  return (
    incidents.find((i) => {
      const subject = i.provider ? event.provider === i.provider : event.type === i.condition;
      const from = Date.parse(i.opened_at);
      const to = i.resolved_at ? Date.parse(i.resolved_at) : Infinity;
      return subject && at >= from && at <= to;
    }) || null
  );
}

function heading(incident) {
  const c = incident.counts || {};
  const what = incident.provider || incident.condition.replaceAll("_", " ");
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
