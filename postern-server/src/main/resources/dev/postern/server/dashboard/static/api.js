// The gateway's /v1 API with the operator's key in the Authorization header — never in a URL.

/** An answer other than 2xx, with the API's error shape {"error": {"code", "message"}}. */
export class ApiProblem extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  /** "404 not_found: no such endpoint: POST /v1/drills" */
  describe() {
    return `${this.status} ${this.code}: ${this.message}`;
  }
}

const TIMEOUT_MS = 10000;

export class Api {
  constructor(key) {
    this.key = key;
  }

  headers(extra = {}) {
    return { Authorization: `Bearer ${this.key}`, ...extra };
  }

  async get(path) {
    return this.request("GET", path);
  }

  async post(path, body) {
    return this.request("POST", path, body);
  }

  async request(method, path, body) {
    const init = { method, headers: this.headers({ Accept: "application/json" }), signal: AbortSignal.timeout(TIMEOUT_MS) };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch (e) {
      throw new ApiProblem(0, "unreachable", `the gateway did not answer (${e.message})`);
    }
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch (e) {
      json = null;
    }
    if (!response.ok) {
      const error = json && json.error ? json.error : { code: `http_${response.status}`, message: text.slice(0, 200) };
      throw new ApiProblem(response.status, error.code, error.message);
    }
    return json;
  }
}
