// The app is imported on first use rather than at module load: building the routes' zod schemas is
// most of the worker's startup CPU, which every new isolate pays before it can serve.
const loadApp = () => import("./app");

export default {
  async fetch(request: Request, env: UserEnv, ctx: ExecutionContext) {
    const { app } = await loadApp();
    return app.fetch(request, env, ctx);
  },
  async scheduled(controller: ScheduledController, env: UserEnv, _ctx: ExecutionContext) {
    const { runScheduled } = await import("./jobs/scheduled");
    await runScheduled(env, controller.scheduledTime);
  },
} satisfies ExportedHandler<UserEnv>;
