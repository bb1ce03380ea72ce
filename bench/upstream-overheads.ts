/**
 * One upstream overhead measured in isolation: for every node update, LangGraph 1.7 derives
 * two partial zod schemas of the graph's state (interopZodObjectPartial, in
 * CompiledStateGraph.attachNode's validateStateUpdates) and parses the update with the new
 * schema, so zod builds and compiles them again each time. Here: the same calls on this
 * project's state schema and a branch's update, against a parse with schemas derived once.
 */
import { interopParse, interopZodObjectPartial } from "@langchain/core/utils/types";
import { schemaMetaRegistry } from "@langchain/langgraph/zod";
import { RecipeFiltersState } from "../src/workflow/state.js";

export interface UpdateValidationCost {
  /** Per node update, as LangGraph does it (schemas derived per update). */
  perUpdateMs: number;
  /** Per node update with the two partial schemas derived once. */
  cachedMs: number;
}

const UPDATE = {
  candidates: [{ column: "cooking_time_min", operator: "<=", value: 10 }],
  warnings: [],
};

export function measureUpdateValidation(iterations = 2_000): UpdateValidationCost {
  const derive = () => ({
    update: interopZodObjectPartial(
      schemaMetaRegistry.getExtendedChannelSchemas(RecipeFiltersState, { withReducerSchema: true }),
    ),
    value: interopZodObjectPartial(RecipeFiltersState),
  });
  const validate = (schemas: ReturnType<typeof derive>) => {
    for (const [key, value] of Object.entries(UPDATE)) interopParse(schemas.update, { [key]: value });
  };
  const time = (fn: () => void) => {
    for (let i = 0; i < 200; i++) fn(); // warm-up
    const start = performance.now();
    for (let i = 0; i < iterations; i++) fn();
    return (performance.now() - start) / iterations;
  };
  const once = derive();
  return { perUpdateMs: time(() => validate(derive())), cachedMs: time(() => validate(once)) };
}
