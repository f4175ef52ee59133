// The app and the consumer are imported on first use rather than at module load: building the
// routes' zod schemas is most of the worker's startup CPU, which every new isolate pays before it
// can serve, and a queue-only isolate never needs the HTTP app (nor an HTTP-only one the consumer).
const loadApp = () => import("./app");
const loadConsumer = () => import("./queue/context-consumer");
const loadDelivery = () => import("./queue/invitation-delivery");
/** The queue name in wrangler.org.toml; every other queue this worker consumes is the context queue. */
const INVITATION_QUEUE = "invitation-delivery-queue";

export default {
  async fetch(request: Request, env: OrgEnv, ctx: ExecutionContext) {
    const { app } = await loadApp();
    return app.fetch(request, env, ctx);
  },
  async scheduled(controller: ScheduledController, env: OrgEnv, _ctx: ExecutionContext) {
    const { runScheduled } = await import("./jobs/scheduled");
    await runScheduled(env, controller.scheduledTime);
  },
  async queue(batch: MessageBatch<unknown>, env: OrgEnv) {
    if (batch.queue === INVITATION_QUEUE) {
      const { consumeInvitationBatch } = await loadDelivery();
      await consumeInvitationBatch(batch, env);
      return;
    }
    const { consumeContextBatch } = await loadConsumer();
    await consumeContextBatch(batch, env);
  },
} satisfies ExportedHandler<OrgEnv>;
