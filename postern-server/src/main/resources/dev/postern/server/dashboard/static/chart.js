// The last 15 minutes of traffic: accepted attempts per second per provider, stacked, the attempts
// with any other outcome as a line, and failovers as marks on the time axis. Drawn by uPlot, which
// the gateway serves from its WebJar.

export const WINDOW_SECONDS = 900;
const MIN_SHOWN_SECONDS = 120;
const COLORS = ["#1f5fbf", "#1b8a3a", "#7a3db8", "#9a5b00", "#b0307a", "#00727a"];
const NOT_ACCEPTED = "#c2181d";
const FAILOVER = "#d35400";

/** Per-second traffic as the gateway reports it, kept for the window, keyed by epoch second. */
export class TrafficData {
  constructor() {
    this.providers = [];
    this.seconds = new Map();
    this.latest = 0;
  }

  /** Merges an answer of GET /v1/traffic. */
  merge(answer) {
    this.providers = answer.providers;
    for (const second of answer.seconds) {
      this.seconds.set(second.epoch_second, second.providers);
      this.latest = Math.max(this.latest, second.epoch_second);
    }
    for (const at of this.seconds.keys()) {
      if (at <= this.latest - WINDOW_SECONDS) {
        this.seconds.delete(at);
      }
    }
  }

  /** {provider: {accepted, other}} summed over the last `span` seconds. */
  recent(span) {
    const totals = {};
    for (const name of this.providers) {
      totals[name] = { accepted: 0, other: 0 };
    }
    for (let at = this.latest - span + 1; at <= this.latest; at++) {
      const byProvider = this.seconds.get(at) || {};
      for (const [name, outcomes] of Object.entries(byProvider)) {
        totals[name] ??= { accepted: 0, other: 0 };
        for (const [outcome, count] of Object.entries(outcomes)) {
          totals[name][outcome === "accepted" ? "accepted" : "other"] += count;
        }
      }
    }
    return totals;
  }

  /**
   * The first second shown: the window's start, or — on a gateway younger than the window — a
   * little before its first attempt, so that a fresh gateway's traffic is not a sliver at the edge.
   */
  start() {
    const windowStart = this.latest - WINDOW_SECONDS + 1;
    let first = this.latest;
    for (const [at, byProvider] of this.seconds) {
      if (at < first && Object.keys(byProvider).length > 0) first = at;
    }
    return Math.max(windowStart, Math.min(first - 30, this.latest - MIN_SHOWN_SECONDS + 1));
  }

  /** uPlot's columns: time, stacked accepted per provider (top of stack first), other outcomes. */
  columns() {
    const xs = [];
    const raw = this.providers.map(() => []);
    const other = [];
    for (let at = this.start(); at <= this.latest; at++) {
      xs.push(at);
      const byProvider = this.seconds.get(at) || {};
      let notAccepted = 0;
      this.providers.forEach((name, i) => {
        const outcomes = byProvider[name] || {};
        raw[i].push(outcomes.accepted || 0);
        for (const [outcome, count] of Object.entries(outcomes)) {
          if (outcome !== "accepted") {
            notAccepted += count;
          }
        }
      });
      other.push(notAccepted);
    }
    // stacked: the series drawn first is the sum of all providers, each later one covers the part
    // below it, so the visible band of each provider is its own count
    const stacked = [];
    for (let top = this.providers.length - 1; top >= 0; top--) {
      stacked.push(xs.map((_, t) => raw.slice(0, top + 1).reduce((sum, column) => sum + column[t], 0)));
    }
    return [xs, ...stacked, other];
  }
}

function colorOf(index) {
  return COLORS[index % COLORS.length];
}

export class TrafficChart {
  constructor(element, data) {
    this.element = element;
    this.data = data;
    this.failovers = [];
    this.plot = null;
    this.names = [];
  }

  markFailover(epochSecond) {
    this.failovers.push(epochSecond);
    this.failovers = this.failovers.filter((at) => at > this.data.latest - WINDOW_SECONDS);
  }

  render() {
    if (typeof uPlot === "undefined" || this.data.latest === 0) {
      return;
    }
    const columns = this.data.columns();
    if (!this.plot || this.names.join() !== this.data.providers.join()) {
      this.create(columns);
    } else {
      this.plot.setData(columns);
    }
    this.element.dataset.failoverMarks = String(this.failovers.filter((at) => at >= columns[0][0]).length);
  }

  create(columns) {
    if (this.plot) {
      this.plot.destroy();
    }
    this.names = [...this.data.providers];
    const series = [{ label: "time" }];
    for (let top = this.names.length - 1; top >= 0; top--) {
      const color = colorOf(top);
      // per-second counts are steps, not slopes
      series.push({ label: `${this.names[top]} accepted`, stroke: color, fill: color + "cc", width: 1, points: { show: false }, paths: uPlot.paths.stepped({ align: 1 }) });
    }
    series.push({ label: "not accepted", stroke: NOT_ACCEPTED, width: 2, dash: [6, 3], points: { show: false }, paths: uPlot.paths.stepped({ align: 1 }) });
    const failovers = () => this.failovers;
    this.plot = new uPlot(
      {
        width: this.width(),
        height: 240,
        series,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(5, Math.ceil(max * 1.15))] } },
        axes: [{}, { label: "attempts / s", size: 50 }],
        hooks: { draw: [(u) => drawFailovers(u, failovers())] },
      },
      columns,
      this.element,
    );
    window.addEventListener("resize", () => this.plot && this.plot.setSize({ width: this.width(), height: 240 }));
  }

  width() {
    return Math.max(280, this.element.clientWidth || 600);
  }
}

function drawFailovers(u, failovers) {
  const ctx = u.ctx;
  const [min, max] = [u.scales.x.min, u.scales.x.max];
  ctx.save();
  ctx.strokeStyle = FAILOVER;
  ctx.fillStyle = FAILOVER;
  ctx.lineWidth = 2 * devicePixelRatio;
  ctx.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio]);
  const top = u.bbox.top;
  const bottom = u.bbox.top + u.bbox.height;
  for (const at of failovers) {
    if (at < min || at > max) {
      continue;
    }
    const x = Math.round(u.valToPos(at, "x", true));
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, bottom);
    ctx.stroke();
    ctx.beginPath();
    const s = 6 * devicePixelRatio;
    ctx.moveTo(x - s, bottom);
    ctx.lineTo(x + s, bottom);
    ctx.lineTo(x, bottom - s * 1.5);
    ctx.closePath();
    ctx.fill();
  }
  ctx.restore();
}
