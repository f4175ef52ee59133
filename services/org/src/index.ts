import { app } from "./app";
import { consumeContextBatch } from "./queue/context-consumer";

export default {
  fetch: app.fetch,
  queue: (batch, env) => consumeContextBatch(batch, env),
} satisfies ExportedHandler<OrgEnv>;
