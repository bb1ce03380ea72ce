/**
 * Slim traces: what a traced batch uploads per model run, without what is the same in every
 * run. A branch's system prompt (2–8 kB, identical across queries) becomes its filter type's
 * name and a hash — enough to tell which prompt version ran — and the raw response copy the
 * chat model keeps beside the parsed message (`additional_kwargs.__raw_response`) is left
 * out. The rest — the query, the answer, token usage, errors — stays. Applied before the
 * anonymizer, so the scrubber no longer walks the prompts either.
 */
import { createHash } from "node:crypto";

type KVMap = Record<string, any>;

/** Prompt text → the label that replaces it; one hash per distinct prompt, not per run. */
export function createPromptLabeller(promptNames: ReadonlyMap<string, string>): (prompt: string) => string {
  const labels = new Map<string, string>();
  const made = new Set<string>();
  return (prompt) => {
    // The client may process a run's inputs twice (its create, then the merged upload).
    if (made.has(prompt)) return prompt;
    let label = labels.get(prompt);
    if (label === undefined) {
      const hash = createHash("sha256").update(prompt).digest("hex").slice(0, 12);
      label = `[prompt of ${promptNames.get(prompt) ?? "an unnamed type"}, sha256 ${hash}, ${prompt.length} chars]`;
      labels.set(prompt, label);
      made.add(label);
    }
    return label;
  };
}

const isSystemMessage = (message: KVMap) =>
  Array.isArray(message?.id) ? message.id.at(-1) === "SystemMessage" : message?.type === "system";

/**
 * A message as it is uploaded: the client serializes live message objects (their toJSON, the
 * `{ lc, type, id, kwargs }` form) after this hook, so a message is serialized here first and
 * its copy edited — never the live object, which the run tree still holds.
 */
const serialized = (message: KVMap): KVMap =>
  typeof message?.toJSON === "function" ? (message.toJSON() as KVMap) : message;

/** A chat model run's inputs with each system message's text replaced by its label (a copy; the input is not changed). */
export function slimInputs(inputs: KVMap, label: (prompt: string) => string): KVMap {
  if (!Array.isArray(inputs?.messages)) return inputs;
  const slimMessage = (live: KVMap) => {
    if (!isSystemMessage(live)) return live;
    const message = serialized(live);
    if (typeof message.kwargs?.content === "string")
      return { ...message, kwargs: { ...message.kwargs, content: label(message.kwargs.content) } };
    return live;
  };
  const messages = inputs.messages.map((batch: unknown) =>
    Array.isArray(batch) ? batch.map(slimMessage) : slimMessage(batch as KVMap),
  );
  return { ...inputs, messages };
}

/** A chat model run's outputs without the raw response copy in each generated message (a copy). */
export function slimOutputs(outputs: KVMap): KVMap {
  if (!Array.isArray(outputs?.generations)) return outputs;
  const slimMessage = (live: KVMap) => {
    if (!live?.additional_kwargs?.__raw_response && !live?.kwargs?.additional_kwargs?.__raw_response) return live;
    const message = serialized(live);
    const extra = message?.kwargs?.additional_kwargs;
    if (!extra || !("__raw_response" in extra)) return live;
    const { __raw_response: _, ...rest } = extra;
    return { ...message, kwargs: { ...message.kwargs, additional_kwargs: rest } };
  };
  const generations = outputs.generations.map((batch: unknown) =>
    Array.isArray(batch)
      ? batch.map((generation: KVMap) =>
          generation?.message ? { ...generation, message: slimMessage(generation.message) } : generation,
        )
      : batch,
  );
  return { ...outputs, generations };
}
