import { basicAuthorization, secretsInUrls } from "./redact.js";

/**
 * An endpoint URL may carry credentials: `https://user:password@host/v1` or
 * `https://host/v1?api-key=…`. Handed to the OpenAI client as is, they would be serialized
 * with the client's configuration into every trace (which LangSmith's anonymizer does not
 * see), and they would not even work: Node's fetch refuses a URL with user info, and the
 * client appends its paths after the query string. So the client gets the bare URL, and a
 * fetch that adds the credentials to each request (Basic authorization, the query values);
 * a function is never serialized. `secrets` lists every value a server could echo back —
 * the Basic authorization value included.
 */
export interface ClientEndpoint {
  baseURL: string;
  fetch?: typeof fetch;
  secrets: string[];
}

export function clientEndpoint(url: string): ClientEndpoint {
  if (!URL.canParse(url)) return { baseURL: url, secrets: [] };
  const parsed = new URL(url);
  const query = [...parsed.searchParams];
  const user = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  if (!user && !password && query.length === 0) return { baseURL: url, secrets: [] };
  const secrets = secretsInUrls(url);
  parsed.username = "";
  parsed.password = "";
  parsed.search = "";
  const authorization = user || password ? `Basic ${basicAuthorization(user, password)}` : undefined;
  return {
    baseURL: parsed.toString().replace(/\/+$/, ""),
    secrets,
    fetch: (input, init) => {
      const target = new URL(input instanceof Request ? input.url : String(input));
      for (const [name, value] of query) if (!target.searchParams.has(name)) target.searchParams.append(name, value);
      const headers = new Headers(init?.headers);
      if (authorization) headers.set("authorization", authorization);
      return fetch(target, { ...init, headers });
    },
  };
}
