// Finding a message: by id, or (admin) the newest messages to a recipient, each with its attempts.
import { ApiProblem } from "./api.js";
import { $, badge, el, time } from "./dom.js";

export async function search(api, query) {
  const out = $("#search-result");
  out.replaceChildren(el("p", { class: "help" }, "Searching…"));
  try {
    if (query.includes("@")) {
      const found = await api.get(`/v1/messages?to=${encodeURIComponent(query)}&limit=10`);
      if (found.messages.length === 0) {
        out.replaceChildren(el("p", {}, `No recent message to ${query}.`));
        return;
      }
      out.replaceChildren(...found.messages.map(messageView));
    } else {
      out.replaceChildren(messageView(await api.get(`/v1/messages/${encodeURIComponent(query)}`)));
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
