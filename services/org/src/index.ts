// The app and the consumer are imported on first use rather than at module load: building the
// routes' zod schemas is most of the worker's startup CPU, which every new isolate pays before it
// can serve, and a queue-only isolate never needs the HTTP app (nor an HTTP-only one the consumer).
const loadApp = () => import("./app");
const loadConsumer = () => import("./queue/context-consumer");

export default {
  async fetch(request: Request, env: OrgEnv, ctx: ExecutionContext) {
    const { app } = await loadApp();
    return app.fetch(request, env, ctx);
  },
  async queue(batch: MessageBatch<unknown>, env: OrgEnv) {
    const { consumeContextBatch } = await loadConsumer();
    await consumeContextBatch(batch, env);
  },
  async scheduled(controller: ScheduledController, env: OrgEnv, _ctx: ExecutionContext) {
    const { runScheduled } = await import("./jobs/scheduled");
    await runScheduled(env, controller.scheduledTime);
  },
} satisfies ExportedHandler<OrgEnv>;
