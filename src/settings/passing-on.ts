import { z } from "zod";

/**
 * A field that passes any value on unchanged instead of refusing it. What it publishes (type,
 * default, description) stays, and the check is left to whoever can say what is wrong in one
 * line: LangGraph checks a graph's input, context and state writes with their zod schemas
 * before any node runs, and refuses with a JSON dump of zod issues. (A zod `catch` is drawn as
 * its inner type; called without a value, as a JSON Schema is made, it gives the default.)
 */
export function passingOn<T extends z.ZodType>(field: T): T {
  const fallback = field.safeParse(undefined);
  // Typed as the field's output: the value passed on is checked downstream, not here.
  const passOn = (ctx?: z.core.$ZodCatchCtx) => (ctx ? ctx.value : fallback.success ? fallback.data : undefined);
  return field.catch(passOn as (ctx: z.core.$ZodCatchCtx) => z.output<T>) as unknown as T;
}

/** The same object schema, every field passing any value on (see `passingOn`). */
export function everyFieldPassingOn<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>): z.ZodObject<Shape> {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => [key, passingOn(field as z.ZodType)]),
  );
  return z.object(shape) as unknown as z.ZodObject<Shape>;
}
